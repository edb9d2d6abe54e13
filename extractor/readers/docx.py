"""Word documents (.docx, with python-docx): tables with merged cells and paragraphs in cells, headings (by
paragraph style) above them, in document order.

The container is checked before python-docx opens it: its members may unpack to ``Settings.max_unpacked_size``
bytes at most, counted as they are read (a ZIP's headers can lie). Tables are read from the XML row by row,
without recursion: a vertical merge over thousands of rows is followed by remembering, per grid column, the cell
that started it, and a horizontal span is cut to the table's grid (``Settings.max_span`` at most).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Any

from extractor import lexicon
from extractor.errors import InputError
from extractor.model import Document
from extractor.readers.structured import LineWriter, TableRow
from extractor.settings import Settings

# Heading paragraph styles in the languages Word is used in ("Heading 2", "Titre 2", "Überschrift 2").
HEADING_STYLE = re.compile(rf"^{lexicon.phrase_pattern(lexicon.words('heading_styles'), prefix_only=True)}\s*(\d)")
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Bytes read from a ZIP member at a time while its unpacked size is counted.
UNPACK_CHUNK = 1 << 20


def check_unpacked_size(data: bytes, source: str, limit: int) -> None:
    """Refuse a ZIP container whose members unpack to more than ``limit`` bytes: by their declared sizes first,
    then by the bytes they really unpack to, read a chunk at a time.

    Raises:
        InputError: the container is over the limit, or is no readable ZIP.
    """
    problem = f"unpacks to more than max_unpacked_size={limit} bytes (a ZIP bomb?)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limit:
                raise InputError(source, problem)
            unpacked = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(UNPACK_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise InputError(source, problem)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
        raise InputError(source, f"corrupt Word document ({type(exc).__name__}: {exc})") from None


def _value(element: Any, path: str) -> str | None:
    """The ``w:val`` of the first ``path`` below ``element`` (Word's namespace on each step)."""
    found = element.find("/".join(f"{WORD_NAMESPACE}{step}" for step in path.split("/")))
    return None if found is None else found.get(f"{WORD_NAMESPACE}val")


def _whole(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.strip().isdigit() else default


def table_rows(table: Any, parent: Any, max_span: int) -> list[TableRow]:
    """The rows of a ``w:tbl`` element, a cell per grid column it covers (python-docx's ``_Row.cells``):
    a horizontally merged cell stands in each of its columns, a vertically merged one in each of its rows, its
    text in its first column only."""
    from docx.text.paragraph import Paragraph

    grid = table.find(f"{WORD_NAMESPACE}tblGrid")
    width = len(grid.findall(f"{WORD_NAMESPACE}gridCol")) if grid is not None else 0
    rows: list[TableRow] = []
    above: dict[int, Any] = {}  # grid offset -> the first cell of the (merged) cell starting there, row above
    lines_of: dict[int, tuple[Any, list[str]]] = {}  # by id: the element is kept so that its id stays its own
    for row in table.iterfind(f"{WORD_NAMESPACE}tr"):
        offset = _whole(_value(row, "trPr/gridBefore"), 0)
        here: dict[int, Any] = {}
        seen: set[int] = set()
        cells: list[list[str]] = []
        for tc in row.iterfind(f"{WORD_NAMESPACE}tc"):
            # A span reaches at most to the grid's last column (a tblGrid is what Word lays the table on).
            limit = min(max_span, max(width - offset, 1)) if width else max_span
            own = min(max(_whole(_value(tc, "tcPr/gridSpan"), 1), 1), limit)
            continues = tc.find(f"{WORD_NAMESPACE}tcPr/{WORD_NAMESPACE}vMerge") is not None and _value(
                tc, "tcPr/vMerge"
            ) in (None, "continue")
            # A vertically merged cell goes on from the row above (its own first cell if there is none).
            first = above.get(offset, tc) if continues else tc
            span = own if first is tc else min(max(_whole(_value(first, "tcPr/gridSpan"), 1), 1), limit)
            here[offset] = first
            if id(first) not in lines_of:
                # A paragraph's line breaks come through as newlines: each is a line of the cell.
                paragraphs = first.iterfind(f"{WORD_NAMESPACE}p")
                lines = [line for p in paragraphs for line in Paragraph(p, parent).text.splitlines() if line.strip()]
                lines_of[id(first)] = (first, lines)
            for _ in range(span):
                # A merged cell is returned once per grid column it spans: keep its text in the first.
                cells.append([] if id(first) in seen else lines_of[id(first)][1])
                seen.add(id(first))
            offset += own
        above = here
        rows.append(TableRow(cells, spanning=len(seen) == 1 and len(cells) > 1))
    return rows


def read_docx(data: bytes, source: str, settings: Settings) -> Document:
    """A Word document -> ``Document`` of lines (tables as delimited lines).

    Raises:
        InputError: the document is corrupt, unpacks to more than ``max_unpacked_size`` or holds no text.
    """
    import docx
    from docx.text.paragraph import Paragraph

    check_unpacked_size(data, source, settings.max_unpacked_size)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors on a broken file
        raise InputError(source, f"corrupt Word document ({type(exc).__name__}: {exc})") from None
    writer = LineWriter()
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            match = HEADING_STYLE.match(lexicon.fold(style or ""))
            level = int(match.group(1)) if match else (1 if style == "Title" else None)
            if level is not None:
                writer.blank()
            writer.text(paragraph.text, level)
        elif tag == "tbl":
            writer.table(table_rows(element, document, settings.max_span))
    if not writer.lines:
        raise InputError(source, "Word document without text")
    return Document(source, hashlib.sha256(data).hexdigest(), "docx", tuple(writer.lines))
