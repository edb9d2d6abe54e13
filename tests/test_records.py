"""Cell joining and name splitting."""

from __future__ import annotations

import pytest

from extractor.normalize.names import split_names
from extractor.shapes import join_cell, looks_like_duration


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("_ga, _gid and _gat", ["_ga", "_gid", "_gat"]),
        ("_ga, _gid et _gat", ["_ga", "_gid", "_gat"]),
        ("_pk_id.*", ["_pk_id.*"]),
        ("pagead/1p-user-list/#", ["pagead/1p-user-list/#"]),
        ("__utma\n__utmb\n__utmc", ["__utma", "__utmb", "__utmc"]),
        ("_govuk-\nprototype-kit", ["_govuk-prototype-kit"]),
        ("_ga_\n<container-id>", ["_ga_<container-id>"]),
        ("A random 32-character long\nstring", ["A random 32-character long string"]),
        ("CONSENT [x3]", ["CONSENT [x3]"]),
        ("_ga (_ga_154EKD, _ga_5QGFXY)", ["_ga", "_ga_154EKD", "_ga_5QGFXY"]),
        ("_ga\n(_ga_154EKD,\n_ga_5QGFXY)", ["_ga", "_ga_154EKD", "_ga_5QGFXY"]),
        ("_ga (Google Analytics)", ["_ga (Google Analytics)"]),
        # One token in brackets unlike the name is a note on it, not a second name.
        ("_ga_# (GA4)", ["_ga_# (GA4)"]),
        ("_ga (_ga_154EKD)", ["_ga", "_ga_154EKD"]),
        # One name, then a sentence in brackets saying what it does: the name alone.
        ("app_consent_selection (Stores the consent state of the user)", ["app_consent_selection"]),
        # Names one after another, each with what it does in brackets (one may hold brackets of its own).
        (
            "app_consent (Stores the choice) XSRF-TOKEN (Stops forgery (CSRF).) app_session (Keeps you in)",
            ["app_consent", "XSRF-TOKEN", "app_session"],
        ),
        # Names, a colon, then what they do.
        ("_ga_4S9N5MK4VE, _gat, _gid: Google Analytics cookies count the visits.", ["_ga_4S9N5MK4VE", "_gat", "_gid"]),
        ("Session: until the browser closes", ["Session: until the browser closes"]),
        ("_stripe_mid, campaign, etc.", ["_stripe_mid", "campaign"]),
        # One name a line, capitals running into a word ("ARRAffinity") marked as names.
        ("ARRAffinity\nARRAffinitySameSite", ["ARRAffinity", "ARRAffinitySameSite"]),
        # One name a line, some with a note in brackets that wraps, one line listing two.
        (
            "_ga (Google Analytics)\n_ga_<ID> (Google\nAnalytics 4)\n_clck, _clsk",
            ["_ga (Google Analytics)", "_ga_<ID> (Google Analytics 4)", "_clck", "_clsk"],
        ),
        # A line left open by its dash goes on in the next: one name.
        ("BEACON -\nstatic.example.com", ["BEACON - static.example.com"]),
        # A name wrapped where no name ends (after a scheme's "://", a "|" or a "^"): one name.
        ("amp-store:https://\nexample.se", ["amp-store:https://example.se"]),
        ("LogsDatabaseV2:V#||\nLogsRequestsStore", ["LogsDatabaseV2:V#||LogsRequestsStore"]),
        ("e_LO29XwxP^Event|visit^\nAction|***", ["e_LO29XwxP^Event|visit^Action|***"]),
    ],
)
def test_split_names(cell: str, names: list[str]) -> None:
    assert split_names(cell) == names


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("To remember the user from\none page to another", "To remember the user from one page to another"),
        ("google-\nanalytics.com", "google-analytics.com"),
        ("expiry date/\ntime", "expiry date/time"),
        ("  spaced   out  ", "spaced out"),
        (None, None),
        # Japanese and Chinese wrap anywhere; Korean spaces its words, yet a browser wraps it between syllables.
        ("セッシ\nョン", "セッション"),
        ("온라인 진료 예약 시 로그인 세\n션을 유지합니다.", "온라인 진료 예약 시 로그인 세션을 유지합니다."),
        ("Google\nAnalytics", "Google Analytics"),
    ],
    ids=["wrapped-sentence", "hyphen", "slash", "spaces", "none", "japanese", "korean", "latin"],
)
def test_join_cell(cell: str | None, text: str | None) -> None:
    assert join_cell(cell) == text


