"""Rows from cut lines: where a new row starts, which lines continue the cells above, where the table ends.

Two kinds of input reach here. Positioned lines (PDF words, ``pdftotext -layout``, text browsers) are cut
into cells by column bounds; a row starts where the anchor column (the cookie name, else the first column)
starts new text. Delimited lines (tab-separated copy-paste) carry cell ordinals; when their empty cells were
dropped, continuation pieces are matched to the columns they most plausibly continue.

Text browsers centre cells vertically, so part of a row can stand above its anchor line; that is detected
(text between the header and the first anchor) and the lines between two anchors are shared out.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from extractor.layout.columns import (
    DEFAULT_MAX_ROW_SHIFT,
    DEFAULT_MIN_PAGE_ROWS,
    DEFAULT_MISALIGN,
    char_width,
    column_starts,
    cut_line,
    shifted_starts,
)
from extractor.layout.regions import (
    DEFAULT_HEADING_SIZE_RATIO,
    HeaderRow,
    centred_between,
    header_cells,
    names_category,
    number_set_apart,
)
from extractor.layout.spans import GROUPING_ROLES
from extractor.lexicon import fold
from extractor.model import Line, Role, Rule
from extractor.shapes import (
    DURATION_OPENER,
    UNSPACED_SCRIPT,
    category_from_text,
    closes_placeholder,
    completes_identifier,
    display_width,
    ends_open,
    ends_sentence,
    first_name,
    has_name_marks,
    has_strong_name_marks,
    is_whole_duration,
    join_cell,
    looks_like_cookie_name,
    looks_like_duration,
    looks_like_heading,
    looks_like_host,
    names_storage,
    placeholder_completes,
    role_fit,
    starts_sentence,
    without_bound,
    word_count,
)

# "OptanonConsent": a capital inside a word, as cookie names have and words do not.
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
# A row copied without its tabs is cut by shapes only when the best cut beats the next by this much.
DEFAULT_LOST_TABS_MARGIN = 0.5
# A reading of a row's first line that cuts a piece into two cells (a tab the copy lost) costs this much per
# cut: a lost tab is rarer than a cell left empty.
DEFAULT_LOST_TAB_COST = 0.25
# What separates the names of a list in one cell.
NAME_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
# A note in brackets after a name ("_ga (Google Analytics)"), closed.
NAME_NOTE = re.compile(r"(?<=\S)\s+\([^()]*\)")
# A cell starting this many character widths or fewer from its bound has not moved the column.
DEFAULT_JITTER = 5.0
# Marks a cell line whose last word goes on, unbroken, on the cell's next line (a name cut by a narrow
# column); ``layout.stitch`` joins the two without a space.
WORD_GOES_ON = "\u2060"
# A name ending this close (character widths) to the next column's bound filled its column (a cell's padding
# is all that is left): it was broken there.
DEFAULT_BROKEN_ROOM = 3.0
# A section row may have this many lines of description under it before its rows.
DEFAULT_SECTION_DESCRIPTION = 3
# A page's column bounds are read from this many lines at its top.
DEFAULT_PAGE_TOP_LINES = 12
# Blank lines a table may hold before text that starts a new row (page breaks leave some).
DEFAULT_MAX_BLANK_RUN = 3
# A single-piece line longer than this share of the table's longest cell line is prose after the table.
DEFAULT_PROSE_LENGTH_FACTOR = 1.3
# How alike (0-1) a plain-word anchor must be to the anchors of the table's complete rows to start a row.
DEFAULT_ANCHOR_LIKENESS = 0.9
# A rule counts when it lies this close (points) to the gap between two lines and spans this share of the
# table's width; rules become the row bounds when they separate this share of the rows the anchors find.
DEFAULT_RULE_SLACK = 2.0
DEFAULT_RULE_SPAN = 0.5
DEFAULT_RULE_AGREEMENT = 0.5
# How much better (in boundary evidence) a centred reading must be in a document not known to centre cells.
DEFAULT_CENTRING_MARGIN = 1.0
# Roles whose cells are sentences.
PROSE_ROLES: frozenset[Role] = frozenset({"purpose", "function", "other"})
# Score lost by a row whose anchor is not at its vertical centre (a wrapped anchor cell, a table cut short).
DEFAULT_UNCENTRED_PENALTY = 2.0
# The last row of a centred table prefers to take every remaining line when that keeps it centred.
DEFAULT_LAST_ROW_BONUS = 0.5
# A lone piece shorter than this is never taken for prose by its length alone.
DEFAULT_MIN_PROSE_CHARS = 40
# Running text below a line naming a category (the next table's heading) has at least this many words.
DEFAULT_SECTION_PROSE_WORDS = 6
# A name cell opening a run of text into the next column with this many plain words or more is a sentence.
DEFAULT_PROSE_NAME_WORDS = 3
# Lines of a table read to find its columns and the shapes of its cells, at most.
DEFAULT_COLUMN_SAMPLE = 300
# A piece whose first word would have fitted (within this share of the column's widest line) on the last
# line of a cell is no wrapped part of it: that costs the placement this much.
DEFAULT_WRAP_FIT = 0.9
DEFAULT_WRAP_MISFIT = 2.0
# A piece added to a one-line cell that equals a whole cell of a row above ("GitHub") costs this much.
DEFAULT_WHOLE_CELL = 1.5
# A piece that makes its cell a whole cell of a row above ("HTTP" + "Cookie" where "HTTP Cookie" was seen) gains
# this much: columns repeat their values.
DEFAULT_SEEN_CELL = 1.5
# A sentence of at least this many words where a table's names stand, below a blank line, is prose after it.
DEFAULT_SENTENCE_WORDS = 4
# A lower-case piece is this much less likely the rest of a provider's name that was not left open.
DEFAULT_LOWER_CASE_PROVIDER = 1.0
# A purpose cell spanning rows is told from at least this many line spacings within cells and between rows, when
# rows stand at least this many points further apart than a cell's lines, and its lines run on within this much
# of a cell's line spacing.
DEFAULT_SPAN_EVIDENCE = 3
DEFAULT_ROW_GAP = 1.0
DEFAULT_LEADING_SLACK = 0.3
# A piece holding a cookie's name gains this much in a name cell of names only (names stacked one a line).
DEFAULT_STACKED_NAME = 2.0
# A continuation line whose pieces go to columns that wrapped onto the line above gains this much.
DEFAULT_KEEP_WRAPPING = 1.5
# A category cell of at most this many words is a label: its next line names a category too.
DEFAULT_LABEL_WORDS = 3
# Column preference for wrapped text when nothing else decides: prose wraps most, codes least.
WRAP_PRIOR: dict[Role, float] = {
    "purpose": 1.0,
    "function": 0.7,
    "provider": 0.5,
    "name": 0.4,
    "domain": 0.4,
    "category": 0.3,
    "other": 0.3,
    "type": 0.2,
    "duration": 0.2,
}


@dataclass
class RowBuilder:
    """A row being assembled: the lines of text of each cell, and the source lines used."""

    columns: int
    page: int
    cells: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    box: tuple[float, float, float, float] | None = None
    touched: set[int] = field(default_factory=set)  # the columns the latest line went to
    section: str | None = None  # the section row above (a category spanning the table), if any

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells = [[] for _ in range(self.columns)]

    def add(self, column: int, text: str, line: Line) -> None:
        """Append a line of text to a cell; the row's source lines and box grow to hold ``line``."""
        self.cells[column].append(text)
        if line.number not in self.lines:
            self.lines.append(line.number)
            self.touched = set()
        self.touched.add(column)
        if line.extent is not None and line.page == self.page:
            x0, top, x1, bottom = line.extent
            if self.box is not None:
                x0, top = min(x0, self.box[0]), min(top, self.box[1])
                x1, bottom = max(x1, self.box[2]), max(bottom, self.box[3])
            self.box = (x0, top, x1, bottom)

    def last(self, column: int) -> str:
        return self.cells[column][-1] if self.cells[column] else ""

    def text(self, column: int) -> str | None:
        """A cell's lines joined as its text (``join_cell``), or ``None`` when it has none."""
        return join_cell("\n".join(self.cells[column]))

    def left_open(self) -> bool:
        """Whether a cell of the row ends open (a trailing hyphen, slash, comma or joining word)."""
        return any(ends_open(self.last(c)) for c in range(self.columns))


# A table's lines, each with its text per column.
Cut = list[tuple[Line, list[str | None]]]


class RegionCut(NamedTuple):
    """A table region cut into cells (``cut_region``): its lines, how many body lines it used, its column
    bounds, and the section rows it holds (the index in ``cut`` of the first line under each, and its text)."""

    cut: Cut
    used: int
    starts: list[float]
    sections: dict[int, str]


@dataclass(frozen=True)
class BuiltRows:
    """Rows of one table region, how many body lines they used, how sure the layout is of them, and the
    left bounds of the columns after the first (positioned tables)."""

    rows: list[RowBuilder]
    used: int
    confidence: float
    column_starts: tuple[float, ...] = ()
    # Per row, where the layout knows better than one figure for the table (run-together cells).
    row_confidence: tuple[float, ...] = ()
    # How the rows were read: "positioned" (rows start at the anchor column), "ruled" (at drawn rules),
    # "centred" (cells centred on their row), "delimited" (cell ordinals), "glued" (cells cut by shape).
    method: str = "positioned"


def anchor_column(roles: tuple[Role, ...]) -> int:
    return roles.index("name") if "name" in roles else 0


