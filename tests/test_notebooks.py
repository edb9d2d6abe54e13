"""The notebooks run top to bottom from a clean kernel, and are committed without outputs."""

from __future__ import annotations

import hashlib
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
        assert pictures == sorted(FIGURE_SIZES)
        _check_figures_are_each_their_own(notebook, folder)


# Each figure of notebook 02 and the size (inches, at matplotlib's 100 dpi) it is drawn at.
FIGURE_SIZES = {
    "cookies-per-category.png": (8, 4),
    "providers.png": (6, 4),
    "durations.png": (6, 3.5),
    "disagreements.png": (7, 3.5),
}


def _pixels(path: Path) -> tuple[tuple[int, int], str]:
    """A picture's size and the digest of its decoded pixels."""
    from PIL import Image

    with Image.open(path) as image:
        return image.size, hashlib.sha256(image.convert("RGB").tobytes()).hexdigest()


def _check_figures_are_each_their_own(notebook: nbformat.NotebookNode, folder: Path) -> None:
    """Each saved figure is drawn alone: at its own size, unlike every other, and the same when the figure
    cells run in the reverse order in a fresh kernel (a chart drawn over the previous one would change)."""
    figures = folder / "figures"
    drawn = {name: _pixels(figures / name) for name in FIGURE_SIZES}
    for name, (width, height) in FIGURE_SIZES.items():
        assert drawn[name][0] == (round(width * 100), round(height * 100)), name
    assert len({pixels for _, pixels in drawn.values()}) == len(drawn), "two figures are the same picture"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    setup, figure_cells = code[:2], [c for c in code if "savefig" in c.source]
    assert len(figure_cells) == len(FIGURE_SIZES)
    reverse = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c.source) for c in setup])
    reverse.cells[0].source = reverse.cells[0].source.replace("Path('figures')", "Path('figures-reversed')")
    reverse.cells += [nbformat.v4.new_code_cell(c.source) for c in reversed(figure_cells)]
    NotebookClient(reverse, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    for name, picture in drawn.items():
        assert _pixels(folder / "figures-reversed" / name) == picture, f"{name} depends on the figures drawn before"
