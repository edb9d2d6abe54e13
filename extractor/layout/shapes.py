"""What cell text looks like: cookie names, durations, prose, headings. Shared by the layout stages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.model import Role

# A cookie name is one token: letters, digits and the punctuation names use ("_ga_<container-id>",
# "_pk_id.*", "pagead/1p-user-list/#", "CONSENT [x3]").
COOKIE_TOKEN = re.compile(r"^[\w.*<>#$@%&+\-/:\[\]{}|~^!?=]+(?: \[x?\d+\])?$", re.UNICODE)
# Marks that only cookie names carry: "_", "*", "<>", "#", "/", a dot or digit inside the token, camelCase,
# three capitalised humps ("AnalyticsSyncHistory"; two are a brand: "LinkedIn"), lower-case-hyphen-words.
STRONG_NAME_MARKS = re.compile(
    r"[_*<>#\[\]/]|\w\.\w|[A-Za-z]\d|\d[A-Za-z]|^[a-z]+[A-Z]|^[A-Z][a-z]+[A-Z][a-z0-9]+[A-Z]"
    r"|^[a-z0-9]+(?:-[a-z0-9]+){2,}$"
)
# Capitals only ("IDE", "MUID"): a cookie name in a name column, but also an acronym inside a sentence.
CAPITALS_NAME = re.compile(r"^(?=.*[A-Z])[A-Z0-9_]{2,}$")
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|"
    "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|treize|ein|eine|einem|einer|zwei|drei|vier|"
    "fünf|sechs|zwölf|dreizehn|uno|una|dos|tres|cuatro|cinco|seis|doce|trece|due|tre|quattro|cinque|"
    "dodici|tredici|een|twee|drie|vijf|zes|twaalf|dertien|a|an"
)
UNITS = (
    r"s|secs?|seconds?|secondes?|secondi|secondo|segundos?|seconden|sekunden?|"
    r"mins?|minutes?|minuten|minuti|minuto|minutos|minuut|h|hrs?|hours?|heures?|stunden?|horas?|ore|ora|uur|"
    r"d|days?|jours?|tage?n?|d[ií]as?|giorni|giorno|dagen|dag|w|weeks?|semaines?|wochen?|semanas?|"
    r"settimane?|weken|week|months?|mois|monate?n?|meses|mes|mesi|mese|maanden|maand|y|yrs?|years?|ans?|"
    r"années?|jahre?n?|años?|anni|anno|jaar|jaren|miesi[aą]c[ea]?|miesięcy|lat|rok|dni|dzie[nń]|godzin[ay]?"
)
DURATION = re.compile(
    rf"^(?:(?:up to|max(?:imum)?\.?|jusqu'?à|bis zu|hasta|fino a|tot|do|approx\.?|about|ca\.?)\s+)?"
    rf"(?:\d+(?:[.,]\d+)?\s*|(?:{NUMBER_WORDS})\s+)(?:{UNITS})\b",  # "2y", "two years"; not "and", "as"
    re.IGNORECASE,
)
# The number a duration starts with, when its unit went to the next line ("Up to two" / "years", "24" / "hours").
DURATION_HEAD = re.compile(
    rf"(?:(?:up to|max(?:imum)?\.?|jusqu'?à|bis zu|hasta|fino a|tot|do|approx\.?|about|ca\.?)\s+)?"
    rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})",
    re.IGNORECASE,
)
SESSION = re.compile(
    r"^(?:session|sessione|sesi[oó]n|sessie|sitzung|sitzungsende|end of (?:the )?session|"
    r"at (?:the )?end of (?:the )?session|fin de (?:la )?session|persistent|permanent|"
    r"sesja|sesji|browsersitzung|when the browser (?:is )?closed|until .+|jusqu.+|deleted (?:when|after|on)\b.*|"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?!\w)",
    re.IGNORECASE,
)
# Words a duration written out opens with, when the rest went to the next lines ("Until" / "the browser ...").
DURATION_OPENER = re.compile(
    r"(?:until|up to|jusqu|bis|hasta|fino|tot|deleted|expires?|at the end|end of|when|after|während|durant)\b",
    re.IGNORECASE,
)
DEFAULT_MAX_HEADING_CHARS = 80
DEFAULT_MAX_HEADING_WORDS = 12
CONNECTORS = frozenset(
    "de du des la le les of the a an and et und y e en van het der die das del della di da à au aux to for "
    "by with from in on at or as into than that which your our its their par pour avec sur dans von mit für "
    "zu bei auf con per su por para".split()
)


def looks_like_cookie_name(text: str) -> bool:
    """One token (or a name with a counter suffix) that could be a cookie name."""
    return bool(COOKIE_TOKEN.match(text.strip()))


def has_name_marks(text: str) -> bool:
    """A token that is surely a cookie name, not a word: it has ``_``, digits, dots, camelCase, capitals..."""
    token = text.strip()
    return has_strong_name_marks(token) or (looks_like_cookie_name(token) and bool(CAPITALS_NAME.match(token)))


def has_strong_name_marks(text: str) -> bool:
    """A token no sentence would hold: ``_``, ``*``, a dot or digit inside a word, camelCase."""
    token = text.strip()
    return looks_like_cookie_name(token) and not token.isdigit() and bool(STRONG_NAME_MARKS.search(token))


def looks_like_duration(text: str) -> bool:
    """A duration cell: "13 months", "Session", "One year", "2 ans", "Up to 12 months"."""
    text = text.strip()
    return bool(DURATION.match(text) or SESSION.match(text))


def word_count(text: str) -> int:
    return len(text.split())


def looks_like_heading(text: str) -> bool:
    """A short title line: capitalised, a few words, no sentence punctuation at the end."""
    text = text.strip().lstrip("#").strip()
    if not text or len(text) > DEFAULT_MAX_HEADING_CHARS or word_count(text) > DEFAULT_MAX_HEADING_WORDS:
        return False
    if text[-1] in ".:;,!" or text.startswith(("•", "*", "-", "–", "·", "o ")):
        return False
    first = text[0]
    return first.isupper() or first.isdigit()


def starts_sentence(text: str) -> bool:
    """Cell text that begins a new sentence (a capital letter or a digit)."""
    text = text.strip().lstrip("\"'“‘(")
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ".)", '."', ".”"))


def ends_open(text: str) -> bool:
    """Text that certainly continues on the next line: a trailing hyphen, slash or connector word."""
    text = text.rstrip()
    if not text:
        return False
    if text.endswith(("-", "/", ",")):
        return True
    return text.split()[-1].casefold() in CONNECTORS


# Names listed in a cell, cut after a comma or a connector: the first name and what follows it.
LIST_WORDS = r"(?:and|et|und|y|e|en|or|ou|oder|o)"
NAME_LIST = re.compile(rf"(\S+)(?:(?:,\s*|\s+{LIST_WORDS}\s+)\S+)*(?:,|\s+{LIST_WORDS})?")


def first_name(text: str) -> str:
    """The first name of a cell listing names ("_uetsid and" / "_uetvid", "_ga, _gid"), else the text."""
    if not looks_like_cookie_name(text) and (names := NAME_LIST.fullmatch(text.strip())):
        return names.group(1)
    return text


def role_fit(role: Role, text: str) -> float:
    """How well a cell text fits a column of the given role: positive fits, negative does not."""
    words = word_count(text)
    if role == "name":
        text = first_name(text)
        return 2.0 if has_name_marks(text) else 1.0 if looks_like_cookie_name(text) else -2.0
    if role == "duration":
        if looks_like_duration(text):
            return 2.0
        # "Until" / "browsing ...", "13" / "months": a duration wrapped after its first words
        opens = DURATION_OPENER.match(text.strip()) or DURATION_HEAD.fullmatch(text.strip())
        return 0.5 if words <= 2 and opens else -1.0
    if role in ("purpose", "function"):
        return (0.5 if starts_sentence(text) else 0.0) + (0.5 if words >= 3 else 0.0)
    if role == "provider":
        return 0.5 if (starts_sentence(text) and words <= 4) or (words == 1 and "." in text.strip(".")) else 0.0
    if role == "domain":
        return 1.0 if "." in text and words == 1 else 0.0
    if role in ("type", "category"):
        return 0.3 if words <= 2 else -0.5
    return 0.0


# A line ending inside a word: a hyphen or slash after a letter ("google-" / "analytics.com"), or an
# underscore ("_ga_" / "<container-id>"); the next line goes on without a space.
WORD_SPLIT_END = re.compile(r"(?:\w[-/]|_)$")


def cell_lines(text: str) -> list[str]:
    """A cell's source lines, with lines that end inside a word joined to the next."""
    lines: list[str] = []
    for part in (p.strip() for p in text.split("\n")):
        if not part:
            continue
        if lines and WORD_SPLIT_END.search(lines[-1]) and (part[:1].isalnum() or part[:1] in "<_"):
            lines[-1] += part
        else:
            lines.append(part)
    return lines


def join_cell(text: str | None) -> str | None:
    """A cell's source lines joined with single spaces (none where a line ends inside a word)."""
    if text is None:
        return None
    collapsed = " ".join(" ".join(cell_lines(text)).split())
    return collapsed or None