def positioned_rows(
    header: HeaderRow,
    body: tuple[Line, ...],
    previous: RowBuilder | None = None,
    after: tuple[Line, ...] = (),
    centered: bool = False,
    rules: tuple[Rule, ...] = (),
    region_cut: RegionCut | None = None,
) -> BuiltRows:
    """Rows of a table whose fragments carry real horizontal positions.

    Args:
        header: the table's header row.
        body: the lines below it, up to the next header row.
        previous: the last row of the table this one continues (after a page break), if any.
        after: the lines that follow the body (the next header row), to recognise a heading above it.
        centered: the document centres cells vertically (a text browser's dump; see ``starts_centred``).
        rules: horizontal rules drawn on the pages; where they separate the table's rows, they say where
            rows start.
        region_cut: ``cut_region(header, body, after)`` when the caller already has it.
    """
    cut, used, starts, sections = region_cut or cut_region(header, body, after)
    anchor = anchor_column(header.roles)
    row_starts = _anchor_starts(cut, anchor, previous, header.roles)
    ruled = _ruled_starts(cut, rules, header)
    method = "positioned"
    if ruled is not None and _agrees(ruled, row_starts):
        row_starts = _ruled_row_starts(ruled, cut, anchor, previous)
        method = "ruled"
    rows = _top_rows(cut, len(header.cells), previous, row_starts, sections)
    if method == "ruled" and header.box is not None:
        _share_merged_cells(rows, rules, starts, (header.box[0], header.box[2]))
    # Drawn rules that agree with the names say where rows start: no centring to guess.
    if previous is None and cut and method != "ruled":
        centred_rows, score = _centered_rows(cut, header.roles, anchor)
        top_score = sum(_boundary(cut, i, header.roles, anchor) for i in row_starts[1:])
        # Without the document's word for it, centring must explain the rows clearly better.
        if centered or score > top_score + DEFAULT_CENTRING_MARGIN:
            rows, method = centred_rows, "centred"
    if method == "positioned":
        _share_spanning_prose(rows, cut, row_starts, header.roles, starts)
    if method != "ruled":
        _share_split_sentences(rows, header.roles)
        _share_centred_spans(rows, header.roles)
        rows = _stack_lone_names(rows, anchor)
    return BuiltRows(rows, used, 0.95, tuple(starts), method=method)


def _share_spanning_prose(
    rows: list[RowBuilder], cut: Cut, row_starts: list[int], roles: tuple[Role, ...], starts: list[float]
) -> None:
    """A purpose cell spanning several rows of a table drawn without rules: its lines run on across the rows'
    bounds at the spacing of lines within a cell, where the table puts more space between one row's text and the
    next ("Google Analytics: a látogatók" / "megkülönböztetése és a" / "látogatottság mérése." beside two names).
    Each row of such a run gets the whole text. Only where the page gives each line's height (a PDF)."""
    if "purpose" not in roles or not rows or not row_starts:
        return
    column = roles.index("purpose")
    low = starts[column - 1] if column > 0 else float("-inf")
    high = starts[column] if column < len(starts) else float("inf")
    # Per line: its row, its top, and the top of its purpose text (if any).
    placed: list[tuple[int, float, float | None]] = []
    bounds = [*row_starts[1:], len(cut)]
    row = 0
    for index in range(row_starts[0], len(cut)):
        while index >= bounds[row]:
            row += 1
        line, cells = cut[index]
        if not line.fragments or any(f.spans is None for f in line.fragments):
            return
        tops = [f.top for f in line.fragments if low - 1 <= f.x0 < high]
        placed.append((row, min(f.top for f in line.fragments), min(tops) if cells[column] and tops else None))
    # A cell's line spacing, and the space from one row's last line to the next row's first, over every column.
    inner = [b - a for (r, a, _), (s, b, _) in itertools.pairwise(placed) if r == s]
    gaps = [b - a for (r, a, _), (s, b, _) in itertools.pairwise(placed) if s == r + 1]
    if len(inner) < DEFAULT_SPAN_EVIDENCE or len(gaps) < DEFAULT_SPAN_EVIDENCE:
        return
    leading = statistics.median(inner)
    if statistics.median(gaps) - leading < DEFAULT_ROW_GAP:
        return  # rows no further apart than a cell's lines: nothing tells a run from a row
    prose = [(r, top) for r, _, top in placed if top is not None]
    across = [(r, b - a) for (r, a), (s, b) in itertools.pairwise(prose) if s == r + 1]
    linked = {
        r
        for r, pitch in across
        if abs(pitch - leading) <= DEFAULT_LEADING_SLACK and not ends_sentence(rows[r].last(column))
    }
    runs = []
    for first, last in _joined_runs(linked):
        # The rows below the text that the cell spans too: its text ended above them, their cell is empty.
        while last + 1 < len(rows) and not rows[last + 1].cells[column]:
            last += 1
        runs.append((first, last))
    _share_over_runs(rows, column, runs)


def _sentence_purposes(rows: list[RowBuilder], roles: tuple[Role, ...]) -> tuple[int, list[str]] | None:
    """The purpose column and each row's purpose text, when the table's purposes are sentences (at least
    ``DEFAULT_SPAN_EVIDENCE`` of them open with a capital and end with a stop); else ``None``: purposes that are
    no sentences say nothing by their case or where they stand."""
    if "purpose" not in roles:
        return None
    column = roles.index("purpose")
    texts = [row.text(column) or "" for row in rows]
    if sum(1 for text in texts if starts_sentence(text) and ends_sentence(text)) < DEFAULT_SPAN_EVIDENCE:
        return None
    return column, texts


def _share_split_sentences(rows: list[RowBuilder], roles: tuple[Role, ...]) -> None:
    """A purpose cell spanning several rows where nothing but its words tell it (a text export): one sentence
    runs on across the rows' bounds, opening with a capital on the first row, going on in lower case on the
    next ones and ending on the last ("A jegyvásárlás és a bejelentkezés" / "működéséhez szükséges; a" /
    "azonosítására szolgál."), in a table whose purposes are sentences. Each row of the run gets the whole text.
    """
    found = _sentence_purposes(rows, roles)
    if found is None:
        return
    column, texts = found
    linked = {
        k
        for k, (text, below) in enumerate(itertools.pairwise(texts))
        if text and below[:1].islower() and not ends_sentence(text)
    }
    runs = [
        (first, last)
        for first, last in _joined_runs(linked)
        if starts_sentence(texts[first]) and ends_sentence(texts[last])
    ]
    _share_over_runs(rows, column, runs)


def _share_centred_spans(rows: list[RowBuilder], roles: tuple[Role, ...]) -> None:
    """A purpose cell spanning several rows of a table whose cells are centred on their rows (a text browser's
    dump): its text stands on the middle row, the rows above and below it as many (or one fewer) with their
    purpose empty, in a table whose purposes are sentences. Each row of the run gets the text."""
    found = _sentence_purposes(rows, roles)
    if found is None:
        return
    column, texts = found
    runs = []
    for k, text in enumerate(texts):
        if not text:
            continue
        above = next((n for n in itertools.count() if k - n - 1 < 0 or texts[k - n - 1]), 0)
        below = next((n for n in itertools.count() if k + n + 1 >= len(texts) or texts[k + n + 1]), 0)
        if above and below and abs(above - below) <= 1:
            runs.append((k - above, k + below))
    # An empty row between two texts could belong to either: neither run is sure.
    clash = {r for (_, last), (first, _) in itertools.pairwise(runs) if first <= last for r in (first, last)}
    _share_over_runs(rows, column, [run for run in runs if not clash & {run[0], run[1]}])


def _joined_runs(linked: set[int]) -> list[tuple[int, int]]:
    """The runs of rows (first, last) that ``linked`` joins, ``k`` in it joining row ``k`` to the row below."""
    return [(k, next(e for e in itertools.count(k) if e not in linked)) for k in sorted(linked) if k - 1 not in linked]


def _share_over_runs(rows: list[RowBuilder], column: int, runs: list[tuple[int, int]]) -> None:
    """Each run of rows (first, last) shares one cell in ``column``: all the text the column holds over it."""
    for first, last in runs:
        text = [line for r in range(first, last + 1) for line in rows[r].cells[column]]
        for r in range(first, last + 1):
            rows[r].cells[column] = list(text)


def _stack_lone_names(rows: list[RowBuilder], anchor: int) -> list[RowBuilder]:
    """Rows that hold only a name, right below the row above (no line between), joined to it: one more name of
    that row's cell ("woocommerce_cart_hash" / "woocommerce_items_in_cart" one per line), whose other cells stand
    beside the first name only. Every name of the cell is marked as one, so that the cell reads as a list."""
    out: list[RowBuilder] = []
    for row in rows:
        above = out[-1] if out else None
        alone = all(not cells for column, cells in enumerate(row.cells) if column != anchor)
        if (
            above is not None
            and alone
            and row.cells[anchor]
            and all(has_name_marks(name) for name in [*above.cells[anchor], *row.cells[anchor]])
            and row.page == above.page
            and row.lines
            and above.lines
            and min(row.lines) == max(above.lines) + 1
            and any(cells for column, cells in enumerate(above.cells) if column != anchor)
        ):
            above.cells[anchor].extend(row.cells[anchor])
            above.lines.extend(row.lines)
            continue
        out.append(row)
    return out


@dataclass(frozen=True)
class RuleIndex:
    """A document's rules by page, each page's by height: the rules between two heights are found by bisection,
    not by a look at every rule of the document."""

    rules: tuple[Rule, ...]
    pages: dict[int, tuple[list[float], list[Rule]]]

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> RuleIndex:
        pages: dict[int, tuple[list[float], list[Rule]]] = {}
        for rule in sorted(rules, key=lambda r: r.top):
            tops, page_rules = pages.setdefault(rule.page, ([], []))
            tops.append(rule.top)
            page_rules.append(rule)
        return cls(rules, pages)

    def between(self, page: int, low: float, high: float) -> list[Rule]:
        """The rules of ``page`` from height ``low`` to ``high`` (both included), by height."""
        tops, page_rules = self.pages.get(page, ([], []))
        return page_rules[bisect.bisect_left(tops, low) : bisect.bisect_right(tops, high)]


# A cache: the index of the rules last asked for (one document's, asked for by each of its tables and pages).
_RULE_INDEX: list[RuleIndex] = []


