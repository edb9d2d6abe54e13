"""Cookies given as lists rather than tables: one "card" per cookie, each a run of labelled lines
("Name: _ga" / "Purpose: Distinguishes users." / "Duration: 2 years"), the label naming the column.

A card opens with a line whose label names the cookie (the name role); a line with no label goes on with the
value above it; a card ends at a blank run or a line that is neither. The labels of the cards make the header
of one table, in the order they first appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.layout.regions import find_heading
from extractor.model import Line, Role, Row, Table
from extractor.roles import header_language, match_header
from extractor.shapes import first_name, has_name_marks, has_strong_name_marks, looks_like_cookie_name

# "Label: value" with a short label ("Cookie name: _ga", "Durée de conservation : 13 mois").
LABELLED = re.compile(r"^\s*(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>\S.*)?$")
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


def card_tables(lines: tuple[Line, ...], used: set[tuple[int, int]], first_index: int) -> list[Table]:
    """Tables of cards among the lines no other table used, numbered from ``first_index``."""
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
    return Table(
        index=index,
        page=cards[0].page,
        heading=find_heading(lines, start, 0),
        headers=headers,
        columns=roles,
        rows=rows,
        language=header_language(list(headers)),
        method="cards",
        explanation=tuple(f"column {k} {labels[r]!r}: {r} (a label of each card)" for k, r in enumerate(roles)),
    )
