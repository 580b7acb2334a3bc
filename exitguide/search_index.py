"""The search index, made to meet Swedish readers where they type. Runs once after both languages are built
(hooks/guide.py on_post_build): mkdocs-static-i18n writes one index for both languages; this gives each
language its own and adds to every entry a hidden `alt` field that the theme's search indexes but never shows
(the theme indexes the fields the index's config lists: title, text, tags, and here alt, titlealt and place):
- diacritics folded: "goteborg" finds "Göteborg", "orebro" finds "Örebro";
- the glossary's terms in their common inflections, and compounds split at a glossary term: a page that says
  "avhopparverksamheter" is found by "avhopparverksamhet" and by "avhoppare", and "avhopparsamordnarna" by
  "samordnare" (the forms are generated from the glossary, never typed);
- place names: a programme page carries, in a hidden `place` field with a high boost, the names of the
  municipalities and counties it serves, also folded and in English, so a search for a town lands on its
  programme rather than on the sources page that names every town.
Programme pages get a text of whole sentences from the data instead of run-together table cells.
Citations stay out of the index: their numbered marks ([3], [3, osäker]) are taken out of the texts, and a
page's list of sources (citations.py) is not indexed (the sources page holds every source, and is).
Assumes the theme's index format (config.fields, docs[].location/title/text); a test reads it back.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

from . import coverage
from .citations import PAGE_SOURCES_ID
from .htmlkit import program_url
from .labels import DEFAULT_LANGUAGE, LANGUAGES, label, language_folder

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
TAG = re.compile(r"<[^>]+>")
MIN_STEM = 5
ALT_BOOST = 0.5
TITLE_ALT_BOOST = 100  # other forms of the title's words: above the text, below the title as written
PLACE_BOOST = 50  # a programme page outranks pages that merely mention its town (the sources list names every town)
CITATION_MARK = re.compile(r"\s?\[\d+(?:, (?:" + "|".join(re.escape(label(lang, "uncertain_cite")) for lang in LANGUAGES) + r"))?\]")


def fold(word: str) -> str:
    """'Göteborg' -> 'goteborg': lower case without diacritics."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(ch))


def stem(term: str) -> str:
    """The part of a term that compounds start with: avhoppare -> avhoppar, hotbild -> hotbild."""
    return term[:-1] if term.endswith("e") and len(term) > MIN_STEM else term


def inflections(word: str) -> set[str]:
    """The common Swedish forms of a noun from the glossary (definite, plural, genitive), by its ending.
    Rough on purpose: a form only reaches a page's hidden field when the page uses the term."""
    if word.endswith("are"):                       # avhoppare, samordnare
        forms = {word, word + "n", word + "s", word + "ns", word[:-1] + "na", word[:-1] + "nas"}
    elif word.endswith(("het", "ning", "tion", "else")):  # verksamhet, bedömning
        forms = {word, word + "en", word + "er", word + "erna", word + "ens", word + "s"}
    elif word.endswith(("en", "et", "na")):        # already definite, as some names are (Konsultationsteamet)
        forms = {word, word + "s"}
    elif word.endswith("e"):                       # ärende, boende
        forms = {word, word + "n", word + "t", word + "ts", word + "na", word + "s"}
    else:                                          # avhopp, hotbild, socialtjänst
        forms = {word, word + "en", word + "et", word + "er", word + "ar", word + "erna", word + "arna", word + "s", word + "ens", word + "ets"}
    return forms


def term_forms(guide) -> dict[str, set[str]]:
    """Each one-word Swedish glossary term (folded) -> its inflected forms (folded)."""
    forms: dict[str, set[str]] = {}
    for term in guide.terms:
        words = WORD.findall(term["sv"])
        if len(words) == 1 and len(words[0]) >= MIN_STEM:
            word = fold(words[0])
            forms[word] = inflections(word)
    return forms


class Expander:
    """Computes the hidden `alt` words for a text: folded forms, term families, compound parts."""

    def __init__(self, guide):
        self.families = term_forms(guide)
        self.form_to_terms: dict[str, set[str]] = {}
        for term, forms in self.families.items():
            for form in forms:
                self.form_to_terms.setdefault(form, set()).add(term)
        self.stems = sorted(((stem(term), term) for term in self.families), key=lambda st: -len(st[0]))

    def alt(self, text: str) -> str:
        words = {w.casefold() for w in WORD.findall(text)}
        found: set[str] = set()
        for word in words:
            folded = fold(word)
            if folded != word and len(folded) >= 4:
                found.add(folded)
            for term in self.form_to_terms.get(folded, ()):
                found |= self.families[term]
            for prefix, term in self.stems:
                rest = folded[len(prefix):]
                if folded.startswith(prefix) and len(rest) >= 4:
                    found |= self.families[term] | {rest}
                    break
        return " ".join(sorted(found - words))


