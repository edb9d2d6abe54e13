"""Find table regions: header rows (named by the lexicon, or told by what their columns hold), the heading above
each, the body below.

A region runs from a header row to the next header row (or the end); the row builders decide where inside
it the table really ends. A header row repeated after a page break, with no heading in between, continues
the table above it (``TableRegion.continues``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from extractor.layout.columns import Word, char_width, words
from extractor.layout.joints import JOINT, split_glued_header
from extractor.lexicon import fold, is_cjk
from extractor.model import Fragment, Line, Role
from extractor.roles import (
    HEADER_CONNECTORS,
    QUALIFIER,
    ColumnRoles,
    ColumnShape,
    HeaderMatch,
    assign_columns,
    assign_roles,
    column_shape,
    is_header_phrase,
    is_label_piece,
    keywords_in,
    marked_cell,
    match_header,
)
from extractor.settings import LAYOUT_WEIGHTS
from extractor.shapes import (
    CONNECTORS,
    category_from_text,
    display_width,
    ends_open,
    ends_sentence,
    first_name,
    has_name_marks,
    has_strong_name_marks,
    looks_like_cookie_name,
    looks_like_duration,
    looks_like_heading,
    looks_like_host,
    word_count,
)

# "2. Categories of cookies", "3.1 Analytics": a numbered heading.
NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+\w")
# A heading's section number alone ("2.", "3.1"), set apart from its text by wide spacing.
SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
# Where one sentence ends and the next begins, in a paragraph.
SENTENCE_BREAK = re.compile(r"(?<=[.!?。])\s+")
# A heading set in type at least this much larger than the body text (when fonts are known).
DEFAULT_HEADING_SIZE_RATIO = 1.1
# A caption stands centred over its table within this share of the table's width.
DEFAULT_CENTRE_SHARE = 0.05
# A heading wraps over this many lines at most.
DEFAULT_MAX_HEADING_LINES = 3
# A tab-separated table's columns are read from its rows that fill every column when it has this many.
DEFAULT_MIN_FULL_ROWS = 2
# How far above a header row the heading of its table may stand, in lines: a section's description may run to
# many paragraphs and list items, in large type.
DEFAULT_HEADING_LOOKBACK_LINES = 200
# A line of this many words or more followed by one in lower case is a paragraph wrapped, not a heading.
DEFAULT_PARAGRAPH_LINE_WORDS = 6
# A header row needs this share of its cells to be recognised header labels.
DEFAULT_MIN_HEADER_SHARE = 0.6
# A merged header fragment ("Name Purpose") is split into at most this many labels.
DEFAULT_MAX_MERGED_LABELS = 3
# What a label gains, against the other readings of a wrapped header line, by having gone on above.
DEFAULT_GOES_ON_BONUS = 0.5
# A tab-separated header's wrapped piece is likelier to go on a label left open ("Category (if") than on a closed one.
DEFAULT_OPEN_LABEL_BONUS = 1.0
# Words of one wrapped header-cell fragment on a header continuation line, at most.
DEFAULT_MAX_HEADER_CONTINUATION_WORDS = 3
# A header's labels wrap over this many lines at most (large type in narrow columns).
DEFAULT_MAX_HEADER_LINES = 6
# A line naming a consent category in at most this many words may head the next table.
DEFAULT_SECTION_WORDS = 4
# Lines below a header read to tell its columns' roles by their content.
DEFAULT_CONTENT_LOOKAHEAD = 24
# A label one space from the next is cut where this share of the body lines below it (and at least this many
# lines) start a cell.
DEFAULT_SPLIT_SHARE = 0.6
DEFAULT_SPLIT_MIN_LINES = 3
# A line under a header ends its labels when each of its pieces makes its label read this much better.
DEFAULT_LABEL_END_GAIN = 2
# ... and where this share of them do, between two labels neither of which names its role for sure.
DEFAULT_SPLIT_SURE_SHARE = 0.8
# A tab-separated header with one label fewer than the rows below is read against this many lines.
DEFAULT_SPLIT_LOOKAHEAD = 60
# A header told by content alone needs this many name cells below it, this share of them marked as names
# (``_``, digits, camelCase: what no word of any language has).
DEFAULT_CONTENT_MIN_ROWS = 2
DEFAULT_CONTENT_MIN_NAME_MARKS = 0.5
# A cell of this many words left open by a joining word is a wrapped sentence, not a label.
DEFAULT_OPEN_SENTENCE_WORDS = 4
# A header label has at most this many words.
DEFAULT_MAX_LABEL_WORDS = 6
# A line of a header stacked over several lines holds at most this many pieces.
DEFAULT_MAX_STACKED_PIECES = 8
# ... each piece at most this many words (the line of a long label: "Purpose of cookie, relevant third-party and").
DEFAULT_MAX_STACKED_WORDS = 8


@dataclass(frozen=True)
class HeaderCell:
    """One header label with its horizontal extent (and cell ordinal in delimited exports)."""

    text: str
    x0: float
    x1: float
    field: int | None


@dataclass(frozen=True)
class HeaderRow:
    cells: tuple[HeaderCell, ...]
    roles: tuple[Role, ...]
    page: int
    lines: tuple[int, ...]
    delimited: bool
    box: tuple[float, float, float, float] | None = None
    # The labels were cut out of one piece of text ("Name Purpose", "NamePurpose").
    one_piece: bool = False
    # How the columns got their roles: each column's candidates (``show --explain``).
    evidence: ColumnRoles | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@dataclass(frozen=True)
class TableRegion:
    """A header row and the lines below it, up to the next header row (or the heading above it).

    ``start`` is the index of the header's first line in the document, ``body_start`` that of the first body
    line; the heading and whether the region continues the table above are decided once the table above is
    rebuilt (``layout.stitch``), because only then is it known where that table ended.
    """

    header: HeaderRow
    start: int
    body_start: int
    body: tuple[Line, ...]
    after: tuple[Line, ...] = ()


def _split_merged(
    text: str, x0: float, x1: float, field: int | None, weak_name: bool = False
) -> list[HeaderCell] | None:
    """ "Name Purpose" or "Cookie set by Purpose of use" -> two labels.

    A fragment is cut only before a capitalised word, and only when every part is a header label of a
    role of its own (so "Service provider's name" stays one label). With ``weak_name``, a part that only
    may name the cookie ("Cookie") counts too: "Cookie Title" -> "Cookie", "Title" in a header naming no
    cookie otherwise.
    """
    words = text.split()
    starts = [i for i in range(1, len(words)) if words[i][:1].isupper()]
    # Each span of words is read once: a paragraph has hundreds of capitalised words, so thousands of cuts
    # share their spans, and a cut is given up at its first span that is no label.
    spans: dict[tuple[int, int], tuple[str, HeaderMatch | None]] = {}

    def span(a: int, b: int) -> tuple[str, HeaderMatch | None]:
        if (a, b) not in spans:
            label = " ".join(words[a:b])
            spans[a, b] = (label, _label_match(label))
        return spans[a, b]

    # The reading with the most labels wins: "Duration Type Purpose" is three labels, not two.
    for parts in range(min(DEFAULT_MAX_MERGED_LABELS, len(starts) + 1), 1, -1):
        for cuts in itertools.combinations(starts, parts - 1):
            bounds = (0, *cuts, len(words))
            read: list[tuple[str, HeaderMatch | None]] = []
            for a, b in itertools.pairwise(bounds):
                read.append(span(a, b))
                if read[-1][1] is None:
                    break
            if read[-1][1] is None:
                continue
            labels = [label for label, _ in read]
            matches = [match for _, match in read]
            roles = [m.role for m in matches if m is not None]
            sure = all(m and (m.strong or (weak_name and m.role == "name")) for m in matches)
            if len(roles) == len(labels) and len(set(roles)) == len(roles) and sure:
                unit = (x1 - x0) / max(len(text), 1)
                cells, offset = [], 0
                for label in labels:
                    start = text.index(label, offset)
                    offset = start + len(label)
                    cells.append(HeaderCell(label, x0 + start * unit, x0 + offset * unit, field))
                return cells
    return None


def _label_match(label: str) -> HeaderMatch | None:
    """A label's role; a label cut by a hyphen at the end of the line ("Cookie-" / "Name") counts as sure."""
    match = match_header(label)
    if match is None and label.endswith("-") and label[:1].isupper() and (stem := match_header(label[:-1])):
        return replace(stem, strong=True)
    return match


def _split_glued(text: str, x0: float, x1: float, field: int | None) -> list[HeaderCell] | None:
    """ "NameProviderPurposeExpiry": labels that ran together (``layout.glued``)."""
    labels = split_glued_header(text)
    if labels is None:
        return None
    unit = (x1 - x0) / max(len(text), 1)
    return [HeaderCell(label, x0 + a * unit, x0 + b * unit, field) for label, a, b in labels]


