"""HTML pages and Word documents: tables read from the markup, into the same pipeline as text and PDF."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import InputError, extract
from extractor.readers import sniff

HEADER = "<tr><th>Cookie</th><th>Provider</th><th>Purpose</th><th>Expiry</th></tr>"


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Cookies</title></head><body>{body}</body></html>"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rows(path: Path) -> list[tuple[str, str | None, str | None, str | None, str]]:
    result = extract(path)
    return [(c.name, c.provider, c.purpose, c.duration, c.category) for c in result.cookies]


def test_html_table_with_line_breaks_spans_and_a_banner(tmp_path: Path) -> None:
    page = _page(
        '<div class="cookie-banner"><table>' + HEADER + "<tr><td>banner_cookie</td><td>X</td><td>Nothing</td>"
        "<td>1 day</td></tr></table></div>"
        "<nav><a href='/'>Home</a></nav><script>var _ga = 1;</script>"
        "<h2>Strictly necessary cookies</h2><table>" + HEADER + "<tr><td>sessionid<br>csrftoken</td>"
        "<td rowspan='2'>Example</td><td>Keeps you signed in</td><td>Session</td></tr>"
        "<tr><td>lang</td><td>Remembers the <b>language</b> you chose</td><td>1 year</td></tr>"
        "<tr><td>cookie_consent</td><td>Example</td><td colspan='2'>Stores your choice</td></tr></table>"
    )
    rows = _rows(_write(tmp_path, "policy.html", page))
    assert rows == [
        ("sessionid", "Example", "Keeps you signed in", "Session", "necessary"),
        ("csrftoken", "Example", "Keeps you signed in", "Session", "necessary"),
        # The provider cell spans both rows: it is the provider of each.
        ("lang", "Example", "Remembers the language you chose", "1 year", "necessary"),
        ("cookie_consent", "Example", "Stores your choice", None, "necessary"),
    ]


def test_html_group_rows_give_categories(tmp_path: Path) -> None:
    page = _page(
        "<h2>Cookies we use</h2><table>" + HEADER + "<tr><td colspan='4'>Analytics cookies</td></tr>"
        "<tr><td>_ga</td><td>Google</td><td>Distinguishes users</td><td>2 years</td></tr>"
        "<tr><td colspan='4'>Advertising cookies</td></tr>"
        "<tr><td>_fbp</td><td>Meta</td><td>Delivers adverts</td><td>3 months</td></tr></table>"
    )
    rows = _rows(_write(tmp_path, "policy.html", page))
    assert [(name, category) for name, *_, category in rows] == [("_ga", "analytics"), ("_fbp", "marketing")]


@pytest.mark.parametrize(
    "grid",
    [
        '<div role="table"><div role="row"><span role="columnheader">Name</span>'
        '<span role="columnheader">Purpose</span></div>'
        '<div role="row"><span role="cell">_hjid</span><span role="cell">Hotjar user ID</span></div>'
        '<div role="row"><span role="cell">_hjSession_*</span><span role="cell">Hotjar session</span></div></div>',
        '<div class="list"><div class="r"><div>Name</div><div>Purpose</div></div>'
        '<div class="r"><div>_hjid</div><div>Hotjar user ID</div></div>'
        '<div class="r"><div>_hjSession_*</div><div>Hotjar session</div></div></div>',
        "<dl><dt>Name</dt><dd>Purpose</dd><dt>_hjid</dt><dd>Hotjar user ID</dd>"
        "<dt>_hjSession_*</dt><dd>Hotjar session</dd></dl>",
    ],
    ids=["aria-grid", "div-grid", "definition-list"],
)
def test_html_grids_without_table_tags(tmp_path: Path, grid: str) -> None:
    rows = _rows(_write(tmp_path, "policy.html", _page("<h2>Analytics</h2>" + grid)))
    assert [(name, purpose) for name, _, purpose, *_ in rows] == [
        ("_hjid", "Hotjar user ID"),
        ("_hjSession_*", "Hotjar session"),
    ]


def _docx(path: Path, rows: list[tuple[str, ...]]) -> Path:
    document = docx.Document()
    document.add_heading("Cookie policy", level=1)
    document.add_paragraph("This policy lists the cookies of the site.")
    table = document.add_table(rows=1, cols=3)
    for cell, label in zip(table.rows[0].cells, ("Cookie name", "Purpose", "Duration"), strict=True):
        cell.text = label
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:
            cells[0].merge(cells[-1]).text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            first, *more = value.split("\n")
            cell.text = first
            for line in more:
                cell.add_paragraph(line)
    document.save(str(path))
    return path


def test_docx_merged_group_rows_and_paragraphs_in_cells(tmp_path: Path) -> None:
    path = _docx(
        tmp_path / "policy.docx",
        [
            ("Essential cookies",),
            ("JSESSIONID\nXSRF-TOKEN", "Keeps the session and protects forms", "Session"),
            ("Performance cookies",),
            ("_pk_id.*", "Counts visits", "13 months"),
        ],
    )
    assert _rows(path) == [
        ("JSESSIONID", None, "Keeps the session and protects forms", "Session", "necessary"),
        ("XSRF-TOKEN", None, "Keeps the session and protects forms", "Session", "necessary"),
        ("_pk_id.*", None, "Counts visits", "13 months", "analytics"),
    ]


def test_kind_comes_from_content_not_extension(tmp_path: Path) -> None:
    page = _write(
        tmp_path, "saved.txt", _page("<table>" + HEADER + "<tr><td>a_b</td><td>X</td><td>Y</td></tr></table>")
    )
    word = _docx(tmp_path / "no-extension", [("sid_1", "Session", "Session")])
    assert sniff(page.read_bytes()) == "html"
    assert sniff(word.read_bytes()) == "docx"
    assert extract(page).format == "html"
    assert [c.name for c in extract(word).cookies] == ["sid_1"]


def test_broken_word_document_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"word/document.xml" + b"\x00" * 64)
    with pytest.raises(InputError, match=r"broken\.docx.*corrupt Word document"):
        extract(path, strict=True)


NAMES = st.from_regex(r"[a-z]{2,8}_[a-z0-9]{1,6}", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(NAMES, st.text("abcdefgh ", min_size=3, max_size=30)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_every_html_row_is_one_record(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]) -> None:
    body = "".join(
        f"<tr><td>{html.escape(n)}</td><td>Acme</td><td>{html.escape(p)}</td><td>1 day</td></tr>" for n, p in rows
    )
    path = _write(tmp_path_factory.mktemp("h"), "p.html", _page("<table>" + HEADER + body + "</table>"))
    first, second = extract(path), extract(path)
    assert [c.name for c in first.cookies] == [n for n, _ in rows]
    assert first.to_dict() == second.to_dict()


def test_html_caption_and_title_row(tmp_path: Path) -> None:
    page = _page(
        "<h1>Cookies</h1><table><caption>Analytics cookies</caption>"
        "<thead><tr><th colspan='3'>Cookies set by us</th></tr>"
        "<tr><th>Cookie</th><th>Purpose</th><th>Expires</th></tr></thead>"
        "<tbody><tr><td><code>_ga</code></td><td>Counts visits</td><td>2 years</td></tr>"
        "<tr><td><ul><li>_gid</li><li>_gat</li></ul></td><td>Counts visits</td><td>1 day</td></tr></tbody></table>"
    )
    assert _rows(_write(tmp_path, "policy.html", page)) == [
        ("_ga", None, "Counts visits", "2 years", "analytics"),
        ("_gid", None, "Counts visits", "1 day", "analytics"),
        ("_gat", None, "Counts visits", "1 day", "analytics"),
    ]


def test_html_one_table_per_cookie_with_labels_in_the_first_column(tmp_path: Path) -> None:
    def card(name: str, provider: str, purpose: str, expiry: str) -> str:
        pairs = zip(("Name", "Provider", "Purpose", "Expiry"), (name, provider, purpose, expiry), strict=True)
        return "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in pairs) + "</table>"

    page = _page(
        "<h2>Marketing cookies</h2>"
        + card("_fbp", "Meta", "Delivers adverts", "3 months")
        + card("IDE", "Google", "Registers ad clicks", "1 year")
        + "<h2>Analytics cookies</h2><dl><dt>Cookie</dt><dd>_ga</dd><dt>Provider</dt><dd>Google</dd>"
        "<dt>Purpose</dt><dd>Counts visits</dd><dt>Duration</dt><dd>2 years</dd></dl>"
    )
    assert _rows(_write(tmp_path, "policy.html", page)) == [
        ("_fbp", "Meta", "Delivers adverts", "3 months", "marketing"),
        ("IDE", "Google", "Registers ad clicks", "1 year", "marketing"),
        ("_ga", "Google", "Counts visits", "2 years", "analytics"),
    ]


def test_invisible_characters_a_cms_left_in_cells_are_no_part_of_the_text(tmp_path: Path) -> None:
    # Zero-width spaces before names and between words, a word joiner inside a name: the visible text counts.
    body = (
        "<table><tr><th>Cookie</th><th>Provider</th><th>Purpose</th><th>Expiry</th></tr>"
        "<tr><td>\u200b_pk_id*</td><td>\u200bMatomo</td><td>\u200bCounts\u200bvisits.</td><td>13 months</td></tr>"
        "<tr><td>_pk\u2060_ses*</td><td>Matomo</td><td>Groups the pages of a visit.</td><td>30 minutes</td></tr>"
        "</table>"
    )
    path = _write(tmp_path, "policy.html", _page(body))
    cookies = extract(path).cookies
    assert [(c.name, c.provider, c.purpose) for c in cookies] == [
        ("_pk_id*", "Matomo", "Counts visits."),
        ("_pk_ses*", "Matomo", "Groups the pages of a visit."),
    ]


def test_a_cell_spanning_rows_in_the_last_column_holds_for_each_row(tmp_path: Path) -> None:
    page = _page(
        "<h2>Analytics cookies</h2><table>" + HEADER + "<tr><td>_ga</td><td>Google</td><td>Distinguishes users</td>"
        "<td rowspan='3'>2 years</td></tr>"
        "<tr><td>_ga_*</td><td>Google</td><td>Keeps the session state</td></tr>"
        "<tr><td>_gid</td><td>Google</td><td>Distinguishes users</td></tr></table>"
    )
    rows = _rows(_write(tmp_path, "policy.html", page))
    assert [(name, duration) for name, _, _, duration, _ in rows] == [
        ("_ga", "2 years"),
        ("_ga_*", "2 years"),
        ("_gid", "2 years"),
    ]
