"""Tables dumped cell by cell: one cell (or paragraph) per chunk, column after column.

Reading-order exports write a table column after column, sometimes after a page break that dropped the
header. Given the columns of the table above, the chunks are shared out column by column, the same number
per column, by a dynamic programme that scores how well each chunk fits each column's role; chunks that fit
nowhere (a page logo, a stray fragment) are left over and reported as noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import Line, Role
from extractor.shapes import role_fit, word_count

# A chunk of more words than this is prose, not a table cell dumped on its own.
# A block of more cells than this is no table a page break dumped cell by cell (those are a page's worth); the
# sharing costs cells x slots per row count tried, so it is not tried there.
DEFAULT_MAX_STACKED_CELLS = 400
DEFAULT_MAX_CELL_WORDS = 25
# Score of leaving a chunk out as noise, and of a chunk known to be a page header/logo.
DEFAULT_NOISE_COST = -1.5
DEFAULT_LOGO_COST = 0.5
# A dumped table is accepted only when its rows score at least this much per cell on average.
DEFAULT_MIN_CELL_SCORE = 0.8


@dataclass(frozen=True)
class Chunk:
    """One dumped cell: its text lines and where they stood."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class StackedTable:
    rows: list[list[Chunk]]
    noise: list[Chunk]
    used: int


def chunks(lines: tuple[Line, ...]) -> list[Chunk]:
    """Cells of a dump: blank-separated paragraphs when blank lines separate every item, else lines."""
    text_lines = [line for line in lines if not line.blank]
    if not text_lines:
        return []
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.blank:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    paragraphs = [p for p in paragraphs if p]
    if len(paragraphs) * 2 > len(text_lines):
        return [Chunk(tuple(p)) for p in paragraphs]
    return [Chunk((line,)) for line in text_lines]


def share_out(roles: tuple[Role, ...], cells: list[Chunk], logos: frozenset[str]) -> StackedTable | None:
    """The best column-major sharing of ``cells`` into rows, or ``None`` when no sharing is convincing."""
    n = len(roles)
    m = len(cells)
    if m > DEFAULT_MAX_STACKED_CELLS:
        return None  # each sharing costs cells x slots: a dump this long is read by its shapes (``layout.dump``)
    best_table: StackedTable | None = None
    best_score = float("-inf")
    # What each chunk is, worked out once for every number of rows tried.
    facts = [
        (
            {role: role_fit(role, chunk.text) for role in set(roles)},
            _is_logo(chunk, logos),
            word_count(chunk.text) > DEFAULT_MAX_CELL_WORDS,
        )
        for chunk in cells
    ]
    for rows in range(1, m // n + 1):
        result = _share(roles, cells, rows, facts)
        if result is None:
            continue
        score, table = result
        cell_score = score / (rows * n)
        if cell_score >= DEFAULT_MIN_CELL_SCORE and score > best_score:
            best_score, best_table = score, table
    return best_table


def _is_logo(chunk: Chunk, logos: frozenset[str]) -> bool:
    return "".join(chunk.text.split()) in logos


def _share(
    roles: tuple[Role, ...], cells: list[Chunk], rows: int, facts: list[tuple[dict[Role, float], bool, bool]]
) -> tuple[float, StackedTable] | None:
    """The best sharing of ``cells`` into ``rows`` rows, column after column (``facts``: per chunk, its fit to
    each role, whether it is a logo, whether it is too long for a cell)."""
    n = len(roles)
    m = len(cells)
    slots = n * rows
    neg = float("-inf")
    # best[i][s]: score after the first i chunks filled s slots (column s // rows, row s % rows).
    best = [[neg] * (slots + 1) for _ in range(m + 1)]
    came: list[list[tuple[int, bool]]] = [[(0, False)] * (slots + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    column_roles = [roles[s // rows] for s in range(slots)]
    for i in range(m):
        fits, logo, too_long = facts[i]
        skip_cost = DEFAULT_LOGO_COST if logo else DEFAULT_NOISE_COST
        here, after = best[i], best[i + 1]
        # Only states from which the chunks left can still fill every slot, and which the chunks so far reach.
        for s in range(max(0, slots - (m - i)), min(i, slots) + 1):
            if here[s] == neg:
                continue
            skip = here[s] + skip_cost
            if skip > after[s]:
                after[s], came[i + 1][s] = skip, (s, False)
            if s < slots and not too_long:
                take = here[s] + fits[column_roles[s]]
                if take > after[s + 1]:
                    after[s + 1], came[i + 1][s + 1] = take, (s, True)
    if best[len(cells)][slots] == neg:
        return None
    placed: list[Chunk | None] = [None] * slots
    noise: list[Chunk] = []
    s = slots
    for i in range(len(cells), 0, -1):
        prev, took = came[i][s]
        if took:
            placed[prev] = cells[i - 1]
        else:
            noise.append(cells[i - 1])
        s = prev
    noise.reverse()
    table_rows = [[placed[c * rows + r] for c in range(n)] for r in range(rows)]
    if any(cell is None for row in table_rows for cell in row):
        return None
    complete = [[cell for cell in row if cell is not None] for row in table_rows]
    return best[len(cells)][slots], StackedTable(complete, noise, len(cells))
