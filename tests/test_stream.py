"""Streaming a batch's cookies as JSON Lines (``convert -o -``): input order, each document as soon as it can go."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor.batch import Outcome, convert, convert_stream
from extractor.errors import ConfigError
from tests.conftest import SAMPLES

SEED = SAMPLES / "opendatasoft-cookie-policy.txt"
PDF = SAMPLES / "cookies-paged-de.pdf"


def _inputs(folder: Path) -> Path:
    inputs = folder / "in"
    inputs.mkdir()
    for k in range(3):
        shutil.copy(SEED, inputs / f"{k}-seed.txt")
        shutil.copy(PDF, inputs / f"{k}-paged.pdf")
    (inputs / "9-empty.txt").write_bytes(b"")  # fails: no line, and the stream goes on
    return inputs


def test_stream_gives_the_inventory_lines_in_input_order_while_the_batch_runs(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    convert([inputs], tmp_path / "out", jobs=2)
    written: list[str] = []
    seen: list[tuple[str, int]] = []

    def on_result(outcome: Outcome, done: int, total: int) -> None:
        seen.append((outcome.name, len(written)))

    outcomes = convert_stream([inputs], written.append, on_result=on_result, jobs=2)
    assert "".join(written) == (tmp_path / "out" / "inventory.jsonl").read_text(encoding="utf-8")
    assert [o.name for o in outcomes] == sorted(o.name for o in outcomes)
    sources = [Path(json.loads(line)["source"]).name for line in "".join(written).splitlines()]
    assert sources == sorted(sources)
    # Lines were handed on before the last document was done, not all at the end.
    assert seen[-1][1] > 0
    assert {o.name: o.status for o in outcomes}["9-empty.txt"] == "failed"


def test_stream_leaves_no_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    convert_stream([SEED], lambda text: None, jobs=1)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_stream_refuses_a_remote_dask_cluster() -> None:
    with pytest.raises(ConfigError, match="scheduler"):
        convert_stream([SEED], lambda text: None, engine="dask", scheduler="tcp://example.invalid:8786")
