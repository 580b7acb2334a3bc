"""MkDocs adapter for the theme: what the templates are given, and the post-processing of every rendered page.

- on_env: compiled templates are cached in .cache/templates (each language's build and every `serve` rebuild
  would compile the theme again), and overrides/main.html gets the lazy-search script to put in its block and
  feeds.feed_path for its link to the language's Atom feed.
- The 404 page (overrides/404.html): its bilingual content, and a language menu that leads to the home pages.
  Every language's build writes the same /404.html; the Swedish build's page is the one kept.
- exitguide/site_fixes.py: fix_page on every page; under `mkdocs serve` only, a policy that lets MkDocs'
  live-reload script run. When the theme's markup no longer has what an edit changes, the build stops with
  the page and the edit's name (ThemeMarkupChanged).
Assumes mkdocs-static-i18n sets the theme's language for each language's build (config.theme["language"]) and
Material's documented extra.alternate (the language menu) before the theme's templates render.
"""
import sys
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exitguide import feeds, site_fixes  # noqa: E402
from exitguide.htmlkit import page_in_language, relative  # noqa: E402
from exitguide.labels import DEFAULT_LANGUAGE  # noqa: E402

state = {}


def on_startup(command, **_):
    state["serving"] = command == "serve"


def on_env(env, **_):
    (cache := ROOT / ".cache" / "templates").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))  # keyed by template name and source checksum
    env.globals["lazy_search_script"] = site_fixes.LAZY_SEARCH
    env.globals["feed_path"] = feeds.feed_path  # where the page language's Atom feed is, from the site root
    return env


def on_template_context(context, template_name, config, **_):
    if template_name == "404.html":
        root = urlparse(config.site_url or "/").path or "/"
        context["not_found_message"] = site_fixes.not_found_message(root)
        config.extra["alternate"] = site_fixes.not_found_alternates(config.extra["alternate"], root)
    return context


def on_post_page(output, page, **_):
    lang = page.file.src_uri.partition("/")[0]
    home = relative("", page_in_language(page.url, lang)) + "/"  # the language's home page, seen from this page
    html = _fixed(output, lang, page.file.src_uri, home)
    return site_fixes.allow_live_reload(html) if state.get("serving") else html


def on_post_template(output, template_name, config, **_):
    if template_name == "404.html" and (config.theme["language"] == DEFAULT_LANGUAGE or "not_found" not in state):
        root = urlparse(config.site_url or "/").path or "/"
        state["not_found"] = _fixed(output, DEFAULT_LANGUAGE, template_name, site_fixes.home_pages(root)[DEFAULT_LANGUAGE])
    return state["not_found"] if template_name == "404.html" else output


def _fixed(html: str, lang: str, name: str, home: str) -> str:
    try:
        return site_fixes.fix_page(html, lang, home)
    except site_fixes.ThemeMarkupChanged as error:
        raise PluginError(f"{name}: {error}") from None
