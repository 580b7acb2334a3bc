"""The coverage page ("Var finns stöd?" / "Where is support?") as a reader sees it, in both languages: all 21
counties, each county's programmes, "the guide knows of no programme here" where there is none (never "there is
none"), and counts that this test recomputes from the YAML itself, without the core's coverage module."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml

from helpers import ROOT

DATA = {name: yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("programs", "places", "vocabularies")}
COUNTIES = DATA["places"]["counties"]
MUNICIPALITIES = DATA["places"]["municipalities"]
NONE_HERE = {"sv": "Guiden känner inte till något program här.", "en": "The guide knows of no programme here."}
TOTAL = {"sv": r"från (\d+) av Sveriges (\d+) kommuner\. Uträknat från guidens data (\d{4}-\d{2}-\d{2})\.",
         "en": r"from (\d+) of Sweden's (\d+) municipalities\. Computed from the guide's data on (\d{4}-\d{2}-\d{2})\."}
COUNTY_COUNT = {"sv": r"(\d+) av (\d+) kommuner i länet", "en": r"(\d+) of the county's (\d+) municipalities"}


def local_support(program) -> set[str]:
    """The municipalities a running programme that takes people on serves, read straight from the data."""
    kinds, statuses = DATA["vocabularies"]["program_kinds"], DATA["vocabularies"]["statuses"]
    serves = program.get("serves") or {}
    if not kinds[program["kind"]].get("takes_cases") or not statuses[program["status"]["status"]].get("running"):
        return set()
    if serves.get("national"):
        return set()
    counties = set(serves.get("counties") or [])
    return set(serves.get("municipalities") or []) | {k for k, m in MUNICIPALITIES.items() if m["county"] in counties}


SERVED = {p["id"]: local_support(p) for p in DATA["programs"]["programs"]}


class Sections(HTMLParser):
    """Each county section's heading id, its text and the programme links in it."""

    def __init__(self):
        super().__init__()
        self.sections, self.current, self.depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "coverage-county" in (attrs.get("class") or ""):
            self.current, self.depth = {"id": attrs.get("aria-labelledby"), "text": "", "links": []}, 0
            self.sections.append(self.current)
        if self.current is not None:
            self.depth += tag == "section"
            if tag == "a" and "/program/" in "/" + (attrs.get("href") or ""):
                self.current["links"].append(attrs["href"].rstrip("/").rsplit("/", 1)[-1])

    def handle_endtag(self, tag):
        if self.current is not None and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_county_with_counts_recomputed_from_the_data(site, lang):
    html = (site / ("" if lang == "sv" else "en/") / "var-finns-stod" / "index.html").read_text(encoding="utf-8")
    parser = Sections()
    parser.feed(html)
    assert len(COUNTIES) == 21 and len(MUNICIPALITIES) == 290
    assert [s["id"] for s in parser.sections] == ["lan-" + k.replace("_", "-") for k in sorted(COUNTIES, key=lambda k: COUNTIES[k]["code"])]
    covered_all = set().union(*SERVED.values())
    total = re.search(TOTAL[lang], re.sub(r"\s+", " ", unescape(html).replace("\u00a0", "")))
    assert total and (int(total.group(1)), int(total.group(2)), total.group(3)) == (len(covered_all), 290, "2026-11-30")
    for section in parser.sections:
        key = next(k for k in COUNTIES if "lan-" + k.replace("_", "-") == section["id"])
        text = re.sub(r"\s+", " ", section["text"])
        assert COUNTIES[key][lang] in text
        in_county = {m for m, entry in MUNICIPALITIES.items() if entry["county"] == key}
        programmes = {pid for pid, served in SERVED.items() if served & in_county}
        assert set(section["links"]) == programmes, key
        if programmes:
            count = re.search(COUNTY_COUNT[lang], text)
            assert count and (int(count.group(1)), int(count.group(2))) == (len(covered_all & in_county), len(in_county)), key
            assert NONE_HERE[lang] not in text
        else:
            assert NONE_HERE[lang] in text, key
        assert not re.search(r"\b(det finns inget|there is no programme|there is none)\b", text, re.I)
