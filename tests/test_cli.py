"""The command line through typer's CliRunner: outputs, exit codes, error messages, help."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from tests.conftest import SAMPLES

SEED = SAMPLES / "opendatasoft-cookie-policy.txt"
runner = CliRunner()


def test_convert_seed_writes_json_csv_inventory_and_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "opendatasoft-cookie-policy.txt.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in data["cookies"]] == [
        "sessionid",
        "django_language",
        "csrftoken",
        "cookies_preferences",
    ]
    assert (tmp_path / "opendatasoft-cookie-policy.txt.csv").exists()
    inventory = (tmp_path / "inventory.csv").read_text(encoding="utf-8").splitlines()
    assert inventory[0].startswith("source,name,provider")
    assert len(inventory) == 5
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"ok": 1, "partial": 0, "failed": 0}


def test_convert_is_byte_identical_on_a_second_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert runner.invoke(app, ["convert", str(SEED), "-o", str(out)]).exit_code == 0
    for name in (
        "opendatasoft-cookie-policy.txt.json",
        "opendatasoft-cookie-policy.txt.csv",
        "inventory.csv",
    ):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_folder_inputs_keep_their_relative_path(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "a").mkdir(parents=True)
    shutil.copy(SEED, inputs / "a" / "b.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert (out / "a" / "b.txt.json").exists()
    assert not (out / "a" / "b.txt.csv").exists()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        (
            "shiftjis.txt",
            "クッキーの名前と目的、有効期限。".encode("shift_jis") * 20,
            "unknown text encoding",
        ),
    ],
    ids=["empty", "binary", "unknown-encoding"],
)
def test_bad_file_fails_alone_with_a_one_line_error(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "good.txt")
    (inputs / name).write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert name in errors[0] and problem in errors[0]
    assert (out / "good.txt.json").exists()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    failed = [d for d in report["documents"] if d["status"] == "failed"]
    assert [d["output"] for d in failed] == [name]
    assert problem in failed[0]["error"]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path), "-f", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_show_prints_tables_and_warnings() -> None:
    result = runner.invoke(app, ["show", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "django_language" in result.stdout
    assert "noise" in result.stdout


def test_show_explain_prints_the_evidence_for_each_column_and_the_reading() -> None:
    result = runner.invoke(app, ["show", "--explain", str(SEED)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "why table 0: read as" in result.stdout
    assert "'Cookie name(s)': name" in result.stdout and "runner-up" in result.stdout
    assert "header_names_role" in result.stdout  # the named features behind the choice


def test_show_of_a_bad_file_names_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["show", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr


@pytest.mark.parametrize("command", [[], ["convert"], ["show"]], ids=["app", "convert", "show"])
def test_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
