"""Tables a reading-order export (plain ``pdftotext``) dumped line by line, on small hand-made dumps."""

from __future__ import annotations

from pathlib import Path

from extractor import extract
from extractor.layout.dump import dumped_tables
from extractor.layout.stitch import DEFAULT_DUMP_CONFIDENCE
from extractor.readers.text import read_text
from extractor.settings import Settings

PROSE = (
    "We use the cookies listed below to run this site, to remember what you chose and to count visits.\n"
    "Each one is described with the company that sets it and how long it is kept in your browser.\n"
)


def rows(text: str) -> list[dict[str, str]]:
    lines = read_text((PROSE + text).encode("utf-8"), "dump.txt", Settings()).lines
    tables = dumped_tables(lines)
    assert len(tables) == 1
    return [values for values, _ in tables[0].rows]


def test_rows_read_across_keep_each_purpose_with_its_name() -> None:
    found = rows(
        "Provider\n\nCookie Name\n\nDescription\n"
        "Adobe\n"
        "AMCV_1234%40AdobeOrg Adobe cookie\n"
        "used to track\n"
        "user activities\n"
        "Adobe\n"
        "Adobe Target\n"
        "at_check\n"
        "to support\n"
        "conversion tracking\n"
        "Contentsquare _cs_c\n"
        "Consent state:\n"
        "digit between 0 and 3\n"
    )
    assert [(r["provider"], r["name"], r["purpose"].replace("\n", " ")) for r in found] == [
        ("Adobe", "AMCV_1234%40AdobeOrg", "Adobe cookie used to track user activities"),
        ("Adobe", "at_check", "Adobe Target to support conversion tracking"),
        ("Contentsquare", "_cs_c", "Consent state: digit between 0 and 3"),
    ]


def test_names_and_providers_that_alternate_stay_apart() -> None:
    # "MSFPC" (capitals) and "X-FD-Time" (a capitalised word) could be providers; the alternation says names.
    found = rows(
        "Provider\n\nCookie Name\n\nGitHub\n\ncolor_mode\n\nMicrosoft\n\nMSFPC\n\nMicrosoft\n\nX-FD-Time\n\n"
        "Description\nSaves the theme.\nKeeps a visitor ID.\nSpreads the load.\n"
    )
    assert [(r["provider"], r["name"]) for r in found] == [
        ("GitHub", "color_mode"),
        ("Microsoft", "MSFPC"),
        ("Microsoft", "X-FD-Time"),
    ]


def test_a_wrapped_word_is_no_name_and_cells_open_alike() -> None:
    # "organization" ends the cell the page above began; "Application" / "Insights" opens two cells.
    found = rows(
        "Cookie Name\n\nDescription\n\nExpires\n\n"
        "org_notice\n\n_ai_session\n\n_ai_user\n\nANONCHK\n\n"
        "Description\n"
        "Notice during\n"
        "organization\n"
        "transforms\n"
        "Application\n"
        "Insights\n"
        "session ID\n"
        "Application\n"
        "Insights user\n"
        "ID\n"
        "This cookie\n"
        "monitors\n"
        "performance\n\n"
        "One hour\n\nSession\n\nOne year\n\n30 minutes\n"
    )
    assert [(r["name"], r["purpose"].replace("\n", " "), r["duration"]) for r in found] == [
        ("org_notice", "Notice during organization transforms", "One hour"),
        ("_ai_session", "Application Insights session ID", "Session"),
        ("_ai_user", "Application Insights user ID", "One year"),
        ("ANONCHK", "This cookie monitors performance", "30 minutes"),
    ]


def test_a_duration_on_the_line_of_a_purpose_is_cut_off() -> None:
    found = rows(
        "Cookie Name\n\nbscookie\n\nlang\n\n"
        "Description\n\nExpiration\n\n"
        "This cookie is One year\n"
        "used for two factor\n"
        "authentication.\n"
        "This cookie is Session\n"
        "used to remember\n"
        "a language\n"
    )
    assert [(r["name"], r["purpose"].replace("\n", " "), r["duration"]) for r in found] == [
        ("bscookie", "This cookie is used for two factor authentication.", "One year"),
        ("lang", "This cookie is used to remember a language", "Session"),
    ]


