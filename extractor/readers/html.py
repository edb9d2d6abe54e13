"""Saved web pages (HTML): the cookie tables from the markup, the headings above them, the text around them.

``<table>`` rows become table lines (``readers.structured``); ``<br>``, paragraphs and list items inside a cell
are its lines. Scripts, styles, navigation, page headers and footers, forms and cookie banners are left out.
Consent tools that build their cookie list from tables (Cookiebot's declaration, OneTrust's cookie list) read
like any page; a definition list (``<dl>``: term, then description) reads as a two-column table, and so do grids
built from ``<div>``s: ARIA grids (``role="table"``/``"row"``/``"cell"``) and blocks of three or more sibling rows
of the same tag and class holding the same number of cells.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extractor.errors import InputError
from extractor.model import Document
from extractor.readers.structured import GROUP_LEVEL, LineWriter, TableRow
from extractor.readers.text import BOMS, UTF8_NAMES, Decoded, decode, replaced
from extractor.readers.visible import collapse
from extractor.settings import Settings

if TYPE_CHECKING:
    from bs4.element import PageElement, Tag

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
# A charset declared in a ``<meta>`` element (``<meta charset="iso-8859-2">`` or http-equiv's ``content="text/html;
# charset=windows-1251"``), looked for in the page's first bytes (the WHATWG prescan reads 1,024; pages put long
# scripts and styles first).
META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
DEFAULT_CHARSET_REACH = 65536
# What browsers read for a declared label (the WHATWG Encoding standard): Latin-1 and ASCII are windows-1252; a
# page that can declare UTF-16 in ASCII bytes is not UTF-16.
CHARSET_READ_AS = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8"}
# Rows of a div grid: how many, and how many cells each.
MIN_GRID_ROWS = 3
GRID_WIDTHS = range(2, 13)


def _covered(spans: dict[int, tuple[int, list[str]]], column: int, cells: list[list[str]]) -> int:
    """Fill the columns from ``column`` on that cells of rows above span down into (``rowspan``), and return
    the next free column. A cell spanning rows holds for each row it covers: one provider for three cookies,
    as the page shows it."""
    while column in spans:
        left, lines = spans[column]
        cells.append(lines)
        if left - 1 <= 0:
            del spans[column]
        else:
            spans[column] = (left - 1, lines)
        column += 1
    return column


def _span(value: object, limit: int) -> int:
    """A colspan or rowspan attribute as a whole number from one to ``limit``."""
    text = str(value or "1").strip()
    return min(max(int(text), 1), limit) if text.isdigit() else 1


def declared_charset(data: bytes) -> str | None:
    """The codec a page declares in a ``<meta>`` element near its start, as Python names it; ``None`` when it
    declares none or one Python does not know."""
    found = META_CHARSET.search(data[:DEFAULT_CHARSET_REACH])
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    read_as = CHARSET_READ_AS.get(name.removesuffix("-le").removesuffix("-be"), name)
    return codecs.lookup(read_as).name


def decode_html(data: bytes, source: str, settings: Settings) -> Decoded:
    """A page's text: by its byte-order mark, else as UTF-16 when it looks so (NULs every other byte), else by
    the charset it declares, else as a text export is read (UTF-8 first, invalid bytes counted).

    Raises:
        InputError: the bytes are empty, binary, or in no encoding tried.
    """
    head = data[: 4 * 1024]
    if not any(data.startswith(bom) for bom, _ in BOMS) and b"\x00" not in head:
        declared = declared_charset(data)
        if declared is not None and declared not in UTF8_NAMES:
            return replaced(data, source, declared)
    return decode(data, source, settings)


def _table_of(row: Tag) -> Tag | None:
    """The table a row belongs to: its nearest ``<table>`` ancestor."""
    return next((parent for parent in row.parents if parent.name == "table"), None)


def _holders(root: Tag, names: frozenset[str]) -> set[int]:
    """The ids of the elements under ``root`` that hold an element of one of ``names`` somewhere below them,
    found in one pass (asking each element with ``find`` costs the depth below it: a page of 100,000 nested
    ``<div>`` elements would take hours)."""
    from bs4 import Tag as Element

    order: list[Tag] = []
    stack = [root]
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(child for child in tag.contents if isinstance(child, Element))
    holders: set[int] = set()
    for tag in reversed(order):  # every element after its parent in ``order``: here children come first
        if tag.parent is not None and (tag.name in names or id(tag) in holders):
            holders.add(id(tag.parent))
    return holders


def read_html(data: bytes, source: str, settings: Settings) -> Document:
    """A saved page -> ``Document`` of lines (tables as delimited lines)."""
    from bs4 import BeautifulSoup, Tag

    decoded = decode_html(data, source, settings)
    soup = BeautifulSoup(decoded.text, "html.parser")
    body = soup.body or soup
    writer = LineWriter()

    def skipped(tag: Tag) -> bool:
        if tag.name in SKIPPED_TAGS:
            return True
        marks = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
        return bool(marks.strip()) and bool(BANNER.search(marks))

    def cell_lines(tag: Tag) -> list[str]:
        """The lines of a cell's text: a line break at each ``<br>``, block and heading; the text of scripts,
        forms and the like left out. Walked with a stack (a cell may nest thousands of elements)."""
        lines: list[str] = [""]
        hidden = any(p.name in SKIPPED_TAGS for p in (tag, *tag.parents) if isinstance(p, Tag))
        stack: list[tuple[Iterator[PageElement], bool]] = [(iter(tag.contents), hidden)]
        while stack:
            nodes, inside_skipped = stack[-1]
            node = next(nodes, None)
            if node is None:
                stack.pop()
            elif isinstance(node, Tag):
                if node.name == "br" or node.name in BLOCKS or node.name in HEADINGS:
                    lines.append("")
                stack.append((iter(node.contents), inside_skipped or node.name in SKIPPED_TAGS))
            elif not inside_skipped:
                lines[-1] += str(node)
        return [collapse(line) for line in lines if collapse(line)]

    def table(tag: Tag) -> None:
        writer.blank()
        caption = tag.find("caption")
        if caption is not None and caption.find_parent("table") is tag and caption.get_text(strip=True):
            writer.text(caption.get_text(" "), GROUP_LEVEL)  # a table's caption is its heading
            writer.blank()
        # A table's own rows and cells (not a nested table's), looked up by hand: bs4's searches build their
        # filters anew on each call, a tenth of a millisecond per row of a 100,000-row table.
        rows = [r for r in tag.find_all("tr") if _table_of(r) is tag]
        found_cells = [[c for c in r.contents if isinstance(c, Tag) and c.name in ("td", "th")] for r in rows]
        # The real grid: a cell spans at most as many columns as the widest row has cells, and no further
        # down than the table goes (a colspan of 2^31-1 is no reason to lay out two billion columns).
        grid = max((len(found) for found in found_cells), default=1)
        colspan_limit = min(settings.max_span, max(grid, 1))
        width = max(
            (sum(_span(c.get("colspan"), colspan_limit) for c in found) for found in found_cells),
            default=0,
        )
        spans: dict[int, tuple[int, list[str]]] = {}
        collected: list[TableRow] = []
        for index, found in enumerate(found_cells):
            cells: list[list[str]] = []
            column = 0
            rowspan_limit = min(settings.max_span, len(rows) - index)
            for cell in found:
                column = _covered(spans, column, cells)
                lines = cell_lines(cell)
                span = _span(cell.get("colspan"), colspan_limit)
                height = _span(cell.get("rowspan"), rowspan_limit)
                for offset in range(span):
                    cells.append(lines if offset == 0 else [])
                    if height > 1:
                        spans[column + offset] = (height - 1, lines if offset == 0 else [])
                column += span
            _covered(spans, column, cells)
            spanning = width > 1 and len(found) == 1 and _span(found[0].get("colspan"), colspan_limit) >= width
            # The empty columns a span leaves past the grid hold nothing to read: not kept.
            del cells[max(grid, len(cells) - span + 1 if found else 0) :]
            marked = len(found) > 1 and all(c.name == "th" for c in found)
            collected.append(TableRow(cells, spanning, marked))
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
        """The page's tables, headings and paragraphs in document order, walked with a stack (pages nest
        elements a hundred thousand deep)."""
        stack: list[Iterator[PageElement]] = [iter(tag.contents)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
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
            elif id(child) in holders:
                stack.append(iter(child.contents))
            elif child.name in BLOCKS or child.name in ("ul", "ol", "span", "a", "strong", "em", "b", "i"):
                writer.text(child.get_text(" "))
            else:
                stack.append(iter(child.contents))

    holders = _holders(body, frozenset(("table", *HEADINGS, "dl", *BLOCKS)))
    walk(body)
    if not writer.lines:
        raise InputError(source, "HTML page without text")
    return Document(
        source, hashlib.sha256(data).hexdigest(), "html", tuple(writer.lines), warnings=decoded.warnings(source)
    )
