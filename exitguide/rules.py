"""Rules that look across records or files, each one a pure function returning Problems.

Runs after every file has passed (or failed) its own type checks in validate.py.
Each rule is written defensively: the data may be half-broken, so a rule skips
what it cannot read instead of raising (the type checks already reported it).
Conventions: `ctx(name)` gives the FileContext of a data file, for locations.
Rules about one list or one value (unique ids, dates not in the future) are in the types
(types.ListOf unique=…, types.Date); what is here needs more than one value at a time.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from . import personal
from .clock import STALE_AFTER_DAYS, days_since, has_passed, is_stale
from .context import FileContext
from .problems import Problem, show
from .types import DOMAIN, EMAIL, MAX_ID_LENGTH, SLUG, parse_date


def items(value, key: str) -> list:
    """The list under `key` in a file's value, or [] if the file is broken."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, list) else []


def ids_of(value, key: str) -> set:
    return {item["id"] for item in items(value, key) if isinstance(item, dict) and isinstance(item.get("id"), str)}


def listed_ids(ids) -> str:
    """Ids for an 'expected one of …' message: only well-formed ones (a malformed id is reported on its own)."""
    shown = [i for i in ids if isinstance(i, str) and len(i) <= MAX_ID_LENGTH and SLUG.fullmatch(i) and not personal.findings(i)]
    return ", ".join(shown)


def rule_counts_within_whole(programs, ctx) -> list[Problem]:
    """A count that is part of another ('of') cannot exceed it, and 'of' must name an earlier count."""
    problems = []
    for p_index, program in enumerate(items(programs, "programs")):
        outcomes = program.get("outcomes") if isinstance(program, dict) else None
        for o_index, outcome in enumerate(outcomes if isinstance(outcomes, list) else []):
            counts = outcome.get("counts") if isinstance(outcome, dict) else None
            known: dict[str, int] = {}
            for c_index, count in enumerate(counts if isinstance(counts, list) else []):
                if not isinstance(count, dict):
                    continue
                path = ("programs", p_index, "outcomes", o_index, "counts", c_index)
                whole_id = count.get("of")
                number = count.get("count")
                if whole_id is not None:
                    if whole_id not in known:
                        problems.append(ctx.problem(path + ("of",), f"the id of an earlier count ({listed_ids(known) or 'none yet'})",
                                                    show(whole_id), "list the whole before its parts, and spell its id exactly."))
                    elif isinstance(number, int) and not isinstance(number, bool) and isinstance(known[whole_id], int) and number > known[whole_id]:
                        problems.append(ctx.problem(path + ("count",), f"at most {known[whole_id]} (the count {show(whole_id)} it is part of)",
                                                    show(number), "a part cannot exceed its whole; check both figures against the source."))
                if isinstance(count.get("id"), str):  # a count that failed its own check is no measure for others
                    known[count["id"]] = number if isinstance(number, int) and not isinstance(number, bool) and number >= 0 else None
    return problems