def rule_index(rules: tuple[Rule, ...]) -> RuleIndex:
    """The ``RuleIndex`` of these rules (the same tuple: a document's), built once."""
    cached = _RULE_INDEX[:1]
    if cached and cached[0].rules is rules:
        return cached[0]
    index = RuleIndex.of(rules)
    _RULE_INDEX[:] = [index]
    return index


def _share_merged_cells(
    rows: list[RowBuilder], rules: tuple[Rule, ...], starts: list[float], extent: tuple[float, float]
) -> None:
    """Cells merged down over several rows ("Youtube" once for fifteen cookies): where the rule between two
    rows on a page leaves a column open, the cell above spans the row below. The merged cell's text is all the
    column holds over the rows it spans (a browser centres it, so its lines may fall beside any of them), and
    each of those rows shares it. A column no rule crosses between any two rows is merged nowhere."""
    left, right = extent
    bounds = [left, *starts, right]
    columns = len(rows[0].cells) if rows else 0
    by_height = rule_index(rules)
    # Per pair of neighbouring rows, the columns the rule between them leaves open (None: nothing to tell).
    opened: list[set[int] | None] = []
    for above, row in itertools.pairwise(rows):
        if above.box is None or row.box is None:
            opened.append(None)
            continue
        if above.page != row.page:
            # Past a page break the merged cell is not drawn again: a span already running goes on.
            open_columns = {c for c in (opened[-1] if opened else None) or set() if not row.cells[c]}
        else:
            low, high = above.box[3], row.box[1]
            between = by_height.between(row.page, low - DEFAULT_RULE_SLACK, high + DEFAULT_RULE_SLACK)
            open_columns = {
                c
                for c in range(columns)
                if between and not any(r.x0 <= (bounds[c] + bounds[c + 1]) / 2 <= r.x1 for r in between)
            }
        opened.append(open_columns)
    for column in range(columns):
        if any(o is not None and column not in o for o in opened):  # ruled somewhere
            _share_over_runs(rows, column, _joined_runs({k for k, o in enumerate(opened) if o and column in o}))


def _ruled_starts(cut: Cut, rules: tuple[Rule, ...], header: HeaderRow) -> set[int] | None:
    """Indexes of the lines a drawn rule separates from the line above, or ``None`` without such rules."""
    anchor = anchor_column(header.roles)
    if not rules or header.box is None or len(cut) < 2:
        return None
    left, right = header.box[0], header.box[2]
    span = right - left
    name = header.cells[anchor]
    by_height = rule_index(rules)
    found: set[int] = set()
    for index in range(1, len(cut)):
        above, line = cut[index - 1][0], cut[index][0]
        if not line.fragments or not above.fragments:
            continue
        # A page break cuts the row's cells: the rules drawn above the new page's first line (the frame, a
        # repeated empty header) start no row when the line leaves the anchor cell empty.
        if above.page != line.page and not cut[index][1][anchor]:
            continue
        low = max(f.bottom for f in above.fragments) if above.page == line.page else float("-inf")
        high = min(f.top for f in line.fragments)
        between = by_height.between(line.page, low - DEFAULT_RULE_SLACK, high + DEFAULT_RULE_SLACK)
        if any(min(r.x1, right) - max(r.x0, left) >= DEFAULT_RULE_SPAN * span for r in between):
            found.add(index)
        elif any(r.x0 <= name.x0 + DEFAULT_RULE_SLACK and r.x1 >= name.x1 - DEFAULT_RULE_SLACK for r in between):
            # The rule under the name's cell alone: a cell beside it spans both rows (merged down), so the
            # rule across the table breaks there.
            found.add(index)
    return found or None


def _agrees(ruled: set[int], row_starts: list[int]) -> bool:
    """Rules that draw most rows the anchors find are the table's ruling, not decoration; so are rules that
    box each anchor in a row of its own (cells centred vertically: the name stands mid-row)."""
    if len(ruled) < 2:
        return False
    later = [i for i in row_starts if i > 0]
    if sum(1 for i in later if i in ruled) >= DEFAULT_RULE_AGREEMENT * max(len(later), 1):
        return True
    bounds = sorted({0, *ruled})
    boxes = [sum(1 for i in row_starts if a <= i < b) for a, b in itertools.pairwise([*bounds, 1 << 30])]
    return all(count == 1 for count in boxes)


def starts_centred(header: HeaderRow, cut: Cut) -> bool:
    """Whether text stands between the header and the first anchor: cells centred vertically on their row.
    Text there that goes on in lower case is a row's rest that a page break cut off, not the top of a row."""
    anchor = anchor_column(header.roles)
    if not _is_centered(cut, anchor):
        return False
    first = next(text for _, cells in cut for text in cells if text)
    return not first[:1].islower()


def cut_region(header: HeaderRow, body: tuple[Line, ...], after: tuple[Line, ...] = ()) -> RegionCut:
    """The table's lines cut into cells up to where the table ends, how many body lines it used, the left
    bounds of its columns after the first, and the section rows met on the way."""
    n = len(header.cells)
    anchor = anchor_column(header.roles)
    # The first lines of a table say where its columns are; a long table adds cost, not evidence.
    block = _leading_block(body)[:DEFAULT_COLUMN_SAMPLE]
    unit = char_width(list(block))
    # The header's page says where its columns are; the next pages may shift them (see ``shifted_starts``).
    # A text export lays each page out for itself (a PDF keeps its columns from page to page).
    by_text = all(f.spans is None for line in block for f in line.fragments)
    on_header_page = [line for line in block if line.page == header.page]
    if by_text and sum(1 for line in on_header_page if len(line.fragments) >= 2) >= DEFAULT_MIN_PAGE_ROWS:
        block = tuple(on_header_page)
    # A short block (a page's last rows under a repeated header) says little: a PDF's labels say the rest.
    rows_in_block = sum(1 for line in block if len(line.fragments) >= 2)
    short = not by_text and rows_in_block < DEFAULT_MIN_PAGE_ROWS
    starts = column_starts([(c.x0, c.x1) for c in header.cells], header.roles, list(block), labels_placed=short)
    if len(starts) != n - 1:
        starts = [c.x0 for c in header.cells[1:]]
    # Each page's own bounds: a text export lays each page out for itself. Only the lines above a page's first
    # full row use them (``_row_bounds`` takes over there): they are read from the top of the page.
    tops: dict[int, list[Line]] = {}
    for line in body:
        if line.page != header.page and len(tops.setdefault(line.page, [])) < DEFAULT_PAGE_TOP_LINES:
            tops[line.page].append(line)
    left = header.cells[0].x0
    by_page = {page: shifted_starts(starts, lines, not by_text, left) for page, lines in tops.items()}
    cut: Cut = []
    reach: list[list[float]] = []  # per cut line, the room left between each cell's text and its column's end
    used = 0
    following = _next_nonblank(body, after)
    alone: set[str] = set()
    last_anchor: int | None = None
    local = starts
    page = header.page
    sections: dict[int, str] = {}
    resume = 0
    for index, line, after_blank in table_lines(body):
        if index < resume:
            continue  # the description under a section row
        if line.page != page:
            page, local = line.page, by_page.get(line.page, local)
        if by_text:
            local = _row_bounds(line, local, n, unit)
        if (
            len(line.fragments) == 1
            and (line.fragments[0].x0 < local[0] or _centred_under(line, header, unit))
            and names_category(line)
            # "_ga_<ID> (Google" / "Analytics 4)": a bracket the name above left open closes, no section
            and not (cut and _opens_bracket(cut[-1][1][anchor] or "") and _closes_bracket(line.text))
            # One word ("Analytics") could be a cookie's name: a section only where names stand, in a column of
            # no category of its own, and no name no word has.
            and (not looks_like_cookie_name(line.text) or (anchor == 0 and not has_name_marks(line.text)))
        ):
            below = _section_rows_below(body, index, local, by_page, header.roles, anchor, unit)
            # Centred, it may be a middle column's line ("Mejorar la segmentación de" / "anuncios ..."): a
            # section row centred across the table ends closed and has a row right below it.
            centred = line.fragments[0].x0 >= local[0]
            if centred and (ends_open(line.text) or below is None or body[below] is not following[index]):
                below = None
            if below is not None:
                # A row across the table naming a category ("Marketing and statistic cookies"): the rows
                # below are that section's, its description (if any) no row.
                sections[len(cut)] = line.text
                resume = below
                used = index + 1
                continue
        if cut and anchor == 0 and _numbered_heading(line):
            break  # "2." + "Analytics cookies": the next section's numbered heading, its number set apart
        edges = [float("-inf")] * n
        cells, fits = cut_line(line, local, header.roles, unit, edges)
        if not fits:
            break
        if len(line.fragments) == 1:
            current = _row_since(cut, last_anchor)
            if _is_heading_line_over(line, alone, following[index], current, after_blank):
                break
            if cut and looks_like_heading(line.text) and _set_larger(line, cut[0][0]):
                break  # a heading in larger type than the table's rows (a page break hid the gap above it)
            if cut and _heading_across(line.text, cells, header.roles, anchor, current):
                break
            if cut and cells[anchor] and _names_section(line, following[index], starts, header.roles, unit):
                break
            alone.add(line.text)
        if (
            after_blank
            and cut
            and (
                _leaves_table(cells, anchor)
                or _sentence_for_a_name(cells, anchor, header.roles)
                or _heads_a_paragraph(line, following[index], local, unit)
                or (_bounds_crossed(line, local, unit) >= 1 and _is_sentence(line.text))
                or (_is_heading_line(line) and bool(cells[0]))
                or _runs_across(line, starts, unit)
            )
        ) or (cut and _sentence_opens_across(line, cells, anchor, local, unit)):
            break
        if cells[anchor]:
            last_anchor = len(cut)
        cut.append((line, cells))
        reach.append([b - e for b, e in zip([*local, float("inf")], edges, strict=True)])
        used = index + 1
    _mark_broken_names(cut, reach, header.roles, anchor, unit)
    return RegionCut(cut, used, starts, sections)


