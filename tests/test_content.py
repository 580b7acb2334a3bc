"""The guide's content promises: plain Swedish (LIX), citations on factual paragraphs, glossary size,
sources listed, glossary terms explained on hover/focus in both languages."""
from __future__ import annotations

import re
import statistics

import pytest
import yaml

from helpers import ROOT

SV = ROOT / "docs" / "sv"
# Pages that state facts about the world; every prose paragraph on them must cite a source.
FACTUAL_PAGES = ["arbetet.md", "informationsdelning.md", "konferens-2023.md", "nationellt.md", "vart-vanda-sig.md", "evidens.md"]


def prose(markdown: str) -> str:
    """The words a reader reads: without markers, code, link targets, HTML tags and table pipes."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"^\*\[[^\]]+\]:.*$", " ", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{[:#.][^}]*\}", " ", text)
    return text


def lix(markdown: str) -> float:
    text = prose(markdown)
    words = re.findall(r"[A-Za-zÅÄÖåäöÉé0-9]+(?:[-–][A-Za-zÅÄÖåäö]+)*", text)
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    # A heading, list item or table row is a sentence of its own even without a full stop.
    sentences = sum(max(1, len(re.findall(r"[.!?:](?=\s|$)", l))) for l in lines)
    long_words = [w for w in words if len(w) > 6]
    return len(words) / max(1, sentences) + 100 * len(long_words) / max(1, len(words))


def swedish_pages():
    return sorted(p for p in SV.rglob("*.md"))


def test_lix_of_every_swedish_page(capsys):
    scores = {p.relative_to(SV).as_posix(): lix(p.read_text(encoding="utf-8")) for p in swedish_pages()}
    programs = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]
    for program in programs:
        text = "\n\n".join([program["summary"]["sv"]] + [p["sv"] for p in program.get("description") or []])
        scores[f"program/{program['id']} (genererad)"] = lix(text)
    with capsys.disabled():
        print("\nLIX per Swedish page (target ≤ 45, none above 50):")
        for name, score in sorted(scores.items(), key=lambda kv: -kv[1]):
            print(f"  {score:5.1f}  {name}")
        print(f"  median {statistics.median(scores.values()):.1f}")
    assert statistics.median(scores.values()) <= 45
    assert not {n: round(s, 1) for n, s in scores.items() if s > 50}


@pytest.mark.parametrize("name", FACTUAL_PAGES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_factual_paragraph_cites_a_source(lang, name):
    text = (ROOT / "docs" / lang / name).read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    uncited = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or block.startswith(("#", "<!--", "*[", "!!!", "???", "|")) or block.endswith(":"):
            continue
        items = re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)", block) if re.match(r"\s*(?:[-*]|\d+\.)\s", block) else [block]
        for item in items:
            if len(prose(item).split()) >= 8 and "guide:cite" not in item and "guide:" not in item.split("\n")[0][:20]:
                uncited.append(item[:80])
    assert not uncited, f"docs/{lang}/{name}: paragraphs without a citation: {uncited}"


def test_glossary_has_at_least_forty_terms_in_both_languages(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "ordlista" / "index.html").read_text(encoding="utf-8")
        assert len(re.findall(r'<tr id="term-', html)) >= 40


def test_sources_page_lists_every_registered_source(site):
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    for prefix in ("", "en/"):
        html = (site / prefix / "kallor" / "index.html").read_text(encoding="utf-8")
        for source in sources:
            assert f'id="src-{source["id"]}"' in html


def test_every_citation_resolves_to_the_sources_page(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'href="([^"]*kallor/#src-[^"]+)"', html):
            source_id = target.split("#src-", 1)[1]
            root = site / "en" if "/en/" in f"/{page.relative_to(site).as_posix()}" else site
            assert f'id="src-{source_id}"' in (root / "kallor" / "index.html").read_text(encoding="utf-8"), (page, target)


def test_glossary_abbreviations_explained_on_hover_and_focus(site):
    terms = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    abbreviated = [t for t in terms if t.get("abbr")]
    assert abbreviated
    for prefix in ("", "en/"):
        pages = "".join(p.read_text(encoding="utf-8") for p in (site / prefix).glob("*/index.html"))
        found = re.findall(r'<abbr tabindex="0" title="[^"]+">([^<]+)</abbr>', pages)
        assert found, f"no focusable abbreviations in {prefix or 'sv'}"
