"""What cell text looks like: cookie names, durations, prose, headings, category words. Built on the lexicon;
shared by readers, layout, normalisation and records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from extractor import lexicon
from extractor.model import Category, Role

# A cookie name is one token: letters, digits and the punctuation names use ("_ga_<container-id>",
# "_pk_id.*", "pagead/1p-user-list/#", "CONSENT [x3]").
# A placeholder may hold a space ("BEAMER_DATE{product ID}"); one without is a run of the characters above (were
# it a second way to read the same text, a failing match would try every combination of both).
COOKIE_TOKEN = re.compile(
    r"^(?:[\w.*<>#$@%&+\-/:\[\]{}|~^!?=]|\{\w+(?: \w+){1,2}\}|<\w+(?: \w+){1,2}>)+(?: \[x?\d+\])?$", re.UNICODE
)
# Marks that only cookie names carry: "_", "*", "<>", "#", "/", a dot or digit inside the token, camelCase,
# three capitalised humps ("AnalyticsSyncHistory"; two are a brand: "LinkedIn"), lower-case-hyphen-words, capitals
# running into a lower-case word ("ARRAffinity").
STRONG_NAME_MARKS = re.compile(
    r"[_*<>#\[\]/]|\w\.\w|[A-Za-z]\d|\d[A-Za-z]|^[a-z]+[A-Z]|^[A-Z][a-z]+[A-Z][a-z0-9]+[A-Z]|^[A-Z]{2,}[a-z]{3,}"
    r"|^[a-z0-9]+(?:-[a-z0-9]+){2,}$"
)
# An underscore joining a word's pieces or opening it ("test_cookie", "_ga"): no label or sentence has one.
UNDERSCORED = re.compile(r"[^\W_]_[^\W_]|(?:^|[\s,;(])_[^\W_]")
# Capitals only ("IDE", "MUID", "XSRF-TOKEN"): a cookie name in a name column, but also an acronym inside a
# sentence.
CAPITALS_NAME = re.compile(r"^(?=.*[A-Z])(?=.{2})[A-Z0-9_]+(?:-[A-Z0-9_]+)*$")
# Shapes are asked of the same cell texts again and again (every reading of a table tries them): each
# answer is kept for this many texts per predicate.
DEFAULT_SHAPE_CACHE = 1 << 16
DEFAULT_MAX_HEADING_CHARS = 80
DEFAULT_MAX_HEADING_WORDS = 12
# Words that leave a line open: it certainly goes on ("Durée de" / "conservation", "used for" / "analytics").
# A connector of one language that is a word of a sentence in English ("is": Lithuanian "iš" folded) leaves
# no line open: English is the language most tables of other languages mix in.
CONNECTORS = (lexicon.words("header_connectors") | lexicon.words("list_connectors")) - (
    frozenset(lexicon.fold(w) for w in lexicon.language("en").function_words)
    - frozenset(lexicon.language("en").header_connectors)
    - frozenset(lexicon.language("en").list_connectors)
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded(words: Iterable[str]) -> str:
    """Words that end at a word's end; words of a CJK script end anywhere (those scripts put no spaces)."""
    spaced = [w for w in words if not lexicon.is_cjk(w)]
    unspaced = [w for w in words if lexicon.is_cjk(w)]
    parts = [rf"(?:{_alternation(spaced)})(?![^\W\d_])"] if spaced else []
    parts += [f"(?:{_alternation(unspaced)})"] if unspaced else []
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