def _heading_across(
    text: str, cells: list[str | None], roles: tuple[Role, ...], anchor: int, current: RowBuilder | None
) -> bool:
    """A heading run across the columns right under a table ("Advertising, recommendations, insights"): one
    piece of heading-like text that the columns cut into cells, its name cell no cookie name and no name left
    open above it."""
    return (
        roles[anchor] == "name"
        and bool(cells[anchor])
        and sum(1 for c in cells if c) > 1
        and looks_like_heading(text)
        and role_fit("name", cells[anchor] or "") < 0
        and not (current is not None and ends_open(current.last(anchor)))
    )


def _numbered_heading(line: Line) -> bool:
    """A section number and a heading set apart on one line ("2.1" + "Analytics cookies")."""
    return number_set_apart(line) and looks_like_heading(line.fragments[1].text) and not looks_like_duration(line.text)


def _centred_under(line: Line, header: HeaderRow, unit: float) -> bool:
    """Whether a line stands centred under a header row, within two character widths (a header cell spanning
    the table, as a text browser sets it)."""
    return centred_between(line, header.cells[0].x0, header.cells[-1].x1, 2 * unit)


def _mark_broken_names(cut: Cut, reach: list[list[float]], roles: tuple[Role, ...], anchor: int, unit: float) -> None:
    """Mark the cookie names a narrow column broke mid-word ("PHPSES" / "SID") so that they join back.

    A name broken by its column is one token that runs up to the column's end (``reach``: the room left to
    the next column's bound, no more than a cell's padding), as far as any text of the column reaches, and the
    line below goes on with one more token. A name that fits leaves room (stacked names one per line do).
    """
    filled = [room[anchor] for room, (_, cells) in zip(reach, cut, strict=True) if cells[anchor]]
    if not filled:
        return
    tightest = min(filled)
    for k in range(len(cut) - 1):
        text, below = cut[k][1][anchor], cut[k + 1][1][anchor]
        if not text or not below or " " in text.strip() or " " in below.strip() or not below[:1].isalnum():
            continue
        # The upper half is marked as a name no word is; the lower goes on in its case ("PHPSES" / "SID",
        # "_languag" / "e"), not a capital after lower case (a word of its own).
        goes_on = below[:1].islower() or (text[-1:].isupper() and below.isupper())
        if not (has_name_marks(text) and goes_on):
            continue
        room = reach[k][anchor]
        if text.endswith(("-", "/", "_", ",")) or room > DEFAULT_BROKEN_ROOM * unit or room > tightest + unit / 2:
            continue
        # The line below starts no row: its other cells, if any, go on in lower case, and none of its short
        # cells holds a value of its own (a domain, a duration).
        if any(
            c and (not c[:1].islower() or (roles[column] in ("domain", "duration") and role_fit(roles[column], c) > 0))
            for column, c in enumerate(cut[k + 1][1])
            if column != anchor
        ):
            continue
        cut[k][1][anchor] = f"{text}{WORD_GOES_ON}"


def _section_rows_below(
    body: tuple[Line, ...],
    index: int,
    bounds: list[float],
    by_page: dict[int, list[float]],
    roles: tuple[Role, ...],
    anchor: int,
    unit: float,
) -> int | None:
    """Where the rows of a section begin below its section row: the first line after at most
    ``DEFAULT_SECTION_DESCRIPTION`` lines of description that opens a row (a cookie name in the anchor
    column, another cell beside it); ``None`` when no row follows (the table is over)."""
    described = 0
    for below in range(index + 1, min(len(body), index + 1 + 3 * DEFAULT_SECTION_DESCRIPTION)):
        line = body[below]
        if line.blank:
            continue
        on_page = bounds if line.page == body[index].page else by_page.get(line.page, bounds)
        cells, fits = cut_line(line, on_page, roles, unit)
        filled = sum(1 for c in cells if c)
        if header_cells(line) is not None:
            return None  # the next table's header: the section row heads that table
        if (
            fits
            and len(line.fragments) >= 2
            and cells[anchor]
            and filled >= 2
            and looks_like_cookie_name(first_name(cells[anchor]))
        ):
            return below
        described += 1
        if described > DEFAULT_SECTION_DESCRIPTION or len(line.fragments) > 1:
            return None
    return None


def _row_bounds(line: Line, bounds: list[float], n: int, unit: float) -> list[float]:
    """The bounds for this line and the next: a text export's row that fills every column with one piece each
    says where this row's columns start (``pdftotext -layout`` shifts them from row to row), when it opens
    with a cookie name or each piece stands near the bound it replaces. (PDF words keep their place: only text
    exports are asked.)"""
    fragments = line.fragments
    if len(fragments) != n or n < 2:
        return bounds
    moved = [f.x0 for f in fragments[1:]]
    near = all(abs(x - b) <= DEFAULT_MAX_ROW_SHIFT * unit for x, b in zip(moved, bounds, strict=True))
    if not (near or looks_like_cookie_name(fragments[0].text)):
        return bounds
    # A cell starting a little right of its bound is the export's jitter, not a shift: the bound stays.
    return [x if abs(x - b) > DEFAULT_JITTER * unit else min(x, b) for x, b in zip(moved, bounds, strict=True)]


def _leaves_table(cells: list[str | None], anchor: int) -> bool:
    """Whether a line below a blank one is past the table: it starts no row (its anchor cell is empty) and
    starts at the table's left edge, as text after a table does. Text that leaves the first column empty is a
    cell's next paragraph."""
    return not cells[anchor] and bool(cells[0])


def _sentence_for_a_name(cells: list[str | None], anchor: int, roles: tuple[Role, ...]) -> bool:
    """Whether a line below a blank one holds a whole sentence where the names stand ("You can change your
    choices at any time."): the paragraph after the table, not a row."""
    text = cells[anchor]
    return roles[anchor] == "name" and text is not None and not names_only(text) and _is_sentence(text)


def _heads_a_paragraph(line: Line, after: Line | None, starts: list[float], unit: float) -> bool:
    """Whether a lone word or title below a blank line heads the paragraph under it ("About" / "Cookie
    declaration last updated ..."): a plain heading over prose that runs across the columns, not a row."""
    return (
        len(line.fragments) == 1
        and looks_like_heading(line.text)
        and not has_name_marks(line.text)
        and after is not None
        and len(after.fragments) == 1
        and (_runs_across(after, starts, unit) or _is_sentence(after.text))
    )


def _is_sentence(text: str) -> bool:
    """A whole sentence of plain words: capitalised, ended, no word marked as a name."""
    return (
        word_count(text) >= DEFAULT_SENTENCE_WORDS
        and starts_sentence(text)
        and ends_sentence(text)
        and not any(has_name_marks(w) for w in text.split())
    )


def _names_section(line: Line, after: Line | None, starts: list[float], roles: tuple[Role, ...], unit: float) -> bool:
    """A line naming a consent category ("Marketing") above prose or a header row: the heading of the next
    table, not a cookie of this one."""
    return names_category(line) and (
        after is None
        or header_cells(after) is not None
        or _runs_across(after, starts, unit)
        or not cut_line(after, starts, roles, unit)[1]
    )


def _heads_next_table(line: Line, after: Line | None) -> bool:
    """``_names_section`` for delimited lines: above a header row or a line of running text."""
    return names_category(line) and (
        after is None
        or header_cells(after) is not None
        or (
            len(after.fragments) == 1
            and starts_sentence(after.text)
            and word_count(after.text) >= DEFAULT_SECTION_PROSE_WORDS
        )
    )


def table_lines(body: tuple[Line, ...], max_blank_run: int = DEFAULT_MAX_BLANK_RUN) -> Iterator[tuple[int, Line, bool]]:
    """The non-blank lines of a table's body, with their index and whether blank lines stood above them, up
    to a run of more than ``max_blank_run`` blank lines (the table is over there)."""
    blank_run = 0
    for index, line in enumerate(body):
        if line.blank:
            blank_run += 1
            if blank_run > max_blank_run:
                return
            continue
        yield index, line, blank_run > 0
        blank_run = 0


def _next_nonblank(body: tuple[Line, ...], after: tuple[Line, ...]) -> list[Line | None]:
    """For each body line, the next non-blank line below it (the lines after the body included)."""
    following: list[Line | None] = [None] * len(body)
    upcoming = next((x for x in after if not x.blank), None)
    for index in range(len(body) - 1, -1, -1):
        following[index] = upcoming
        if not body[index].blank:
            upcoming = body[index]
    return following


def _row_since(cut: Cut, start: int | None) -> RowBuilder | None:
    """The cells of the lines since the last anchor line, as a row (to ask whether a cell is open)."""
    if start is None:
        return None
    row = RowBuilder(len(cut[start][1]), cut[start][0].page)
    for line, cells in cut[start:]:
        for column, text in enumerate(cells):
            if text:
                row.add(column, text, line)
    return row


def _sentence_opens_across(line: Line, cells: list[str | None], anchor: int, starts: list[float], unit: float) -> bool:
    """One run of text from the name column into the next, opening with a capitalised phrase of plain words
    where a name would stand ("Os oes gennych gwestiwn am y polisi..."): a paragraph right under the table."""
    text = cells[anchor]
    if len(line.fragments) != 1 or not text or not text[:1].isupper() or word_count(text) < DEFAULT_PROSE_NAME_WORDS:
        return False
    if names_only(text) or any(has_name_marks(w) for w in text.split()):
        return False
    return _bounds_crossed(line, starts, unit) >= 1


def _runs_across(line: Line, starts: list[float], unit: float) -> bool:
    """One unbroken run of text across two column bounds or more: a paragraph, not a table row."""
    return len(line.fragments) == 1 and _bounds_crossed(line, starts, unit) >= 2


