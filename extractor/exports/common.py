"""What the exporters share: cookie name patterns, grouping by provider, readable labels."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.model import CATEGORIES, Category, Cookie

CATEGORY_TITLES: dict[Category, str] = {
    "necessary": "Strictly necessary",
    "functional": "Functional",
    "analytics": "Analytics",
    "marketing": "Marketing",
    "unclassified": "Unclassified",
}
ORDER: tuple[Category, ...] = CATEGORIES


def cookie_match(cookie: Cookie) -> str:
    """The name a consent tool matches: the name itself, or ``^regex$`` for a pattern."""
    return cookie.name_regex if cookie.name_is_pattern and cookie.name_regex else cookie.name


def provider_of(cookie: Cookie) -> str:
    return cookie.provider_canonical or cookie.known_provider or cookie.domain or "This website"


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return value or "service"


def unique(cookies: Sequence[Cookie]) -> list[Cookie]:
    """One record per (name, category), in first-seen order (a policy may list a cookie in two tables)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for cookie in cookies:
        key = (cookie.name, cookie.category)
        if key not in seen:
            seen.add(key)
            kept.append(cookie)
    return kept
