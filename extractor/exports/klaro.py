"""Klaro! config: one service per provider and category, its cookies, ``required`` when strictly necessary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.exports.common import CATEGORY_TITLES, ORDER, cookie_match, provider_of, slug, unique
from extractor.model import Cookie


def to_klaro(cookies: Sequence[Cookie]) -> dict[str, Any]:
    """A Klaro! configuration listing the inventory's cookies."""
    services: dict[tuple[str, str], dict[str, Any]] = {}
    for cookie in unique(cookies):
        provider = provider_of(cookie)
        key = (provider, cookie.category)
        service = services.setdefault(
            key,
            {
                "name": f"{slug(provider)}-{cookie.category}",
                "title": provider,
                "purposes": [cookie.category],
                "cookies": [],
                "required": cookie.category == "necessary",
                "default": cookie.category == "necessary",
                "optOut": False,
                "onlyOnce": True,
            },
        )
        match = cookie_match(cookie)
        if match not in service["cookies"]:
            service["cookies"].append(match)
    ordered = sorted(services.values(), key=lambda s: (ORDER.index(s["purposes"][0]), s["name"]))
    used = [c for c in ORDER if any(s["purposes"][0] == c for s in ordered)]
    return {
        "version": 1,
        "elementID": "klaro",
        "storageMethod": "cookie",
        "cookieName": "klaro",
        "default": False,
        "mustConsent": False,
        "acceptAll": True,
        "translations": {
            "zz": {"privacyPolicyUrl": "/privacy"},
            "en": {"purposes": {category: CATEGORY_TITLES[category] for category in used}},
        },
        "services": ordered,
    }
