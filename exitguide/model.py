"""The data model: every file in data/ declared once, with the types in types.py.

This is the single source of truth for what the data may contain. validate.py
checks the data against it and schema.py turns it into the published JSON
Schema (schemas/*.schema.json), so editors, the validator and the open data
agree. Field docs here become the schema's descriptions.
"""
from __future__ import annotations

from dataclasses import dataclass

from .labels import LANGUAGES, language_name
from .types import (Abbreviation, Boolean, Choice, Clock, Date, Domain, Email, Field, Integer, ListOf, MapOf, OneOf,
                    Phone, Plain, Record, Slug, SourceRefs, Text, Url)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Upper bound on programmes: Sweden has 290 municipalities; 10,000 leaves room for districts
# and projects while keeping a runaway file (or a generated mistake) from hanging the build.
# The other files' lists get the same bound; lists inside an entry have types.MAX_LIST_ITEMS.
MAX_PROGRAMS = 10_000
MAX_ENTRIES = 10_000


def Line(max_length: int) -> Text:
    """Bilingual text on one line: names, titles, labels (shown where a line break cannot go)."""
    return Text(max_length)


def Prose(max_length: int = 600) -> Text:
    """Bilingual running text, which may be written over several lines (a folded YAML block)."""
    return Text(max_length, multiline=True)


def agency_list(min_items: int) -> ListOf:
    return ListOf(Choice("agencies"), min_items=min_items, unique=("",), item_name="agency")


def fact(value_name: str, value_type, doc: str, extra: dict | None = None) -> Record:
    """A fact: a value plus the sources that state it (and an optional note)."""
    fields = {value_name: Field(value_type, doc=doc),
              "note": Field(Prose(), required=False, doc="a short qualification in both languages"),
              "sources": Field(SourceRefs(), doc="ids from data/sources.yaml that state this fact")}
    fields.update(extra or {})
    return Record(fields, name="fact")


@dataclass(frozen=True)
class VocabularyList:
    """A programme field that lists yes/no statements about values of one vocabulary."""
    vocabulary: str   # the vocabulary in data/vocabularies.yaml
    key: str          # the item's field naming the value
    flag: str         # the item's yes/no field


# The programme's vocabulary lists, by field: the model below, guide.statements (which every renderer and the
# export read them through) and the synthetic data of the bench all take the names from here.
VOCABULARY_LISTS = {
    "eligibility_criteria": VocabularyList("criteria", "criterion", "applies"),
    "requirements": VocabularyList("requirements", "requirement", "applies"),
    "support": VocabularyList("support_types", "support", "offered"),
}


def vocabulary_list(field: str) -> ListOf:
    """Yes/no statements about values of a vocabulary, each value at most once. A value not listed at all means
    'not stated'."""
    spec = VOCABULARY_LISTS[field]
    item = Record({
        spec.key: Field(Choice(spec.vocabulary), doc=f"a key from '{spec.vocabulary}' in data/vocabularies.yaml"),
        spec.flag: Field(Boolean(), doc="true = the sources say yes; false = the sources say no (leave the item out if they say nothing)"),
        "note": Field(Prose(), required=False, doc="a short qualification in both languages"),
        "sources": Field(SourceRefs(), doc="ids from data/sources.yaml"),
    }, name=spec.vocabulary)
    return ListOf(item, unique=(spec.key,))


COUNT = Record({
    "id": Field(Slug(), doc="a short id for this count, used by 'of'"),
    "label": Field(Line(200), doc="what was counted, in both languages"),
    "count": Field(Integer(0), doc="the number of people (a count, never a percentage)"),
    "of": Field(Slug(), required=False, doc="the id of the earlier count this one is part of; the site computes the percentage"),
}, name="count")

OUTCOME = Record({
    "id": Field(Slug(), doc="a short id for this follow-up"),
    "title": Field(Line(200), doc="what the follow-up was"),
    "period": Field(Record({"from": Field(Date()), "to": Field(Date())}, name="period"), doc="the period the counts cover"),
    "definition": Field(Prose(), doc="how the counts are defined, and who counted them when"),
    "counts": Field(ListOf(COUNT, min_items=1, unique=("id",)), doc="counts in order; a count with 'of' is a part of an earlier one"),
    "sources": Field(SourceRefs()),
}, name="outcome")

