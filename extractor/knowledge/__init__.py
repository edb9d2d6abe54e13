"""Known-cookie facts from the Open Cookie Database (Apache-2.0; see data/NOTICE and data/LICENSE).

A policy's cookie is matched to a known one by name (exactly, or by a known prefix such as ``_ga_``) together
with who sets it: when the policy names a provider or a domain, the known cookie's platform or domain must
agree with it, so a Django ``sessionid`` set by Opendatasoft never becomes Instagram's. Without a provider,
only a name no other platform uses and that is clearly a cookie name (``_ga``, ``_fbp``) is matched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from extractor import lexicon
from extractor.model import Category, Cookie, ExtractionWarning
from extractor.normalize.durations import DAY, parse_duration
from extractor.normalize.providers import party_of
from extractor.shapes import has_strong_name_marks

# Open Cookie Database category -> ours, and the policy categories each is compatible with.
CATEGORY_MAP: dict[str, Category] = {
    "Functional": "necessary",
    "Necessary": "necessary",
    "Security": "necessary",
    "Personalization": "functional",
    "Analytics": "analytics",
    "Marketing": "marketing",
}
COMPATIBLE: dict[str, frozenset[Category]] = {
    "Functional": frozenset({"necessary", "functional"}),
    "Necessary": frozenset({"necessary"}),
    "Security": frozenset({"necessary"}),
    "Personalization": frozenset({"functional"}),
    "Analytics": frozenset({"analytics"}),
    "Marketing": frozenset({"marketing"}),
}
# Words of provider names that say nothing about who the provider is.
GENERIC_WORDS = frozenset(
    word
    for phrase in (*lexicon.words("generic_provider_words"), *lexicon.words("legal_forms"))
    for word in phrase.replace(".", "").replace("/", "").split()
)
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class KnownCookie:
    """One fact of the database."""

    name: str
    platform: str
    category: str
    retention: str
    domain: str
    wildcard: bool

    @property
    def our_category(self) -> Category | None:
        return CATEGORY_MAP.get(self.category)

    def compatible(self, category: Category) -> bool:
        return category in COMPATIBLE.get(self.category, frozenset())


def _words(text: str | None) -> set[str]:
    return {w for w in WORD.findall((text or "").casefold()) if w not in GENERIC_WORDS and len(w) > 1}


def _domain_words(text: str | None) -> set[str]:
    """The distinctive labels of a domain ("www.google-analytics.com" -> {"google", "analytics"})."""
    labels = [p for p in re.split(r"[.\s/]+", (text or "").casefold().strip(".")) if p]
    core = labels[:-1] if len(labels) > 1 else labels
    return {w for label in core if label not in ("www", "com", "net", "org", "co") for w in WORD.findall(label)}


class KnownCookies:
    """The database, indexed by exact name and by the prefixes of wildcard names."""

    def __init__(self, facts: list[KnownCookie]) -> None:
        self.by_name: dict[str, list[KnownCookie]] = {}
        self.by_folded: dict[str, list[KnownCookie]] = {}
        self.prefixes: list[KnownCookie] = sorted(
            (f for f in facts if f.wildcard), key=lambda f: len(f.name), reverse=True
        )
        for fact in facts:
            self.by_name.setdefault(fact.name, []).append(fact)
            self.by_folded.setdefault(fact.name.casefold(), []).append(fact)

    def candidates(self, name: str) -> list[KnownCookie]:
        """Known cookies that a policy's cookie name may be: same name, or a known prefix of it."""
        exact = self.by_name.get(name) or self.by_folded.get(name.casefold(), [])
        stem = re.split(r"[<*{\[]", name, maxsplit=1)[0]
        prefixed = [f for f in self.prefixes if f.name and stem.startswith(f.name) and f not in exact]
        return [*exact, *prefixed]

    def match(self, name: str, provider: str | None, domain: str | None) -> KnownCookie | None:
        """The known cookie a policy's cookie is, or ``None`` when none fits name and provider together."""
        candidates = self.candidates(name)
        if not candidates:
            return None
        stated = _words(provider) | _domain_words(domain)
        if stated:
            agreeing = [f for f in candidates if stated & (_words(f.platform) | _domain_words(f.domain))]
            return agreeing[0] if agreeing else None
        platforms = {f.platform for f in candidates}
        if len(platforms) == 1 and has_strong_name_marks(name):
            return candidates[0]
        return None


@lru_cache(maxsize=1)
def known_cookies() -> KnownCookies:
    """The facts shipped in the package (loaded once)."""
    text = files("extractor.knowledge").joinpath("data/cookies.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return KnownCookies([KnownCookie(*row) for row in data["rows"]])


# A stated retention and the known one disagree when one is more than this many times the other (and more
# than a day apart), or when one is a session and the other is not.
DEFAULT_RETENTION_RATIO = 2.0


def known_facts(cookie: Cookie) -> KnownCookie | None:
    """The known facts of this cookie (matched on name with its provider or domain), if any."""
    return known_cookies().match(cookie.name, cookie.provider, cookie.domain)


def enrich(cookie: Cookie, owner: str | None, known: KnownCookie | None) -> tuple[Cookie, list[ExtractionWarning]]:
    """Fill the known-cookie facts and the party of a record; disagreements become warnings, not changes.

    Args:
        cookie: a normalised record.
        owner: the document's own name (its first line), to recognise first-party providers.
        known: the cookie's known facts (``known_facts``), looked up once for categorizing and enriching.
    """
    party = party_of(cookie.provider, cookie.type, cookie.domain, owner, known.platform if known else None)
    if known is None:
        return replace(cookie, party=party), []
    enriched = replace(
        cookie,
        party=party,
        known_provider=known.platform,
        known_category=known.our_category,
        known_retention=known.retention or None,
    )
    warnings: list[ExtractionWarning] = []
    line = cookie.lines[0] if cookie.lines else None
    if cookie.category != "unclassified" and known.our_category and not known.compatible(cookie.category):
        warnings.append(
            ExtractionWarning(
                "category-mismatch",
                f"{cookie.name}: the policy says {cookie.category}, known facts say {known.category} "
                f"({known.platform})",
                cookie.page,
                line,
            )
        )
    if _retentions_disagree(cookie.duration, known.retention):
        warnings.append(
            ExtractionWarning(
                "retention-mismatch",
                f"{cookie.name}: the policy says {cookie.duration!r}, known facts say {known.retention!r} "
                f"({known.platform})",
                cookie.page,
                line,
            )
        )
    return enriched, warnings


def _retentions_disagree(stated: str | None, known: str | None) -> bool:
    said, fact = parse_duration(stated), parse_duration(known)
    if not said.parsed or not fact.parsed:
        return False
    if said.kind != fact.kind:
        return True
    if said.seconds is None or fact.seconds is None:
        return False
    low, high = sorted((said.seconds, fact.seconds))
    return high - low > DAY and high > DEFAULT_RETENTION_RATIO * max(low, 1)
