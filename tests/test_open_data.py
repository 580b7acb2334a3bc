"""The published data: schema current, data valid against it with a standard validator, exports equal the YAML."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import jsonschema
import pytest

from helpers import ROOT, TODAY_EPOCH
from exitguide import model
from exitguide.export import CSV_FILES, OUTCOME_COLUMNS, PROGRAM_COLUMNS, _plain, open_data_names, outcomes_csv, programs_csv, programs_json
from exitguide.guide import Guide, share
from exitguide.validate import validate


@pytest.fixture(scope="module")
def result():
    outcome = validate(ROOT / "data")
    assert outcome.ok
    return outcome


def test_committed_schema_is_current():
    run = subprocess.run([sys.executable, "-m", "exitguide", "schema", "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("file_name", list(model.FILES))
def test_data_passes_its_published_schema(result, file_name):
    schema = json.loads((ROOT / "schemas" / file_name.replace(".yaml", ".schema.json")).read_text(encoding="utf-8"))
    jsonschema.validate(_plain(result.data[file_name]), schema)


def test_published_schema_rejects_what_the_validator_rejects():
    schema = json.loads((ROOT / "schemas" / "programs.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"programs": [{"id": "x", "unknown": 1}]}, schema)


def test_json_export_equals_the_yaml(result):
    guide = Guide.from_result(result)
    document = json.loads(programs_json(guide))
    assert len(document["programs"]) == len(result.data["programs.yaml"]["programs"])
    for exported, original in zip(document["programs"], result.data["programs.yaml"]["programs"]):
        exported = {k: v for k, v in exported.items() if k != "evidence_level"}
        for outcome in exported.get("outcomes") or []:
            for count in outcome["counts"]:
                count.pop("share_percent", None)
        assert exported == _plain(original)


def test_csv_export_has_a_row_per_programme(result):
    guide = Guide.from_result(result)
    rows = list(csv.DictReader(io.StringIO(programs_csv(guide))))
    assert [r["id"] for r in rows] == [p["id"] for p in guide.programs]
    for row, program in zip(rows, guide.programs):
        assert row["name_sv"] == program["name"]["sv"] and row["name_en"] == program["name"]["en"]
        assert row["last_reviewed"] == str(program["last_reviewed"])


def test_built_site_carries_the_same_open_data(site, result):
    guide = Guide.from_result(result)
    assert (site / "data" / "programs.json").read_text(encoding="utf-8") == programs_json(guide)
    assert (site / "data" / "programs.csv").read_text(encoding="utf-8-sig") == programs_csv(guide)
    assert (site / "data" / "outcomes.csv").read_text(encoding="utf-8-sig") == outcomes_csv(guide)
    for name in model.FILES:
        stem = name.replace(".yaml", ".schema.json")
        assert (site / "data" / stem).read_bytes() == (ROOT / "schemas" / stem).read_bytes()


def test_open_data_page_lists_exactly_the_files_written(site):
    written = sorted(p.name for p in (site / "data").iterdir() if p.is_file() and p.name != "index.html")  # the page itself
    assert written == sorted(open_data_names())
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert all(f'<a href="{name}">{name}</a>' in page for name in open_data_names())


def test_data_files_are_in_canonical_layout():
    run = subprocess.run([sys.executable, "-m", "exitguide", "fmt", "--check"], capture_output=True, text=True, cwd=ROOT,
                         env={"SOURCE_DATE_EPOCH": TODAY_EPOCH, "PATH": ""})
    assert run.returncode == 0, run.stdout + run.stderr


BOM = b"\xef\xbb\xbf"


def spreadsheet_rows(path) -> list[dict]:
    """The file as a spreadsheet reads it: bytes decoded as UTF-8 with its byte-order mark, then CSV."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_files_start_with_a_byte_order_mark_so_excel_reads_swedish_letters(site):
    for name in CSV_FILES:
        raw = (site / "data" / name).read_bytes()
        assert raw[:3] == BOM, name
        assert raw[3:4] == b'"' and not raw[3:].startswith(BOM), name  # exactly one mark, then the header
    assert not (site / "data" / "programs.json").read_bytes().startswith(BOM)  # JSON must not have one (RFC 8259)
    rows = spreadsheet_rows(site / "data" / "programs.csv")
    assert "Konsultationsteamet i Malmö" in [r["name_sv"] for r in rows]
    assert list(rows[0])[0] == "id"  # the mark is not part of the first column's name


def test_outcomes_csv_has_one_row_per_count_with_denominator_period_and_definition(site, result):
    rows = spreadsheet_rows(site / "data" / "outcomes.csv")
    programs = result.data["programs.yaml"]["programs"]
    expected = [(p["id"], o["id"], c["id"]) for p in programs for o in p.get("outcomes") or [] for c in o["counts"]]
    assert [(r["program_id"], r["outcome_id"], r["count_id"]) for r in rows] == expected and len(expected) >= 10
    for program in programs:
        for outcome in program.get("outcomes") or []:
            counts = {c["id"]: c for c in outcome["counts"]}
            for count in outcome["counts"]:
                row = next(r for r in rows if (r["program_id"], r["outcome_id"], r["count_id"]) == (program["id"], outcome["id"], count["id"]))
                assert row["count"] == str(count["count"])
                assert (row["period_from"], row["period_to"]) == (str(outcome["period"]["from"]), str(outcome["period"]["to"]))
                assert (row["definition_sv"], row["definition_en"]) == (outcome["definition"]["sv"], outcome["definition"]["en"])
                assert row["count_label_sv"] == count["label"]["sv"] and row["program_name_en"] == program["name"]["en"]
                whole = counts.get(count.get("of"))
                if whole:
                    assert (row["of_count_id"], row["denominator"], row["of_label_en"]) == (whole["id"], str(whole["count"]), whole["label"]["en"])
                    assert row["share_percent"] == str(share(count["count"], whole["count"]))
                else:
                    assert row["of_count_id"] == row["denominator"] == row["share_percent"] == ""
                assert row["sources"] == "; ".join(outcome["sources"])
    gothenburg = next(r for r in rows if r["program_id"] == "goteborg-avhopparverksamhet" and r["count_id"] == "fullfoljde")
    assert (gothenburg["count"], gothenburg["denominator"], gothenburg["share_percent"]) == ("73", "94", "78")  # 73/94 = 77.7 %


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_open_data_page_documents_exactly_the_columns_of_each_file(site, prefix):
    page = (site / prefix / "data" / "index.html").read_text(encoding="utf-8")
    for name, columns in CSV_FILES.items():
        table = page.split(f'id="columns-{name.replace(".", "-")}"', 1)[1].split("</table>", 1)[0]
        documented = re.findall(r'<th scope="row"><code>([^<]+)</code></th><td>[^<]+</td>', table)
        with open(site / "data" / name, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
        assert documented == header == [c.name for c in columns], name
    assert len(PROGRAM_COLUMNS) > 20 and len(OUTCOME_COLUMNS) > 15
