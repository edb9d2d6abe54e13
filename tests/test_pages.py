"""Reading some pages of a PDF (``Settings.pages``, ``--pages``), in Camelot's syntax, with either PDF reader."""

from __future__ import annotations

import pytest

from extractor.errors import ConfigError
from extractor.pipeline import extract
from extractor.settings import PDF_READERS, Settings, selected_pages
from tests.conftest import SAMPLES

# Two pages: the table starts on page 1 (header and 9 cookies) and goes on, without its header, on page 2.
PAGED = SAMPLES / "cookies-paged-de.pdf"


@pytest.mark.parametrize(
    ("spec", "count", "pages"),
    [
        ("1-3,5", 10, [1, 2, 3, 5]),
        ("2-end", 4, [2, 3, 4]),
        ("end", 4, [4]),
        ("all", 3, [1, 2, 3]),
        ("5,1,1-2", 9, [1, 2, 5]),
        ("3-9", 4, [3, 4]),
        (" 1 , 3 ", 5, [1, 3]),
        (None, 2, [1, 2]),
    ],
    ids=[
        "ranges-and-pages",
        "to-the-end",
        "last-page",
        "all",
        "unordered-and-repeated",
        "past-the-end",
        "spaces",
        "none",
    ],
)
def test_a_page_selection_picks_pages_in_document_order(spec: str | None, count: int, pages: list[int]) -> None:
    assert selected_pages(spec, count) == pages


@pytest.mark.parametrize("spec", ["0", "1-", "a", "3-1", "end-2", "1,,2", "", "01", "-1"])
def test_a_page_selection_that_does_not_read_is_a_config_error(spec: str) -> None:
    with pytest.raises(ConfigError, match=r"^pages: "):
        Settings(pages=spec)


@pytest.mark.parametrize("reader", PDF_READERS)
def test_the_first_page_alone_gives_its_records_with_their_page_numbers(reader: str) -> None:
    whole = extract(PAGED, pdf_reader=reader)
    first = extract(PAGED, pdf_reader=reader, pages="1")
    assert {c.page for c in whole.cookies} == {1, 2}
    # Line numbers and the owner may differ: a page alone has no running header to leave out.
    fields = ("name", "purpose", "duration", "category", "page", "row")
    assert [[getattr(c, f) for f in fields] for c in first.cookies] == [
        [getattr(c, f) for f in fields] for c in whole.cookies if c.page == 1
    ]
    assert first.pages == 1


@pytest.mark.parametrize("reader", PDF_READERS)
def test_a_later_page_keeps_its_number(reader: str) -> None:
    second = extract(PAGED, pdf_reader=reader, pages="end")
    assert second.pages == 2
    assert second.status == "partial" and not second.cookies  # the rows of page 2 have no header of their own


@pytest.mark.parametrize("reader", PDF_READERS)
def test_a_selection_of_no_page_of_the_document_fails_it(reader: str) -> None:
    result = extract(PAGED, pdf_reader=reader, pages="3-5")
    assert result.status == "failed"
    assert result.error == f"{PAGED}: pages=3-5 selects none of the PDF's 2 pages"


def test_the_page_limit_counts_the_pages_read() -> None:
    assert extract(PAGED, pages="1", max_pages=1).status == "ok"
    assert "pages=1-2 (2 pages) exceeds max_pages=1" in (extract(PAGED, pages="1-2", max_pages=1).error or "")
