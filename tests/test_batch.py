"""Batch conversion: parallel workers, isolation of hanging and crashing documents, resume, inventories, Dask."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas
import pytest

import extractor.batch
from extractor.batch import convert, extract_many
from tests.conftest import SAMPLES

SEED = SAMPLES / "opendatasoft-cookie-policy.txt"
PDF = SAMPLES / "cookies-borderless-fr.pdf"


def _inputs(folder: Path, copies: int = 6) -> Path:
    inputs = folder / "in"
    (inputs / "pdf").mkdir(parents=True)
    for k in range(copies):
        shutil.copy(SEED, inputs / f"seed-{k}.txt")
        shutil.copy(PDF, inputs / "pdf" / f"policy-{k}.pdf")
    return inputs


def test_parallel_output_is_byte_identical_to_serial(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    serial = convert([inputs], tmp_path / "one", ["json", "csv", "parquet"], jobs=1)
    parallel = convert([inputs], tmp_path / "two", ["json", "csv", "parquet"], jobs=2)
    assert [o.name for o in serial] == [o.name for o in parallel]
    for name in ("inventory.csv", "inventory.jsonl", "pdf/policy-3.pdf.json", "seed-2.txt.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    frame = pandas.read_parquet(tmp_path / "two" / "inventory.parquet")
    assert len(frame) == sum(o.cookies for o in parallel) == 6 * 4 + 6 * 5
    lines = (tmp_path / "two" / "inventory.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["source"].endswith("pdf/policy-0.pdf")


def _hang_or_crash(path: object, settings: object) -> object:
    name = Path(str(path)).name
    if name == "seed-1.txt":
        time.sleep(30)
    if name == "seed-2.txt":
        os._exit(3)
    return ORIGINAL_EXTRACT(path, settings)


ORIGINAL_EXTRACT = extractor.batch.extract


def test_a_hanging_or_crashing_document_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path, copies=4)
    monkeypatch.setattr(extractor.batch, "extract", _hang_or_crash)
    outcomes = {o.name: o for o in convert([inputs], tmp_path / "out", jobs=2, timeout=3)}
    assert outcomes["seed-1.txt"].status == "failed" and "timed out after 3 s" in (outcomes["seed-1.txt"].error or "")
    assert outcomes["seed-2.txt"].status == "failed" and "worker crashed" in (outcomes["seed-2.txt"].error or "")
    assert all(o.status == "ok" for name, o in outcomes.items() if name not in ("seed-1.txt", "seed-2.txt"))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failed = {d["output"]: d["error"] for d in report["documents"] if d["status"] == "failed"}
    assert set(failed) == {"seed-1.txt", "seed-2.txt"}
    failed_json = json.loads((tmp_path / "out" / "seed-1.txt.json").read_text(encoding="utf-8"))
    assert failed_json["status"] == "failed"


def test_resume_converts_only_what_is_missing_or_changed(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, copies=3)
    out = tmp_path / "out"
    convert([inputs], out, jobs=2)
    (out / ".extractor" / "done" / "seed-0.txt.json").unlink()  # as if the run had been killed before it
    stale = [out / ".seed-0.txt.json.k1ll3d00.tmp", out / ".inventory.csv.999999.tmp"]  # ... while writing
    for path in stale:
        path.write_text("{", encoding="utf-8")
    (inputs / "seed-1.txt").write_text(SEED.read_text(encoding="utf-8") + "\nchanged\n", encoding="utf-8")
    seen: list[str] = []
    outcomes = convert([inputs], out, jobs=2, resume=True, on_result=lambda o, done, total: seen.append(o.name))
    assert sorted(seen) == ["seed-0.txt", "seed-1.txt"]
    assert not any(path.exists() for path in stale)
    assert len(outcomes) == 6
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["resumed"] == 4 and report["files"] == 6


def test_a_run_killed_half_way_resumes_and_leaves_no_partial_output(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, copies=30)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", str(out), "-j", "1"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    done = out / ".extractor" / "done"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(done.rglob("*.json")) if done.exists() else []) < 10:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_before = len(list(done.rglob("*.json")))
    assert 10 <= finished_before < 60, "the run was not killed half way"
    for document in out.rglob("*.json"):
        json.loads(document.read_text(encoding="utf-8"))  # every file there is whole
    seen: list[str] = []
    convert([inputs], out, jobs=2, resume=True, on_result=lambda o, d, t: seen.append(o.name))
    assert len(seen) == 60 - finished_before
    assert not list(out.rglob("*.tmp"))
    assert len(list(done.rglob("*.json"))) == 60


def test_cli_jobs_resume_timeout_and_summary(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    inputs = _inputs(tmp_path, copies=2)
    runner = CliRunner()
    first = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "-j", "2", "--timeout", "60"])
    assert first.exit_code == 0, first.output
    assert "4 file(s)" in first.stderr and "[4/4]" in first.stderr
    assert "0 failed" in first.stderr
    again = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out"), "--resume"])
    assert again.exit_code == 0
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["resumed"] == 4
    bad = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "x"), "--engine", "spark"])
    assert bad.exit_code == 2


def test_extract_many_in_worker_processes_matches_one_process(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, copies=2)
    one = extract_many(str(inputs), jobs=1)
    two = extract_many(str(inputs / "**" / "*.*"), jobs=2)
    assert one["name"].tolist() == two.sort_values(["source", "table", "row"], kind="stable")["name"].tolist()


def test_dask_local_cluster_with_two_worker_processes(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path, copies=2)
    frame = extract_many([inputs], jobs=2, engine="dask")
    assert len(frame) == 2 * 4 + 2 * 5
    outcomes = convert([inputs], tmp_path / "out", jobs=2, engine="dask")
    assert [o.status for o in outcomes] == ["ok"] * 4
    local = convert([inputs], tmp_path / "local", jobs=1)
    assert [o.name for o in local] == [o.name for o in outcomes]
    assert (tmp_path / "out" / "inventory.csv").read_bytes() == (tmp_path / "local" / "inventory.csv").read_bytes()


def test_extract_many_dtypes_match_the_readme() -> None:
    frame = extract_many(str(SAMPLES), jobs=1)
    assert len(frame) > 40
    assert str(frame["category"].dtype) == "category"
    assert list(frame["category"].cat.categories) == [
        "necessary",
        "functional",
        "analytics",
        "marketing",
        "unclassified",
    ]
    assert str(frame["party"].dtype) == "category" and str(frame["duration_kind"].dtype) == "category"
    assert str(frame["duration_seconds"].dtype) == "Int64" and str(frame["page"].dtype) == "Int64"
    assert str(frame["name"].dtype) == "string" and str(frame["source"].dtype) == "string"
    assert str(frame["confidence"].dtype) == "float64"