def test_a_label_wrapped_over_two_lines_and_a_count_after_a_name() -> None:
    # "Provider of" / "Cookie" is one label; "GitHub" under it is a value, not a heading.
    found = rows(
        "Provider of\nCookie\nGitHub\n\nCookie Name\n\nDescription\n\nExpiration*\n\n"
        "CONSENT [x3]\n\nGitHub\n\n_octo\n\n"
        "Description\n"
        "Stores the consent.\n"
        "Sets a date for the\n"
        "_cb tracker, which\n"
        "makes it last.\n\n"
        "Two weeks\n\nOne year\n"
    )
    assert [(r.get("provider"), r["name"], r["purpose"].replace("\n", " "), r["duration"]) for r in found] == [
        ("GitHub", "CONSENT [x3]", "Stores the consent.", "Two weeks"),
        ("GitHub", "_octo", "Sets a date for the _cb tracker, which makes it last.", "One year"),
    ]


def test_a_cell_listing_names_is_names_not_a_heading() -> None:
    found = rows(
        "Name of cookie\n_ga\n\nCOMPASS, S\n\nPurpose\nCounts the visits.\n\n"
        "Used by Google Forms to\nmanage Forms behaviour.\n\nExpires\n2 years\n\n11 minutes\n"
    )
    assert [(r["name"], r["purpose"].replace("\n", " "), r["duration"]) for r in found] == [
        ("_ga", "Counts the visits.", "2 years"),
        ("COMPASS, S", "Used by Google Forms to manage Forms behaviour.", "11 minutes"),
    ]


def test_a_long_name_column_host_names_and_a_purpose_that_names_a_role() -> None:
    # Fourteen names between two labels; ".acme.example" is a domain, not a name; "Set by our payment
    # provider" opens a purpose (the next line goes on with it), it is no "provider" label.
    names = [f"acme_cookie_{k}" for k in range(14)]
    found = rows(
        "Name\n"
        + "\n\n".join(names)
        + "\n\nDomain\n\nDescription\n"
        + "".join(
            f".acme.example\n{'Set by our payment provider' if k == 0 else f'Keeps state number {k}'}\n"
            f"{'to prevent fraud.' if k == 0 else 'for the app.'}\n"
            for k in range(14)
        )
        + "\nDuration\n"
        + "\n\n".join("1 year" for _ in range(14))
        + "\n"
    )
    assert [r["name"] for r in found] == names
    assert found[0]["purpose"].replace("\n", " ") == "Set by our payment provider to prevent fraud."
    assert {r["domain"] for r in found} == {".acme.example"}
    assert {r["duration"] for r in found} == {"1 year"}


def test_providers_wrapped_over_lines_and_rows_read_across_provider_and_purpose() -> None:
    # "Northwind" / "Outfitters" is one provider; under "Provider Purpose" a line opens with its provider. The
    # second table, under its category heading, is a table of its own.
    text = (
        "Cookie\nnw_session\n\nProvider\nNorthwind\nOutfitters\n\nnw_csrf\n\nNorthwind\nOutfitters\n\n"
        "Purpose\nKeeps your basket.\nProtects the forms.\n\nExpiry\nSession\n\n2 years / 24\nhours\n\n"
        "Analytics cookies\nCookie\n_ga\n_hjid\n\nProvider Purpose\n"
        "Google Used by Google Analytics to tell\nvisitors apart.\n"
        "Google (DoubleClick) Measures conversions.\n\nExpiry\n2 years\n\n1 year\n"
    )
    tables = dumped_tables(read_text((PROSE + text).encode("utf-8"), "dump.txt", Settings()).lines)
    assert [t.heading for t in tables] == [None, "Analytics cookies"]
    found = [values for table in tables for values, _ in table.rows]
    assert [(r["name"], r.get("provider"), r.get("duration")) for r in found] == [
        ("nw_session", "Northwind Outfitters", "Session"),
        ("nw_csrf", "Northwind Outfitters", "2 years / 24\nhours"),
        ("_ga", "Google", "2 years"),
        ("_hjid", "Google (DoubleClick)", "1 year"),
    ]
    assert found[2]["purpose"].replace("\n", " ") == "Used by Google Analytics to tell visitors apart."


