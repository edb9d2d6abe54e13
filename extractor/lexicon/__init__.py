"""Every word the extractor knows, as data: one JSON file per language under ``languages/`` (and ``shared.json``
for words of no language in particular), read once at import.

Adding a language is adding a file (``languages/README.md`` describes the keys); no code changes. Words are
written as people write them (accents, capitals); the lexicon folds them (``fold``) and every consumer compares
folded text with folded words. User labels (``Settings.labels``) are merged in by ``with_labels``.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from extractor.model import CATEGORIES, ROLES, Category, Role

LANGUAGES_DIR = Path(__file__).with_name("languages")
SHARED = "*"
UNIT_NAMES = ("second", "minute", "hour", "day", "week", "month", "year")
# Letters NFKD does not take apart, and the plain letters they are folded to (one letter for one).
_FOLDED_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h"})
_PUNCTUATION = re.compile(r"[^\w]+|_")


def _fold_char(ch: str) -> str:
    if is_cjk(ch):
        return ch  # decomposed, Hangul falls apart into letters and kana lose their voicing marks
    lowered = ch.lower()
    plain = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    plain = plain.translate(_FOLDED_LETTERS)
    return plain if len(plain) == 1 else lowered if len(lowered) == 1 else ch


# Texts are folded again and again (every reading of a table compares them with the lexicon): each folding is
# kept for this many texts.
DEFAULT_FOLD_CACHE = 1 << 16


class _FoldTable(dict[int, str]):
    """Code point -> its folded character (``_fold_char``), each worked out the first time it is met: with it,
    ``str.translate`` folds a text in one pass in C instead of a Python call per character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=DEFAULT_FOLD_CACHE)