_NUMBER_WORD = _bounded(lexicon.number_words())
_UNIT = _bounded(lexicon.unit_words())
_PREFIX = _bounded(lexicon.words("duration_prefixes"))
_DIGITS = r"\d+(?:[.,]\d+)?"
# A quantity of time, on folded text: "2y", "two years", "13 months", "6 mesicu", "1年". The duration parser
# (``normalize.durations``) reads the same table, so a cell looks like a duration exactly when it parses.
# Romanian writes "24 de ore" from twenty on.
_OF = r"(?:de\s+)?"
QUANTITY = re.compile(rf"(?<![\w.,])(?P<number>{_DIGITS}|{_NUMBER_WORD})\s*-?\s*{_OF}(?P<unit>{_UNIT})")
_CONNECTOR = _bounded(lexicon.words("list_connectors"))
# "1 year 1 month 4 days", "2 ans et 6 mois": a quantity in parts, one duration.
DURATION = re.compile(
    rf"^(?:{_PREFIX}\s*)?(?:{_DIGITS}\s*|{_NUMBER_WORD}\s*)-?\s*{_OF}{_UNIT}"
    rf"(?:,?\s+(?:{_CONNECTOR}\s+)?(?:{_DIGITS}\s*|{_NUMBER_WORD}\s+)-?\s*{_OF}{_UNIT})*"
)
# The number a duration starts with, when its unit went to the next line ("Up to two" / "years", "24" / "hours").
DURATION_HEAD = re.compile(rf"(?:{_PREFIX}\s*)?(?:{_DIGITS}|{_NUMBER_WORD})")
_MONTH = _bounded(lexicon.words("month_names"))
# A date: "31/12/2025", "2025-12-31", "10 Nov 2030", "31. Dezember 2025", "December 31, 2025".
DATE = re.compile(
    rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.?\s*(?:de\s+)?{_MONTH}\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}"
)
SESSION_PHRASE = re.compile(lexicon.phrase_pattern(lexicon.words("session")))
PERSISTENT_PHRASE = re.compile(lexicon.phrase_pattern(lexicon.words("persistent")))
UNKNOWN_PHRASE = re.compile("^" + lexicon.phrase_pattern(lexicon.words("unknown")) + "?$")
# Words a duration written out opens with ("Until" / "the browser ...", "Deleted when ...").
DURATION_OPENER = re.compile("^" + lexicon.phrase_pattern(lexicon.words("duration_openers")))
# A duration written out is short: "Until the browser is closed", not a sentence that opens with "When".
DEFAULT_MAX_WRITTEN_DURATION_WORDS = 8


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def looks_like_cookie_name(text: str) -> bool:
    """One token (or a name with a counter suffix) that could be a cookie name."""
    return bool(COOKIE_TOKEN.match(text.strip()))


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def has_name_marks(text: str) -> bool:
    """A token that is surely a cookie name, not a word: it has ``_``, digits, dots, camelCase, capitals..."""
    token = text.strip()
    return has_strong_name_marks(token) or (looks_like_cookie_name(token) and bool(CAPITALS_NAME.match(token)))


def display_width(text: str) -> int:
    """How many character cells ``text`` takes in a monospaced layout: two for a wide character (CJK ideographs,
    kana, Hangul, full-width forms), one for any other. A text export lays its columns out in these cells."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def has_strong_name_marks(text: str) -> bool:
    """A token no sentence would hold: ``_``, ``*``, a dot or digit inside a word, camelCase."""
    token = text.strip()
    return looks_like_cookie_name(token) and not token.isdigit() and bool(STRONG_NAME_MARKS.search(token))


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def looks_like_duration(text: str) -> bool:
    """A duration cell: "13 months", "Session", "One year", "2 ans", "Up to 12 months", "Until the browser is
    closed", a date."""
    folded = lexicon.fold(text, keep_punctuation=True)
    if not folded:
        return False
    if DURATION.match(folded) or DATE.match(folded):
        return True
    if SESSION_PHRASE.match(folded) or PERSISTENT_PHRASE.match(folded):
        return True
    return (
        bool(DURATION_OPENER.match(folded))
        and word_count(folded) <= DEFAULT_MAX_WRITTEN_DURATION_WORDS
        and (bool(SESSION_PHRASE.search(folded)) or bool(QUANTITY.search(folded)) or bool(DATE.search(folded)))
    )


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def duration_end(text: str) -> int | None:
    """Where a duration that opens ``text`` ends (an offset of ``text``), or ``None``: "13 months HTTP" -> 9;
    a duration written out ("Until the browser is closed") runs to the end."""
    chars = lexicon.fold_chars(text)
    found = DURATION.match(chars) or SESSION_PHRASE.match(chars) or PERSISTENT_PHRASE.match(chars)
    found = found or DATE.match(chars)
    if found is None and DURATION_OPENER.match(chars) and looks_like_duration(text):
        return len(text)
    return found.end() if found else None


def duration_head_end(text: str) -> int | None:
    """Where the number that opens ``text`` ends, when a duration's unit may follow on the next line."""
    found = DURATION_HEAD.match(lexicon.fold_chars(text))
    return found.end() if found else None


def is_whole_duration(text: str) -> bool:
    """A duration and nothing else ("13 months", "Session.", not "13 months HTTP")."""
    end = duration_end(text)
    return end is not None and end >= len(text.rstrip(" ."))


