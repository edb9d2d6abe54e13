"""The command line through typer's CliRunner: outputs, exit codes, error messages, help."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import Result
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


def _one_error_line(result: Result, expected: str) -> None:
    """Exit 1, no traceback, and the last error line says ``expected``."""
    assert result.exit_code == 1, result.stderr
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and expected in errors[-1], result.stderr


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file", encoding="utf-8")
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(blocker)])
    _one_error_line(result, f"{blocker}: not a folder (a file is in the way)")
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(blocker / "below")])
    _one_error_line(result, f"{blocker / 'below'}: cannot create the output folder")


def test_a_read_only_output_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() == 0:  # root writes through file modes: make the system say what a read-only folder says
        real_access, real_mkdir = os.access, Path.mkdir

        def access(path: object, mode: int, **kwargs: object) -> bool:
            writes = bool(mode & os.W_OK) and Path(str(path)).is_relative_to(locked)
            return not writes and real_access(path, mode)  # type: ignore[arg-type]

        def mkdir(self: Path, *args: object, **kwargs: object) -> None:
            if self.is_relative_to(locked) and self != locked:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(Path, "mkdir", mkdir)
    else:
        locked.chmod(0o555)
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(locked)])
    _one_error_line(result, f"{locked}: output folder not writable")
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(locked / "below")])
    _one_error_line(result, f"{locked / 'below'}: cannot create the output folder (Permission denied)")
    locked.chmod(0o755)


def test_a_full_disk_is_one_line_per_document_and_for_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.writers.json

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # the workers are forked from this process, and so see the full disk too
    monkeypatch.setattr(extractor.writers.json, "tempfile", SimpleNamespace(mkstemp=no_space))
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(3):
        shutil.copy(SEED, inputs / f"seed-{k}.txt")
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "-j", "2"])
    _one_error_line(result, f"{tmp_path / 'out' / 'report.json'}: cannot write (No space left on device)")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and all("No space left on device" in line for line in errors)


def test_an_inventory_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "inventory.csv").mkdir(parents=True)  # a folder where the inventory goes
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(out)])
    _one_error_line(result, f"{out}: cannot write the inventory (Is a directory)")


def test_debug_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "page.png"
    result = runner.invoke(app, ["debug", str(SAMPLES / "cookies-borderless-fr.pdf"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0


def test_export_into_a_folder_is_one_line(tmp_path: Path) -> None:
    assert runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path / "out"), "-f", "json"]).exit_code == 0
    document = tmp_path / "out" / f"{SEED.name}.json"
    result = runner.invoke(app, ["export", str(document), "--to", "klaro", "-o", str(tmp_path)])
    _one_error_line(result, f"{tmp_path}: is a folder; expected the path of the file to write")


def test_an_unreachable_scheduler_is_one_line_and_quick(tmp_path: Path) -> None:
    import time

    started = time.monotonic()
    command = ["convert", str(SEED), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler"]
    result = runner.invoke(app, [*command, "tcp://127.0.0.1:9"])
    _one_error_line(result, "scheduler tcp://127.0.0.1:9: cannot connect within 5 s")
    assert time.monotonic() - started < 30


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: scheduler: only used by the dask engine (--engine dask), got engine local"
    ]


def test_the_dask_engine_is_quiet_unless_verbose(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "extractor.cli", "convert", str(SEED), "-o", str(tmp_path), "--engine", "dask"]
    env = {**os.environ, "PYTHONPATH": str(SAMPLES.parent)}
    run = subprocess.run([*command, "-j", "1"], capture_output=True, text=True, timeout=180, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0].startswith("[1/1]") and len(run.stderr.splitlines()) <= 4, run.stderr


# --- pipes, standard flags, settings file, help (issue 20) -------------------------------------------------------

PAGED_PDF = SAMPLES / "cookies-paged-de.pdf"
# A policy without any cookie table: its status is ``partial`` (warning ``no-table``).
PROSE = "Our cookie policy\n\nWe use a few cookies to run this site. Ask us about them.\n"


def _batch(folder: Path, *, prose: bool = False, empty: bool = False) -> Path:
    inputs = folder / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "a-seed.txt")
    shutil.copy(PAGED_PDF, inputs / "b-paged.pdf")
    if prose:
        (inputs / "c-prose.txt").write_text(PROSE, encoding="utf-8")
    if empty:
        (inputs / "d-empty.txt").write_bytes(b"")
    return inputs


def test_convert_to_stdout_streams_the_inventory_lines_and_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _batch(tmp_path)
    folder = tmp_path / "out"
    assert runner.invoke(app, ["convert", str(inputs), "-o", str(folder)]).exit_code == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["convert", str(inputs), "-o", "-", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (folder / "inventory.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 4 + 14 and all(next(iter(r)) == "source" for r in records)
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)  # input order
    assert "18 cookie(s)" in result.stderr
    assert list(work.iterdir()) == []  # no file named "-", no output folder


def test_convert_to_stdout_pipes_into_jq(tmp_path: Path) -> None:
    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed (apt-get install jq)")
    inputs = _batch(tmp_path)
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", "-", "-j", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    convert = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert convert.stdout is not None and convert.stderr is not None
    compact = subprocess.run([jq, "-c", "{source, name}"], stdin=convert.stdout, capture_output=True, check=True)
    convert.stdout.close()
    assert convert.wait(timeout=120) == 0
    assert convert.stderr.read() == b""  # --quiet: nothing but errors, and there are none
    names = [json.loads(line)["name"] for line in compact.stdout.decode().splitlines()]
    assert names[:2] == ["sessionid", "django_language"] and len(names) == 18


def test_a_reader_that_stops_early_ends_convert_without_a_traceback(tmp_path: Path) -> None:
    inputs = _batch(tmp_path)
    for k in range(40):  # more lines than a pipe holds: the writer meets the closed pipe
        shutil.copy(PAGED_PDF, inputs / f"c-{k:02}.pdf")
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", "-", "-j", "2"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    convert = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert convert.stdout is not None and convert.stderr is not None
    first = convert.stdout.readline()
    convert.stdout.close()  # as `| head -n 1` does
    assert convert.wait(timeout=120) == 1
    assert json.loads(first)["name"] == "sessionid"
    assert b"Traceback" not in convert.stderr.read()


def test_show_json_prints_what_convert_writes_for_the_document(tmp_path: Path) -> None:
    assert runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path), "-f", "json"]).exit_code == 0
    result = runner.invoke(app, ["show", "--json", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (tmp_path / f"{SEED.name}.json").read_text(encoding="utf-8")


def test_version_prints_the_package_version() -> None:
    from extractor.version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"extractor {__version__}\n"


def test_quiet_says_nothing_but_the_errors(tmp_path: Path) -> None:
    inputs = _batch(tmp_path, empty=True)
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {inputs / 'd-empty.txt'}: empty file"]


def test_verbose_and_quiet_together_are_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path), "-q", "-v"])
    assert result.exit_code == 2 and "--quiet" in result.stderr


@pytest.mark.parametrize(
    ("fail_on", "prose", "empty", "code"),
    [
        ("failed", True, False, 0),
        ("partial", True, False, 1),
        ("partial", False, False, 0),
        ("failed", False, True, 1),
        ("never", True, True, 0),
    ],
    ids=["partial-passes-by-default", "partial-fails-on-partial", "all-ok", "failed-fails", "never"],
)
def test_fail_on_says_which_documents_make_the_batch_fail(
    tmp_path: Path, fail_on: str, prose: bool, empty: bool, code: int
) -> None:
    inputs = _batch(tmp_path, prose=prose, empty=empty)
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "--fail-on", fail_on])
    assert result.exit_code == code, result.output


def test_pages_reads_only_those_pages_of_a_pdf(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(PAGED_PDF), "-o", str(tmp_path), "--pages", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / f"{PAGED_PDF.name}.json").read_text(encoding="utf-8"))
    assert len(data["cookies"]) == 9 and {c["page"] for c in data["cookies"]} == {1}
    shown = runner.invoke(app, ["show", "--json", "--pages", "end", str(PAGED_PDF)])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["cookies"] == []  # page 2 goes on with the table of page 1, without its header


@pytest.mark.parametrize("command", ["convert", "show"])
def test_a_bad_page_selection_is_a_one_line_usage_error(tmp_path: Path, command: str) -> None:
    args = [command, str(PAGED_PDF), "--pages", "3-1"] + (["-o", str(tmp_path)] if command == "convert" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == "error: pages: the range 3-1 runs backwards (in '3-1')\n"


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("extractor.toml", 'fail_on = "partial"\nformats = ["csv"]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.extractor]\nfail_on = "partial"\nformats = "csv"\n'),
    ],
    ids=["extractor-toml", "pyproject-tool-table"],
)
def test_a_settings_file_in_the_current_folder_gives_convert_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, text: str
) -> None:
    inputs = _batch(tmp_path, prose=True)
    (tmp_path / file).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["convert", str(inputs), "-o", "out"])
    assert result.exit_code == 1, result.output  # fail_on = "partial" from the file
    assert (tmp_path / "out" / "a-seed.txt.csv").exists()
    assert runner.invoke(app, ["convert", str(inputs), "-o", "out", "--fail-on", "failed"]).exit_code == 0


def test_a_settings_file_gives_settings_and_the_command_line_wins(tmp_path: Path) -> None:
    config = tmp_path / "limits.toml"
    config.write_text('pages = "9"\nmax_chars_per_page = 100000\n\n[labels]\n"Cookie name(s)" = "name"\n', "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["--config", str(config), "convert", str(PAGED_PDF), "-o", str(out)])
    assert result.exit_code == 1
    assert "pages=9 selects none of the PDF's 2 pages" in result.stderr
    result = runner.invoke(app, ["--config", str(config), "convert", str(PAGED_PDF), "-o", str(out), "--pages", "1"])
    assert result.exit_code == 0, result.output


def test_log_level_info_says_which_settings_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "extractor.toml").write_text("max_pages = 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    quiet = runner.invoke(app, ["show", "--json", str(SEED)])
    said = runner.invoke(app, ["--log-level", "info", "show", "--json", str(SEED)])
    assert quiet.exit_code == said.exit_code == 0
    assert "settings file" not in quiet.stderr
    assert "INFO extractor.cli: settings file: " in said.stderr and "extractor.toml" in said.stderr
    assert runner.invoke(app, ["--log-level", "loud", "show", str(SEED)]).exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_pagez = 10\n", "unknown key 'max_pagez'; expected one of "),
        ('jobs = "four"\n', "jobs: expected a whole number, got 'four'"),
        ("max_pages = 0\n", "max_pages: expected a positive whole number, got 0"),
        ("[labels]\nName = 'nom'\n", "labels: expected label -> one of"),
        ("max_pages = \n", "not valid TOML"),
    ],
    ids=["unknown-key", "wrong-type", "bad-value", "bad-label-role", "not-toml"],
)
def test_a_bad_settings_file_is_a_one_line_usage_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--config", str(config), "convert", str(SEED), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {config}: {message}") and result.stderr.count("\n") == 1


def test_a_settings_file_takes_every_settings_field() -> None:
    from dataclasses import fields

    from extractor.errors import ConfigError
    from extractor.settings import Settings, load_config

    config = Path(__file__).parent / "no-such-setting.toml"
    try:
        config.write_text("no_such_setting = 1\n", encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load_config(config)
    finally:
        config.unlink()
    expected = str(raised.value).split("expected one of ", 1)[1].split(", ")
    assert expected == sorted(f.name for f in fields(Settings))


def test_excel_option_writes_a_byte_order_mark(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-o", str(tmp_path), "--excel"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "inventory.csv").read_bytes().startswith(b"\xef\xbb\xbfsource,name,")
    assert (tmp_path / f"{SEED.name}.csv").read_bytes().startswith(b"\xef\xbb\xbfsource,name,")


# Typer's own hints, which name Python types rather than values: <bool>, <list[Path]>, {inputs}...
TYPE_HINT = re.compile(r"<(?:bool|int|float|str|path|list\[\w+\])>|\{\w+(?:\.\.\.)?\}")


@pytest.mark.parametrize("command", ["convert", "show", "debug", "export"])
def test_help_names_values_plainly(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert TYPE_HINT.search(result.stdout) is None, TYPE_HINT.search(result.stdout)
    usage = result.stdout.splitlines()[0]
    assert usage.endswith(
        {"convert": "[OPTIONS] INPUT...", "export": "[OPTIONS] INVENTORY"}.get(command, "[OPTIONS] FILE")
    )


def test_app_help_lists_the_global_options_and_what_is_read() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert TYPE_HINT.search(result.stdout) is None
    for option in ("--version", "--config FILE", "--log-level LEVEL", "--install-completion", "--show-completion"):
        assert option in result.stdout
    assert "(PDF, text exports, HTML, Word)" in " ".join(result.stdout.split())
    assert "(PDF and text exports)" not in " ".join(result.stdout.split())
    convert_help = runner.invoke(app, ["convert", "--help"]).stdout
    for option in ("-o, --out OUT", "--pages PAGES", "--fail-on failed|partial|never", "-q, --quiet", "--excel"):
        assert option in convert_help
