"""Ctrl-C and SIGTERM: a batch stops its workers at once, writes the report and inventory of what finished,
exits 130, and ``--resume`` converts the rest; ``show``, ``debug`` and ``extract_many`` stop without a traceback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import psutil
import pytest
from typer.testing import CliRunner

import extractor.pipeline
from extractor.batch import convert
from extractor.cli import app
from extractor.writers.json import SCHEMA_PATH
from tests.conftest import ROOT, SAMPLES

SEED = SAMPLES / "opendatasoft-cookie-policy.txt"
# Generous bounds that prove "stops promptly" without timing anything: the run itself takes ~10 s.
STOP_WITHIN = 5.0
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
REPORT_SCHEMA = SCHEMA_PATH.with_name("report.schema.json")


def _copies(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for k in range(count):
        shutil.copy(SEED, folder / f"seed-{k:03d}.txt")
    return folder


def _finished_marks(out: Path) -> set[str]:
    done = out / ".extractor" / "done"
    return {p.name.removesuffix(".json") for p in done.glob("*.json")} if done.exists() else set()


@pytest.mark.parametrize(
    ("stop", "whole_group"),
    [(signal.SIGINT, False), (signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["sigint", "ctrl-c-on-a-terminal", "sigterm"],
)
def test_a_stopped_batch_of_400_reports_what_finished_and_resume_converts_only_the_rest(
    tmp_path: Path, stop: signal.Signals, whole_group: bool
) -> None:
    """``whole_group``: the signal goes to the workers too, as a terminal's Ctrl-C does."""
    inputs = _copies(tmp_path / "in", 400)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", str(out), "-j", "2"]
    batch = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_finished_marks(out)) < 10 and time.monotonic() < deadline and batch.poll() is None:
        time.sleep(0.02)
    workers = psutil.Process(batch.pid).children(recursive=True)
    sent = time.monotonic()
    if whole_group:
        os.killpg(batch.pid, stop)
    else:
        batch.send_signal(stop)
    _, stderr = batch.communicate(timeout=60)
    assert time.monotonic() - sent < STOP_WITHIN
    assert batch.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1].startswith("interrupted: ") and "--resume" in stderr
    _, alive = psutil.wait_procs(workers, timeout=2)
    assert not alive, "worker processes outlived the batch"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    finished = {d["output"] for d in report["documents"]}
    assert report["interrupted"] is True and 10 <= len(finished) < 400
    assert finished == _finished_marks(out)
    assert report["unfinished"] == 400 - len(finished) == 400 - report["files"]
    inventory = (out / "inventory.csv").read_text(encoding="utf-8").splitlines()
    assert len(inventory) == 1 + 4 * len(finished)  # the seed has four cookies
    seen: list[str] = []
    plans = []
    convert([inputs], out, jobs=2, resume=True, on_result=lambda o, d, t: seen.append(o.name), on_plan=plans.append)
    assert len(seen) == report["unfinished"] and not set(seen) & finished
    assert plans[0].skipped == len(finished)
    after = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert after["interrupted"] is False and after["unfinished"] == 0 and after["files"] == 400
    assert after["resumed"] == len(finished)


def _interrupt(*args: object, **kwargs: object) -> object:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "command",
    [["show", str(SEED)], ["debug", str(SAMPLES / "cookies-borderless-fr.pdf")]],
    ids=["show", "debug"],
)
def test_ctrl_c_in_show_or_debug_is_one_line_and_exit_130(
    command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(extractor.pipeline, "extract", _interrupt)
    result = CliRunner().invoke(app, [*command, *(["-o", str(tmp_path / "p.png")] if command[0] == "debug" else [])])
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"


def test_ctrl_c_in_extract_many_stops_its_workers_at_once(tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", 400)
    started = tmp_path / "started"
    # Each document takes a while longer (the workers are forked: they see the slower extract), so that the
    # run is surely under way, and far from its end, when Ctrl-C comes.
    script = (
        "import sys, time\n"
        "import extractor.batch\n"
        "real = extractor.batch.extract\n"
        "def slow(*args, **kwargs):\n"
        f"    open({str(started)!r}, 'a').close()\n"
        "    time.sleep(0.1)\n"
        "    return real(*args, **kwargs)\n"
        "extractor.batch.extract = slow\n"
        "try:\n"
        f"    extractor.batch.extract_many({str(inputs)!r}, jobs=2)\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped', file=sys.stderr)\n"
        "    sys.exit(130)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)  # the workers are converting
    workers = psutil.Process(run.pid).children(recursive=True)
    assert len(workers) >= 2
    sent = time.monotonic()
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert time.monotonic() - sent < STOP_WITHIN
    assert run.returncode == 130 and stderr.strip() == "stopped", stderr
    _, alive = psutil.wait_procs(workers, timeout=2)
    assert not alive