def fold_chars(text: str) -> str:
    """Each character in lower case without its accents, one for one (``"Durée"`` -> ``"duree"``, ``"År"`` ->
    ``"ar"``): a match on the folded text is a match at the same offsets of the text."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=DEFAULT_FOLD_CACHE)
def fold(text: str, keep_punctuation: bool = False) -> str:
    """The folded words of a text (``fold_chars``), whitespace collapsed; punctuation and underscores become
    spaces unless ``keep_punctuation`` ("n/a", "1.5", "jusqu'à" stay whole).

    The one folding of the project: lexicon words and the text compared with them are folded alike.
    """
    plain = fold_chars(text.replace("(s)", "s"))
    if not keep_punctuation:
        plain = _PUNCTUATION.sub(" ", plain)
    return " ".join(plain.split())  # ``split`` and ``\s`` know the same whitespace


@dataclass(frozen=True)
class Language:
    """One language file, its words folded."""

    code: str
    name: str
    headers: Mapping[Role, tuple[str, ...]] = field(default_factory=dict)
    weak_name_headers: tuple[str, ...] = ()
    header_connectors: tuple[str, ...] = ()
    header_fillers: tuple[str, ...] = ()
    categories: Mapping[Category, tuple[str, ...]] = field(default_factory=dict)
    units: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    duration_prefixes: tuple[str, ...] = ()
    duration_openers: tuple[str, ...] = ()
    session: tuple[str, ...] = ()
    persistent: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    list_connectors: tuple[str, ...] = ()
    list_tails: tuple[str, ...] = ()
    function_words: tuple[str, ...] = ()
    party: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    storage_types: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    prefix_phrases: tuple[str, ...] = ()
    heading_styles: tuple[str, ...] = ()
    generic_provider_words: tuple[str, ...] = ()
    page_labels: tuple[str, ...] = ()
    month_names: tuple[str, ...] = ()


class LexiconError(ValueError):
    """A language file that does not follow ``languages/README.md``."""


def _words(value: Any, where: str, keep_punctuation: bool = False, lower_only: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise LexiconError(f"{where}: expected a list of strings, got {value!r}")
    folded = (" ".join(w.lower().split()) if lower_only else fold(w, keep_punctuation) for w in value)
    return tuple(dict.fromkeys(w for w in folded if w))


def _keyed(value: Any, keys: Iterable[str], where: str, keep_punctuation: bool = False) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected an object, got {type(value).__name__}")
    allowed = set(keys)
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {unknown}; expected some of {sorted(allowed)}")
    return {k: _words(v, f"{where}.{k}", keep_punctuation) for k, v in value.items()}


# The keys holding a plain list of words: every field of ``Language`` that defaults to an empty tuple.
LIST_KEYS = tuple(f.name for f in fields(Language) if f.default == ())
# Words matched on text folded character by character (``fold_chars``): they keep their punctuation ("n/a",
# "max.", "jusqu'à", "mėn."). Header words and category stems are matched on ``fold``ed words.
PUNCTUATED = frozenset(
    {
        "duration_prefixes",
        "duration_openers",
        "session",
        "persistent",
        "unknown",
        "list_connectors",
        "list_tails",
        "legal_forms",
        "page_labels",
        "month_names",
        "units",
        "numbers",
    }
)


def parse_language(data: Mapping[str, Any], where: str) -> Language:
    """A ``Language`` from one file's JSON object.

    Raises:
        LexiconError: a key that is not known or a value of the wrong shape.
    """
    known = {"code", "name", "headers", "categories", "units", "numbers", "party", *LIST_KEYS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {unknown}; expected some of {sorted(known)}")
    code, name = data.get("code"), data.get("name")
    if not isinstance(code, str) or not isinstance(name, str):
        raise LexiconError(f"{where}: 'code' and 'name' must be strings")
    numbers_raw = data.get("numbers", {})
    if not isinstance(numbers_raw, dict) or not all(k.isdigit() for k in numbers_raw):
        raise LexiconError(f"{where}.numbers: expected an object keyed by whole numbers")
    lists = {
        key: _words(data.get(key, []), f"{where}.{key}", key in PUNCTUATED, key in LOWER_ONLY) for key in LIST_KEYS
    }
    return Language(
        code=code,
        name=name,
        headers=_keyed(data.get("headers", {}), (*ROLES, "other"), f"{where}.headers"),  # type: ignore[arg-type]
        categories=_keyed(data.get("categories", {}), CATEGORIES, f"{where}.categories"),  # type: ignore[arg-type]
        units=_keyed(data.get("units", {}), UNIT_NAMES, f"{where}.units", keep_punctuation=True),
        numbers={int(k): _words(v, f"{where}.numbers.{k}", keep_punctuation=True) for k, v in numbers_raw.items()},
        party=_keyed(data.get("party", {}), ("first", "third"), f"{where}.party"),
        **lists,
    )


# Function words keep their accents: folded, Polish "się" would be German "sie".
LOWER_ONLY = frozenset({"function_words"})


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    """Every language file (and ``shared.json`` as code ``*``), in file-name order."""
    found = []
    for path in sorted(LANGUAGES_DIR.glob("*.json")):
        found.append(parse_language(json.loads(path.read_text(encoding="utf-8")), path.name))
    return tuple(found)


def _english_first() -> list[Language]:
    """The languages in the order their readings win: English, then by code."""
    return sorted(languages(), key=lambda lang: (lang.code != "en", lang.code))


def language(code: str) -> Language:
    """One language by its code.

    Raises:
        KeyError: no language file has that code.
    """
    found = next((lang for lang in languages() if lang.code == code), None)
    if found is None:
        raise KeyError(f"{code}: no language file with that code; expected one of {language_codes()}")
    return found


def language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in languages() if lang.code != SHARED)


# --- views over all languages, built once -------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderWord:
    """A header keyword's role and the languages it is a word of (``*``: shared by many)."""

    role: Role
    languages: tuple[str, ...]