def _bounds_crossed(line: Line, starts: list[float], unit: float) -> int:
    """How many column bounds a one-fragment line's text runs across (give or take ``DEFAULT_MISALIGN``)."""
    fragment = line.fragments[0]
    tolerance = DEFAULT_MISALIGN * unit
    return sum(1 for s in starts if fragment.x0 + tolerance < s < fragment.x1 - tolerance)


def _is_heading_line(line: Line) -> bool:
    return len(line.fragments) == 1 and looks_like_heading(line.text) and not looks_like_cookie_name(line.text)


def _leading_block(body: tuple[Line, ...]) -> tuple[Line, ...]:
    """The lines from the header to the first blank line: the part of the table surely in it."""
    for index, line in enumerate(body):
        if line.blank and index > 0:
            return body[:index]
    return body


def _anchor_lines(cut: list[tuple[Line, list[str | None]]], anchor: int) -> list[int]:
    """Lines where a row's anchor cell starts; a wrapped anchor cell's further lines are not anchors."""
    found: list[int] = []
    for i, (_, cells) in enumerate(cut):
        text = cells[anchor]
        if not text:
            continue
        above = cut[i - 1][1][anchor] if i > 0 else None
        if found and above and found[-1] == i - 1 and _wraps(above):
            continue
        found.append(i)
    return found


def _wraps(anchor_text: str) -> bool:
    """Anchor text that goes on below: a trailing hyphen or connector, or words that are no cookie name."""
    return ends_open(anchor_text) or not names_only(anchor_text)


def names_only(text: str) -> bool:
    """A cookie name, or a list of them ("layout.*, pdf.*", "(_ga_ABC, _ga_DEF)"), each perhaps with a note in
    brackets ("_ga (Google Analytics)"): a complete anchor cell, not words going on."""
    text = NAME_NOTE.sub("", text.strip())
    parts = [p.strip("()") for p in NAME_LIST_SEPARATOR.split(text) if p.strip("()")]
    return bool(parts) and all(looks_like_cookie_name(p) for p in parts)


def _is_centered(cut: list[tuple[Line, list[str | None]]], anchor: int) -> bool:
    first = next((i for i, (_, cells) in enumerate(cut) if cells[anchor]), None)
    return bool(first)


def _anchor_starts(cut: Cut, anchor: int, previous: RowBuilder | None, roles: tuple[Role, ...] = ()) -> list[int]:
    """Indexes in ``cut`` of the lines where the anchor column starts a new row."""
    starts: list[int] = []
    last_anchor = previous.last(anchor) if previous is not None else None
    for index, (_, cells) in enumerate(cut):
        text = cells[anchor]
        follows = index > 0 and bool(cut[index - 1][1][anchor])
        # "_ga_" / "<container-id>": a name cut after its underscore, before a placeholder.
        placeholder = bool(follows and text and last_anchor and last_anchor.endswith("_") and text[:1] in "<{[")
        # "BEAMER_DATE{product" / "ID}": a placeholder cut at its space.
        placeholder = placeholder or bool(
            follows
            and text
            and last_anchor
            and (closes_placeholder(last_anchor, text) or placeholder_completes(last_anchor, text))
        )
        # "_ga" / "(_ga_ABC, _ga_DEF)": the names in brackets belong to the one above.
        placeholder = placeholder or bool(follows and text and text.startswith("("))
        stacked = bool(
            text
            and starts
            and roles
            and (names_only(text) or text[:1].islower())
            and _stacks_on(cut, index, starts[-1], anchor, roles)
        )
        # The first line past a page break (the header repeated or not) going on with cells the row above left
        # open ("OneSignal (third-" / "party SDK"), in lower case: that row goes on.
        stacked = stacked or bool(index == 0 and text and previous is not None and _goes_on_from(previous, cells))
        if (
            text
            and not placeholder
            and not stacked
            and (last_anchor is None or not (ends_open(last_anchor) or (follows and not names_only(last_anchor))))
        ):
            starts.append(index)
            last_anchor = text
        elif text and last_anchor is not None:
            # A note in brackets going on ("_ga_<ID> (Google" / "Analytics 4)") completes the name above.
            last_anchor = f"{last_anchor} {text}" if _opens_bracket(last_anchor) else text
    return starts


def _goes_on_from(previous: RowBuilder, cells: list[str | None]) -> bool:
    """Whether a line's cells continue cells of ``previous`` left open (a trailing hyphen, slash or joining
    word), each such piece in lower case, and no other cell starts anew with a capital."""
    going = [c for c, text in enumerate(cells) if text and ends_open(previous.last(c)) and text[:1].islower()]
    fresh = [c for c, text in enumerate(cells) if text and c not in going and text[:1].isupper()]
    return bool(going) and not fresh


def _stacks_on(cut: Cut, index: int, row_start: int, anchor: int, roles: tuple[Role, ...]) -> bool:
    """Whether a name on line ``index`` is one more name stacked in the cell of the row begun at ``row_start``
    ("__Secure-3PAPISID" / "__Secure-3PSID" one per line), not a row of its own.

    In a grid every cell of a row starts on the row's first line. So a line whose descriptive cell goes on
    from the line above (that text left open, this one in lower case) is inside the row above, and so is the
    name on it, when the short cells the row gave at once (a duration, a domain) stay empty or go on (in lower
    case, in brackets, or after an open end). A short cell in capitals ("Vinarija" / "Kamenjak": a provider's
    name wrapped) does not stop it where another short cell stays empty. A descriptive piece in capitals
    ("... putem" / "DoubleClicka.") goes on too where a short cell could not end above ("1" / "godina").
    """
    first = cut[row_start][1]
    cells = cut[index][1]
    short = [c for c, role in enumerate(roles) if c != anchor and role not in PROSE_ROLES and first[c]]
    if not short:
        return False
    empty = unfinished = fresh = 0
    for c in short:
        text = cells[c]
        above = _last_text(cut, row_start, index, c)
        if not text:
            empty += 1
        elif ends_open(above) or text[:1] == "(" or text[:1].islower():
            # Going on; the cell above could not end there: left open, or a count waiting for its unit ("1" /
            # "godina").
            unfinished += ends_open(above) or above.strip().isdigit()
        else:
            fresh += 1
    pieces = [
        text
        for c, role in enumerate(roles)
        if role in PROSE_ROLES
        and (text := cells[c])
        and (text_above := _last_text(cut, row_start, index, c))
        and not ends_sentence(text_above)
    ]
    if any(text[:1].islower() for text in pieces):
        return not fresh or bool(empty)
    return bool(pieces) and bool(unfinished) and not fresh


def _last_text(cut: Cut, start: int, end: int, column: int) -> str:
    """The last text of a column on the lines ``start`` to ``end`` (excluded), or ``""``."""
    return next((cells[column] or "" for _, cells in reversed(cut[start:end]) if cells[column]), "")


def _ruled_row_starts(ruled: set[int], cut: Cut, anchor: int, previous: RowBuilder | None) -> list[int]:
    """Row starts where rules separate lines; the first line starts a row unless it continues ``previous``."""
    starts = sorted(ruled)
    if cut and 0 not in ruled and (previous is None or cut[0][1][anchor]):
        starts.insert(0, 0)
    return starts


def _top_rows(
    cut: Cut, n: int, previous: RowBuilder | None, starts: list[int], sections: dict[int, str] | None = None
) -> list[RowBuilder]:
    """Rows that begin at the given line indexes; lines before the first start continue ``previous``. A row
    under a section row (``sections``) carries its text."""
    rows: list[RowBuilder] = []
    current = previous
    opening = set(starts)
    section: str | None = None
    for index, (line, cells) in enumerate(cut):
        section = (sections or {}).get(index, section)
        if index in opening or (sections and index in sections):
            current = RowBuilder(n, line.page, section=section)
            rows.append(current)
        if current is None:
            continue
        for column, text in enumerate(cells):
            if text:
                current.add(column, text, line)
    return rows


def _centered_rows(
    cut: list[tuple[Line, list[str | None]]], roles: tuple[Role, ...], anchor: int
) -> tuple[list[RowBuilder], float]:
    """Rows whose cells are centred on the anchor line.

    A row of height H has floor((H-1)/2) lines above its anchor and as many, or one more, below. Knowing
    the lines above the first anchor, each gap between anchors leaves one choice (does the middle line go
    up or down); a dynamic programme takes the choices that best agree with where cell texts start and end.
    """
    anchors = _anchor_lines(cut, anchor)
    if not anchors:
        return [], float("-inf")
    # paths: lines above the current anchor -> (score, lines below each anchor so far)
    paths: dict[int, tuple[float, list[int]]] = {anchors[0]: (0.0, [])}
    for k, a in enumerate(anchors):
        last = k + 1 == len(anchors)
        between = len(cut) - a - 1 if last else anchors[k + 1] - a - 1
        step: dict[int, tuple[float, list[int]]] = {}
        for above, (score, belows) in paths.items():
            for extra, prior in ((0, 0.0), (1, 0.0), (2, -DEFAULT_UNCENTRED_PENALTY)):
                below = above + extra
                if below > between:
                    if last:
                        # The table may end early: trailing lines beyond the row are not ours.
                        candidate = (score - DEFAULT_UNCENTRED_PENALTY, [*belows, between])
                        if candidate[0] > step.get(0, (float("-inf"), []))[0]:
                            step[0] = candidate
                    continue
                if last:
                    gain = prior + (DEFAULT_LAST_ROW_BONUS if below == between else 0.0)
                else:
                    gain = prior + _boundary(cut, a + below + 1, roles, anchor)
                nxt = 0 if last else between - below
                candidate = (score + gain, [*belows, below])
                if candidate[0] > step.get(nxt, (float("-inf"), []))[0]:
                    step[nxt] = candidate
        paths = step or {0: (0.0, [*next(iter(paths.values()))[1], 0])}
    score, belows = max(paths.values(), key=lambda p: p[0])
    rows: list[RowBuilder] = []
    start = 0
    for a, below in zip(anchors, belows, strict=True):
        row = RowBuilder(len(roles), cut[a][0].page)
        for line, cells in cut[start : a + below + 1]:
            for column, text in enumerate(cells):
                if text:
                    row.add(column, text, line)
        rows.append(row)
        start = a + below + 1
    return rows, score