# A host name: a known top-level domain, or a leading dot or two dots between plain labels (".acme.example",
# "app.acme.example"; a name such as "statswales.frontend" has one).
DOMAIN = re.compile(
    r"^(?:\*\.|\.)?(?:[\w-]+\.)+(?:com|net|org|io|co|uk|fr|de|fi|nl|es|it|eu|gov|be|ch|pl|app|dev|"
    r"info|biz|us|ca|au|se|no|dk|at|ie|pt|cz|sk|me|tv|ly|ai|cloud|site|online|ms|gl|ee|lv|lt|hu|bg|ro|gr|si|hr|"
    r"is|lu|jp|cn|kr|br|tr|ua|ru|cat|eus|gal|wales|cymru)$",
    re.IGNORECASE,
)
HOST = re.compile(r"^(?:\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}|[a-z0-9-]+(?:\.[a-z0-9-]+){2,})$", re.IGNORECASE)


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def looks_like_host(token: str) -> bool:
    """A host or domain name (".acme.example", "app.acme.example", "google.com")."""
    return bool(DOMAIN.match(token) or HOST.match(token))


# Phrases saying who sets a cookie ("third party", "Drittanbieter", "tiers"), stems on folded text, and the words
# of storage kinds ("HTTP", "local storage", "pixel").
THIRD_PARTY = re.compile(lexicon.phrase_pattern(lexicon.party_words()["third"], prefix_only=True))
FIRST_PARTY = re.compile(lexicon.phrase_pattern(lexicon.party_words()["first"], prefix_only=True))
STORAGE_WORDS = frozenset(word for phrase in lexicon.words("storage_types") for word in phrase.split())


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def names_party(text: str) -> bool:
    """Text that says the cookie is first- or third-party."""
    folded = lexicon.fold(text)
    return bool(THIRD_PARTY.search(folded) or FIRST_PARTY.search(folded))


def names_storage(text: str) -> bool:
    """Text whose every word names a storage kind ("HTTP Cookie", "Local Storage", "Cookie", "쿠키"); a short
    word of a spaced script ("de" in "almacenamiento de sesión") is no such word on its own."""
    folded = lexicon.fold(text).split()
    return bool(folded) and all((len(word) > 2 or lexicon.is_cjk(word)) and word in STORAGE_WORDS for word in folded)


def word_count(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def looks_like_heading(text: str) -> bool:
    """A short title line: capitalised, a few words, no sentence punctuation at the end."""
    text = text.strip().lstrip("#").strip()
    # A pictogram before the words ("📊 Analytics cookies") is no part of them.
    while text and unicodedata.category(text[0]) in ("So", "Sk", "Zs"):
        text = text[1:]
    if not text or len(text) > DEFAULT_MAX_HEADING_CHARS or word_count(text) > DEFAULT_MAX_HEADING_WORDS:
        return False
    if text[-1] in ".:;,!。：；，！" or text.startswith(("•", "*", "-", "–", "·", "o ")):
        return False
    return opens_capitalised(text[0])


def starts_sentence(text: str) -> bool:
    """Cell text that begins a new sentence (a capital letter or a digit)."""
    text = text.strip().lstrip("\"'“‘(")
    return bool(text) and opens_capitalised(text[0])


def opens_capitalised(first: str) -> bool:
    """A first character that opens a title or a sentence: a capital, a digit, or a letter of a script without
    case (Chinese, Japanese, Korean, Arabic...), where every word opens as a capital would."""
    return first.isupper() or first.isdigit() or (first.isalpha() and first.lower() == first.upper())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ".)", '."', ".”", "。", "！", "？"))


def ends_open(text: str) -> bool:
    """Text that certainly continues on the next line: a trailing hyphen, slash or connector word."""
    text = text.rstrip()
    if not text:
        return False
    if text.endswith(("-", "/", ",", "\u2060")):  # U+2060: a word the layout saw go on (``layout.rows``)
        return True
    if text.endswith((".", "!", "?")):
        return False  # "... gogoratzen du.": a sentence ended, whatever its last word means elsewhere
    words = text.split()
    # A lone word is a value ("u", "e"), whatever language has it for "and" or "in"; a word that closes a
    # bracket ("{product ID}") is none; nor is a whole duration ("1 den" is a day in Czech, "den" "the" in German).
    return (
        len(words) > 1
        and words[-1][-1:].isalpha()
        and lexicon.fold(words[-1]) in CONNECTORS
        and not is_whole_duration(text)
    )


