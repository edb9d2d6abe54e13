"""Cookies given as lists rather than tables: one "card" per cookie, each a run of labelled lines
("Name: _ga" / "Purpose: Distinguishes users." / "Duration: 2 years"), the label naming the column.

A card opens with a line whose label names the cookie (the name role); a line with no label goes on with the
value above it; a card ends at a blank run or a line that is neither. The labels of the cards make the header
of one table, in the order they first appear.

A card may also open with the cookie's name standing alone as its title ("_ga", then "Purpose: ..." /
"Expiry: ..."): its labels need not be words of the lexicon, since every card repeats them and the values under
one label read as one column does (sentences, durations, providers); the roles are chosen from both, as a table's
columns are (``roles.assign_columns``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from extractor.layout.regions import find_headings
from extractor.lexicon import fold
from extractor.model import Line, Role, Row, Table
from extractor.roles import assign_columns, column_shape, header_language, match_header
from extractor.settings import LAYOUT_WEIGHTS
from extractor.shapes import first_name, has_name_marks, has_strong_name_marks, looks_like_cookie_name

# "Label: value" with a short label ("Cookie name: _ga", "Durée de conservation : 13 mois").
LABELLED = re.compile(r"^\s*(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>\S.*)?$")
# The bullet a text export puts before a list item ("  • Purpose: ...").
BULLET = re.compile(r"^\s*[•·▪◦○●‣∙*–-]\s+")
# Cards make a table only when there are at least this many, or one card of this many roles.
DEFAULT_MIN_CARDS = 2
DEFAULT_FULL_CARD_ROLES = 3
# Blank lines a card may hold between its labelled lines.
DEFAULT_MAX_BLANK_RUN = 1
# Of the cards' names, at least this share marked as cookie names (_, digits, capitals, camelCase).
DEFAULT_MARKED_SHARE = 0.5
# A label of no role of ours has at most this many words ("Country", "Service").
DEFAULT_OTHER_LABEL_WORDS = 3
# A label standing apart from its value has at most this many words ("Cookie name", "Durée de conservation").
DEFAULT_LABEL_WORDS = 4
# How sure a row read from a card is: the labels say where each value goes, the list where a cookie starts.
DEFAULT_CARD_CONFIDENCE = 0.9
# A card titled by its cookie's name: the values' roles may come from what they hold rather than their labels.
DEFAULT_TITLED_CARD_CONFIDENCE = 0.8
# A titled card says at least this many things of its cookie (labelled lines).
DEFAULT_MIN_TITLED_FIELDS = 2
# A card titled by what sets its cookies ("Google Analytics (GA4)") has at most this many words in its title.
DEFAULT_TITLE_WORDS = 6
# A value goes on onto the next line only when its line had no room left for that line's first word: the line
# reached past this share of the page's text width (a short value followed by a heading did not wrap).
DEFAULT_CARD_WRAP_FIT = 0.85


@dataclass
class _Card:
    page: int
    values: dict[Role, list[str]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


def _labelled(line: Line) -> tuple[Role, str, str] | None:
    """The role, label and value of a labelled line: "Label: value", or a label and its value standing apart
    on one line (a key/value table of one cookie: "Name" | "_ga")."""
    found = LABELLED.match(line.text)
    if found is not None:
        label, value = found.group("label"), found.group("value") or ""
    elif len(line.fragments) == 2 and len(line.fragments[0].text.split()) <= DEFAULT_LABEL_WORDS:
        label, value = line.fragments[0].text, line.fragments[1].text
    else:
        return None
    match = match_header(label)
    if match is None or match.role == "other":
        return None
    return match.role, label, value


def _other_label(line: Line) -> bool:
    """A labelled line whose label is a short capitalised phrase naming no role ("Country: Czechia")."""
    found = LABELLED.match(line.text)
    if found is None or found.group("value") is None:
        return False
    label = found.group("label").strip()
    return label[:1].isupper() and len(label.split()) <= DEFAULT_OTHER_LABEL_WORDS


def card_tables(
    lines: tuple[Line, ...],
    used: set[tuple[int, int]],
    first_index: int,
    weights: Mapping[str, float] | None = None,
    wrapped: bool = True,
) -> list[Table]:
    """Tables of cards among the lines no other table used, numbered from ``first_index``: cards that label
    their cookie's name, then cards titled by it or by what sets the cookies it lists (``weights``: the layout
    weights that score a column's role; ``wrapped``: the lines may be a paragraph's wrapped lines, as in a PDF
    or a text export, not blocks of markup)."""
    labelled = _labelled_card_tables(lines, used, first_index)
    taken = used.union(*(table.source_lines for table in labelled))
    titled = _titled_card_tables(lines, taken, first_index + len(labelled), weights or LAYOUT_WEIGHTS, wrapped)
    return [*labelled, *titled]


def _labelled_card_tables(lines: tuple[Line, ...], used: set[tuple[int, int]], first_index: int) -> list[Table]:
    """Tables of cards whose name is one of their labelled lines ("Name: _ga")."""
    tables: list[Table] = []
    cards: list[_Card] = []
    labels: dict[Role, str] = {}
    start = 0
    last: Role | None = None
    blank_run = 0

    def close() -> None:
        nonlocal cards, labels
        if (len(cards) >= DEFAULT_MIN_CARDS or _full_card(cards)) and _names_cookies(cards):
            tables.append(_table(lines, start, first_index + len(tables), cards, labels))
        cards, labels = [], {}

    for index, line in enumerate(lines):
        if line.blank:
            blank_run += 1
            if blank_run > DEFAULT_MAX_BLANK_RUN:
                close()
                last = None
            continue
        # A value wraps onto the very next line; after a blank line, text without a label ends the card.
        wraps = blank_run == 0
        blank_run = 0
        labelled = None if (line.page, line.number) in used else _labelled(line)
        if labelled is not None and labelled[0] == "name" and not labelled[2]:
            labelled = None  # "Essential cookies:": a heading over cards, not a card without a name
        elif labelled is not None and cards and labelled[0] != "name" and labelled[0] in cards[-1].values:
            labelled = None  # "Service:" after "Provider:": a second label of one role, the first one holds
        if labelled is None and cards and _other_label(line):
            # "Country: Czechia": a label of no role of ours; its value is no part of the one above.
            cards[-1].lines.append(line.number)
            last = None
            continue
        if labelled is not None:
            role, label, value = labelled
            if role == "name" or not cards or role in cards[-1].values:
                if role != "name":
                    close()
                    last = None
                    continue
                if not cards:
                    start = index
                cards.append(_Card(line.page))
            labels.setdefault(role, label)
            cards[-1].values.setdefault(role, []).append(value)
            cards[-1].lines.append(line.number)
            last = role
        elif cards and last is not None and wraps and (line.page, line.number) not in used:
            cards[-1].values[last].append(line.text)  # a value wrapped onto the next line
            cards[-1].lines.append(line.number)
        else:
            close()
            last = None
    close()
    return tables


def _full_card(cards: list[_Card]) -> bool:
    """One card alone makes a table when it says enough of a name no word has: a section of one cookie."""
    return (
        len(cards) == 1
        and len(cards[0].values) >= DEFAULT_FULL_CARD_ROLES
        and has_strong_name_marks(first_name(" ".join(cards[0].values.get("name", []))))
    )


def _names_cookies(cards: list[_Card]) -> bool:
    """Cards of cookies: each names one cookie-shaped token, most of them marked as names ("_ga",
    "PHPSESSID"), and says something else of it (a list of people or addresses is no such thing)."""
    names = [" ".join(card.values.get("name", [])) for card in cards]
    if not all(looks_like_cookie_name(first_name(n)) for n in names):
        return False
    if not all(len(card.values) >= 2 for card in cards):
        return False
    return sum(has_name_marks(first_name(n)) for n in names) >= DEFAULT_MARKED_SHARE * len(names)


def _table(lines: tuple[Line, ...], start: int, index: int, cards: list[_Card], labels: dict[Role, str]) -> Table:
    roles = tuple(labels)
    rows = tuple(
        Row(
            tuple("\n".join(card.values[role]) if role in card.values else None for role in roles),
            card.page,
            tuple(card.lines),
            DEFAULT_CARD_CONFIDENCE,
        )
        for card in cards
    )
    headers = tuple(labels[role] for role in roles)
    heading, sections = find_headings(lines, start, 0)
    return Table(
        index=index,
        page=cards[0].page,
        heading=heading,
        sections=sections,
        headers=headers,
        columns=roles,
        rows=rows,
        language=header_language(list(headers)),
        method="cards",
        explanation=tuple(f"column {k} {labels[r]!r}: {r} (a label of each card)" for k, r in enumerate(roles)),
    )


@dataclass
class _TitledCard:
    page: int
    name: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


def _field(line: Line) -> tuple[str, str] | None:
    """The label and value of a labelled line ("Tilgangur: Geymir ...", "• Expiry: 2 years"), whatever the
    label's words."""
    found = LABELLED.match(BULLET.sub("", line.text, count=1))
    if found is None or not found.group("value"):
        return None
    label = found.group("label").strip()
    if not label[:1].isalpha() or len(label.split()) > DEFAULT_LABEL_WORDS:
        return None
    return label, found.group("value").strip()


