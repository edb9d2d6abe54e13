"""The command line through typer's CliRunner: outputs, exit codes, error messages, help."""

from __future__ import annotations

import errno
import json
import os
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
    _one_error_line(result, f"{tmp_path}: is a folder; expected a file name")


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
