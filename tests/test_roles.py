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
    # The name of something else names that thing's column; a list of roles keeps its first.
    ("Name of provider", "provider"),
    ("Naam van de aanbieder", "provider"),
    ("Name of the cookie", "name"),
    ("Name and purpose", "name"),
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
    [
        "We use cookies to remember your language and to measure how the site is used.",
        "Saves a message.",
        "",
        # A row's cell of names: a label's word inside an identifier does not make it a label.
        "IDE, test_cookie",
        "_cookie_consent",
    ],
    ids=["sentence", "short-sentence", "empty", "names-listed-with-an-identifier", "identifier"],
)
def test_prose_and_names_are_no_label(text: str) -> None:
    assert match_header(text) is None


@pytest.mark.parametrize(
    "cell",
    ["IDE, test_cookie", "JSESSIONID, vsb_auth,", "_ga, _gid"],
    ids=["identifier-second", "list-wrapped-after-its-comma", "identifiers"],
)
def test_a_cell_listing_names_one_of_them_an_identifier_is_a_cell_of_names(cell: str) -> None:
    from extractor.roles import column_shape

    assert column_shape([cell]).marks == 1.0


def test_roles_are_used_once() -> None:
    assert assign_roles(["Cookie", "Name", "Purpose", "Expires"]) == ["provider", "name", "purpose", "duration"]
    assert assign_roles(["Cookie", "Provider", "Duration"]) == ["name", "provider", "duration"]


def test_header_language() -> None:
    assert header_language(["Nom du cookie", "Finalité", "Durée de conservation"]) == "fr"
    assert header_language(["Cookie-Name", "Ablauf", "Beschreibung"]) == "de"


def test_a_long_label_is_read_by_its_head() -> None:
    match = match_header("Purpose of cookie, relevant third-party and additional information")
    assert match is not None and match.role == "purpose"


def test_a_qualifier_in_brackets_names_what_the_column_may_hold() -> None:
    from extractor.roles import assign_columns, column_shape
    from extractor.settings import LAYOUT_WEIGHTS

    headers = ["Name", "Category (if persistent cookie, retention period)", "Purpose"]
    columns = [
        ["_ga", "_gid", "_gat", "GCLB"],
        ["13 months", "24 hours", "1 minute", "session"],
        ["Counts visits to the site.", "Counts pages.", "Limits requests.", "Balances the load."],
    ]
    chosen = assign_columns(headers, [column_shape(c) for c in columns], LAYOUT_WEIGHTS)
    assert chosen.roles == ("name", "duration", "purpose")
    assert "header_qualifier_names_role" in chosen.evidence(1).explain()


def test_a_header_repeated_further_down_reads_its_columns_alike() -> None:
    # One table per category under the same labels: the short second table alone would not tell its third
    # column (two values of one word each); read with the first, it is the same column.
    from extractor.layout.regions import find_header_rows
    from extractor.readers.text import read_text
    from extractor.settings import Settings

    text = (
        "Name     Purpose                        Opt-out\n"
        "_ga      Counts the visits.             necessary\n"
        "_gid     Counts the pages.              necessary\n"
        "_gat     Limits the requests.           necessary\n"
        "\n"
        "Marketing\n"
        "\n"
        "Name     Purpose                        Opt-out\n"
        "_fbp     Shows adverts.                 Settings\n"
    )
    doc = read_text(text.encode(), "t.txt", Settings())
    headers = [h for _, _, h in find_header_rows(doc.lines)]
    assert len(headers) == 2 and headers[0].roles == headers[1].roles


@pytest.mark.parametrize(
    ("header", "values", "role"),
    [
        ("Domaine", ["Google", "Hotjar", "Meta", "Google"], "provider"),
        ("Host", ["Google", "Hotjar", "Meta", "Google"], "provider"),
        ("Domain", [".google.com", "hotjar.com", ".facebook.com", ".google.com"], "domain"),
        ("Domain", ["Google.com", "Hotjar.com", "Meta.com", "Google.com"], "domain"),
        ("Domain", ["First party", "Third party", "Third party", "Third party"], "domain"),
    ],
    ids=["domain-header-over-companies", "host-header-over-companies", "hosts", "capitalised-hosts", "party-words"],
)
def test_a_domain_header_over_company_names_is_the_provider(header: str, values: list[str], role: str) -> None:
    # Policies head the column of who sets a cookie "Domaine" or "Host" as often as "Provider": proper names
    # there are the provider, host names the domain.
    from extractor.roles import assign_columns, column_shape
    from extractor.settings import LAYOUT_WEIGHTS

    columns = [
        ["_ga", "_hjid", "_fbp", "_gid"],
        values,
        ["Counts visits to the site.", "Records clicks.", "Shows adverts.", "Counts pages."],
    ]
    chosen = assign_columns(["Name", header, "Purpose"], [column_shape(c) for c in columns], LAYOUT_WEIGHTS)
    assert chosen.roles == ("name", role, "purpose")


def test_roles_scored_again_on_whole_cells_keep_those_the_cells_still_bear_out() -> None:
    from extractor.roles import roles_of_rows
    from extractor.settings import LAYOUT_WEIGHTS

    # A "Type" column read as storage kinds from its first lines, whose whole cells are storage kinds and
    # categories: they still bear the storage kinds out, so it keeps its role (though categories score higher).
    rows = [
        ("_ga", "HTTP cookie", "Counts visits to the site."),
        ("_gid", "HTTP cookie", "Counts visits per day."),
        ("_fbp", "Marketing", "Shows adverts on other sites."),
        ("_uetsid", "Marketing", "Measures the adverts you saw."),
        ("li_gc", "Marketing", "Stores your consent to adverts."),
    ]
    assert roles_of_rows(["Name", "Type", "Purpose"], ("name", "type", "purpose"), rows, LAYOUT_WEIGHTS) is None
    # A column of sizes under a label no lexicon knows, read as a provider from its first lines, bears no role out.
    sized = [
        (name, "2 years", size, "Stores the visitor ID.")
        for name, size in (("_ga", "45 Byte"), ("_gid", "4 Byte"), ("s_vi", "44 Byte"), ("s_cc", "1 Byte"))
    ]
    before = ("name", "duration", "provider", "purpose")
    assert roles_of_rows(["Name", "Expiry", "Size", "Purpose"], before, sized, LAYOUT_WEIGHTS) == (
        "name",
        "duration",
        "other",
        "purpose",
    )
    # Three rows say less than the lines below the header: a table that short keeps its roles.
    assert roles_of_rows(["Name", "Expiry", "Size", "Purpose"], before, sized[:3], LAYOUT_WEIGHTS) is None
    # A "Type" column read as the category from its first lines ("Performance," / "analytics,"), whose whole
    # cells each name several categories in a few words: still the category.
    listing = "Performance,\nanalytics, and\nrelevant\nadvertisement"
    listed = [
        (listing, f"Helps us count visits to page {k}.", name)
        for k, name in enumerate(["_ga", "_gid", "_uetsid", "_fbp"])
    ]
    listed.append(("Translation", "Translates the pages.", "googtrans"))
    assert roles_of_rows(["Type", "Purpose", "Name"], ("category", "purpose", "name"), listed, LAYOUT_WEIGHTS) is None
