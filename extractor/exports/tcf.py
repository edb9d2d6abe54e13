"""IAB TCF Device Storage Disclosure: one ``disclosures[]`` entry per cookie.

``maxAgeSeconds`` is the cookie's duration in seconds (0 for a session cookie, ``null`` when the policy states no
length); the TCF purposes follow the consent category: necessary -> [1] (store and/or access information),
functional -> [1, 11], analytics -> [1, 8, 9, 10], marketing -> [1, 2, 3, 4, 7], unclassified -> [1].
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.exports.common import unique
from extractor.model import Category, Cookie

TCF_PURPOSES: dict[Category, list[int]] = {
    "necessary": [1],
    "functional": [1, 11],
    "analytics": [1, 8, 9, 10],
    "marketing": [1, 2, 3, 4, 7],
    "unclassified": [1],
}


def max_age(cookie: Cookie) -> int | None:
    if cookie.duration_kind == "session":
        return 0
    return cookie.duration_seconds


def to_tcf_disclosure(cookies: Sequence[Cookie]) -> dict[str, Any]:
    """A TCF Device Storage Disclosure of the inventory's cookies."""
    disclosures = []
    for cookie in unique(cookies):
        disclosures.append(
            {
                "identifier": cookie.name_regex if cookie.name_is_pattern and cookie.name_regex else cookie.name,
                "type": "cookie",
                "maxAgeSeconds": max_age(cookie),
                "cookieRefresh": False,
                "domains": [cookie.domain] if cookie.domain else ["*"],
                "purposes": TCF_PURPOSES[cookie.category],
            }
        )
    return {"disclosures": disclosures}
