"""MkDocs adapter for an atomic build: the site is replaced only when the whole build stood.

`mkdocs build` empties site_dir before it writes, and a strict build stops on a warning only after every page
is written (mkdocs/commands/build.py raises Abort after on_post_build). So `build` and `gh-deploy` write into a
temporary sibling folder (exitguide/site_swap.py), swapped into place at the very end, once it is known that
the build stands: no error was raised, and in strict mode no warning was logged (counted on the 'mkdocs'
logger, whose warnings make MkDocs abort: exitguide/build_log.py). A failed or aborted build leaves the
previous site as it was. `serve` (its own temporary folder) and --dirty builds (asked to update the folder in
place) are left alone. Under `serve`, a note printed once is not printed again on every rebuild.
"""
import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exitguide import build_log, site_swap  # noqa: E402

state = {}


def on_startup(command, dirty, **_):
    if command == "serve":
        build_log.filter_once_per_session(get_plugin_logger("exitguide").logger)
    state["atomic"] = command in ("build", "gh-deploy") and not dirty


@event_priority(100)  # first, so the warning count starts where MkDocs' own does
def on_config(config, **_):
    if state.get("atomic") and "swap" not in state:  # not the other language's build, which runs inside this one
        state.update(swap=site_swap.SiteSwap(Path(config.site_dir)), warnings=build_log.WarningCounter())
        logging.getLogger("mkdocs").addHandler(state["warnings"])
        config.site_dir = str(state["swap"].building)
    return config


@event_priority(-300)  # last: after hooks/guide.py (-200) has written the open data and search indexes
def on_post_build(config, **_):
    if config.plugins["i18n"].building or "swap" not in state:
        return
    swap, warnings = _stop_counting()
    if config.strict and warnings.count:
        return swap.discard()  # MkDocs aborts right after this event
    try:
        swap.swap_in()
    finally:
        config.site_dir = str(swap.final)


def _stop_counting():
    logging.getLogger("mkdocs").removeHandler(state["warnings"])
    return state.pop("swap"), state.pop("warnings")


def on_build_error(**_):  # and on_shutdown: an interrupted build's folder goes too
    if "swap" in state:
        _stop_counting()[0].discard()


on_shutdown = on_build_error
