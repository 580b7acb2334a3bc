"""The post-processing of built pages, one fix at a time."""
from exitguide.site_fixes import csp_for, fix_page

PAGE = ('<html><head><title>T</title><link rel="alternate" href="../en/x/" hreflang="en"><script>var a=1</script>'
        '<script id="__config" type="application/json">{"base": ".."}</script></head><body>'
        '<div class="md-search" data-md-component="search" role="dialog"></div><label class="md-nav__link" tabindex="">N</label>'
        '<p><abbr title="x">SIG</abbr> <a href="#"><abbr title="y">OSL</abbr></a></p>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>')


def test_csp_meta_with_hashes_of_inline_scripts():
    html = fix_page(PAGE, "sv")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'sha256-' in html
    assert csp_for("<script>var a=1</script>").count("sha256-") == 1
    assert csp_for('<script src="x.js"></script>').count("sha256-") == 0


def test_relative_hreflang_links_removed_from_head():
    assert 'hreflang="en"' not in fix_page(PAGE, "sv").split("</head>")[0]


def test_search_dialog_gets_a_name_in_the_page_language():
    assert 'role="dialog" aria-label="Search"' in fix_page(PAGE, "en")


def test_abbreviations_focusable_except_inside_links():
    html = fix_page(PAGE, "sv")
    assert '<abbr tabindex="0" title="x">SIG</abbr>' in html
    assert '<a href="#"><abbr title="y">OSL</abbr></a>' in html


def test_empty_tabindex_removed():
    assert 'tabindex=""' not in fix_page(PAGE, "sv")


def test_english_pages_use_the_english_search_index():
    assert '"base": "../en/"' in fix_page(PAGE, "en")


def test_search_index_request_held_by_a_script_that_runs_before_the_bundle():
    html = fix_page(PAGE, "sv")
    lazy, bundle = html.index("isSearchIndex"), html.index('src="../assets/javascripts/bundle.')
    assert lazy < bundle and html.count("isSearchIndex = /") == 1
    assert csp_for(html).count("sha256-") == 2  # the theme's script and the lazy-search script