def _split_at_joints(text: str, x0: float, x1: float, field: int | None) -> list[HeaderCell] | None:
    """ "AnbieterZweck": labels that a layout ran together inside one piece of a header line, with no space
    between them; cut at the joints, every part a label the lexicon names surely."""
    spans = list(itertools.pairwise((0, *(m.start() for m in JOINT.finditer(text)), len(text))))
    parts = [text[a:b].strip() for a, b in spans]
    if len(parts) < 2 or not all((m := match_header(p)) is not None and m.strong for p in parts):
        return None
    unit = (x1 - x0) / max(len(text), 1)
    return [HeaderCell(part, x0 + a * unit, x0 + b * unit, field) for part, (a, b) in zip(parts, spans, strict=True)]


def header_cells(line: Line) -> list[HeaderCell] | None:
    """The header labels of a line, or ``None`` when the line is not a header row."""
    cells: list[HeaderCell] = []
    for frag in line.fragments:
        split = _split_merged(frag.text, frag.x0, frag.x1, frag.field)
        if split is None and len(line.fragments) == 1:
            split = _split_glued(frag.text, frag.x0, frag.x1, frag.field)
        if split is None and len(line.fragments) > 1:
            split = _split_at_joints(frag.text, frag.x0, frag.x1, frag.field)
        if split:
            cells.extend(split)
            continue
        cells.append(HeaderCell(frag.text, frag.x0, frag.x1, frag.field))
    if len(cells) < 2 or NUMBERED_HEADING.match(line.text):
        return None  # "2. Categories of Cookies We Use": a numbered heading spaced wide, not labels
    matches = [_label_match(c.text) for c in cells]
    known = [m for m in matches if m is not None]
    roles = {m.role for m in known if m.role != "other"}
    if len(known) < max(2, DEFAULT_MIN_HEADER_SHARE * len(cells)) or len(roles) < 2:
        return None
    if not any(m.strong for m in known):
        return None
    # A sentence cut at a line end ("Stocke l'autorisation d'utilisation de"), not a label: labels that wrap
    # are short ("Durée maximale de" / "conservation").
    if any(_open_sentence(c.text) for c in cells):
        return None
    # Labels are written alike: all capitalised or all in lower case. "Cookie" / "months" / "networking
    # service" is a row of wrapped values that happen to hold label words. (A script without case says nothing:
    # "Cookie 名称" / "提供方".)
    cases = {
        c.text[:1].isupper()
        for c, m in zip(cells, matches, strict=True)
        if m is not None and c.text[:1].isalpha() and c.text[:1].lower() != c.text[:1].upper()
    }
    if len(cases) > 1:
        return None
    if "name" not in roles:
        return _with_name_split(cells)
    return cells


def _open_sentence(text: str) -> bool:
    """Words left open by a joining word or a comma, four or more before any bracket: a sentence wrapped at
    the line end (a label's qualifier in brackets may wrap: "Type (if persistent cookie," / "period)")."""
    before = text.split("(", 1)[0]
    return word_count(before) >= DEFAULT_OPEN_SENTENCE_WORDS and ends_open(before)


def _with_name_split(cells: list[HeaderCell]) -> list[HeaderCell]:
    """The cells with the first one that hides a name label split ("Cookie Title" -> "Cookie", "Title")."""
    for k, cell in enumerate(cells):
        split = _split_merged(cell.text, cell.x0, cell.x1, cell.field, weak_name=True)
        if split and any((m := match_header(c.text)) is not None and m.role == "name" for c in split):
            return [*cells[:k], *split, *cells[k + 1 :]]
    return cells


def _is_header_continuation(line: Line) -> bool:
    if line.blank:
        return False
    # Each piece a few words of labels; the small words that join labels count ("lié au" / "service").
    return is_header_phrase(line.text) and all(
        word_count(f.text) <= DEFAULT_MAX_HEADER_CONTINUATION_WORDS and is_label_piece(f.text) for f in line.fragments
    )


def _few_words_no_name(text: str) -> bool:
    """A piece a wrapped label could leave on the next line: a few words, none of them marked as a cookie name
    (marks standing alone, a slash, are no words)."""
    return word_count(text) <= DEFAULT_MAX_HEADER_CONTINUATION_WORDS and not any(
        has_name_marks(w) for w in text.split() if any(ch.isalpha() for ch in w)
    )


def _wraps_under_labels(cells: Sequence[HeaderCell], header: Line, line: Line) -> bool:
    """A line in bold under bold labels, of fewer pieces than labels, each a few words standing under a label of
    its own, none of them a cookie name, a duration or a sentence: the labels' next line, in whatever language
    ("Çerez" / "Türü", "Birinci /" / "Üçüncü" / "Taraf")."""
    if line.blank or not 0 < len(line.fragments) < len(cells) or names_category(line):
        return False  # a row naming a consent category is a section of the table, not its labels' next line
    if not all(f.bold for f in (*header.fragments, *line.fragments)):
        return False  # without the type to tell them, a first row's short cells read the same
    under: set[int] = set()
    for fragment in line.fragments:
        text = fragment.text
        if not _few_words_no_name(text) or text.rstrip().endswith((".", "!", "?")) or looks_like_duration(text):
            return False
        column = next((k for k, c in enumerate(cells) if _overlaps(fragment, c)), None)
        if column is None or column in under:
            return False
        under.add(column)
    return True


def _label_ends_below(cells: Sequence[HeaderCell], lines: tuple[Line, ...], index: int) -> int:
    """How many lines under the header at ``index`` end its labels, whatever the type: labels cut in a narrow
    column ("有効" / "期限", "有" / "効" / "期" / "限"). Each line's pieces stand under labels of their own, and
    the labels read much better with them; the fewest lines that read best. A first row's cells make no label
    read better ("有効" / "セッ"). 0: none."""
    texts = [c.text for c in cells]
    merged = list(texts)
    best, lines_taken = 0, 0
    for k in range(index + 1, min(len(lines), index + DEFAULT_MAX_HEADER_LINES)):
        line = lines[k]
        if line.blank or not 0 < len(line.fragments) <= len(cells):
            break
        placed: list[int] = []
        for fragment in line.fragments:
            under = [j for j, c in enumerate(cells) if _overlaps(fragment, c)]
            if not _few_words_no_name(fragment.text) or len(under) != 1 or under[0] in placed:
                return lines_taken
            placed.append(under[0])
            merged[under[0]] = f"{merged[under[0]]} {fragment.text}"
        continued = sum(1 for m, t in zip(merged, texts, strict=True) if m != t)
        gain = sum(_label_score(m) - _label_score(t) for m, t in zip(merged, texts, strict=True))
        if gain > best and gain >= DEFAULT_LABEL_END_GAIN * continued:
            best, lines_taken = gain, k - index
    return lines_taken


def _text_goes_on_above(lines: tuple[Line, ...], index: int) -> bool:
    """Text left going on right above a header (unfinished, in lower case or ending in a joining word): the
    header was repeated by a page break inside a row, and the pieces below it are that row's."""
    above = _line_above(lines, index)
    return above is not None and not ends_sentence(above.text) and (above.text[:1].islower() or ends_open(above.text))


def _labels_ending_below(cells: Sequence[HeaderCell], line: Line) -> frozenset[int] | None:
    """The labels whose words a line goes on with: short pieces in lower case (or words of labels, or marks)
    each starting where a label after the first starts, nothing under the first label ("Durată" / "de" /
    "stocare", "Çerez" / "Türü"), labels wrapped in their narrow columns; ``None`` when the line is no such
    line. A row has its first cell on its first line; a label's next words stand at the label's own left
    edge."""
    if line.blank or len(cells) < 2:
        return None
    unit = char_width([line])
    first = cells[0]
    found: set[int] = set()
    for fragment in line.fragments:
        text = fragment.text.strip()
        if (
            not (text[:1].islower() or is_label_piece(text) or not any(ch.isalnum() for ch in text))
            or text.endswith(".")
            or not _few_words_no_name(text)
            or looks_like_duration(text)
            or fragment.x0 < first.x1
        ):
            return None
        label = next((k for k, c in enumerate(cells) if k and abs(fragment.x0 - c.x0) <= unit), None)
        if label is None:
            return None
        found.add(label)
    return frozenset(found)


def _wrapped_as_before(
    lines: tuple[Line, ...],
    start: int,
    index: int,
    first_line: Sequence[HeaderCell],
    wrapped_before: dict[tuple[str, ...], tuple[int, set[int]]],
) -> bool:
    """Whether line ``index`` goes on labels of the header at ``start`` (``_labels_ending_below``), not after
    text left going on above it (a header a page break repeated inside a row); a header seen before takes
    pieces only under the labels that wrapped where it first stood (``wrapped_before``: per header's first
    line, where it first stood and the labels that went on there)."""
    if _text_goes_on_above(lines, start):
        return False
    labels = _labels_ending_below(first_line, lines[index])
    if labels is None:
        return False
    first_start, wrapped = wrapped_before.setdefault(tuple(c.text for c in first_line), (start, set()))
    if first_start != start:
        return labels <= wrapped
    wrapped.update(labels)
    return True