def test_a_dump_under_a_weak_cookie_label_with_durations_and_types_at_line_ends() -> None:
    # "Cookie" alone is a weak label, but a name below it tells the dump; "Propia" is a type value.
    found = rows(
        "Cookie\nJSESSIONID\n\nFinalidad\nDuración Tipo\n"
        "Mantiene la sesión del usuario. Sesión\nPropia\n"
        "cookiesAceptadas Guarda si el usuario ha aceptado la política. 1 año\nPropia\n"
    )
    assert [(r["name"], r["purpose"], r["duration"], r.get("type")) for r in found] == [
        ("JSESSIONID", "Mantiene la sesión del usuario.", "Sesión", "Propia"),
        ("cookiesAceptadas", "Guarda si el usuario ha aceptado la política.", "1 año", "Propia"),
    ]


def test_prose_the_dump_put_before_the_last_columns_is_skipped() -> None:
    # "Cloudflare" right under its name is a value, not a heading; the closing paragraph stands between
    # the purposes and the durations, and is no part of the table.
    found = rows(
        "Nome\nPHPSESSID\n\nFornitore\nMuseo\n\n__cf_bm\nCloudflare\n\n"
        "Finalità\nMantiene la sessione.\nDistingue le persone dai bot.\n\n"
        "Per revocare il consenso usare il pulsante in fondo alla pagina, oppure scriverci una email.\n\n"
        "Scadenza\nSessione\n\n30 minuti\n"
    )
    assert [(r["name"], r.get("provider"), r.get("purpose"), r.get("duration")) for r in found] == [
        ("PHPSESSID", "Museo", "Mantiene la sessione.", "Sessione"),
        ("__cf_bm", "Cloudflare", "Distingue le persone dai bot.", "30 minuti"),
    ]


def test_a_closing_paragraph_after_every_column_is_no_purpose() -> None:
    found = rows(
        "Name\nPHPSESSID\n\n_pk_id.*\n\nZweck\nSpeichert die Sitzung.\nZählt die Besuche.\n\n"
        "Speicherdauer\nSitzungsende\n\n13 Monate\n\n"
        "Sie können Ihre Einwilligung jederzeit widerrufen.\n"
    )
    assert [(r["name"], r["purpose"], r["duration"]) for r in found] == [
        ("PHPSESSID", "Speichert die Sitzung.", "Sitzungsende"),
        ("_pk_id.*", "Zählt die Besuche.", "13 Monate"),
    ]


def test_a_category_heading_over_a_sentence_ends_a_dumped_table() -> None:
    lines = read_text(
        (
            PROSE + "Statistics\nCookie\n_clck\n\nDuration Description\n1 year\nCollects the visits.\n\n"
            "Marketing\nMarketing cookies are used to track visitors across websites.\n"
            "Cookie\n_ttp\n\nDuration Description\n13 months\nTracks the use of embedded services.\n"
        ).encode("utf-8"),
        "dump.txt",
        Settings(),
    ).lines
    tables = dumped_tables(lines)
    assert [(t.heading, [v["name"] for v, _ in t.rows], [v.get("purpose") for v, _ in t.rows]) for t in tables] == [
        ("Statistics", ["_clck"], ["Collects the visits."]),
        ("Marketing", ["_ttp"], ["Tracks the use of embedded services."]),
    ]


def test_a_category_heading_over_the_label_the_table_opened_with_starts_the_next_table() -> None:
    # Tables of one layout, one per category, dumped one after another: the category over the first label again
    # ("Analytics" / "Service") heads a table of its own, so each table keeps its own heading.
    lines = read_text(
        (
            PROSE + "Necessary\nService\nExample Shop\n\nCookie\nshop_session\n\nPurpose\n"
            "Keeps you signed in.\n\nExpires\nSession\n\n"
            "Analytics\nService\nGoogle\n\nCookie\n_ga\n\nPurpose\nCounts the visits.\n\nExpires\n2 years\n"
        ).encode("utf-8"),
        "dump.txt",
        Settings(),
    ).lines
    tables = dumped_tables(lines)
    assert [(t.heading, [v["name"] for v, _ in t.rows]) for t in tables] == [
        ("Necessary", ["shop_session"]),
        ("Analytics", ["_ga"]),
    ]