def _boundary(cut: list[tuple[Line, list[str | None]]], first: int, roles: tuple[Role, ...], anchor: int) -> float:
    """Evidence that line ``first`` starts a row: cell texts that end just above it and start on it."""
    if first <= 0 or first >= len(cut):
        return 0.0
    upper_cells, lower_cells = cut[first - 1][1], cut[first][1]
    score = 0.0
    for column, role in enumerate(roles):
        upper, lower = upper_cells[column], lower_cells[column]
        if column != anchor and upper and lower and _opens_bracket(upper) and _closes_bracket(lower):
            score -= 1.0  # "users (Google" / "Analytics)": one cell's lines
        if role == "duration" and upper and lower and _duration_goes_on(upper, lower):
            score -= 1.0  # "Bis zum Schließen" / "des Browsers": one duration's lines
        # Only prose says where a cell ends: codes, domains and durations start lower case at will.
        if column == anchor or role not in PROSE_ROLES:
            continue
        if upper and lower:
            # A line opening with a bracket ("(Google Analytics)") is a note on the line above, no start.
            if ends_open(upper) or not starts_sentence(lower) or lower.startswith(("(", "[")):
                score -= 1.0
            else:
                score += 1.0 if ends_sentence(upper) else 0.5
    return score


def _duration_goes_on(upper: str, lower: str) -> bool:
    """A duration's text that is none yet and becomes one with the next line ("Bis zum Schließen" / "des
    Browsers")."""
    return not looks_like_duration(upper) and looks_like_duration(f"{upper} {lower}")


def _opens_bracket(text: str) -> bool:
    """Whether a line leaves a bracket open."""
    return sum(text.count(c) for c in "([{") > sum(text.count(c) for c in ")]}")


def _closes_bracket(text: str) -> bool:
    """Whether a line closes a bracket it did not open."""
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0:
            return True
    return False


# --- delimited (tab-separated) exports --------------------------------------------------------------------


def _exact_fields(body: tuple[Line, ...], n: int) -> bool:
    """Whether the export kept empty cells (leading or doubled tabs), so ordinals are column numbers."""
    for line in body:
        fields = [f.field for f in line.fragments if f.field is not None]
        if fields and fields != list(range(len(fields))) and max(fields) < n:
            return True
    return False


def _profile(text: str) -> tuple[bool, bool, bool, bool]:
    return (
        has_name_marks(text),
        looks_like_duration(text),
        " " in text.strip(),
        "." in text and " " not in text,
    )


def delimited_rows(
    header: HeaderRow, body: tuple[Line, ...], previous: RowBuilder | None = None, after: tuple[Line, ...] = ()
) -> BuiltRows:
    """Rows of a tab-separated table (arguments as for ``positioned_rows``)."""
    n = len(header.cells)
    anchor = anchor_column(header.roles)
    # Markup (HTML, Word) gives every cell its column, missing trailing cells included; its table ends where
    # its rows do.
    markup = next((line.whole_row for line in body if not line.blank), False)
    exact = markup or _exact_fields(body, n)
    full = [line for line in body if len(line.fragments) == n][:DEFAULT_COLUMN_SAMPLE]
    profiles = [[_profile(line.fragments[c].text) for line in full] for c in range(n)]
    widths = [max((display_width(line.fragments[c].text) for line in full), default=0) for c in range(n)]
    # The widest cell line seen so far: a single piece much longer cannot sit in one column, it is prose. A table
    # going on under a repeated header has shown its cells already: the row above counts too.
    widest = max(
        [*widths, *(display_width(line) for cell in (previous.cells if previous else []) for line in cell)], default=0
    )
    complete: list[set[str]] = [set() for _ in range(n)]  # each column's whole cells, in rows done
    rows: list[RowBuilder] = []
    current = previous
    used = 0
    following = _next_nonblank(body, after)
    alone: set[str] = set()
    section: str | None = None
    for index, line, after_blank in table_lines(body):
        pieces = [f.text for f in line.fragments]
        if markup and not line.whole_row:
            break
        if (
            not markup
            and _opens_section(line, following[index], header.roles)
            and not (current is not None and _continues_any(line.text, current, header, widths))
        ):
            # "Analytics" alone over the rows it heads, in a table of no category column: a section row (not the
            # wrapped end of a cell: "Cookies Google" / "Analytics").
            section, used = line.text, index + 1
            continue
        if exact:
            placed = [(f.field if f.field is not None else 0, f.text) for f in line.fragments]
            if any(column >= n for column, _ in placed):
                break
            # Markup that says where a row ends (HTML, Word) makes every line a row of its own.
            starts = line.whole_row or (
                any(column == anchor for column, _ in placed)
                and not (current is not None and ends_open(current.last(anchor)))
            )
        else:
            whole = _row_lost_its_tabs(pieces, header.roles, current, anchor) if len(pieces) == 1 else None
            if whole is None and 1 < len(pieces) < n:
                # The tab after the name lost ("cyngor_sesiwn Cadw eich sesiwn ...\tDiwedd y"): the first piece
                # covers the columns the others leave.
                cover = n - len(pieces) + 1
                head = _row_lost_its_tabs(pieces[:1], header.roles[:cover], current, anchor)
                whole = [*head, *pieces[1:]] if head is not None and len(head) == cover else None
                if whole is None and cover == 2 and header.roles[-1] == "duration" and anchor == 0:
                    whole = _duration_run_in(pieces)
            if whole is not None:
                pieces = whole
            # Under a repeated header the row going on is the table's (``previous``): prose ends it as well.
            if len(pieces) == 1 and current is not None and _is_prose(line, alone, widest, following[index], current):
                # Too wide for a column, it may still be two cells' next lines run together.
                split = (
                    _two_cells_in_one(pieces[0], current, header, widths)
                    if current is not None and _too_wide(pieces[0], widest)
                    else None
                )
                if split is None:
                    break
                pieces = split
            if len(pieces) == 1 and current is not None and _heads_next_table(line, following[index]):
                break
            if len(pieces) == 1 and current is not None and not _continues_any(pieces[0], current, header, widths):
                break  # "For more information, see ...": it would have fitted on every cell's last line
            if len(pieces) == 1:
                alone.add(pieces[0])
            starts, placed = _place_loose(pieces, n, anchor, header.roles, current, profiles, widths, complete)
            if starts:
                widest = max(widest, *(display_width(text) for _, text in placed))
        if after_blank and not starts and not _goes_on_past_a_break(pieces, placed, current, header, widths):
            break
        if starts:
            if current is not None:
                for column, cell in enumerate(current.cells):
                    complete[column].add(" ".join(cell))
            current = RowBuilder(n, line.page, section=section)
            rows.append(current)
        if current is None:
            break
        for column, text in placed:
            current.add(column, text, line)
        used = index + 1
    if not markup:
        _share_split_sentences(rows, header.roles)
    return BuiltRows(rows, used, 0.95 if exact else 0.85, method="delimited")


def _opens_section(line: Line, after: Line | None, roles: tuple[Role, ...]) -> bool:
    """A tab-separated table's section row: one piece naming a category, right over a row of cells, in a
    table whose categories are not a column of their own."""
    return (
        len(line.fragments) == 1
        and "category" not in roles
        and names_category(line)
        and after is not None
        and len(after.fragments) >= 2
        and header_cells(after) is None
    )


def _row_lost_its_tabs(
    pieces: list[str], roles: tuple[Role, ...], current: RowBuilder | None, anchor: int
) -> list[str] | None:
    """A row copied without its tabs ("OptanonConsent Ce cookie est créé par www.example.com, Session"): one
    piece that opens with a cookie name, cut into the table's cells by the shapes of its values; ``None`` when
    the piece is not such a row (prose, a cell's next line)."""
    from extractor.layout.glued import split_row  # glued builds on this module

    text = pieces[0]
    words = text.split()
    if anchor != 0 or len(words) < 2 or not (has_name_marks(words[0]) or CAMEL_CASE.search(words[0])):
        return None
    if current is not None and ends_open(current.last(anchor)):
        return None
    # Every column, else the first ones only (the row's last cells empty) when the name is one no word has
    # and no cell above is left open.
    settled = current is None or not current.left_open()
    shortest = 2 if settled and has_strong_name_marks(words[0]) else len(roles)
    for count in range(min(len(roles), len(words)), shortest - 1, -1):
        split = split_row(text, roles[:count], spaces_only=True)
        if split is None or split.margin < DEFAULT_LOST_TABS_MARGIN or not names_only(split.cells[0]):
            continue
        if all(cell and role_fit(role, cell) > 0 for cell, role in zip(split.cells, roles, strict=False)):
            return split.cells
    return None


def _duration_run_in(pieces: list[str]) -> list[str] | None:
    """A row whose last tab was lost ("_ga\tGoogle\tDe\tDistingeix els usuaris per 2 anys"): a name first, and
    the last piece ending in a count and its unit, cut off as the duration (the shortest such end)."""
    words = pieces[-1].split()
    if not has_name_marks(pieces[0].split()[0]) or len(words) < 2:
        return None
    for k in range(len(words) - 1, 0, -1):
        tail = " ".join(words[k:])
        if words[k][:1].isdigit() and is_whole_duration(tail):
            return [*pieces[:-1], " ".join(words[:k]), tail]
    return None


def _had_no_room(line: str, word: str, width: int) -> bool:
    """Whether a cell's line had no room left for the word (so the word may have wrapped below it); widths in
    character cells (``display_width``)."""
    return display_width(line) + 1 + display_width(word) > DEFAULT_WRAP_FIT * width


