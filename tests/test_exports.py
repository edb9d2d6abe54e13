"""Exports fed to the real consumers: Klaro! and cookieconsent v3 loaded in a DOM (jsdom, node), the TCF
disclosure validated against the IAB schema, the OneTrust-style CSV read back."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from extractor import extract
from extractor.cli import app
from extractor.exports.documents import export_documents
from extractor.exports.klaro import to_klaro
from extractor.exports.onetrust import to_onetrust_csv
from extractor.exports.tcf import identifier, to_tcf_disclosure
from extractor.model import Cookie, Result
from extractor.writers.read import DocumentCookies
from tests.conftest import ROOT, SAMPLES

JS = ROOT / "tests" / "js"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
DOCUMENTS = [
    SAMPLES / "opendatasoft-cookie-policy.txt",
    SAMPLES / "cookies-ruled-en.pdf",
    SAMPLES / "cookies-borderless-fr.pdf",
    SAMPLES / "shop-cookies-de.w3m.txt",
]
DEV_DOCUMENTS = [
    DEV / "011_virufy-en" / "ruled.pdf",
    DEV / "117_city-of-helsinki-hds-common-cookies" / "plain.pdf",
    DEV / "020_vendia-cookie-list" / "page.w3m.txt",
]
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (JS / "node_modules").is_dir(),
    reason="node and tests/js/node_modules are needed (make test installs them)",
)


def _documents() -> list[Path]:
    return DOCUMENTS + [d for d in DEV_DOCUMENTS if d.exists()]


def _run(format_: str, config: object, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / f"{format_}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    completed = subprocess.run(
        ["node", str(JS / "check_export.mjs"), format_, str(path)], capture_output=True, text=True, timeout=120
    )
    shown: dict[str, object] = json.loads(completed.stdout)
    assert completed.returncode == 0 and shown["accepted"], shown.get("error")
    return shown


def _result(document: Path) -> Result:
    result = extract(document)
    assert result.cookies, f"{document.name} gives no cookies"
    return result


def _wanted(cookie: Cookie) -> str:
    """What a consent tool should list for a record: its pattern's regex, else its name (anchors stripped)."""
    return (cookie.name_regex if cookie.name_is_pattern and cookie.name_regex else cookie.name).strip("^$")


@needs_node
@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name if p.parent == SAMPLES else p.parent.name)
def test_klaro_accepts_the_config_and_lists_every_cookie(document: Path, tmp_path: Path) -> None:
    result = _result(document)
    shown = _run("klaro", result.export("klaro"), tmp_path)
    services = shown["services"]
    assert isinstance(services, list)
    for cookie in result.cookies:
        holders = [s for s in services if _wanted(cookie) in [c.strip("^$") for c in s["cookies"]]]
        assert holders, f"{cookie.name} is in no Klaro service"
        assert any(cookie.category in s["purposes"] for s in holders)
        assert any(s["required"] == (cookie.category == "necessary") for s in holders)
    for service in services:
        assert service["title"] in str(shown["shown"])


@needs_node
@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name if p.parent == SAMPLES else p.parent.name)
def test_cookieconsent_accepts_the_config_and_shows_every_cookie(document: Path, tmp_path: Path) -> None:
    result = _result(document)
    shown = _run("cookieconsent", result.export("cookieconsent"), tmp_path)
    categories = shown["categories"]
    assert isinstance(categories, dict)
    text = str(shown["shown"])
    for cookie in result.cookies:
        assert cookie.name in text, f"{cookie.name} is not shown in the preferences"
        assert _wanted(cookie) in [c.strip("^$") for c in categories[cookie.category]["autoClear"]]
    assert categories.get("necessary", {"readOnly": True})["readOnly"] is True


TCF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "tcf-device-storage-disclosure.schema.json").read_text())


def _completed(disclosure: dict[str, Any], notes: tuple[str, ...]) -> dict[str, Any]:
    """The disclosure as a vendor completes it before publishing: each field the notes say was left out filled in
    (the values themselves do not matter here), and nothing else."""
    completed = copy.deepcopy(disclosure)
    said = "\n".join(notes)
    for record in completed["disclosures"]:
        if record["type"] != "cookie":
            continue
        if "cookieRefresh" not in record:
            assert "cookieRefresh left out" in said
            record["cookieRefresh"] = False
        if "maxAgeSeconds" not in record:
            assert re.search(rf"maxAgeSeconds left out[^\n]*\b{re.escape(record['identifier'])}\b", said)
            record["maxAgeSeconds"] = 0
        if "domains" not in record:
            assert re.search(rf"domains left out[^\n]*{re.escape(record['identifier'])}", said)
    return completed


