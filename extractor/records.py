"""Rows -> cookie records: columns by role, one record per cookie name, whitespace collapsed."""

from __future__ import annotations

from extractor.model import Cookie, Row, Table
from extractor.normalize.names import split_names
from extractor.shapes import join_cell, looks_like_cookie_name

# Confidence lost by a record whose name does not look like a cookie name, or whose row lacks cells.
DEFAULT_ODD_NAME_FACTOR = 0.7


def table_records(table: Table) -> list[Cookie]:
    """The cookie records of one table, ``unclassified`` until the categories stage decides."""
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
                    category="unclassified",
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
