"""Cells that span rows, told from a layout that draws none: one provider (or domain) for several cookies.

A table written with ``rowspan`` keeps one cell for a group of rows: one provider beside its three cookies. A
PDF or a text export shows the text once, beside the group's first row, and leaves the cell empty beside the
rows below. Markup says where each cell is (the HTML and Word readers repeat a spanning cell already), so only
laid-out tables are read here.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.model import Role, Row

# Columns that name a group: an empty cell below a filled one is the group's, the cell above spanning it. A
# tab-separated copy drops such a cell altogether below the group's first row (``rows._parse_row_start``).
GROUPING_ROLES: frozenset[Role] = frozenset({"provider", "domain"})


def spread_spanning_cells(rows: Sequence[Row], roles: Sequence[Role]) -> tuple[tuple[tuple[str | None, ...], ...], int]:
    """Each row's cells, an empty cell of a grouping column given the text above it; and how many were."""
    cells = [list(row.cells) for row in rows]
    given = 0
    if "name" not in roles:
        return tuple(tuple(row) for row in cells), given
    for column, role in enumerate(roles):
        if role not in GROUPING_ROLES:
            continue
        above: str | None = None
        for row in cells:
            text = row[column]
            if text and text.strip():
                above = text
            elif above is not None:
                row[column] = above
                given += 1
    return tuple(tuple(row) for row in cells), given