@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name if p.parent == SAMPLES else p.parent.name)
def test_tcf_disclosure_is_the_iab_shape_once_what_the_notes_name_is_filled_in(document: Path) -> None:
    result = _result(document)
    document_cookies = DocumentCookies(result.source, "ok", None, result.language, result.cookies)
    exported = export_documents([document_cookies], "tcf-disclosure")
    disclosure = exported.content
    jsonschema.validate(_completed(disclosure, exported.notes), TCF_SCHEMA)
    by_identifier = {d["identifier"]: d for d in disclosure["disclosures"]}
    first: dict[tuple[str, str], object] = {}
    for cookie in result.cookies:
        entry = by_identifier.get(identifier(cookie) or "")
        if entry is None:  # a wildcard alone, or a pixel: no device storage to disclose, and the notes say so
            assert any(n.startswith("tcf-disclosure: left out") and cookie.name in n for n in exported.notes)
            continue
        if first.setdefault((cookie.name, cookie.category), cookie) is not cookie:
            continue  # a cookie listed twice is disclosed once, as first listed
        if entry["type"] == "web":
            assert entry["maxAgeSeconds"] is None
        elif cookie.duration_kind == "session":
            assert entry["maxAgeSeconds"] == 0
        elif cookie.duration_seconds is not None:
            assert entry["maxAgeSeconds"] == cookie.duration_seconds
        assert (1 in entry["purposes"]) == (cookie.category != "necessary")


def _cookie(name: str, **fields: Any) -> Cookie:
    from extractor.normalize.names import name_pattern

    pattern = name_pattern(name)
    values: dict[str, Any] = {
        "provider": None,
        "function": None,
        "purpose": None,
        "duration": None,
        "category": "analytics",
        "type": None,
        "domain": None,
        "table": 0,
        "row": 0,
        "page": 1,
        "lines": None,
        "confidence": 0.95,
        "name_is_pattern": pattern.is_pattern,
        "name_regex": pattern.regex,
    }
    return Cookie(name=name, **{**values, **fields})


def _tcf(*cookies: Cookie) -> tuple[dict[str, Any], tuple[str, ...]]:
    exported = to_tcf_disclosure(cookies, ["en"] * len(cookies))
    return exported.content, exported.notes


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("_pk_id.*", "_pk_id.*"),
        ("_ga_<container-id>", "_ga_*"),
        ("_ga_#", "_ga_*"),
        ("_hjSession_*", "_hjSession_*"),
        ("any cookie starting with _hs", "_hs*"),
        ("PHPSESSID", "PHPSESSID"),
    ],
    ids=["a dotted wildcard", "a placeholder", "a counter", "a trailing star", "a prefix phrase", "a plain name"],
)
def test_tcf_identifiers_are_written_with_star_wildcards_never_regular_expressions(name: str, wanted: str) -> None:
    disclosure, _ = _tcf(_cookie(name))
    assert [d["identifier"] for d in disclosure["disclosures"]] == [wanted]


def test_tcf_a_wildcard_alone_is_left_out_and_said() -> None:
    disclosure, notes = _tcf(_cookie("*"), _cookie("_ga"))
    assert [d["identifier"] for d in disclosure["disclosures"]] == ["_ga"]
    assert any("left out 1 record" in n and "*" in n for n in notes)


@pytest.mark.parametrize(
    ("category", "purposes"),
    [("necessary", []), ("functional", [1]), ("analytics", [1, 8, 9, 10]), ("marketing", [1, 2, 3, 4, 7])],
    ids=["strictly necessary storage is exempt from consent: no purpose 1", "functional", "analytics", "marketing"],
)
def test_tcf_purpose_1_means_consent_is_needed(category: str, purposes: list[int]) -> None:
    disclosure, _ = _tcf(_cookie("x", category=category))
    assert disclosure["disclosures"][0]["purposes"] == purposes


@pytest.mark.parametrize(
    ("fields", "wanted"),
    [
        ({"duration_kind": "session", "duration": "Session"}, 0),
        ({"duration_kind": "persistent", "duration": "1 year", "duration_seconds": 31536000}, 31536000),
        ({"duration_kind": "unknown"}, "absent"),
    ],
    ids=["a session cookie is 0", "a stated duration in seconds", "no stated duration is left out, never null"],
)
def test_tcf_max_age_seconds(fields: dict[str, Any], wanted: object) -> None:
    disclosure, notes = _tcf(_cookie("x", **fields))
    record = disclosure["disclosures"][0]
    assert record.get("maxAgeSeconds", "absent") == wanted
    assert ("tcf-disclosure: maxAgeSeconds left out (no duration stated): x" in notes) == (wanted == "absent")


