"""The table geometry on small hand-made layouts, and properties that hold for any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.columns import column_starts, cut_line
from extractor.layout.regions import find_tables, header_cells
from extractor.layout.stitch import rebuild_tables
from extractor.readers.text import read_text
from extractor.settings import Settings


def document(text: str):  # type: ignore[no-untyped-def]
    return read_text(text.encode("utf-8"), "t.txt", Settings())


def table_rows(text: str) -> list[list[str]]:
    """The cells of the first table rebuilt from ``text``, whitespace collapsed."""
    tables, _ = rebuild_tables(document(text))
    return [[" ".join((c or "").split()) for c in r.cells] for r in tables[0].rows]


def test_merged_header_labels_are_split() -> None:
    line = document("Name Purpose\tExpires").lines[0]
    cells = header_cells(line)
    assert cells is not None and [c.text for c in cells] == ["Name", "Purpose", "Expires"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Cookie- Ablauf\tGröße", ["Cookie-", "Ablauf", "Größe"]),  # "Cookie-" / "Name" wrapped
        ("Cookie Title\tDescription", ["Cookie", "Title", "Description"]),  # no other label names the cookie
        ("Cookie Title\tName", ["Cookie Title", "Name"]),
    ],
)
def test_labels_run_together_are_split(text: str, labels: list[str]) -> None:
    cells = header_cells(document(text).lines[0])
    assert cells is not None and [c.text for c in cells] == labels


def test_a_line_naming_a_category_above_the_next_table_is_its_heading() -> None:
    text = (
        "Cookie     Duration   Description\n"
        "_clck      1 year     Collects data on the navigation of the user.\n"
        "\n"
        "Marketing\n"
        "\n"
        "Marketing cookies are used to track visitors across websites and to show them ads.\n"
        "\n"
        "Cookie     Duration   Description\n"
        "_ttp       13 months  Used by TikTok to track the use of embedded services.\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert [(t.heading, [r.cells[0] for r in t.rows]) for t in tables] == [(None, ["_clck"]), ("Marketing", ["_ttp"])]


def test_a_table_read_with_other_columns_after_a_page_break_keeps_the_heading() -> None:
    text = (
        "Analytics cookies\n"
        "\n"
        "Cookie     Provider   Duration\n"
        "_ga        Google     2 years\n"
        "\f"
        "Cookie     Provider   Duration   Purpose\n"
        "_gid       Google     1 day      Counts the visits of the day.\n"
        "\n"
        "Marketing cookies\n"
        "\n"
        "Cookie     Provider   Duration   Purpose\n"
        "_fbp       Meta       3 months   Shows you ads on other sites.\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert [(t.heading, [r.cells[0] for r in t.rows]) for t in tables] == [
        ("Analytics cookies", ["_ga"]),
        ("Analytics cookies", ["_gid"]),
        ("Marketing cookies", ["_fbp"]),
    ]


def test_tabbed_tables_under_category_headings_stay_apart() -> None:
    text = (
        "Cookie\tDuration\tDescription\n"
        "_clck\t1 year\tCollects data on the navigation of the user.\n"
        "Marketing\n"
        "Marketing cookies are used to track visitors across websites.\n"
        "Cookie\tDuration\tDescription\n"
        "_ttp\t13\tUsed by the social networking service TikTok to\n"
        "months\ttrack the use of embedded services.\n"
    )
    tables, _ = rebuild_tables(document(text))
    found = [(t.heading, [[" ".join((c or "").split()) for c in r.cells] for r in t.rows]) for t in tables]
    assert found == [
        (None, [["_clck", "1 year", "Collects data on the navigation of the user."]]),
        (
            "Marketing",
            [
                [
                    "_ttp",
                    "13 months",
                    "Used by the social networking service TikTok to track the use of embedded services.",
                ]
            ],
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We use cookies  to store your name  and the purpose of each visit",
        # "HTTP" / "Cookie", "13" / "months", "... the social" / "networking service" wrapped onto one line
        "Cookie          months     networking service",
    ],
)
def test_prose_and_wrapped_values_are_no_header(text: str) -> None:
    assert header_cells(document(text).lines[0]) is None


def test_column_bounds_follow_the_cells_not_the_centred_labels() -> None:
    text = (
        "       Name              Purpose                      Expires\n"
        "seen_cookie_message Saves a message about our banner 28 days\n"
    )
    lines = document(text).lines
    region = find_tables(lines)[0]
    starts = column_starts([(c.x0, c.x1) for c in region.header.cells], region.header.roles, list(region.body))
    cells, fits = cut_line(region.body[0], starts, region.header.roles)
    assert fits
    assert cells == ["seen_cookie_message", "Saves a message about our banner", "28 days"]


def test_centred_cells_are_shared_between_rows() -> None:
    text = (
        "Cookie      Purpose                         Expires\n"
        "            Counts visits. Used for\n"
        "_ga         statistics about the site.      2 years\n"
        "            Anonymised.\n"
        "_gid        Counts visits for a day.        1 day\n"
        "            Limits the request rate so the\n"
        "_gat        server is not overloaded.        1 minute\n"
        "            Set by Google.\n"
    )
    tables, _ = rebuild_tables(document(text))
    purposes = [" ".join((r.cells[1] or "").split()) for r in tables[0].rows]
    assert purposes == [
        "Counts visits. Used for statistics about the site. Anonymised.",
        "Counts visits for a day.",
        "Limits the request rate so the server is not overloaded. Set by Google.",
    ]


def test_tabbed_wrapped_cells_go_to_the_cell_they_complete() -> None:
    text = (
        "Name\tPurpose\tExpires\n"
        "_govuk-\tThis helps the makers count how\t24 hours\n"
        "prototype-kit\tmany times the kit is used\n"
        "_gat\tThis is used to limit the rate\t1\n"
        "Google\tminute\n"
    )
    rows = table_rows(text)
    assert rows == [
        ["_govuk- prototype-kit", "This helps the makers count how many times the kit is used", "24 hours"],
        ["_gat", "This is used to limit the rate Google", "1 minute"],
    ]


def test_tabbed_continuations_keep_to_the_cells_that_wrap() -> None:
    # "GitHub" is a whole provider (as in the row above); the purpose and the duration wrap together.
    text = (
        "Provider\tName\tDescription\tExpiration\n"
        "GitHub\t_gh_sess\tThis cookie is\tSession\n"
        "used for state.\n"
        "GitHub\tgist_oauth_csrf\tThis cookie is\tDeleted when\n"
        "set by Gist to\toauth state is\n"
        "ensure the\tvalidated\n"
        "user that started it.\n"
    )
    rows = table_rows(text)
    assert rows == [
        ["GitHub", "_gh_sess", "This cookie is used for state.", "Session"],
        [
            "GitHub",
            "gist_oauth_csrf",
            "This cookie is set by Gist to ensure the user that started it.",
            "Deleted when oauth state is validated",
        ],
    ]


def test_tabbed_rows_with_cells_run_together_and_the_prose_after_the_table() -> None:
    # "promo" is a plain word, but its line reads as a whole row; the last line would have fitted on the
    # purpose's last line, so it is no part of that cell: the table ends there.
    text = (
        "Cookie\tProvider\tDuration\tType\tPurpose\n"
        "_hjid\tHotjar\t1 YEAR\tHTML\tSets a unique ID for the session\n"
        "and for the visits of the day.\n"
        "promo\tvirufy.org PERSISTENT HTML Determines which products\n"
        "the user has viewed.\n"
        "For more information, see the site.\n"
    )
    rows = table_rows(text)
    assert rows == [
        ["_hjid", "Hotjar", "1 YEAR", "HTML", "Sets a unique ID for the session and for the visits of the day."],
        ["promo", "virufy.org", "PERSISTENT", "HTML", "Determines which products the user has viewed."],
    ]


def test_a_list_of_names_wrapped_after_its_connector_stays_one_row() -> None:
    # "_uetsid and" / "_uetvid" is one cell; "and" does not open the provider "Microsoft Bing Ads".
    text = (
        " Cookie       Provider            Purpose                                 Expiry\n"
        " _fbp         Meta                Delivers advertisement products.        3 months\n"
        " _uetsid and Microsoft Bing       Tracks visits across websites so that   1 day / 13\n"
        " _uetvid      Ads                 Microsoft can show you relevant adverts. months\n"
    )
    rows = table_rows(text)
    assert rows[1] == [
        "_uetsid and _uetvid",
        "Microsoft Bing Ads",
        "Tracks visits across websites so that Microsoft can show you relevant adverts.",
        "1 day / 13 months",
    ]


def test_cells_run_together_past_wide_labels_are_cut_by_their_shapes() -> None:
    # The labels ran wider than the values: "HTTP" starts two characters left of "Type".
    text = (
        " Cookie             Provider       Duration Type Purpose\n"
        " AWSALB             Gofundme       7 DAYS HTTP Registers which server-cluster is serving\n"
        "                                                 the visitor.\n"
        " test_cookie        Google         1 DAY    HTTP Used to check if the user's browser\n"
        "                                                 supports cookies.\n"
    )
    rows = table_rows(text)
    assert rows == [
        ["AWSALB", "Gofundme", "7 DAYS", "HTTP", "Registers which server-cluster is serving the visitor."],
        ["test_cookie", "Google", "1 DAY", "HTTP", "Used to check if the user's browser supports cookies."],
    ]


CELL = st.text(alphabet="abcdefghij_ABC.*", min_size=1, max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(CELL, st.text(alphabet="abc defg", min_size=1, max_size=30), CELL), max_size=8))
def test_any_aligned_table_gives_rows_made_of_its_own_text(rows: list[tuple[str, str, str]]) -> None:
    body = "\n".join(f"{a:<14}  {b.strip() or 'x':<32}  {c}" for a, b, c in rows)
    text = f"{'Name':<14}  {'Purpose':<32}  Expires\n{body}\n"
    tables, _ = rebuild_tables(document(text))
    source_words = set(text.split())
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                assert cell is None or set(cell.split()) <= source_words
    assert rebuild_tables(document(text))[0] == tables


def test_a_header_label_wrapped_with_a_qualifier_in_brackets() -> None:
    # "Durée de vie" / "(jours)": the qualifier is the label's, not a first row's duration.
    text = (
        "Nom\tDescription\tDurée de vie\n\t\t(jours)\n_ga\tCompte les visites.\t730\n_gid\tCompte les pages vues.\t1\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers[-1] == "Durée de vie (jours)"
    assert [[" ".join((c or "").split()) for c in r.cells] for r in tables[0].rows] == [
        ["_ga", "Compte les visites.", "730"],
        ["_gid", "Compte les pages vues.", "1"],
    ]


def test_drawn_rules_that_agree_with_the_names_outweigh_centred_cells() -> None:
    # A document whose other tables centre their cells: here rules drawn above each name say rows start there.
    from dataclasses import replace

    from extractor.layout.rows import positioned_rows
    from extractor.model import Rule

    text = (
        "Name      Purpose                    Expires\n"
        "_ga       Counts the visits          2 years\n"
        "          of each visitor\n"
        "          and the pages they open.\n"
        "_gid      Counts pages.              1 day\n"
        "_gat      Limits the request rate.   1 minute\n"
    )
    doc = document(text)
    # As a PDF lays it out: lines 12 pt apart, 10 pt high, a rule in the gap above each name and below the table.
    lines = tuple(
        replace(
            line,
            fragments=tuple(replace(f, top=12.0 * line.number, bottom=12.0 * line.number + 10) for f in line.fragments),
        )
        for line in doc.lines
    )
    rules = tuple(Rule(1, 0.0, 45.0, 12.0 * number - 1) for number in (2, 5, 6, 7))
    doc = replace(doc, lines=lines, rules=rules)
    region = find_tables(doc.lines)[0]
    built = positioned_rows(region.header, region.body, None, region.after, True, doc.rules)
    assert built.method == "ruled"
    assert [" ".join(r.cells[0]) for r in built.rows] == ["_ga", "_gid", "_gat"]
    assert (
        " ".join(" ".join(built.rows[0].cells[1]).split())
        == "Counts the visits of each visitor and the pages they open."
    )


def test_prose_wrapped_at_one_width_does_not_make_a_column() -> None:
    # Every purpose line has a word starting at the same place, one space after the word before it (the
    # export saw no column gap there): the domain column starts where its values do.
    text = (
        "Name    Purpose                Domain\n"
        "_ga     Counts the visits of   example.org\n"
        "        people who come to the\n"
        "        all of the pages.\n"
        "_gid    Keeps them apart for   example.org\n"
        "        each day so we can\n"
        "        tell the visits.\n"
    )
    rows = table_rows(text)
    assert [r[2] for r in rows] == ["example.org", "example.org"]
    assert rows[0][1] == "Counts the visits of people who come to the all of the pages."


def test_a_label_wrapped_over_three_lines_of_a_tabbed_copy() -> None:
    # "Durée" / "de vie" / "(jours)": the copy drops the leading tabs, so the pieces say nothing of their column.
    text = (
        "Nom\tDescription\tDomaines\tDurée\n"
        "de vie\n"
        "(jours)\n"
        "_ga\tCompte les visites.\texemple.fr\t730\n"
        "_gid\tCompte les pages vues.\texemple.fr\t1\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == ("Nom", "Description", "Domaines", "Durée de vie (jours)")
    assert [r.cells[0] for r in tables[0].rows] == ["_ga", "_gid"]


def test_labels_left_open_in_a_tabbed_copy_take_the_wrapped_pieces() -> None:
    # The copy drops the leading tabs of the labels' next lines: a bracket or a comma left open says whose they are.
    text = (
        "Name\tCategory (if\tPurpose of cookie,\tOpt-out\n"
        "persistent\tthird party and\n"
        "cookie,\tother notes\n"
        "retention\n"
        "period)\n"
        "session_id\t5 days\tKeeps you signed in.\tnecessary\n"
        "prefs_v2\t1 year\tRemembers your settings.\tnecessary\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == (
        "Name",
        "Category (if persistent cookie, retention period)",
        "Purpose of cookie, third party and other notes",
        "Opt-out",
    )
    assert tables[0].columns[:3] == ("name", "duration", "purpose")
    assert [r.cells[0] for r in tables[0].rows] == ["session_id", "prefs_v2"]


def test_a_tabbed_sentence_left_unfinished_goes_on_in_lower_case() -> None:
    # "The “uid”" had room for "cookie" on its line: the sentence still goes on, it is not prose after the table.
    text = (
        "Name\tPurpose\tDomain\n"
        "visit_count\tCounts the visits of each\texample.org\n"
        "person.\n"
        "uid\tThe “uid”\texample.org\n"
        "cookie tells visitors apart.\n"
        "pref_lang\tRemembers your language.\texample.org\n"
    )
    assert [r[1] for r in table_rows(text)] == [
        "Counts the visits of each person.",
        "The “uid” cookie tells visitors apart.",
        "Remembers your language.",
    ]


def test_a_tabbed_row_cut_by_a_page_break_goes_on() -> None:
    # A copy of a PDF leaves a blank line where the page ended, in the middle of a cell.
    text = (
        "Name\tPurpose\tExpires\n"
        "_ga\tCounts the visits\t2 years\n"
        "of each visitor\n"
        "\n"
        "to the site.\n"
        "_gid\tCounts the pages.\t1 day\n"
    )
    assert table_rows(text) == [
        ["_ga", "Counts the visits of each visitor to the site.", "2 years"],
        ["_gid", "Counts the pages.", "1 day"],
    ]


def test_labels_a_text_browser_centred_over_three_lines() -> None:
    # The longest label wraps above and below the header line; a sentence cut at "de" inside the body is no
    # header.
    text = (
        "                                          Durée\n"
        " Nom          Fournisseur  Finalité       maximale de   Type\n"
        "                                          conservation\n"
        " __cf_bm      Hubspot      Distingue les  1 jour        Cookie\n"
        "                           humains des robots.          HTTP\n"
        "                           Stocke l'autorisation de     Cookie\n"
        " CookieConsent Cookiebot   cookies de l'usager.  1 année HTTP\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert len(tables) == 1
    assert tables[0].headers[3] == "Durée maximale de conservation"
    assert tables[0].columns == ("name", "provider", "purpose", "duration", "type")


def _as_pdf(text: str, page_break_after: int | None = None):  # type: ignore[no-untyped-def]
    """``text`` laid out as a PDF lays it: lines 12 pt apart, 10 pt high; with ``page_break_after``, the lines
    after that one stand on a second page."""
    from dataclasses import replace

    doc = document(text)
    lines = []
    for line in doc.lines:
        page, number = (
            (2, line.number - page_break_after)
            if page_break_after and line.number > page_break_after
            else (1, line.number)
        )
        fragments = tuple(
            replace(f, page=page, line=number, top=12.0 * number, bottom=12.0 * number + 10) for f in line.fragments
        )
        lines.append(replace(line, page=page, number=number, fragments=fragments))
    return replace(doc, lines=tuple(lines))


def test_a_ruled_row_cut_by_a_page_break_goes_on_under_the_frame_of_the_next_page() -> None:
    # The new page draws its frame (rules) above the rest of a cell: the rules start no row there.
    from dataclasses import replace

    from extractor.model import Rule

    text = (
        "Name      Purpose                    Expires\n"
        "_ga       Counts the visits          2 years\n"
        "          of each visitor\n"
        "          and the pages they open.\n"
        "_gid      Counts pages.              1 day\n"
        "_gat      Limits the request rate.   1 minute\n"
    )
    doc = _as_pdf(text, page_break_after=3)
    rules = (
        Rule(1, 0.0, 45.0, 12.0 * 2 - 1),
        Rule(2, 0.0, 45.0, 3.0),
        Rule(2, 0.0, 45.0, 8.0),
        Rule(2, 0.0, 45.0, 12.0 * 2 - 1),
        Rule(2, 0.0, 45.0, 12.0 * 3 - 1),
        Rule(2, 0.0, 45.0, 12.0 * 4 - 1),
    )
    tables, _ = rebuild_tables(replace(doc, rules=rules))
    rows = [[" ".join((c or "").split()) for c in r.cells] for r in tables[0].rows]
    assert [r[0] for r in rows] == ["_ga", "_gid", "_gat"]
    assert rows[0][1] == "Counts the visits of each visitor and the pages they open."


def test_a_cell_of_two_paragraphs_keeps_the_table_going() -> None:
    # The blank line between a cell's paragraphs leaves the first column empty: text after a table starts
    # at its left edge.
    text = (
        "Name      Purpose                    Expires\n"
        "_ga       Counts the visits.         2 years\n"
        "\n"
        "          Also the pages opened.\n"
        "_gid      Counts pages.              1 day\n"
        "\n"
        "We review this list of cookies every year and tell you what changed.\n"
    )
    rows = table_rows(text)
    assert rows == [
        ["_ga", "Counts the visits. Also the pages opened.", "2 years"],
        ["_gid", "Counts pages.", "1 day"],
    ]


def test_a_list_of_names_in_one_cell_is_a_whole_anchor_and_the_next_name_starts_a_row() -> None:
    # "layout.*, pdf.*" is no cookie name, yet a complete list of them: "oa" below starts a row of its own.
    from extractor.layout.rows import positioned_rows

    text = (
        "Name               Purpose                    Expires\n"
        "_ga                Counts visits.             2 years\n"
        "doc.*, editor.*,   Remember the editor        local storage\n"
        "layout.*, pdf.*    settings.\n"
        "oa                 Remember the banner.       1 year\n"
    )
    region = find_tables(document(text).lines)[0]
    built = positioned_rows(region.header, region.body, None, region.after)
    assert built.method == "positioned"
    assert ["\n".join(r.cells[0]) for r in built.rows] == ["_ga", "doc.*, editor.*,\nlayout.*, pdf.*", "oa"]


def test_labels_left_open_by_a_bracket_or_comma_wrap_over_several_lines() -> None:
    # Whatever the words of the qualifier, an open bracket or a trailing comma says the label goes on.
    text = (
        "Name          Category (if       Purpose of cookie,       Opt-out\n"
        "              persistent         relevant third-party\n"
        "              cookie,            and additional\n"
        "              retention          information\n"
        "              period)\n"
        "_grecaptcha   local storage      Security (Google)        necessary\n"
        "GCLB          session            Operations (Google)      necessary\n"
        "_gid          24 hours           Analytics (Google)       choose 'essential only'\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers[1] == "Category (if persistent cookie, retention period)"
    assert tables[0].headers[2] == "Purpose of cookie, relevant third-party and additional information"
    assert tables[0].columns[:3] == ("name", "duration", "purpose")
    assert [r.cells[0] for r in tables[0].rows] == ["_grecaptcha", "GCLB", "_gid"]


def test_a_grid_laid_across_the_page_outweighs_a_reading_order_dump() -> None:
    # Two readings explain as many rows; only the grid's rows stand across the page (their first lines hold
    # two cells or more), which a reading-order dump, one cell to a line, never shows.
    from extractor.layout.stitch import _reading_evidence
    from extractor.model import Row, Table
    from extractor.scoring import choose, weigh
    from extractor.settings import LAYOUT_WEIGHTS

    text = "Name     Purpose          Expires\n_ga      Counts visits.   2 years\n_ga\nCounts visits.\n2 years\n"
    doc = document(text)

    def reading(first_line: int) -> list[Table]:
        row = Row(("_ga", "Counts visits.", "2 years"), 1, (first_line,))
        return [Table(0, 1, None, ("Name", "Purpose", "Expires"), ("name", "purpose", "duration"), (row,))]

    grid, dumped = reading(2), reading(3)
    assert _reading_evidence(grid, doc.lines, frozenset())["reading_rows_laid_across"] == 1.0
    assert _reading_evidence(dumped, doc.lines, frozenset())["reading_rows_laid_across"] == 0.0
    readings = [
        weigh(name, _reading_evidence(tables, doc.lines, frozenset()), LAYOUT_WEIGHTS)
        for name, tables in (("dumped", dumped), ("grid", grid))
    ]
    choice = choose(readings)
    assert choice is not None and choice.best.item == "grid"


def test_names_stacked_in_one_cell_beside_a_wrapped_purpose_are_one_row() -> None:
    # In a grid every cell of a row starts on its first line: a name on a line where the purpose goes on
    # (lower case after text left open) and the duration stays empty is one more name of the same cell.
    from extractor.layout.rows import positioned_rows

    text = (
        "Name               Purpose                    Expires\n"
        "__Secure-3PAPISID  These cookies are used     2 years\n"
        "__Secure-3PSID     to deliver ads that are\n"
        "__Secure-3PSIDCC   relevant to you.\n"
        "_ga                Counts the visits.         2 years\n"
        "(_ga_ABC123,\n"
        "_ga_DEF456)\n"
        "_gid               counts the pages           1 day\n"
        "_gat               limits the requests        1 minute\n"
    )
    region = find_tables(document(text).lines)[0]
    built = positioned_rows(region.header, region.body, None, region.after)
    assert ["\n".join(r.cells[0]) for r in built.rows] == [
        "__Secure-3PAPISID\n__Secure-3PSID\n__Secure-3PSIDCC",
        "_ga\n(_ga_ABC123,\n_ga_DEF456)",
        "_gid",
        "_gat",
    ]


@pytest.mark.parametrize(
    ("lines", "stacked"),
    [
        pytest.param(
            (
                "woo_cart_hash      Vinarija    Pamte sadržaj          Sesija",
                "woo_items_in_cart  Kamenjak    košarice.",
            ),
            True,
            id="a-provider-s-name-wrapped-in-capitals-beside-an-empty-duration",
        ),
        pytest.param(
            (
                "IDE                Google      Prikazuje oglase       1",
                "test_cookie                    DoubleClicka.          godina",
            ),
            True,
            id="a-purpose-going-on-with-a-proper-noun-beside-a-count-s-unit",
        ),
        pytest.param(
            (
                "_grecaptcha        Google      Security (Google       session",
                "GCLB               Google      Operations (Load       session",
            ),
            False,
            id="a-new-row-whose-purpose-starts-in-capitals-beside-a-whole-duration",
        ),
    ],
)
def test_names_stacked_in_one_cell_whatever_the_case_of_the_cells_going_on(
    lines: tuple[str, ...], stacked: bool
) -> None:
    # A name on a line inside a row (its purpose going on) shares that row, even where the provider's name
    # wraps in capitals or the purpose goes on with a proper noun: what the other cells do tells.
    from extractor.layout.rows import positioned_rows

    text = (
        "Naziv              Pružatelj   Svrha                  Trajanje\n"
        + "\n".join(lines)
        + "\nlast_row           Google      Counts visits.         1 day\n"
    )
    region = find_tables(document(text).lines)[0]
    rows = positioned_rows(region.header, region.body, None, region.after).rows
    first, second = (line.split()[0] for line in lines)
    names = ["\n".join(r.cells[0]) for r in rows]
    assert names == ([f"{first}\n{second}", "last_row"] if stacked else [first, second, "last_row"])


def test_a_tabbed_row_copied_without_its_tabs_is_cut_by_its_values() -> None:
    # The copy ran a whole row into one piece, spaces kept: it opens with a name and is cut at spaces by the
    # shapes of the values (a sentence, a host, a duration); the table goes on below it.
    text = (
        "Name\tDescription\tDomain\tExpiry\n"
        "_session_id\tKeeps the visitor signed in.\texample.com\tSession\n"
        "OptanonConsent Stores the consent choices. www.example.com Session\n"
        "_ga\tCounts the visits.\texample.com\t730 days\n"
    )
    assert table_rows(text) == [
        ["_session_id", "Keeps the visitor signed in.", "example.com", "Session"],
        ["OptanonConsent", "Stores the consent choices.", "www.example.com", "Session"],
        ["_ga", "Counts the visits.", "example.com", "730 days"],
    ]


def test_two_cells_next_lines_run_together_in_a_tabbed_copy() -> None:
    # "pour tester différentes www.example.com,": the next lines of the description and of the domains, too
    # wide for one column, are cut where each part continues its own cell.
    text = (
        "Nom\tDescription\tDomaines\tDurée\n"
        "OPTI-xxx\tCe cookie est utilisé\twww.example-shop.com,\t365\n"
        "pour tester les différentes example-shop.com,\n"
        "versions du site.\tshop.example.com\n"
        "_ga\tCe cookie compte les\texample.com\t730\n"
        "visites du site.\n"
    )
    rows = table_rows(text)
    assert [r[0] for r in rows] == ["OPTI-xxx", "_ga"]
    assert rows[0][1] == "Ce cookie est utilisé pour tester les différentes versions du site."
    assert rows[0][2] == "www.example-shop.com, example-shop.com, shop.example.com"


def test_cells_left_open_go_on_past_a_blank_line_of_a_tabbed_copy() -> None:
    # A page break leaves a blank line inside a row: pieces that each continue their cell, one of which was
    # left open ("example.com/train-"), go on.
    text = (
        "Name\tDescription\tDomains\tDays\n"
        "_ga\tThe name of this\texample.com,\t730\n"
        "cookie is tied to\twww.example.com/train-\n"
        "\n"
        "Universal Analytics.\ttimes\n"
        "_gid\tCounts the pages.\texample.com\t1\n"
    )
    rows = table_rows(text)
    assert [r[0] for r in rows] == ["_ga", "_gid"]
    assert rows[0][1] == "The name of this cookie is tied to Universal Analytics."


def test_labels_one_space_apart_are_cut_where_the_rows_start_a_column() -> None:
    # A tight export left one space between two labels ("privacy_link expiry"): the rows below start a cell
    # under "expiry", which names a role of its own.
    text = (
        "name        platform  privacy_link expiry\n"
        "_hjSession  Hotjar    privacy      < 1 day\n"
        "bcookie     LinkedIn  privacy      12 months\n"
        "li_gc       LinkedIn  privacy      6 months\n"
        "__cf_bm     Cloudflare privacy     < 1 day\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == ("name", "platform", "privacy_link", "expiry")
    assert [r.cells[-1] for r in tables[0].rows][:3] == ["< 1 day", "12 months", "6 months"]


def test_tabbed_rows_whose_last_cells_are_empty_start_rows() -> None:
    # A table of names and domains whose purpose and storage cells are empty: the copy drops the trailing tabs,
    # so each row has two pieces for four columns.
    text = (
        "Name\tDomain\tPurpose\tStorage period\n"
        "__Secure-3PSIDCC\t.google.com\n"
        "SAPISID\t.google.com\n"
        "__Secure-1PSID\t.google.com\n"
    )
    assert table_rows(text) == [
        ["__Secure-3PSIDCC", ".google.com", "", ""],
        ["SAPISID", ".google.com", "", ""],
        ["__Secure-1PSID", ".google.com", "", ""],
    ]


def test_a_layout_export_that_shifts_its_columns_from_page_to_page_and_row_to_row() -> None:
    # ``pdftotext -layout`` lays each page out for itself and squeezes some rows: the next page's columns
    # start ten characters further left, and one row of it further still; cells are read where they stand.
    page_one = (
        "Nom                           Description               Domaines             Durée\n"
        "__cfduid                      Ce cookie est utilisé     example.com,         2944\n"
        "                              par CloudFlare pour       www.example.com\n"
        "_abck                         Ce cookie sert aux        example.com          365\n"
        "                              produits d'assurance.\n"
        "_csrf                         Ce cookie garantit        example.com          Session\n"
        "                              qu'un jeton\n"
    )
    page_two = (
        "                     aléatoire protège\n"
        "                     chaque requête.\n"
        "_ct_session         Ce cookie sert aux        example.com          366\n"
        "                    mises à jour.\n"
        "RT       Ce cookie sert au        example.com          7\n"
        "         suivi des pannes.\n"
        "_gid                Ce cookie compte les      example.com          1\n"
        "                    pages vues.\n"
    )
    rows = table_rows(page_one + "\f" + page_two)
    assert [r[0] for r in rows] == ["__cfduid", "_abck", "_csrf", "_ct_session", "RT", "_gid"]
    assert rows[0][1] == "Ce cookie est utilisé par CloudFlare pour"
    assert rows[2][1] == "Ce cookie garantit qu'un jeton aléatoire protège chaque requête."
    assert [r[3] for r in rows] == ["2944", "365", "Session", "366", "7", "1"]
    assert rows[4][1] == "Ce cookie sert au suivi des pannes."


def test_section_rows_spanning_the_table_give_the_category_of_the_rows_below() -> None:
    # A row across the table naming a category, a line of description under it, then that section's rows.
    text = (
        "Provider    Name          Purpose                         Expiry\n"
        "Functional and consent cookies\n"
        "Functional cookies are necessary for the website to work and cannot be switched off.\n"
        "Example     session_id    Keeps the visitor signed in.    Session\n"
        "Marketing and statistic cookies\n"
        "Google      _ga           Counts the visits.              2 years\n"
        "Google      _gid          Counts the pages.               1 day\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert [(t.heading, [r.cells[1] for r in t.rows]) for t in tables] == [
        ("Functional and consent cookies", ["session_id"]),
        ("Marketing and statistic cookies", ["_ga", "_gid"]),
    ]


def test_a_cell_merged_down_over_rows_is_shared_by_them() -> None:
    # A provider drawn once for three cookies: the rules between their rows leave the provider column open.
    from dataclasses import replace

    from extractor.model import Rule

    text = (
        "Provider  Name      Purpose                 Expires\n"
        "Youtube   VISITOR   Estimates bandwidth.    180 days\n"
        "          YSC       Counts videos seen.     Session\n"
        "          PREF      Stores preferences.     8 months\n"
        "Example   sid       Keeps the session.      Session\n"
    )
    doc = _as_pdf(text)
    full, partial = (0.0, 60.0), (10.0, 60.0)
    rules = (
        Rule(1, *full, 12.0 * 2 - 1),
        Rule(1, *partial, 12.0 * 3 - 1),
        Rule(1, *partial, 12.0 * 4 - 1),
        Rule(1, *full, 12.0 * 5 - 1),
        Rule(1, *full, 12.0 * 6 - 1),
    )
    tables, _ = rebuild_tables(replace(doc, rules=rules))
    assert tables[0].method == "ruled"
    assert [(r.cells[0], r.cells[1]) for r in tables[0].rows] == [
        ("Youtube", "VISITOR"),
        ("Youtube", "YSC"),
        ("Youtube", "PREF"),
        ("Example", "sid"),
    ]


def test_lower_case_labels_under_a_row_of_names_are_its_cells_going_on() -> None:
    # "period" / "cookie" are label words, but in lower case right under a row they are that row's next line.
    text = (
        "Name                    Type               Purpose              Retention\n"
        "yt-remote-fast-check-   Non-essential      Stores the user's    session\n"
        "period                  cookie             video preferences    cookie\n"
        "yt-remote-session-app   Non-essential      Stores the user's    session\n"
        "                        cookie             video preferences    cookie\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert len(tables) == 1
    assert [r.cells[0] for r in tables[0].rows] == ["yt-remote-fast-check-\nperiod", "yt-remote-session-app"]


def test_a_row_split_by_a_page_break_goes_on_under_the_repeated_header() -> None:
    # The page breaks inside a row; the next page repeats the header, then the rest of the row's cells, in
    # lower case after cells left open ("OneSignal (third-" / "party SDK)").
    page_one = (
        "Cookie           Provider             Purpose              Duration\n"
        "pt_session       PureTask             Keeps you signed in  Session\n"
        "OneSignal push   OneSignal (third-    Push notification    Until uninstall or\n"
    )
    page_two = (
        "Cookie           Provider             Purpose              Duration\n"
        "token            party SDK)           delivery             opt-out\n"
        "_ga              Google               Counts visits        2 years\n"
    )
    doc = _as_pdf(page_one + page_two, page_break_after=3)
    tables, _ = rebuild_tables(doc)
    rows = [[" ".join((c or "").split()) for c in r.cells] for t in tables for r in t.rows]
    assert [r[0] for r in rows] == ["pt_session", "OneSignal push token", "_ga"]
    assert rows[1][1] == "OneSignal (third- party SDK)"


def test_a_numbered_heading_spaced_wide_is_no_header() -> None:
    line = document("2. Categories of      Cookies      We Use\n").lines[0]
    assert header_cells(line) is None


def test_a_cookie_name_broken_mid_word_by_a_narrow_column_joins_back() -> None:
    # A fixed-width column too narrow for "PHPSESSID": the name fills the column up to its end and goes on
    # below, beside the row's other cells going on in lower case. A name that leaves room stays whole.
    text = (
        "Category       Name     Purpose                    Expires\n"
        "Functionality  PHPSES   This cookie keeps the      Session\n"
        "cookies        SID      session of the visitor.\n"
        "Analytics      _ga      Counts the visits.         2 years\n"
        "Analytics      _gid     Counts the pages.          1 day\n"
    )
    rows = table_rows(text)
    assert [r[1] for r in rows] == ["PHPSESSID", "_ga", "_gid"]


def test_rules_boxing_each_name_mid_row_give_the_rows_of_vertically_centred_cells() -> None:
    # Word centres cells vertically: the name stands mid-row, other cells' lines above and below it; the rules
    # between the rows box one name each, and a line like a heading inside a cell (after a blank) goes on.
    from dataclasses import replace

    from extractor.model import Rule

    text = (
        "Type        Cookie       Purpose                      Duration\n"
        "            Essential    Keeps the site working        Session\n"
        "Technical\n"
        "            cookies      and safe.\n"
        "                         Counts visits and\n"
        "Analytics   _ga, _gid                                  2 years\n"
        "                         pages seen.\n"
        "\n"
        "                         Shows ads on other\n"
        "Advertising _fbp                                       90 days\n"
        "                         sites.\n"
    )
    doc = _as_pdf(text)
    rules = tuple(Rule(1, 0.0, 60.0, 12.0 * number - 1) for number in (2, 5, 9, 12))
    tables, _ = rebuild_tables(replace(doc, rules=rules))
    assert tables[0].method == "ruled"
    rows = [[" ".join((c or "").split()) for c in r.cells] for r in tables[0].rows]
    assert [r[1] for r in rows] == ["Essential cookies", "_ga, _gid", "_fbp"]
    assert [r[2] for r in rows] == [
        "Keeps the site working and safe.",
        "Counts visits and pages seen.",
        "Shows ads on other sites.",
    ]


def test_cell_borders_drawn_cell_by_cell_make_one_rule() -> None:
    from extractor.readers.pdf import page_rules

    edges = [
        {"orientation": "h", "x0": x0, "x1": x1, "top": 100.0, "stroke": True, "stroking_color": (0,)}
        for x0, x1 in ((74.0, 127.0), (129.0, 223.0), (225.0, 389.0))
    ]
    assert [(r.x0, r.x1) for r in page_rules(edges, 1)] == [(74.0, 389.0)]


WRAPPED_NAMES = {
    "tabbed copy": (
        "Name\tPurpose\tExpires\n_hjSessionUser_\tCollects visit statistics.\t1 year\n{site_id}\n"
        "_pk_id.\tCounts visits.\t13 months\n*\n_fbp\tShows ads.\t3 months\n"
    ),
    "pdftotext -layout": (
        "Name                 Purpose                     Expires\n"
        "_hjSessionUser_      Collects statistics on the  1 year\n"
        "{site_id}            visits of each user.\n"
        "_pk_id.              Counts the visits of each   13 months\n"
        "*                    person to the site.\n"
        "_fbp                 Shows ads.                  3 months\n"
    ),
    "reading-order dump": (
        "We use the cookies listed below to run this site, to remember what you chose and to count visits.\n"
        "Each one is described with the company that sets it and how long it is kept in your browser.\n"
        "Name\n\n_hjSessionUser_\n{site_id}\n_pk_id.\n*\n_fbp\n\nExpires\n\n1 year\n13 months\n3 months\n\n"
        "Purpose\n\nCollects statistics.\nCounts visits.\nShows ads.\n"
    ),
}


@pytest.mark.parametrize("export", list(WRAPPED_NAMES))
def test_a_name_wrapped_before_its_placeholder_is_one_name(export: str, tmp_path: Path) -> None:
    # "_hjSessionUser_" / "{site_id}", "_pk_id." / "*": the column was too narrow for the pattern.
    from extractor import extract

    path = tmp_path / "policy.txt"
    path.write_text(WRAPPED_NAMES[export], encoding="utf-8")
    cookies = extract(path).cookies
    assert [(c.name, c.name_is_pattern) for c in cookies] == [
        ("_hjSessionUser_{site_id}", True),
        ("_pk_id.*", True),
        ("_fbp", False),
    ]
    assert [c.duration for c in cookies] == ["1 year", "13 months", "3 months"]


@pytest.mark.parametrize(
    ("cell", "lines"),
    [
        ("_hjSessionUser_\n{site_id}", ["_hjSessionUser_{site_id}"]),
        ("_pk_id.\n*", ["_pk_id.*"]),
        ("_ga_\n<container-id>", ["_ga_<container-id>"]),
        ("Collects visit statistics.\n{site_id}", ["Collects visit statistics.", "{site_id}"]),  # a sentence ends
        ("_ga\n_gid", ["_ga", "_gid"]),
        ("_dc_gtm_UA-\n_sdsat_search_id", ["_dc_gtm_UA-", "_sdsat_search_id"]),  # a name ends in a hyphen
        ("google-\nanalytics.com", ["google-analytics.com"]),
    ],
)
def test_a_cell_line_ending_at_an_identifiers_joint_takes_its_placeholder(cell: str, lines: list[str]) -> None:
    from extractor.shapes import cell_lines

    assert cell_lines(cell) == lines


def test_a_lower_case_piece_goes_on_the_sentence_not_the_provider_s_name() -> None:
    # "visites" finishes "Suivre les", "personnalisées" finishes "Publicités": a provider's name goes on capitalised.
    text = (
        "Nom\tFournisseur\tObjectif\tCatégorie\tDurée\n"
        "_fbp\tFacebook\tSuivre les\tPublicités\t3 mois\n"
        "visites\tpersonnalisées\n"
        "_uetsid\tBing\tSuivre les\tPublicités\t1 jour\n"
        "visites\tpersonnalisées\n"
    )
    rows = table_rows(text)
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("Facebook", "Suivre les visites", "Publicités personnalisées"),
        ("Bing", "Suivre les visites", "Publicités personnalisées"),
    ]


def test_a_tabbed_row_whose_duration_is_a_bound_starts_a_row() -> None:
    # A days column holding "<1", the row's last cell empty: a row start like any other.
    text = (
        "Name\tPurpose\tExpiry (days)\tDomain\n"
        "visit_id\tCounts the visits.\t30\texample.org\n"
        "analyticsSessionId\tTells sessions apart.\t<1\n"
        "pref_lang\tKeeps the language.\t365\texample.org\n"
    )
    assert [(r[0], r[2]) for r in table_rows(text)] == [
        ("visit_id", "30"),
        ("analyticsSessionId", "<1"),
        ("pref_lang", "365"),
    ]


def test_tabbed_labels_run_together_are_cut_when_the_rows_have_one_cell_more() -> None:
    # "privacy_link expiry": the copy lost the tab between two labels; the header repeated after a page break
    # is cut alike, and a plain-word name ("lidc") still opens a row beside a column of no role of ours.
    header = "Name\tDomain\tDescription\tPlatform\tPrivacy_link Expiry\n"
    rows = "".join(
        f"{name}\t.example.com\tKeeps the {what} of each visit.\tExample\tprivacy\t{months} months\n"
        for name, what, months in [("_ex_id", "id", 12), ("_ex_ses", "session", 1), ("_ex_ref", "referrer", 6)]
    )
    text = header + rows + "\n" + header + "lidc\t.example.com\tRoutes the visit.\tExample\tprivacy\t1 months\n"
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == ("Name", "Domain", "Description", "Platform", "Privacy_link", "Expiry")
    assert tables[0].columns[-1] == "duration"
    names = [row.cells[0] for table in tables for row in table.rows]
    durations = [row.cells[-1] for table in tables for row in table.rows]
    assert names == ["_ex_id", "_ex_ses", "_ex_ref", "lidc"]
    assert durations == ["12 months", "1 months", "6 months", "1 months"]


def test_two_cells_next_lines_run_together_one_of_them_a_long_list_left_open() -> None:
    # "Marketing Cloud. www.example.com/train-": the copy lost the tab; the domain cell ends with a comma, so
    # its next line may be longer than any first line of its column.
    text = (
        "Name\tDescription\tDomains\tDays\n"
        "visit_id\tCounts the visits.\texample.com\t30\n"
        "amcv_id\tA trend cookie\texample.com,\tSession\n"
        "tied to Adobe\twww.example.com,\n"
        "Marketing Cloud. www.example.com/help/times,\n"
        "pref_lang\tKeeps the language.\texample.com\t365\n"
    )
    rows = table_rows(text)
    assert [r[0] for r in rows] == ["visit_id", "amcv_id", "pref_lang"]
    assert rows[1][1] == "A trend cookie tied to Adobe Marketing Cloud."
    assert rows[1][2] == "example.com, www.example.com, www.example.com/help/times,"


def test_labels_a_text_browser_stacked_over_five_lines_none_a_header_alone() -> None:
    # Each label centred vertically: the longest wraps over five lines, the others stand on its middle line.
    text = (
        "Some third parties set cookies too. You can refuse them in the cookie banner at any time.\n"
        "\n"
        "                         Category (if\n"
        "                          persistent    Purpose of cookie, relevant third-party and\n"
        "         Name               cookie,               additional information                Opt-out\n"
        "                           retention\n"
        "                            period)\n"
        "_grecaptcha             local storage   Security (Google reCAPTCHA)                 necessary\n"
        "GCLB                    session         Operations (Google Cloud Load Balancer)     necessary\n"
        "_ga_XYZ                 13 months       Analytics used to distinguish users         optional\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == (
        "Name",
        "Category (if persistent cookie, retention period)",
        "Purpose of cookie, relevant third-party and additional information",
        "Opt-out",
    )
    assert [r.cells[0] for r in tables[0].rows] == ["_grecaptcha", "GCLB", "_ga_XYZ"]
    assert tables[0].rows[2].cells[1] == "13 months"


def test_a_lower_case_piece_under_a_provider_seen_whole_above_goes_on_the_sentence() -> None:
    # "Google" stood whole in a row above: both signals count against "Google annonces".
    text = (
        "Nom\tFournisseur\tDomaine\tObjectif\tCatégorie\tDurée\tType\n"
        "_ga\tGoogle\t.example.com\tMesurer l'audience\tPerformance\t13 mois\tInterne\n"
        "FPLC\tGoogle\t.example.com\tSuivre les\tPerformance\t20 heures\tInterne\n"
        "visites\n"
        "IDE\tGoogle\t.doubleclick.net\tAfficher des\tPublicités\t13 mois\tTiers\n"
        "annonces\tpersonnalisées\n"
    )
    rows = table_rows(text)
    assert [(r[1], r[3], r[4]) for r in rows][2] == ("Google", "Afficher des annonces", "Publicités personnalisées")


def test_a_label_wrapped_over_two_lines_left_open_is_read_with_its_last_line() -> None:
    # "maximale de" / "conservation": read alone, "maximale de" fits any label; with its next line, the duration's.
    text = (
        "Nom\tFournisseur\tFinalité\tDurée\tType\n"
        "maximale de\n"
        "conservation\n"
        "__cf_bm\tHubspot\tProtège le site.\t1 jour\tCookie\n"
        "_hssc\tHubspot\tCompte les pages vues.\t1 jour\tCookie\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert tables[0].headers == ("Nom", "Fournisseur", "Finalité", "Durée maximale de conservation", "Type")


def test_a_second_sentence_of_a_cell_under_a_repeated_header_keeps_the_table_going() -> None:
    # Under the header a page break repeated, one row is all the table has shown: the row above counts too when
    # judging whether "Cela permet au site" is prose after the table or the cell's next sentence.
    first = (
        "Nom\tFournisseur\tFinalité\tDurée\tType\n"
        "_hssc\tHubspot\tIdentifie si le cms doit\t1 jour\tCookie\n"
        "incrémenter le nombre de\n"
        "\n"
    )
    second = (
        "Nom\tFournisseur\tFinalité\tDurée\tType\n"
        "sessions du visiteur.\n"
        "hubspotutk\tHubspot\tDéfinit un\t180 jours\tCookie\n"
        "identifiant unique\tHTTP\n"
        "pour la session.\n"
        "Cela permet au site\n"
        "Web d'obtenir des\n"
        "données.\n"
        "pys_visit\tSite\tEnregistre des\tSession\tCookie\n"
        "données.\n"
    )
    tables, _ = rebuild_tables(document(first + second))
    rows = [row for table in tables for row in table.rows]
    assert [r.cells[0] for r in rows] == ["_hssc", "hubspotutk", "pys_visit"]
    assert " ".join((rows[1].cells[2] or "").split()) == (
        "Définit un identifiant unique pour la session. Cela permet au site Web d'obtenir des données."
    )


@pytest.mark.parametrize(
    ("first_lines", "centred"),
    [
        pytest.param(("                Shows the",), True, id="a-sentence-s-start-above-the-first-name"),
        pytest.param(("                and personalised.",), False, id="a-row-s-rest-a-page-break-cut-off"),
    ],
)
def test_text_above_the_first_name_says_cells_are_centred_only_where_a_cell_starts(
    first_lines: tuple[str, ...], centred: bool
) -> None:
    # Under a header a page break repeated, the lines above the first name go on with the row the page break
    # cut: no sign that the document centres its cells (which would then be read so in every table).
    from extractor.layout.rows import cut_region, starts_centred

    text = (
        "Name            Purpose               Expiry\n"
        + "\n".join(first_lines)
        + "\n_fbp            ads on Facebook.      3 months\n"
        "IDE             Measures the ads.     1 year\n"
    )
    region = find_tables(document(text).lines)[0]
    assert starts_centred(region.header, cut_region(region.header, region.body, region.after).cut) is centred


def test_a_name_alone_right_under_a_row_is_one_more_name_of_its_cell() -> None:
    # A text browser centres a row's single-line cells on its first line: the second name of a cell listing
    # two, one per line, stands alone on the next line (nothing between), a name of the same cell.
    from extractor.layout.rows import positioned_rows

    text = (
        "Name                       Provider    Purpose                         Expiry\n"
        "woocommerce_cart_hash      Shop        Keeps the content of the cart.  Session\n"
        "woocommerce_items_in_cart\n"
        "_ga                        Google      Tells the visitors apart.       2 years\n"
        "\n"
        "_gid                       Google      Counts the pages.               1 day\n"
    )
    region = find_tables(document(text).lines)[0]
    rows = positioned_rows(region.header, region.body, None, region.after).rows
    assert [r.cells[0] for r in rows] == [["woocommerce_cart_hash", "woocommerce_items_in_cart"], ["_ga"], ["_gid"]]


def test_a_name_run_into_from_the_purpose_on_its_left_is_the_name_column_s() -> None:
    # The purpose column first: a purpose one space before the name ("... „Facebook“ _fbp") ends where the
    # name column starts; the marked name is that column's cell.
    text = (
        " Purpose                    Cookie                  Expiry        Type\n"
        " Shows ads on „Facebook“ _fbp                       3 months      Third\n"
        " Counts the visits.         _ga                     2 years       First\n"
        " Counts the pages.          _gid                    1 day         First\n"
    )
    tables, _ = rebuild_tables(document(text))
    assert [row.cells[:2] for row in tables[0].rows] == [
        ("Shows ads on „Facebook“", "_fbp"),
        ("Counts the visits.", "_ga"),
        ("Counts the pages.", "_gid"),
    ]
