"""Reading cookies back for exports: convert's JSON (one document's file, or every one under a folder), an
inventory (``inventory.csv`` / ``inventory.jsonl``), or a document itself, converted on the fly."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import InputError
from extractor.model import COOKIE_FIELDS, Cookie
from extractor.writers.csv import FORMULA_START

# Files of an output folder that are not documents.
NOT_DOCUMENTS = ("report.json",)
# The cookie fields of an inventory that are not text, by the type their cells hold.
INTEGER_FIELDS = frozenset({"table", "row", "page", "duration_seconds"})
FLOAT_FIELDS = frozenset({"confidence"})
BOOLEAN_FIELDS = frozenset({"name_is_pattern"})
# How a boolean cell may be written: Python's spelling (True/False), JSON's and ISO's (true/false), digits.
BOOLEAN_CELLS = {"true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True)
class DocumentCookies:
    """The cookies of one document and what is known of it: ``status``, ``error`` and ``language`` are
    ``None`` where the input does not say (an inventory keeps only the cookies)."""

    source: str
    status: str | None
    error: str | None
    language: str | None
    cookies: tuple[Cookie, ...]


def read_documents(path: Path) -> list[DocumentCookies]:
    """The documents whose cookies ``path`` holds.

    ``path`` may be a document's JSON output, a folder of them, an ``inventory.csv`` or ``inventory.jsonl``
    (recognised by their first line), or any other file: a document, converted now (``extractor.extract``).

    Raises:
        InputError: a missing path, a JSON file that is not our output, a folder without any.
    """
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.name not in NOT_DOCUMENTS and ".extractor" not in p.parts)
        if not files:
            raise InputError(str(path), "no document JSON found (expected extractor convert output)")
        return [_document_json(file) for file in files]
    if not path.is_file():
        raise InputError(str(path), "no such file or folder")
    if path.suffix.lower() == ".json":
        return [_document_json(path)]
    first = _first_line(path)
    if first.startswith("source,name,"):
        return _group(_inventory_csv(path))
    if first.startswith("{") and '"source"' in first and '"name"' in first:
        return _group(_inventory_jsonl(path))
    from extractor.pipeline import extract

    result = extract(path)
    return [DocumentCookies(result.source, result.status, result.error, result.language, result.cookies)]


def read_cookies(path: Path) -> list[Cookie]:
    """The cookies of every document ``path`` holds (see ``read_documents``), in order."""
    return [cookie for document in read_documents(path) for cookie in document.cookies]


def _first_line(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff").split("\n", 1)[0].strip()


def _document_json(file: Path) -> DocumentCookies:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        cookies = tuple(Cookie.from_dict(c) for c in data["cookies"])
        return DocumentCookies(
            str(data.get("source") or file), data.get("status"), data.get("error"), data.get("language"), cookies
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(file), f"not an extractor document JSON ({type(exc).__name__}: {exc})") from None


def _value(field: str, cell: str) -> Any:
    """A cookie field from its inventory CSV cell (the writer's ``'`` before a formula-like cell taken off)."""
    if cell == "":
        return None if field != "name_is_pattern" else False
    if field in INTEGER_FIELDS:
        return int(cell)
    if field in FLOAT_FIELDS:
        return float(cell)
    if field in BOOLEAN_FIELDS:
        return BOOLEAN_CELLS[cell.casefold()]
    if field == "lines":
        return [int(n) for n in cell.split()]
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _inventory_csv(path: Path) -> Iterable[tuple[str, Cookie]]:
    text = path.read_text(encoding="utf-8-sig")
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            values = {field: _value(field, row[field]) for field in COOKIE_FIELDS if field in row}
            yield row["source"], Cookie.from_dict(values)
        except (KeyError, ValueError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not an inventory row ({type(exc).__name__}: {exc})") from None


def _inventory_jsonl(path: Path) -> Iterable[tuple[str, Cookie]]:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data: Mapping[str, Any] = json.loads(line)
            yield str(data["source"]), Cookie.from_dict(dict(data))
        except (KeyError, ValueError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not an inventory line ({type(exc).__name__}: {exc})") from None


def _group(rows: Iterable[tuple[str, Cookie]]) -> list[DocumentCookies]:
    """Inventory rows as one entry per source, in first-seen order."""
    by_source: dict[str, list[Cookie]] = {}
    for source, cookie in rows:
        by_source.setdefault(source, []).append(cookie)
    return [DocumentCookies(source, None, None, None, tuple(cookies)) for source, cookies in by_source.items()]
