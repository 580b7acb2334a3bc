"""The post-processing of built pages, one fix at a time; and every edit of the theme's output fails loudly,
naming itself, when the theme's markup no longer has what it edits (a Material update must not silently undo
a fix)."""
import pytest

from exitguide import site_fixes
from exitguide.site_fixes import LAZY_SEARCH, ThemeMarkupChanged, csp_for, fix_page

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# What the theme and overrides/main.html render, reduced to the markup the edits rely on.
PAGE = ('<html><head><!--content-security-policy--><title>T</title>'
        '<link rel="alternate" href="../en/x/" hreflang="en"><link rel="alternate" href="./" hreflang="sv"><script>var a=1</script>'
        '</head><body><header class="md-header"><!--quick-exit-band--></header>'
        f'{SEARCH_DIALOG}</div><label class="md-nav__link" tabindex="">N</label>'
        '<p><abbr title="x">SIG</abbr> <a href="#"><abbr title="y">OSL</abbr></a></p>'
        '<script id="__config" type="application/json">{"annotate": null, "base": "..", "features": []}</script>'
        f'{LAZY_SEARCH}\n  {BUNDLE}</body></html>')


def test_csp_meta_with_hashes_of_inline_scripts():
    html = fix_page(PAGE, "sv")
    assert '<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'sha256-' in html
    assert "<!--content-security-policy-->" not in html
    assert csp_for("<script>var a=1</script>").count("sha256-") == 1
    assert csp_for('<script src="x.js"></script>').count("sha256-") == 0
    assert csp_for(html).count("sha256-") == 2  # the theme's script and the lazy-search script


def test_quick_exit_band_fills_the_slot_in_the_header():
    html = fix_page(PAGE, "en")
    assert '<header class="md-header"><div class="quick-exit" data-quick-exit' in html and "<!--quick-exit-band-->" not in html


def test_relative_hreflang_links_removed_from_head():
    assert "hreflang" not in fix_page(PAGE, "sv").split("</head>")[0]


def test_search_dialog_gets_a_name_in_the_page_language():
    assert 'role="dialog" aria-label="Search"' in fix_page(PAGE, "en")
    assert 'role="dialog" aria-label="Sök"' in fix_page(PAGE, "sv")


def test_abbreviations_focusable_except_inside_links():
    html = site_fixes.focusable_abbreviations('<p><abbr title="x">SIG</abbr> <a href="#"><abbr title="y">OSL</abbr></a></p>')
    assert html == '<p><abbr tabindex="0" title="x">SIG</abbr> <a href="#"><abbr title="y">OSL</abbr></a></p>'


def test_empty_tabindex_removed():
    assert 'tabindex=""' not in fix_page(PAGE, "sv")


def test_english_pages_use_the_english_search_index():
    assert '"base": "../en/"' in fix_page(PAGE, "en")
    assert '"base": ".."' in fix_page(PAGE, "sv")


def test_live_reload_allowance_changes_script_src_only():
    served = site_fixes.allow_live_reload(fix_page(PAGE, "sv"))
    assert "script-src 'self' 'unsafe-inline'; style-src 'self';" in served and "sha256-" not in served


# Each edit of the theme's output, and markup in which it no longer finds what it edits as often as it should,
# as Material could change it (a renamed attribute or block, a lost slot, a duplicate): the edit's name, the
# page's language, the markup changed from `old` to `new`, and how often the edit then finds its pattern.
CHANGED_MARKUP = [
    ("CSP_META", "sv", "<!--content-security-policy-->", "", 0),  # the site_meta block was renamed: no slot
    ("QUICK_EXIT_BAND", "sv", "<!--quick-exit-band--></header>", "</header>", 0),  # the header block lost its </header>
    ("QUICK_EXIT_BAND", "sv", "<!--quick-exit-band-->", "<!--quick-exit-band--><!--quick-exit-band-->", 2),
    ("HREFLANG_LINKS", "sv", '<link rel="alternate" href="../en/x/" hreflang="en"><link rel="alternate" href="./" hreflang="sv">',
     '<link rel="alternate" hreflang="en" href="../en/x/">', 0),  # attributes in another order
    ("SEARCH_DIALOG_NAME", "sv", SEARCH_DIALOG, '<dialog class="md-search" data-md-component="search">', 0),
    ("SEARCH_DIALOG_NAME", "en", SEARCH_DIALOG, SEARCH_DIALOG + "</div>" + SEARCH_DIALOG, 2),
    ("EMPTY_TABINDEX", "sv", ' tabindex=""', "", 0),  # the theme fixed it: the edit is no longer needed
    ("SEARCH_BASE", "en", '"base": ".."', '"base_url": ".."', 0),
    ("LAZY_SEARCH_FIRST", "sv", f"{LAZY_SEARCH}\n  {BUNDLE}", BUNDLE, 0),  # the scripts block was renamed
    ("LAZY_SEARCH_FIRST", "sv", f"{LAZY_SEARCH}\n  {BUNDLE}", f"{BUNDLE}{LAZY_SEARCH}", 0),  # after the bundle: too late
    ("SEARCH_HELP", "sv", "</body>", "", 0),  # a page without its closing body tag
]


@pytest.mark.parametrize("name, lang, old, new, found", CHANGED_MARKUP, ids=[f"{row[0]}-{i}" for i, row in enumerate(CHANGED_MARKUP)])
def test_an_edit_whose_markup_changed_stops_naming_itself(name, lang, old, new, found):
    assert PAGE.count(old) == 1
    fix_page(PAGE, lang)  # the unchanged markup passes
    with pytest.raises(ThemeMarkupChanged) as raised:
        fix_page(PAGE.replace(old, new), lang)
    edit = getattr(site_fixes, name)
    wanted = f"exactly {edit.count}" if edit.count else "at least 1"
    assert str(raised.value) == (f"theme edit {name}: expected {wanted} × {edit.expected}; found {found}. Tip: Material's markup "
                                 f"changed; see exitguide/site_fixes.py {name}: adjust the pattern to the new markup, or drop "
                                 "the edit if the theme now does this itself.")


def test_every_theme_edit_has_a_changed_markup_case():
    assert {row[0] for row in CHANGED_MARKUP} == {edit.name for edit in site_fixes.THEME_EDITS}


def test_the_message_says_what_the_theme_was_expected_to_contain():
    with pytest.raises(ThemeMarkupChanged) as raised:
        fix_page(PAGE.replace(SEARCH_DIALOG, "<div>"), "sv")
    assert str(raised.value) == (
        'theme edit SEARCH_DIALOG_NAME: expected exactly 1 × class="md-search" data-md-component="search" role="dialog" '
        "(partials/search.html); found 0. Tip: Material's markup changed; see exitguide/site_fixes.py SEARCH_DIALOG_NAME: "
        "adjust the pattern to the new markup, or drop the edit if the theme now does this itself.")