# Names listed in a cell, cut after a comma or a connector: the first name and what follows it.
# What separates the names a cell lists: a comma, a semicolon, a line break.
LIST_SEPARATORS = re.compile(r"\s*[,;]\s*|\s*\n\s*")
LIST_WORDS = rf"(?:{_alternation(lexicon.words('list_connectors'))})"
NAME_LIST = re.compile(rf"(\S+)(?:(?:,\s*|\s+{LIST_WORDS}\s+)\S+)*(?:,|\s+{LIST_WORDS})?", re.IGNORECASE)
# A name with a note after it, in brackets or after a colon ("XSRF-TOKEN (Protects ...)", "_ga, _gid: ...").
NAME_BEFORE_NOTE = re.compile(r"^\s*([^\s(),:;]+)\s*(?:\(|:\s|,)")
LIST_SPLIT = re.compile(rf",\s*|\s+{LIST_WORDS}(?:\s+|$)", re.IGNORECASE)


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def first_name(text: str) -> str:
    """The first name of a cell listing names ("_uetsid and" / "_uetvid", "_ga, _gid"), else the text. Plain
    words joined by a word and no comma are a phrase, not a list ("Podatki o članu": "o" is "or" elsewhere).
    A name before the comma a list wrapped after ("__stripe_mid," / "__stripe_sid") is that name."""
    listed = text.strip().rstrip(",;")
    if listed != text.strip() and has_name_marks(listed) and " " not in listed:
        return listed
    if not looks_like_cookie_name(text) and (names := NAME_LIST.fullmatch(text.strip())):
        if "," not in text and not any(has_name_marks(part) for part in LIST_SPLIT.split(text.strip())):
            return text
        return names.group(1)
    if (noted := NAME_BEFORE_NOTE.match(text)) and has_name_marks(noted.group(1)):
        return noted.group(1)  # "XSRF-TOKEN (Protects the forms) ...", "_ga, _gid: Google Analytics ..."
    return text


# Marks that bound a count before it ("<1" day, "> 30", "≤ 13 months", "~2 years").
BOUND_MARKS = "<>≤≥~"


def without_bound(text: str) -> str:
    """A count without the mark that bounds it ("<1" -> "1")."""
    return text.strip().lstrip(BOUND_MARKS + " ")


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def role_fit(role: Role, text: str) -> float:
    """How well a cell text fits a column of the given role: positive fits, negative does not."""
    words = word_count(text)
    if role == "name":
        text = first_name(text)
        return 2.0 if has_name_marks(text) else 1.0 if looks_like_cookie_name(text) else -2.0
    if role == "duration":
        if looks_like_duration(text):
            # "1 year opted out of counting.": a duration that prose goes on from fits less than a whole one
            return 2.0 if is_whole_duration(text) or word_count(text) <= 3 else 1.0
        # "Until" / "browsing ...", "13" / "months": a duration wrapped after its first words; "<1" a bound
        folded = lexicon.fold(without_bound(text), keep_punctuation=True)
        opens = DURATION_OPENER.match(folded) or DURATION_HEAD.fullmatch(folded)
        return 0.5 if words <= 2 and opens else -1.0
    if role in ("purpose", "function"):
        return (0.5 if starts_sentence(text) else 0.0) + (0.5 if words >= 3 else 0.0)
    if role == "provider":
        return 0.5 if (starts_sentence(text) and words <= 4) or (words == 1 and "." in text.strip(".")) else 0.0
    if role == "domain":
        return 1.0 if "." in text and words == 1 else 0.0
    if role == "type" and words <= 3 and names_storage(text):
        return 1.0  # "HTTP Cookie", "HTML Local Storage"
    if role in ("type", "category"):
        return 0.3 if words <= 2 else -0.5
    return 0.0


# A line ending inside a word: a hyphen or slash after a letter ("google-" / "analytics.com"), or an
# underscore ("_ga_" / "<container-id>"); the next line goes on without a space.
WORD_SPLIT_END = re.compile(r"(?:\w[-/]|_)$")
# A line ending where no identifier ends (a scheme's "://", a "|" or "^" joining a name's parts): it goes on.
IDENTIFIER_GOES_ON = re.compile(r"(?:://|[|^])$")


# A line ending at a joint of an identifier ("_hjSessionUser_", "_pk_id.") and a line that is only the
# placeholder or wildcard that completes it ("{site_id}", "<id>", "[n]", "*").
IDENTIFIER_JOINT_END = re.compile(r"(?:\w[-/._]|_)$")
PLACEHOLDER_PIECE = re.compile(r"^(?:\*|#|\{[^{}\s]+\}|<[^<>\s]+>|\[[^\[\]\s]+\])\*?$")
# A placeholder of words ("{product ID}", "<site id>").
SPACED_PLACEHOLDER = re.compile(r"^(?:\{\w+(?: \w+){0,2}\}|<\w+(?: \w+){0,2}>)$")


