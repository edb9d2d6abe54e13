"""CSV output: one row per cookie, ``source`` first, then the cookie fields.

Booleans are written ``true`` / ``false`` (as in the JSON), numbers as they are, lists space-separated; empty
cells are missing values. The ``excel`` flavour adds a UTF-8 byte-order mark, without which Excel on Windows
reads the file in the local code page and garbles accents.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from extractor.model import COOKIE_FIELDS, Result
from extractor.writers.json import atomic_write

CSV_COLUMNS: tuple[str, ...] = ("source", *COOKIE_FIELDS)
# The UTF-8 byte-order mark that tells Excel the file is UTF-8.
BOM = "\ufeff"


# A spreadsheet reads a cell that starts with one of these as a formula ("=HYPERLINK(...)", "+1+1", "@SUM").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet cannot take for a formula: a leading ``'`` where it starts like one (OWASP advice)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _cell(value: object, raw: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return str(value) if raw else neutralise(str(value))


def csv_rows(results: Iterable[Result], raw: bool = False) -> list[list[str]]:
    """The CSV rows (header excluded) of the cookies of ``results``.

    Args:
        raw: keep cells that start like a spreadsheet formula as they are (by default they get a leading ``'``).
    """
    rows: list[list[str]] = []
    for result in results:
        for cookie in result.cookies:
            data = {"source": result.source, **cookie.to_dict()}
            rows.append([_cell(data[column], raw) for column in CSV_COLUMNS])
    return rows


def render_csv(rows: list[list[str]], excel: bool = False) -> str:
    """The CSV text of ``rows`` under the header line; with ``excel``, after a UTF-8 byte-order mark."""
    buffer = io.StringIO()
    if excel:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(results: Iterable[Result], path: Path, excel: bool = False) -> None:
    """The CSV file of the cookies of ``results`` (``excel``: with a UTF-8 byte-order mark)."""
    atomic_write(path, render_csv(csv_rows(results), excel))