STUDY = Record({
    "title": Field(Line(300), doc="what the study is"),
    "level": Field(Choice("evidence_levels"), doc="what kind of study it is, on the guide's evidence scale"),
    "by": Field(Line(200), doc="who did it"),
    "year": Field(Date(), required=False, doc="when it was published"),
    "found": Field(Prose(), doc="what it found, or that the findings are not in the guide's sources"),
    "domains": Field(ListOf(Choice("outcome_domains"), min_items=1, unique=("",), item_name="domain",
                            too_few_tip="name what the sources say the study measured, or leave 'domains' out (not stated)."),
                     required=False,
                     doc="what the study measured, as keys from 'outcome_domains' in data/vocabularies.yaml; only what its "
                         "sources say it measured (left out = not stated; the evidence-and-gap map shows it so)"),
    "sources": Field(SourceRefs()),
}, name="study")

PERIOD = Record({
    "days": Field(ListOf(OneOf(WEEKDAYS), min_items=1, unique=("",), item_name="day"),
                  doc="the days this period applies: mon, tue, wed, thu, fri, sat, sun"),
    "from": Field(Clock(), required=False, doc="opening time, 'HH:MM' (leave out with 'to' when the source gives only the days)"),
    "to": Field(Clock(), required=False, doc="closing time, 'HH:MM'; earlier than 'from' runs past midnight"),
}, name="opening period")

OPENING = Record({
    "around_the_clock": Field(Boolean(), required=False, doc="true when the source says the line is open day and night, every day"),
    "periods": Field(ListOf(PERIOD, min_items=1), required=False, doc="when it is open; leave out with around_the_clock"),
    "public_holidays": Field(OneOf(("open", "closed")), required=False,
                             doc="open or closed on public holidays, only when the source says so (left out: not stated)"),
    "note": Field(Prose(), required=False),
    "sources": Field(SourceRefs()),
}, name="opening hours")

SERVES = Record({
    "municipalities": Field(ListOf(Choice("municipalities"), unique=("",), item_name="municipality"), required=False,
                            doc="keys from data/places.yaml"),
    "counties": Field(ListOf(Choice("counties"), unique=("",), item_name="county"), required=False,
                      doc="whole counties served, keys from data/places.yaml"),
    "national": Field(Boolean(), required=False, doc="true when it serves the whole country"),
    "note": Field(Prose(), required=False),
    "sources": Field(SourceRefs()),
}, name="area served")

AGE_BAND = Record({
    "from": Field(Integer(0, 120), required=False, doc="youngest age taken (left out: no lower limit stated)"),
    "to": Field(Integer(0, 120), required=False, doc="oldest age taken (left out: no upper limit stated)"),
    "note": Field(Prose(), required=False),
    "sources": Field(SourceRefs()),
}, name="age band")

CONTACT = Record({
    "label": Field(Line(200), doc="whom this reaches"),
    "phone": Field(Phone(), required=False, doc="the organisation's published number"),
    "email": Field(Email(), required=False, doc="the organisation's published address (its own domain)"),
    "opening": Field(OPENING, required=False, doc="when the phone is answered; left out = not stated in the sources"),
    "web": Field(Url(), required=False),
    "caveat": Field(Prose(), required=False, doc="for example: e-mail is not secure, do not send sensitive details"),
    "sources": Field(SourceRefs()),
}, name="contact")

# A date a source spoke of in the future (a report due, a law's start, results expected). The site compares it
# with the build's date (clock.today) and shows `before` or `after`; once the date has passed and no outcome is
# recorded it adds the note "due on …; the guide has not found the outcome" from labels.py by itself, so no
# sentence has to be edited by hand when the day comes. Rendered by render_due.py.
DUE = Record({
    "id": Field(Slug(), required=False,
                doc="an id for the Markdown marker <!-- guide:due ID --> (a timeline event's due is found by the event's id)"),
    "date": Field(Date(future=True), doc="the date the source spoke of; a year or a month counts as passed only once it has ended"),
    "before": Field(Prose(), doc="the statement while the date is ahead, in the future tense; write {date} where the date goes"),
    "after": Field(Prose(), doc="the same statement once the date has passed, in the past tense, with {date}; "
                                "never type the 'not found' note, the site adds it"),
    "outcome": Field(fact("text", Prose(), "what happened, once a source says so; the site then shows it instead of the note"),
                     required=False),
}, name="due")