def completes_identifier(line: str, part: str) -> bool:
    """Whether ``part`` goes on ``line`` without a space: the line ends inside a word ("google-" /
    "analytics.com"), or at a joint of an identifier that a placeholder completes ("_pk_id." / "*")."""
    line, part = line.rstrip(), part.strip()
    if WORD_SPLIT_END.search(line) and (part[:1].isalnum() or part[:1] == "<"):
        return True
    if IDENTIFIER_GOES_ON.search(line) and part[:1].isalnum() and " " not in part:
        return True  # "amp-store:https://" / "example.se", "LogsDatabaseV2:V#||" / "LogsRequestsStore"
    return placeholder_completes(line, part)


def placeholder_completes(line: str, part: str) -> bool:
    """Whether ``part`` is only the placeholder or wildcard that completes the identifier ending ``line``
    ("_hjSessionUser_" / "{site_id}", "_pk_id." / "*")."""
    line, part = line.rstrip(), part.strip()
    words = line.split()
    if not words or not has_name_marks(words[-1]):
        return False
    if IDENTIFIER_JOINT_END.search(line) and PLACEHOLDER_PIECE.match(part):
        return True
    # "BEAMER_LAST_PUSH_PROMPT_INTERACTION" / "{product ID}": a browser wraps a name before its placeholder.
    return has_strong_name_marks(words[-1]) and SPACED_PLACEHOLDER.match(part) is not None


# Scripts written without spaces between words (Chinese and Japanese: Han, kana, full-width forms): a line that
# wraps between two of their characters wrapped inside a word.
UNSPACED_SCRIPT = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
# Korean spaces its words, but a browser wraps it between any two syllables ("서울밝은미" / "소치과"): a line
# ending in a syllable goes on in the next line's first word more often than not.
HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")


# A line ending inside a placeholder left open ("BEAMER_DATE{product", "_ga_<container"), and the line that
# closes it ("ID}", "id>").
OPEN_PLACEHOLDER = re.compile(r"\w[{<\[][^{}<>\[\]\s]*$")
PLACEHOLDER_CLOSE = re.compile(r"^[^{}<>\[\]\s]*[}>\]]")


def closes_placeholder(line: str, part: str) -> bool:
    """Whether ``part`` closes the placeholder ``line`` left open at a space ("BEAMER_DATE{product" / "ID}")."""
    return bool(OPEN_PLACEHOLDER.search(line.rstrip()) and PLACEHOLDER_CLOSE.match(part.strip()))


def cell_lines(text: str) -> list[str]:
    """A cell's source lines, with lines that end inside a word joined to the next (an identifier cut, or
    Chinese, Japanese or Korean text, which wraps anywhere: "セッシ" / "ョン", "30" / "分", "세" / "션을")."""
    lines: list[str] = []
    for part in (p.strip() for p in text.split("\n")):
        if not part:
            continue
        if lines and (
            completes_identifier(lines[-1], part)
            or ((UNSPACED_SCRIPT.match(lines[-1][-1]) or lines[-1][-1].isdigit()) and UNSPACED_SCRIPT.match(part[0]))
            or (HANGUL_SYLLABLE.match(lines[-1][-1]) and HANGUL_SYLLABLE.match(part[0]))
        ):
            lines[-1] += part
        elif lines and closes_placeholder(lines[-1], part):
            lines[-1] += " " + part  # "BEAMER_DATE{product" / "ID}": a placeholder cut at its space
        else:
            lines.append(part)
    return lines


def join_cell(text: str | None) -> str | None:
    """A cell's source lines joined with single spaces (none where a line ends inside a word)."""
    if text is None:
        return None
    collapsed = " ".join(" ".join(cell_lines(text)).split())
    return collapsed or None


# One pattern per category: any of its stems at the start of a word (folded text).
CATEGORY_PATTERNS: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(lexicon.phrase_pattern(stems, prefix_only=True)))
    for category, stems in lexicon.category_stems()
)


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def category_from_text(text: str | None) -> Category | None:
    """The category a label or heading names ("Analytics cookies", "Cookies de mesure d'audience"), or ``None``."""
    if not text:
        return None
    folded = lexicon.fold(text)
    # The category named first is the label's ("Performance, analytics and relevant advertisement": analytics).
    found = [
        (m.start(), k, category)
        for k, (category, pattern) in enumerate(CATEGORY_PATTERNS)
        if (m := pattern.search(folded))
    ]
    return min(found)[2] if found else None