def _goes_on_past_a_break(
    pieces: list[str],
    placed: list[tuple[int, str]],
    current: RowBuilder | None,
    header: HeaderRow,
    widths: list[int],
) -> bool:
    """A lone piece in lower case after a blank line that a sentence of the row, unfinished, had no room for:
    a cell a page break cut (a copy of a PDF leaves a blank line where the page ended), not a logo or a
    paragraph. Several pieces go on when each continues its cell and one of those cells was left open."""
    if current is None or not pieces:
        return False
    if len(pieces) > 1:
        # Several cells going on at once, one of them left open ("www.example.com/train-"): the row goes on.
        return (
            bool(placed)
            and all(_continues(text, current, column, header.roles[column], widths) for column, text in placed)
            and any(ends_open(current.last(column)) for column, _ in placed)
        )
    if not pieces[0][:1].islower():
        return False
    first = pieces[0].split()[0]
    return bool(placed) and all(
        header.roles[column] in PROSE_ROLES
        and (before := current.last(column))
        and not ends_sentence(before)
        and _had_no_room(before, first, widths[column])
        for column, _ in placed
    )


def _continues_any(piece: str, row: RowBuilder, header: HeaderRow, widths: list[int]) -> bool:
    """Whether a lone piece can be the wrapped end of some cell of ``row``: a cell ending open, or one whose
    last line had no room for the piece's first word, and that the piece does not spoil (a whole duration
    does not go on with a sentence)."""
    return any(_continues(piece, row, column, role, widths) for column, role in enumerate(header.roles))


def _continues(piece: str, row: RowBuilder, column: int, role: Role, widths: list[int]) -> bool:
    """``_continues_any`` for one cell."""
    before = row.last(column)
    if not before or not piece.split():
        return False
    if ends_open(before) or completes_identifier(before, piece):
        return True
    if _sentence_goes_on(before, piece, role):
        return True
    if not _had_no_room(before, piece.split()[0], widths[column]):
        return False
    cell = row.text(column) or before
    if role == "duration" and looks_like_duration(cell) and not is_whole_duration(f"{cell} {piece}"):
        return False
    # "virufy.org" + "For more information, ...": no provider any more
    return role_fit(role, join_cell(f"{cell}\n{piece}") or piece) >= role_fit(role, cell)


def _sentence_goes_on(before: str, piece: str, role: Role) -> bool:
    """A sentence left unfinished that goes on in lower case, whatever room its line had ("The “uid” cookie" /
    "is used to ...")."""
    return role in PROSE_ROLES and piece[:1].islower() and not ends_sentence(before)


def _two_cells_in_one(piece: str, row: RowBuilder, header: HeaderRow, widths: list[int]) -> list[str] | None:
    """A lone piece too wide for one column that is the next lines of two neighbouring cells whose tab the
    copy lost ("pour tester différentes www.example.com,"): the two parts, or ``None``."""
    words = piece.split(" ")
    best: tuple[float, list[str]] | None = None
    for column in range(len(header.roles) - 1):
        roles = header.roles[column], header.roles[column + 1]
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            if (
                _fits_width(left, row, column, widths)
                and _fits_width(right, row, column + 1, widths)
                and _continues(left, row, column, roles[0], widths)
                and _continues(right, row, column + 1, roles[1], widths)
            ):
                fit = role_fit(roles[0], left) + role_fit(roles[1], right)
                if best is None or fit > best[0]:
                    best = (fit, [left, right])
    return best[1] if best else None


def _fits_width(part: str, row: RowBuilder, column: int, widths: list[int]) -> bool:
    """Whether a part can be a cell's next line: no longer than its column holds, unless the cell was left open
    ("www.example.com," / "www.example.com/help/")."""
    return display_width(part) <= DEFAULT_PROSE_LENGTH_FACTOR * widths[column] or ends_open(row.last(column))


def _is_prose(line: Line, alone: set[str], widest: int, after: Line | None, current: RowBuilder | None) -> bool:
    """A lone piece that cannot be a wrapped cell line: too wide for a column, or a heading over prose."""
    piece = line.text
    if _too_wide(piece, widest):
        return True
    if _is_heading_line_over(line, alone, after, current):
        return True
    return (
        looks_like_heading(piece)
        and not looks_like_cookie_name(piece)
        and after is not None
        and len(after.fragments) == 1
        and display_width(after.text) > DEFAULT_PROSE_LENGTH_FACTOR * widest
    )


def _too_wide(piece: str, widest: int) -> bool:
    """A piece much longer than the widest cell line seen: it cannot sit in one column."""
    return display_width(piece) > max(DEFAULT_PROSE_LENGTH_FACTOR * widest, DEFAULT_MIN_PROSE_CHARS)


def _is_heading_line_over(
    line: Line, alone: set[str], after: Line | None, current: RowBuilder | None, apart: bool = False
) -> bool:
    """A heading-like line right above a header row: the next table's heading.

    Not a heading: text that already stood alone in this table (a wrapped type "Cookie" or "Storage" at the
    end of a page, before the header repeats), or text that completes an open cell ("... used by" /
    "Adobe Target"). One word that could be a cookie name is a heading only when set in larger type than the
    header below it ("Analityczne" over "Usługa | Plik cookie | Cel"), naming a category (a caption), or, a
    plain word, set ``apart`` from the rows above by a blank line ("Stripe" over the next service's table).
    """
    if not looks_like_heading(line.text):
        return False
    if after is None or header_cells(after) is None:
        return False
    if looks_like_cookie_name(line.text) and not (
        _set_larger(line, after) or names_category(line) or (apart and not has_name_marks(line.text))
    ):
        return False
    if line.text in alone:
        return False
    return current is None or not any(ends_open(current.last(c)) for c in range(current.columns))


def _set_larger(line: Line, other: Line) -> bool:
    """Whether a line's type is larger than another's (both read from a PDF, whose sizes are known)."""
    sizes = [f.size for f in line.fragments if f.size]
    others = [f.size for f in other.fragments if f.size]
    return bool(sizes and others) and min(sizes) > DEFAULT_HEADING_SIZE_RATIO * max(others)


def _similarity(text: str, profiles: list[tuple[bool, bool, bool, bool]]) -> float:
    if not profiles:
        return 0.5
    mine = _profile(text)
    return sum(sum(a == b for a, b in zip(mine, p, strict=True)) / 4 for p in profiles) / len(profiles)


def _parse_row_start(
    pieces: list[str],
    roles: tuple[Role, ...],
    anchor: int,
    profiles: list[list[tuple[bool, bool, bool, bool]]],
    spanned: bool = False,
) -> list[tuple[int, str]] | None:
    """The cells of a row's first line whose neighbouring cells ran together ("how visitors 2 years").

    Each piece covers one or more consecutive columns, cut at word breaks (or the first columns only, see
    below); the reading whose parts best fit their columns' roles wins. ``None`` when the line does not read
    as a row start: its anchor cell is no cookie name, or a part landing in a duration column is no duration.
    """
    n, k = len(roles), len(pieces)
    best: tuple[float, list[tuple[int, str]]] | None = None
    # The pieces cover the columns (each piece one or more neighbouring cells); or, one piece to a cell, only
    # some columns, the others left empty, when the row opens with a name no word has ("__Secure-3PSIDCC"):
    # the first ``k`` columns (a row without a purpose or a duration, its trailing tabs dropped), or every
    # column but those of a cell spanning rows (a provider given once for its cookies, in the first row).
    sparse: list[list[tuple[int, ...]]] = []
    opening = first_name(pieces[0].split()[0]) if pieces[0].split() else ""
    if 1 < k < n and has_name_marks(opening) and "/" not in opening and not looks_like_host(opening.rstrip(",;")):
        sparse.append([(c,) for c in range(k)])
        # A column of no known role (a link, a note) is often left empty: the pieces cover the others.
        known = tuple(c for c in range(n) if roles[c] != "other")
        if 0 < len(known) < n and len(known) >= k:
            sparse.extend(_covers(known, k))
        if spanned:
            kept = tuple(c for c in range(n) if roles[c] not in GROUPING_ROLES)
            if 0 < len(kept) < n and len(kept) >= k:
                sparse.extend(_covers(kept, k))
    for spans in [*_covers(tuple(range(n)), k), *sparse]:
        placed: list[tuple[int, str]] = []
        score = 0.0
        for columns, piece in zip(spans, pieces, strict=True):
            parts = _split_piece(piece, tuple(roles[c] for c in columns))
            if parts is None:
                break
            for column, (part, fit) in zip(columns, parts, strict=True):
                placed.append((column, part))
                score += fit
            score -= DEFAULT_LOST_TAB_COST * (len(parts) - 1)
        else:
            # Cells left empty: every cell given must fit its column.
            if spans in sparse and any(role_fit(roles[c], t) <= 0 for c, t in placed[1:] if roles[c] != "other"):
                continue
            # A reading whose name cell holds no name is none ("Places" / "you in groups of" over a spanned
            # provider cell).
            if roles[anchor] == "name" and not looks_like_cookie_name(first_name(dict(placed).get(anchor, ""))):
                continue
            if best is None or score > best[0]:
                best = (score, placed)
    if best is None:
        return None
    cells = dict(best[1])
    name = first_name(cells.get(anchor, ""))
    if roles[anchor] == "name":
        if not looks_like_cookie_name(name):
            return None
        # A plain-word name ("promo") starts a row when the line reads cleanly: every cell fits its role.
        # With cells missing, the name must stand in its own piece ("promo" / "virufy.org PERSISTENT ...").
        clean = (
            len(best[1]) >= n - 1
            and (k >= n - 1 or name in pieces)
            and all(role_fit(roles[c], t) > 0 for c, t in best[1] if roles[c] != "other")  # "other" fits anything
        )
        alike = k >= n - 1 and _similarity(name, profiles[anchor]) >= DEFAULT_ANCHOR_LIKENESS
        if not (has_name_marks(name) or clean or alike):
            return None
    elif k < n:
        return None
    # A duration cell may wrap after its number ("6071" / "DAYS").
    if k < n and any(roles[c] == "duration" and not _duration_start(t) for c, t in best[1]):
        return None
    return best[1]


