"""Column bounds for positioned text: header labels plus the whitespace gaps of the rows below.

Cells are often wider than their header, and a text browser centres its header labels, so a column starts
at a gap that is blank on every line of the table and where many lines start a word. Among such gaps, the
bounds chosen keep each header label inside its own column and make the name column hold single tokens and
the duration column hold durations.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import fold
from extractor.model import Fragment, Line, Role
from extractor.shapes import (
    CONNECTORS,
    display_width,
    has_strong_name_marks,
    is_whole_duration,
    looks_like_cookie_name,
    looks_like_duration,
    role_fit,
    starts_sentence,
)

# A word starting within this many character widths of a gap's right edge counts as aligned to it.
DEFAULT_ALIGN_TOLERANCE = 0.5
# How far (in character widths) a word may start left of its column's bound and still belong to it.
DEFAULT_MISALIGN = 1.5
# A word straddles a bound (prose over the columns) only when it runs this many misalignments past it.
DEFAULT_STRADDLE = 2.0
# Weights of the evidence for a column bound: aligned word starts, gap width, cell content.
DEFAULT_ALIGN_WEIGHT = 3.0
DEFAULT_WIDTH_WEIGHT = 1.0
DEFAULT_CONTENT_WEIGHT = 2.0
# Weight of a line with a word running across a bound, against one with a word starting at it.
DEFAULT_CROSSING_WEIGHT = 2.0
# A word that starts at a bound but inside its fragment (one space after the word before it: the reader saw
# no column gap there) is weak evidence of a column: prose wrapped at a fixed width starts words alike.
DEFAULT_INSIDE_FRAGMENT_WEIGHT = 0.25
# A bound through the middle of a header label is unlikely but possible (centred labels overhang).
DEFAULT_LABEL_CUT_PENALTY = 1.0
# A column starting where its header label starts gains this much (a label is set where its column starts in
# most layouts; a centred one loses to the lines below it).
DEFAULT_LABEL_START_WEIGHT = 1.0
# Gap widths beyond this many character widths add no more evidence.
DEFAULT_WIDTH_CAP = 3.0
# On a page the header is not on, a column bound moves at most this many character widths, paying this much
# for moving that far; a page of fewer lines than this keeps the header page's bounds.
DEFAULT_MAX_PAGE_SHIFT = 20.0
# A row that fills every column with one piece each may move the bounds this many character widths.
DEFAULT_MAX_ROW_SHIFT = 30.0
DEFAULT_SHIFT_COST = 0.5
DEFAULT_MIN_PAGE_ROWS = 3


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    # The word opens its fragment: the reader saw a column gap (or nothing) before it.
    opens: bool = True


@dataclass(frozen=True)
class Gap:
    """A vertical strip blank on every line: from ``x0`` (end of text on its left) to ``x1``."""

    x0: float
    x1: float


def char_width(lines: list[Line]) -> float:
    """The typical width of one character in the lines' own units (1 for text exports)."""
    widths = sorted((f.x1 - f.x0) / display_width(f.text) for line in lines for f in line.fragments if len(f.text) > 2)
    return widths[len(widths) // 2] if widths else 1.0


def words(fragment: Fragment) -> list[Word]:
    """A fragment's words with their extents (exact where the reader gave them, else by character)."""
    if fragment.spans is not None and len(fragment.spans) == len(fragment.text.split(" ")):
        pairs = zip(fragment.text.split(" "), fragment.spans, strict=True)
        return [Word(w, x0, x1, k == 0) for k, (w, (x0, x1)) in enumerate(pairs)]
    unit = (fragment.x1 - fragment.x0) / max(display_width(fragment.text), 1)
    out: list[Word] = []
    position = column = 0  # in characters, in character cells (a wide character takes two)
    for word in fragment.text.split(" "):
        if word:
            start = fragment.text.index(word, position)
            column += display_width(fragment.text[position:start])
            position, left = start + len(word), column
            column += display_width(word)
            out.append(Word(word, fragment.x0 + left * unit, fragment.x0 + column * unit, not out))
    return out


def gaps(lines: list[list[Word]]) -> list[Gap]:
    """Strips blank on every line, left to right."""
    spans = sorted((w.x0, w.x1) for line in lines for w in line)
    found: list[Gap] = []
    if not spans:
        return found
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > right:
            found.append(Gap(right, x0))
        right = max(right, x1)
    return found


class _ColumnCells:
    """The cells a column between two candidate bounds cuts out of each line, and how many read as its role.

    A cell is the words of a line (sorted by ``x0``) from one bound up to the next: a slice of the line. For one
    left bound, the right bounds are swept left to right, each word met once: only the lines that gain a word
    between two right bounds are read again, so the cost grows with the words, not lines times bounds.
    """

    def __init__(self, lines: list[list[Word]]) -> None:
        self.lines = [sorted(line, key=lambda w: w.x0) for line in lines]
        self.starts = [[w.x0 for w in line] for line in self.lines]
        # Every word's start and line, left to right.
        self.events = sorted((w.x0, k) for k, line in enumerate(self.lines) for w in line)
        self.event_starts = [x for x, _ in self.events]
        # Per (role, line, slice): 1 the cell reads as the role, 0 it does not, -1 it is empty.
        self.fits: dict[tuple[Role, int, int, int], int] = {}

    def _fit(self, role: Role, k: int, low: int, high: int) -> int:
        if low >= high:
            return -1
        key = (role, k, low, high)
        fit = self.fits.get(key)
        if fit is None:
            fit = self.fits[key] = _fit(role, " ".join(w.text for w in self.lines[k][low:high]))
        return fit

    def scores(self, role: Role, start: float, ends: list[float]) -> dict[float, float]:
        """For each right bound of ``ends``: the share of filled cells from ``start`` up to it that read as
        ``role`` (name or duration); 0 when no cell is filled."""
        lows = [bisect.bisect_left(starts, start) for starts in self.starts]
        highs = list(lows)
        current = [-1] * len(self.lines)
        filled = fitting = 0
        at = bisect.bisect_left(self.event_starts, start)
        shares: dict[float, float] = {}
        for end in sorted(set(ends)):
            grown: set[int] = set()
            while at < len(self.events) and self.events[at][0] < end:
                k = self.events[at][1]
                highs[k] += 1
                grown.add(k)
                at += 1
            for k in grown:
                if current[k] >= 0:
                    filled -= 1
                    fitting -= current[k]
                current[k] = self._fit(role, k, lows[k], highs[k])
                if current[k] >= 0:
                    filled += 1
                    fitting += current[k]
            shares[end] = fitting / filled if filled else 0.0
        return shares


def _fit(role: Role, cell: str) -> int:
    """1 when a cell reads as a name (or duration), 0 when it does not, -1 when it is empty."""
    if not cell:
        return -1
    return int(looks_like_cookie_name(cell) if role == "name" else looks_like_duration(cell))


@dataclass(frozen=True)
class _BoundEvidence:
    """What the lines of a table say of each place a column bound could stand (``positions``): how many lines
    start a word there against how many run a word across it, and how wide a strip blank on every line ends
    there (``score``)."""

    positions: list[float]
    strips: dict[float, float]
    aligned: dict[float, float]
    crossing: dict[float, int]
    lines: int
    unit: float

    @classmethod
    def of(cls, body_words: list[list[Word]], unit: float) -> _BoundEvidence:
        strips = {g.x1: g.x1 - g.x0 for g in gaps(body_words)}
        positions = sorted({w.x0 for line in body_words for w in line} | set(strips))
        aligned, crossing = _line_counts(body_words, positions, DEFAULT_ALIGN_TOLERANCE * unit, DEFAULT_MISALIGN * unit)
        return cls(positions, strips, aligned, crossing, max(len(body_words), 1), unit)

    def score(self, x: float) -> float:
        width = min(self.strips.get(x, 0.0) / self.unit, DEFAULT_WIDTH_CAP) / DEFAULT_WIDTH_CAP
        lines_at = self.aligned.get(x, 0) - DEFAULT_CROSSING_WEIGHT * self.crossing.get(x, 0)
        return DEFAULT_ALIGN_WEIGHT * lines_at / self.lines + DEFAULT_WIDTH_WEIGHT * width


def column_starts(
    header: list[tuple[float, float]], roles: tuple[Role, ...], body: list[Line], labels_placed: bool = False
) -> list[float]:
    """Left bounds of the columns after the first, one per header label but the first.

    A bound is placed where many lines start a word and few words run across it (a long cookie name may
    overflow into the next column on some lines), preferably at the right edge of a strip blank on every
    line; the name column should hold single tokens and the duration column durations.

    Args:
        header: the (x0, x1) of each header label, left to right.
        roles: the role of each label.
        body: the table's lines below the header.
        labels_placed: the labels stand where the document placed them (a PDF) and the body is too short to
            say better, so a column starting where its label starts gains ``DEFAULT_LABEL_START_WEIGHT``.
    """
    n = len(header)
    if n < 2:
        return []
    unit = char_width(body) if body else 1.0
    body_words = [[w for f in line.fragments for w in words(f)] for line in body if not line.blank]
    # Header labels are left out of the gaps: a text browser centres them, so they may overhang a column.
    found = _BoundEvidence.of(body_words, unit)
    positions = found.positions

    cells = _ColumnCells(body_words)

    label_starts = {x0 for x0, _ in header[1:]} if labels_placed else set()

    def evidence(x: float) -> float:
        through_label = any(x0 < x - 1e-6 and x < x1 - 1e-6 for x0, x1 in header)
        at_label = DEFAULT_LABEL_START_WEIGHT if x in label_starts else 0.0
        return found.score(x) - (DEFAULT_LABEL_CUT_PENALTY if through_label else 0.0) + at_label

    options: list[list[float]] = []
    for i in range(n - 1):
        # Bound i lies after label i starts and before label i + 1 ends (labels may overhang), or where label
        # i + 1 starts: what a short body (a page's last rows under a repeated header) says little against.
        low, high = header[i][0] + unit, header[i + 1][1] - unit
        between = {x for x in positions if low - 1e-6 <= x <= high + 1e-6}
        options.append(sorted(between | {header[i + 1][0]}) if labels_placed or not between else sorted(between))
    # Column i ends at one of the options of bound i; the last column at the right of the page.
    ends = [*options, [float("inf")]]

    @cache
    def shares(column: int, start: float) -> dict[float, float]:
        return cells.scores(roles[column], start, ends[column])

    def content(column: int, start: float, end: float) -> float:
        if roles[column] not in ("name", "duration"):
            return 0.0
        return DEFAULT_CONTENT_WEIGHT * shares(column, start)[end]

    scores = {x: evidence(x) for option in options for x in option}
    # Dynamic programme over the bounds, left to right: best[x] = (score, bounds so far) ending at bound x.
    best: dict[float, tuple[float, list[float]]] = {
        x: (scores[x] + content(0, float("-inf"), x), [x]) for x in options[0]
    }
    for i in range(1, n - 1):
        step: dict[float, tuple[float, list[float]]] = {}
        for x in options[i]:
            # The best way to reach x (the first of equals), its bounds copied only once chosen.
            chosen: tuple[float, list[float]] | None = None
            for score, bounds in best.values():
                if bounds[-1] + unit <= x:
                    total = score + scores[x] + content(i, bounds[-1], x)
                    if chosen is None or total > chosen[0]:
                        chosen = (total, bounds)
            if chosen is not None:
                step[x] = (chosen[0], [*chosen[1], x])
        best = step or best
    final = [(score + content(n - 1, bounds[-1], float("inf")), bounds) for score, bounds in best.values()]
    bounds = max(final, key=lambda c: c[0])[1]
    return bounds if len(bounds) == n - 1 else [x1 for x1, _ in header[1:]]


def shifted_starts(
    reference: list[float], body: list[Line], rows_only: bool = False, left: float | None = None
) -> list[float]:
    """The column bounds of a page the header is not on, near ``reference`` (the header page's bounds).

    A text export lays out each page for itself (``pdftotext -layout`` squeezes a page's columns as its own
    widest cells allow), so a table's columns may start elsewhere on its next page. Each bound moves to where
    that page's lines start words and leave a blank strip, at most ``DEFAULT_MAX_PAGE_SHIFT`` character widths
    away, the bounds kept in order; a page of too few lines keeps the reference. With ``rows_only`` (a PDF) only
    lines of two pieces or more count, and a bound moves only where no word of them starts at its old place.
    With ``left`` (where the first column starts on the header's page), no bound moves onto the first column's
    own start: every row's first cell starts a word there, the strongest evidence of all, and of no bound.
    """
    lines = [line for line in body if len(line.fragments) >= (2 if rows_only else 1)]
    if len(lines) < DEFAULT_MIN_PAGE_ROWS or not reference:
        return reference
    unit = char_width(lines)
    body_words = [[w for f in line.fragments for w in words(f)] for line in lines]
    found = _BoundEvidence.of(body_words, unit)
    positions = found.positions

    def evidence(x: float, ref: float) -> float:
        return found.score(x) - DEFAULT_SHIFT_COST * (abs(x - ref) / (DEFAULT_MAX_PAGE_SHIFT * unit))

    # A PDF keeps its columns from page to page unless its table is drawn anew (Word's table continued with
    # other widths): there a bound moves only where no line of the page starts a word at its old place.
    tolerance = DEFAULT_ALIGN_TOLERANCE * unit
    best: list[tuple[float, list[float]]] = [(0.0, [])]
    for ref in reference:
        kept = rows_only and any(abs(w.x0 - ref) <= tolerance for line in body_words for w in line)
        near = [ref] if kept else [x for x in positions if abs(x - ref) <= DEFAULT_MAX_PAGE_SHIFT * unit] or [ref]
        step: list[tuple[float, list[float]]] = []
        for x in near:
            choices = [
                (score + evidence(x, ref), [*bounds, x])
                for score, bounds in best
                if (bounds[-1] + unit <= x if bounds else left is None or left + unit <= x)
            ]
            if choices:
                step.append(max(choices, key=lambda c: c[0]))
        if not step:
            return reference
        best = step
    return max(best, key=lambda c: c[0])[1]


def _line_counts(
    lines: list[list[Word]], positions: list[float], align: float, tolerance: float
) -> tuple[dict[float, float], dict[float, int]]:
    """For each candidate bound: how many lines start a word at it (a word inside its fragment counting for
    ``DEFAULT_INSIDE_FRAGMENT_WEIGHT``), and how many run a word across it.

    One sweep per line over the sorted candidates, so the cost grows with words, not words times bounds.
    """
    aligned: dict[float, float] = dict.fromkeys(positions, 0.0)
    crossing = dict.fromkeys(positions, 0)
    for line in lines:
        starts: dict[float, float] = {}
        across: set[float] = set()
        for word in line:
            low = bisect.bisect_left(positions, word.x0 - align)
            high = bisect.bisect_right(positions, word.x0 + align)
            weight = 1.0 if word.opens else DEFAULT_INSIDE_FRAGMENT_WEIGHT
            for x in positions[low:high]:
                starts[x] = max(starts.get(x, 0.0), weight)
            low = bisect.bisect_right(positions, word.x0 + tolerance)
            high = bisect.bisect_left(positions, word.x1 - tolerance)
            across.update(positions[low:high])
        for x, weight in starts.items():
            aligned[x] += weight
        for x in across:
            crossing[x] += 1
    return aligned, crossing


def _opens_next_cell(pieces: list[Word], left: Role, right: Role) -> bool:
    """Whether a fragment's last word opens the next column's cell: a count opening a duration, or anything
    after a lone cookie name."""
    if right == "duration" and pieces[-1].text[:1].isdigit():
        return True
    return left == "name" and len(pieces) == 2 and role_fit("name", pieces[0].text) > 0


def _split_at(fragment_words: list[Word], bound: float, tolerance: float, right_role: Role, left_role: Role) -> int:
    """Where a fragment running across a column bound is cut: the number of its words left of the bound.

    Among the word breaks near the bound, one that leaves a duration (or a cookie name) whole in its column
    wins; otherwise the break nearest the bound.
    """
    breaks = [k for k in range(1, len(fragment_words)) if abs(fragment_words[k].x0 - bound) <= 4 * tolerance]
    if not breaks:
        return sum(1 for w in fragment_words if w.x0 + tolerance < bound)

    def fits_role(k: int) -> bool:
        right = " ".join(w.text for w in fragment_words[k:])
        left = " ".join(w.text for w in fragment_words[:k])
        if fold(fragment_words[k].text) in CONNECTORS and right_role not in ("purpose", "function"):
            return False  # "_uetsid and" / "Microsoft Bing": the list of names goes on, no value opens so
        return (
            (right_role == "duration" and looks_like_duration(right))
            or (left_role == "name" and role_fit("name", left) > 0)
            or (left_role == "duration" and is_whole_duration(left))  # "1 an" + "Interne"
        )

    def opens_sentence(k: int) -> bool:
        # "unknown This cookie": a label cell, then the sentence that opens the purpose cell a word left of
        # where the rows below start.
        left = " ".join(w.text for w in fragment_words[:k])
        right = " ".join(w.text for w in fragment_words[k:])
        return (
            left_role in ("category", "type")
            and right_role in ("purpose", "function")
            and role_fit(left_role, left) > 0
            and starts_sentence(right)
        )

    preferred = [k for k in breaks if fits_role(k)] or [k for k in breaks if opens_sentence(k)]
    return min(preferred or breaks, key=lambda k: abs(fragment_words[k].x0 - bound))


def _name_run_in(rest: list[Word], column: int, starts: list[float], roles: tuple[Role, ...], tolerance: float) -> bool:
    """Whether a fragment's last word is the next column's cookie name, run in one space after the cell on its
    left: the next column holds names, the word is marked as a name no sentence has, and it ends where that
    column starts."""
    return (
        len(rest) > 1
        and column + 1 < len(roles)
        and roles[column + 1] == "name"
        and has_strong_name_marks(rest[-1].text)
        and rest[-1].x1 >= starts[column] - tolerance
    )


def cut_line(
    line: Line,
    starts: list[float],
    roles: tuple[Role, ...] | None = None,
    unit: float = 1.0,
    edges: list[float] | None = None,
) -> tuple[list[str | None], bool]:
    """A line's text per column, and whether the line fits the columns.

    Exports misalign by a character or so and let a cell run into the next one with a single space, so a
    fragment belongs to the column it starts in (give or take ``DEFAULT_MISALIGN`` widths), and one that
    runs across a bound is cut at the best word break near it. A line fits unless one of its fragments
    runs across two bounds or more with a word straddling a bound (prose over the table's columns). With
    ``edges`` (one per column), each is set to where the column's text on this line ends (``-inf`` if none).
    """
    tolerance = DEFAULT_MISALIGN * unit
    roles = roles or tuple("other" for _ in range(len(starts) + 1))
    cells: list[list[str]] = [[] for _ in range(len(starts) + 1)]
    fits, loose = True, False
    straddle = DEFAULT_STRADDLE * tolerance
    for fragment in line.fragments:
        pieces = words(fragment)
        first = sum(1 for s in starts if pieces[0].x0 + tolerance >= s)
        crossed = [
            i for i, s in enumerate(starts) if i >= first and pieces[0].x0 + tolerance < s < pieces[-1].x1 - tolerance
        ]
        # The fragment's last word starts at the next bound, one space after a name or opening a duration
        # ("cookie_10 13" / "months", "Fonctionnel 14" / "minutes"): the next cell, as wide as its column allows.
        opened = [
            i
            for i, s in enumerate(starts)
            if i >= first
            and i not in crossed
            and len(pieces) > 1
            and pieces[0].x0 + tolerance < s
            and abs(pieces[-1].x0 - s) <= tolerance
            and _opens_next_cell(pieces, roles[i], roles[i + 1])
        ][:1]
        if len(crossed) > 1:
            if any(w.x0 + straddle < s < w.x1 - straddle for w in pieces for s in starts):
                fits = False
            elif any(w.x0 + tolerance < s < w.x1 - tolerance for w in pieces for s in starts):
                loose = True  # "7 DAYS HTTP Registers ..." two characters left of labels that ran wide
        column, rest = first, pieces
        for i in sorted(crossed + opened):
            k = _split_at(rest, starts[i], tolerance, roles[i + 1], roles[column])
            if k > 0:
                cells[column].append(" ".join(w.text for w in rest[:k]))
                if edges is not None:
                    edges[column] = max(edges[column], rest[k - 1].x1)
            rest, column = rest[k:], i + 1
            if not rest:
                break
        if rest and _name_run_in(rest, column, starts, roles, tolerance):
            # "Naudojamas „Facebook“ _fbp": the cell on the left ran into the name one space before it.
            rest, name = rest[:-1], rest[-1]
            cells[column + 1].append(name.text)
            if edges is not None:
                edges[column + 1] = max(edges[column + 1], name.x1)
        if rest:
            cells[column].append(" ".join(w.text for w in rest))
            if edges is not None:
                edges[column] = max(edges[column], rest[-1].x1)
    joined = [" ".join(c) if c else None for c in cells]
    if fits and loose:
        # Only a duration cut out as a duration vouches for such a line (prose would cut out anything).
        durations = [cell for cell, role in zip(joined, roles, strict=True) if role == "duration" and cell]
        fits = bool(durations) and all(looks_like_duration(cell) for cell in durations)
    return joined, fits