def test_tcf_cookie_refresh_is_never_invented() -> None:
    disclosure, notes = _tcf(_cookie("a"), _cookie("b", category="necessary"))
    assert all("cookieRefresh" not in d for d in disclosure["disclosures"])
    assert any("cookieRefresh left out of 2 cookie record(s)" in n for n in notes)


@pytest.mark.parametrize(
    ("domain", "wanted"),
    [
        (".example.com", ["*.example.com"]),
        ("www.example.com, ads.example.net", ["www.example.com", "ads.example.net"]),
        ("https://tracker.example.org/path", ["tracker.example.org"]),
        ("Third party", None),
        (None, None),
    ],
    ids=["a leading dot is every subdomain", "a list", "a URL", "words that are no domain", "no domain"],
)
def test_tcf_domains_only_where_the_policy_gives_them(domain: str | None, wanted: list[str] | None) -> None:
    disclosure, notes = _tcf(_cookie("x", domain=domain, category="marketing"))
    record = disclosure["disclosures"][0]
    assert record.get("domains") == wanted
    assert "*" not in (record.get("domains") or [])
    assert [d["domain"] for d in disclosure["domains"]] == sorted(wanted or [])
    assert all(d["purposes"] == [1, 2, 3, 4, 7] for d in disclosure["domains"])
    assert any("domains left out" in n for n in notes) == (wanted is None)


def test_tcf_top_level_domains_list_each_domain_once_with_the_purposes_of_its_cookies() -> None:
    disclosure, _ = _tcf(
        _cookie("a", domain="shop.example", category="necessary"),
        _cookie("b", domain="shop.example", category="analytics"),
        _cookie("c", category="marketing"),
    )
    assert disclosure["domains"] == [{"domain": "shop.example", "purposes": [1, 8, 9, 10]}]


@pytest.mark.parametrize(
    ("kind", "wanted"),
    [("HTTP", "cookie"), (None, "cookie"), ("HTML Local Storage", "web"), ("IndexedDB", "web"), ("Pixel", None)],
    ids=["http", "no type", "local storage is web", "indexeddb is web", "a pixel stores nothing"],
)
def test_tcf_type_from_the_policy_s_type_column(kind: str | None, wanted: str | None) -> None:
    disclosure, _ = _tcf(_cookie("x", type=kind, duration_seconds=60, duration_kind="persistent"))
    types = [d["type"] for d in disclosure["disclosures"]]
    assert types == ([wanted] if wanted else [])
    if wanted == "web":
        assert disclosure["disclosures"][0]["maxAgeSeconds"] is None


def test_tcf_an_inventory_without_cookies_is_two_empty_arrays() -> None:
    disclosure, _ = _tcf()
    assert disclosure == {"disclosures": [], "domains": []}
    jsonschema.validate(disclosure, TCF_SCHEMA)


def test_onetrust_csv_lists_every_cookie() -> None:
    result = _result(SAMPLES / "cookies-ruled-en.pdf")
    rows = list(csv.DictReader(io.StringIO(result.export("csv-onetrust"))))
    assert list(rows[0]) == ["Cookie Subgroup", "Cookies", "Cookies used", "Lifespan"]
    assert {r["Cookies"] for r in rows} == {c.name for c in result.cookies}
    assert next(r for r in rows if r["Cookies"] == "_gid")["Cookies used"] == "Third Party"


