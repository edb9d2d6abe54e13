"""A flat CSV in the shape of OneTrust's cookie list (Cookie Subgroup, Cookies, Cookies used, Lifespan), one
row per cookie, for spreadsheet imports."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from extractor.exports.common import Exported, provider_of, unique
from extractor.model import Cookie
from extractor.writers.csv import neutralise

COLUMNS = ("Cookie Subgroup", "Cookies", "Cookies used", "Lifespan")
PARTY = {"first": "First Party", "third": "Third Party"}


def to_onetrust_csv(cookies: Sequence[Cookie], languages: Sequence[str]) -> Exported:
    """The inventory as OneTrust-style CSV text (a cell the inventory has no value for stays empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cookie in unique(cookies):
        lifespan = cookie.duration or ("Session" if cookie.duration_kind == "session" else "")
        cells = [provider_of(cookie) or "", cookie.name, PARTY.get(cookie.party or "", ""), lifespan]
        writer.writerow([neutralise(cell) for cell in cells])
    return Exported(buffer.getvalue())