def test_a_dumped_table_labelled_with_a_two_word_name_for_cookies() -> None:
    # Polish calls the name column "Plik cookie" ("cookie file"): a weak label of two words, yet the language's
    # word for a cookie, not two labels run together.
    found = rows(
        "Usługa\nPrzykładowy Sklep\n\nPlik cookie\nsklep_sesja\n\nCel\nUtrzymuje zalogowanie.\n\nWygasa\n1 rok\n"
    )
    assert [(v["name"], v.get("duration")) for v in found] == [("sklep_sesja", "1 rok")]


def test_a_value_left_among_the_labels_does_not_replace_a_category_heading() -> None:
    lines = read_text(
        (
            PROSE + "Marketing Cookies\nThese cookies are used to track visitors across websites to show ads.\n"
            "Cookie\n_fbp\n\n_gcl_au\n\nProvider\nMeta\n\nGoogle\n\nDuration Purpose\n"
            "3 months\nShows ads on other sites.\n90 days\nMeasures the ads.\n"
            "\f"
            "Cookie\nIDE\n\nProvider Duration\nGoogle 1 year\n\nPurpose\nProfiles your interests for ads.\n"
        ).encode("utf-8"),
        "dump.txt",
        Settings(),
    ).lines
    tables = dumped_tables(lines)
    assert [t.heading for t in tables] == ["Marketing Cookies"]
    assert [v["name"] for v, _ in tables[0].rows] == ["_fbp", "_gcl_au", "IDE"]


def test_a_dump_with_fewer_durations_than_names_keeps_every_name_and_says_so(tmp_path: Path) -> None:
    # The export lost a duration: the values are still paired in reading order, at a lower confidence and
    # with a warning that counts them, rather than read as a sure table.
    text = PROSE + (
        "Name\n\n_session_id\n_pref_lang\n_visit_count\n\n"
        "Expires\n\n1 year\n2 years\n\n"
        "Purpose\n\nKeeps you signed in.\nRemembers your language.\nCounts your visits.\n"
    )
    lines = read_text(text.encode("utf-8"), "dump.txt", Settings()).lines
    [table] = dumped_tables(lines)
    assert [values["name"] for values, _ in table.rows] == ["_session_id", "_pref_lang", "_visit_count"]
    assert table.unpaired_note() == "3 names but 2 duration values"
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert any("3 names but 2 duration values" in w.message for w in result.warnings if w.code == "dumped-table")
    assert max(c.confidence for c in result.cookies) < DEFAULT_DUMP_CONFIDENCE
    whole = PROSE + "Name\n\n_a_id\n_b_id\n\nExpires\n\n1 year\n2 years\n\nPurpose\n\nKeeps you in.\nCounts visits.\n"
    assert dumped_tables(read_text(whole.encode("utf-8"), "d.txt", Settings()).lines)[0].unpaired_note() is None


def test_a_duration_in_words_ending_on_when_goes_on_over_its_next_lines() -> None:
    # "Deleted when" / "oauth state is" / "validated": the clause the duration opens is part of it.
    found = rows(
        "Cookie Name\n\n_gh_sess\nstate_token\n\n"
        "Expiration\n\nSession\nDeleted when\noauth state is\nvalidated\n\n"
        "Description\n\nKeeps the session.\nChecks the sign-in flow.\n"
    )
    assert [(r["name"], r["duration"].replace("\n", " ")) for r in found] == [
        ("_gh_sess", "Session"),
        ("state_token", "Deleted when oauth state is validated"),
    ]


def test_a_plain_word_read_as_a_name_again_and_again_is_another_column_s_value() -> None:
    # Column after column: the names, then type values ("technical", "Targeting/" wrapped after its slash) the
    # dump set where names stand. A table lists each cookie once: a plain word that comes back again and again
    # is no cookie.
    found = rows(
        "name\n_hjSession_*\n\ncategory\nanalytics\n\n_hjSessionUser_*\n\nanalytics\n\n"
        "technical\n\ntechnical\n\ntechnical\n\nTargeting/\n\nTargeting/\n\nTargeting/\n\nsessionid\n\ncsrftoken\n\n"
        "expiry\n"
        "30 minutes\n\n1 year\n\nSession\n\n1 year\n"
    )
    assert not {"technical", "Targeting/"} & {r["name"] for r in found}