def _covers(columns: tuple[int, ...], k: int) -> list[list[tuple[int, ...]]]:
    """The ways ``k`` pieces cover ``columns`` in order, each piece one or more neighbouring ones."""
    return [
        [columns[a:b] for a, b in itertools.pairwise((0, *cuts, len(columns)))]
        for cuts in itertools.combinations(range(1, len(columns)), k - 1)
    ]


def _duration_start(text: str) -> bool:
    """The first line of a duration cell: a duration, a number (a bound on one too: "<1", "> 30"), or a word
    that opens one ("Until" / "browsing" / "session ends.")."""
    return (
        looks_like_duration(text)
        or without_bound(text)[:1].isdigit()
        or bool(DURATION_OPENER.match(fold(text.strip())))
    )


def _split_piece(piece: str, roles: tuple[Role, ...]) -> list[tuple[str, float]] | None:
    """A piece cut into one part per role at the word breaks whose parts fit their roles best."""
    words = piece.split(" ")
    if len(words) < len(roles):
        return None
    if len(roles) == 1:
        return [(piece, role_fit(roles[0], piece))]
    best: tuple[float, list[tuple[str, float]]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), len(roles) - 1):
        parts = [" ".join(words[a:b]) for a, b in itertools.pairwise((0, *cuts, len(words)))]
        fits = [role_fit(role, part) for role, part in zip(roles, parts, strict=True)]
        if best is None or sum(fits) > best[0]:
            best = (sum(fits), list(zip(parts, fits, strict=True)))
    return best[1] if best else None


def _place_loose(
    pieces: list[str],
    n: int,
    anchor: int,
    roles: tuple[Role, ...],
    current: RowBuilder | None,
    profiles: list[list[tuple[bool, bool, bool, bool]]],
    widths: list[int],
    complete: list[set[str]],
) -> tuple[bool, list[tuple[int, str]]]:
    """Where the pieces of a line with dropped empty cells go, and whether the line starts a row.

    ``widths`` are the columns' widest first lines: a piece whose first word would have fitted on the last
    line of a cell did not wrap from it. ``complete`` holds each column's whole cells in the rows above: a
    cell that reads like one of them ("GitHub", "Session") is likely whole already.
    """
    k = len(pieces)
    open_anchor = current is not None and ends_open(current.last(anchor))
    if k >= n:
        placed = [*list(enumerate(pieces[: n - 1])), (n - 1, " ".join(pieces[n - 1 :]))]
        return not open_anchor, placed
    if not open_anchor:
        # A row whose last cells are empty is no reading while a cell above is left open ("vient de" /
        # "NET Framework,"): the line goes on with it.
        parsed = _parse_row_start(pieces, roles, anchor, profiles, spanned=current is not None)
        if parsed is not None:
            return True, parsed

    def cell(column: int, piece: str) -> float:
        """How well ``piece`` reads as the next line of the cell in ``column``."""
        before = current.last(column) if current else ""
        if not before:
            return -1.0
        score = 0.0
        text = current.text(column) if current is not None else None
        if (roles[column] == "category" and _spoils_label(text, piece)) or (
            roles[column] == "domain" and _spoils_hosts(text, piece)
        ):
            # "Targeting/" + "Facebook to": a category label goes on with category words, not the sentence beside it;
            # "example.com," + "devise.": a list of hosts with a host, not prose
            score -= DEFAULT_WHOLE_CELL
        elif ends_open(before) or completes_identifier(before.rsplit("\n", 1)[-1], piece):
            score += 2.0
        else:
            if roles[column] == "provider" and piece[:1].islower():
                score -= DEFAULT_LOWER_CASE_PROVIDER  # a provider's name goes on capitalised ("Google" / "Ads")
            if roles[column] == "provider" and {"type", "category"} & set(roles) and names_storage(piece):
                # "Matomo" / "Cookie": the type's storage kind wrapped, or the category's ("Analytics" / "cookies")
                score -= DEFAULT_LOWER_CASE_PROVIDER
            if roles[column] == "duration" and is_whole_duration(before) and not is_whole_duration(f"{before} {piece}"):
                score -= DEFAULT_WHOLE_CELL  # "1 ano" + "Cookie": a whole duration spoilt
            if current is not None and before in complete[column] and len(current.cells[column]) == 1:
                score -= DEFAULT_WHOLE_CELL
        if current is not None and " ".join([*current.cells[column], piece]) in complete[column]:
            score += DEFAULT_SEEN_CELL
        if (
            roles[column] == "name"
            and names_only(before)
            and names_only(piece)
            and has_strong_name_marks(first_name(piece))
            and not ends_sentence(piece)
        ):
            score += DEFAULT_STACKED_NAME  # "IDE" / "test_cookie": one more name stacked in the name cell
        last = before.rsplit("\n", 1)[-1]
        if not _had_no_room(last, piece.split()[0], widths[column]):
            score -= DEFAULT_WRAP_MISFIT
        if UNSPACED_SCRIPT.match(piece) and current is not None and not _fits_width(piece, current, column, widths):
            # A line of a script that breaks after any character is never much wider than its column.
            score -= DEFAULT_WRAP_MISFIT
        # Text that completes its cell ("1" + "minute") belongs there; text that spoils it does not.
        role = roles[column]
        # A duration is read whole ("セッ" / "ショ" + "ン": a session word).
        whole = "\n".join(current.cells[column]) if current is not None and role == "duration" else before
        score += role_fit(role, join_cell(f"{whole}\n{piece}") or piece) - role_fit(role, join_cell(whole) or before)
        score += _similarity(piece, profiles[column]) + WRAP_PRIOR.get(roles[column], 0.3)
        return score

    # Continuation: the monotone assignment of pieces to columns that best explains the wrapping.
    best: tuple[float, tuple[int, ...], list[str]] = (-1.0, tuple(range(k)), pieces)
    # Cells that wrapped onto the line above go on wrapping: a continuation keeps to the columns of the last.
    wrapping = current.touched if current is not None and 0 < len(current.touched) < n else set()
    measured = bool(profiles) and len(profiles[0]) >= DEFAULT_SPAN_EVIDENCE  # widths seen on enough rows
    for parts, combos, cut in _arrangements(pieces, n, widths, measured):
        for combo in combos:
            if cut is not None and (
                current is None
                or not all(
                    _continues(parts[i], current, combo[i], roles[combo[i]], widths)
                    and _labels_go_on(parts[i], current.last(combo[i]), roles[combo[i]])
                    for i in (cut, cut + 1)
                )
            ):
                continue  # each part goes on with its cell
            score = DEFAULT_KEEP_WRAPPING if wrapping and set(combo) <= wrapping else 0.0
            score += sum(cell(column, part) for column, part in zip(combo, parts, strict=True))
            if score > best[0]:
                best = (score, combo, parts)
    return False, list(zip(best[1], best[2], strict=True))


def _spoils_label(cell: str | None, piece: str) -> bool:
    """Whether a piece would spoil a cell that is a short category label ("Targeting/", "Strictly"): it names no
    category and not the cookies ("Analytics" / "cookies" goes on)."""
    return (
        cell is not None
        and word_count(cell) <= DEFAULT_LABEL_WORDS
        and category_from_text(cell) is not None
        and category_from_text(piece) is None
        and not names_storage(piece)
    )


def _spoils_hosts(cell: str | None, piece: str) -> bool:
    """Whether prose ("devise.", "(Cross-origin", "pour mémoriser") would go on a cell that lists hosts left open
    by a comma ("thetrainline.com, www.thetrainline.com,")."""
    if cell is None or not cell.endswith(","):
        return False
    hosts = [part.strip() for part in cell.split(",") if part.strip()]
    prose = ends_sentence(piece) or " " in piece.strip() or piece.startswith(("(", "["))
    return prose and all(looks_like_host(h.split("/", 1)[0]) for h in hosts) and not looks_like_host(piece.split()[0])


def _labels_go_on(part: str, before: str, role: Role) -> bool:
    """Whether a part cut from a piece can go on with a cell: prose goes on with anything, a short value (a
    provider, a duration, a category) only with a capital, after a cell left open, or to fit its role better ("30"
    + "minutes"; not "Hotjar" + "current", "2 roky" + "ke": words of the sentence beside them)."""
    return (
        role in PROSE_ROLES
        or ends_open(before)
        or not part[:1].islower()
        or role_fit(role, f"{before} {part}") > role_fit(role, before)  # "30" + "minutes"
    )


def _arrangements(
    pieces: list[str], n: int, widths: list[int], measured: bool = True
) -> Iterator[tuple[list[str], Iterator[tuple[int, ...]], int | None]]:
    """The ways a continuation line's pieces may sit in ``n`` columns, left to right: each piece in a column of its
    own; or one piece too wide for two neighbouring columns cut in two at a space, one part in each, each part as
    wide as its column holds (two cells' next lines whose tab the copy lost: "Platforms Facebook para" under
    "Meta" and "Utilizada por"), with the index of the first part. Widths ``measured`` on too few rows bound no
    part."""
    k = len(pieces)
    yield pieces, itertools.combinations(range(n), k), None
    if k >= n:
        return
    room = [DEFAULT_PROSE_LENGTH_FACTOR * width for width in widths]
    for index, piece in enumerate(pieces):
        words = piece.split(" ")
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            combos = (
                combo
                for combo in itertools.combinations(range(n), k + 1)
                if combo[index + 1] == combo[index] + 1
                and display_width(piece) > max(room[combo[index]], room[combo[index] + 1])
                and (not measured or display_width(left) <= room[combo[index]])
                and (not measured or display_width(right) <= room[combo[index] + 1])
            )
            yield [*pieces[:index], left, right, *pieces[index + 1 :]], combos, index
