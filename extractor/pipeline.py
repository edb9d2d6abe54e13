"""One document through every stage: load -> rebuild tables -> records -> normalize -> categorize -> enrich
-> result.

This module only chains the stages; each lives in its own module as a plain function.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from extractor.categories import categorize
from extractor.errors import InputError
from extractor.knowledge import enrich, known_facts
from extractor.layout.budget import work_budget
from extractor.layout.stitch import rebuild_tables
from extractor.model import Cookie, ExtractionWarning, Result, Status, Table
from extractor.normalize import normalize
from extractor.normalize.language import detect_language
from extractor.readers import load
from extractor.records import row_confidence, table_records
from extractor.roles import user_labels
from extractor.settings import Settings
from extractor.version import __version__

# Records less sure than this make the document ``partial``.
DEFAULT_MIN_CONFIDENCE = 0.5


def extract(path: str | Path, settings: Settings | Mapping[str, Any] | None = None, **options: Any) -> Result:
    """Extract the cookie inventory of one document.

    Args:
        path: a PDF or text export of a cookie policy.
        settings: a ``Settings``, a mapping of its fields, or ``None`` for the defaults.
        **options: individual settings overriding ``settings``.

    Returns:
        The ``Result``; a file that cannot be read gives ``status="failed"`` and its ``error``.

    Raises:
        InputError: only with ``strict=True``, when the file cannot be read.
    """
    resolved = Settings.resolve(settings, **options)
    source = str(path)
    try:
        document = load(path, resolved, source=source)
    except InputError as error:
        if resolved.strict:
            raise
        return Result(source, None, None, "failed", None, error=str(error), extractor_version=__version__)
    with user_labels(resolved.labels), work_budget(resolved.max_layout_work) as budget:
        tables, warnings = rebuild_tables(document, resolved.layout)
    warnings = [*document.warnings, *warnings]
    if budget.exhausted:
        warnings.append(
            ExtractionWarning(
                "budget-exceeded",
                f"layout work over max_layout_work={resolved.max_layout_work} characters: some lines were not read "
                "as table rows (run-together text without line breaks?)",
            )
        )
    tables = [_with_confidence(t) for t in tables]
    header_languages = [t.language for t in tables if t.language]
    text = "\n".join(line.text for line in document.lines)
    language = detect_language(text) or (header_languages[0] if header_languages else None)
    records = [normalize(cookie, language) for table in tables for cookie in table_records(table)]
    owner = next((line.text for line in document.lines if not line.blank), None)
    cookies: list[Cookie] = []
    facts = [known_facts(record) for record in records]
    hints = [known.our_category if known is not None else None for known in facts]
    for cookie, known in zip(categorize(records, tables, hints), facts, strict=True):
        enriched, problems = enrich(cookie, owner, known)
        cookies.append(enriched)
        warnings.extend(problems)
    if not cookies:
        warnings.append(ExtractionWarning("no-table", "no cookie table found (no header row naming cookies)"))
    doubtful = [c for c in cookies if c.confidence < DEFAULT_MIN_CONFIDENCE]
    if doubtful:
        warnings.append(ExtractionWarning("low-confidence", f"{len(doubtful)} record(s) with confidence below 0.5"))
    status: Status = "ok" if cookies and not doubtful and not _incomplete(warnings) else "partial"
    return Result(
        source=source,
        sha256=document.sha256,
        format=document.format,
        status=status,
        language=language,
        tables=tuple(tables),
        cookies=tuple(cookies),
        warnings=tuple(warnings),
        extractor_version=__version__,
        pages=max((line.page for line in document.lines), default=0),
    )


# Warnings that say part of the document was not read: its result is ``partial`` whatever was found.
INCOMPLETE_WARNINGS = frozenset({"budget-exceeded", "unreadable-text"})


def _incomplete(warnings: list[ExtractionWarning]) -> bool:
    return any(w.code in INCOMPLETE_WARNINGS for w in warnings)


def _with_confidence(table: Table) -> Table:
    from dataclasses import replace

    rows = tuple(replace(r, confidence=row_confidence(r, table.columns, r.confidence)) for r in table.rows)
    return replace(table, rows=rows)