def _plain(markup: str) -> str:
    return html.unescape(TAG.sub(" ", markup))


def program_text(guide, program: dict, lang: str) -> str:
    """A programme page's search text in sentences, from the data (the page itself opens with a fact table)."""
    kind = guide.vocab_label("program_kinds", program["kind"], lang)
    organisers = guide.agency_names(program["organisers"], lang)
    parts = [program["summary"][lang], f'{kind}: {program["where"]["place"][lang]}.',
             f'{label(lang, "organisers")} {organisers}.']
    if program.get("target_group"):
        parts.append(program["target_group"]["text"][lang])
    return " ".join(parts)


def place_words(guide, program: dict) -> list[str]:
    """Names of the municipalities and counties a programme serves, in Swedish, English and as aliases."""
    words = []
    municipalities = guide.vocabularies.get("municipalities") or {}
    counties = guide.vocabularies.get("counties") or {}
    for key in coverage.served_municipalities(guide, program):
        entry = municipalities[key]
        words += [*(entry[lang] for lang in LANGUAGES), *(entry.get("aliases") or [])]
        county = counties[entry["county"]]
        words += [county[lang] for lang in LANGUAGES]
    return [w for name in words for w in WORD.findall(name)]


def enrich(docs: list[dict], guide, lang: str) -> list[dict]:
    """The language's index entries with programme pages' texts in sentences, and `alt` on each page's
    first entry covering the words of the whole page (its sections included), so each word is added once
    per page: a search matches the page, and the theme shows the page with its sections under it."""
    expander = Expander(guide)
    programs = {program_url(p["id"]): p for p in guide.programs}
    pages: dict[str, list[str]] = {}
    out = []
    for doc in docs:
        if doc["location"].endswith("#" + PAGE_SOURCES_ID):
            continue
        doc = dict(doc, text=CITATION_MARK.sub("", doc.get("text", "")))
        path = doc["location"].split("#", 1)[0]
        program = programs.get(doc["location"])
        if program is not None:
            doc["text"] = html.escape(program_text(guide, program, lang), quote=False)
            places = sorted({w.casefold() for w in place_words(guide, program)} | {fold(w) for w in place_words(guide, program)})
            # A programme for one town outranks a method used in many: its place words count more times.
            weight = 3 if len(coverage.served_municipalities(guide, program)) == 1 else 1
            doc["place"] = " ".join(places * weight)
        pages.setdefault(path, []).append(doc["title"] + " " + _plain(doc.get("text", "")))
        out.append(doc)
    for doc in out:
        if "#" not in doc["location"]:
            doc["alt"] = expander.alt(" ".join(pages[doc["location"]]))
        title_forms = expander.alt(doc["title"])
        if title_forms:
            doc["titlealt"] = title_forms  # "avhopparverksamheter" and "goteborg" find "Avhopparverksamheten i Göteborg"
    return out


def split_and_enrich(site_dir: Path, guide) -> None:
    """mkdocs-static-i18n writes one index for both languages; give each language its own, enriched."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    others = [language_folder(lang) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    for lang in LANGUAGES:
        folder = language_folder(lang)
        if lang == DEFAULT_LANGUAGE:
            mine = [d for d in docs if not d["location"].startswith(tuple(others))]
        else:
            mine = [dict(d, location=d["location"].removeprefix(folder)) for d in docs if d["location"].startswith(folder)]
        target = site_dir / folder / "search" / "search_index.json"
        fields = dict(index.get("config", {}).get("fields", {}), alt={"boost": ALT_BOOST}, place={"boost": PLACE_BOOST},
                      titlealt={"boost": TITLE_ALT_BOOST})
        config = dict(index.get("config", {}), lang=[lang], fields=fields)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": enrich(mine, guide, lang)}, ensure_ascii=False,
                                     separators=(",", ":"), sort_keys=True), encoding="utf-8")
