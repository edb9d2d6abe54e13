"""Hostile and broken inputs: every one gets a defined outcome (records, or a failed status with a clear
message naming the file), a batch never stops or loses finished output, and nothing we write can harm the
person who opens it."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import OutputError, extract
from extractor.batch import Job, convert, inside
from extractor.cli import app
from extractor.writers.csv import FORMULA_START
from tests import badinputs
from tests.conftest import SAMPLES, sample_inputs

EXPECTED = {
    "empty": ("failed", "empty file"),
    "zero-page": ("failed", "PDF without pages"),
    "truncated": ("failed", "corrupt PDF"),
    "broken-xref": ("ok", None),
    "encrypted": ("failed", "encrypted PDF; pass --password"),
    "image-only": ("failed", "no text layer: OCR is not supported"),
    "200-pages": ("partial", None),
    "dust": ("failed", "over max_chars_per_page=20000"),
    "utf-16": ("ok", None),
    "latin-1": ("ok", None),
    "cp1252": ("ok", None),
    "utf-8-bom": ("ok", None),
    "nul": ("failed", "binary file (NUL bytes)"),
    "long-line": ("ok", None),
    "symlink-loop": ("failed", "cannot read"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_each_bad_input_has_its_outcome(name: str, tmp_path: Path) -> None:
    path = badinputs.MAKERS[name](tmp_path)
    result = extract(path)
    status, message = EXPECTED[name]
    assert result.status == status, result.error
    if message:
        assert result.error is not None and result.error.startswith(f"{path}: ") and message in result.error
        assert "Traceback" not in result.error and "\n" not in result.error
    if status == "ok":
        assert [c.name for c in result.cookies][:2] == ["sessionid", "django_language"] or result.format == "pdf"


def test_encodings_are_read_right(tmp_path: Path) -> None:
    for name in ("utf-16", "latin-1", "cp1252", "utf-8-bom"):
        result = extract(badinputs.MAKERS[name](tmp_path))
        assert result.cookies[0].provider == "Opendatasöft", name


def test_encrypted_pdf_with_its_password(tmp_path: Path) -> None:
    path = badinputs.encrypted_pdf(tmp_path)
    assert extract(path, password="s3cret").status == "ok"
    assert "the password is wrong" in (extract(path, password="nope").error or "")


def test_page_and_size_caps(tmp_path: Path) -> None:
    many = badinputs.many_pages_pdf(tmp_path)
    assert "exceeds max_pages=100" in (extract(many, max_pages=100).error or "")
    assert "exceeds max_file_size=1000" in (extract(many, max_file_size=1000).error or "")


def test_a_decompression_bomb_fails_alone_within_the_memory_cap(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    badinputs.decompression_bomb_pdf(inputs, megabytes=2048)
    shutil.copy(SAMPLES / "opendatasoft-cookie-policy.txt", inputs / "good.txt")
    from extractor.settings import Settings

    outcomes = {o.name: o for o in convert([inputs], tmp_path / "out", jobs=1, settings=Settings(max_memory_mb=800))}
    assert outcomes["good.txt"].status == "ok"
    assert outcomes["bomb.pdf"].status == "failed"
    # Refused by the decoded-size limit before PDFium allocates: no worker crash, no fatal trace on the terminal.
    assert "decode to more than max_decoded_size=" in (outcomes["bomb.pdf"].error or "")
    assert "Fatal" not in capfd.readouterr().err


def test_a_table_of_ten_thousand_rows(tmp_path: Path) -> None:
    path = badinputs.big_table_pdf(tmp_path, rows=10_000)
    outcomes = convert([path], tmp_path / "out", jobs=1)
    assert outcomes[0].status == "ok"
    assert outcomes[0].cookies == 10_000


def test_a_folder_of_a_thousand_empty_files(tmp_path: Path) -> None:
    folder = badinputs.empty_files(tmp_path)
    outcomes = convert([folder], tmp_path / "out", jobs=2)
    assert len(outcomes) == 1000
    assert all(o.status == "failed" and (o.error or "").endswith("empty file") for o in outcomes)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    shutil.copy(SAMPLES / "opendatasoft-cookie-policy.txt", path)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert extract(path).error == f"{path}: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    shutil.copy(SAMPLES / "opendatasoft-cookie-policy.txt", path)
    path.chmod(0)
    assert extract(path).error == f"{path}: permission denied"


def test_a_file_that_vanishes_mid_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.batch

    gone = tmp_path / "gone.txt"
    real = extractor.batch.find_inputs
    monkeypatch.setattr(
        extractor.batch, "find_inputs", lambda inputs, out=None: [*real(inputs, out), Job(gone, "gone.txt")]
    )
    outcomes = {o.name: o for o in convert([SAMPLES / "opendatasoft-cookie-policy.txt"], tmp_path / "out", jobs=1)}
    assert outcomes["gone.txt"].status == "failed" and outcomes["gone.txt"].error == f"{gone}: no such file"
    assert outcomes["opendatasoft-cookie-policy.txt"].status == "ok"


def test_a_hundred_good_and_a_hundred_bad_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    bad = tmp_path / "bad"
    made = badinputs.make_all(bad)
    failing = [p for name, p in made.items() if EXPECTED.get(name, ("failed",))[0] == "failed" and name != "bomb"]
    for k in range(100):
        shutil.copy(SAMPLES / "opendatasoft-cookie-policy.txt", inputs / f"good-{k:03d}.txt")
        source = failing[k % len(failing)]
        target = inputs / f"bad-{k:03d}{source.suffix}"
        if source.is_symlink():
            os.symlink(target.name, target)
        else:
            shutil.copy(source, target)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs.iterdir() if not p.is_symlink()}
    result = CliRunner().invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 1
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    documents = {d["output"]: d for d in report["documents"]}
    assert len(documents) == 200
    for k in range(100):
        good = json.loads((tmp_path / "out" / f"good-{k:03d}.txt.json").read_text(encoding="utf-8"))
        assert good["status"] == "ok" and len(good["cookies"]) == 4
        bad_one = next(d for name, d in documents.items() if name.startswith(f"bad-{k:03d}"))
        assert bad_one["status"] == "failed" and bad_one["error"]
    assert before == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs.iterdir() if not p.is_symlink()
    }


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_csv_cell_can_be_a_formula(tmp_path: Path) -> None:
    crafted = tmp_path / "crafted.txt"
    crafted.write_text(
        "Cookies\nName\tProvider\tPurpose\tExpires\n"
        '=cmd|\' /C calc\'!A0\t@SUM(1+1)\t=HYPERLINK("http://evil.example","x")\t+1 year\n'
        "-2+3\t\tab\t-\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    convert([*sample_inputs(), crafted], out, ["json", "csv"], jobs=2)
    for sheet in [*out.glob("*.csv"), out / "inventory.csv"]:
        for cell in _cells(sheet):
            assert not cell.startswith(FORMULA_START), f"{sheet.name}: {cell!r}"
    crafted_json = json.loads((out / "crafted.txt.json").read_text(encoding="utf-8"))
    assert crafted_json["cookies"][0]["purpose"].startswith("=HYPERLINK"), "JSON keeps the text as found"
    raw = tmp_path / "raw"
    convert([crafted], raw, ["csv"], jobs=1, raw_csv=True)
    assert any(cell.startswith("=") for cell in _cells(raw / "crafted.txt.csv"))
    from extractor.exports import export
    from extractor.writers.read import read_cookies

    for cell in _cells_of(export(read_cookies(out / "crafted.txt.json"), "csv-onetrust")):
        assert not cell.startswith(FORMULA_START)


def _cells_of(text: str) -> list[str]:
    import io

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_outputs_never_escape_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "linked").symlink_to(tmp_path / "elsewhere")
    for name in ("../escape.json", "/etc/escape.json", "linked/x.json"):
        with pytest.raises(OutputError, match="outside the output folder"):
            inside(out, name)
    inputs = tmp_path / "in"
    (inputs / "linked").mkdir(parents=True)
    shutil.copy(SAMPLES / "opendatasoft-cookie-policy.txt", inputs / "linked" / "a.txt")
    outcomes = convert([inputs], out, jobs=1)
    assert outcomes[0].status == "failed" and "outside the output folder" in (outcomes[0].error or "")
    assert not list((tmp_path / "elsewhere").iterdir())