@pytest.mark.parametrize(
    "text", ["13 months", "2 ans", "1 Jahr", "13 meses", "Session", "Sitzungsende", "2 weken", "Five minutes"]
)
def test_durations_are_recognised(text: str) -> None:
    assert looks_like_duration(text)


@pytest.mark.parametrize("text", ["and Microsoft Bing", "as shown", "an ad network", "Sitzungsdaten", "sessions"])
def test_words_that_start_like_durations_are_no_durations(text: str) -> None:
    # "an" + "d", "a" + "s": a number word needs a space before its unit; "Sitzung" must end there.
    assert not looks_like_duration(text)


@pytest.mark.parametrize("text", ["1 minuto", "30 segundos", "2 secondes", "1 ora"])
def test_durations_in_units_of_other_languages(text: str) -> None:
    assert looks_like_duration(text)


@pytest.mark.parametrize("text", ["1 year 1 month 4 days", "1 рік 1 місяць", "2 ans et 6 mois", "1 year, 2 months"])
def test_a_duration_in_parts_is_one_whole_duration(text: str) -> None:
    from extractor.shapes import is_whole_duration

    assert is_whole_duration(text)


@pytest.mark.parametrize(
    ("cell", "first"),
    [
        pytest.param("_uetsid and", "_uetsid", id="a-list-going-on"),
        pytest.param(
            "app_consent (Stores the choice) app_session (Keeps you in)", "app_consent", id="names-with-notes"
        ),
        pytest.param("_ga, _gid: Google Analytics cookies", "_ga", id="names-then-a-colon"),
        pytest.param("Podatki o članu", "Podatki o članu", id="plain-words-joined-by-a-word"),
        pytest.param("Google Analytics (GA4)", "Google Analytics (GA4)", id="a-service-s-name"),
        pytest.param("__stripe_mid,", "__stripe_mid", id="a-list-wrapped-after-its-comma"),
        pytest.param("BEAMER_DATE{product ID}", "BEAMER_DATE{product ID}", id="a-placeholder-of-two-words"),
    ],
)
def test_the_first_name_of_a_cell_is_what_its_column_is_measured_by(cell: str, first: str) -> None:
    from extractor.shapes import first_name

    assert first_name(cell) == first


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("Cookie lié au service de", True),  # a connector word: the cell goes on
        ("Stores the consent state of", True),
        ("google-", True),
        ("Aukeratutako hizkuntza gogoratzen du.", False),  # "du" joins French words; here a sentence ended
        ("Keeps the session.", False),
        ("BEAMER_DATE{product ID}", False),  # "ID}" closes a placeholder; "id" is a connector elsewhere
        ("1 den", False),  # a whole duration (a day in Czech), though "den" joins German words
    ],
    ids=[
        "connector",
        "english-connector",
        "hyphen",
        "sentence-ending-in-a-foreign-connector",
        "sentence",
        "a-placeholder-closed",
        "a-duration-ending-in-a-foreign-connector",
    ],
)
def test_a_cell_line_ends_open_after_a_connector_not_after_a_sentence(text: str, open_: bool) -> None:
    from extractor.shapes import ends_open

    assert ends_open(text) is open_


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Analytics cookies", True),
        ("必要 Cookie", True),
        ("分析 Cookie", True),
        ("我们使用的 Cookie 如下：", False),
        ("We use these cookies:", False),
        ("analytics cookies", False),
    ],
    ids=["capitalised", "chinese", "chinese-category-first", "chinese-lead-in", "lead-in", "lower-case"],
)
def test_a_title_opens_with_a_capital_or_a_letter_without_case(text: str, heading: bool) -> None:
    from extractor.shapes import looks_like_heading

    assert looks_like_heading(text) is heading


@pytest.mark.parametrize(
    ("text", "ended"),
    [("Counts visits.", True), ("统计网站访问量。", True), ("ログイン状態を維持します。", True), ("统计网站", False)],
    ids=["full-stop", "chinese-full-stop", "japanese-full-stop", "open"],
)
def test_a_sentence_ends_with_a_full_stop_of_its_script(text: str, ended: bool) -> None:
    from extractor.shapes import ends_sentence

    assert ends_sentence(text) is ended