def test_export_command_reads_convert_output(converted: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(converted), "--to", "tcf-disclosure", "-o", str(tmp_path / "t.json")])
    assert result.exit_code == 0, result.output
    disclosure = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert any(d["identifier"] == "sessionid" for d in disclosure["disclosures"])
    bad = runner.invoke(app, ["export", str(converted), "--to", "gtm", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "gtm" in bad.stderr


def test_every_json_carries_the_schema_version() -> None:
    data = extract(SAMPLES / "opendatasoft-cookie-policy.txt").to_dict()
    assert re.fullmatch(r"1\.\d+\.\d+", data["schema_version"])


def test_cookieconsent_puts_texts_under_the_language_they_are_in() -> None:
    result = _result(SAMPLES / "shop-cookies-de.w3m.txt")
    assert result.language == "de"
    config = result.export("cookieconsent")
    assert config["language"]["default"] == "de" and list(config["language"]["translations"]) == ["de"]
    german = config["language"]["translations"]["de"]
    assert german["consentModal"]["acceptAllBtn"] == "Alle akzeptieren"
    described = [
        row["description"] for s in german["preferencesModal"]["sections"][1:] for row in s["cookieTable"]["body"]
    ]
    assert {c.purpose or c.function or "" for c in result.cookies} == set(described)


def test_cookieconsent_of_documents_in_two_languages_has_a_translation_for_each() -> None:
    german = _result(SAMPLES / "shop-cookies-de.w3m.txt")
    english = _result(SAMPLES / "opendatasoft-cookie-policy.txt")
    documents = [DocumentCookies(r.source, r.status, None, r.language, r.cookies) for r in (german, english)]
    config = export_documents(documents, "cookieconsent").content
    translations = config["language"]["translations"]
    assert set(translations) == {"de", "en"}
    for language, result in (("de", german), ("en", english)):
        names = {
            row["name"]
            for s in translations[language]["preferencesModal"]["sections"][1:]
            for row in s["cookieTable"]["body"]
        }
        assert names == {c.name for c in result.cookies}


def test_cookieconsent_in_a_language_without_banner_words_says_so() -> None:
    cookies = [_cookie("_ga", purpose="Används för att skilja mellan användare")]
    exported = export_documents([DocumentCookies("sv.txt", "ok", None, "sv", tuple(cookies))], "cookieconsent")
    assert list(exported.content["language"]["translations"]) == ["sv"]
    assert any("no banner words in 'sv'" in n for n in exported.notes)


def test_klaro_invents_no_privacy_policy_url_and_no_provider() -> None:
    config = to_klaro([_cookie("sessionid", category="necessary")], ["en"]).content
    assert "privacyPolicyUrl" not in json.dumps(config)
    assert [(s["name"], s["title"]) for s in config["services"]] == [("necessary", "Strictly necessary")]


def test_onetrust_leaves_an_unknown_provider_empty() -> None:
    rows = list(csv.DictReader(io.StringIO(to_onetrust_csv([_cookie("x")], ["en"]).content)))
    assert rows[0]["Cookie Subgroup"] == ""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("converted") / "out"
    assert CliRunner().invoke(app, ["convert", str(SAMPLES), "-o", str(out)]).exit_code == 0
    return out


@pytest.mark.parametrize("to", ["klaro", "cookieconsent", "tcf-disclosure", "csv-onetrust"])
@pytest.mark.parametrize(
    "given",
    ["inventory.csv", "inventory.jsonl", "a document", "its JSON output"],
    ids=["from inventory.csv", "from inventory.jsonl", "from the document itself", "from its JSON"],
)
def test_export_reads_every_kind_of_input_alike(tmp_path: Path, given: str, to: str) -> None:
    """An inventory, a document converted on the fly and its JSON give the same export as the folder they
    come from (one document here, so that the inventory holds the same cookies)."""
    document = SAMPLES / "cookies-ruled-en.pdf"
    single = tmp_path / "single"
    assert CliRunner().invoke(app, ["convert", str(document), "-o", str(single)]).exit_code == 0
    paths = {
        "inventory.csv": single / "inventory.csv",
        "inventory.jsonl": single / "inventory.jsonl",
        "a document": document,
        "its JSON output": single / "cookies-ruled-en.pdf.json",
    }
    runner = CliRunner()
    wanted = runner.invoke(app, ["export", str(single), "--to", to, "-o", "-"])
    got = runner.invoke(app, ["export", str(paths[given]), "--to", to, "-o", "-"])
    assert wanted.exit_code == 0 and got.exit_code == 0, got.stderr
    assert got.stdout == wanted.stdout and got.stdout


def test_export_to_stdout_writes_only_the_export_there(converted: Path) -> None:
    done = CliRunner().invoke(app, ["export", str(converted), "--to", "tcf-disclosure", "-o", "-"])
    assert done.exit_code == 0
    assert json.loads(done.stdout)["disclosures"]
    assert "tcf-disclosure -> stdout" in done.stderr and "cookieRefresh left out" in done.stderr


def test_exporting_a_failed_document_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 cut short")
    target = tmp_path / "klaro.json"
    for given in (broken, tmp_path / "out"):
        if given.name == "out":
            CliRunner().invoke(app, ["convert", str(broken), "-o", str(given)])
        done = CliRunner().invoke(app, ["export", str(given), "--to", "klaro", "-o", str(target)])
        assert done.exit_code == 1, done.output
        assert len(done.stderr.strip().splitlines()) == 1 and "failed to convert" in done.stderr
        assert not target.exists()


def test_export_to_a_folder_is_a_one_line_error(converted: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["export", str(converted), "--to", "klaro", "-o", str(tmp_path)])
    assert done.exit_code == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {tmp_path}: is a folder; expected the path of the file to write (or - for stdout)"
    ]
