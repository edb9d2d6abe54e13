"""Offline language identification from function words (ISO 639-1)."""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "are",
            "we",
            "you",
            "your",
            "this",
            "that",
            "for",
            "with",
            "on",
            "by",
            "be",
            "it",
            "not",
            "our",
            "which",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "et",
            "est",
            "vous",
            "nous",
            "pour",
            "dans",
            "sur",
            "par",
            "une",
            "un",
            "que",
            "qui",
            "pas",
            "ce",
            "vos",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "sie",
            "wir",
            "ein",
            "eine",
            "nicht",
            "mit",
            "von",
            "zu",
            "den",
            "für",
            "auf",
            "werden",
            "dem",
            "des",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "los",
            "las",
            "del",
            "y",
            "es",
            "que",
            "en",
            "por",
            "para",
            "una",
            "con",
            "su",
            "sus",
            "se",
            "no",
            "lo",
            "como",
            "más",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "è",
            "per",
            "una",
            "del",
            "della",
            "sono",
            "non",
            "con",
            "si",
            "gli",
            "le",
            "dei",
            "ai",
            "questo",
            "nel",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "wij",
            "u",
            "uw",
            "niet",
            "voor",
            "met",
            "op",
            "zijn",
            "worden",
            "deze",
            "om",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "na",
            "z",
            "jest",
            "się",
            "nie",
            "do",
            "że",
            "to",
            "są",
            "przez",
            "dla",
            "oraz",
            "jak",
            "od",
            "po",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "os",
            "as",
            "de",
            "do",
            "da",
            "e",
            "é",
            "que",
            "em",
            "para",
            "um",
            "uma",
            "com",
            "não",
            "por",
            "seu",
            "sua",
        ]
    ),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Fewer matched function words than this and the language is left unknown.
DEFAULT_MIN_EVIDENCE = 5


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code whose function words the text uses most, or ``None`` with too little text."""
    counts: Counter[str] = Counter()
    for word in WORD.findall(text.casefold()):
        for lang, words in STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    if not counts:
        return None
    lang, hits = max(sorted(counts.items()), key=lambda item: item[1])
    return lang if hits >= DEFAULT_MIN_EVIDENCE else None
