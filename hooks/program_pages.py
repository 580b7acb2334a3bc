"""MkDocs adapter: the generated pages. One page per programme and language, from data/programs.yaml
(exitguide.render_program writes it), and one page per comparison question and language
(jamforelse/<slug>/, exitguide.render_compare.question_page).

The pages have no Markdown file. They stay out of the navigation (each page would otherwise render the
whole list, so build time would grow faster than the number of programmes) and are linked from the
programme list and the comparison. Runs after hooks/guide.py has checked the data; the Guide comes from
the same remembered check.
"""
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exitguide import render_compare, render_program, site_check  # noqa: E402


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **_):
    lang = config.plugins["i18n"].current_language
    guide = site_check.checked_data(ROOT / "data", ROOT)[1]
    for program in guide.programs:
        files.append(_generated(config, lang, f"program/{program['id']}",
                                render_program.program_page(guide, program, lang, f"program/{program['id']}/")))
    for question in render_compare.QUESTION_PAGES:
        url = render_compare.question_url(question.slug)
        files.append(_generated(config, lang, url.rstrip("/"), render_compare.question_page(guide, question, lang)))
    config.plugins["i18n"].i18n_files_per_language[lang] = files.documentation_pages()  # the sitemap lists them too
    return files


def _generated(config, lang: str, path: str, content: str) -> File:
    """A page of `lang` at <path>/ (English under en/), out of the navigation, that the language switch pairs
    with the same path in the other language."""
    url = f"{path}/"
    page = File.generated(config, f"{lang}/{path}.md", inclusion=InclusionLevel.NOT_IN_NAV, content=content)
    page.dest_uri = ("" if lang == "sv" else f"{lang}/") + url + "index.html"
    page.locale = page.locale_alternate_of = page.localization = lang
    page.norm_src_uri = f"{path}.md"
    page.alternates = {other: Alternate(("" if other == "sv" else f"{other}/") + url) for other in ("sv", "en")}
    return page


class Alternate:  # what the language switcher and the sitemap read from a page's alternate
    page = None

    def __init__(self, url):
        self.url = url