HISTORY = Record({
    "date": Field(Date(), doc="when it happened, as precisely as the source says"),
    "text": Field(Prose(), doc="what changed"),
    "due": Field(DUE, required=False, doc="a date this entry looks ahead to, shown in the right tense for the build's date"),
    "sources": Field(SourceRefs()),
}, name="history entry")

PARAGRAPH = Record({
    **{lang: Field(Plain(1500, multiline=True), doc=f"{language_name(lang)} paragraph") for lang in LANGUAGES},
    "sources": Field(SourceRefs(), doc="the sources this paragraph rests on"),
}, name="paragraph")

PROGRAM = Record({
    "id": Field(Slug(), doc="unique id; also the page address /program/<id>/"),
    "kind": Field(Choice("program_kinds")),
    "name": Field(Line(200)),
    "summary": Field(Line(400), doc="one or two sentences: what it is"),
    "where": Field(fact("place", Line(200), "municipality or region")),
    "serves": Field(SERVES, required=False, doc="the municipalities, counties or country it serves (programmes that take cases)"),
    "ages": Field(ListOf(AGE_BAND), required=False, doc="the ages it takes, as the sources state them; left out = not stated"),
    "organisers": Field(fact("agencies", agency_list(1), "who runs it")),
    "partners": Field(fact("agencies", agency_list(0), "partner agencies"), required=False),
    "since": Field(fact("year", Integer(1900, up_to_this_year=True), "the year it started"), required=False),
    "status": Field(fact("status", Choice("statuses"), "its state", {"as_of": Field(Date(), doc="when the sources say so")})),
    "target_group": Field(fact("text", Prose(), "whom it is for"), required=False),
    "eligibility_criteria": Field(vocabulary_list("eligibility_criteria"), required=False,
                                  doc="criteria for being accepted; a criterion not listed is 'not stated in the sources'"),
    "requirements": Field(vocabulary_list("requirements"), required=False, doc="what the participant must keep to"),
    "case_start": Field(fact("text", Prose(), "how a case starts"), required=False),
    "process": Field(ListOf(fact("step", Prose(), "one step, in order")), required=False, doc="the steps in order"),
    "support": Field(vocabulary_list("support"), required=False),
    "follow_up": Field(fact("text", Prose(), "how participants are followed up"), required=False),
    "outcomes": Field(ListOf(OUTCOME, unique=("id",)), required=False),
    "evidence": Field(ListOf(STUDY), required=False, doc="studies of it; none means 'not evaluated'"),
    "contacts": Field(ListOf(CONTACT), required=False),
    "history": Field(ListOf(HISTORY), required=False, doc="dated changes, oldest first"),
    "description": Field(ListOf(PARAGRAPH), required=False, doc="the narrative under the fact box"),
    "last_reviewed": Field(Date(tip="write the day the facts were actually checked."),
                           doc="the day someone last checked every fact against its sources"),
}, name="programme")

PROGRAMS_FILE = Record({"programs": Field(ListOf(PROGRAM, min_items=1, max_items=MAX_PROGRAMS, unique=("id",)))},
                       name="programmes file")

SOURCE = Record({
    "id": Field(Slug(), doc="unique id that facts cite"),
    "short": Field(Plain(80), doc="the citation label shown in the text, for example 'Brå 2016:6'"),
    "publisher": Field(Line(200)),
    "title": Field(Plain(400), doc="the title as published (not translated)"),
    "date": Field(Date(), required=False, doc="publication date as precise as known; leave out if undated"),
    "date_note": Field(Prose(), required=False, doc="for example: undated, describes the situation about 2018"),
    "url": Field(Url(), required=False, doc="left out only when no address was recorded"),
    "kind": Field(Choice("source_kinds")),
    "mark": Field(Choice("marks"), doc="the mark from shared/sources/facts.md"),
    "caveat": Field(Prose(), required=False, doc="required when the mark is 'uncertain': why"),
    "accessed": Field(Date(), required=False, doc="when the page was read"),
}, name="source")

SOURCES_FILE = Record({"sources": Field(ListOf(SOURCE, min_items=1, max_items=MAX_ENTRIES, unique=("id",)))}, name="sources file")

