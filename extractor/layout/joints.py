"""Joints: where a text conversion ran two cells together without a space ("sessionidTo remember").

Shared by header detection (``layout.regions``: a header whose labels ran together) and the rows of such tables
(``layout.glued``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.model import Role
from extractor.roles import active_labels, match_header
from extractor.shapes import DEFAULT_SHAPE_CACHE

# A joint: no space between a lower-case letter (or any sign but a space or capital) and a capital; capitals and
# a capitalised word ("IDEGoogle"); a letter and an underscore ("Matomo_pk_id"); a closing bracket and a letter
# or digit; a letter and a digit (either way).
JOINT = re.compile(
    r"(?<=[^\sA-Z\-_/'’])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=_[A-Za-z])|(?<=[a-zà-ÿ\)\]\.!?'’\"”])(?=[A-ZÀ-Þ])|(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=[\)\]])(?=[\w])|(?<=[a-zA-Z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
DEFAULT_MAX_HEADER_LABELS = 8
DEFAULT_MAX_HEADER_CHARS = 160
DEFAULT_LABEL_BONUS = 0.1
DEFAULT_BLIND_CUT_COST = 1.2
# A value shared at the start of lines: at least this many lines, and this long.
DEFAULT_MIN_SHARED = 3
DEFAULT_MIN_PREFIX = 3


@dataclass(frozen=True)
class Cut:
    """A place to cut a line: the character offset and whether it is a joint (else a space)."""

    offset: int
    joint: bool


def cuts_of(text: str, extra: frozenset[int] = frozenset()) -> list[Cut]:
    """Every joint and every space of ``text``, in order; ``extra`` offsets count as joints."""
    joints = {m.start() for m in JOINT.finditer(text)} | extra
    spaces = {m.end() for m in re.finditer(r" +", text)}
    return [Cut(offset, offset in joints) for offset in sorted(joints | spaces) if 0 < offset < len(text)]


def shared_prefixes(texts: list[str]) -> list[int | None]:
    """Where a value several lines start with ends ("GitHub" in "GitHubapp_manifest_token", "GitHubcolor_mode",
    "GitHub_device_id"): a joint no change of case shows. ``None`` for a line that shares no such value.

    Only lines that ran cells together elsewhere (they have a joint) count: prose lines share first words too.
    """
    heads = [text.split(" ", 1)[0] if JOINT.search(text) else "" for text in texts]
    counts: dict[str, int] = {}
    for head in heads:
        for m in range(DEFAULT_MIN_PREFIX, len(head)):
            counts[head[:m]] = counts.get(head[:m], 0) + 1
    found: list[int | None] = []
    for head in heads:
        # The longest prefix enough lines share, and that they do not all go on alike.
        ends = [m for m in range(DEFAULT_MIN_PREFIX, len(head)) if counts.get(head[:m], 0) >= DEFAULT_MIN_SHARED]
        ends = [m for m in ends if counts.get(head[: m + 1], 0) < counts[head[:m]]]
        found.append(max(ends) if ends else None)
    return found


def split_glued_header(text: str) -> list[tuple[str, int, int]] | None:
    """ "NameProviderPurposeExpiry", "nameprovidertypeexpiry" -> the labels with their character spans, or ``None``.

    The line is cut at joints (anywhere, when it has no space at all) into parts that are all header labels,
    the reading with the most strong labels winning; at least two must be strong, of two roles, one the name.
    A text's reading is kept (the same lines are asked again as each reading of the document looks for headers).
    """
    found = _glued_labels(text.rstrip(), active_labels())
    return list(found) if found is not None else None


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def _glued_labels(text: str, in_force: tuple[tuple[str, Role], ...]) -> tuple[tuple[str, int, int], ...] | None:
    """``split_glued_header`` of a text, under the user's header labels ``in_force`` (``match_header`` reads
    them; they are an argument here so that a reading is kept per set of labels)."""
    if len(text) > DEFAULT_MAX_HEADER_CHARS:
        return None
    joints = {c.offset for c in cuts_of(text) if c.joint}
    points = sorted({0, len(text), *joints})
    if " " not in text:
        points = list(range(len(text) + 1))
    if len(points) < 3:
        return None
    # best[j]: (score, previous point) of the best reading of text[:points[j]]: a point per strong label, a
    # little per label, less for a cut where no joint shows ("nameprovider" but not "Cookie-" / "Name").
    best: list[tuple[float, int] | None] = [None] * len(points)
    best[0] = (0.0, -1)
    for j in range(1, len(points)):
        for i in range(j):
            before = best[i]
            if before is None:
                continue
            match = match_header(text[points[i] : points[j]].strip())
            if match is None:
                continue
            cost = 0.0 if i == 0 or points[i] in joints else DEFAULT_BLIND_CUT_COST
            score = before[0] + float(match.strong) + DEFAULT_LABEL_BONUS - cost
            current = best[j]
            if current is None or score > current[0]:
                best[j] = (score, i)
    labels: list[tuple[str, int, int]] = []
    j = len(points) - 1
    if best[j] is None:
        return None
    while j > 0:
        entry = best[j]
        assert entry is not None
        i = entry[1]
        labels.append((text[points[i] : points[j]].strip(), points[i], points[j]))
        j = i
    labels.reverse()
    matches = [match_header(label) for label, _, _ in labels]
    roles = {m.role for m in matches if m is not None and m.role != "other"}
    strong = sum(1 for m in matches if m is not None and m.strong)
    if len(labels) < 2 or len(labels) > DEFAULT_MAX_HEADER_LABELS or strong < 2 or len(roles) < 2:
        return None
    return tuple(labels) if "name" in roles else None
