"""Offline language identification from function words (ISO 639-1)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from extractor import lexicon

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Fewer matched function words than this and the language is left unknown.
DEFAULT_MIN_EVIDENCE = 5


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code whose function words the text uses most, or ``None`` with too little text."""
    counts: Counter[str] = Counter()
    # Each distinct word is looked up once, with the number of times the text has it.
    for word, times in Counter(WORD.findall(text.lower())).items():
        for lang in _languages_of(word):
            counts[lang] += times
    for lang, words in _cjk_words():
        for cjk in words:
            counts[lang] += text.count(cjk)
    if not counts:
        return None
    lang, hits = max(sorted(counts.items()), key=lambda item: item[1])
    return lang if hits >= DEFAULT_MIN_EVIDENCE else None


@lru_cache(maxsize=65536)
def _languages_of(word: str) -> tuple[str, ...]:
    return tuple(lang for lang, words in lexicon.function_words().items() if word in words)


@lru_cache(maxsize=1)
def _cjk_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per language code (every language with function words, in the lexicon's order), its function words
    written in a CJK script: counted in the text, not matched as words."""
    return tuple(
        (lang, tuple(w for w in words if lexicon.is_cjk(w))) for lang, words in lexicon.function_words().items()
    )
