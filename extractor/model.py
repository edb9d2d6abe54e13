"""The data model: small frozen dataclasses passed from one pipeline stage to the next.

A ``Fragment`` is the one currency between readers and layout. For a PDF, positions are points; for a text
export, ``x0``/``x1`` are character columns and ``top``/``bottom`` line numbers, so one geometry serves both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    import pandas

Role = Literal["provider", "function", "name", "purpose", "duration", "type", "domain", "category", "other"]
ROLES: tuple[Role, ...] = (
    "provider",
    "function",
    "name",
    "purpose",
    "duration",
    "type",
    "domain",
    "category",
)
Category = Literal["necessary", "functional", "analytics", "marketing", "unclassified"]
CATEGORIES: tuple[Category, ...] = ("necessary", "functional", "analytics", "marketing", "unclassified")
Status = Literal["ok", "partial", "failed"]
DurationKind = Literal["session", "persistent", "unknown"]
DURATION_KINDS: tuple[DurationKind, ...] = get_args(DurationKind)
CategorySource = Literal["column", "heading", "text"]
CATEGORY_SOURCES: tuple[CategorySource, ...] = get_args(CategorySource)
Party = Literal["first", "third"]
PARTIES: tuple[Party, ...] = get_args(Party)
Format = Literal["pdf", "text", "html", "docx"]
INPUT_FORMATS: tuple[Format, ...] = get_args(Format)
WarningCode = Literal[
    "no-table",
    "low-confidence",
    "noise",
    "unread-names",
    "dumped-table",
    "glued-table",
    "no-header",
    "category-mismatch",
    "retention-mismatch",
    "bad-bytes",
    "budget-exceeded",
    "unreadable-text",
]
# Every warning code and what it tells (the README's table is written from here by scripts/readme.py).
WARNING_CODES: dict[WarningCode, str] = {
    "no-table": "no cookie table found in the document (the document is `partial`)",
    "low-confidence": "some records are less sure than 0.5 (the document is `partial`)",
    "noise": "text inside a dumped table that fits no column (a page logo, a stray fragment), left out",
    "unread-names": "cookie-shaped names outside any table read: a table whose header was not recognised?",
    "dumped-table": "a table read from a reading-order dump (plain `pdftotext`): its rows are guessed; the message"
    " counts the values that did not match the names one for one",
    "glued-table": "rows whose cells ran together, cut by the shape of each column's values",
    "no-header": "a table with no header row, its columns' roles told by what their cells hold",
    "category-mismatch": "the policy's category disagrees with the Open Cookie Database's",
    "retention-mismatch": "the policy's duration disagrees with the Open Cookie Database's",
    "bad-bytes": "invalid bytes in a UTF-8 (or declared) text, replaced by U+FFFD; the message gives their count",
    "budget-exceeded": "the layout's work budget (`max_layout_work`) ran out: some lines were not read (`partial`)",
    "unreadable-text": "a PDF page whose fonts have no Unicode mapping (`(cid:N)`), left out (`partial`)",
}

# The version of the JSON output contract (extractor/writers/schema.json): the major number changes when a
# change breaks readers, the minor one when fields are added.
SCHEMA_VERSION = "1.2.0"

# The cookie fields in output order (JSON keys, CSV columns after ``source``).
COOKIE_FIELDS: tuple[str, ...] = (
    "name",
    "provider",
    "function",
    "purpose",
    "duration",
    "category",
    "type",
    "domain",
    "table",
    "row",
    "page",
    "lines",
    "confidence",
    "name_is_pattern",
    "name_regex",
    "duration_seconds",
    "duration_kind",
    "duration_iso",
    "category_source",
    "provider_canonical",
    "party",
    "known_provider",
    "known_category",
    "known_retention",
)


@dataclass(frozen=True)
class Fragment:
    """A run of text with no column gap inside, where the reader found it.

    Attributes:
        text: the characters, whitespace inside collapsed to single spaces.
        page: 1-based page number.
        line: 1-based line number (text: line of the file; PDF: visual line on the page).
        x0, x1: left and right edge (text: character columns, ``x1`` exclusive).
        top, bottom: vertical extent (text: ``line - 1`` and ``line``).
        field: for delimited exports (tab-separated), the ordinal of the cell within its line; ``None`` when
            positions alone say where the fragment belongs.
        spans: the (x0, x1) of each space-separated word, where the reader knows them exactly (PDF); ``None``
            when they follow from the characters (text: one column per character).
        size: font size in points (PDF), else ``None``.
        bold: whether the font is bold (PDF), else ``None``.
    """

    text: str
    page: int
    line: int
    x0: float
    x1: float
    top: float
    bottom: float
    field: int | None = None
    spans: tuple[tuple[float, float], ...] | None = None
    size: float | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class Line:
    """One visual line: its fragments left to right. ``fragments`` is empty for a blank line.

    ``whole_row`` is set by readers whose markup says where a table row ends (HTML, Word): the line is one whole
    row, never a part of a wrapped one.
    """

    page: int
    number: int
    fragments: tuple[Fragment, ...]
    whole_row: bool = False

    @cached_property
    def text(self) -> str:
        return " ".join(f.text for f in self.fragments)

    @cached_property
    def extent(self) -> tuple[float, float, float, float] | None:
        """(x0, top, x1, bottom) of the line's fragments; ``None`` for a blank line."""
        if not self.fragments:
            return None
        return (
            min(f.x0 for f in self.fragments),
            min(f.top for f in self.fragments),
            max(f.x1 for f in self.fragments),
            max(f.bottom for f in self.fragments),
        )

    @property
    def blank(self) -> bool:
        return not self.fragments

    @property
    def delimited(self) -> bool:
        return any(f.field is not None and f.field > 0 for f in self.fragments)


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn on a page (a table border), from ``x0`` to ``x1`` at height ``top``."""

    page: int
    x0: float
    x1: float
    top: float


@dataclass(frozen=True)
class Document:
    """What a reader made of one input: lines of positioned fragments, page after page, the horizontal
    rules drawn on the pages (PDF only), and what the reader noticed and could not read (bad bytes, pages of
    unreadable text), said as warnings of the result."""

    source: str
    sha256: str
    format: Format
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()
    warnings: tuple[ExtractionWarning, ...] = ()


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Row:
    """One rebuilt table row: a cell text (or ``None``) per column, the source lines it spans, and its box
    (x0, top, x1, bottom) on its first page."""

    cells: tuple[str | None, ...]
    page: int
    lines: tuple[int, ...]
    confidence: float = 1.0
    box: Box | None = None


@dataclass(frozen=True)
class Table:
    """A rebuilt table: its header, the role of each column, its rows, and the heading above it."""

    index: int
    page: int
    heading: str | None
    headers: tuple[str, ...]
    columns: tuple[Role, ...]
    rows: tuple[Row, ...]
    language: str | None = None
    column_starts: tuple[float, ...] = ()
    header_box: Box | None = None
    # The reading that rebuilt the table ("positioned", "ruled", "delimited", "glued", "stacked", "dumped")
    # and, line by line, why: each column's role and the reading's score against the runner-up.
    method: str | None = None
    explanation: tuple[str, ...] = ()
    # The headings of the sections the table stands in, innermost first ("Analytics cookies" above the heading
    # "Google Analytics"): a category the table's own heading does not name may be named there.
    sections: tuple[str, ...] = ()

    @property
    def source_lines(self) -> frozenset[tuple[int, int]]:
        """The (page, line) of every source line the table's rows hold."""
        return frozenset((row.page, number) for row in self.rows for number in row.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "page": self.page,
            "heading": self.heading,
            "sections": list(self.sections),
            "headers": list(self.headers),
            "columns": list(self.columns),
        }


