"""Tables whose cells ran together: a text conversion that dropped the cell separators of each row.

``OpendatasoftAuthentication (front and back office)sessionidTo remember the user from one page to another``
is one row of four cells. Where one cell ends and the next begins, the text usually changes kind without a
space: a lower-case letter or a closing bracket runs into a capital, a digit into a letter and back. These
*joints* are the candidate cuts, with the spaces between words as weaker ones (converters that kept a single
space). A header line cut at its joints into labels of distinct roles opens such a table; each body line is cut
into as many cells as the header has, choosing the cuts whose cells best fit their columns' roles (a cookie name,
a duration, a short provider, a sentence) and that leave no joint inside a cell of words. A row's confidence
says how clearly the best cut won over the next best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.layout.budget import spend
from extractor.layout.joints import cuts_of, shared_prefixes
from extractor.layout.rows import BuiltRows, RowBuilder, table_lines
from extractor.model import Line, Role
from extractor.shapes import has_strong_name_marks, looks_like_heading, role_fit, word_count

# A joint inside a word of a cell of words ("HotjarCollects"): a sign the cell should have been cut there.
INNER_JOINT = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]|[\)\]][A-Za-z]")
DEFAULT_JOINT_BONUS = 1.5
# The end of a value many rows start with ("GitHub"): surer than a change of case.
DEFAULT_SHARED_BONUS = 3.0
DEFAULT_SPACE_COST = 0.4
DEFAULT_INNER_JOINT_COST = 1.0
DEFAULT_PROVIDER_JOINT_SHARE = 0.3
DEFAULT_NAME_IN_WORDS_COST = 1.0
# Confidence of a row whose best cut beats the next best by at least this margin, and of a close call.
DEFAULT_CLEAR_MARGIN = 1.0
DEFAULT_SURE = 0.8
DEFAULT_UNSURE = 0.55
DEFAULT_MAX_BLANK_RUN = 1
# Lines looked at for values that start many rows.
DEFAULT_PREFIX_SAMPLE = 200


def _cell_score(role: Role, text: str) -> float:
    text = text.strip()
    if not text:
        return -5.0
    score = role_fit(role, text)
    if role != "name":
        words = text.split()
        # Brands are often camel-cased ("DoubleClick", "LinkedIn"): a provider pays less for it.
        cost = DEFAULT_INNER_JOINT_COST * (DEFAULT_PROVIDER_JOINT_SHARE if role == "provider" else 1.0)
        score -= cost * sum(1 for w in words if INNER_JOINT.search(w) and not w.isupper())
        if role != "domain":
            score -= DEFAULT_NAME_IN_WORDS_COST * sum(1 for w in words if has_strong_name_marks(w))
    elif word_count(text) > 1:
        score -= 2.0
    return score


@dataclass(frozen=True)
class SplitRow:
    """A line cut into cells: how many of the cuts were joints, and by how much this cut beat the next best."""

    cells: list[str]
    joints: int
    margin: float


def split_row(
    text: str, roles: tuple[Role, ...], shared: int | None = None, spaces_only: bool = False
) -> SplitRow | None:
    """The line cut into one cell per role (see the module's docstring).

    Dynamic programming over the candidate cuts: the score of a reading is the sum of its cells' fits plus a
    bonus per joint used and a cost per space used. With ``spaces_only`` the line kept the spaces between its
    cells (a copy that lost only its tabs): it is cut at spaces, never inside a word. ``None`` also when the
    layout's work budget runs out (``layout.budget``): the work grows with the square of the cuts times the length.
    """
    n = len(roles)
    cuts = cuts_of(text, frozenset({shared}) if shared else frozenset())
    if spaces_only:
        cuts = [c for c in cuts if text[c.offset - 1] == " "]
    points = [0, *(c.offset for c in cuts), len(text)]
    bonus = [
        0.0,
        *(
            DEFAULT_SHARED_BONUS if c.offset == shared else DEFAULT_JOINT_BONUS if c.joint else -DEFAULT_SPACE_COST
            for c in cuts
        ),
        0.0,
    ]
    if len(points) - 1 < n:
        return None
    # best[k][j]: the two best scores of cutting text[:points[j]] into the first k cells, with back-pointers.
    best: list[list[list[tuple[float, int, int]]]] = [[[] for _ in points] for _ in range(n + 1)]
    best[0][0] = [(0.0, -1, -1)]
    for k in range(1, n + 1):
        last = k == n
        for j in range(1, len(points)):
            if last and j != len(points) - 1:
                continue
            # Each cell scored below is read whole: text[points[i]:points[j]] for every i before j.
            if not spend(sum(points[j] - points[i] for i in range(j) if best[k - 1][i])):
                return None
            options: list[tuple[float, int, int]] = []
            for i in range(j):
                if not best[k - 1][i]:
                    continue
                gain = _cell_score(roles[k - 1], text[points[i] : points[j]]) + (0.0 if last else bonus[j])
                options.extend((score + gain, i, rank) for rank, (score, _, _) in enumerate(best[k - 1][i]))
            options.sort(key=lambda o: -o[0])
            best[k][j] = options[:2]
    final = best[n][len(points) - 1]
    if not final:
        return None
    cells: list[str] = []
    joints = 0
    k, j, rank = n, len(points) - 1, 0
    while k > 0:
        _, i, previous_rank = best[k][j][rank]
        cells.append(text[points[i] : points[j]].strip())
        joints += 1 if i > 0 and bonus[i] > 0 else 0
        k, j, rank = k - 1, i, previous_rank
    cells.reverse()
    margin = final[0][0] - final[1][0] if len(final) > 1 else DEFAULT_CLEAR_MARGIN
    return SplitRow(cells, joints, margin)


def glued_rows(roles: tuple[Role, ...], body: tuple[Line, ...]) -> BuiltRows:
    """Rows of a table whose rows are single lines of run-together cells, up to the first line that is not one
    (a blank line followed by prose, a heading, a line that cannot be cut into a row)."""
    n = len(roles)
    rows: list[RowBuilder] = []
    confidences: list[float] = []
    used = 0
    pieces = [line for line in body if len(line.fragments) == 1][:DEFAULT_PREFIX_SAMPLE]
    prefixes = dict(zip((line.number for line in pieces), shared_prefixes([line.text for line in pieces]), strict=True))
    for index, line, _ in table_lines(body, DEFAULT_MAX_BLANK_RUN):
        if len(line.fragments) != 1 or (looks_like_heading(line.text) and word_count(line.text) < n):
            break
        split = split_row(line.text, roles, prefixes.get(line.number))
        if split is None:
            break
        cells = split.cells
        # A row of this table ran its cells together somewhere; a sentence of prose has no joint.
        if split.joints == 0 or ("name" in roles and role_fit("name", cells[roles.index("name")]) < 0):
            break
        row = RowBuilder(n, line.page)
        for column, cell in enumerate(cells):
            row.add(column, cell, line)
        rows.append(row)
        confidences.append(DEFAULT_SURE if split.margin >= DEFAULT_CLEAR_MARGIN else DEFAULT_UNSURE)
        used = index + 1
    confidence = min(confidences) if confidences else DEFAULT_UNSURE
    return BuiltRows(rows, used, confidence, row_confidence=tuple(confidences), method="glued")
