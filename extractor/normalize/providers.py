"""Providers: one spelling per company ("Google LLC", "GOOGLE" -> "Google"), and the party that sets a cookie.

The party comes, in this order, from a type or domain cell that says it ("third party", "1st party",
"Drittanbieter", "tiers"), from the provider being the site's own (its name appears in the document's title),
or from the provider being a platform known to set cookies on other sites (the Open Cookie Database).
"""

from __future__ import annotations

import re
from typing import Literal

Party = Literal["first", "third"]

LEGAL_SUFFIX = re.compile(
    r"[,\s]+(?:inc|llc|l\.l\.c|ltd|limited|gmbh|ag|s\.?a\.?s?|sarl|s\.?r\.?l|b\.?v|n\.?v|ab|oy|a/s|plc|corp|"
    r"corporation|co|company|se|kg|ug|spa|s\.p\.a|pty|pte)\.?$",
    re.IGNORECASE,
)
THIRD_PARTY = re.compile(
    r"\b(?:third[- ]?party|3rd[- ]?party|third|tiers|tierce|drittanbieter|dritt|terceros?|terze? part[ie]|"
    r"derde[- ]?partij|derden|zewn[eę]trzn)",
    re.IGNORECASE,
)
FIRST_PARTY = re.compile(
    r"\b(?:first[- ]?party|1st[- ]?party|own|propri[eé]taire|interne?|erstanbieter|eigen|propias?|propri[oa]|"
    r"eerste[- ]?partij|w[lł]asn)",
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
        if text and THIRD_PARTY.search(text):
            return "third"
        if text and FIRST_PARTY.search(text):
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