def _gather(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    gathered: dict[str, list[str]] = {}
    for word, code in pairs:
        gathered.setdefault(word, [])
        if code not in gathered[word]:
            gathered[word].append(code)
    return {w: tuple(codes) for w, codes in gathered.items()}


@lru_cache(maxsize=1)
def header_words() -> dict[str, HeaderWord]:
    """Folded header keyword -> its role and languages. A word two languages give different roles keeps the
    role of the first file that names it (``en`` before the rest, then by code), and ``check`` reports it."""
    roles: dict[str, Role] = {}
    codes: dict[str, list[str]] = {}
    for lang in _english_first():
        for role, words in lang.headers.items():
            for word in words:
                roles.setdefault(word, role)
                if roles[word] == role:
                    codes.setdefault(word, []).append(lang.code)
    return {w: HeaderWord(roles[w], tuple(codes[w])) for w in roles}


@lru_cache(maxsize=1)
def weak_name_headers() -> dict[str, tuple[str, ...]]:
    """Words that alone name the cookie-name column but never outrank a strong keyword ("cookie")."""
    return _gather((w, lang.code) for lang in languages() for w in lang.weak_name_headers)


@cache
def words(key: str) -> frozenset[str]:
    """The folded words of one list key (``LIST_KEYS``) over every language."""
    if key not in LIST_KEYS:
        raise KeyError(f"{key}: not a list of the lexicon; expected one of {LIST_KEYS}")
    return frozenset(w for lang in languages() for w in getattr(lang, key))


@lru_cache(maxsize=1)
def category_stems() -> tuple[tuple[Category, tuple[str, ...]], ...]:
    """Stems per category over every language, in the order they are tried: a label naming several
    ("strictly necessary functional cookies") takes the first."""
    order: tuple[Category, ...] = ("necessary", "marketing", "analytics", "functional", "unclassified")
    return tuple(
        (category, tuple(dict.fromkeys(s for lang in languages() for s in lang.categories.get(category, ()))))
        for category in order
    )


def _first_reading(table: Callable[[Language], Mapping[Any, tuple[str, ...]]]) -> dict[str, Any]:
    """Folded word -> what the first language file naming it reads it as (``en`` first, then by code); a
    word two languages read differently keeps the first reading (``check`` reports it)."""
    found: dict[str, Any] = {}
    for lang in _english_first():
        for reading, written in table(lang).items():
            for word in written:
                found.setdefault(word, reading)
    return found


@cache
def unit_words(code: str | None = None) -> dict[str, str]:
    """Folded unit word -> unit name (``second`` ... ``year``). A word two languages read differently keeps the
    reading of the language ``code`` when it has one (Ukrainian "години" is hours, Bulgarian "години" years),
    else the first reading."""
    found = _first_reading(lambda lang: lang.units)
    if code is not None and code in language_codes():
        for unit, written in language(code).units.items():
            found.update(dict.fromkeys(written, unit))
    return found


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Folded number word -> its value ("two", "deux", "zwei" -> 2)."""
    return _first_reading(lambda lang: lang.numbers)


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Per language code, its function words (language detection, prose)."""
    return {lang.code: frozenset(lang.function_words) for lang in languages() if lang.function_words}


@lru_cache(maxsize=1)
def party_words() -> dict[str, tuple[str, ...]]:
    """``first`` / ``third`` -> the folded phrases saying a cookie is first- or third-party."""
    return {
        party: tuple(dict.fromkeys(w for lang in languages() for w in lang.party.get(party, ())))
        for party in ("first", "third")
    }


def phrase_pattern(phrases: Iterable[str], prefix_only: bool = False) -> str:
    """A regular expression alternation of folded phrases, longest first, on word boundaries (a phrase of
    CJK characters matches anywhere: those scripts put no spaces between words). With ``prefix_only`` the
    phrases are stems: no boundary after them."""
    # A run of spaced phrases shares one boundary on each side: ``\b(?:a|b)(?!\w)`` tries the phrases in the same
    # order as ``\ba(?!\w)|\bb(?!\w)`` and matches the same, and a pattern half as long compiles faster.
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    parts = []
    for unspaced, run in itertools.groupby(ordered, key=is_cjk):
        alternation = "(?:" + "|".join(map(re.escape, run)) + ")"
        parts.append(alternation if unspaced else rf"\b{alternation}" + ("" if prefix_only else r"(?!\w)"))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


# Characters of Japanese, Chinese and Korean (kana, CJK ideographs, Hangul).
CJK_CHARACTER = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def is_cjk(text: str) -> bool:
    """Whether the text holds Japanese, Chinese or Korean characters (scripts written without spaces)."""
    return not text.isascii() and CJK_CHARACTER.search(text) is not None  # ASCII: a flag the string keeps