def _title(line: Line) -> str | None:
    """A card's title: the cookie name a line holds alone ("_ga", "PHPSESSID"), or a short phrase naming what
    sets the cookies the card lists ("Google Analytics (GA4)"), no sentence and no label."""
    text = line.text.strip()
    if line.blank or _field(line) is not None or text.endswith((".", ":", "?", "!")):
        return None
    if " " not in text and looks_like_cookie_name(text):
        return text
    return text if len(text.split()) <= DEFAULT_TITLE_WORDS and text[:1].isupper() else None


def _titled_card_tables(
    lines: tuple[Line, ...],
    used: set[tuple[int, int]],
    first_index: int,
    weights: Mapping[str, float],
    wrapped: bool = True,
) -> list[Table]:
    """Tables of cards titled by their cookie's name, each a run of such cards (a heading or a paragraph ends
    the run). After the first card, a title counts only where the first label of the run follows it: a word
    alone on a line inside a wrapped value opens no card."""
    tables: list[Table] = []
    cards: list[_TitledCard] = []
    start = 0
    last: str | None = None
    blank_run = 0
    extents = _page_extents(lines)

    def close() -> None:
        nonlocal cards
        table = _titled_table(lines, start, first_index + len(tables), cards, weights)
        if table is not None:
            tables.append(table)
        cards = []

    def next_field(index: int) -> tuple[str, str] | None:
        for line in lines[index + 1 :]:
            if not line.blank:
                return _field(line)
        return None

    for index, line in enumerate(lines):
        if (line.page, line.number) in used:
            close()
            last = None
            continue
        if line.blank:
            blank_run += 1
            continue
        wraps = blank_run == 0
        blank_run = 0
        title = _title(line)
        coming = next_field(index) if title is not None else None
        # The run's first label, folded as the fields' keys are.
        first_label = next(iter(cards[0].fields), None) if cards else None
        if title is not None and coming is not None and (first_label is None or fold(coming[0]) == first_label):
            if cards and len(cards[-1].fields) < DEFAULT_MIN_TITLED_FIELDS:
                cards.pop()  # a title with too little under it was no card
            if not cards:
                start = index
            cards.append(_TitledCard(line.page, title, lines=[line.number]))
            last = None
            continue
        found = _field(line) if cards else None
        if found is not None and fold(found[0]) not in cards[-1].fields:
            label, value = found
            key = fold(label)
            cards[-1].fields[key] = [value]
            cards[-1].labels.setdefault(key, label)
            cards[-1].lines.append(line.number)
            last = key
        elif (
            cards
            and last is not None
            and wraps
            and wrapped
            and _had_no_room(lines[index - 1], line, extents[line.page])
        ):
            cards[-1].fields[last].append(line.text)  # a value wrapped onto the next line
            cards[-1].lines.append(line.number)
        else:
            close()
            last = None
    close()
    return tables


