"""Outputs for spreadsheets and data frames: CSV booleans, the Excel flavour, Parquet dtypes, JSON always there."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas
import pytest

from extractor.batch import convert, extract_many
from extractor.writers.csv import BOM, CSV_COLUMNS
from extractor.writers.read import read_cookies
from tests.conftest import SAMPLES

# A text export with a cookie written as a pattern (``name_is_pattern`` true) and plain names (false).
PATTERNS = SAMPLES / "boutique-cookies-fr.layout.txt"
SEED = SAMPLES / "opendatasoft-cookie-policy.txt"


def _inputs(folder: Path) -> Path:
    inputs = folder / "in"
    inputs.mkdir()
    shutil.copy(PATTERNS, inputs / PATTERNS.name)
    shutil.copy(SEED, inputs / SEED.name)
    return inputs


def _column(text: str, column: str) -> list[str]:
    return [row[column] for row in csv.DictReader(io.StringIO(text))]


def test_csv_booleans_are_true_and_false_as_in_the_json(tmp_path: Path) -> None:
    convert([_inputs(tmp_path)], tmp_path / "out", ["csv"], jobs=1)
    for sheet in (tmp_path / "out" / "inventory.csv", tmp_path / "out" / f"{PATTERNS.name}.csv"):
        text = sheet.read_text(encoding="utf-8")
        assert not text.startswith(BOM)
        assert set(_column(text, "name_is_pattern")) == {"true", "false"}, sheet.name


def test_excel_csv_has_a_byte_order_mark_and_otherwise_the_same_bytes(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    convert([inputs], tmp_path / "plain", ["csv"], jobs=1)
    convert([inputs], tmp_path / "excel", ["csv"], jobs=1, excel=True)
    for name in ("inventory.csv", f"{PATTERNS.name}.csv"):
        excel = (tmp_path / "excel" / name).read_bytes()
        assert excel.startswith(b"\xef\xbb\xbf")
        assert excel[3:] == (tmp_path / "plain" / name).read_bytes()
    jsonl = [(tmp_path / flavour / "inventory.jsonl").read_bytes() for flavour in ("plain", "excel")]
    assert jsonl[0] == jsonl[1]


def test_parquet_inventory_keeps_the_dtypes_of_extract_many(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    convert([inputs], tmp_path / "out", ["parquet"], jobs=1)
    written = pandas.read_parquet(tmp_path / "out" / "inventory.parquet")
    expected = extract_many(inputs, jobs=1)
    assert list(written.columns) == list(expected.columns) == list(CSV_COLUMNS)
    assert written.dtypes.to_dict() == expected.dtypes.to_dict()
    assert str(written["category"].dtype) == "category" and str(written["table"].dtype) == "Int64"
    for column in ("category", "party", "duration_kind"):
        assert list(written[column].cat.categories) == list(expected[column].cat.categories), column
    written["lines"] = written["lines"].map(list)
    expected["lines"] = expected["lines"].map(list)
    pandas.testing.assert_frame_equal(written, expected)


@pytest.mark.parametrize("formats", [["parquet"], ["csv"]], ids=["parquet-alone", "csv-alone"])
def test_the_per_document_json_is_written_whatever_the_formats(tmp_path: Path, formats: list[str]) -> None:
    out = tmp_path / "out"
    convert([SEED], out, formats, jobs=1)
    document = out / f"{SEED.name}.json"
    assert json.loads(document.read_text(encoding="utf-8"))["status"] == "ok"
    assert [c.name for c in read_cookies(out)][:2] == ["sessionid", "django_language"]
