"""Rows -> cookie records: columns by role, one record per cookie name, whitespace collapsed."""

from __future__ import annotations

import re

from extractor.layout.shapes import cell_lines, has_name_marks, join_cell, looks_like_cookie_name
from extractor.model import Category, Cookie, Row, Table

# Separators between several cookie names in one cell, tried in this order.
LIST_SEPARATORS = re.compile(r"\s*[,;]\s*|\s*\n\s*")
CONJUNCTIONS = re.compile(r"\s+(?:and|or|et|ou|und|oder|y|o|e|en|of|i|lub|&)\s+|\s+/\s+", re.IGNORECASE)
# Confidence lost by a record whose name does not look like a cookie name, or whose row lacks cells.
DEFAULT_ODD_NAME_FACTOR = 0.7


def split_names(cell: str) -> list[str]:
    """ "_ga, _gid and _gat" -> ["_ga", "_gid", "_gat"]; a name that contains spaces stays whole.

    Lines of the cell are separate names only when every line is a single name ("__utma" / "__utmb").
    """
    lines = cell_lines(cell)
    if len(lines) > 1 and all(looks_like_cookie_name(line) and has_name_marks(line) for line in lines):
        return [name for line in lines for name in split_names(line)]
    text = join_cell(cell) or ""
    parts = [p for p in LIST_SEPARATORS.split(text) if p]
    names: list[str] = []
    for part in parts:
        pieces = [p for p in CONJUNCTIONS.split(part) if p]
        if len(pieces) > 1 and all(looks_like_cookie_name(p) for p in pieces):
            names.extend(pieces)
        else:
            names.append(part)
    if len(parts) > 1 and not all(looks_like_cookie_name(n) for n in names):
        return [text]
    return names


def table_records(table: Table, category_of: dict[int, Category]) -> list[Cookie]:
    """The cookie records of one table.

    Args:
        table: the rebuilt table.
        category_of: the category decided for each row index.
    """
    roles = table.columns
    if "name" not in roles:
        return []
    cookies: list[Cookie] = []
    for row_index, row in enumerate(table.rows):
        values = {role: join_cell(cell) for role, cell in zip(roles, row.cells, strict=True) if role != "other"}
        name_cell = row.cells[roles.index("name")]
        if not name_cell:
            continue
        for name in split_names(name_cell):
            confidence = row.confidence * (1.0 if looks_like_cookie_name(name) else DEFAULT_ODD_NAME_FACTOR)
            cookies.append(
                Cookie(
                    name=name,
                    provider=values.get("provider"),
                    function=values.get("function"),
                    purpose=values.get("purpose"),
                    duration=values.get("duration"),
                    category=category_of.get(row_index, "unclassified"),
                    type=values.get("type"),
                    domain=values.get("domain"),
                    table=table.index,
                    row=row_index,
                    page=row.page,
                    lines=row.lines or None,
                    confidence=round(confidence, 3),
                )
            )
    return cookies


def row_confidence(row: Row, roles: tuple[str, ...], base: float) -> float:
    """How sure the layout is of a row: its base, less for each named column left empty."""
    named = [cell for cell, role in zip(row.cells, roles, strict=True) if role != "other"]
    filled = sum(1 for cell in named if cell) / max(len(named), 1)
    return round(base * (0.5 + 0.5 * filled), 3)