def _page_extents(lines: tuple[Line, ...]) -> dict[int, tuple[float, float]]:
    """The left and right edges of each page's text."""
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        if line.blank:
            continue
        left, right = extents.get(line.page, (line.fragments[0].x0, line.fragments[-1].x1))
        extents[line.page] = (min(left, line.fragments[0].x0), max(right, line.fragments[-1].x1))
    return extents


def _had_no_room(before: Line, line: Line, extent: tuple[float, float]) -> bool:
    """Whether the line before had no room left for this line's first word, so that the word wrapped (a line
    standing left of the one before, a heading out of a list, did not)."""
    if before.blank or line.blank:
        return False
    last = before.fragments[-1]
    unit = (last.x1 - last.x0) / max(len(last.text), 1)
    if line.fragments[0].x0 < before.fragments[0].x0 - unit:
        return False
    word = line.text.split(" ", 1)[0]
    left, right = extent
    return last.x1 + unit * (len(word) + 1) > left + DEFAULT_CARD_WRAP_FIT * (right - left)


def _titled_table(
    lines: tuple[Line, ...], start: int, index: int, cards: list[_TitledCard], weights: Mapping[str, float]
) -> Table | None:
    """The table of a run of titled cards, or ``None`` when they are too few or name no cookies.

    Where a label's values read as the names (a service's card listing "Cookies: _ga, _gid"), the titles say
    what sets them (a column of no role of ours); else the titles are the names, most of them marked as such.
    """
    cards = [card for card in cards if len(card.fields) >= DEFAULT_MIN_TITLED_FIELDS]
    if len(cards) < DEFAULT_MIN_CARDS:
        return None
    keys: list[str] = []
    for card in cards:
        keys.extend(key for key in card.fields if key not in keys)
    labels = [next(card.labels[key] for card in cards if key in card.labels) for key in keys]
    values = [[" ".join(card.fields[key]) if key in card.fields else None for card in cards] for key in keys]
    chosen = assign_columns(labels, [column_shape(column) for column in values], weights)
    titles: Role = "other" if "name" in chosen.roles else "name"
    if titles == "name":
        names = [card.name for card in cards]
        if sum(map(has_name_marks, names)) < DEFAULT_MARKED_SHARE * len(names):
            return None
    else:
        column = values[chosen.roles.index("name")]
        if not all(cell and looks_like_cookie_name(first_name(cell)) for cell in column):
            return None
    roles: tuple[Role, ...] = (titles, *chosen.roles)
    rows = tuple(
        Row(
            (card.name, *("\n".join(card.fields[key]) if key in card.fields else None for key in keys)),
            card.page,
            tuple(card.lines),
            DEFAULT_TITLED_CARD_CONFIDENCE,
        )
        for card in cards
    )
    headers = ("", *labels)
    heading, sections = find_headings(lines, start, 0)
    return Table(
        index=index,
        page=cards[0].page,
        heading=heading,
        sections=sections,
        headers=headers,
        columns=roles,
        rows=rows,
        language=header_language(labels),
        method="cards",
        explanation=(
            f"column 0: {titles} (each card's title)",
            *(
                f"column {k} {label!r}: {role} (the label of each card and the values under it)"
                for k, (label, role) in enumerate(zip(labels, chosen.roles, strict=True), start=1)
            ),
        ),
    )
