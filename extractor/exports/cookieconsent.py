"""orestbida/cookieconsent v3 config: a category per consent category, ``autoClear.cookies`` with the
cookies to remove when it is refused, and a preferences section whose ``cookieTable`` lists them.

Texts go under the language they are in: a cookie's purpose under ``translations.<its document's language>``,
the banner's own words in that language where ``labels.json`` has them (else in English, and the export says
so). An inventory of documents in several languages gets one translation per language, each listing the cookies
described in it; ``language.default`` is the language of most cookies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from extractor.exports.common import ORDER, Exported, cookie_match, labels, provider_of, unique_indexes
from extractor.model import Cookie


def _translation(cookies: Sequence[Cookie], language: str) -> dict[str, Any]:
    words, _ = labels(language)
    sections: list[dict[str, Any]] = [{"title": words["usage_title"], "description": words["usage_description"]}]
    for category in ORDER:
        members = [c for c in cookies if c.category == category]
        if not members:
            continue
        sections.append(
            {
                "title": words[category],
                "linkedCategory": category,
                "cookieTable": {
                    "headers": {
                        "name": words["name"],
                        "domain": words["provider"],
                        "description": words["purpose"],
                        "expiration": words["expiration"],
                    },
                    "body": [
                        {
                            "name": c.name,
                            "domain": provider_of(c) or "",
                            "description": c.purpose or c.function or "",
                            "expiration": c.duration or "",
                        }
                        for c in members
                    ],
                },
            }
        )
    return {
        "consentModal": {
            "title": words["consent_title"],
            "description": words["consent_description"],
            "acceptAllBtn": words["accept_all"],
            "acceptNecessaryBtn": words["reject_all"],
            "showPreferencesBtn": words["manage"],
        },
        "preferencesModal": {
            "title": words["preferences_title"],
            "acceptAllBtn": words["accept_all"],
            "acceptNecessaryBtn": words["reject_all"],
            "savePreferencesBtn": words["save"],
            "closeIconLabel": words["close"],
            "sections": sections,
        },
    }


def to_cookieconsent(cookies: Sequence[Cookie], languages: Sequence[str]) -> Exported:
    """A cookieconsent v3 configuration listing the inventory's cookies.

    Args:
        cookies: the records.
        languages: the language of each record's texts (ISO 639-1), in the same order.
    """
    kept = unique_indexes(cookies)
    records = [cookies[i] for i in kept]
    categories: dict[str, Any] = {}
    for category in ORDER:
        members = [c for c in records if c.category == category]
        if members:
            necessary = category == "necessary"
            categories[category] = {
                "enabled": necessary,
                "readOnly": necessary,
                "autoClear": {"cookies": [{"name": cookie_match(c)} for c in members]},
            }
    by_language = Counter(languages[i] for i in kept)
    ordered = sorted(by_language, key=lambda language: (-by_language[language], language))
    translations = {
        language: _translation([cookies[i] for i in kept if languages[i] == language], language) for language in ordered
    }
    notes = tuple(
        f"cookieconsent: no banner words in {language!r}: translations.{language} holds the English ones; "
        "translate them there"
        for language in ordered
        if not labels(language)[1]
    )
    default = ordered[0] if ordered else "en"
    config = {"categories": categories, "language": {"default": default, "translations": translations or {}}}
    if not translations:
        config["language"]["translations"] = {default: _translation([], default)}
    return Exported(config, notes)
