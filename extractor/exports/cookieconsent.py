"""orestbida/cookieconsent v3 config: a category per consent category, ``autoClear.cookies`` with the
cookies to remove when it is refused, and a preferences section whose ``cookieTable`` lists them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.exports.common import CATEGORY_TITLES, ORDER, cookie_match, provider_of, unique
from extractor.model import Cookie


def to_cookieconsent(cookies: Sequence[Cookie]) -> dict[str, Any]:
    """A cookieconsent v3 configuration listing the inventory's cookies."""
    kept = unique(cookies)
    used = [c for c in ORDER if any(cookie.category == c for cookie in kept)]
    categories: dict[str, Any] = {}
    sections: list[dict[str, Any]] = [
        {"title": "Cookie usage", "description": "The cookies this website uses, by category."}
    ]
    for category in used:
        members = [c for c in kept if c.category == category]
        necessary = category == "necessary"
        categories[category] = {
            "enabled": necessary,
            "readOnly": necessary,
            "autoClear": {"cookies": [{"name": cookie_match(c)} for c in members]},
        }
        sections.append(
            {
                "title": CATEGORY_TITLES[category],
                "linkedCategory": category,
                "cookieTable": {
                    "headers": {
                        "name": "Name",
                        "domain": "Provider",
                        "description": "Purpose",
                        "expiration": "Expiration",
                    },
                    "body": [
                        {
                            "name": c.name,
                            "domain": provider_of(c),
                            "description": c.purpose or c.function or "",
                            "expiration": c.duration or "",
                        }
                        for c in members
                    ],
                },
            }
        )
    return {
        "categories": categories,
        "language": {
            "default": "en",
            "translations": {
                "en": {
                    "consentModal": {
                        "title": "We use cookies",
                        "description": "Choose which cookies this website may use.",
                        "acceptAllBtn": "Accept all",
                        "acceptNecessaryBtn": "Reject all",
                        "showPreferencesBtn": "Manage preferences",
                    },
                    "preferencesModal": {
                        "title": "Cookie preferences",
                        "acceptAllBtn": "Accept all",
                        "acceptNecessaryBtn": "Reject all",
                        "savePreferencesBtn": "Save preferences",
                        "closeIconLabel": "Close",
                        "sections": sections,
                    },
                }
            },
        },
    }
