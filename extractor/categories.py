"""Canonical consent categories, in this order of trust: a category column, the heading above the table,
the function and purpose text (a text classifier trained in this repository, see ``extractor.nlp``).

``category_source`` says which one decided; a record nothing decides stays ``unclassified``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractor.model import Category, CategorySource, Cookie, Table
from extractor.shapes import category_from_text, join_cell, word_count

# A category cell of more words than this is a sentence, not a category label.
DEFAULT_CATEGORY_LABEL_WORDS = 5
# A cell naming no category we know is the policy's own label ("Other", "Not classified") up to this many
# words; longer, it is an instruction or a remark, and says nothing of the category.
DEFAULT_UNKNOWN_LABEL_WORDS = 2


def categorize(
    cookies: list[Cookie], tables: list[Table], hints: Sequence[Category | None] | None = None
) -> list[Cookie]:
    """Each record with its category and where it came from.

    Args:
        cookies: the records, ``unclassified``.
        tables: the tables they come from (for category cells and headings).
        hints: per record, the category known facts give that cookie (or ``None``); it only weighs in when
            the category is read from the purpose text.
    """
    from extractor.nlp import classify

    decided: list[tuple[Category, CategorySource] | None] = []
    for cookie in cookies:
        table = tables[cookie.table] if cookie.table < len(tables) else None
        decided.append(_stated(cookie, table))
    pending = [i for i, d in enumerate(decided) if d is None]
    texts = [classified_text(cookies[i]) for i in pending]
    pending_hints = [hints[i] for i in pending] if hints is not None else None
    for i, predicted in zip(pending, classify(texts, pending_hints), strict=True):
        decided[i] = (predicted, "text") if predicted is not None else None
    return [
        replace(cookie, category=d[0], category_source=d[1]) if d else cookie
        for cookie, d in zip(cookies, decided, strict=True)
    ]


def _stated(cookie: Cookie, table: Table | None) -> tuple[Category, CategorySource] | None:
    if table is None:
        return None
    if "category" in table.columns and cookie.row < len(table.rows):
        cell = join_cell(table.rows[cookie.row].cells[table.columns.index("category")])
        # The policy states a category in a label ("Analytics", "Strictly necessary or essential"); one we do
        # not know ("Unclassified", "Other") is not guessed at. A sentence in the column ("choose 'essential
        # cookies only' in the banner", "do not close the banner") states none: the heading or purpose decides.
        stated = category_from_text(cell) if cell else None
        if stated is not None and word_count(cell or "") <= DEFAULT_CATEGORY_LABEL_WORDS:
            return stated, "column"
        if cell and word_count(cell) <= DEFAULT_UNKNOWN_LABEL_WORDS:
            return "unclassified", "column"
    # The table's own heading first; one naming no category ("Google Analytics") leaves it to the headings of
    # the sections it stands in ("Analytics cookies").
    for heading in (table.heading, *table.sections):
        found = category_from_text(heading)
        if found:
            return found, "heading"
    return None


def classified_text(cookie: Cookie) -> str:
    """The text the classifier reads for a record: its function and purpose."""
    return " ".join(t for t in (cookie.function, cookie.purpose) if t)
