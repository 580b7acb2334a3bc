"""MkDocs adapter for the exitguide core: check before writing, expand markers, post-process pages.

Every decision lives in exitguide/ (no MkDocs import there); hooks/program_pages.py adds the
programme pages. mkdocs-static-i18n re-runs the build once per language, so each event here runs
once per language: handlers are idempotent and take the language from the page path (sv/… or en/…).
"""
import logging
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; make the core importable without installing it

from exitguide import export, markers, search_index, site_check, site_fixes  # noqa: E402

log = get_plugin_logger("exitguide")
state = {"slots": {}}


class OncePerSession(logging.Filter):
    """Under `mkdocs serve`: a warning or note already printed in this session is not printed again on every
    rebuild (a changed warning has a new text, so it shows); errors always show, since they stop the build."""

    def __init__(self):
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        text = record.getMessage()
        if text in self.seen:
            return False
        self.seen.add(text)
        return True


def on_startup(command, **_):
    state["serving"] = command == "serve"
    if state["serving"] and not any(isinstance(f, OncePerSession) for f in log.logger.filters):
        log.logger.addFilter(OncePerSession())


def on_config(config, **_):
    result, guide = site_check.checked_data(ROOT / "data", ROOT)
    if state.get("checked") == (result, config.docs_dir):
        return config  # the other language's pass, or a rebuild with the same data: reported already
    messages = site_check.docs_messages(Path(config.docs_dir), guide)
    for problem in result.problems:
        (log.error if problem.level == "error" else log.info)(problem.format_text())
    for message in messages:
        log.error(message)
    if result.errors or messages:
        raise PluginError(f"{len(result.errors) + len(messages)} problem(s) above; nothing was written. "
                          "Run `python -m exitguide check` for the same list without a build.")
    state.update(checked=(result, config.docs_dir), guide=guide)
    return config


def on_env(env, **_):  # both language passes and every serve rebuild would compile the theme's templates again
    (cache := ROOT / ".cache" / "templates").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))  # keyed by template name and source checksum
    return env


def on_page_markdown(markdown, page, **_):
    lang = page.file.src_uri.partition("/")[0]
    page_url = page.url.removeprefix(f"{lang}/")
    expanded, state["slots"][page.file.src_uri] = markers.expand_with_slots(
        markdown, state["guide"], lang, page_url, f"docs/{page.file.src_uri}", generated=page.file.generated_by is not None)
    return expanded + "\n\n" + markers.abbreviations(state["guide"], lang) + "\n"


def on_page_content(html, page, **_):  # generated HTML goes in after Markdown, which need not parse it
    return markers.fill_slots(html, state["slots"].pop(page.file.src_uri, []))


# mkdocs serve injects its live-reload script inline before </body>, with the build's epoch and a per-request
# id in its text (mkdocs/livereload/__init__.py, _inject_js_into_html), so no hash can name it in advance.
# Under serve only, the page's policy allows inline scripts instead of listing hashes (a policy with hashes
# ignores 'unsafe-inline'); every other directive stays as built. A build never gets this.
SERVE_SCRIPT_SRC = "script-src 'self' 'unsafe-inline';"
SCRIPT_SRC = re.compile(r"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?)script-src [^;\"]*;")


def allow_live_reload(html: str) -> str:
    served, count = SCRIPT_SRC.subn(lambda m: m.group(1) + SERVE_SCRIPT_SRC, html, count=1)
    if count != 1:
        raise PluginError("serve: no script-src in the page's Content-Security-Policy meta tag to allow "
                          "mkdocs serve's live-reload script in; exitguide/site_fixes.py: fix_page writes that tag.")
    return served


def on_post_page(output, page, **_):
    html = site_fixes.fix_page(output, page.file.src_uri.partition("/")[0])
    return allow_live_reload(html) if state.get("serving") else html


def on_post_template(output, template_name, config, **_):
    if template_name != "404.html":
        return output
    # Every language pass writes /404.html; keep the one from the Swedish (default, first) pass.
    if config.plugins["i18n"].current_language == "sv" or "not_found" not in state:
        state["not_found"] = site_fixes.fix_not_found(output, urlparse(config.site_url or "/").path or "/")
    return state["not_found"]


@event_priority(-200)  # after mkdocs-static-i18n has built the other language
def on_post_build(config, **_):
    if not config.plugins["i18n"].building:
        search_index.split_and_enrich(Path(config.site_dir), state["guide"])
        site_fixes.trim_assets(Path(config.site_dir))
        export.write_open_data(state["guide"], Path(config.site_dir) / export.DATA_DIR)
