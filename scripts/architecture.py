"""Writes the README's architecture section from extractor/layers.py and each module's docstring.

usage: python scripts/architecture.py [--check]

The section lists the layers lowest first and, on each, every module of the package with the first sentence of
its docstring. ``--check`` exits 1 when the README differs (tests/test_layers.py runs it).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"
README = ROOT / "README.md"
START, END = "<!-- architecture:start -->", "<!-- architecture:end -->"


def first_sentence(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split())
    end = text.find(". ")
    return (text[: end + 1] if end >= 0 else text).replace("|", "\\|")


def module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return "/".join(parts[:-1]) + "/" if parts[-1] == "__init__" and len(parts) > 1 else "/".join(parts) + ".py"


def section() -> str:
    sys.path.insert(0, str(ROOT))
    from extractor.layers import LAYERS, group_of

    rows = ["| layer | module | what it is |", "| --- | --- | --- |"]
    files = sorted(PACKAGE.rglob("*.py"))
    for index, groups in enumerate(LAYERS):
        for group in groups:
            for path in files:
                dotted = ".".join(("extractor", *path.relative_to(PACKAGE).with_suffix("").parts))
                dotted = dotted.removesuffix(".__init__")
                if group_of(dotted) == group and not (group == "__init__" and dotted != "extractor"):
                    name = "`extractor/__init__.py`" if dotted == "extractor" else f"`{module_of(path)}`"
                    rows.append(f"| {index} | {name} | {first_sentence(path)} |")
    return "\n".join(rows)


def rendered(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{section()}\n{END}{after}"


def main(arguments: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    new = rendered(readme)
    if "--check" in arguments:
        if new != readme:
            print("README.md: the architecture section is stale; run python scripts/architecture.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
