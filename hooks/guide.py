"""MkDocs adapter for the exitguide core: check before writing, expand markers, post-process pages,
and build into a temporary folder that replaces the site only when the whole build succeeded.

Every decision lives in exitguide/ (no MkDocs import there); hooks/program_pages.py adds the
programme pages. mkdocs-static-i18n re-runs the build once per language, so each event here runs
once per language: handlers are idempotent and take the language from the page path (sv/… or en/…).

Nothing half-written: `mkdocs build` empties site_dir before it writes, and a strict build stops on
a warning only after every page is written (mkdocs/commands/build.py raises Abort after on_post_build).
So for `build` and `gh-deploy` the site is written to a sibling temporary folder
(.<site>.building-…) and renamed into place at the end of on_post_build, once it is known that the
build stands: no error was raised, and in strict mode no warning was logged (counted here with a
handler of our own on the 'mkdocs' logger, the logger whose warnings make MkDocs abort). A failed
build (on_build_error) or a strict-mode abort leaves the previous site as it was and removes the
temporary folder. `mkdocs serve` builds into a temporary folder of its own and is left alone.
"""
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; make the core importable without installing it

from exitguide import export, feeds, markers, search_index, site_check, site_fixes  # noqa: E402
from exitguide.htmlkit import relative  # noqa: E402

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




class _WarningCounter(logging.Handler):
    """Counts warnings as MkDocs' strict mode does (mkdocs.utils.CountHandler on the 'mkdocs' logger)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def on_startup(command, dirty, **_):
    state["serving"] = command == "serve"
    if state["serving"] and not any(isinstance(f, OncePerSession) for f in log.logger.filters):
        log.logger.addFilter(OncePerSession())
    # Only a full build swaps folders: `serve` rebuilds into a temporary folder of its own and serves it live,
    # and a --dirty build is asked to update the existing folder in place.
    state["atomic"] = command in ("build", "gh-deploy") and not dirty


@event_priority(100)  # first, so the warning count starts where MkDocs' own does
def on_config(config, **_):
    result, guide = site_check.checked_data(ROOT / "data", ROOT)
    if state.get("checked") != (result, config.docs_dir):  # not the other language's pass, nor an unchanged rebuild
        problems = result.problems + site_check.docs_problems(Path(config.docs_dir), guide)
        for problem in problems:
            (log.error if problem.level == "error" else log.info)(problem.format_text())
        errors = [p for p in problems if p.level == "error"]
        if errors:
            raise PluginError(f"{len(errors)} problem(s) above; nothing was written. "
                              "Run `python -m exitguide check` for the same list without a build.")
        state.update(checked=(result, config.docs_dir), guide=guide)
    if state.get("atomic") and "final_site" not in state:
        _start_atomic_build(config)
    return config


def _start_atomic_build(config) -> None:
    final = Path(config.site_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    state["final_site"] = final
    state["building_site"] = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.building-"))
    state["warnings"] = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(state["warnings"])
    config.site_dir = str(state["building_site"])


def on_env(env, **_):  # both language passes and every serve rebuild would compile the theme's templates again
    (cache := ROOT / ".cache" / "templates").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))  # keyed by template name and source checksum
    return env


def on_page_markdown(markdown, page, config, **_):
    lang = page.file.src_uri.partition("/")[0]
    page_url = page.url.removeprefix(f"{lang}/")
    expanded, state["slots"][page.file.src_uri] = markers.expand_with_slots(
        markdown, state["guide"], lang, page_url, f"docs/{page.file.src_uri}", generated=page.file.generated_by is not None,
        settings={"repository": config.extra.get("repository")})
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
    lang = page.file.src_uri.partition("/")[0]
    html = site_fixes.fix_page(output, lang, home=relative("", page.url.removeprefix(f"{lang}/")) + "/")
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
    if config.plugins["i18n"].building:
        return
    search_index.split_and_enrich(Path(config.site_dir), state["guide"])
    site_fixes.trim_assets(Path(config.site_dir))
    export.write_open_data(state["guide"], Path(config.site_dir) / export.DATA_DIR)
    try:
        feeds.write_feeds(state["guide"], Path(config.site_dir), config.site_url)
    except feeds.FeedError as error:
        raise PluginError(str(error)) from error
    if "building_site" in state:
        if config.strict and state["warnings"].count:
            return  # MkDocs aborts right after this event; on_build_error discards the folder
        _swap_in(config)


def _swap_in(config) -> None:
    """Put the finished site where the maintainer asked for it: two renames in one folder."""
    final, built = state.pop("final_site"), state.pop("building_site")
    _stop_counting()
    built.chmod(0o755)  # mkdtemp makes the folder private; a site is meant to be served
    old = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.old-"))
    try:
        if final.exists() or final.is_symlink():
            try:
                os.replace(final, old / final.name)
            except OSError:  # the folder itself cannot move (a mount point): swap what is in it instead
                _swap_contents(built, final, old)
                return
        try:
            os.replace(built, final)
        except OSError:
            if (old / final.name).exists():
                os.replace(old / final.name, final)  # the previous site goes back
            raise
    finally:
        config.site_dir = str(final)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(built, ignore_errors=True)


def _swap_contents(built: Path, final: Path, old: Path) -> None:
    """Move the old site's entries aside, then the new ones in; on failure, put the old ones back."""
    moved_out, moved_in = [], []
    try:
        for entry in list(final.iterdir()):
            os.replace(entry, old / entry.name)
            moved_out.append(entry.name)
        for entry in list(built.iterdir()):
            os.replace(entry, final / entry.name)
            moved_in.append(entry.name)
    except OSError:
        for name in moved_in:
            os.replace(final / name, built / name)
        for name in moved_out:
            os.replace(old / name, final / name)
        raise


def _stop_counting() -> None:
    counter = state.pop("warnings", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)


def _discard() -> None:
    """A failed build: the previous site stays as it was; the unfinished one goes."""
    built = state.pop("building_site", None)
    state.pop("final_site", None)
    _stop_counting()
    if built is not None:
        shutil.rmtree(built, ignore_errors=True)


def on_build_error(error, **_):
    _discard()


def on_shutdown(**_):
    _discard()  # anything still unfinished (an interrupted build) is removed
