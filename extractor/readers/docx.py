"""Word documents (.docx, with python-docx): tables with merged cells and paragraphs in cells, headings (by
paragraph style) above them, in document order."""

from __future__ import annotations

import hashlib
import io
import re

from extractor import lexicon
from extractor.errors import InputError
from extractor.model import Document
from extractor.readers.structured import LineWriter, TableRow
from extractor.settings import Settings

# Heading paragraph styles in the languages Word is used in ("Heading 2", "Titre 2", "Überschrift 2").
HEADING_STYLE = re.compile(rf"^{lexicon.phrase_pattern(lexicon.words('heading_styles'), prefix_only=True)}\s*(\d)")


def read_docx(data: bytes, source: str, settings: Settings) -> Document:
    """A Word document -> ``Document`` of lines (tables as delimited lines)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
            rows: list[TableRow] = []
            for row in Table(element, document).rows:
                seen: set[int] = set()
                cells: list[list[str]] = []
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans: keep its text in the first.
                    identity = id(cell._tc)
                    # A paragraph's line breaks come through as newlines: each is a line of the cell.
                    lines = [line for p in cell.paragraphs for line in p.text.splitlines() if line.strip()]
                    cells.append([] if identity in seen else lines)
                    seen.add(identity)
                rows.append(TableRow(cells, spanning=len(seen) == 1 and len(cells) > 1))
            writer.table(rows)
    if not writer.lines:
        raise InputError(source, "Word document without text")
    return Document(source, hashlib.sha256(data).hexdigest(), "docx", tuple(writer.lines))
