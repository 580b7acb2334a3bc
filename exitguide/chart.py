"""Bar charts drawn at build time: the outcome counts on programme pages and the coverage per county.

No chart library and no JavaScript. The labels and figures are HTML text, so they are always the size of the
body text, wrap on a narrow screen instead of shrinking, and are read by screen readers as a list
(an SVG with a viewBox scales its text with the chart, to about 7 px on a phone). Only the bar itself is a
small SVG, hidden from screen readers, whose width is a percentage (the Content-Security-Policy allows no
inline style attribute). Every label is escaped. On programme pages the table printed under the chart is
the full text alternative with the definitions; print shows the chart instead of the table.
"""
from __future__ import annotations

from dataclasses import dataclass

from .guide import outcome_counts
from .htmlkit import esc, number, percent
from .labels import label


@dataclass(frozen=True)
class Bar:
    label: str        # plain text; escaped here
    fraction: float   # 0..1 of the full bar
    value: str        # plain text shown after the bar (the figure, with its share)


def bar_width(fraction: float) -> str:
    """The bar's width as an SVG percentage; a count above zero stays visible."""
    width = round(max(0.0, min(1.0, fraction)) * 100, 1)
    if fraction > 0 and width < 0.5:
        width = 0.5
    return f"{width:g}%"


def bar_list(bars: list[Bar], chart_id: str, track: bool = False) -> str:
    """The rows of a bar chart as a list: label, bar, value. `track` draws the full length behind each bar
    (for parts of a known whole, such as municipalities in a county)."""
    rows = []
    for bar in bars:
        background = '<rect class="bar-track" width="100%" height="100%"></rect>' if track else ""
        rows.append(f'<li class="bar-chart__row"><span class="bar-chart__label">{esc(bar.label)}</span>'
                    f'<svg class="bar-chart__bar" aria-hidden="true" focusable="false">{background}'
                    f'<rect class="bar" width="{bar_width(bar.fraction)}" height="100%"></rect></svg>'
                    f'<span class="bar-chart__value">{esc(bar.value)}</span></li>')
    return f'<ul class="bar-chart__rows" aria-labelledby="{esc(chart_id)}-t">' + "".join(rows) + "</ul>"


def outcome_chart(outcome: dict, lang: str, chart_id: str) -> str:
    """One follow-up's counts as bars in proportion to the largest, each part with its share of its whole."""
    parts = outcome_counts(outcome)
    largest = max(part.count["count"] for part in parts) or 1
    bars = []
    for part in parts:
        value = number(part.count["count"], lang)
        if part.whole:
            value += f" ({percent(part.percent, lang)})"
        bars.append(Bar(part.count["label"][lang], part.count["count"] / largest, value))
    title = label(lang, "chart_title", title=outcome["title"][lang])
    return (f'<div class="bar-chart outcome-chart">'
            f'<p class="bar-chart__title" id="{esc(chart_id)}-t">{esc(title)}</p>{bar_list(bars, chart_id)}</div>')
