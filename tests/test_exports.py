"""Exports fed to the real consumers: Klaro! and cookieconsent v3 loaded in a DOM (jsdom, node), the TCF
disclosure validated against the IAB schema, the OneTrust-style CSV read back."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from extractor import extract
from extractor.cli import app
from extractor.model import Cookie, Result
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


@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name if p.parent == SAMPLES else p.parent.name)
def test_tcf_disclosure_validates_against_the_iab_schema(document: Path) -> None:
    result = _result(document)
    disclosure = result.export("tcf-disclosure")
    schema = json.loads((ROOT / "tests" / "schemas" / "tcf-device-storage-disclosure.schema.json").read_text())
    jsonschema.validate(disclosure, schema)
    by_identifier = {d["identifier"]: d for d in disclosure["disclosures"]}
    first: dict[tuple[str, str], object] = {}
    for cookie in result.cookies:
        identifier = cookie.name_regex if cookie.name_is_pattern and cookie.name_regex else cookie.name
        entry = by_identifier[identifier]
        if first.setdefault((identifier, cookie.category), cookie) is not cookie:
            continue  # a cookie listed twice is disclosed once, as first listed
        if cookie.duration_kind == "session":
            assert entry["maxAgeSeconds"] == 0
        elif cookie.duration_seconds is not None:
            assert entry["maxAgeSeconds"] == cookie.duration_seconds
        assert 1 in entry["purposes"]


def test_onetrust_csv_lists_every_cookie() -> None:
    result = _result(SAMPLES / "cookies-ruled-en.pdf")
    rows = list(csv.DictReader(io.StringIO(result.export("csv-onetrust"))))
    assert list(rows[0]) == ["Cookie Subgroup", "Cookies", "Cookies used", "Lifespan"]
    assert {r["Cookies"] for r in rows} == {c.name for c in result.cookies}
    assert next(r for r in rows if r["Cookies"] == "_gid")["Cookies used"] == "Third Party"


def test_export_command_reads_convert_output(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["convert", str(SAMPLES), "-o", str(tmp_path / "out")]).exit_code == 0
    result = runner.invoke(
        app, ["export", str(tmp_path / "out"), "--to", "tcf-disclosure", "-o", str(tmp_path / "t.json")]
    )
    assert result.exit_code == 0, result.output
    disclosure = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert any(d["identifier"] == "sessionid" for d in disclosure["disclosures"])
    bad = runner.invoke(app, ["export", str(tmp_path / "out"), "--to", "gtm", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "gtm" in bad.stderr


def test_every_json_carries_the_schema_version() -> None:
    data = extract(SAMPLES / "opendatasoft-cookie-policy.txt").to_dict()
    assert re.fullmatch(r"1\.\d+\.\d+", data["schema_version"])
