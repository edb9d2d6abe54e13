"""The PDFium reader gives what the pdfplumber reader gives: the same lines, the same records, the same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import extract
from extractor.cli import app
from extractor.errors import ConfigError
from extractor.readers import load
from extractor.readers.pdf import document_from_pages, read_pdf
from extractor.readers.pdfium import Char, words_from_chars
from extractor.settings import Settings
from scripts.render_samples import pdf_bytes
from tests import badinputs
from tests.conftest import SAMPLES

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))
READERS = ("pdfplumber", "pdfium")


def _lines(path: Path, reader: str) -> list[tuple[int, str]]:
    document = load(path, Settings(pdf_reader=reader))  # type: ignore[arg-type]
    return [(line.page, line.text) for line in document.lines]


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=[p.name for p in SAMPLE_PDFS])
def test_both_readers_give_the_same_lines_and_records(path: Path) -> None:
    assert _lines(path, "pdfium") == _lines(path, "pdfplumber")
    cookies = {reader: [c.to_dict() for c in extract(path, pdf_reader=reader).cookies] for reader in READERS}
    assert cookies["pdfium"] == cookies["pdfplumber"]
    assert cookies["pdfium"]


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=[p.name for p in SAMPLE_PDFS])
def test_both_readers_give_the_same_rules(path: Path) -> None:
    rules = {reader: load(path, Settings(pdf_reader=reader)).rules for reader in READERS}  # type: ignore[arg-type]
    assert len(rules["pdfium"]) == len(rules["pdfplumber"])
    assert rules["pdfium"] or "ruled" not in path.name
    for ours, theirs in zip(rules["pdfium"], rules["pdfplumber"], strict=True):
        assert (ours.page, round(ours.x0, 2), round(ours.x1, 2), round(ours.top, 2)) == (
            theirs.page,
            round(theirs.x0, 2),
            round(theirs.x1, 2),
            round(theirs.top, 2),
        )


@pytest.mark.parametrize("name", ["zero-page", "truncated", "broken-xref", "encrypted", "image-only", "dust"], ids=str)
def test_bad_pdfs_fail_alike_under_both_readers(name: str, tmp_path: Path) -> None:
    path = badinputs.MAKERS[name](tmp_path)
    results = {reader: extract(path, pdf_reader=reader) for reader in READERS}
    assert results["pdfium"].status == results["pdfplumber"].status
    assert results["pdfium"].error == results["pdfplumber"].error
    assert "\n" not in (results["pdfium"].error or "")


def test_encrypted_pdf_opens_with_its_password_and_not_with_another(tmp_path: Path) -> None:
    path = badinputs.encrypted_pdf(tmp_path)
    assert extract(path, password="nope").error == f"{path}: encrypted PDF; the password is wrong"
    assert extract(path, password="s3cret").status == "ok"


def test_caps_are_the_same_under_both_readers(tmp_path: Path) -> None:
    many = badinputs.many_pages_pdf(tmp_path, pages=12)
    for reader in READERS:
        assert extract(many, max_pages=10, pdf_reader=reader).error == f"{many}: PDF of 12 pages exceeds max_pages=10"


def test_a_space_drawn_as_its_own_text_object_still_breaks_words(tmp_path: Path) -> None:
    # Browsers print each space as a text object of its own whose glyph is blank; PDFium leaves it out.
    path = tmp_path / "spaces.pdf"
    ops = [b"BT /F1 12 Tf 56 700 Td (Cookie) Tj ET", b"BT /F1 12 Tf 93.34 700 Td ( ) Tj ET"]
    ops.append(b"BT /F1 12 Tf 95.5 700 Td (policy) Tj ET")
    path.write_bytes(pdf_bytes([ops]))
    assert _lines(path, "pdfium") == _lines(path, "pdfplumber") == [(1, "Cookie policy")]


def test_words_split_at_spaces_gaps_and_lines_as_pdfplumber_splits_them() -> None:
    def char(text: str, x0: float, top: float = 10.0, font: str = "F") -> Char:
        return Char(text, x0, x0 + 5, top, top + 10, 10.0, font, True)

    chars = [char("a", 0), char("b", 5), char(" ", 10), char("c", 15), char("d", 23.5), char("e", 28, top=30)]
    chars.append(char("f", 33, top=30, font="G"))
    assert [w["text"] for w in words_from_chars(chars)] == ["ab", "c", "d", "e", "f"]


def test_a_hyphen_one_reader_spells_as_a_non_breaking_hyphen_reads_alike() -> None:
    # PDFium reports some fonts' hyphen (U+2010) as a non-breaking hyphen (U+2011); pdfminer keeps the hyphen.
    def word(text: str) -> dict[str, float | str]:
        return {"text": text, "x0": 10.0, "x1": 80.0, "top": 10.0, "bottom": 20.0, "size": 10.0, "fontname": "F"}

    read = {
        spelling: document_from_pages(b"%PDF", "a.pdf", [[word(f"non{spelling}essential")]], []).lines[0].text
        for spelling in ("\u2010", "\u2011")
    }
    assert read["\u2010"] == read["\u2011"] == "non\u2010essential"


def test_pdf_reader_is_checked() -> None:
    with pytest.raises(ConfigError, match="pdf_reader"):
        Settings(pdf_reader="pdfminer")  # type: ignore[arg-type]


def test_cli_takes_the_pdf_reader(tmp_path: Path) -> None:
    runner = CliRunner()
    sample = SAMPLES / "cookies-ruled-en.pdf"
    for reader in READERS:
        result = runner.invoke(app, ["show", str(sample), "--pdf-reader", reader])
        assert result.exit_code == 0, result.output
        assert "csrftoken" in result.output
    result = runner.invoke(app, ["convert", str(sample), "-o", str(tmp_path / "out"), "--pdf-reader", "nope"])
    assert result.exit_code == 2
    assert "pdf_reader" in result.stderr


def test_a_document_with_a_turned_page_is_read_by_pdfplumber_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each page is loaded once: the first pages are read before the turned one is met, then dropped.
    import pypdfium2

    from extractor.readers import pdfium

    pdf = pypdfium2.PdfDocument(SAMPLES / "cookies-paged-de.pdf")
    pdf[len(pdf) - 1].set_rotation(90)
    path = tmp_path / "turned.pdf"
    pdf.save(path)
    pdf.close()
    calls: list[str] = []
    monkeypatch.setattr(pdfium, "read_pdf", lambda *args, **kwargs: calls.append(args[1]) or read_pdf(*args, **kwargs))
    ours = load(path, Settings(pdf_reader="pdfium"))
    assert calls == [str(path)]
    assert ours == load(path, Settings(pdf_reader="pdfplumber"))
    assert len({line.page for line in ours.lines}) > 1
