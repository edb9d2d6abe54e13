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

import jsonschema
import pandas
import pytest

import extractor.batch
from extractor.batch import convert, extract_many
from extractor.pipeline import extract
from extractor.writers.json import SCHEMA_PATH
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


def test_resume_redoes_a_deleted_or_changed_output_and_new_formats_and_retries_failures(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(3):
        shutil.copy(SEED, inputs / f"seed-{k}.txt")
    (inputs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"

    def resume(formats: list[str]) -> tuple[list[str], extractor.batch.Plan]:
        seen: list[str] = []
        plans: list[extractor.batch.Plan] = []
        on_result = lambda o, d, t: seen.append(o.name)  # noqa: E731
        convert([inputs], out, formats, jobs=2, resume=True, on_result=on_result, on_plan=plans.append)
        return sorted(seen), plans[0]

    convert([inputs], out, ["json", "csv"], jobs=2)
    (out / "seed-0.txt.json").unlink()
    (out / "seed-1.txt.csv").write_text("source,name\n", encoding="utf-8")  # changed since it was written
    seen, plan = resume(["json", "csv"])
    assert seen == ["empty.txt", "seed-0.txt", "seed-1.txt"]  # the failed document is tried again
    assert (plan.skipped, plan.redone) == (1, 3)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["resumed"], report["redone"]) == (1, 3)
    assert json.loads((out / "seed-0.txt.json").read_text(encoding="utf-8"))["status"] == "ok"
    (out / "seed-2.txt.json").unlink()
    assert resume(["json"])[0] == ["empty.txt", "seed-2.txt"]  # `-f json,csv` then `-f json` after a deletion
    assert resume(["json"])[0] == ["empty.txt"]
    assert resume(["json", "csv"])[0] == ["empty.txt", "seed-2.txt"]  # its CSV was not written by `-f json`


def test_cli_resume_says_what_it_skipped_and_redid(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    inputs = _inputs(tmp_path, copies=2)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["convert", str(inputs), "-o", str(out), "-j", "2"]).exit_code == 0
    (out / "seed-1.txt.json").unlink()
    again = runner.invoke(app, ["convert", str(inputs), "-o", str(out), "-j", "2", "--resume"])
    assert again.exit_code == 0, again.output
    assert "resume: 3 skipped (finished before, outputs whole), 1 redone" in again.stderr


def test_fifos_devices_and_sockets_are_refused_unread_in_one_line_each(tmp_path: Path) -> None:
    from tests import hostile_batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "good.txt")
    kinds = hostile_batch.special_files(inputs)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", str(out), "-j", "2"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for extra in ([], ["--resume"]):  # --resume looks at every input's content too
        run = subprocess.run([*command, *extra], capture_output=True, text=True, timeout=60, env=env)
        assert run.returncode == 1, run.stderr
        errors = sorted(line for line in run.stderr.splitlines() if line.startswith("error:"))
        assert errors == sorted(f"error: {inputs / name}: not a regular file ({kind})" for name, kind in kinds.items())
        assert (out / "good.txt.json").exists()
        assert not any((out / f"{name}.json").exists() for name in kinds)
    frame = pytest.warns(UserWarning, match="fifo.txt: not a regular file")
    with frame:
        extracted = extract_many(inputs, jobs=2)
    assert set(extracted["source"]) == {str(inputs / "good.txt")}


