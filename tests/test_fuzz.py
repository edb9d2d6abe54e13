"""A fixed number of fuzz cases in CI (bench/fuzz_text.py runs more by hand), and the regressions it found."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extractor import extract
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("fuzz_text", ROOT / "bench" / "fuzz_text.py")
assert spec and spec.loader
fuzz = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fuzz)


def test_fuzz_cases() -> None:
    fuzz.run(cases=300)


@pytest.mark.parametrize(
    ("name", "data", "outcome"),
    [
        # Three bytes with a NUL read as UTF-16 gave characters that were not in the input.
        ("utf16-guess-on-three-bytes", b"00\x00", "binary file"),
        # A lone header row and nothing under it.
        ("header-without-body", b"Name\tPurpose\tExpires\n", "no-table"),
        # A form feed inside a tabbed header line.
        ("form-feed-in-header", b"Name\t\x0cPurpose\tExpires\n_ga\tx\t2 years\n", None),
    ],
)
def test_regressions(name: str, data: bytes, outcome: str | None, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    result = extract(path)
    if outcome == "binary file":
        assert result.status == "failed" and "binary file" in (result.error or "")
    elif outcome == "no-table":
        assert [w.code for w in result.warnings] == ["no-table"]
    else:
        assert result.status in ("ok", "partial")