@dataclass(frozen=True)
class Cookie:
    """One cookie of the inventory: cell text as found (whitespace collapsed), with its provenance, and what
    normalisation and the known-cookie facts add (patterns, seconds, canonical provider, party, ...)."""

    name: str
    provider: str | None
    function: str | None
    purpose: str | None
    duration: str | None
    category: Category
    type: str | None
    domain: str | None
    table: int
    row: int
    page: int
    lines: tuple[int, ...] | None
    confidence: float
    name_is_pattern: bool = False
    name_regex: str | None = None
    duration_seconds: int | None = None
    duration_kind: DurationKind = "unknown"
    duration_iso: str | None = None
    category_source: CategorySource | None = None
    provider_canonical: str | None = None
    party: Party | None = None
    known_provider: str | None = None
    known_category: Category | None = None
    known_retention: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["lines"] = list(self.lines) if self.lines is not None else None
        return {key: data[key] for key in COOKIE_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cookie:
        """A record read back from the JSON output (unknown keys ignored)."""
        values = {key: data[key] for key in COOKIE_FIELDS if key in data}
        if values.get("lines") is not None:
            values["lines"] = tuple(values["lines"])
        return cls(**values)


@dataclass(frozen=True)
class ExtractionWarning:
    """Something the extractor noticed and did not turn into data: noise, a doubtful row, ..."""

    code: WarningCode
    message: str
    page: int | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if self.code not in WARNING_CODES:
            raise ValueError(f"warning code: unknown {self.code!r}; expected one of {', '.join(WARNING_CODES)}")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "page": self.page, "line": self.line}


