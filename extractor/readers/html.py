"""Saved web pages (HTML): the cookie tables from the markup, the headings above them, the text around them.

``<table>`` rows become table lines (``readers.structured``); ``<br>``, paragraphs and list items inside a cell
are its lines. Scripts, styles, navigation, page headers and footers, forms and cookie banners are left out.
Consent tools that build their cookie list from tables (Cookiebot's declaration, OneTrust's cookie list) read
like any page; a definition list (``<dl>``: term, then description) reads as a two-column table, and so do grids
built from ``<div>``s: ARIA grids (``role="table"``/``"row"``/``"cell"``) and blocks of three or more sibling rows
of the same tag and class holding the same number of cells.
"""

from __future__ import annotations

import hashlib
import re

from extractor.errors import InputError
from extractor.model import Document
from extractor.readers.structured import GROUP_LEVEL, LineWriter, TableRow
from extractor.readers.text import decode
from extractor.readers.visible import collapse
from extractor.settings import Settings

SKIPPED_TAGS = frozenset(
    "script style noscript template nav header footer form button svg iframe select input textarea object".split()
)
# Cookie banners and consent dialogs (the policy's own text may sit in an element whose class says "cookie").
BANNER = re.compile(
    r"cookie-?banner|cookie-?notice|cookie-?bar|cc-window|cc-banner|onetrust-banner|onetrust-pc|"
    r"CybotCookiebotDialog|consent-?banner|gdpr-?banner",
    re.IGNORECASE,
)
BLOCKS = frozenset("p div li dt dd blockquote section article address pre figcaption caption".split())
HEADINGS = {f"h{n}": n for n in range(1, 7)}
GRID_ROLES = frozenset(("table", "grid", "treegrid"))
CELL_ROLES = frozenset(("cell", "gridcell", "columnheader", "rowheader"))
# Rows of a div grid: how many, and how many cells each.
MIN_GRID_ROWS = 3
GRID_WIDTHS = range(2, 13)


def _span(value: object) -> int:
    """A colspan or rowspan attribute as a whole number of at least one."""
    text = str(value or "1").strip()
    return max(int(text), 1) if text.isdigit() else 1


def read_html(data: bytes, source: str, settings: Settings) -> Document:
    """A saved page -> ``Document`` of lines (tables as delimited lines)."""
    from bs4 import BeautifulSoup, Tag

    text = decode(data, source, settings)
    soup = BeautifulSoup(text, "html.parser")
    body = soup.body or soup
    writer = LineWriter()

    def skipped(tag: Tag) -> bool:
        if tag.name in SKIPPED_TAGS:
            return True
        marks = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
        return bool(marks.strip()) and bool(BANNER.search(marks))

    def cell_lines(tag: Tag) -> list[str]:
        lines: list[str] = [""]
        for node in tag.descendants:
            if isinstance(node, Tag):
                if node.name == "br" or node.name in BLOCKS or node.name in HEADINGS:
                    lines.append("")
            elif node.parent is not None and not any(
                isinstance(p, Tag) and p.name in SKIPPED_TAGS for p in node.parents
            ):
                lines[-1] += str(node)
        return [collapse(line) for line in lines if collapse(line)]

    def table(tag: Tag) -> None:
        writer.blank()
        caption = tag.find("caption")
        if caption is not None and caption.find_parent("table") is tag and caption.get_text(strip=True):
            writer.text(caption.get_text(" "), GROUP_LEVEL)  # a table's caption is its heading
            writer.blank()
        rows = [r for r in tag.find_all("tr") if r.find_parent("table") is tag]
        width = max(
            (sum(_span(c.get("colspan")) for c in r.find_all(["td", "th"], recursive=False)) for r in rows), default=0
        )
        spans: dict[int, tuple[int, list[str]]] = {}
        collected: list[TableRow] = []
        for row in rows:
            cells: list[list[str]] = []
            column = 0
            found = row.find_all(["td", "th"], recursive=False)
            for cell in found:
                while column in spans:
                    left, lines = spans[column]
                    cells.append([])
                    spans[column] = (left - 1, lines)
                    if left - 1 <= 0:
                        del spans[column]
                    column += 1
                lines = cell_lines(cell)
                span = _span(cell.get("colspan"))
                height = _span(cell.get("rowspan"))
                for offset in range(span):
                    cells.append(lines if offset == 0 else [])
                    if height > 1:
                        spans[column + offset] = (height - 1, lines)
                column += span
            spanning = width > 1 and len(found) == 1 and _span(found[0].get("colspan")) >= width
            collected.append(TableRow(cells, spanning))
        writer.table(collected)

    def definitions(tag: Tag) -> None:
        rows = []
        for term in tag.find_all("dt", recursive=False):
            description = term.find_next_sibling("dd")
            rows.append(TableRow([cell_lines(term), cell_lines(description) if description else []]))
        writer.table(rows)

    def children(tag: Tag) -> list[Tag]:
        return [c for c in tag.children if isinstance(c, Tag) and not skipped(c)]

    def aria_grid(tag: Tag) -> None:
        rows = [
            r for r in tag.find_all(True, {"role": "row"}) if r.find_parent(True, {"role": sorted(GRID_ROLES)}) is tag
        ]
        collected = []
        for row in rows:
            cells = [
                c
                for c in row.find_all(True, {"role": sorted(CELL_ROLES)})
                if c.find_parent(True, {"role": "row"}) is row
            ]
            collected.append(TableRow([cell_lines(c) for c in cells]))
        writer.table(collected)

    def div_grid(tag: Tag) -> list[Tag] | None:
        """The rows of ``tag`` when it is a grid of divs: like rows (same tag and class), same number of cells."""
        rows = children(tag)
        if len(rows) < MIN_GRID_ROWS or tag.name in ("ul", "ol", "p") or tag.find("table") is not None:
            return None
        shapes = {(r.name, tuple(r.get("class") or ()), len(children(r))) for r in rows}
        if len(shapes) != 1:
            return None
        name, _, width = next(iter(shapes))
        if name not in ("div", "li", "section", "article") or width not in GRID_WIDTHS:
            return None
        # Cells are leaves of text, not containers of further blocks of their own rows.
        if any(cell.find(["div", "section", "article"]) is not None for r in rows for cell in children(r)):
            return None
        return rows

    def walk(tag: Tag) -> None:
        for child in tag.children:
            if not isinstance(child, Tag) or skipped(child):
                continue
            if child.name == "table":
                table(child)
            elif child.get("role") in GRID_ROLES:
                aria_grid(child)
            elif (grid := div_grid(child)) is not None:
                writer.table([TableRow([cell_lines(c) for c in children(row)]) for row in grid])
            elif child.name in HEADINGS:
                writer.blank()
                writer.text(child.get_text(" "), HEADINGS[child.name])
            elif child.name == "dl" and child.find("dt", recursive=False):
                definitions(child)
            elif child.find(["table", *HEADINGS, "dl", *BLOCKS]) is not None:
                walk(child)
            elif child.name in BLOCKS or child.name in ("ul", "ol", "span", "a", "strong", "em", "b", "i"):
                writer.text(child.get_text(" "))
            else:
                walk(child)

    walk(body)
    if not writer.lines:
        raise InputError(source, "HTML page without text")
    return Document(source, hashlib.sha256(data).hexdigest(), "html", tuple(writer.lines))
