from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN_SUFFIX = ".golden.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen", action="store_true", help="rewrite the golden files under samples/")


def sample_inputs() -> list[Path]:
    """Every input document under samples/ (golden files excluded)."""
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and not p.name.endswith((".json", ".md")))


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen"))
