"""Golden files: every sample's JSON output equals the reviewed file beside it (a missing one fails)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from extractor import extract
from extractor.writers import dumps, load_schema
from tests.conftest import GOLDEN_SUFFIX, ROOT, sample_inputs

SAMPLES = sample_inputs()


def _result_dict(path: Path) -> dict[str, object]:
    data = extract(os.path.relpath(path, ROOT)).to_dict()
    # The version changes with every release; everything else must not change unless reviewed.
    data.pop("extractor_version")
    return data


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_samples_exist() -> None:
    assert SAMPLES, "samples/ holds no input document"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_golden(sample: Path, regen: bool) -> None:
    golden = sample.with_name(sample.name + GOLDEN_SUFFIX)
    actual = dumps(_result_dict(sample))
    if regen:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden.name}: review the output, then run `make regen`"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_output_validates_against_schema(sample: Path) -> None:
    jsonschema.validate(extract(os.path.relpath(sample, ROOT)).to_dict(), load_schema())


def test_seed_gives_exactly_the_four_cookies() -> None:
    result = extract("samples/opendatasoft-cookie-policy.txt")
    assert result.status == "ok"
    got = [(c.provider, c.function, c.name, c.purpose, c.category) for c in result.cookies]
    assert got == [
        (
            "Opendatasoft",
            "Authentication (front and back office)",
            "sessionid",
            "To remember the user from one page to another",
            "necessary",
        ),
        (
            "Opendatasoft",
            "Language selection (front and back office)",
            "django_language",
            "To remember the visitor's language",
            "necessary",
        ),
        (
            "Opendatasoft",
            "API (CSRF) (front et back office)",
            "csrftoken",
            "To retrieve data via API",
            "necessary",
        ),
        (
            "Opendatasoft",
            "Choices related to your cookie preferences",
            "cookies_preferences",
            "To remember the visitor's cookie preferences",
            "necessary",
        ),
    ]


def test_seed_noise_is_warned_not_data() -> None:
    result = extract("samples/opendatasoft-cookie-policy.txt")
    noise = [w for w in result.warnings if w.code == "noise"]
    assert [w.line for w in noise] == [31, 47]
    assert any("'opendatasoft'" in w.message for w in noise)
    assert any("'alis'" in w.message for w in noise)
    values = json.dumps([c.to_dict() for c in result.cookies])
    assert "alis" not in values.replace("alisation", "")


def test_report_validates_against_its_schema(tmp_path: Path) -> None:
    from extractor.batch import convert
    from extractor.writers.json import SCHEMA_PATH

    convert([ROOT / "samples"], tmp_path, jobs=2)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.with_name("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    # The samples with golden files, and the office-made PDFs that tests/test_office_pdfs.py reads.
    assert report["files"] == len(SAMPLES) + len(list((ROOT / "samples" / "office").glob("*.pdf")))
    for document in tmp_path.rglob("*.json"):
        if document.name != "report.json" and ".extractor" not in document.parts:
            jsonschema.validate(json.loads(document.read_text(encoding="utf-8")), load_schema())
