"""Tables whose cells ran together: header labels and row cells cut at their joints."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.layout.glued import split_row
from extractor.layout.joints import shared_prefixes, split_glued_header


@pytest.mark.parametrize(
    ("line", "labels"),
    [
        (
            "Service provider's nameFunction and locationCookie name(s)Purposes",
            ["Service provider's name", "Function and location", "Cookie name(s)", "Purposes"],
        ),
        ("NameProviderPurposeExpiry", ["Name", "Provider", "Purpose", "Expiry"]),
        ("nameprovidertypeexpirycategory", ["name", "provider", "type", "expiry", "category"]),
        ("Cookie-NameAblaufGrößeStandortBeschreibung", ["Cookie-Name", "Ablauf", "Größe", "Standort", "Beschreibung"]),
        (
            "Cookie lié au serviceNom technique du cookieFinalitéDurée de conservation",
            ["Cookie lié au service", "Nom technique du cookie", "Finalité", "Durée de conservation"],
        ),
    ],
    ids=["seed", "capitals", "lower-case", "german", "french"],
)
def test_glued_header_labels(line: str, labels: list[str]) -> None:
    found = split_glued_header(line)
    assert found is not None and [label for label, _, _ in found] == labels


@pytest.mark.parametrize("line", ["Our cookie policy", "Cookies", "We use cookies on this website.", "PurposeExpiry"])
def test_text_that_is_not_a_glued_header(line: str) -> None:
    assert split_glued_header(line) is None


@pytest.mark.parametrize(
    ("line", "roles", "cells"),
    [
        (
            "OpendatasoftAuthentication (front and back office)sessionidTo remember the user from one page to another",
            ("provider", "function", "name", "purpose"),
            [
                "Opendatasoft",
                "Authentication (front and back office)",
                "sessionid",
                "To remember the user from one page to another",
            ],
        ),
        (
            "_hjSessionUser_123HotjarCollects statistics on the visitor's visits1 year",
            ("name", "provider", "purpose", "duration"),
            ["_hjSessionUser_123", "Hotjar", "Collects statistics on the visitor's visits", "1 year"],
        ),
        (
            "PHPSESSIDExample LtdKeeps the sessionSession",
            ("name", "provider", "purpose", "duration"),
            ["PHPSESSID", "Example Ltd", "Keeps the session", "Session"],
        ),
        (
            "Matomo_pk_id.*Permet de stocker votre identifiant unique de visite13 mois",
            ("provider", "name", "purpose", "duration"),
            ["Matomo", "_pk_id.*", "Permet de stocker votre identifiant unique de visite", "13 mois"],
        ),
    ],
    ids=["seed-row", "camel-case-name", "capitals-name", "underscore-joint"],
)
def test_glued_row_cells(line: str, roles: tuple[str, ...], cells: list[str]) -> None:
    split = split_row(line, roles)  # type: ignore[arg-type]
    assert split is not None and split.cells == cells


def test_a_value_many_rows_start_with_is_a_joint() -> None:
    lines = ["GitHubapp_manifest_tokenUsed in the flow", "GitHubcolor_modeThe theme", "GitHub_device_idDevices"]
    assert shared_prefixes(lines) == [6, 6, 6]
    assert shared_prefixes(["This cookie is used", "This one too", "This as well"]) == [None, None, None]


NAMES = st.from_regex(r"_[a-z]{2,6}(?:_[a-z0-9]{1,4})?", fullmatch=True)
PROVIDERS = st.sampled_from(["Google", "Hotjar", "Matomo", "Example Ltd", "Acme"])
PURPOSES = st.lists(
    st.sampled_from("stores counts the visits of user pages session and".split()), min_size=2, max_size=8
)
DURATIONS = st.tuples(st.integers(1, 24), st.sampled_from(["days", "months", "years", "hours"]))


@settings(max_examples=100, deadline=None)
@given(NAMES, PROVIDERS, PURPOSES, DURATIONS)
def test_run_together_rows_come_apart(name: str, provider: str, words: list[str], duration: tuple[int, str]) -> None:
    purpose = "Registers " + " ".join(words)
    expiry = f"{duration[0]} {duration[1]}"
    split = split_row(name + provider + purpose + expiry, ("name", "provider", "purpose", "duration"))
    assert split is not None and split.cells == [name, provider, purpose, expiry]


def test_glued_table_stops_before_prose(tmp_path: Path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text(
        "Analytics cookies\n\nNameProviderPurposeExpiry\n"
        "_gaGoogleRegisters a unique ID2 years\n_gidGoogleRegisters a unique ID1 day\n\n"
        "Contact us at privacy@example.com if you have a question.\n",
        encoding="utf-8",
    )
    result = extract(path)
    assert [(c.name, c.provider, c.duration) for c in result.cookies] == [
        ("_ga", "Google", "2 years"),
        ("_gid", "Google", "1 day"),
    ]
    assert [w.code for w in result.warnings if w.code == "glued-table"] == ["glued-table"]
