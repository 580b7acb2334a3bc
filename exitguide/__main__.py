"""Command line for maintainers and CI: `python -m exitguide VERB`.

Every verb works without MkDocs. Exit status 0 means all is well, 1 means a
problem was found (or a file would change), 2 means the command was misused.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import clock, model, site_check
from .fmt import format_text
from .guide import Guide
from .problems import printable
from .schema import schema_files
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent


def write_atomically(path: Path, text: str) -> None:
    """Replace a file in one rename, so an interrupted run never leaves it half-written."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8", newline="\n")
    os.replace(partial, path)


def _print_problems(problems, output_format: str) -> None:
    for problem in problems:
        print(problem.format_github() if output_format == "github" else problem.format_text())


def cmd_check(args) -> int:
    """Validate every file in data/, then the markers and sv/en parity of docs/ (as the build does); print each problem as file:line:col: error: path: expected …, got …. Tip: …"""
    result, guide = site_check.checked_data(args.data, args.data.parent)
    docs = args.data.parent / "docs"  # the pages' markers and sv/en parity, as the build checks them
    problems = result.problems + (site_check.docs_problems(docs, guide) if docs.is_dir() else [])
    _print_problems(problems, args.format)
    if args.format == "github" and problems:  # annotations are capped per step; keep the plain list too
        _print_problems(problems, "text")
    errors = [p for p in problems if p.level == "error"]
    summary = f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s) in {args.data}" + (" and docs/" if docs.is_dir() else "")
    print(printable(("✗ " if errors else "✓ ") + summary), file=sys.stderr)
    return 1 if errors else 0


def cmd_fmt(args) -> int:
    """Rewrite the data files in canonical layout (key order from the model). --check only reports and exits 1."""
    result = validate(args.data, display_root=args.data.parent)
    if result.errors:
        _print_problems(result.errors, "text")
        print("✗ fix these errors first; fmt never rewrites a file with errors.", file=sys.stderr)
        return 1
    changed = []
    for name in model.FILES:
        path = args.data / name
        text = path.read_text(encoding="utf-8")
        formatted = format_text(name, text, result.data[name])
        if formatted != text:
            changed.append(path)
            if not args.check:
                write_atomically(path, formatted)
    if args.check and changed:
        for path in changed:
            print(f"{path}: not in canonical layout")
        print("✗ run `python -m exitguide fmt` (or `make fmt`) to fix.", file=sys.stderr)
        return 1
    print(f"✓ {len(changed)} file(s) reformatted" if changed else "✓ all data files in canonical layout", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    """Write the open data (programs.json, programs.csv, JSON Schemas) into a folder. The files are written into a
    temporary folder next to it and moved into place only when all are complete."""
    from .export import ExportError, export_open_data
    result = validate(args.data, display_root=args.data.parent)
    if result.errors:
        _print_problems(result.errors, "text")
        return 1
    try:
        written = export_open_data(Guide.from_result(result), args.folder)
    except ExportError as error:
        print(printable(f"✗ {error}"), file=sys.stderr)
        return 1
    for path in written:
        print(printable(str(path)))
    return 0


def cmd_stale(args) -> int:
    """List programmes whose last review is older than --days (default: the limit the pages and `check` use). Exit 1 if any."""
    result = validate(args.data, display_root=args.data.parent)
    if result.errors:
        _print_problems(result.errors, "text")
        return 1
    guide = Guide.from_result(result)
    stale = []
    for program in guide.programs:
        if clock.is_stale(program["last_reviewed"], guide.today, args.days):
            stale.append(program)
            age = clock.days_since(program["last_reviewed"], guide.today)
            print(printable(f"{program['id']}: last reviewed {program['last_reviewed']} ({age} days ago)"))
    print(f"{'✗' if stale else '✓'} {len(stale)} programme(s) not reviewed in {args.days} days", file=sys.stderr)
    return 1 if stale else 0


def cmd_schema(args) -> int:
    """Write schemas/*.schema.json from the model. --check exits 1 if the committed files are out of date."""
    folder = args.out
    drift = []
    for name, content in schema_files().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            drift.append(path)
            if not args.check:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomically(path, content)
    if args.check and drift:
        for path in drift:
            print(f"{path}: out of date")
        print("✗ run `python -m exitguide schema` (or `make schema`) and commit the result.", file=sys.stderr)
        return 1
    print(f"✓ {len(drift)} schema file(s) written" if drift else "✓ schemas are current", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exitguide", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for name, func in (("check", cmd_check), ("fmt", cmd_fmt), ("export", cmd_export), ("stale", cmd_stale), ("schema", cmd_schema)):
        doc = func.__doc__.strip()
        sub = verbs.add_parser(name, help=doc, description=doc)
        sub.set_defaults(func=func)
        if name == "check":
            sub.add_argument("--format", choices=["text", "github"], default="text",
                             help="github prints ::error annotations for pull requests")
        if name in ("fmt", "schema"):
            sub.add_argument("--check", action="store_true", help="report only; exit 1 if anything would change")
        if name == "export":
            sub.add_argument("folder", type=Path)
        if name == "stale":
            sub.add_argument("--days", type=int, default=clock.STALE_AFTER_DAYS,
                             help=f"older than this many days (default {clock.STALE_AFTER_DAYS})")
        if name == "schema":
            sub.add_argument("--out", type=Path, default=ROOT / "schemas")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
