"""Hostile inputs through every entry point: the limits of ``Settings`` hold for ``extract`` as for the CLI's
``show`` and ``debug`` (bombs, spans, depth, run-together text), decoding keeps what can be kept (a stray byte,
a declared charset, UTF-16), and unreadable PDF text is never returned as data. Each case ends in one line of
error or in a bounded result (``partial`` with a warning where something was left out); the bombs stay far
under 1.5 GB of memory. The inputs are written at test time by ``tests/hostile.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import ConfigError, InputError, extract
from extractor.cli import app
from extractor.model import Result
from extractor.settings import LIMITS, Settings
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
# Peak memory a bomb may take the process to (the bound), in bytes.
MAX_PEAK_MEMORY = 1536 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    """A hostile input, its expected outcome (``failed`` with a message, else a status and a warning code), and
    the cookie names read (the first few), if any."""

    make: Callable[[Path], Path]
    status: str
    message: str | None = None
    warning: str | None = None
    names: tuple[str, ...] = ()


TABLE = ("_ga", "_gid", "PHPSESSID")
CASES: dict[str, Case] = {
    # Bombs, refused before anything is unpacked or decoded whole.
    "zip-bomb-docx": Case(hostile.zip_bomb_docx, "failed", "unpacks to more than max_unpacked_size=268435456"),
    "zip-header-that-lies": Case(hostile.lying_zip_docx, "failed", "corrupt Word document (BadZipFile"),
    "nested-flate-pdf": Case(hostile.nested_flate_pdf, "failed", "decode to more than max_decoded_size=268435456"),
    # Spans cut to the real grid, merges and nesting walked without recursion.
    "docx-gridspan-2e9": Case(hostile.grid_span_docx, "ok", names=TABLE),
    "html-colspan-2-31": Case(hostile.colspan_html, "ok", names=("_ga",)),
    "docx-vertical-merge-1500-rows": Case(
        lambda folder: hostile.vertical_merge_docx(folder, rows=1500), "ok", names=("_cookie_0", "_cookie_1")
    ),
    "html-100000-nested-divs": Case(hostile.nested_divs_html, "ok", names=TABLE),
    # Quadratic-risk readings within the work budget.
    "text-4kb-run-together-row": Case(hostile.glued_row_text, "partial", warning="budget-exceeded"),
    "docx-5.7kb-german-paragraph": Case(hostile.german_paragraph_docx, "partial", warning="no-table"),
    # Decoding.
    "utf-8-with-a-stray-cp1252-byte": Case(
        hostile.stray_byte_text, "ok", warning="bad-bytes", names=("sessionid", "django_language")
    ),
    "html-declared-iso-8859-2": Case(lambda folder: hostile.charset_html(folder, "iso-8859-2"), "ok", names=("_ga",)),
    "html-http-equiv-windows-1251": Case(
        lambda folder: hostile.charset_html(folder, "windows-1251", http_equiv=True), "ok", names=("_ga",)
    ),
    "html-utf-16-without-bom": Case(lambda folder: hostile.utf16_html(folder, bom=False), "ok", names=TABLE),
    "html-utf-16-with-bom": Case(lambda folder: hostile.utf16_html(folder, bom=True), "ok", names=TABLE),
    "html-after-a-4kb-prologue": Case(hostile.prologue_html, "ok", names=TABLE),
    # Unreadable PDF text.
    "pdf-without-tounicode": Case(hostile.no_tounicode_pdf, "failed", "unreadable text: the fonts have no Unicode"),
    "pdf-one-page-without-tounicode": Case(
        lambda folder: hostile.no_tounicode_pdf(folder, readable_pages=1),
        "partial",
        warning="unreadable-text",
        names=TABLE,
    ),
    "pdf-page-of-14400-pt": Case(hostile.tall_page_pdf, "ok", names=TABLE),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case's input, written once for the module."""
    folder = tmp_path_factory.mktemp("hostile")
    return {name: case.make(folder) for name, case in CASES.items()}


def _codes(result: Result) -> set[str]:
    return {w.code for w in result.warnings}


