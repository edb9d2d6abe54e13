"""Durations: "13 months", "2 ans", "Sitzungsende", "Up to 12 months" -> seconds, kind and ISO 8601.

Convention: a year is 365 days and a month 30 days when counted in seconds (the ISO form keeps the unit the
policy used: "13 months" is ``P13M``). A range ("1 week to 1 year") counts by its upper end; a duration after
some event ("2 years after last activity") by its length. Session cookies have no length (``None`` seconds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor import lexicon
from extractor.model import DurationKind
from extractor.shapes import DATE, PERSISTENT_PHRASE, QUANTITY, SESSION_PHRASE, UNKNOWN_PHRASE

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
MONTH = 30 * DAY
YEAR = 365 * DAY

# unit name (the lexicon's ``units`` keys) -> (seconds, ISO 8601 designator, in the time part)
UNIT_SECONDS: dict[str, tuple[int, str, bool]] = {
    "second": (1, "S", True),
    "minute": (MINUTE, "M", True),
    "hour": (HOUR, "H", True),
    "day": (DAY, "D", False),
    "week": (WEEK, "W", False),
    "month": (MONTH, "M", False),
    "year": (YEAR, "Y", False),
}
# What may stand between the parts of one duration written in full ("1 year, 1 month and 4 days").
PART_GAP = re.compile(
    r"^(?:\s|,|"
    + "|".join(re.escape(w) for w in sorted(lexicon.words("list_connectors"), key=len, reverse=True))
    + r")*$"
)


@dataclass(frozen=True)
class Duration:
    """A parsed duration: its kind, its length in seconds (``None`` for sessions or when not stated), and
    the ISO 8601 form of that length."""

    kind: DurationKind
    seconds: int | None
    iso: str | None

    @property
    def parsed(self) -> bool:
        return self.kind != "unknown"


UNKNOWN = Duration("unknown", None, None)


def _quantities(folded: str, language: str | None = None) -> list[list[tuple[float, str]]]:
    """Every "number unit" of folded text as (count, unit name), grouped into the durations they make: parts
    written one after another ("1 year 1 month 4 days") are one duration; "1 week to 1 year" is two. A unit
    word two languages read differently is read in ``language`` (the document's) when it has it."""
    groups: list[list[tuple[float, str]]] = []
    end = None
    units, numbers = lexicon.unit_words(language), lexicon.number_words()
    for match in QUANTITY.finditer(folded):
        number = match.group("number")
        count = float(number.replace(",", ".")) if number[:1].isdigit() else float(numbers[number])
        part = (count, units[match.group("unit")])
        if (
            end is not None
            and groups
            and PART_GAP.match(folded[end : match.start()])
            and part[1] not in {u for _, u in groups[-1]}
        ):
            groups[-1].append(part)
        else:
            groups.append([part])
        end = match.end()
    return groups


def _seconds(parts: list[tuple[float, str]]) -> int:
    return round(sum(count * UNIT_SECONDS[unit][0] for count, unit in parts))


def _iso(parts: list[tuple[float, str]]) -> str:
    date = time = ""
    order = list(UNIT_SECONDS)[::-1]
    for count, unit in sorted(parts, key=lambda part: order.index(part[1])):
        _, designator, time_part = UNIT_SECONDS[unit]
        value = int(count) if count == int(count) else count
        if time_part:
            time += f"{value}{designator}"
        else:
            date += f"{value}{designator}"
    return "P" + date + (f"T{time}" if time else "")


def parse_duration(text: str | None, language: str | None = None) -> Duration:
    """Read a duration cell in any language of the lexicon: "13 months", "2 år", "6 měsíců", "12 mėnesių",
    "1 year 1 month 4 days", "Session", "Until the browser is closed". ``language`` (ISO 639-1, the
    document's) decides a unit word languages read differently ("2 години": hours in Ukrainian, years in
    Bulgarian).

    Returns ``Duration("unknown", None, None)`` for text that states no duration ("Unknown", "Varies", a
    word that is not a duration).
    """
    if text is None:
        return UNKNOWN
    folded = lexicon.fold(text, keep_punctuation=True)
    if UNKNOWN_PHRASE.match(folded):
        return UNKNOWN
    groups = _quantities(folded, language)
    if groups:
        longest = max(groups, key=_seconds)
        return Duration("persistent", _seconds(longest), _iso(longest))
    if SESSION_PHRASE.search(folded):
        return Duration("session", None, None)
    if PERSISTENT_PHRASE.search(folded) or DATE.search(folded):
        return Duration("persistent", None, None)
    return UNKNOWN


def is_stated_unknown(text: str | None) -> bool:
    """Whether the text says the duration is unknown or varies (a reading, not a failure to read)."""
    return text is not None and bool(UNKNOWN_PHRASE.match(lexicon.fold(text, keep_punctuation=True)))
