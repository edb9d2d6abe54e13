"""CSV output: one row per cookie, ``source`` first, then the cookie fields."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from extractor.model import COOKIE_FIELDS, Result
from extractor.writers.json import atomic_write

CSV_COLUMNS: tuple[str, ...] = ("source", *COOKIE_FIELDS)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def csv_rows(results: Iterable[Result]) -> list[list[str]]:
    """The CSV rows (header excluded) of the cookies of ``results``."""
    rows: list[list[str]] = []
    for result in results:
        for cookie in result.cookies:
            data = {"source": result.source, **cookie.to_dict()}
            rows.append([_cell(data[column]) for column in CSV_COLUMNS])
    return rows


def render_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(results: Iterable[Result], path: Path) -> None:
    atomic_write(path, render_csv(csv_rows(results)))
