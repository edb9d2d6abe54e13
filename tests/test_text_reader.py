"""The text reader: decoding, line splitting, and the property that any text reads without surprise."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import InputError, extract
from extractor.readers import load, sniff
from extractor.readers.text import decode, read_text, split_line
from extractor.settings import Settings
from extractor.shapes import display_width

SETTINGS = Settings()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Nom du cookie\tDurée".encode(), "Nom du cookie\tDurée"),
        (codecs.BOM_UTF8 + "Durée".encode(), "Durée"),
        (codecs.BOM_UTF16_LE + "Durée".encode("utf-16-le"), "Durée"),
        ("Durée de conservation".encode("utf-16-le"), "Durée de conservation"),
        ("Durée de conservation: 13 mois".encode("cp1252"), "Durée de conservation: 13 mois"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-no-bom", "windows-1252"],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data, "x.txt", SETTINGS).text == text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x00\x01\x02\x03binary\x00", "binary file"),
        ("クッキーの名前と目的".encode("shift_jis") * 10, "unknown text encoding"),
    ],
    ids=["empty", "whitespace", "nul-bytes", "shift-jis"],
)
def test_decode_refuses_with_the_file_name(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=rf"^x\.txt: {problem}"):
        decode(data, "x.txt", SETTINGS)


def test_split_line_positions_and_fields() -> None:
    spaced = split_line(" _ga   This helps us   2 years", 1, 7)
    assert [(f.text, f.x0, f.x1, f.field) for f in spaced] == [
        ("_ga", 1, 4, None),
        ("This helps us", 7, 20, None),
        ("2 years", 23, 30, None),
    ]
    tabbed = split_line("\tback office)\t\tone page", 1, 3)
    assert [(f.text, f.field) for f in tabbed] == [("back office)", 1), ("one page", 3)]
    assert all(f.top == 2 and f.bottom == 3 and f.line == 3 for f in tabbed)


def test_a_space_inside_japanese_text_separates_cells() -> None:
    # Japanese puts no spaces between words: one between two of its characters (or before a count) is where the
    # copy lost a tab; a space inside Latin text, or beside it, stays a space.
    pieces = split_line("_ga\tユーザーを識別し、サ 2年\tGoogle Analytics 分析", 1, 1)
    assert [(f.text, f.field) for f in pieces] == [
        ("_ga", 0),
        ("ユーザーを識別し、サ", 1),
        ("2年", 2),
        ("Google Analytics 分析", 3),
    ]
    # Without tabs too: a text browser's cells, or a layout that shrank a column gap to one space.
    browser = split_line("  るために使用しま 分   Google Analytics", 1, 2)
    assert [(f.text, f.x0, f.field) for f in browser] == [
        ("るために使用しま", 2, None),
        ("分", 19, None),
        ("Google Analytics", 24, None),
    ]
    # On a PDF's grid (one column per character) such a line keeps no columns: its pieces carry their order.
    grid = split_line("XSRF-TOKEN 当社  不正なリクエストを防 2時", 1, 3, wide=False, ordered=True)
    assert [(f.text, f.field) for f in grid] == [("XSRF-TOKEN 当社", 0), ("不正なリクエストを防", 1), ("2時", 2)]


def test_form_feed_starts_a_page() -> None:
    document = read_text(b"a\n\x0cb\nc", "x.txt", SETTINGS)
    assert [(line.page, line.number) for line in document.lines] == [(1, 1), (2, 2), (2, 3)]


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"%PDF-1.7\n", "pdf"), (b"PK\x03\x04", "a ZIP container (DOCX/XLSX/ODT?)"), (b"Cookies", "text")],
)
def test_sniff_by_content(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_load_names_missing_and_oversized_files(tmp_path: Path) -> None:
    folder = tmp_path
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        load(folder / "nope.txt")
    big = folder / "big.txt"
    big.write_text("x" * 100)
    with pytest.raises(InputError, match="exceeds max_file_size=10"):
        load(big, Settings(max_file_size=10))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_reads_to_a_result_made_of_its_own_characters(text: str) -> None:
    data = text.encode("utf-8")
    try:
        document = read_text(data, "fuzz.txt", SETTINGS)
    except InputError:
        return
    characters = set(text)
    for line in document.lines:
        for fragment in line.fragments:
            assert set(fragment.text) <= characters | {" "}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Name\tPurpose\tExpires",
                "_ga\tCounts visits\t2 years",
                "continues here",
                "",
                "Cookie Name  Duration",
                "_gid  Counts  1 day",
                "Other cookies",
                "sessionid",
                "To remember",
                "\tback office)\t\tone page",
            ]
        ),
        max_size=30,
    )
)
def test_any_arrangement_of_table_lines_extracts_deterministically(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "doc.txt"
    path.write_text("Cookies\n" + "\n".join(lines), encoding="utf-8")
    first, second = extract(path), extract(path)
    assert first.to_dict() == second.to_dict()
    source = path.read_text(encoding="utf-8")
    for cookie in first.cookies:
        assert all(part in source for part in cookie.name.split())


def test_a_chinese_table_copied_from_a_pdf_that_spells_ideographs_with_radicals(tmp_path: Path) -> None:
    # The copy of a PDF whose fonts map "用", "青", "禾" and "车" to radicals of their shape (KANGXI RADICAL USE,
    # CJK RADICAL BLUE, KANGXI RADICAL GRAIN, CJK RADICAL C-SIMPLIFIED CART): the cookies read in ideographs.
    text = (
        "名称\t提供方\t用途\t有效期\n"
        "qh_sid\t\u2ed8\u2f72优选\t维持登录状态，\u2f64于识别会话。\t会话\n"
        "qh_cart\t\u2ed8\u2f72优选\t记住购物\u2ecb中的商品。\t30天\n"
    )
    path = tmp_path / "radicals.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.provider, c.purpose) for c in extract(path).cookies] == [
        ("qh_sid", "青禾优选", "维持登录状态，用于识别会话。"),
        ("qh_cart", "青禾优选", "记住购物车中的商品。"),
    ]


def test_a_text_browser_dump_of_a_japanese_table_counts_wide_characters_as_two_cells(tmp_path: Path) -> None:
    # A text browser sets a wide character (kana, ideographs) in two cells: the next lines of the cells to the
    # right of a Japanese purpose ("ョン", "須") stand under their labels only when counted so.
    def line(*cells: str) -> str:
        widths = (19, 11, 38, 8, 4)
        return "".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=False)).rstrip()

    text = "\n".join(
        [
            "Cookieの一覧",
            "",
            line("     Cookie名", "提供元", "利用目的", "有効期", "種"),
            line("", "", "", "限", "類"),
            line("hayate_session", "当社", "ログイン状態を維持するために使用しま", "セッシ", "必"),
            line("", "", "す。", "ョン", "須"),
            line("XSRF-TOKEN", "当社", "クロスサイトリクエストフォージェリを", "2時間", "必"),
            line("", "", "防止します。", "", "須"),
            line("_ga", "Google", "ユーザーを識別し、サイトの利用状況を", "2年", "分"),
            line("", "", "分析します。", "", "析"),
        ]
    )
    path = tmp_path / "dump.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert [(c.name, c.duration, c.category) for c in extract(path).cookies] == [
        ("hayate_session", "セッション", "necessary"),
        ("XSRF-TOKEN", "2時間", "necessary"),
        ("_ga", "2年", "analytics"),
    ]
    # A file with page breaks comes from a PDF: ``pdftotext -layout`` places one character a column.
    assert [f.x0 for f in split_line("当社  ログイン", 1, 1, wide=False)] == [0, 4]
    assert [f.x0 for f in split_line("当社  ログイン", 1, 1)] == [0, 6]
