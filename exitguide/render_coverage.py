"""The coverage page ("Var finns stöd?" / "Where is support?"): all 21 counties, the programmes known to
serve each, and for a county with none the routes that apply everywhere, in the guide's own words:
"the guide knows of no programme here" (never "there is none"). Rendered by `<!-- guide:coverage -->`.

Every figure is computed from the data (coverage.py) on the day of the build; the bar chart is drawn by
chart.py (HTML labels at the body text's size, no library, nothing from another host).
"""
from __future__ import annotations

from . import coverage
from .chart import Bar, bar_list
from .guide import Guide
from .htmlkit import esc, number, phone_link, program_url, relative, text
from .labels import label


def county_id(key: str) -> str:
    return "lan-" + key.replace("_", "-")


def _everywhere_routes(guide: Guide, lang: str) -> str:
    """The routes for a person who wants out that apply in every municipality, with their numbers from data."""
    items = []
    for route in guide.routes:
        if "person" in route["audiences"] and not route.get("serves") and not route.get("emergency"):
            phone = f' {phone_link(route["phone"])}' if route.get("phone") else ""
            items.append(f"<li>{text(route['title'], lang)}{phone}</li>")
    return "<ul class=\"everywhere\">" + "".join(items) + "</ul>"


def _names(guide: Guide, keys: list[str], lang: str) -> str:
    return ", ".join(sorted((guide.vocab_label("municipalities", k, lang) for k in keys), key=str.casefold))


def _chart(guide: Guide, counties: list[coverage.County], lang: str) -> str:
    """Municipalities with a known programme, per county, as bars against the county's whole (chart.py)."""
    bars = []
    for county in counties:
        total = len(county.municipalities)
        bars.append(Bar(guide.vocab_label("counties", county.key, lang), len(county.covered) / total if total else 0,
                        label(lang, "coverage_bar", covered=len(county.covered), total=total)))
    title = label(lang, "coverage_chart_title")
    return (f'<figure class="coverage-chart bar-chart"><figcaption id="coverage-chart-t">{esc(title)}</figcaption>'
            f'{bar_list(bars, "coverage-chart", track=True)}</figure>')


def coverage_block(guide: Guide, lang: str, page_url: str) -> str:
    counties = coverage.by_county(guide)
    covered = sum(len(c.covered) for c in counties)
    total = len(guide.vocabularies["municipalities"])
    out = [f'<p class="coverage-total">{esc(label(lang, "coverage_total", covered=number(covered, lang), total=number(total, lang), date=guide.today.isoformat()))}</p>',
           _chart(guide, counties, lang),
           f'<nav class="coverage-jump" aria-label="{esc(label(lang, "coverage_jump"))}"><p>{esc(label(lang, "coverage_jump"))}</p><ul>'
           + "".join(f'<li><a href="#{county_id(c.key)}">{esc(guide.vocab_label("counties", c.key, lang))}</a></li>' for c in counties)
           + "</ul></nav>"]
    national = coverage.national_programs(guide)
    if national:
        links = "".join(f'<li><a href="{esc(relative(program_url(p["id"]), page_url))}">{text(p["name"], lang)}</a></li>' for p in national)
        out.append(f'<p>{esc(label(lang, "coverage_national"))}</p><ul>{links}</ul>')
    for county in counties:
        name = guide.vocab_label("counties", county.key, lang)
        heading = f'<h3 id="{county_id(county.key)}">{esc(name)}</h3>'
        count = label(lang, "coverage_county", covered=len(county.covered), total=len(county.municipalities))
        if county.programs:
            items = []
            for program in county.programs:
                served = sorted(coverage.served_municipalities(guide, program) & set(county.municipalities))
                places = ", ".join(guide.vocab_label("municipalities", m, lang) for m in served)
                href = relative(program_url(program["id"]), page_url)
                items.append(f'<li><a href="{esc(href)}">{text(program["name"], lang)}</a> ({esc(places)})</li>')
            body = f'<p>{esc(count)}</p><ul>{"".join(items)}</ul>'
            rest = [m for m in county.municipalities if m not in county.covered]
            if rest:
                body += (f'<p class="coverage-rest">{esc(label(lang, "coverage_rest"))} {esc(_names(guide, rest, lang))}. '
                         f'{esc(label(lang, "coverage_everywhere_short"))}</p>{_everywhere_routes(guide, lang)}')
        else:
            body = (f'<p class="coverage-none">{esc(label(lang, "coverage_none"))}</p>'
                    f'<p class="coverage-rest">{esc(label(lang, "coverage_municipalities"))} {esc(_names(guide, county.municipalities, lang))}.</p>'
                    f'<p>{esc(label(lang, "coverage_everywhere"))}</p>{_everywhere_routes(guide, lang)}')
        out.append(f'<section class="coverage-county" aria-labelledby="{county_id(county.key)}">{heading}{body}</section>')
    return "\n".join(out)
