"""Providers: one spelling per company ("Google LLC", "GOOGLE" -> "Google"), and the party that sets a cookie.

The party comes, in this order, from a type or domain cell that says it ("third party", "1st party",
"Drittanbieter", "tiers"), from the provider being the site's own (its name appears in the document's title),
or from the provider being a platform known to set cookies on other sites (the Open Cookie Database).
"""

from __future__ import annotations

import re

from extractor import lexicon
from extractor.model import Party
from extractor.shapes import FIRST_PARTY, THIRD_PARTY

LEGAL_SUFFIX = re.compile(
    r"[,\s]+(?:"
    + "|".join(re.escape(f).replace(r"\.", r"\.?") for f in sorted(lexicon.words("legal_forms"), key=len, reverse=True))
    + r")\.?$",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def canonical_provider(provider: str | None) -> str | None:
    """The provider's name without legal suffixes and shouting: "GOOGLE LLC" -> "Google"."""
    if not provider:
        return None
    name = " ".join(provider.split()).strip(" .,;:-")
    previous = None
    while previous != name:
        previous = name
        name = LEGAL_SUFFIX.sub("", name).strip(" .,;:-")
    if name.isupper() and len(name) > 4:
        name = name.title()
    return name or None


def _squashed(text: str) -> str:
    return "".join(WORD.findall(text.casefold()))


def party_of(
    provider: str | None,
    type_text: str | None,
    domain: str | None,
    owner: str | None,
    known_platform: str | None,
) -> Party | None:
    """First or third party, or ``None`` when nothing says.

    Args:
        provider: the provider cell.
        type_text: the type cell (it often says "third party").
        domain: the domain cell.
        owner: the document's own name (its first line or title).
        known_platform: the platform of the known cookie this one was matched to, if any.
    """
    for text in (type_text, domain):
        folded = lexicon.fold(text) if text else ""
        if folded and THIRD_PARTY.search(folded):
            return "third"
        if folded and FIRST_PARTY.search(folded):
            return "first"
    if provider and owner:
        mine, theirs = _squashed(owner), _squashed(provider)
        if theirs and (theirs in mine or mine in theirs):
            return "first"
    if (
        provider
        and known_platform
        and set(WORD.findall(provider.casefold())) & set(WORD.findall(known_platform.casefold()))
    ):
        return "third"
    return None
