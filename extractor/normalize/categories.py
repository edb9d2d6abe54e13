"""Canonical consent categories from a category column or the heading above a table.

Only what the document states is used: a category cell, else the table's heading. Text that names no
category leaves the record ``unclassified``.
"""

from __future__ import annotations

import re

from extractor.model import Category
from extractor.roles import fold

# Keyword stems per category (folded: lower case, no accents), English, French, German, Spanish, Italian,
# Dutch, Polish. Checked in this order, so "strictly necessary functional cookies" is necessary.
KEYWORDS: tuple[tuple[Category, tuple[str, ...]], ...] = (
    (
        "necessary",
        (
            "necessar",
            "essential",
            "strictly",
            "required",
            "technical",
            "technique",
            "nécessaire",
            "necessaire",
            "indispensable",
            "notwendig",
            "erforderlich",
            "unbedingt",
            "necesari",
            "imprescindible",
            "tecnic",
            "noodzakelijk",
            "essentieel",
            "functionele en noodzakelijk",
            "niezbedn",
            "security",
            "securite",
            "sicherheit",
        ),
    ),
    (
        "marketing",
        (
            "marketing",
            "advertis",
            "targeting",
            "publicit",
            "ads",
            "retargeting",
            "werbung",
            "publicidad",
            "pubblicit",
            "advertentie",
            "reklam",
            "social media",
            "tracking cookies",
            "profil",
        ),
    ),
    (
        "analytics",
        (
            "analytic",
            "statistic",
            "performance",
            "measur",
            "mesure d audience",
            "audience",
            "statistik",
            "analyse",
            "analys",
            "analiti",
            "estadistic",
            "statistich",
            "prestazion",
            "meten",
            "webstatistiek",
            "analityczn",
            "usage",
        ),
    ),
    (
        "functional",
        (
            "functional",
            "functionality",
            "preference",
            "fonctionnel",
            "fonctionnalit",
            "funktional",
            "praferenz",
            "einstellung",
            "funcional",
            "preferencia",
            "funzional",
            "preferenz",
            "functionel",
            "voorkeur",
            "funkcjonaln",
            "personalis",
            "language",
            "langue",
        ),
    ),
)


def category_from_text(text: str | None) -> Category | None:
    """The category a label or heading names, or ``None``."""
    if not text:
        return None
    folded = " " + fold(text) + " "
    for category, stems in KEYWORDS:
        for stem in stems:
            if re.search(r"\b" + re.escape(fold(stem)), folded):
                return category
    return None