def _went_on_before(
    lines: tuple[Line, ...], start: int, went_on: dict[tuple[str, ...], tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The lines that went on the tab-separated labels at ``start`` where they first stood (``went_on``), when
    the lines below repeat them line for line: a header a page break repeated keeps its wrapped labels, no more
    and no fewer, whatever text goes on above or below it. ``None`` when the header is new or wraps otherwise."""
    before = went_on.get(tuple(f.text for f in lines[start].fragments))
    if before is None or tuple(line.text for line in lines[start + 1 : start + 1 + len(before)]) != before:
        return None
    return before


def _completes_labels(cells: Sequence[HeaderCell], line: Line) -> bool:
    """A tab-separated line right under a header, of fewer pieces than labels, each a few words of labels (or a
    mark, or the end of a label cut inside a word in a script without spaces), that reads as the labels' ends
    ("Çerez" / "Türü", "Saklama" / "Süresi", "보유기" / "간"): taken together, the labels
    read better by at least a point per piece than they do alone."""
    pieces = [f.text for f in line.fragments]
    if not 0 < len(pieces) < len(cells) or not all(
        _few_words_no_name(p) and (is_label_piece(p) or is_cjk(p) or not any(ch.isalnum() for ch in p)) for p in pieces
    ):
        return False  # a label cut inside a word of a script without spaces ("보유기" / "간") is no label word
    before = sum(_label_score(c.text) for c in cells)
    best = max(
        sum(_label_score(f"{c.text} {pieces[combo.index(k)]}" if k in combo else c.text) for k, c in enumerate(cells))
        for combo in itertools.combinations(range(len(cells)), len(pieces))
    )
    return best - before >= len(pieces)


def _labels_wrap_on(cells: Sequence[HeaderCell], line: Line) -> bool:
    """A tab-separated line right under labels told by their cells, of fewer pieces than labels, each a few
    words in lower case and no name ("Undergruppe for" / "vertsnavn"): the labels' next words, not a row."""
    pieces = [f.text for f in line.fragments]
    return 0 < len(pieces) < len(cells) and all(p[:1].islower() and _few_words_no_name(p) for p in pieces)


def _lone_label_piece(lines: tuple[Line, ...], index: int, limit: int, capitals: bool = False) -> bool:
    """A tab-separated line of one short piece in lower case, no name, no duration, no sentence's end, under a
    header and above the first row ("Durată" / "de" / "stocare" / a row of cells): a label's words the copy put
    on lines of their own. A first row has its cells on its first line, so what follows such pieces is a line
    of cells. Under a header that went on already (``capitals``), a capitalised piece is one too ("Birinci /"
    / "Üçüncü" / "Taraf")."""
    line = lines[index] if index < len(lines) else None
    if line is None or line.blank or index >= limit or len(line.fragments) != 1:
        return False
    text = line.text.strip()
    if (
        not (text[:1].islower() or (capitals and text[:1].isupper()))
        or text.endswith(".")
        or word_count(text) > DEFAULT_MAX_HEADER_CONTINUATION_WORDS
        or looks_like_duration(text)
        or any(has_name_marks(w) for w in text.split())
    ):
        return False
    below = lines[index + 1] if index + 1 < len(lines) else None
    return below is not None and (len(below.fragments) >= 2 or _lone_label_piece(lines, index + 1, limit, capitals))


def _open_label(text: str) -> bool:
    """A label left open at its line end: a bracket not closed yet, a trailing comma, or a short label ending
    in a joining word ("Purpose of")."""
    return (
        text.count("(") > text.count(")")
        or text.rstrip().endswith(",")
        or (word_count(text) <= DEFAULT_MAX_HEADER_CONTINUATION_WORDS and ends_open(text))
    )


def _continues_open_labels(
    cells: Sequence[HeaderCell], line: Line, continued: frozenset[int], delimited: bool = False
) -> bool:
    """A line of short lower-case pieces under labels left open ("Category (if" / "persistent" / "cookie,"),
    each piece under an open label, one that went on the line above, or opening a qualifier in brackets:
    the labels' next line, however unusual its words. A tab-separated line says not where its pieces stand:
    it goes on when it has no more pieces than labels left open or going on."""
    if line.blank:
        return False
    if delimited:
        going_on = _labels_going_on(cells, continued)
        if len(line.fragments) > len(going_on) or not any(_open_label(cells[k].text) for k in going_on):
            return False
        return all(_label_piece_goes_on(f.text) for f in line.fragments)
    targets = [_nearest_cell(cells, f) for f in line.fragments]
    pieces_fit = all(
        _label_piece_goes_on(f.text) and (_open_label(cells[k].text) or k in continued or f.text.startswith("("))
        for f, k in zip(line.fragments, targets, strict=True)
    )
    return pieces_fit and any(_open_label(cells[k].text) for k in targets)


def _labels_going_on(cells: Sequence[HeaderCell], continued: frozenset[int]) -> list[int]:
    """The labels a wrapped header line may go on: those left open and those the line above continued."""
    return [k for k, c in enumerate(cells) if _open_label(c.text) or k in continued]


def _label_piece_goes_on(text: str) -> bool:
    """A few lower-case words and no cookie name: what a wrapped label's next line holds."""
    return (
        word_count(text) <= DEFAULT_MAX_HEADER_CONTINUATION_WORDS
        and not text[:1].isupper()
        and not any(has_strong_name_marks(w) for w in text.split())
    )


def _label_score(text: str) -> int:
    """How well a label reads: named by a strong keyword, not left open by a joining word, every word a
    keyword's or a joining word ("Durée de vie" over "Nom de vie"), and the more so when one keyword phrase
    spans it all ("Prazo de conservação" over "Nome de conservação"). A column no label names reads as none."""
    if not text.split():
        return 0
    m = match_header(text)
    closed = 0 if fold(text.split()[-1]) in CONNECTORS else 1
    folded = fold(QUALIFIER.sub(" ", text))
    keywords = keywords_in(folded)
    covered = " ".join(keywords).split()
    whole = all(w in covered or w in HEADER_CONNECTORS for w in folded.split())
    one_phrase = len(keywords) == 1 and len(folded.split()) > 1 and keywords[0] == folded
    return (2 if m and m.strong else 1 if m else 0) + closed + (1 if whole else 0) + (1 if one_phrase else 0)


def _merge_continuation(
    cells: list[HeaderCell],
    line: Line,
    delimited: bool,
    continued: frozenset[int] = frozenset(),
    next_piece: str | None = None,
) -> tuple[list[HeaderCell], frozenset[int]]:
    """Append a wrapped header line's fragments to the labels they continue; returns the labels and which of
    them went on. Where ordinals and positions say nothing, the readings are scored by how well each label then
    reads, and a label the line above continued is the likelier to go on ("Durée" / "de vie" / "(jours)"). A
    lone piece left open ("maximale de") is read with the lone piece below it (``next_piece``: "conservation")."""
    frags = list(line.fragments)
    targets: tuple[int, ...]
    if not delimited:
        targets = tuple(_nearest_cell(cells, f) for f in frags)
    elif all(f.field and any(c.field == f.field for c in cells) for f in frags):
        # Cell ordinals say which label each wrapped piece continues ("\t\t(jours)"); a lone piece at ordinal 0
        # says nothing (the export drops leading tabs).
        targets = tuple(next(k for k, c in enumerate(cells) if c.field == f.field) for f in frags)
    else:
        best: tuple[float, tuple[int, ...]] | None = None
        # Labels left open take the pieces when there are enough of them (a bracket opened must close).
        choices = (
            _labels_going_on(cells, continued)
            if _continues_open_labels(cells, line, continued, True)
            else range(len(cells))
        )
        for combo in itertools.combinations(choices, min(len(frags), len(cells))):
            texts = [c.text for c in cells]
            for i, f in zip(combo, frags, strict=False):
                texts[i] = f"{texts[i]} {f.text}" + (f" {next_piece}" if next_piece and len(frags) == 1 else "")
            score = (
                sum(_label_score(t) for t in texts)
                + DEFAULT_GOES_ON_BONUS * len(continued & set(combo))
                + DEFAULT_OPEN_LABEL_BONUS * sum(_open_label(cells[k].text) for k in combo)
            )
            if best is None or score > best[0]:
                best = (score, combo)
        targets = best[1] if best else ()
    merged = list(cells)
    for i, f in zip(targets, frags, strict=False):
        merged[i] = _extended(merged[i], f)
    return merged, frozenset(targets)


def _extended(cell: HeaderCell, piece: Fragment) -> HeaderCell:
    """A label with the piece that goes on with it (a column no label named takes the piece as its label)."""
    return HeaderCell(f"{cell.text} {piece.text}".strip(), min(cell.x0, piece.x0), max(cell.x1, piece.x1), cell.field)


def _column_of(cells: Sequence[HeaderCell], fragment: Fragment) -> int:
    """The column a body fragment stands in: by its cell ordinal where the export gives one, else the header
    cell it overlaps most (labels are often centred over their values), else the nearest one."""
    if fragment.field is not None and cells[0].field is not None:
        return min(fragment.field, len(cells) - 1)
    overlaps = [min(c.x1, fragment.x1) - max(c.x0, fragment.x0) for c in cells]
    best = max(range(len(cells)), key=lambda k: overlaps[k])
    return best if overlaps[best] > 0 else _nearest_cell(cells, fragment)


def _nearest_cell(cells: Sequence[HeaderCell], fragment: Fragment) -> int:
    """The header cell whose centre is nearest the fragment's."""
    centre = (fragment.x0 + fragment.x1) / 2
    return min(range(len(cells)), key=lambda k: abs((cells[k].x0 + cells[k].x1) / 2 - centre))


def body_columns(
    lines: tuple[Line, ...], start: int, cells: Sequence[HeaderCell], repeated: bool = False, full_only: bool = False
) -> list[list[str]]:
    """The texts below a header, column by column, from the body lines that hold two cells or more (a lone
    fragment may be a wrapped line, a heading or prose), up to the next header. ``repeated``: the labels
    already headed a table above, so they head one again wherever they stand."""
    columns: list[list[str]] = [[] for _ in cells]
    labels = [c.text for c in cells]
    seen = 0
    after_blank = False
    full: list[bool] = []  # per tab-separated row, whether it fills every column
    for line in lines[start:]:
        if seen >= DEFAULT_CONTENT_LOOKAHEAD:
            break
        seen += 1
        if len(line.fragments) < 2 or (full_only and len(line.fragments) != len(cells)):
            after_blank = after_blank or line.blank  # a gap, then a heading or prose, parts tables alike
            continue
        # The next table's header: the same labels again after a blank line (a row repeated within the table
        # is no header), or labels the lexicon names.
        again = (after_blank or repeated) and _same_labels(labels, [f.text for f in line.fragments])
        if again or header_cells(line) is not None:
            break
        after_blank = False
        for fragment in line.fragments:
            for column, text in _pieces_by_column(cells, fragment):
                columns[column].append(text)
        if line.delimited and not line.whole_row:
            full.append(len(line.fragments) == len(cells))
    if sum(full) >= DEFAULT_MIN_FULL_ROWS and not all(full):
        # A tab-separated row with fewer pieces than labels lost a tab or an empty cell: which column each
        # piece is in, only the rows that fill every column say.
        return body_columns(lines, start, cells, repeated, full_only=True)
    return columns


def _same_labels(labels: Sequence[str], texts: Sequence[str]) -> bool:
    """The same labels again, each whole or wrapped at another width ("Sous-groupe de" / "Sous-groupe de
    cookies"), and two of them perhaps run together ("Cookies Cookies used"): the line's words, in order, are
    each label's first words or its words and more, label after label."""
    heads = [fold(label).split() for label in labels]
    said = fold(" ".join(texts)).split()

    @cache
    def from_label(k: int, at: int) -> bool:
        if k == len(heads):
            return at == len(said)
        label = heads[k]
        for end in range(at + 1, len(said) + 1):
            piece = said[at:end]
            if (piece == label[: len(piece)] or piece[: len(label)] == label) and from_label(k + 1, end):
                return True
        return False

    return bool(heads) and from_label(0, 0)


def _pieces_by_column(cells: Sequence[HeaderCell], fragment: Fragment) -> list[tuple[int, str]]:
    """A fragment's text by column: whole where it stands under one label; a cookie name that a tight export
    ran into the next cell with one space ("_pk_ses* Matomo" under "Kapsler" and "Benyttes av") cut off.
    (Prose wider than its label stays one piece.)"""
    whole = [(_column_of(cells, fragment), fragment.text)]
    placed = words(fragment)
    if fragment.field is not None or len(placed) < 2 or not has_name_marks(placed[0].text):
        return whole
    first = _word_column(cells, placed[0])
    first = whole[0][0] if first is None else first
    second = _word_column(cells, placed[1])
    if second is None or second == first:
        return whole  # a word under no label stays in the column of the word before it
    return [(first, placed[0].text), (second, " ".join(w.text for w in placed[1:]))]


def _word_column(cells: Sequence[HeaderCell], word: Word) -> int | None:
    """The header label a word stands under (the one it overlaps most), or ``None`` under none."""
    overlaps = [min(c.x1, word.x1) - max(c.x0, word.x0) for c in cells]
    best = max(range(len(cells)), key=lambda k: overlaps[k])
    return best if overlaps[best] > 0 else None


def column_roles(
    lines: tuple[Line, ...], start: int, cells: Sequence[HeaderCell], weights: Mapping[str, float]
) -> ColumnRoles:
    """The roles of a header's columns, from the header's words and what the lines below it hold."""
    shapes = [column_shape(texts) for texts in body_columns(lines, start, cells)]
    return assign_columns([c.text for c in cells], shapes, weights)


def _label_like(text: str) -> bool:
    """A header label: a few words, no sentence end, not itself a cookie name or a duration."""
    words = text.split()
    return (
        0 < len(words) <= DEFAULT_MAX_LABEL_WORDS
        and not text.rstrip().endswith((".", ":", ";", ","))
        and not has_name_marks(text)
        and not looks_like_duration(text)
    )


def content_header(
    lines: tuple[Line, ...], index: int, weights: Mapping[str, float], repeated: bool = False
) -> tuple[list[HeaderCell], ColumnRoles] | None:
    """A header no lexicon word names, told by what stands below it: a line of two or more short labels over
    rows whose columns read as cookie names and at least one other role (in any language). ``repeated``: the
    line repeats labels that headed a table above, so a row right above it does not make it a row."""
    line = lines[index]
    if len(line.fragments) < 2 or not all(_label_like(f.text) for f in line.fragments):
        return None
    if any(f.text[:1].islower() for f in line.fragments):
        return None  # labels are capitalised (or in a script without case); lower case is a wrapped row
    if any(has_strong_name_marks(f.text.split()[0]) for f in line.fragments if f.text.split()):
        return None  # "BEAMER_FIRST_VISIT{product ID}": a cookie's name opens a row, never a label
    above = _line_above(lines, index)
    if (
        not repeated
        and above is not None
        and len(above.fragments) >= 2
        and any(has_name_marks(f.text) for f in above.fragments)
    ):
        return None  # a row of a table going on, not the header of a new one
    cells = [HeaderCell(f.text, f.x0, f.x1, f.field) for f in line.fragments]
    # "Cookies Cookies used": two labels run together, one space apart.
    if not line.delimited:
        cells = _split_by_body(cells, lines, index + 1)
    elif not line.whole_row:
        cells = _split_by_tabs(cells, lines, index + 1, set(), weights)
    labels, body = cells, index + 1
    if body < len(lines) and not line.delimited and _wraps_under_labels(cells, line, lines[body]):
        # The labels wrapped ("Sous-groupe de" / "cookies"): the cells below start after their next line.
        labels, body = _merge_continuation(cells, lines[body], False)[0], body + 1
    columns = body_columns(lines, body, labels, repeated)
    if any(cell.text in texts and match_header(cell.text) is None for cell, texts in zip(labels, columns, strict=True)):
        # A label never stands again among its column's values: this is a row like those below. (A header
        # word may: "Cookies" / "internes" is a value wrapped after its first word.)
        return None
    shapes = [column_shape(texts) for texts in columns]
    chosen = assign_columns([c.text for c in labels], shapes, weights)
    name = _name_column(chosen, shapes)
    if name is None:
        return None
    if repeated:
        return (cells, chosen) if name.cells else None  # the labels proved a header above: one row will do
    return (cells, chosen) if _names_enough(name) else None


def _name_column(chosen: ColumnRoles, shapes: Sequence[ColumnShape]) -> ColumnShape | None:
    """The shape of the name column, when the roles chosen give one and at least one other role."""
    if "name" not in chosen.roles or sum(1 for r in chosen.roles if r != "other") < 2:
        return None
    return shapes[chosen.roles.index("name")]


def _names_enough(name: ColumnShape) -> bool:
    """Enough cells, and enough of them marked as cookie names, for a table told by its cells alone."""
    return name.cells >= DEFAULT_CONTENT_MIN_ROWS and name.marks >= DEFAULT_CONTENT_MIN_NAME_MARKS


def find_header_rows(
    lines: tuple[Line, ...], weights: Mapping[str, float] | None = None
) -> list[tuple[int, int, HeaderRow]]:
    """Header rows as (index of first line, index after last line, header).

    A header is a line of labels that the lexicon names, or, whatever its words, one whose columns below read
    as cookie names and other roles (``content_header``). Its columns' roles are chosen jointly from the labels
    and the cells below (``roles.assign_columns``), so a "Type" column holding categories is the category.
    A header on a ``whole_row`` line (markup said where the row ends) is that one line: the line after it is a
    body row even when its words could be header words ("Necessary cookies" across the table).
    """
    weights = weights if weights is not None else LAYOUT_WEIGHTS
    found: list[tuple[int, int, HeaderRow]] = []
    split_before: set[tuple[str, ...]] = set()  # tab-separated labels run together, cut above
    # Per header's first line, the labels that went on below it where it first stood.
    wrapped_before: dict[tuple[str, ...], tuple[int, set[int]]] = {}
    # Per tab-separated header's first line, the lines that went on its labels where it first stood.
    went_on: dict[tuple[str, ...], tuple[str, ...]] = {}
    i = 0
    while i < len(lines):
        cells = header_cells(lines[i])
        by_content: tuple[list[HeaderCell], ColumnRoles] | None = None
        if cells is not None and _row_goes_on(lines, i, cells):
            cells = None
        if cells is None:
            # Labels that already headed a table, line for line, head one again, even right under a row.
            repeated = tuple(f.text for f in lines[i].fragments) in wrapped_before
            by_content = content_header(lines, i, weights, repeated)
            if by_content is None:
                headless = _headerless(lines, i, weights)
                if headless is not None:
                    header, rows = headless
                    found.append((i, i, header))
                    i += rows
                    continue
                stacked = _stacked_header(lines, i, weights)
                if stacked is None:
                    i += 1
                    continue
                cells, end = stacked
                found.append(
                    (i, end, _header_row(lines, i, end, cells, [line.number for line in lines[i:end]], weights))
                )
                i = end
                continue
            cells = by_content[0]
        delimited = lines[i].delimited
        if not delimited:
            cells = _split_by_body(cells, lines, i + 1)
            if by_content is None:  # labels the lexicon names may leave a column unlabelled
                cells = _unlabelled_columns(cells, lines, i + 1)
        elif not lines[i].whole_row:
            cells = _split_by_tabs(cells, lines, i + 1, split_before, weights)
        elif by_content is None:  # markup says where each cell is
            cells = _unlabelled_fields(cells, lines, i + 1)
        end = i + 1
        used = [lines[i].number]
        continued: frozenset[int] = frozenset()
        label_end = 0 if delimited else _label_ends_below(cells, lines, i)
        first_line = tuple(cells)  # the labels as their first line places them
        wrapped_before.setdefault(tuple(c.text for c in first_line), (i, set()))
        if not delimited and by_content is None and end < len(lines):
            # A text browser centres a short label on a tall header's middle line, between labels that wrap.
            centred = _centred_labels(cells, lines[end])
            if centred is not None:
                cells = centred
                used.append(lines[end].number)
                end += 1
        before = _went_on_before(lines, i, went_on) if delimited else None
        while (
            not lines[i].whole_row
            and end < len(lines)
            and end - i < DEFAULT_MAX_HEADER_LINES
            and (before is None or end <= i + len(before))
            and (
                before is not None
                or (end - i <= 2 and _is_header_continuation(lines[end]))
                or _continues_open_labels(cells, lines[end], continued, delimited)
                or (not delimited and _wraps_under_labels(cells, lines[i], lines[end]))
                or (not delimited and end - i <= label_end)
                or (not delimited and _wrapped_as_before(lines, i, end, first_line, wrapped_before))
                or (delimited and end == i + 1 and _completes_labels(cells, lines[end]))
                or (delimited and end == i + 1 and by_content is not None and _labels_wrap_on(cells, lines[end]))
                or (
                    delimited
                    and not lines[i].whole_row
                    and not _text_goes_on_above(lines, i)
                    and _lone_label_piece(lines, end, i + DEFAULT_MAX_HEADER_LINES, capitals=end > i + 1)
                )
            )
        ):
            below = lines[end + 1] if end + 1 < len(lines) else None
            next_piece = (
                below.text
                if below is not None
                and len(lines[end].fragments) == 1
                and len(below.fragments) == 1
                and (ends_open(lines[end].text) or fold(lines[end].text) in HEADER_CONNECTORS)
                and (
                    _is_header_continuation(below)
                    or (delimited and _lone_label_piece(lines, end + 1, i + DEFAULT_MAX_HEADER_LINES))
                )
                else None
            )
            cells, continued = _merge_continuation(cells, lines[end], delimited, continued, next_piece)
            used.append(lines[end].number)
            end += 1
        if delimited:
            went_on.setdefault(
                tuple(f.text for f in lines[i].fragments), tuple(line.text for line in lines[i + 1 : end])
            )
        start = i
        above = i - 1
        if (
            not delimited
            and above >= 0
            and (not found or found[-1][1] <= above)
            and _wraps_above(lines[above], lines[i])
        ):
            # A text browser centres labels vertically: "Durée" above "maximale de" above "conservation".
            cells = _prepend(cells, lines[above])
            used.insert(0, lines[above].number)
            start = above
        found.append((start, end, _header_row(lines, i, end, cells, used, weights, start)))
        i = end
    return _pooled_roles(lines, found, weights)


def _header_row(
    lines: tuple[Line, ...],
    i: int,
    end: int,
    cells: list[HeaderCell],
    used: list[int],
    weights: Mapping[str, float],
    start: int | None = None,
) -> HeaderRow:
    """The header of labels ``cells`` read on lines ``start`` (default ``i``) to ``end``, line ``i`` its main line,
    its columns' roles chosen with the cells below."""
    start = i if start is None else start
    chosen = column_roles(lines, end, cells, weights)
    roles = chosen.roles if "name" in chosen.roles else tuple(assign_roles([c.text for c in cells]))
    fragments = [f for line in lines[start:end] for f in line.fragments]
    box = (
        min(f.x0 for f in fragments),
        min(f.top for f in fragments),
        max(f.x1 for f in fragments),
        max(f.bottom for f in fragments),
    )
    one_piece = len(lines[i].fragments) == 1
    return HeaderRow(tuple(cells), tuple(roles), lines[i].page, tuple(used), lines[i].delimited, box, one_piece, chosen)


def _headerless(lines: tuple[Line, ...], index: int, weights: Mapping[str, float]) -> tuple[HeaderRow, int] | None:
    """A marked-up table with no header row at all, told by what its columns hold: from its first row, a
    column of cookie names and another role. Returns its header of empty labels (standing on no line, its
    rows all body) and how many rows the table has."""
    line = lines[index]
    if not line.whole_row or len(line.fragments) < 2 or any(f.field is None for f in line.fragments):
        return None
    if index and lines[index - 1].whole_row:
        return None  # a table's first row only: the rows below it belong to that table
    rows: list[Line] = []
    for below in lines[index:]:
        if not below.whole_row or any(f.field is None for f in below.fragments):
            break
        rows.append(below)
    width = max(f.field for row in rows for f in row.fragments if f.field is not None) + 1
    labels = [HeaderCell("", line.fragments[0].x0, line.fragments[0].x0, k) for k in range(width)]
    columns: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        for f in row.fragments:
            columns[f.field or 0].append(f.text)
    shapes = [column_shape(texts) for texts in columns]
    chosen = assign_columns(["" for _ in labels], shapes, weights)
    name = _name_column(chosen, shapes)
    if name is None or not _names_enough(name):
        return None
    first = next((f.text for f in line.fragments if f.field == chosen.roles.index("name")), "")
    if not marked_cell(first):
        return None  # the first row names no cookie: labels no lexicon knows, or no table of cookies
    top = min(f.top for f in line.fragments)
    box = (min(f.x0 for f in line.fragments), top, max(f.x1 for f in line.fragments), top)
    return HeaderRow(tuple(labels), chosen.roles, line.page, (), True, box, False, chosen), len(rows)


def _stacked_header(
    lines: tuple[Line, ...], index: int, weights: Mapping[str, float]
) -> tuple[list[HeaderCell], int] | None:
    """Labels a text export stacked over several lines, none of them a header alone (a text browser centres
    each label vertically: "Category (if" / "persistent" / "Name cookie, ..." / "retention" / "period)"): the
    pieces of two to ``DEFAULT_MAX_HEADER_LINES`` short lines right above a row that opens with a cookie name,
    joined top to bottom by the columns they overlap; a header when its labels name a cookie name column and
    another role. Returns the labels and the index of the first body line."""
    first = lines[index]
    if first.blank or first.delimited or any(f.spans is not None for f in first.fragments):
        return None
    if index > 0 and not lines[index - 1].blank:
        return None  # the block starts after a blank line, as a table does
    end = index
    while end < len(lines) and end - index < DEFAULT_MAX_HEADER_LINES and _stacked_label_line(lines[end]):
        end += 1
    if end - index < 2 or end >= len(lines):
        return None
    if any(
        header_cells(line) is not None or content_header(lines, k, weights)
        for k, line in enumerate(lines[index:end], start=index)
    ):
        return None  # a header line of its own is in the block: the labels around it wrap onto it
    body = lines[end]
    if len(body.fragments) < 2 or not has_name_marks(first_name(body.fragments[0].text)):
        return None
    columns: list[list[Fragment]] = []
    for fragment in sorted((f for line in lines[index:end] for f in line.fragments), key=lambda f: f.x0):
        if columns and fragment.x0 < max(f.x1 for f in columns[-1]):
            columns[-1].append(fragment)
        else:
            columns.append([fragment])
    if len(columns) < 2:
        return None
    cells = [
        HeaderCell(
            " ".join(f.text for f in sorted(column, key=lambda f: f.line)),
            min(f.x0 for f in column),
            max(f.x1 for f in column),
            None,
        )
        for column in columns
    ]
    named = [match_header(c.text) for c in cells]
    if not any(m is not None and m.role == "name" for m in named) or sum(m is not None for m in named) < 2:
        return None
    return cells, end


def _stacked_label_line(line: Line) -> bool:
    """A line of a stacked header: a few short pieces of label text, no cookie name, no sentence."""
    return (
        not line.blank
        and len(line.fragments) <= DEFAULT_MAX_STACKED_PIECES
        and all(
            word_count(f.text) <= DEFAULT_MAX_STACKED_WORDS
            and not ends_sentence(f.text)
            and not any(has_strong_name_marks(w) or looks_like_host(w.rstrip(",;")) for w in f.text.split())
            and not (looks_like_duration(f.text) and any(ch.isdigit() for ch in f.text))  # "persistent" may head
            for f in line.fragments
        )
    )


def _pooled_roles(
    lines: tuple[Line, ...], found: list[tuple[int, int, HeaderRow]], weights: Mapping[str, float]
) -> list[tuple[int, int, HeaderRow]]:
    """Headers with the same labels (a header repeated after a page break, one table per category) get one
    reading of their columns, from the cells below all of them: a column holds the same kind of value all
    through a document, and a short part of a table is too little to tell."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for k, (_, _, header) in enumerate(found):
        groups.setdefault(tuple(fold(t) for t in header.texts), []).append(k)
    pooled = list(found)
    for members in groups.values():
        if len(members) < 2:
            continue
        texts: list[list[str]] = [[] for _ in found[members[0]][2].cells]
        for k in members:
            _, end, header = found[k]
            for column, values in enumerate(body_columns(lines, end, header.cells)):
                texts[column].extend(values)
        chosen = assign_columns(list(found[members[0]][2].texts), [column_shape(t) for t in texts], weights)
        if "name" not in chosen.roles:
            continue
        for k in members:
            start, end, header = found[k]
            pooled[k] = (start, end, replace(header, roles=chosen.roles, evidence=chosen))
    return pooled


def _split_by_body(cells: list[HeaderCell], lines: tuple[Line, ...], start: int) -> list[HeaderCell]:
    """Labels one space apart ("privacy_link expiry") cut where the rows below start a column: a word of a
    label at whose left edge most body lines start a cell, and which begins a label of a role, opens a label
    of its own. Read on the header's first line, before wrapped labels are joined."""
    body = [line for line in lines[start : start + DEFAULT_CONTENT_LOOKAHEAD] if len(line.fragments) >= 2]
    if len(body) < DEFAULT_SPLIT_MIN_LINES:
        return cells
    unit = char_width(body)
    out: list[HeaderCell] = []
    for cell in cells:
        pieces = cell.text.split(" ")
        if len(pieces) < 2:
            out.append(cell)
            continue
        fragment = Fragment(cell.text, 0, 0, cell.x0, cell.x1, 0, 1)
        placed = words(fragment)
        opened = 0
        for k, word in enumerate(placed[1:], start=1):
            # Lines with text under this label, and those of them with a cell starting at this word.
            under = [line for line in body if _has_cell_under(line, cell)]
            starting = [line for line in under if any(abs(f.x0 - word.x0) <= unit / 2 for f in line.fragments)]
            if len(starting) < DEFAULT_SPLIT_SHARE * len(under):
                under, starting = _words_starting_at(under, word, unit)
            named = _label_match(" ".join(w.text for w in placed[k:]))
            # The label before, whole and strong ("Fornecedor"), opens the next at a capital whatever its words
            # ("Para que serve"), where the rows say so as well.
            before = _label_match(" ".join(w.text for w in placed[opened:k]))
            # Two labels of the lexicon's, however weak ("Cookies Cookies used"), where nearly every row says so.
            both = named is not None and before is not None and word.text[:1].isupper()
            if (
                (named is not None and named.strong)
                or (before is not None and before.strong and word.text[:1].isupper())
                or (both and len(starting) >= DEFAULT_SPLIT_SURE_SHARE * len(under))
            ) and len(starting) >= max(DEFAULT_SPLIT_MIN_LINES, DEFAULT_SPLIT_SHARE * len(under)):
                left = " ".join(w.text for w in placed[opened:k])
                out.append(HeaderCell(left, placed[opened].x0, placed[k - 1].x1, cell.field))
                opened = k
        out.append(
            HeaderCell(" ".join(w.text for w in placed[opened:]), placed[opened].x0, placed[-1].x1, cell.field)
            if opened
            else cell
        )
    return out


def _words_starting_at(under: list[Line], word: Word, unit: float) -> tuple[list[Line], list[Line]]:
    """The lines with text below a label's word, and those of them with a word starting at its left edge, when
    no line runs a word across that edge: a cell may start one space after the one before it ("Birinci
    Ziyaretçinin", "필수 JSESSIONID"), where only words show the column (prose under a label's second word,
    "Purpose of use", runs across it). Lines with nothing below the word (the first column's wrapped cell)
    count for neither."""
    x = word.x0
    placed = [[w for f in line.fragments for w in words(f)] for line in under]
    if any(w.x0 < x - unit / 2 and w.x1 > x + unit / 2 for line in placed for w in line):
        return under, []
    below = [
        (line, found)
        for line, found in zip(under, placed, strict=True)
        if any(w.x1 > x and w.x0 < word.x1 for w in found)
    ]
    return [line for line, _ in below], [line for line, found in below if any(abs(w.x0 - x) <= unit / 2 for w in found)]


def _split_by_tabs(
    cells: list[HeaderCell],
    lines: tuple[Line, ...],
    start: int,
    split_before: set[tuple[str, ...]],
    weights: Mapping[str, float],
) -> list[HeaderCell]:
    """Labels a tab-separated copy ran together ("privacy_link expiry") cut when the rows below have one cell
    more than the header, at the one place in a label where a label of a role opens (else where a capitalised
    word follows a whole label, whatever its words); the same header repeated
    after a page break (``split_before``: the labels cut so far) is cut alike, however few rows follow it."""
    labels = tuple(c.text for c in cells)
    if [c.field for c in cells] != list(range(len(cells))):
        return cells
    # Rows that wrap leave few full lines: read further down than for the columns' content.
    wider = [
        len(line.fragments)
        for line in lines[start : start + DEFAULT_SPLIT_LOOKAHEAD]
        if len(line.fragments) > len(cells)
    ]
    seen = labels in split_before
    if not seen and (len(wider) < DEFAULT_SPLIT_MIN_LINES or set(wider) != {len(cells) + 1}):
        return cells
    tiers = [
        (tier, k, cut)
        for k, cell in enumerate(cells)
        for cut in range(1, len(cell.text.split(" ")))
        if (tier := _cut_tier(cell.text.split(" "), cut)) is not None
    ]
    best = min((tier for tier, _, _ in tiers), default=None)
    cuts = [(k, cut) for tier, k, cut in tiers if tier == best]
    if len(cuts) > 1:
        # Labels of roles open at several places ("Session storage key", "Data set Purpose of use"): the cut
        # whose columns the full rows below bear out best.
        cuts = _best_cuts(cells, cuts, lines[start : start + DEFAULT_SPLIT_LOOKAHEAD], weights)
    if len(cuts) != 1:
        return cells
    split_before.add(labels)
    k, cut = cuts[0]
    left, right = _cut_label(cells[k].text, cut)
    split = [
        *cells[:k],
        HeaderCell(left, cells[k].x0, cells[k].x1, k),
        HeaderCell(right, cells[k].x0, cells[k].x1, k + 1),
    ]
    return [*split, *(HeaderCell(c.text, c.x0, c.x1, index) for index, c in enumerate(cells[k + 1 :], start=k + 2))]


def _unlabelled_fields(cells: list[HeaderCell], lines: tuple[Line, ...], start: int) -> list[HeaderCell]:
    """A marked-up header with a cell left empty (or one label over two columns, ``colspan``): the columns the
    rows below fill and no label names get an empty label, their role told by what they hold."""
    if not cells or any(c.field is None for c in cells):
        return cells
    widths = Counter(
        max(f.field for f in line.fragments if f.field is not None) + 1
        for line in lines[start : start + DEFAULT_CONTENT_LOOKAHEAD]
        if len(line.fragments) >= 2 and line.whole_row and all(f.field is not None for f in line.fragments)
    )
    if not widths:
        return cells
    width = widths.most_common(1)[0][0]
    by_field = {c.field: c for c in cells}
    if width <= len(cells) or len(by_field) < len(cells):
        return cells
    last = cells[-1]
    return [by_field.get(k) or HeaderCell("", last.x1, last.x1, k) for k in range(width)]


def _unlabelled_columns(cells: list[HeaderCell], lines: tuple[Line, ...], start: int) -> list[HeaderCell]:
    """A laid-out header with a column no label stands over (its header cell left empty): where most rows
    below start a cell under no label, an empty label, the column's role told by what it holds."""
    body: list[Line] = []
    for line in lines[start : start + DEFAULT_CONTENT_LOOKAHEAD]:
        if line.blank or header_cells(line) is not None:
            break  # the table's rows end at a gap or the next header
        if len(line.fragments) >= 2:
            body.append(line)
    if len(body) < DEFAULT_SPLIT_MIN_LINES:
        return cells
    unit = char_width(body)
    # Per row, where a cell starts under no label while the labels on either side have cells of their own in
    # that row (else it is theirs: a text browser centres a label over a wide column), and how far it reaches.
    starts: list[tuple[float, float]] = []
    for line in body:
        for f in line.fragments:
            if any(_overlaps(f, c) for c in cells):
                continue
            left = max((c for c in cells if c.x1 <= f.x0), key=lambda c: c.x1, default=None)
            right = min((c for c in cells if c.x0 >= f.x1), key=lambda c: c.x0, default=None)
            if all(_has_cell_under(line, c) for c in (left, right) if c is not None):
                starts.append((f.x0, f.x1))
    out = list(cells)
    for x0, _ in sorted(set(starts)):
        if any(abs(c.x0 - x0) <= unit for c in out if not c.text):
            continue  # that column has its label already
        under = [x1 for a, x1 in starts if abs(a - x0) <= unit / 2]
        if len(under) < max(DEFAULT_SPLIT_MIN_LINES, DEFAULT_SPLIT_SHARE * len(body)):
            continue
        reach = min((c.x0 - unit / 2 for c in out if c.x0 > x0), default=max(under))
        out.append(HeaderCell("", x0, min(max(under), reach), None))
    return sorted(out, key=lambda c: c.x0)


def _has_cell_under(line: Line, cell: HeaderCell) -> bool:
    """Whether a piece of the line stands under the label."""
    return any(_overlaps(f, cell) for f in line.fragments)


def _centred_labels(cells: Sequence[HeaderCell], line: Line) -> list[HeaderCell] | None:
    """The labels with those a text browser centred on the line below their first (``line``): pieces standing
    under no label, each a label the lexicon names (one of them strongly), become labels of their own; the other
    pieces stand under one label each and go on with it ("Tipologia di" / "cookie"). ``None`` when the line is
    no such line (no piece in a gap, or one that is no label)."""
    if line.blank or not line.fragments:
        return None
    merged = list(cells)
    added: list[HeaderCell] = []
    strong = False
    for fragment in line.fragments:
        under = [k for k, c in enumerate(cells) if _overlaps(fragment, c)]
        if len(under) > 1 or not _few_words_no_name(fragment.text):
            return None
        if under:
            merged[under[0]] = _extended(merged[under[0]], fragment)
            continue
        found = match_header(fragment.text)
        if found is None:
            return None
        strong = strong or found.strong
        added.append(HeaderCell(fragment.text, fragment.x0, fragment.x1, fragment.field))
    if not added or not strong:
        return None
    return sorted([*merged, *added], key=lambda c: c.x0)


def _overlaps(piece: Fragment, cell: HeaderCell) -> bool:
    """Whether a piece of text and a label share some of their width."""
    return piece.x0 < cell.x1 and piece.x1 > cell.x0


def _best_cuts(
    cells: list[HeaderCell], cuts: list[tuple[int, int]], below: tuple[Line, ...], weights: Mapping[str, float]
) -> list[tuple[int, int]]:
    """Of labels' candidate cuts (label ``k`` cut before word ``cut``), those whose labels best fit the full rows
    below, one piece more than the labels: the roles' joint score over the rows' columns (ties all kept)."""
    full = [line for line in below if len(line.fragments) == len(cells) + 1]
    shapes = [column_shape([line.fragments[c].text for line in full]) for c in range(len(cells) + 1)]
    scored = []
    for k, cut in cuts:
        labels = [*(c.text for c in cells[:k]), *_cut_label(cells[k].text, cut), *(c.text for c in cells[k + 1 :])]
        scored.append((round(assign_columns(labels, shapes, weights).score, 6), (k, cut)))
    top = max(score for score, _ in scored)
    best = [(k, cut) for score, (k, cut) in scored if score == top]
    # Labels open with a capital: of cuts that read alike, those before a capitalised word ("Data set" /
    # "Purpose of use", not "Data" / "set Purpose of use").
    capitalised = [(k, cut) for k, cut in best if cells[k].text.split(" ")[cut][:1].isupper()]
    return capitalised or best


def _cut_label(text: str, cut: int) -> tuple[str, str]:
    """A label's words before word ``cut`` and from it on: the two labels a copy ran together."""
    words_of = text.split(" ")
    return " ".join(words_of[:cut]), " ".join(words_of[cut:])


def _cut_tier(words_of: list[str], cut: int) -> int | None:
    """How surely labels run together part before word ``cut``, 0 the surest: a label of a role opens there;
    else a whole label is followed by a capitalised word no lexicon knows ("Fornecedor Para que"); else two
    labels the lexicon knows, however weakly, the second capitalised ("Cookies Cookies used"). ``None``: no
    cut."""
    after = _label_match(" ".join(words_of[cut:]))
    if after is not None and after.strong:
        return 0
    if not words_of[cut][:1].isupper() or (before := _label_match(" ".join(words_of[:cut]))) is None:
        return None
    if before.strong:
        return 1
    return 2 if after is not None else None


def _line_above(lines: tuple[Line, ...], index: int) -> Line | None:
    """The nearest non-blank line of the two above ``index``, if any."""
    return next((lines[j] for j in range(index - 1, max(index - 3, -1), -1) if not lines[j].blank), None)


def _row_goes_on(lines: tuple[Line, ...], index: int, cells: Sequence[HeaderCell]) -> bool:
    """Labels in lower case right under a row of cookie names ("period" / "cookie" under
    "yt-remote-fast-check-" / "Non – essential"): the row's cells going on, not a header (a capitalised
    header may follow a table's last row directly; wrapped cells go on in lower case)."""
    above = _line_above(lines, index)
    return (
        above is not None
        and len(above.fragments) >= 2
        and looks_like_cookie_name(first_name(above.fragments[0].text))
        and header_cells(above) is None
        and all(not c.text[:1].isupper() for c in cells if _label_match(c.text) is not None)
    )


def _wraps_above(line: Line, header: Line) -> bool:
    """A line of label pieces right above a header line, on its page: the first lines of labels that wrap."""
    return (
        not line.blank
        and line.page == header.page
        and len(line.fragments) < len(header.fragments)
        and _is_header_continuation(line)
        and not names_category(line)  # "Functional cookies" over the labels titles the table below
    )


def _prepend(cells: list[HeaderCell], line: Line) -> list[HeaderCell]:
    """The header labels with the pieces of the line above put before the label each stands over."""
    merged = list(cells)
    for f in line.fragments:
        k = _nearest_cell(cells, f)
        c = merged[k]
        merged[k] = HeaderCell(f"{f.text} {c.text}", min(c.x0, f.x0), max(c.x1, f.x1), c.field)
    return merged


def find_heading(lines: tuple[Line, ...], start: int, stop: int) -> str | None:
    """The nearest heading above ``start`` (not above ``stop``).

    Where the reader knows fonts (PDF), a heading is set in bold or larger type than the text around it;
    otherwise it is the nearest heading-like line (short, capitalised, no sentence punctuation at the end).
    """
    index = _heading_index(lines, start, stop)
    return _wrapped_heading(lines, index, start) if index is not None else None


def find_headings(lines: tuple[Line, ...], start: int, stop: int) -> tuple[str | None, tuple[str, ...]]:
    """The nearest heading above ``start`` (not above ``stop``), and the headings of the sections it stands in,
    innermost first: "Google Analytics", under "Analytics cookies" under "Cookie policy".

    Where fonts are known, a section's heading is set in larger type than the headings inside it, however far
    above it stands. Without fonts (text exports) levels are unknown, and only the nearest heading is taken
    (a category line further up may head an earlier section: measured, taking it lost more than it gained),
    unless that is a sentence leading into the table with a colon and naming no category: then the heading
    above it, when that names one.
    """
    index = _heading_index(lines, start, stop)
    heading = _wrapped_heading(lines, index, start) if index is not None else None
    if category_from_text(heading) is None and (lead := _lead_in(lines, start, stop)) is not None:
        index, heading = lead
    if index is None or heading is None:
        return None, ()
    if category_from_text(heading) is None and lines[index].text.rstrip().endswith(":"):
        # A sentence leading into the table that names no category ("The cookies of the tariff calculator
        # are:"): the heading of its section above it does ("Convenience functions").
        section = _heading_index(lines, index, stop)
        titled = _wrapped_heading(lines, section, index) if section is not None else None
        if (
            section is not None
            and category_from_text(titled) is not None
            and not lines[section].text.rstrip().endswith(":")
        ):
            index, heading = section, titled
    size = _line_size(lines[index])
    if size is None:
        return heading, ()
    found: list[str] = []
    for j in range(index - 1, -1, -1):
        line = lines[j]
        above = _line_size(line)
        if (
            above is not None
            and above > size * DEFAULT_HEADING_SIZE_RATIO
            and _one_piece(line)
            and looks_like_heading(line.text.rstrip().rstrip(":"))
        ):
            found.append(_heading_text(line))
            size = above
    return heading, tuple(found)


def _lead_in(lines: tuple[Line, ...], start: int, stop: int) -> tuple[int, str] | None:
    """The paragraph right above a table that leads into it naming its category ("The functional cookies used
    on the site are" / "the following:"), however it wraps: where its first line is, and its text; ``None``
    when the lines above are no such paragraph (one ending without a colon, or naming no category)."""
    last = start - 1
    while last >= stop and lines[last].blank:
        last -= 1
    if last < stop or not _one_piece(lines[last]) or not lines[last].text.rstrip().endswith(":"):
        return None
    first = last
    while (
        first - 1 >= stop
        and last - first + 1 < DEFAULT_MAX_HEADING_LINES
        and not lines[first - 1].blank
        and _one_piece(lines[first - 1])
        and _wraps_on(lines, first - 1)
    ):
        first -= 1
    text = " ".join(lines[j].text.strip() for j in range(first, last + 1)).rstrip(":").rstrip()
    # Only the sentence that leads in speaks of the table ("... The cookies we use on our site are:").
    text = SENTENCE_BREAK.split(text)[-1]
    return (first, text) if category_from_text(text) is not None else None


def _one_piece(line: Line) -> bool:
    """A line of one piece of text, or a section number set apart from its heading ("2.1" + "Analytics")."""
    return len(line.fragments) == 1 or number_set_apart(line)


def number_set_apart(line: Line) -> bool:
    """A line of two pieces, the first a section number ("2.1" + "Analytics cookies")."""
    fragments = line.fragments
    return len(fragments) == 2 and SECTION_NUMBER.fullmatch(fragments[0].text) is not None


def _line_size(line: Line) -> float | None:
    sizes = [f.size for f in line.fragments if f.size is not None]
    return max(sizes) if sizes else None


def _heading_index(lines: tuple[Line, ...], start: int, stop: int) -> int | None:
    # The nearest heading above, up to the table above, however many paragraphs or list items stand under it
    # (within ``DEFAULT_HEADING_LOOKBACK_LINES`` lines).
    indexes = [
        j
        for j in range(start - 1, max(stop, start - DEFAULT_HEADING_LOOKBACK_LINES) - 1, -1)
        if not lines[j].blank and _one_piece(lines[j])
    ]
    window = [lines[j] for j in indexes]
    # "Essential website cookies:": a heading may end with the colon that introduces its table; a sentence
    # leading into a list does not ("For example, we use cookies to:"). A paragraph's first line wrapped ("These
    # cookies are needed for the site and" / "cannot be ...") is none.
    candidates = [
        j
        for j in indexes
        if _heading_like(lines[j].text)
        and header_cells(lines[j]) is None
        and (not _wraps_on(lines, j) or _bold_heading_wraps(lines, j))
    ]
    # A line naming a category right on top of the header row is the table's title, however it is set (a
    # caption, a section row across the table in body type).
    if candidates and candidates[0] == indexes[0] and names_category(lines[candidates[0]]):
        return candidates[0]
    sizes = sorted(f.size for line in window for f in line.fragments if f.size is not None)
    if sizes:
        body = sizes[len(sizes) // 2]
        emphasised = [
            j
            for j in candidates
            if any(f.bold or (f.size or 0) > body * DEFAULT_HEADING_SIZE_RATIO for f in lines[j].fragments)
        ]
        return emphasised[0] if emphasised else None
    return candidates[0] if candidates else None


def _bold_heading_wraps(lines: tuple[Line, ...], index: int) -> bool:
    """Whether a bold line goes on in the same bold type on the next line: a heading wrapped ("Cookies that
    help us understand the site with" / "analytics"), not a paragraph."""
    line, below = lines[index], lines[index + 1] if index + 1 < len(lines) else None
    if below is None or len(below.fragments) != 1 or not all(f.bold for f in line.fragments):
        return False
    return _line_size(line) is not None and _set_alike(line, below)


def _set_alike(upper: Line, lower: Line) -> bool:
    """Whether two lines are set in the same type: one size, bold or not alike (first pieces)."""
    return _line_size(upper) == _line_size(lower) and upper.fragments[0].bold == lower.fragments[0].bold


def _heading_like(text: str) -> bool:
    """A line set like a heading: it may end with the colon that introduces its table ("Essential website
    cookies:"), where a sentence leading into a list does not ("For example, we use cookies to:")."""
    return looks_like_heading(text.rstrip().rstrip(":")) and not _leads_in(text)


def _leads_in(text: str) -> bool:
    """A sentence leading into a list: a colon after a connector word ("For example, we use cookies to:")."""
    text = text.rstrip()
    return text.endswith(":") and ends_open(text[:-1])


def _wraps_on(lines: tuple[Line, ...], index: int) -> bool:
    """Whether a line is a paragraph's line going on to the next: as long as a paragraph's line, with the next
    line opening in lower case right below it (a short heading stays one: under it, a dump's next line may be a
    cell in lower case)."""
    text = lines[index].text
    if word_count(text) < DEFAULT_PARAGRAPH_LINE_WORDS:
        return False
    below = lines[index + 1] if index + 1 < len(lines) else None
    return below is not None and not below.blank and below.text[:1].islower()


def _wrapped_heading(lines: tuple[Line, ...], index: int, start: int) -> str:
    """A heading's text with the lines it wrapped onto ("Advertising, recommendations, insights" / "and
    measurement"): right below it, one piece each, set in the same type (where fonts are known) or going on
    after a line left open (in text)."""
    texts = [_heading_text(lines[index])]
    size = _line_size(lines[index])
    j = index + 1
    while j < start and len(texts) < DEFAULT_MAX_HEADING_LINES:
        below = lines[j]
        if below.blank or len(below.fragments) != 1 or header_cells(below) is not None:
            break
        if size is not None:
            if not _set_alike(lines[j - 1], below):
                break
        elif not ends_open(lines[j - 1].text):
            break
        texts.append(_heading_text(below))
        j += 1
    return " ".join(texts)


def _heading_text(line: Line) -> str:
    return line.text.rstrip().rstrip(":").rstrip()


def names_category(line: Line) -> bool:
    """A short heading-like line naming a consent category ("Marketing", "Analytics cookies"): it may head
    the next table."""
    return (
        word_count(line.text) <= DEFAULT_SECTION_WORDS
        and looks_like_heading(line.text)
        and category_from_text(line.text) is not None
    )


def titles_category(lines: tuple[Line, ...], index: int) -> bool:
    """A line set like a title, naming a consent category ("Functional and analytics cookies"), however it is
    set (a paragraph of its own): not a paragraph's first line that mentions one and goes on below."""
    line = lines[index]
    return (
        _one_piece(line)
        and looks_like_heading(line.text)
        and category_from_text(line.text) is not None
        and not _wraps_on(lines, index)
    )


def is_new_heading(line: Line, table_lines: tuple[Line, ...]) -> bool:
    """A heading-like line after a table, unless it is that table's content.

    Content, not heading: text that already stood alone in the table above (a wrapped "Cookie" in a type
    column), or, with real positions, text indented into the table's columns.
    """
    if not _one_piece(line) or not _heading_like(line.text):
        return False
    if any(len(b.fragments) == 1 and b.text == line.text for b in table_lines):
        return False
    if line.fragments[0].field is None:
        left = min((b.fragments[0].x0 for b in table_lines if not b.blank), default=0.0)
        unit = max((f.x1 - f.x0) / max(display_width(f.text), 1) for f in line.fragments)
        if line.fragments[0].x0 > left + 2 * unit and not (
            names_category(line) and _centred_over(line, table_lines, unit)
        ):
            return False
    return True


def _centred_over(line: Line, table_lines: tuple[Line, ...], unit: float) -> bool:
    """Whether a line stands centred over a table's lines (a caption), within two character widths or
    ``DEFAULT_CENTRE_SHARE`` of the table's width (a text browser centres over the cells' padding too)."""
    extents = [b.extent for b in table_lines if b.extent is not None]
    if not extents:
        return False
    left, right = min(e[0] for e in extents), max(e[2] for e in extents)
    return centred_between(line, left, right, max(2 * unit, DEFAULT_CENTRE_SHARE * (right - left)))


def centred_between(line: Line, left: float, right: float, tolerance: float) -> bool:
    """Whether a line's middle stands within ``tolerance`` of the middle of ``left``..``right``."""
    if line.extent is None:
        return False
    return abs((line.extent[0] + line.extent[2]) / 2 - (left + right) / 2) <= tolerance


def find_tables(lines: tuple[Line, ...], weights: Mapping[str, float] | None = None) -> list[TableRegion]:
    """Cut a document's lines into table regions, one per header row (see ``find_header_rows``)."""
    headers = find_header_rows(lines, weights)
    regions: list[TableRegion] = []
    for k, (start, after, header) in enumerate(headers):
        end = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        regions.append(TableRegion(header, start, after, lines[after:end], lines[end : end + 1]))
    return regions
