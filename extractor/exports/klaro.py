"""Klaro! config: one service per provider and category, its cookies, ``required`` when strictly necessary.

Only what the inventory holds is written: no privacy policy URL (Klaro's ``privacyPolicyUrl`` is the site's
own to give), and a service whose provider no record names is titled by its category alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.exports.common import ORDER, Exported, category_titles, cookie_match, provider_of, slug, unique
from extractor.model import Cookie


def to_klaro(cookies: Sequence[Cookie], languages: Sequence[str]) -> Exported:
    """A Klaro! configuration listing the inventory's cookies (category titles in English, Klaro's default)."""
    titles = category_titles()
    services: dict[tuple[str | None, str], dict[str, Any]] = {}
    for cookie in unique(cookies):
        provider = provider_of(cookie)
        key = (provider, cookie.category)
        service = services.setdefault(
            key,
            {
                "name": f"{slug(provider)}-{cookie.category}" if provider else cookie.category,
                "title": provider or titles[cookie.category],
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
    config = {
        "version": 1,
        "elementID": "klaro",
        "storageMethod": "cookie",
        "cookieName": "klaro",
        "default": False,
        "mustConsent": False,
        "acceptAll": True,
        "translations": {"en": {"purposes": {category: titles[category] for category in used}}},
        "services": ordered,
    }
    return Exported(config, ("klaro: no privacyPolicyUrl written; add your site's (translations.zz.privacyPolicyUrl)",))