def test_names_not_utf8_or_with_newlines_and_escapes_are_shown_escaped(tmp_path: Path) -> None:
    from tests import hostile_batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    shown = hostile_batch.odd_names(inputs)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", str(out), "-j", "2", "-v"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = subprocess.run(command, capture_output=True, timeout=120, env=env)
    stderr = run.stderr.decode("utf-8")  # valid UTF-8 whatever the names
    assert run.returncode == 1, stderr
    assert "\x1b" not in stderr and "Traceback" not in stderr
    errors = sorted(line for line in stderr.splitlines() if line.startswith("error:"))
    shown_errors = [f"error: {inputs}/{shown[name]}: empty file" for name in ("new\nline.txt", "\x1b[31mred.txt")]
    assert errors == sorted(shown_errors)
    report = json.loads((out / "report.json").read_bytes().decode("utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA_PATH.with_name("report.schema.json").read_text(encoding="utf-8")))
    documents = {d["output"]: d for d in report["documents"]}
    assert set(documents) == set(shown.values())
    assert documents["bad\\xff.txt"]["status"] == "ok" and documents["bad\\xff.txt"]["cookies"] == 4
    assert documents["bad\\xff.txt"]["source"] == f"{inputs}/bad\\xff.txt"
    written = json.loads((out / os.fsdecode(b"bad\xff.txt.json")).read_bytes().decode("utf-8"))
    assert written["source"] == f"{inputs}/bad\\xff.txt"
    assert extract(inputs / "new\nline.txt").error == f"{inputs}/new\\nline.txt: empty file"  # the API's too
    with pytest.warns(UserWarning, match=r"new\\nline.txt: empty file"):
        frame = extract_many(inputs, jobs=1)
    assert set(frame["source"]) == {f"{inputs}/bad\\xff.txt"}


def test_inputs_whose_outputs_would_replace_the_batch_outputs_are_refused(tmp_path: Path) -> None:
    from tests import hostile_batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    refused = hostile_batch.colliding_names(inputs)
    out = tmp_path / "out"
    for resume in (False, True):
        outcomes = {o.name: o for o in convert([inputs], out, jobs=2, resume=resume)}
        assert sorted(name for name, o in outcomes.items() if o.status == "failed") == refused
        assert "would replace the batch's report.json" in (outcomes["report"].error or "")
        assert outcomes["a.txt"].status == outcomes["inventory.csv.txt"].status == "ok"
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert report["files"] == 6 and (out / "report.json").is_file()
        inventory = (out / "inventory.csv").read_text(encoding="utf-8").splitlines()
        assert inventory[0].startswith("source,name") and len(inventory) == 1 + 2 * 4
        assert not (out / "report.csv").exists() and not (out / "inventory.json").exists()


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "out").mkdir()
    shutil.copy(SEED, inputs / "out" / "stray.txt")  # a text file in the output folder is no input either
    for _ in range(2):
        assert [o.name for o in convert([inputs], inputs / "out", jobs=1)] == ["seed.txt"]


def test_outputs_respect_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        convert([SEED], tmp_path / "a", ["json", "csv", "parquet"], jobs=1)
        os.umask(0o027)
        convert([SEED], tmp_path / "b", jobs=1)
    finally:
        os.umask(previous)
    for name in (f"{SEED.name}.json", f"{SEED.name}.csv", "report.json", "inventory.csv", "inventory.parquet"):
        assert oct((tmp_path / "a" / name).stat().st_mode & 0o777) == oct(0o644), name
    assert oct((tmp_path / "b" / "report.json").stat().st_mode & 0o777) == oct(0o640)


def test_extract_many_reports_its_failures(tmp_path: Path) -> None:
    from extractor.errors import ConfigError, InputError

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    for jobs in (1, 2):
        with pytest.warns(UserWarning, match=r"1 file\(s\) failed and add no rows: .*empty.txt: empty file"):
            frame = extract_many(inputs, jobs=jobs)
        assert len(frame) == 4
        assert frame.attrs["failures"] == [
            {"source": str(inputs / "empty.txt"), "status": "failed", "error": f"{inputs / 'empty.txt'}: empty file"}
        ]
    failures = pandas.DataFrame(frame.attrs["failures"])
    assert list(failures.columns) == ["source", "status", "error"]
    assert len(pandas.concat([frame, frame])) == 8  # frames of several calls still concatenate
    with pytest.raises(InputError) as raised:
        extract_many(inputs, jobs=2, errors="raise")
    assert (raised.value.source, raised.value.problem) == (str(inputs / "empty.txt"), "empty file")
    with pytest.raises(ConfigError, match=r"nothing-\*\.pdf: no file matches"):
        extract_many(str(tmp_path / "nothing-*.pdf"))
    (tmp_path / "void").mkdir()
    with pytest.raises(ConfigError, match="void: no input file found"):
        extract_many(tmp_path / "void")
