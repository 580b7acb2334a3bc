"""Synthetic programmes for the scale, comparison-page and check-speed figures: as varied as real entries.

Clones of one entry flatter every gzipped figure (each table row repeats the one above it, inside gzip's
window), so each programme here gets its own place name, name, sentences, vocabulary choices, counts and
dates, drawn with a seeded random generator from word lists in both languages. Entries are about as large
as the real ones (a few kB of YAML each), cite real source ids from data/sources.yaml (confirmed ones,
so no caveat rules fire), and pass `python -m exitguide check` with no warning of their own. The real
entries that pages name by id (due records) are kept, as written, so the site still builds. Nothing here
is a fact: the data only ever lives in the benchmark's temporary folder.
Runs inside the benchmark; assumes the data/ layout of exitguide/model.py.
"""
from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import yaml

from exitguide.model import VOCABULARY_LISTS

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Quoted(str):
    """Text the guide's loader wants quoted although PyYAML would write it plain (times of day: '08:00')."""


Dumper.add_representer(Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'"))

# Place names are built from a first and a last part (Norr + köping): 40 × 30 combinations.
PLACE_START = ["Norr", "Söder", "Väster", "Öster", "Ny", "Berg", "Sand", "Ek", "Björk", "Lind", "Sjö", "Strand",
               "Hög", "Gran", "Ås", "Dal", "Fors", "Holm", "Vik", "Mark", "Torp", "Lunda", "Kvarn", "Malm", "Järn",
               "Klint", "Hammar", "Ros", "Sten", "Lövs", "Mos", "Rå", "Al", "Hassel", "Ljus", "Kors", "Brunn",
               "Myr", "Tall", "Fågel"]
PLACE_END = ["köping", "by", "hamn", "vik", "ås", "berga", "torp", "stad", "holm", "fors", "dal", "näs", "sund", "bro",
             "tuna", "hult", "ryd", "mark", "lösa", "ängen", "backa", "sjö", "kulla", "åker", "slätt", "lid", "boda",
             "näset", "viken", "torp"]
NAME_TEMPLATES = [("Avhopparverksamheten i {p}", "{p} exit programme"),
                  ("{p}s avhopparteam", "{p} defector team"),
                  ("Samverkansteamet i {p}", "{p} joint team"),
                  ("Vägen ut i {p}", "Way Out {p}"),
                  ("Ungdomsteamet {p}", "{p} youth team"),
                  ("Lämna-gänget {p}", "{p} leave-the-gang service"),
                  ("Exitstödet i {p}", "{p} exit support"),
                  ("Nystartsteamet i {p}", "{p} fresh-start team")]

# Sentences are built as subject + verb + object + qualifier, each part a (Swedish, English) pair.
SUBJECTS = [("Socialtjänsten", "Social services"), ("Ett team med socialsekreterare", "A team of social workers"),
            ("Kommunens samordnare", "The municipality's coordinator"), ("Polisen", "The police"),
            ("Frivården", "The probation service"), ("En kontaktperson", "A contact person"),
            ("Personal från skolan", "School staff"), ("Teamet", "The team"), ("Handläggaren", "The case officer"),
            ("En mentor med egen erfarenhet", "A mentor with lived experience"),
            ("Fältassistenterna", "The outreach workers"), ("Samordningsgruppen", "The coordination group")]
# A Swedish verb is (finite part, rest): after an opener the subject goes between them ("Ofta följer teamet upp …").
VERBS = [(("hjälper", ""), "helps"), (("stöttar", ""), "supports"), (("följer", "upp"), "follows up"),
         (("samordnar", "insatser för"), "coordinates support for"), (("träffar", ""), "meets"),
         (("planerar", "tillsammans med"), "plans together with"), (("bedömer", "hotbilden för"), "assesses the threat to"),
         (("söker", "boende åt"), "looks for housing for"), (("ger", "samtalsstöd till"), "gives counselling to"),
         (("slussar", "vidare"), "refers on"), (("tar", "emot anmälningar om"), "takes reports about"),
         (("håller", "kontakt med"), "keeps in touch with")]
OBJECTS = [("unga som vill lämna en kriminell grupp", "young people who want to leave a criminal group"),
           ("vuxna med hotbild", "adults under threat"), ("anhöriga till den som vill lämna", "relatives of the person leaving"),
           ("personer som avtjänat straff", "people who have served a sentence"),
           ("den som har skulder till gruppen", "people in debt to the group"), ("syskon i riskzonen", "siblings at risk"),
           ("föräldrar och vårdnadshavare", "parents and guardians"), ("deltagare i programmet", "participants in the programme"),
           ("personer som flyttat från orten", "people who have moved away"), ("kvinnor i kriminella miljöer", "women in criminal settings"),
           ("unga som skrivits ut från SiS", "young people discharged from secure care"), ("den som vill börja arbeta", "those who want to start working")]
QUALIFIERS = [("under det första året", "during the first year"), ("i nära samarbete med polisen", "in close cooperation with the police"),
              ("efter ett första samtal", "after a first conversation"), ("när hotet bedöms som akut", "when the threat is judged acute"),
              ("med stöd av en kontaktperson", "with the help of a contact person"), ("i upp till två år", "for up to two years"),
              ("varje vecka", "every week"), ("innan insatser beviljas", "before support is granted"),
              ("tills en ny bostad är ordnad", "until new housing is arranged"), ("utan att någon annan myndighet får veta", "without other agencies being told"),
              ("om personen är folkbokförd i kommunen", "if the person is registered in the municipality"),
              ("efter en orosanmälan", "after a report of concern"), ("på kvällar och helger", "in the evenings and at weekends"),
              ("i samråd med vårdnadshavare", "in consultation with guardians")]
OPENERS = [("", ""), ("Ofta ", "Often "), ("Ibland ", "Sometimes "), ("Först ", "First "), ("Därefter ", "After that "),
           ("Vid behov ", "When needed "), ("Sedan {y} ", "Since {y} "), ("Enligt rapporten ", "According to the report ")]
FINDINGS = [("färre nya brott efter ett år", "fewer new offences after a year"), ("att fler fullföljde än tidigare", "that more completed than before"),
            ("inga säkra slutsatser", "no firm conclusions"), ("bättre samverkan mellan myndigheterna", "better cooperation between agencies"),
            ("att boendet var den svåraste frågan", "that housing was the hardest question"), ("stor variation mellan deltagarna", "wide variation between participants")]
STUDY_BY = [("Kommunens FoU-enhet", "The municipality's R&D unit"), ("En högskola", "A university college"),
            ("Länsstyrelsen", "The county administrative board"), ("En extern utvärderare", "An external evaluator"),
            ("Forskare vid ett universitet", "University researchers")]
COUNT_LABELS = [("Sökte hjälp", "Sought help"), ("Påbörjade", "Started"), ("Fullföljde", "Completed"), ("Avbröt", "Dropped out"),
                ("Flyttade", "Moved"), ("Fick arbete", "Found work"), ("Återföll i brott", "Reoffended"), ("Följdes upp", "Were followed up")]


def today() -> dt.date:
    """The validator's 'today': SOURCE_DATE_EPOCH when set (pinned builds), else the calendar date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


class Generator:
    def __init__(self, vocabularies: dict, source_ids: list[str], seed: int = 2026, places: dict | None = None):
        self.rng = random.Random(seed)
        self.vocab = vocabularies
        self.sources = source_ids
        places = places or {}
        self.municipalities = sorted(places.get("municipalities") or {})
        self.counties = sorted(places.get("counties") or {})
        self.places = [a + b for a in PLACE_START for b in PLACE_END]
        self.rng.shuffle(self.places)

    def pick(self, options):
        return self.rng.choice(options)

    def cite(self) -> list[str]:
        return self.rng.sample(self.sources, self.rng.randint(1, 2))

    def sentence(self, year: int) -> tuple[str, str]:
        opener, subject, verb, obj, qualifier = (self.pick(OPENERS), self.pick(SUBJECTS), self.pick(VERBS),
                                                 self.pick(OBJECTS), self.pick(QUALIFIERS))
        (finite, rest), en_verb = verb
        if opener[0]:  # Swedish puts the verb second: "Ofta stöttar teamet …"
            words = [opener[0].format(y=year).strip(), finite, subject[0][0].lower() + subject[0][1:], rest]
            en_words = [opener[1].format(y=year).strip(), subject[1][0].lower() + subject[1][1:]]
        else:
            words, en_words = [subject[0], finite, rest], [subject[1]]
        sv = " ".join(w for w in words + [obj[0], qualifier[0]] if w) + "."
        en = " ".join(en_words + [en_verb, obj[1], qualifier[1]]) + "."
        return sv, en

    def text(self, sentences: int, year: int, limit: int = 590) -> dict:
        parts = [self.sentence(year) for _ in range(sentences)]
        sv, en = " ".join(p[0] for p in parts), " ".join(p[1] for p in parts)
        while len(sv) > limit or len(en) > limit:  # Text() holds at most 600 characters per language
            parts.pop()
            sv, en = " ".join(p[0] for p in parts), " ".join(p[1] for p in parts)
        return {"sv": sv, "en": en}

    def fact(self, key: str, value) -> dict:
        return {key: value, "sources": self.cite()}

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def vocabulary_items(self, field: str, low: int, high: int) -> list[dict]:
        spec = VOCABULARY_LISTS[field]
        values = sorted(self.vocab[spec.vocabulary])
        chosen = self.rng.sample(values, self.rng.randint(low, min(high, len(values))))
        return [{spec.key: value, spec.flag: self.rng.random() < 0.85, "sources": self.cite()} for value in chosen]

    def programme(self, number: int, now: dt.date) -> dict:
        rng = self.rng
        place = self.places[number % len(self.places)] + ("" if number < len(self.places) else f" {number // len(self.places) + 1}")
        template = self.pick(NAME_TEMPLATES)
        since = rng.randint(2004, now.year - 1)
        agencies = sorted(self.vocab["agencies"])
        entry = {
            "id": f"program-{number:05d}",
            "kind": self.pick(sorted(self.vocab["program_kinds"])),
            "name": {"sv": template[0].format(p=place), "en": template[1].format(p=place)},
            "summary": self.text(2, since, limit=390),
            "where": self.fact("place", {"sv": place, "en": place}),
            "serves": self.serves(),
            "ages": self.ages(),
            "organisers": self.fact("agencies", rng.sample(agencies, rng.randint(1, 3))),
            "partners": self.fact("agencies", rng.sample(agencies, rng.randint(1, 4))),
            "since": self.fact("year", since),
            "status": {"status": self.pick(sorted(self.vocab["statuses"])), "sources": self.cite(),
                       "as_of": self.date_between(dt.date(since, 1, 1), now).isoformat()},
            "target_group": self.fact("text", self.text(rng.randint(1, 2), since)),
            "eligibility_criteria": self.vocabulary_items("eligibility_criteria", 1, 7),
            "requirements": self.vocabulary_items("requirements", 0, 4),
            "case_start": self.fact("text", self.text(rng.randint(1, 2), since)),
            "process": [self.fact("step", self.text(1, since)) for _ in range(rng.randint(2, 5))],
            "support": self.vocabulary_items("support", 1, 6),
            "follow_up": self.fact("text", self.text(rng.randint(1, 2), since)),
            "outcomes": [self.outcome(index, since, now) for index in range(rng.choice((0, 1, 1, 2)))],
            "evidence": [self.study(since, now) for _ in range(rng.choice((0, 1, 1, 2, 3)))],
            "contacts": [self.contact() for _ in range(rng.randint(1, 2))],
            "history": self.history(since, now),
            "description": [dict(self.text(rng.randint(2, 4), since), sources=self.cite()) for _ in range(rng.randint(2, 3))],
            "last_reviewed": self.date_between(now - dt.timedelta(days=300), now).isoformat(),
        }
        for optional in ("partners", "target_group", "case_start", "follow_up", "history", "ages"):
            if rng.random() < 0.25:
                entry[optional] = None  # as in the real data, a quarter of the optional facts are not stated
        return {key: value for key, value in entry.items() if value}  # "not stated": the key is left out

    def outcome(self, index: int, since: int, now: dt.date) -> dict:
        start = self.rng.randint(since, now.year - 1)
        whole = self.rng.randint(8, 400)
        labels = self.rng.sample(COUNT_LABELS, self.rng.randint(2, 4))
        counts = [{"id": f"c{index}-0", "label": {"sv": labels[0][0], "en": labels[0][1]}, "count": whole}]
        for position, label in enumerate(labels[1:], 1):
            counts.append({"id": f"c{index}-{position}", "label": {"sv": label[0], "en": label[1]},
                           "count": self.rng.randint(0, whole), "of": f"c{index}-0"})
        return {"id": f"uppfoljning-{index + 1}", "title": {"sv": f"Uppföljning {start}", "en": f"Follow-up {start}"},
                "period": {"from": str(start), "to": str(self.rng.randint(start, now.year))},
                "definition": self.text(1, start), "counts": counts, "sources": self.cite()}

    def study(self, since: int, now: dt.date) -> dict:
        year = self.rng.randint(since, now.year)
        by, found = self.pick(STUDY_BY), self.pick(FINDINGS)
        return {"title": {"sv": f"Utvärdering {year} av arbetet", "en": f"Evaluation {year} of the work"},
                "level": self.pick(sorted(self.vocab["evidence_levels"])), "by": {"sv": by[0], "en": by[1]},
                "year": str(year), "found": {"sv": f"Studien fann {found[0]}.", "en": f"The study found {found[1]}."},
                "sources": self.cite()}

    def serves(self) -> dict | None:
        """One to four municipalities mostly, sometimes a county or the whole country (as the real entries)."""
        if not self.municipalities:
            return None
        draw = self.rng.random()
        if draw < 0.06:
            return {"national": True, "sources": self.cite()}
        if draw < 0.16:
            return {"counties": [self.pick(self.counties)], "sources": self.cite()}
        return {"municipalities": sorted(self.rng.sample(self.municipalities, self.rng.choice((1, 1, 1, 2, 4)))),
                "sources": self.cite()}

    def ages(self) -> list[dict]:
        low = self.rng.choice((12, 13, 15, 16, 18, 18, 18, 21))
        band = {"from": low, "sources": self.cite()}
        if self.rng.random() < 0.5:
            band["to"] = low + self.rng.randint(5, 17)
        return [band]

    def contact(self) -> dict:
        area = self.pick(["08", "031", "040", "011", "013", "016", "018", "019", "021", "023", "026", "036", "046", "054", "060", "090"])
        number = f"{area}-{self.rng.randint(10, 999)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"
        label = self.pick(SUBJECTS)
        opening = {"periods": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": Quoted(f"{self.rng.randint(8, 10):02d}:00"),
                                "to": Quoted(f"{self.rng.randint(15, 17)}:00")}], "sources": self.cite()}
        return {"label": {"sv": label[0], "en": label[1]}, "phone": number, "opening": opening, "sources": self.cite()}

    def history(self, since: int, now: dt.date) -> list[dict]:
        dates = sorted(self.date_between(dt.date(since, 1, 1), now) for _ in range(self.rng.randint(1, 4)))
        return [{"date": day.isoformat(), "text": self.text(1, day.year), "sources": self.cite()} for day in dates]


def _entries_pages_refer_to(text: str) -> list[str]:
    """The real entries (as written, so quoting stays as the loader wants it) that hold a due record with an id:
    pages name those ids in <!-- guide:due ID --> markers, so a site without them would not build."""
    body = text.partition("\nprograms:\n")[2]
    chunks = ["  - id:" + chunk for chunk in body.split("\n  - id:")] if body.startswith("  - id:") else []
    chunks = [chunk.removeprefix("  - id:") if index == 0 else chunk for index, chunk in enumerate(chunks)]
    return [chunk.rstrip("\n") + "\n" for chunk in chunks if "\n        due:\n          id:" in chunk]


def programs_yaml(project: Path, count: int, seed: int = 2026) -> str:
    """data/programs.yaml with `count` programmes for the project's vocabularies and sources: the real entries that
    pages refer to (see _entries_pages_refer_to), then generated ones up to `count`."""
    data = project / "data"
    vocabularies = yaml.safe_load((data / "vocabularies.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    confirmed = [s["id"] for s in sources if s.get("mark") == "confirmed"]
    places_file = data / "places.yaml"
    places = yaml.safe_load(places_file.read_text(encoding="utf-8")) if places_file.exists() else None
    kept = _entries_pages_refer_to((data / "programs.yaml").read_text(encoding="utf-8"))[:count]
    generator = Generator(vocabularies, confirmed, seed, places)
    now = today()
    entries = [generator.programme(number, now) for number in range(1, count - len(kept) + 1)]
    generated = yaml.dump(entries, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000) if entries else ""
    # One line per scalar (width 1000, texts of at most 600 characters), so indenting each line keeps the YAML.
    indented = "".join("  " + line if line.strip() else line for line in generated.splitlines(keepends=True))
    return ("# Synthetic programmes written by bench/synthetic.py for the benchmark (never committed)\nprograms:\n"
            + "".join(kept) + indented)


def write_programs(project: Path, count: int) -> Path:
    path = project / "data" / "programs.yaml"
    path.write_text(programs_yaml(project, count), encoding="utf-8")
    drop_programme_references(project)
    return path


def drop_programme_references(project: Path) -> None:
    """data/changes.yaml names real programmes, which the synthetic file replaces: keep the records (the What's
    new page and the feeds are still built and measured) without the programme ids they would fail on."""
    path = project / "data" / "changes.yaml"
    if not path.exists():
        return
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    for change in value.get("changes") or []:
        change.pop("programs", None)
    path.write_text(yaml.dump(value, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
