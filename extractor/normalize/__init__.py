"""Normalisation of records: names, durations, providers, categories and document language.

Each function is pure: a record (and what it needs to know) in, a record out.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.model import Cookie
from extractor.normalize.durations import parse_duration
from extractor.normalize.names import name_pattern
from extractor.normalize.providers import canonical_provider


def normalize(cookie: Cookie, language: str | None = None) -> Cookie:
    """A record with its name pattern, its duration in seconds, kind and ISO form (its unit words read in the
    document's ``language`` first), and its canonical provider."""
    pattern = name_pattern(cookie.name)
    duration = parse_duration(cookie.duration, language)
    return replace(
        cookie,
        name_is_pattern=pattern.is_pattern,
        name_regex=pattern.regex,
        duration_seconds=duration.seconds,
        duration_kind=duration.kind,
        duration_iso=duration.iso,
        provider_canonical=canonical_provider(cookie.provider),
    )