@dataclass(frozen=True)
class Result:
    """The outcome of extracting one document."""

    source: str
    sha256: str | None
    format: Format | None
    status: Status
    language: str | None
    tables: tuple[Table, ...] = ()
    cookies: tuple[Cookie, ...] = ()
    warnings: tuple[ExtractionWarning, ...] = ()
    extractor_version: str = field(default="")
    error: str | None = None
    pages: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The document as the JSON output contract describes it (see ``writers/schema.json``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "sha256": self.sha256,
            "format": self.format,
            "status": self.status,
            "error": self.error,
            "language": self.language,
            "extractor_version": self.extractor_version,
            "tables": [t.to_dict() for t in self.tables],
            "cookies": [c.to_dict() for c in self.cookies],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def export(self, to: str) -> Any:
        """The cookies in a consent tool's format: ``klaro``, ``cookieconsent``, ``tcf-disclosure`` (dicts)
        or ``csv-onetrust`` (CSV text); texts under the document's language."""
        from extractor.exports import export

        return export(self.cookies, to, self.language)

    def debug_image(self, page: int = 1, resolution: int = 110) -> Any:
        """The PDF page with the detected table region, column bounds and row bounds drawn over it."""
        from extractor.debug import debug_image

        return debug_image(self, page, resolution)

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per cookie, ``source`` first, then the cookie fields (dtypes as ``extract_many``'s)."""
        from extractor.writers.frames import cookie_frame

        return cookie_frame([{"source": self.source, **c.to_dict()} for c in self.cookies])

    def _repr_html_(self) -> str:
        """Jupyter's view: status, language, warnings and the cookie table."""
        from html import escape

        head = (
            f"<p><b>{escape(self.source)}</b> &middot; status <b>{escape(self.status)}</b> &middot; "
            f"{len(self.cookies)} cookie(s) in {len(self.tables)} table(s) &middot; language {self.language}</p>"
        )
        if self.error:
            head += f"<p style='color:#b00'>{escape(self.error)}</p>"
        if self.warnings:
            items = "".join(
                f"<li>{escape(w.code)}: {escape(w.message)}"
                + (f" (page {w.page}, line {w.line})" if w.line else "")
                + "</li>"
                for w in self.warnings
            )
            head += f"<details><summary>{len(self.warnings)} warning(s)</summary><ul>{items}</ul></details>"
        columns = ["name", "provider", "purpose", "duration", "category", "party", "confidence"]
        table = self.to_dataframe()[columns].to_html(index=False, na_rep="", escape=True) if self.cookies else ""
        return head + table
