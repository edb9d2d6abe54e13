"""The lexicon: every word list as data, one file per language, read alike by every consumer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor import lexicon
from extractor.lexicon import LexiconError, fold, fold_chars, parse_language, phrase_pattern
from extractor.lexicon.check import main as check_main
from extractor.normalize.durations import parse_duration
from extractor.normalize.language import detect_language
from extractor.normalize.providers import party_of
from extractor.shapes import category_from_text, looks_like_duration

# The languages the lexicon promises (issue 15): the EU's 24, Norwegian, Icelandic, Welsh, Catalan, Basque,
# Galician, Turkish, Ukrainian, Russian, and Japanese, Chinese and Korean.
PROMISED = (
    "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv no is cy ca eu gl tr uk ru ja zh ko"
).split()


def test_every_promised_language_has_a_file():
    assert set(PROMISED) <= set(lexicon.language_codes())


@pytest.mark.parametrize("code", PROMISED)
def test_each_language_names_every_role_and_the_units_of_durations(code):
    language = lexicon.language(code)
    assert {"name", "purpose", "duration", "provider"} <= set(language.headers), code
    assert {"day", "month", "year"} <= set(language.units), code
    assert {"necessary", "analytics", "marketing", "functional"} <= set(language.categories), code
    assert len(language.function_words) >= 15, code


def test_the_files_validate_with_the_checker(capsys):
    assert check_main([]) == 0
    assert "conflict: header" not in capsys.readouterr().out.replace("conflict: header word 'namen'", "")


# Written in one place, read alike by the layout's shape and the parser (they used to disagree on these).
AGREED_DURATIONS = ["sieben Tage", "3 wks", "1 settimana", "2 annees", "fourteen days", "sechs Monate"]


@pytest.mark.parametrize("text", AGREED_DURATIONS)
def test_the_duration_shape_and_the_parser_agree(text):
    assert looks_like_duration(text)
    assert parse_duration(text).parsed


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2 år", 2 * 365 * 86400),
        ("6 měsíců", 6 * 30 * 86400),
        ("12 mėnesių", 12 * 30 * 86400),
        ("2 flynedd", 2 * 365 * 86400),
        ("1 year 1 month 4 days", (365 + 30 + 4) * 86400),
        ("24 de ore", 24 * 3600),
        ("13 kuukautta", 13 * 30 * 86400),
        ("1年", 365 * 86400),
        ("30日", 30 * 86400),
    ],
)
def test_durations_parse_in_languages_beyond_western_europe(text, seconds):
    assert parse_duration(text).seconds == seconds
    assert looks_like_duration(text)


DAY = 86400


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        # After a preposition, languages with cases inflect the unit and the number (locative, instrumental,
        # dative, terminative, superessive...), not the forms a duration column's cells use.
        ("Wygasa po 30 dniach", 30 * DAY),
        ("po 2 latach", 2 * 365 * DAY),
        ("po 3 miesiącach", 3 * 30 * DAY),
        ("po 1 dniu", DAY),
        ("po 30 minutach", 30 * 60),
        ("1 roku 1 miesiącu 4 dniach", (365 + 30 + 4) * DAY),
        ("po dwóch tygodniach", 14 * DAY),
        ("Vyprší po 2 letech", 2 * 365 * DAY),
        ("po 24 hodinách", DAY),
        ("po 6 mesiacoch", 6 * 30 * DAY),
        ("po 30 dneh", 30 * DAY),
        ("dviem metams", 2 * 365 * DAY),
        ("30 dienoms", 30 * DAY),
        ("30 napon belül", 30 * DAY),
        ("2 yıla kadar", 2 * 365 * DAY),
        ("24 saate kadar", DAY),
        ("kuni 2 aastani", 2 * 365 * DAY),
        ("30 päivässä", 30 * DAY),
        ("30 egunetan", 30 * DAY),
    ],
)
def test_durations_read_in_the_cases_that_follow_prepositions(text, seconds):
    assert parse_duration(text).seconds == seconds
    assert looks_like_duration(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wygasa przy zamknięciu przeglądarki",
        "Do zamknięcia okna przeglądarki",
        "Smazáno zavřením prohlížeče",
        "Pri zatvorení prehliadača",
        "Pri zaprtju brskalnika",
        "Do zatvaranja web preglednika",
        "При закрытии браузера",
        "До завершення сеансу",
        "Kol uždarote naršyklę",
        "Pärast brauseri sulgemist",
        "Selaimen sulkemisen jälkeen",
        "A böngésző bezárását követően",
        "Tarayıcınızı kapattığınızda silinir",
        "Setukökur",
        "Până la închiderea browser-ului",
        "Beim Schließen Ihres Browsers",
        "Al cerrar su navegador",
        "Ao fechar o seu navegador",
        "Until you close your browser",
        # "à la" is no number and unit ("a" one, Irish "lá" day, folded "la")
        "Jusqu'à la fermeture du navigateur",
        "Jusqu’à la fin de la session",
    ],
)
def test_session_phrases_read_in_their_inflected_forms(text):
    assert parse_duration(text).kind == "session"


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Cookies εμπορικής προώθησης", "marketing"),
        ("Galetes tècniques", "necessary"),
        ("Galetes estadístiques", "analytics"),
        ("Cookies funcionais", "functional"),
        ("機能", "functional"),
        ("İŞLEVSEL ÇEREZLER", "functional"),
        ("Cookies de targetare", "marketing"),
        ("Målingscookies", "analytics"),
        ("Funktionskakor", "functional"),
    ],
)
def test_category_words_in_their_plural_and_inflected_forms(label, category):
    assert category_from_text(label) == category


@pytest.mark.parametrize(
    ("type_text", "party"),
    [
        ("Birinci Taraf", "first"),
        ("3. taraf", "third"),
        ("Üçüncü şahıs", "third"),
        ("Cookie третіх осіб", "third"),
        ("Cookies третьих лиц", "third"),
        ("Бисквитки на трети лица", "third"),
        ("S třetími stranami", "third"),
        ("Cookie собственного сайта", "first"),
    ],
)
def test_party_words_of_many_languages(type_text, party):
    assert party_of("Acme", type_text, None, None, None) == party


def test_a_duration_in_parts_keeps_its_parts_in_iso():
    assert parse_duration("1 year 1 month 4 days").iso == "P1Y1M4D"
    assert parse_duration("1 week to 1 year").iso == "P1Y"  # a range counts by its upper end


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Nødvendige cookies", "necessary"),
        ("Analytické cookies", "analytics"),
        ("Cookies de marketing", "marketing"),
        ("Funktionella kakor", "functional"),
        ("Statistikas sīkdatnes", "analytics"),
        # A label naming several: the first named is the label's.
        ("Performance, analytics, and relevant advertisement", "analytics"),
        ("Marketing and analytics cookies", "marketing"),
        # A consent platform's own categories: preferences and the cookies it has not classified.
        ("Asetukset (2)", "functional"),
        ("Налаштування", "functional"),
        ("Webbplatsens funktioner", "functional"),
        ("Unclassified (3)", "unclassified"),
        ("Sen clasificar (2)", "unclassified"),
        ("Nicht klassifiziert", "unclassified"),
        ("Neklasifikované", "unclassified"),
        ("未分類", "unclassified"),
    ],
)
def test_category_words_of_many_languages(label, category):
    assert category_from_text(label) == category


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vi bruger cookies for at sikre, at hjemmesiden fungerer, og for at forstå, hvordan den bliver brugt.", "da"),
        ("Používáme soubory cookie, abychom zajistili, že web funguje a abychom věděli, jak se používá.", "cs"),
        (
            "Käytämme evästeitä, jotta sivusto toimii ja jotta tiedämme, miten sitä käytetään. Se on meille tärkeää.",
            "fi",
        ),
    ],
)
def test_language_detection_reads_the_new_languages(text, code):
    assert detect_language(text) == code


def test_one_fold_for_words_and_text():
    assert fold("Durée de conservation") == "duree de conservation"
    assert fold("Cookie-Name(s)") == "cookie names"
    assert fold_chars("Jusqu'à 13 MOIS") == "jusqu'a 13 mois"  # one character for one: offsets still hold
    assert fold("쿠키 이름") == "쿠키 이름"  # Hangul is not taken apart


def test_folding_keeps_one_character_for_one_and_collapses_every_kind_of_space():
    text = "Durée² ３ ﬁ İ K 쿠키 Łódź"
    assert len(fold_chars(text)) == len(text)
    assert fold_chars("x² ３ Łódź") == "x2 3 lodz"  # superscripts and full-width digits are digits
    assert fold(" a\u00a0b\u2003\u3000c\n", keep_punctuation=True) == "a b c"


def test_a_phrase_pattern_matches_the_longest_phrase_ending_at_a_word_end():
    pattern = re.compile(phrase_pattern(["session", "session cookie", "セッション", "end"]))
    assert pattern.search("a session cookie").group() == "session cookie"
    assert pattern.search("sessions end").group() == "end"  # "session" inside "sessions" is not the phrase
    assert pattern.search("ブラウザのセッション").group() == "セッション"  # no spaces in Japanese: anywhere
    assert re.search(phrase_pattern(["analyt"], prefix_only=True), "web analytics") is not None
    assert re.fullmatch(phrase_pattern([]), "") is None


def test_a_language_file_with_an_unknown_key_is_refused(tmp_path: Path):
    with pytest.raises(LexiconError, match="unknown key"):
        parse_language({"code": "xx", "name": "X", "header": {}}, "xx.json")
    bad = tmp_path / "xx.json"
    bad.write_text(json.dumps({"code": "xx", "name": "X", "units": {"fortnight": ["fn"]}}), encoding="utf-8")
    assert check_main([str(bad)]) == 1


def test_adding_a_language_is_adding_a_file():
    made_up = parse_language(
        {"code": "xx", "name": "Testish", "headers": {"duration": ["lastingness"]}, "units": {"day": ["sols"]}},
        "xx.json",
    )
    assert made_up.headers["duration"] == ("lastingness",)
    assert made_up.units["day"] == ("sols",)


@pytest.mark.parametrize(
    "label",
    ["Explanation", "Explicación", "Explication", "Spiegazione", "Explicação", "Wyjaśnienie", "Explicació", "Uitleg"],
)
def test_an_explanation_column_is_the_purpose_in_many_languages(label: str) -> None:
    from extractor.roles import match_header

    found = match_header(label)
    assert found is not None and found.role == "purpose"
