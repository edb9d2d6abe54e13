"""What the exporters share: cookie name patterns, grouping by provider, readable labels, the language of a
cookie's texts."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractor.model import CATEGORIES, Category, Cookie

ORDER: tuple[Category, ...] = CATEGORIES
LABELS_PATH = Path(__file__).with_name("labels.json")
# The language whose labels stand in where a language has none (and the export then says so).
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Exported:
    """An export: the content (a dict for JSON formats, text for CSV) and what the user should know about it
    (values the inventory does not hold and the format asks for, labels left in English, ...)."""

    content: Any
    notes: tuple[str, ...] = ()


@cache
def _all_labels() -> dict[str, dict[str, str]]:
    data: dict[str, Any] = json.loads(LABELS_PATH.read_text(encoding="utf-8"))
    return {language: words for language, words in data.items() if not language.startswith("_")}


def labels(language: str) -> tuple[dict[str, str], bool]:
    """The banner words in ``language`` and ``True``, or the English ones and ``False`` when it has none."""
    known = _all_labels()
    if language in known:
        return known[language], True
    return known[DEFAULT_LANGUAGE], False


def category_titles(language: str = DEFAULT_LANGUAGE) -> dict[Category, str]:
    words, _ = labels(language)
    return {category: words[category] for category in CATEGORIES}


def cookie_match(cookie: Cookie) -> str:
    """The name a consent tool matches: the name itself, or ``^regex$`` for a pattern."""
    return cookie.name_regex if cookie.name_is_pattern and cookie.name_regex else cookie.name


def provider_of(cookie: Cookie) -> str | None:
    """Who sets the cookie, as the policy or the known facts say; ``None`` when nothing does."""
    return cookie.provider_canonical or cookie.known_provider or cookie.domain


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return value or "service"


def unique(cookies: Sequence[Cookie]) -> list[Cookie]:
    """One record per (name, category), in first-seen order (a policy may list a cookie in two tables)."""
    return [cookies[i] for i in unique_indexes(cookies)]


def unique_indexes(cookies: Sequence[Cookie]) -> list[int]:
    """The positions of ``unique``'s records in ``cookies``."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for index, cookie in enumerate(cookies):
        key = (cookie.name, cookie.category)
        if key not in seen:
            seen.add(key)
            kept.append(index)
    return kept
