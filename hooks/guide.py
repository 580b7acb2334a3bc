"""MkDocs adapter for the content: check before writing, the programme pages, the markers, and what is written
once both languages are built (search indexes, open data). Event wiring only; the work is in exitguide/.

mkdocs-static-i18n builds once per language (the second build runs inside the first one's on_post_build), so
handlers are idempotent and take the language from the page path. The programme pages are Markdown files in a
temporary docs overlay (exitguide/docs_overlay.py) that on_config points docs_dir at; the end of the build, or
its failure, points docs_dir back at docs/ (which `serve` watches) and removes the overlay.
"""
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; make the core importable without installing it

from exitguide import docs_overlay, export, feeds, markers, search_index, site_check, site_fixes  # noqa: E402
from exitguide.htmlkit import page_in_language  # noqa: E402

log = get_plugin_logger("exitguide")
state = {"slots": {}}


@event_priority(100)  # first: nothing is written if the data or a page is wrong
def on_config(config, **_):
    if config.docs_dir == str(state.get("overlay")):  # the other language's build: checked and written already
        return config
    docs, (result, guide) = Path(config.docs_dir), site_check.checked_data(ROOT / "data", ROOT)
    if state.get("checked") != (result, docs):  # not an unchanged rebuild under `serve`
        problems = result.problems + site_check.docs_problems(docs, guide)
        for problem in problems:
            (log.error if problem.level == "error" else log.info)(problem.format_text())
        if errors := [p for p in problems if p.level == "error"]:
            raise PluginError(f"{len(errors)} problem(s) above; nothing was written. "
                              "Run `python -m exitguide check` for the same list without a build.")
        state.update(checked=(result, docs), guide=guide)
    pages = docs_overlay.generated_pages(guide)
    try:
        state.update(generated=set(pages), overlay=docs_overlay.write_overlay(docs, pages), restore=(config, docs))
    except docs_overlay.OverlayError as error:
        raise PluginError(str(error)) from None
    config.docs_dir = str(state["overlay"])
    return config


def on_page_markdown(markdown, page, config, **_):
    lang, name = page.file.src_uri.partition("/")[0], page.file.src_uri
    expanded, state["slots"][name] = markers.expand_with_slots(
        markdown, state["guide"], lang, page_in_language(page.url, lang), f"docs/{name}", generated=name in state["generated"],
        settings={"repository": config.extra.get("repository")})
    return expanded + "\n\n" + markers.abbreviations(state["guide"], lang) + "\n"


def on_page_content(html, page, **_):  # generated HTML goes in after Markdown, which need not parse it
    return site_fixes.focusable_abbreviations(markers.fill_slots(html, state["slots"].pop(page.file.src_uri, [])))


@event_priority(-200)  # after mkdocs-static-i18n has built the other language
def on_post_build(config, **_):
    if config.plugins["i18n"].building:
        return
    search_index.split_and_enrich(Path(config.site_dir), state["guide"])
    site_fixes.trim_assets(Path(config.site_dir))
    export.write_open_data(state["guide"], Path(config.site_dir) / export.DATA_DIR)
    try:
        feeds.write_feeds(state["guide"], Path(config.site_dir), config.site_url)
    except feeds.FeedError as error:
        raise PluginError(str(error)) from error
    on_shutdown()  # the overlay goes; hooks/build.py swaps the finished site in after this


def on_shutdown(**_):  # also on_build_error
    docs_overlay.remove_overlay(state.pop("overlay", None))
    if "restore" in state:
        config, docs = state.pop("restore")
        config.docs_dir = str(docs)


on_build_error = on_shutdown
