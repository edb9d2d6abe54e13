"""The layers of extractor/layers.py hold for every import of the package, those inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractor.layers import CONVENIENCE_REACH, CONVENIENCES, LAYERS, allowed, group_of, layer_of

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str], root: Path = PACKAGE) -> set[str]:
    """The package's modules a file imports, anywhere in it (``from x import y`` counts ``x.y`` when that is a
    module, else ``x``)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = sorted(root.rglob("*.py"))
    modules = {module_name(f, root) for f in files}
    return {module_name(f, root): imports_of(f, modules, root) for f in files}


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import edge against the layers, as "importer -> imported"."""
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if not allowed(a, b))


def reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        for nxt in graph.get(module, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_every_import_goes_down_the_layers():
    assert violations(import_graph()) == []


def test_every_module_is_on_a_layer():
    for module in import_graph():
        layer_of(module)  # raises KeyError for a module no layer names


def test_model_imports_nothing_but_its_conveniences():
    graph = import_graph()
    assert {("model", b.removeprefix("extractor.")) for b in graph["extractor.model"]} <= set(CONVENIENCES)


@pytest.mark.parametrize("convenience", sorted({b for _, b in CONVENIENCES}))
def test_what_the_model_conveniences_reach_depends_on_the_model_alone(convenience):
    reached = reach(import_graph(), f"extractor.{convenience}") | {f"extractor.{convenience}"}
    assert {group_of(m) for m in reached} <= CONVENIENCE_REACH


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("extractor.model", "extractor.pipeline"),  # the model reaching up to a stage
        ("extractor.lexicon", "extractor.shapes"),  # words reaching up to shapes
        ("extractor.layout.rows", "extractor.readers.pdf"),  # layout and readers meet only in the Fragment
        ("extractor.readers.text", "extractor.normalize.durations"),  # one layer, independent groups
        ("extractor.nlp", "extractor.categories"),  # the classifier is a leaf
    ],
)
def test_an_upward_import_is_reported(importer, imported):
    graph = {importer: {imported}, imported: set()}
    assert violations(graph) == [f"{importer} -> {imported}"]


def test_an_import_inside_a_function_is_seen(tmp_path):
    package = tmp_path / "extractor"
    (package / "readers").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pipeline.py").write_text("")
    (package / "readers" / "__init__.py").write_text("def load():\n    from extractor.pipeline import extract\n")
    assert violations(import_graph(package)) == ["extractor.readers -> extractor.pipeline"]


def test_layers_name_each_group_once():
    groups = [g for layer in LAYERS for g in layer]
    assert len(groups) == len(set(groups))


def test_the_readme_architecture_table_is_written_from_the_layers():
    import subprocess
    import sys

    script = PACKAGE.parent / "scripts" / "architecture.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