def walk_values(value) -> Iterator[tuple[tuple, object, bool]]:
    """(path, value, is_key) for every string, number and mapping key, without recursion."""
    stack = [((), value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                yield path + (key,), key, True
                stack.append((path + (key,), item))
        elif isinstance(node, list):
            stack.extend((path + (index,), item) for index, item in enumerate(node))
        elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
            yield path, node, False


PERSONAL_TIPS = {
    "mobile number": "the guide publishes only an organisation's switchboard or service number, never a person's mobile; "
                     "use the number the organisation publishes.",
}
IDENTITY_TIP = ("remove it; the guide is public and must never hold personal data. "
                "A case or document number should be written with its prefix, like 'dnr 0396/13'.")


def rule_no_personal_data(value, ctx) -> list[Problem]:
    """No string, number or key anywhere may hold a personnummer, a samordningsnummer or a mobile number.
    The message names the field and never repeats the number."""
    problems = []
    for path, found, is_key in walk_values(value):
        text = found if isinstance(found, str) else (ctx.raw(path) or str(found))
        kind = personal.first_kind(text)
        if kind:
            problems.append(ctx.problem(path, "no personal data (personnummer, samordningsnummer or mobile numbers)",
                                        f"a {kind} (not repeated here)", PERSONAL_TIPS.get(kind, IDENTITY_TIP), at_key=is_key))
    return problems


def rule_no_reserved_program_ids(programs, ctx, reserved: set[str]) -> list[Problem]:
    """A programme's id is its page address, program/<id>/; some addresses are taken by pages in docs/*/program/."""
    problems = []
    for index, program in enumerate(items(programs, "programs")):
        program_id = program.get("id") if isinstance(program, dict) else None
        if isinstance(program_id, str) and program_id in reserved:
            problems.append(ctx.problem(("programs", index, "id"), f"an id that is not the name of a page in docs/*/program/ ({', '.join(sorted(reserved))})",
                                        show(program_id), f"choose another id; program/{program_id}/ is already the address of a page, "
                                        "which this programme's page would replace."))
    return problems


def rule_email_on_organiser_domain(programs, vocabularies, ctx) -> list[Problem]:
    """A contact e-mail must be on a domain of one of the programme's organisers or partners."""
    agencies = vocabularies.get("agencies") if isinstance(vocabularies, dict) else None
    if not isinstance(agencies, dict):
        return []
    problems = []
    for p_index, program in enumerate(items(programs, "programs")):
        if not isinstance(program, dict):
            continue
        owners = []
        for key in ("organisers", "partners"):
            fact = program.get(key)
            if isinstance(fact, dict) and isinstance(fact.get("agencies"), list):
                owners += [a for a in fact["agencies"] if isinstance(a, str)]
        domains = set()
        for agency in owners:
            entry = agencies.get(agency)
            if isinstance(entry, dict) and isinstance(entry.get("domains"), list):
                domains |= {d for d in entry["domains"] if isinstance(d, str)}
        if not all(DOMAIN.fullmatch(d) for d in domains):
            continue  # a malformed domain is reported in vocabularies.yaml; the addresses are checked once it is fixed
        for c_index, contact in enumerate(program.get("contacts") or [] if isinstance(program.get("contacts"), list) else []):
            email = contact.get("email") if isinstance(contact, dict) else None
            if not isinstance(email, str) or not EMAIL.fullmatch(email):
                continue  # not an address at all: its type check reports it
            domain = email.rsplit("@", 1)[1].lower()
            if not any(domain == d or domain.endswith("." + d) for d in domains):
                problems.append(ctx.problem(("programs", p_index, "contacts", c_index, "email"),
                                            f"an address on an organiser's own domain ({', '.join(sorted(domains)) or 'none listed'})",
                                            show(email),
                                            "publish only the organisation's own address, never a personal one. If the domain is right, "
                                            "add it under the agency's 'domains:' in data/vocabularies.yaml."))
    return problems


def rule_uncertain_sources_have_caveat(sources, ctx) -> list[Problem]:
    """A source marked uncertain must say why, so the site can show the caveat."""
    problems = []
    for index, source in enumerate(items(sources, "sources")):
        if isinstance(source, dict) and source.get("mark") == "uncertain" and not source.get("caveat"):
            problems.append(ctx.problem(("sources", index), "a 'caveat' for a source marked uncertain", "no caveat",
                                        "add 'caveat: {sv: …, en: …}' saying what is uncertain, as shared/sources/facts.md does."))
    return problems


def rule_evidence_levels_ranked(vocabularies, ctx) -> list[Problem]:
    """The evidence scale is ordered: every level has a distinct rank."""
    levels = vocabularies.get("evidence_levels") if isinstance(vocabularies, dict) else None
    problems = []
    ranks: dict[int, str] = {}
    for key, entry in (levels.items() if isinstance(levels, dict) else []):
        if not isinstance(entry, dict):
            continue
        rank = entry.get("rank")
        if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool)):
            continue  # written, but not a whole number: its type check reports it
        if rank is None:
            problems.append(ctx.problem(("evidence_levels", key), "a 'rank' (its place on the scale, 0 = lowest)", "no rank",
                                        "add 'rank: N'; the guide sorts and compares programmes by it."))
        elif rank in ranks:
            problems.append(ctx.problem(("evidence_levels", key, "rank"), "a rank no other level has",
                                        f"{rank}, also the rank of {show(ranks[rank])}", "give each level its own rank."))
        else:
            ranks[rank] = key
    return problems


def rule_periods_in_order(programs, ctx) -> list[Problem]:
    problems = []
    for p_index, program in enumerate(items(programs, "programs")):
        for o_index, outcome in enumerate(program.get("outcomes") or [] if isinstance(program, dict) and isinstance(program.get("outcomes"), list) else []):
            period = outcome.get("period") if isinstance(outcome, dict) else None
            if isinstance(period, dict):
                start, end = parse_date(period.get("from")), parse_date(period.get("to"))
                if start and end and start > end:
                    problems.append(ctx.problem(("programs", p_index, "outcomes", o_index, "period", "to"),
                                                f"a date on or after the start ({period.get('from')})", show(str(period.get("to"))),
                                                "swap 'from' and 'to'."))
    return problems


def rule_dates_in_order(value, key: str, earlier: str, later: str | tuple, ctx, tip: str) -> list[Problem]:
    """Within each entry of a list, the `later` date (a field, or a path into a record such as ("due", "date"))
    is not before the `earlier` one, when both are given."""
    later_path = (later,) if isinstance(later, str) else tuple(later)
    problems = []
    for index, entry in enumerate(items(value, key)):
        found = entry
        for part in later_path:
            found = found.get(part) if isinstance(found, dict) else None
        if not isinstance(entry, dict) or entry.get(earlier) is None or found is None:
            continue
        start, end = parse_date(entry[earlier]), parse_date(found)
        if start and end and end < start:
            problems.append(ctx.problem((key, index) + later_path, f"a date on or after its '{earlier}' ({show(str(entry[earlier]))[1:-1]})",
                                        show(str(found)), tip))
    return problems


