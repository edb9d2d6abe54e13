"""The notebooks run top to bottom from a clean kernel, and are committed without outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert [n.name for n in NOTEBOOKS] == ["01-quickstart.ipynb", "02-compare-policies.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert all(
        not cell.get("outputs") and not cell.get("execution_count")
        for cell in notebook.cells
        if cell.cell_type == "code"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_runs_top_to_bottom(path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns("figures"))
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    notebook = nbformat.read(folder / path.name, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    if path.name.startswith("02"):
        pictures = sorted(p.name for p in (folder / "figures").glob("*.png"))
        assert pictures == ["cookies-per-category.png", "disagreements.png", "durations.png", "providers.png"]
