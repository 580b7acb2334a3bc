"""The published data: schema current, data valid against it with a standard validator, exports equal the YAML."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import jsonschema
import pytest

from helpers import ROOT, TODAY_EPOCH
from exitguide import model
from exitguide.export import _plain, open_data_names, programs_csv, programs_json
from exitguide.guide import Guide
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
    assert (site / "data" / "programs.csv").read_text(encoding="utf-8") == programs_csv(guide)
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
