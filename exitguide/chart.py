"""Outcome counts as a small inline SVG bar chart, drawn at build time.

No chart library and no JavaScript: the SVG is plain markup, every label is
escaped, and it carries a title and description for screen readers. The table
printed under it is the full text alternative.
"""
from __future__ import annotations

from .guide import share
from .htmlkit import esc, number, percent
from .labels import label

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 90


def outcome_chart(outcome: dict, lang: str, chart_id: str) -> str:
    counts = outcome["counts"]
    by_id = {c["id"]: c["count"] for c in counts}
    largest = max(c["count"] for c in counts) or 1
    height = len(counts) * (BAR_HEIGHT + GAP) + GAP
    title = label(lang, "chart_title", title=outcome["title"][lang])
    summary = []
    rows = []
    for index, count in enumerate(counts):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(2, round(BAR_WIDTH * count["count"] / largest))
        value = number(count["count"], lang)
        if count.get("of") in by_id:
            value += f" ({percent(share(count['count'], by_id[count['of']]), lang)})"
        summary.append(f"{count['label'][lang]}: {value}")
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" text-anchor="end">{esc(count["label"][lang])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" class="bar"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR_HEIGHT - 6}">{esc(value)}</text>')
    description = label(lang, "chart_desc") + " " + "; ".join(summary) + "."
    return (f'<svg class="outcome-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-t">{esc(title)}</title><desc id="{chart_id}-d">{esc(description)}</desc>'
            + "".join(rows) + "</svg>")