def warn_stale_programs(programs, ctx, now: dt.date) -> list[Problem]:
    """Warning (not an error): a programme not reviewed for twelve months may be out of date."""
    problems = []
    for index, program in enumerate(items(programs, "programs")):
        reviewed = program.get("last_reviewed") if isinstance(program, dict) else None
        if is_stale(reviewed, now):
            problems.append(ctx.problem(("programs", index, "last_reviewed"), f"a review within {STALE_AFTER_DAYS} days",
                                        f"{parse_date(reviewed).isoformat()} ({days_since(reviewed, now)} days ago)",
                                        "check the facts against their sources, then update last_reviewed.", level="warning"))
    return problems


def warn_passed_due_dates(timeline, ctx, now: dt.date) -> list[Problem]:
    """Warning: a date a source spoke of in the future has passed and no outcome is recorded."""
    problems = []
    for index, event in enumerate(items(timeline, "events")):
        record = event.get("due") if isinstance(event, dict) else None
        if isinstance(record, dict) and has_passed(record.get("date"), now) and not record.get("outcome"):
            problems.append(ctx.problem(("events", index, "due", "date"), "an 'outcome' once the due date has passed",
                                        f"{record.get('date')}, passed with no outcome recorded",
                                        "find a source for what happened and add 'outcome:'; until then the site says the outcome is not recorded.",
                                        level="warning"))
    return problems


def rule_change_programs_exist(changes, programs, ctx) -> list[Problem]:
    """A change record names programmes by id; each must be a programme in data/programs.yaml (the page links it)."""
    listed_programs = items(programs, "programs")
    known = ids_of(programs, "programs")
    if not listed_programs or len(known) < len(listed_programs) or not all(SLUG.fullmatch(i) for i in known):
        return []  # the programmes file has problems of its own (reported there); compare once its ids are sound
    problems = []
    for c_index, change in enumerate(items(changes, "changes")):
        listed = change.get("programs") if isinstance(change, dict) else None
        for p_index, program_id in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(program_id, str) and SLUG.fullmatch(program_id) and program_id not in known:
                problems.append(ctx.problem(("changes", c_index, "programs", p_index), "the id of a programme in data/programs.yaml",
                                            show(program_id), "check the spelling against the programme's 'id:'; "
                                            "a programme that was removed is named in the description instead."))
    return problems


def rule_change_cites_sources(changes, vocabularies, ctx) -> list[Problem]:
    """A change of a kind marked needs_sources (a corrected fact, a new source) names the sources it rests on."""
    kinds = vocabularies.get("change_kinds") if isinstance(vocabularies, dict) else None
    if not isinstance(kinds, dict):
        return []
    problems = []
    for index, change in enumerate(items(changes, "changes")):
        kind = kinds.get(change.get("kind")) if isinstance(change, dict) and isinstance(change.get("kind"), str) else None
        if isinstance(kind, dict) and kind.get("needs_sources") is True and "sources" not in change:
            problems.append(ctx.problem(("changes", index), f"'sources' for a change of kind {show(change['kind'])}",
                                        "no sources", "add 'sources: [id, …]' with the sources that state the new or corrected fact."))
    return problems


def run_all(data: dict, loaded_files: dict, vocabularies, now: dt.date, reserved_program_ids: set[str]) -> list[Problem]:
    def ctx(name: str):
        return FileContext(loaded_files[name], today=now)

    problems: list[Problem] = []
    for name, value in data.items():
        problems += rule_no_personal_data(value, ctx(name))
    if "programs.yaml" in data:
        programs = data["programs.yaml"]
        problems += rule_no_reserved_program_ids(programs, ctx("programs.yaml"), reserved_program_ids)
        problems += rule_counts_within_whole(programs, ctx("programs.yaml"))
        problems += rule_email_on_organiser_domain(programs, vocabularies, ctx("programs.yaml"))
        problems += rule_periods_in_order(programs, ctx("programs.yaml"))
        problems += warn_stale_programs(programs, ctx("programs.yaml"), now)
    if "sources.yaml" in data:
        problems += rule_uncertain_sources_have_caveat(data["sources.yaml"], ctx("sources.yaml"))
        problems += rule_dates_in_order(data["sources.yaml"], "sources", "date", "accessed", ctx("sources.yaml"),
                                        "a page cannot be read before it was published; check both dates.")
    if "vocabularies.yaml" in data:
        problems += rule_evidence_levels_ranked(data["vocabularies.yaml"], ctx("vocabularies.yaml"))
    if "timeline.yaml" in data:
        problems += rule_dates_in_order(data["timeline.yaml"], "events", "date", ("due", "date"), ctx("timeline.yaml"),
                                        "'due' is a date the source speaks of ahead of the event's own date; check both dates.")
        problems += warn_passed_due_dates(data["timeline.yaml"], ctx("timeline.yaml"), now)
    if "changes.yaml" in data:
        if "programs.yaml" in data:  # a programmes file that did not load reports its own problems; ids are checked once it loads
            problems += rule_change_programs_exist(data["changes.yaml"], data["programs.yaml"], ctx("changes.yaml"))
        problems += rule_change_cites_sources(data["changes.yaml"], vocabularies, ctx("changes.yaml"))
    return problems
