"""Durations: "13 months", "2 ans", "Sitzungsende", "Up to 12 months" -> seconds, kind and ISO 8601.

Convention: a year is 365 days and a month 30 days when counted in seconds (the ISO form keeps the unit the
policy used: "13 months" is ``P13M``). A range ("1 week to 1 year") counts by its upper end; a duration after
some event ("2 years after last activity") by its length. Session cookies have no length (``None`` seconds).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

DurationKind = Literal["session", "persistent", "unknown"]

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
MONTH = 30 * DAY
YEAR = 365 * DAY

# unit word (folded: lower case, no accents) -> (seconds, ISO designator, in the time part)
UNITS: dict[str, tuple[int, str, bool]] = {}
for _words, _value in (
    (
        "s sec secs second seconds seconde secondes sekunde sekunden segundo segundos secondo secondi seconden "
        "sekund sekundy",
        (1, "S", True),
    ),
    ("min mins minute minutes minuten minuto minutos minuti minut minuty", (MINUTE, "M", True)),
    (
        "h hr hrs hour hours heure heures stunde stunden hora horas ora ore uur uren godzina godziny godzin",
        (HOUR, "H", True),
    ),
    ("d day days jour jours tag tage tagen dia dias giorno giorni dag dagen dzien dni doba", (DAY, "D", False)),
    (
        "w wk wks week weeks semaine semaines woche wochen semana semanas settimana settimane weken tydzien "
        "tygodnie tygodni",
        (WEEK, "W", False),
    ),
    (
        "mo mos month months mois monat monate monaten mes meses mese mesi maand maanden miesiac miesiace miesiecy",
        (MONTH, "M", False),
    ),
    (
        "y yr yrs year years an ans annee annees jahr jahre jahren ano anos anno anni jaar jaren rok lata lat",
        (YEAR, "Y", False),
    ),
):
    for _word in _words.split():
        UNITS[_word] = _value

NUMBER_WORDS: dict[str, int] = {}
for _words, _number in (
    ("a an one un une ein eine einem einer uno una un' een jeden jedna", 1),
    ("two deux zwei dos due twee dwa dwie", 2),
    ("three trois drei tres tre drie trzy", 3),
    ("four quatre vier cuatro quattro cztery", 4),
    ("five cinq funf cinco cinque vijf piec", 5),
    ("six seis sei zes szesc", 6),
    ("seven sept sieben siete sette zeven", 7),
    ("eight huit acht ocho otto", 8),
    ("nine neuf neun nueve nove negen", 9),
    ("ten dix zehn diez dieci tien", 10),
    ("twelve douze zwolf doce dodici twaalf", 12),
    ("thirteen treize dreizehn trece tredici dertien", 13),
    ("eighteen dix-huit achtzehn", 18),
    ("twenty vingt zwanzig veinte venti twintig", 20),
    ("thirty trente dreissig treinta trenta dertig", 30),
):
    for _word in _words.split():
        NUMBER_WORDS[_word] = _number

SESSION_WORDS = re.compile(
    r"\b(?:session|sessions|seesion|sessione|sesion|sessie|sitzung|sitzungsende|browsersitzung|sesja|sesji|"
    r"end of (?:the )?(?:browser )?session|browser (?:is )?closed|closing the browser|fermeture du navigateur|"
    r"fin de (?:la )?session|duree de la session|immediately removed|deleted when|until .*(?:close|logout|log out))"
)
PERSISTENT_WORDS = re.compile(
    r"\b(?:persistent|persistant|persistente|permanent|permanente|forever|unlimited|illimite|unbegrenzt|"
    r"no expiration|never expires|dauerhaft|blijvend|stala)\b"
)
UNKNOWN_WORDS = re.compile(
    r"^(?:unknown|varies|various|variable|undefined|n/?a|-|none|inconnu|variable|unbekannt|desconocido|"
    r"sconosciuto|onbekend)?$"
)
DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b"
)
QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?|[a-z'-]+)\s*-?\s*([a-z]+)")


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


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")
    return " ".join(plain.replace("ł", "l").split())


def _quantities(text: str) -> list[tuple[float, str]]:
    """Every "number unit" in the text, as (count, unit word)."""
    found: list[tuple[float, str]] = []
    for match in QUANTITY.finditer(text):
        number, unit = match.group(1), match.group(2)
        if unit not in UNITS:
            continue
        if number[:1].isdigit():
            found.append((float(number.replace(",", ".")), unit))
        elif number in NUMBER_WORDS:
            found.append((float(NUMBER_WORDS[number]), unit))
    return found


def _iso(count: float, unit: str) -> str:
    _, designator, time_part = UNITS[unit]
    value = int(count) if count == int(count) else count
    return f"PT{value}{designator}" if time_part else f"P{value}{designator}"


def parse_duration(text: str | None) -> Duration:
    """Read a duration cell in English, French, German, Spanish, Italian, Dutch or Polish.

    Returns ``Duration("unknown", None, None)`` for text that states no duration ("Unknown", "Varies", a
    word that is not a duration).
    """
    if text is None:
        return UNKNOWN
    folded = _fold(text)
    if UNKNOWN_WORDS.match(folded):
        return UNKNOWN
    quantities = _quantities(folded)
    if quantities:
        count, unit = max(quantities, key=lambda q: q[0] * UNITS[q[1]][0])
        return Duration("persistent", round(count * UNITS[unit][0]), _iso(count, unit))
    if SESSION_WORDS.search(folded):
        return Duration("session", None, None)
    if PERSISTENT_WORDS.search(folded) or DATE.search(folded):
        return Duration("persistent", None, None)
    return UNKNOWN


def is_stated_unknown(text: str | None) -> bool:
    """Whether the text says the duration is unknown or varies (a reading, not a failure to read)."""
    return text is not None and bool(UNKNOWN_WORDS.match(_fold(text)))
