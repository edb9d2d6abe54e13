"""Normalised records: durations, name patterns, providers, party, known-cookie facts, classifier."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.categories import category_from_text
from extractor.knowledge import known_cookies
from extractor.nlp import DEFAULT_HINT_WEIGHT, classifier_text, classify, load_model
from extractor.normalize.durations import is_stated_unknown, parse_duration
from extractor.normalize.language import detect_language
from extractor.normalize.names import name_pattern
from extractor.normalize.providers import canonical_provider, party_of
from tests.conftest import SAMPLES

DURATIONS = [
    ("13 months", "persistent", 13 * 30 * 86400, "P13M"),
    ("2 ans", "persistent", 2 * 365 * 86400, "P2Y"),
    ("1 Jahr", "persistent", 365 * 86400, "P1Y"),
    ("13 meses", "persistent", 13 * 30 * 86400, "P13M"),
    ("2 weken", "persistent", 14 * 86400, "P2W"),
    ("Up to 12 months", "persistent", 12 * 30 * 86400, "P12M"),
    ("Five minutes", "persistent", 300, "PT5M"),
    ("24 Stunden", "persistent", 86400, "PT24H"),
    ("30 giorni", "persistent", 30 * 86400, "P30D"),
    ("1 week to 1 year", "persistent", 365 * 86400, "P1Y"),
    ("2 years after last activity", "persistent", 2 * 365 * 86400, "P2Y"),
    ("sessione", "session", None, None),
    ("Sitzungsende", "session", None, None),
    ("Session", "session", None, None),
    ("at end of session", "session", None, None),
    ("fin de session", "session", None, None),
    ("persistent", "persistent", None, None),
    ("10 Nov 2030", "persistent", None, None),
    ("Unknown", "unknown", None, None),
    ("HTTP Cookie", "unknown", None, None),
]


@pytest.mark.parametrize(("text", "kind", "seconds", "iso"), DURATIONS, ids=[d[0] for d in DURATIONS])
def test_duration(text: str, kind: str, seconds: int | None, iso: str | None) -> None:
    duration = parse_duration(text)
    assert (duration.kind, duration.seconds, duration.iso) == (kind, seconds, iso)


def test_the_duration_parser_reads_97_percent_of_the_known_retention_strings() -> None:
    strings = sorted({f.retention for facts in known_cookies().by_name.values() for f in facts})
    assert len(strings) > 150
    read = [s for s in strings if parse_duration(s).parsed or is_stated_unknown(s)]
    assert len(read) / len(strings) >= 0.97
    with_length = [s for s in strings if re.search(r"\b\d+\s*(?:sec|min|hour|day|week|month|year)", s, re.I)]
    assert len(with_length) > 100
    assert all(parse_duration(s).seconds is not None for s in with_length), "a stated length must give seconds"


@pytest.mark.parametrize(
    ("name", "regex", "matches"),
    [
        ("_ga_<container-id>", r"^_ga_.+$", "_ga_ABC123"),
        ("_pk_id.*", r"^_pk_id\..*$", "_pk_id.1.a2b3"),
        ("_hjSession_*", r"^_hjSession_.*$", "_hjSession_1234"),
        ("any cookie starting with _hs", r"^_hs.*$", "_hssc"),
        ("__Secure-xxxxx", r"^__Secure\-.+$", "__Secure-3PSID"),
    ],
)
def test_name_patterns(name: str, regex: str, matches: str) -> None:
    pattern = name_pattern(name)
    assert pattern.is_pattern and pattern.regex == regex
    assert re.match(pattern.regex, matches)


@pytest.mark.parametrize("name", ["_ga", "sessionid", "CONSENT [x3]", "pagead/landing"])
def test_plain_names_are_no_patterns(name: str) -> None:
    assert name_pattern(name).is_pattern is False


def test_a_concrete_name_matches_the_known_prefix() -> None:
    known = known_cookies().match("_ga_ABC123", None, None)
    assert known is not None and known.name == "_ga_" and known.wildcard
    assert known.our_category == "analytics"


def test_a_django_sessionid_is_not_instagram() -> None:
    assert known_cookies().match("sessionid", "Opendatasoft", None) is None
    assert known_cookies().match("sessionid", None, None) is None
    seed = extract(SAMPLES / "opendatasoft-cookie-policy.txt")
    session = next(c for c in seed.cookies if c.name == "sessionid")
    assert session.known_provider is None and session.party == "first"


def test_known_facts_fill_fields_and_disagreements_warn() -> None:
    result = extract(SAMPLES / "cookies-ruled-en.pdf")
    gid = next(c for c in result.cookies if c.name == "_gid")
    assert (gid.known_provider, gid.known_category, gid.known_retention) == (
        "Google Analytics",
        "analytics",
        "24 hours",
    )
    assert gid.duration == "Up to 2 years", "the policy's own value is never changed"
    assert any(w.code == "retention-mismatch" and w.message.startswith("_gid:") for w in result.warnings)


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("Google LLC", "Google"), ("GOOGLE", "Google"), ("Acme GmbH", "Acme"), ("Meta Platforms, Inc.", "Meta Platforms")],
)
def test_canonical_provider(given: str, canonical: str) -> None:
    assert canonical_provider(given) == canonical


def test_party() -> None:
    assert party_of("Google", "Third party", None, None, None) == "third"
    assert party_of("Acme", "Erstanbieter", None, None, None) == "first"
    assert party_of("Opendatasoft", None, None, "opendata soft", None) == "first"
    assert party_of("Google", None, None, "Example Shop", "Google Analytics") == "third"
    assert party_of(None, None, None, None, None) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We use cookies to make the site work and to measure how it is used by our visitors.", "en"),
        ("Nous utilisons des cookies pour que le site fonctionne et pour mesurer son audience.", "fr"),
        ("Wir verwenden Cookies, um die Website bereitzustellen und ihre Nutzung zu messen, die Sie sehen.", "de"),
        ("Utilizamos cookies para que el sitio funcione y para medir su uso por los visitantes.", "es"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_the_trained_classifier_ships_small_and_loads_from_the_package() -> None:
    model = load_model()
    assert model is not None
    folder = Path(__file__).resolve().parent.parent / "extractor" / "nlp" / "model"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 10 * 1024 * 1024
    assert set(model.get_pipe("textcat").labels) == {"necessary", "functional", "analytics", "marketing"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Used to deliver advertising that is more relevant to you and your interests", "marketing"),
        ("Collects anonymous statistics about how visitors use the website", "analytics"),
        ("Keeps you signed in while you move between pages", "necessary"),
    ],
)
def test_classifier(text: str, category: str) -> None:
    assert classify([text]) == [category]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("This cookie is used to count the visitors of the site.", "cookie count visito site"),
        ("Permet de mesurer l'audience du site", "mesure audien site"),
        ("Speichert die Sitzung für 30 Minuten", "speich sitzun minute"),
        ("Is de bezoeker nieuw?", "bezoek nieuw"),
    ],
)
def test_the_classifier_reads_word_stems_without_function_words(text: str, read: str) -> None:
    assert classifier_text(text) == read


def test_the_classifier_takes_its_function_words_from_the_model_not_from_spacy_languages() -> None:
    # Importing spaCy's language packages for their stop lists takes seconds: the model carries its list.
    code = (
        "import sys; from extractor.nlp import classify; classify(['Counts the visits of the site']); "
        "from extractor.nlp import STOP_LANGUAGES; "
        "print([m for m in (f'spacy.lang.{x}.stop_words' for x in STOP_LANGUAGES) if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_text_of_function_words_only_is_not_classified() -> None:
    assert classify(["It is the one"]) == [None]


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("Strictly necessary cookies", "necessary"),
        ("Cookies that measure website use", "analytics"),
        ("Cookies that remember your settings", "functional"),
        ("Cookies de personalización", "functional"),
        ("Cookie di personalizzazione", "functional"),
        ("Cookies that help with our communications and marketing", "marketing"),
        ("Cookies set by other services", None),
        ("Cookies de personnalisation", "functional"),
        ("Komfort-Cookies", "functional"),
        ("Cookies de réseaux sociaux", "marketing"),
        ("Cookies de análisis", "analytics"),
        ("Cookies de rendimiento", "analytics"),
        ("Statystyczne pliki cookie", "analytics"),
        ("Cookies de terceros", None),
    ],
)
def test_category_headings(heading: str, category: str | None) -> None:
    assert category_from_text(heading) == category


def test_known_facts_weigh_in_only_where_the_text_leaves_it_close() -> None:
    model = load_model()
    assert model is not None
    vague = "Stores a value for the website"
    cats = model(classifier_text(vague)).cats
    first, runner_up = sorted(cats, key=lambda label: cats[label])[::-1][:2]
    assert cats[first] - cats[runner_up] < DEFAULT_HINT_WEIGHT  # a close call
    # The hint decides between close readings; it does not overturn a clear text.
    assert classify([vague]) == [first]
    assert classify([vague], [runner_up]) == [runner_up]
    assert classify(["Used to deliver advertising that is more relevant to you"], ["necessary"]) == ["marketing"]


def test_a_known_cookie_read_from_its_purpose_leans_to_its_known_category(tmp_path: Path) -> None:
    policy = tmp_path / "list.txt"
    policy.write_text("Our cookies\nName\tPurpose\n_ga\tStores a value for the website\n", encoding="utf-8")
    cookie = extract(policy).cookies[0]
    assert (cookie.category, cookie.category_source, cookie.known_category) == ("analytics", "text", "analytics")


def test_category_column_that_names_no_category_is_not_guessed(tmp_path: Path) -> None:
    policy = tmp_path / "list.txt"
    policy.write_text(
        "Cookie List\nname\tprovider\tcategory\nab\tagkn.com\tUnclassified\n_ga\tgoogle.com\tStatistics\n",
        encoding="utf-8",
    )
    cookies = extract(policy).cookies
    assert [(c.category, c.category_source) for c in cookies] == [("unclassified", "column"), ("analytics", "column")]


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        pytest.param("2 години", "uk", "PT2H", id="ukrainian-hours-in-a-ukrainian-document"),
        pytest.param("2 години", "bg", "P2Y", id="bulgarian-years-in-a-bulgarian-document"),
        pytest.param("2 години", None, "P2Y", id="language-unknown-first-reading"),
        pytest.param("2 години", "zz", "P2Y", id="language-without-a-file-first-reading"),
        pytest.param("13 months", "uk", "P13M", id="other-languages-words-still-read"),
    ],
)
def test_a_unit_word_two_languages_read_differently_is_read_in_the_document_s_language(
    text: str, language: str | None, iso: str
) -> None:
    assert parse_duration(text, language).iso == iso


def test_a_ukrainian_policy_s_hours_are_hours(tmp_path: Path) -> None:
    rows = [
        ("PHPSESSID", "Зберігає сеанс відвідувача на сайті.", "2 години"),
        ("_ga", "Рахує відвідування сайту.", "2 роки"),
    ]
    cells = "".join(f"<tr><td>{n}</td><td>{p}</td><td>{d}</td></tr>" for n, p, d in rows)
    page = (
        "<html><body><h1>Політика щодо файлів cookie</h1><p>Ми використовуємо файли cookie, щоб сайт працював, "
        "і для статистики відвідувань.</p><table><tr><th>Назва</th><th>Призначення</th><th>Термін</th></tr>"
        f"{cells}</table></body></html>"
    )
    path = tmp_path / "polityka.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert result.language == "uk"
    assert [c.duration_iso for c in result.cookies] == ["PT2H", "P2Y"]
