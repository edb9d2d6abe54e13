"""The README's generated sections are what the code writes (scripts/readme.py, `make readme`), and its first
example prints what the README shows; warning codes are one closed set, used and documented."""

from __future__ import annotations

import ast
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.model import WARNING_CODES, ExtractionWarning
from extractor.writers.csv import CSV_COLUMNS
from scripts import readme
from tests.conftest import ROOT

README = ROOT / "README.md"


def test_the_generated_sections_are_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert readme.stale_sections(text, readme.rendered(text)) == [], "run `make readme`"


def test_a_stale_section_is_found() -> None:
    text = README.read_text(encoding="utf-8")
    stale = text.replace("| `no-table` |", "| `no-tables` |", 1)
    assert stale != text
    assert readme.stale_sections(stale, readme.rendered(stale)) == ["warning-codes"]


def test_the_check_mode_fails_on_a_stale_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "README.md"
    copy.write_text(README.read_text(encoding="utf-8").replace("(now ", "(then ", 1), encoding="utf-8")
    monkeypatch.setattr(readme, "README", copy)
    assert readme.main(["--check"]) == 1
    assert readme.main([]) == 0 and readme.main(["--check"]) == 0


def _first_console_example() -> list[tuple[str, list[str]]]:
    """The README's first console block: each ``$`` command and the lines it printed."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```console\n(.*?)```", text, re.DOTALL)
    assert block is not None
    steps: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_example_prints_what_the_readme_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    steps = _first_console_example()
    assert [shlex.split(command)[0] for command, _ in steps] == [".venv/bin/extractor", "head"]
    for command, shown in steps:
        words = shlex.split(command)
        if words[0] == "head":
            count = int(words[1].lstrip("-"))
            printed = Path(words[2]).read_text(encoding="utf-8").splitlines()[:count]
        else:
            result = CliRunner().invoke(app, words[1:])
            assert result.exit_code == 0, result.output
            printed = [line for line in result.stderr.splitlines() if not readme.PROGRESS.match(line)]
        timing = [readme.untimed(line) for line in printed]
        assert timing == [readme.untimed(line) for line in shown], command
    assert steps[1][1][0].split(",") == list(CSV_COLUMNS)


def _codes_in_the_code() -> set[str]:
    """Every warning code the package writes: the first argument of each ``ExtractionWarning(...)`` call."""
    codes = set()
    for path in (ROOT / "extractor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ExtractionWarning":
                first = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "code")
                assert isinstance(first, ast.Constant), f"{path}: a warning code that is not a literal"
                codes.add(first.value)
    return codes


def test_warning_codes_are_one_closed_set_every_code_used() -> None:
    assert _codes_in_the_code() == set(WARNING_CODES)


def test_an_unknown_warning_code_is_refused() -> None:
    with pytest.raises(ValueError, match="no-such-code"):
        ExtractionWarning("no-such-code", "x")  # type: ignore[arg-type]


def test_the_schema_names_every_warning_code() -> None:
    schema = json.loads((ROOT / "extractor" / "writers" / "schema.json").read_text(encoding="utf-8"))
    described = schema["properties"]["warnings"]["items"]["properties"]["code"]["description"]
    assert set(described.split(", ")) == set(WARNING_CODES)