VOCABULARY_ENTRY = Record({
    **{lang: Field(Plain(120), doc=f"{language_name(lang)} label") for lang in LANGUAGES},
    "description": Field(Prose(), required=False),
    "rank": Field(Integer(0, 99), required=False, doc="order on a scale (evidence levels)"),
    "domains": Field(ListOf(Domain(), unique=("",), item_name="domain"), required=False, doc="e-mail domains of an agency"),
    "relation": Field(Prose(), required=False, doc="how an evidence level relates to other scales"),
    "takes_cases": Field(Boolean(), required=False, doc="programme kinds: true when such a programme takes people on (the route finder lists it)"),
    "running": Field(Boolean(), required=False, doc="statuses: true when a programme with this status still works with people"),
    "needs_sources": Field(Boolean(), required=False,
                           doc="change kinds: true when a change record of this kind must cite the sources of the new or corrected fact"),
}, name="vocabulary value")

VOCABULARY_NAMES = ("program_kinds", "statuses", "criteria", "requirements", "support_types", "agencies",
                    "evidence_levels", "source_kinds", "marks", "term_statuses", "audiences", "change_kinds",
                    "outcome_domains")

VOCABULARIES_FILE = Record({name: Field(MapOf(VOCABULARY_ENTRY)) for name in VOCABULARY_NAMES},
                           name="vocabularies file")

TERM = Record({
    "id": Field(Slug()),
    "sv": Field(Plain(120), doc="the Swedish term"),
    "en": Field(Plain(160), doc="the English rendering"),
    "en_status": Field(Choice("term_statuses"), doc="official (an authority uses it) or proposed"),
    "abbr": Field(Abbreviation(), required=False, doc="a word or abbreviation to explain on hover/focus wherever it appears"),
    "explanation": Field(Prose(), doc="a short explanation in each language"),
    "sources": Field(SourceRefs(), required=False),
}, name="term")

GLOSSARY_FILE = Record({"terms": Field(ListOf(TERM, min_items=1, max_items=MAX_ENTRIES, unique=("id", "abbr")))}, name="glossary file")

EVENT = Record({
    "id": Field(Slug()),
    "date": Field(Date()),
    "title": Field(Line(200)),
    "text": Field(Prose()),
    "due": Field(DUE, required=False, doc="a date the source speaks of in the future (a report, a start date), "
                                           "shown in the right tense for the build's date"),
    "sources": Field(SourceRefs()),
}, name="event")

TIMELINE_FILE = Record({"events": Field(ListOf(EVENT, min_items=1, max_items=MAX_ENTRIES, unique=("id",)))}, name="timeline file")

ROUTE = Record({
    "id": Field(Slug()),
    "audiences": Field(ListOf(Choice("audiences"), min_items=1, unique=("",), item_name="audience")),
    "title": Field(Line(200)),
    "text": Field(Prose()),
    "emergency": Field(Boolean(), required=False, doc="true for the emergency number: first when someone is in danger"),
    "serves": Field(SERVES, required=False, doc="left out for routes that apply everywhere (a municipality's out-of-hours service names it)"),
    "ages": Field(ListOf(AGE_BAND), required=False, doc="only for routes limited by age (a helpline for children)"),
    "phone": Field(Phone(), required=False),
    "opening": Field(OPENING, required=False, doc="when the phone is answered; left out = not stated in the sources"),
    "web": Field(Url(), required=False),
    "sources": Field(SourceRefs()),
    "last_reviewed": Field(Date(tip="write the day the route was actually checked."),
                           doc="the day someone last checked this route against its sources"),
}, name="route")

ROUTES_FILE = Record({"routes": Field(ListOf(ROUTE, min_items=1, max_items=MAX_ENTRIES, unique=("id",)))}, name="routes file")

COUNTY = Record({
    "sv": Field(Plain(80), doc="Swedish name, e.g. Västra Götalands län"),
    "en": Field(Plain(80), doc="English name, e.g. Västra Götaland County"),
    "code": Field(Plain(2), doc="SCB's two-digit county code, as text"),
}, name="county")