def _check(result: Result, case: Case, path: Path) -> None:
    assert result.status == case.status, (result.error, result.warnings)
    if case.message is not None:
        assert result.error is not None and result.error.startswith(f"{path}: ") and case.message in result.error
        assert "\n" not in result.error and "Traceback" not in result.error
    if case.warning is not None:
        assert case.warning in [w.code for w in result.warnings]
    assert tuple(c.name for c in result.cookies)[: len(case.names)] == case.names


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_through_the_api(name: str, corpus: dict[str, Path]) -> None:
    _check(extract(corpus[name]), CASES[name], corpus[name])


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_through_show(name: str, corpus: dict[str, Path]) -> None:
    case, path = CASES[name], corpus[name]
    result = CliRunner().invoke(app, ["show", str(path)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if case.status == "failed":
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines() == [f"error: {path}: {result.stderr.split(': ', 2)[2].strip()}"]
        assert case.message is not None and case.message in result.stderr
    else:
        assert result.exit_code == 0, result.output
        assert f"status={case.status}" in result.stdout
        if case.warning is not None:
            assert f"warning {case.warning}" in result.stdout
        assert all(name in result.stdout for name in case.names)


def test_debug_draws_a_huge_page_within_the_picture_limit(corpus: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "page.png"
    result = CliRunner().invoke(app, ["debug", str(corpus["pdf-page-of-14400-pt"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with Image.open(out) as picture:
        assert picture.width * picture.height <= Settings().max_picture_pixels
    from extractor.debug import debug_image

    result = extract(corpus["pdf-page-of-14400-pt"])
    small = debug_image(result, 1, settings=Settings(max_picture_pixels=1_000_000))
    assert small.original.width * small.original.height <= 1_000_000
    with pytest.raises(InputError, match="cannot be drawn within max_picture_pixels=10000"):
        debug_image(result, 1, settings=Settings(max_picture_pixels=10_000))  # not even one pixel per inch


def test_debug_refuses_a_bomb_in_one_line(corpus: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["debug", str(corpus["nested-flate-pdf"]), "-o", str(tmp_path / "p.png")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "max_decoded_size" in result.stderr


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_unreadable_text_is_never_data_whatever_the_reader(corpus: dict[str, Path], reader: str) -> None:
    result = extract(corpus["pdf-one-page-without-tounicode"], pdf_reader=reader)
    assert result.status == "partial" and [c.name for c in result.cookies] == list(TABLE)
    assert [w.page for w in result.warnings if w.code == "unreadable-text"] == [2]
    assert "unreadable text" in (extract(corpus["pdf-without-tounicode"], pdf_reader=reader).error or "")


def test_a_stray_byte_is_replaced_and_counted(corpus: dict[str, Path]) -> None:
    result = extract(corpus["utf-8-with-a-stray-cp1252-byte"])
    assert result.cookies[0].provider == "Opendatasöft"  # the accented words stay UTF-8, not mojibake
    assert [w.message.split(": ", 1)[1] for w in result.warnings if w.code == "bad-bytes"] == [
        "1 invalid byte sequence(s) in utf-8 text, replaced by U+FFFD"
    ]


def test_a_mostly_cp1252_file_still_reads_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(hostile.SEED.read_text(encoding="utf-8").replace("Opendatasoft", "Opendatasöft").encode("cp1252"))
    result = extract(path)
    assert result.cookies[0].provider == "Opendatasöft" and not _codes(result) & {"bad-bytes"}


@pytest.mark.parametrize(
    ("charset", "purpose"),
    [("iso-8859-2", "Zapamiętuje wybór języka użytkownika"), ("windows-1251", "Запоминает язык пользователя")],
)
def test_a_declared_charset_is_honoured(charset: str, purpose: str, tmp_path: Path) -> None:
    for http_equiv in (False, True):
        result = extract(hostile.charset_html(tmp_path, charset, http_equiv))
        assert result.format == "html" and result.cookies[0].purpose == purpose


def test_a_user_can_raise_a_limit(corpus: dict[str, Path], tmp_path: Path) -> None:
    raised = extract(corpus["zip-bomb-docx"], max_unpacked_size=400 * hostile.MEGABYTE)
    assert raised.status == "ok" and [c.name for c in raised.cookies] == list(TABLE)
    lowered = extract(hostile.grid_span_docx(tmp_path), max_unpacked_size=10_000)
    assert "max_unpacked_size=10000" in (lowered.error or "")
    glued = hostile.glued_row_text(tmp_path, size=600)
    assert "budget-exceeded" not in _codes(extract(glued))
    assert "budget-exceeded" in _codes(extract(glued, max_layout_work=1000))
    flate = hostile.nested_flate_pdf(tmp_path, megabytes=8)
    assert "max_decoded_size=4194304" in (extract(flate, max_decoded_size=4 * hostile.MEGABYTE).error or "")


@pytest.mark.parametrize("limit", LIMITS)
def test_limits_are_positive_whole_numbers(limit: str) -> None:
    for bad in (0, -1, 1.5, True, "10"):
        with pytest.raises(ConfigError, match=limit):
            Settings.resolve(None, **{limit: bad})


def test_a_big_html_table_reads_every_row(tmp_path: Path) -> None:
    result = extract(hostile.big_html_table(tmp_path, rows=5000))
    assert result.status == "ok" and len(result.cookies) == 5000


def test_bombs_stay_under_the_memory_bound(corpus: dict[str, Path], tmp_path: Path) -> None:
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from extractor import extract\n"
        "from extractor.debug import save_debug_image\n"
        "paths = json.loads(sys.argv[1])\n"
        "outcomes = [extract(p).status for p in paths['extract']]\n"
        "save_debug_image(extract(paths['draw']), 1, Path(paths['out']))\n"
        "print(json.dumps([outcomes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024]))\n"
    )
    bombs = ["zip-bomb-docx", "nested-flate-pdf", "docx-gridspan-2e9", "html-colspan-2-31"]
    paths = {
        "extract": [str(corpus[name]) for name in bombs],
        "draw": str(corpus["pdf-page-of-14400-pt"]),
        "out": str(tmp_path / "page.png"),
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(paths)], capture_output=True, text=True, env=env, check=True
    )
    outcomes, peak = json.loads(done.stdout)
    assert outcomes == ["failed", "failed", "ok", "ok"]
    assert peak < MAX_PEAK_MEMORY, f"peak memory {peak / 2**20:.0f} MB"
