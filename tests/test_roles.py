"""The header lexicon: labels in several languages to roles."""

from __future__ import annotations

import pytest

from extractor.roles import assign_roles, header_language, match_header

LABELS = [
    ("Cookie name(s)", "name"),
    ("Nom du cookie", "name"),
    ("Nom technique du cookie", "name"),
    ("Cookie-Name", "name"),
    ("Naam cookie", "name"),
    ("Nombre", "name"),
    ("Nome del cookie", "name"),
    ("Anbieter", "provider"),
    ("Service provider's name", "provider"),
    ("Provider of Cookie", "provider"),
    ("Cookie lié au service", "provider"),
    ("Éditeur", "provider"),
    ("Proveedor", "provider"),
    ("Fornitore", "provider"),
    ("Function and location", "function"),
    ("Finalità", "purpose"),
    ("Finalité", "purpose"),
    ("Zweck", "purpose"),
    ("Doel", "purpose"),
    ("Finalidad", "purpose"),
    ("Description", "purpose"),
    ("Purpose of use", "purpose"),
    ("Durée de conservation", "duration"),
    ("Expires", "duration"),
    ("Ablauf", "duration"),
    ("Duración", "duration"),
    ("Scadenza", "duration"),
    ("Bewaartermijn", "duration"),
    ("Period of validity", "duration"),
    ("Type", "type"),
    ("Domain", "domain"),
    ("Kategorie", "category"),
]


@pytest.mark.parametrize(("label", "role"), LABELS, ids=[label for label, _ in LABELS])
def test_label_role(label: str, role: str) -> None:
    match = match_header(label)
    assert match is not None and match.role == role


@pytest.mark.parametrize(
    "text",
    ["We use cookies to remember your language and to measure how the site is used.", "Saves a message.", ""],
)
def test_prose_is_no_label(text: str) -> None:
    assert match_header(text) is None


def test_roles_are_used_once() -> None:
    assert assign_roles(["Cookie", "Name", "Purpose", "Expires"]) == ["provider", "name", "purpose", "duration"]
    assert assign_roles(["Cookie", "Provider", "Duration"]) == ["name", "provider", "duration"]


def test_header_language() -> None:
    assert header_language(["Nom du cookie", "Finalité", "Durée de conservation"]) == "fr"
    assert header_language(["Cookie-Name", "Ablauf", "Beschreibung"]) == "de"