MUNICIPALITY = Record({
    "sv": Field(Plain(80), doc="Swedish name as SCB writes it"),
    "en": Field(Plain(80), doc="English name (the Swedish one unless an English name is in official use)"),
    "code": Field(Plain(4), doc="SCB's four-digit municipality code, as text"),
    "county": Field(Choice("counties"), doc="the county key"),
    "aliases": Field(ListOf(Plain(80), unique=("",), item_name="alias"), required=False, doc="other names readers type (English exonyms)"),
}, name="municipality")

# International research overviews (systematic reviews, evidence-and-gap maps). The evidence-and-gap map shows
# them beside the Swedish programmes' studies and never mixes the two (render_gapmap.py).
SYNTHESIS_FINDING = Record({
    "domain": Field(Choice("outcome_domains"), doc="a key from 'outcome_domains' in data/vocabularies.yaml"),
    "found": Field(Prose(), doc="what the overview says about this domain, in both languages"),
    "sources": Field(SourceRefs()),
}, name="finding")

SYNTHESIS = Record({
    "id": Field(Slug()),
    "kind": Field(OneOf(("systematic_review", "evidence_gap_map"),
                        tip="systematic_review weighs the studies' results; evidence_gap_map only maps which studies exist."),
                  doc="systematic_review (weighs the studies' results) or evidence_gap_map (maps which studies exist)"),
    "title": Field(Line(300), doc="the title, or a short description of it"),
    "by": Field(Line(200), doc="who made it"),
    "year": Field(Date(), doc="when it was published"),
    "scope": Field(Prose(), doc="what it covers: which interventions, ages, years and countries, as its sources say"),
    "findings": Field(ListOf(SYNTHESIS_FINDING, min_items=1, unique=("domain",)), required=False,
                      doc="what it says per outcome domain; left out when the sources do not say which outcomes it covers"),
    "sources": Field(SourceRefs()),
    "last_reviewed": Field(Date(tip="write the day the entry was actually checked."),
                           doc="the day someone last checked this entry against its sources"),
}, name="synthesis")

SYNTHESES_FILE = Record({"syntheses": Field(ListOf(SYNTHESIS, max_items=MAX_ENTRIES, unique=("id",)))}, name="syntheses file")

PLACES_FILE = Record({
    "counties": Field(MapOf(COUNTY)),
    "municipalities": Field(MapOf(MUNICIPALITY)),
}, name="places file")

# A dated record of a change to the guide, for the "What's new" page and the Atom feeds (render_changes.py,
# feeds.py). Its id is part of the feed entry's permanent address, so it never changes once published.
CHANGE = Record({
    "id": Field(Slug(), doc="a permanent id: the anchor on the What's new page and part of the feed entry's id; never change it"),
    "date": Field(Date(exact_day=True, tip="write the day the change was published (for work in the repository, its commit date)."),
                  doc="the day the change was published, as YYYY-MM-DD"),
    "kind": Field(Choice("change_kinds"), doc="what kind of change it was"),
    "title": Field(Line(200), doc="a short headline"),
    "description": Field(Prose(), doc="what changed"),
    "why": Field(Prose(), doc="why it changed"),
    "programs": Field(ListOf(Slug(), unique=("",), item_name="programme id"), required=False,
                      doc="the ids of the programmes it concerns, from data/programs.yaml"),
    "sources": Field(SourceRefs(), required=False,
                     doc="the sources it concerns or rests on: a new source, or the sources of a corrected fact "
                         "(required for the change kinds marked needs_sources)"),
}, name="change record")

CHANGES_FILE = Record({"changes": Field(ListOf(CHANGE, min_items=1, max_items=MAX_ENTRIES, unique=("id",)))}, name="changes file")

# Files whose top-level maps are vocabularies that other files' Choice fields refer to.
VOCABULARY_FILES = ("vocabularies.yaml", "places.yaml")

# File name in data/ -> its model. Order matters: vocabularies and sources are loaded
# first because the other files refer to them.
FILES = {
    "vocabularies.yaml": VOCABULARIES_FILE,
    "places.yaml": PLACES_FILE,
    "sources.yaml": SOURCES_FILE,
    "programs.yaml": PROGRAMS_FILE,
    "glossary.yaml": GLOSSARY_FILE,
    "timeline.yaml": TIMELINE_FILE,
    "routes.yaml": ROUTES_FILE,
    "changes.yaml": CHANGES_FILE,
    "syntheses.yaml": SYNTHESES_FILE,
}
