"""Cookie records as a pandas DataFrame with the documented dtypes (see README): categories for the closed
sets, nullable integers for counts. Depends on the model alone (``Result.to_dataframe`` uses it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from extractor.model import CATEGORIES, CATEGORY_SOURCES, COOKIE_FIELDS, DURATION_KINDS, PARTIES

if TYPE_CHECKING:
    import pandas

CATEGORICAL: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES,
    "category_source": CATEGORY_SOURCES,
    "party": PARTIES,
    "duration_kind": DURATION_KINDS,
    "known_category": CATEGORIES,
}
NULLABLE_INTEGERS = ("table", "row", "page", "duration_seconds")


def cookie_frame(rows: Sequence[dict[str, Any]]) -> pandas.DataFrame:
    """One row per cookie (``source`` first, then the cookie fields), typed by ``typed_frame``."""
    import pandas

    return typed_frame(pandas.DataFrame(list(rows), columns=["source", *COOKIE_FIELDS]))


def typed_frame(frame: pandas.DataFrame) -> pandas.DataFrame:
    """The cookie DataFrame with its documented dtypes."""
    import pandas

    typed = frame.copy()
    for column, values in CATEGORICAL.items():
        typed[column] = pandas.Categorical(typed[column], categories=list(values))
    for column in NULLABLE_INTEGERS:
        typed[column] = pandas.array(typed[column].tolist(), dtype="Int64")
    typed["confidence"] = typed["confidence"].astype("float64")
    typed["name_is_pattern"] = typed["name_is_pattern"].astype("bool")
    string_columns = [
        c
        for c in typed.columns
        if c not in (*CATEGORICAL, *NULLABLE_INTEGERS, "confidence", "name_is_pattern", "lines")
    ]
    for column in string_columns:
        typed[column] = typed[column].astype("string")
    return typed
