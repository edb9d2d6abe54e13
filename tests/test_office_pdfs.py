"""PDFs as an office suite prints them (python-docx tables printed by LibreOffice: ``scripts/make_office_samples.py``
made ``samples/office``), each a kind of table real policies use, read by both PDF readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from tests.conftest import SAMPLES

OFFICE = SAMPLES / "office"
READERS = ("pdfium", "pdfplumber")


def _cookies(name: str, reader: str) -> list[dict[str, object]]:
    result = extract(OFFICE / f"{name}.pdf", pdf_reader=reader)
    assert result.status == "ok" or (result.status == "partial" and result.cookies), result.error
    return [c.to_dict() for c in result.cookies]


@pytest.mark.parametrize("reader", READERS)
def test_a_shaded_header_category_rows_merged_across_and_a_provider_merged_down(reader: str) -> None:
    cookies = _cookies("shaded-merged", reader)
    assert [(c["name"], c["provider"], c["category"]) for c in cookies] == [
        ("nw_session", "Northwind", "necessary"),
        ("nw_consent", "Northwind", "necessary"),
        ("nw_consent_level", "Northwind", "necessary"),  # two names in one cell, as two paragraphs
        ("nw_csrf", "Northwind", "necessary"),
        ("_pk_id.1.a2b3", "Matomo", "analytics"),
        ("_pk_ses.1.a2b3", "Matomo", "analytics"),
    ]
    assert cookies[0]["purpose"] == "Keeps you signed in while you move from page to page."


@pytest.mark.parametrize("reader", READERS)
def test_a_long_landscape_table_with_double_and_dotted_borders_over_fifteen_pages(reader: str) -> None:
    # The header row repeats on every page and rows break across pages: each page's few rows keep the columns.
    cookies = _cookies("long-landscape", reader)
    providers = ("Adnet", "Bidhouse", "Clickwave")
    assert len(cookies) == 70
    for i, cookie in enumerate(cookies):
        provider = providers[i % 3]
        assert cookie["name"] == f"ad_track_{i:02d}"
        assert cookie["provider"] == provider
        assert cookie["purpose"] == (
            f"Lets {provider} show you ads about the products you looked at, and measures how often each ad of "
            f"campaign {i + 1} was seen and clicked."
        )
        assert cookie["duration"] == f"{i % 12 + 1} months"
        assert cookie["type"] == "Third party"


@pytest.mark.parametrize("reader", READERS)
def test_a_table_with_no_grid_but_a_rule_under_its_header(reader: str) -> None:
    cookies = _cookies("header-rule-only", reader)
    assert [(c["name"], c["duration"]) for c in cookies] == [
        ("pref_lang", "1 year"),
        ("pref_font_size", "6 months"),
        ("video_volume", "30 days"),
        ("map_zoom_level", "Session"),
    ]
    assert cookies[0]["purpose"] == "Remembers the language you chose so that every page is shown in it."
    assert {c["category"] for c in cookies} == {"functional"}


@pytest.mark.parametrize("reader", READERS)
def test_one_small_label_and_value_table_per_cookie(reader: str) -> None:
    cookies = _cookies("cards", reader)
    assert [(c["name"], c["provider"], c["duration"]) for c in cookies] == [
        ("_ga", "Google", "2 years"),
        ("_gid", "Google", "24 hours"),
        ("_hjSessionUser_123", "Hotjar", "1 year"),
    ]
    assert cookies[2]["purpose"] == "Keeps the same user ID across the pages of a visit."


def test_the_office_samples_are_the_script_s_kinds() -> None:
    from scripts.make_office_samples import KINDS

    assert sorted(p.stem for p in OFFICE.glob("*.pdf")) == sorted(KINDS)
    assert all(Path(OFFICE / f"{kind}.pdf").stat().st_size < 100_000 for kind in KINDS)
