"""MkDocs adapter for the exitguide core: validate, add programme pages, expand markers, post-process.

Thin by design: every decision lives in exitguide/ (no MkDocs import there).
mkdocs-static-i18n builds once per language by re-running the build, so every
event here runs once per language; each handler is idempotent and takes the
language from the page path (sv/… or en/…), never from global theme state.
"""
import sys
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; make the core importable without installing it

from exitguide import docs_check, export, markers, render_program, site_fixes  # noqa: E402
from exitguide.guide import Guide  # noqa: E402
from exitguide.validate import validate  # noqa: E402

log = get_plugin_logger("exitguide")
state = {}


def on_config(config, **_):
    # mkdocs-static-i18n calls this once per language: validate once per state of the data files.
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted((ROOT / "data").glob("*.yaml")))
    if state.get("stamp") == stamp and state.get("docs") == config.docs_dir:
        return config
    result = validate(ROOT / "data", display_root=ROOT)
    for problem in result.problems:
        (log.error if problem.level == "error" else log.info)(problem.format_text())
    messages = [] if result.errors else docs_check.marker_problems(Path(config.docs_dir), Guide.from_result(result))
    messages += [p.format_text() for p in docs_check.parity_problems(Path(config.docs_dir))]
    for message in messages:
        log.error(message)
    if result.errors or messages:
        raise PluginError(f"{len(result.errors) + len(messages)} problem(s) above; nothing was written. "
                          "Run `python -m exitguide check` for the same list without a build.")
    state.update(guide=Guide.from_result(result), stamp=stamp, docs=config.docs_dir)
    return config


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **_):
    lang = config.plugins["i18n"].current_language
    for program in state["guide"].programs:
        url = f"program/{program['id']}/"
        page = File.generated(config, f"{lang}/program/{program['id']}.md", inclusion=InclusionLevel.NOT_IN_NAV,
                              content=render_program.program_page(state["guide"], program, lang, url))
        page.dest_uri = ("" if lang == "sv" else f"{lang}/") + url + "index.html"
        page.locale = page.locale_alternate_of = page.localization = lang
        page.norm_src_uri = f"program/{program['id']}.md"
        page.alternates = {other: _Alternate(("" if other == "sv" else f"{other}/") + url) for other in ("sv", "en")}
        files.append(page)
    config.plugins["i18n"].i18n_files_per_language[lang] = files.documentation_pages()  # the sitemap lists them too
    return files


class _Alternate:  # what the language switcher and the sitemap read from a page's alternate
    page = None

    def __init__(self, url):
        self.url = url


def on_page_markdown(markdown, page, **_):
    lang, _, name = page.file.src_uri.partition("/")
    page_url = page.url[len(lang) + 1:] if page.url.startswith(f"{lang}/") else page.url
    expanded = markers.expand(markdown, state["guide"], lang, page_url, f"docs/{page.file.src_uri}")
    return expanded + "\n\n" + markers.abbreviations(state["guide"], lang) + "\n"


def on_post_page(output, page, **_):
    return site_fixes.fix_page(output, page.file.src_uri.partition("/")[0])


def on_post_template(output, template_name, config, **_):
    if template_name != "404.html":
        return output
    # Each language build writes /404.html; keep the one made in the Swedish (default, first) build.
    if config.plugins["i18n"].current_language == "sv" or "not_found" not in state:
        state["not_found"] = site_fixes.fix_not_found(output, urlparse(config.site_url or "/").path or "/")
    return state["not_found"]


@event_priority(-200)  # after mkdocs-static-i18n has built the other language
def on_post_build(config, **_):
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    site_fixes.split_search_index(site)
    site_fixes.trim_assets(site)
    export.write_open_data(state["guide"], site / export.DATA_DIR)
