"""Lines for documents whose tables are explicit (HTML, Word): a table row becomes one line whose fragments carry
their column in ``Fragment.field``, so that the table geometry reads it as it reads a tab-separated export with
empty cells kept; headings and paragraphs become one-fragment lines, headings set in larger type so that they
are found as headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.model import Fragment, Line
from extractor.readers.visible import collapse
from extractor.roles import match_header

# A line of a cell that is a code rather than words (a cookie name): one name per line makes a list.
IDENTIFIER = re.compile(r"^[A-Za-z_$][\w.*<>#$\[\]{}-]*$")
# A capitalised word ("Session", "Google"): words of a label, not names.
WORD = re.compile(r"^[A-Z][a-z]+$")


def _is_code(text: str) -> bool:
    """ "__utma", "JSESSIONID", "_pk_id.*": a name rather than a word ("Session", "year", "1")."""
    return bool(IDENTIFIER.match(text)) and not WORD.match(text)


# Type sizes given to headings (h1..h6) and to body text, in points.
HEADING_SIZES = {1: 24.0, 2: 20.0, 3: 16.0, 4: 14.0, 5: 13.0, 6: 12.5}
BODY_SIZE = 11.0
# The heading level given to a group row inside a table.
GROUP_LEVEL = 4


@dataclass(frozen=True)
class TableRow:
    """A row as the markup gives it: its cells (each a list of lines), whether one cell spans the table, and
    whether the markup marks every cell a header cell (HTML's ``<th>``)."""

    cells: list[list[str]]
    spanning: bool = False
    marked_header: bool = False


def _turned(rows: list[TableRow]) -> list[TableRow] | None:
    """The rows of a table whose first column is its header (a label per row, a cookie per further column)."""
    if len(rows) < 2 or any(row.spanning or len(row.cells) < 2 for row in rows):
        return None
    if rows[0].marked_header:
        return None  # the markup says the first row is the header, whatever its words
    labels = [" ".join(row.cells[0]) for row in rows]
    matches = [match_header(label) for label in labels]
    if any(m is None for m in matches) or not any(m is not None and m.role == "name" for m in matches):
        return None
    # A real header row would have made the first row all labels: then this is an ordinary table.
    if all(match_header(" ".join(cell)) is not None for cell in rows[0].cells if cell):
        return None
    width = max(len(row.cells) for row in rows)
    header = TableRow([row.cells[0] for row in rows])
    columns = [TableRow([row.cells[c] if c < len(row.cells) else [] for row in rows]) for c in range(1, width)]
    return [header, *columns]


@dataclass
class LineWriter:
    """Numbers lines as they come and keeps them."""

    page: int = 1
    lines: list[Line] = field(default_factory=list)

    def blank(self) -> None:
        if self.lines and not self.lines[-1].blank:
            self.lines.append(Line(self.page, len(self.lines) + 1, ()))

    def text(self, text: str, level: int | None = None) -> None:
        """A paragraph or, with ``level``, a heading of that level."""
        text = collapse(text)
        if not text:
            return
        number = len(self.lines) + 1
        size = HEADING_SIZES.get(level or 0, BODY_SIZE)
        fragment = Fragment(
            text, self.page, number, 0.0, float(len(text)), number - 1, number, None, None, size, level is not None
        )
        self.lines.append(Line(self.page, number, (fragment,)))

    def table(self, rows: list[TableRow]) -> None:
        """A whole table, its rows in order (see ``TableRow``).

        A row whose one cell spans the table is a title above the header, or below it a group label ("Analytics
        cookies"): there the table is cut and its header repeated, so that the rows below take their category from
        the label as a table takes it from the heading above it. A table whose first column holds the labels
        ("Name" / "_ga", "Provider" / "Google", ...: one cookie per table, as some consent tools print them) is
        turned so that the labels make the header row.
        """
        self.blank()
        rows = [row for row in rows if any(row.cells)]
        turned = _turned(rows)
        header: list[list[str]] | None = None
        for row in turned if turned is not None else rows:
            if row.spanning and row.cells[0]:
                label = " ".join(row.cells[0])
                if header is None:
                    self.text(label)
                else:
                    self.blank()
                    self.text(label, GROUP_LEVEL)
                    self.blank()
                    self.row(header, header=True)
                continue
            if header is None:
                header = row.cells
                self.row(row.cells, header=True)
            else:
                self.row(row.cells)
        self.blank()

    def row(self, cells: list[list[str]], header: bool = False) -> None:
        """A table row: a list of cells, each a list of its lines of text, columns in order.

        The markup says where a row ends, so a row is one line: a cell's lines are joined with spaces, or with
        commas when every line is a single code-like token (one cookie name per line).
        """
        number = len(self.lines) + 1
        fragments = []
        for column, cell in enumerate(cells):
            parts = [collapse(line) for line in cell if collapse(line)]
            if not parts:
                continue
            listing = len(parts) > 1 and all(_is_code(p) for p in parts)
            text = (", " if listing else " ").join(parts)
            fragments.append(
                Fragment(
                    text,
                    self.page,
                    number,
                    float(column),
                    float(column) + 0.9,
                    number - 1,
                    number,
                    column,
                    None,
                    BODY_SIZE,
                    header,
                )
            )
        if fragments:
            self.lines.append(Line(self.page, number, tuple(fragments), whole_row=True))
