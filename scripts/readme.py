"""Rewrites the README's generated sections from the code, the one way to refresh them (`make readme`).

usage: python scripts/readme.py [--check]

A section sits between ``<!-- generated: NAME -->`` and ``<!-- end -->``; NAME is one of ``SECTIONS``:

- ``cli-synopsis``: one usage line per command, from the commands' own parameters;
- ``cli-help``: each command's ``--help`` (typer's CliRunner, at a fixed width, without colour);
- ``convert-example``: the README's first example, run (``extractor convert`` on a sample, then the first lines of
  the inventory it wrote);
- ``document-fields``, ``csv-columns``: the output contract's fields, from ``extractor/writers/schema.json``
  (the CSV's columns in ``CSV_COLUMNS`` order);
- ``warning-codes``: ``extractor.model.WARNING_CODES``;
- ``schema-version``: ``extractor.model.SCHEMA_VERSION``.

``--check`` exits 1 and names the stale sections when the README differs (``tests/test_readme.py`` runs it);
timings in command output ("in 0.4 s") are not compared.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECTION = re.compile(r"<!-- generated: (?P<name>[a-z-]+) -->\n(?P<body>.*?)<!-- end -->", re.DOTALL)
# The terminal the --help texts are rendered for: fixed, so the README does not depend on who ran the script.
HELP_WIDTH = 100
HELP_ENVIRONMENT = {"COLUMNS": str(HELP_WIDTH), "TERMINAL_WIDTH": str(HELP_WIDTH), "NO_COLOR": "1"}
SYNOPSIS_WIDTH = 116
# The README's first example: a command and the lines of its output shown.
EXAMPLE_INPUT = "samples/opendatasoft-cookie-policy.txt"
EXAMPLE_LINES = 3
# The progress lines a batch logs when stderr is no terminal ("[1/1] 1 pages, ... 6.9 files/s"), left out.
PROGRESS = re.compile(r"^\[\d+/\d+\] ")
TIMING = re.compile(r"\bin \d+(\.\d+)? s\b")


def _app() -> Any:
    sys.path.insert(0, str(ROOT))
    from extractor.cli import app

    return app


def _commands() -> list[tuple[str, Any]]:
    import typer.main

    group = typer.main.get_command(_app())
    return list(group.commands.items())  # type: ignore[attr-defined]


def _value_name(parameter: Any) -> str:
    """The name a parameter's value goes by in help: its metavar where it has one, else its name."""
    return str(parameter.metavar or parameter.name.upper())


def _parameter(parameter: Any) -> str:
    if parameter.param_type_name == "argument":
        name = _value_name(parameter)
        return f"{name}..." if parameter.nargs == -1 and not name.endswith("...") else name
    flag = min(parameter.opts, key=len)
    word = flag if parameter.is_flag else f"{flag} {_value_name(parameter)}"
    return word if parameter.required else f"[{word}]"


def _wrapped(prefix: str, words: list[str]) -> list[str]:
    lines = []
    line = prefix.rstrip()
    for word in words:
        if len(line) + 1 + len(word) > SYNOPSIS_WIDTH:
            lines.append(line)
            line = " " * len(prefix) + word
        else:
            line += " " + word
    lines.append(line)
    return lines


def cli_synopsis() -> str:
    import typer.main

    group = typer.main.get_command(_app())
    hidden = ("help", "install_completion", "show_completion")
    own = [_parameter(p) for p in group.params if p.name not in hidden]
    lines = _wrapped("extractor ", [*own, "COMMAND ..."])
    for name, command in _commands():
        words = [_parameter(p) for p in command.params if p.name != "help"]
        arguments = [_parameter(p) for p in command.params if p.param_type_name == "argument"]
        options = [w for w in words if w not in arguments]
        lines.extend(_wrapped(f"extractor {name} ", [*arguments, *options]))
    lines.append("extractor --install-completion   # shell completion (bash, zsh, fish, PowerShell)")
    return "```\n" + "\n".join(lines) + "\n```\n"


def _help(arguments: list[str]) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(_app(), arguments, env=HELP_ENVIRONMENT)
    if result.exit_code != 0:
        raise SystemExit(f"extractor {' '.join(arguments)} failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def cli_help() -> str:
    parts = []
    for name, _ in _commands():
        parts.append(f"<details><summary><code>extractor {name} --help</code></summary>\n\n```text\n")
        parts.append(_help([name, "--help"]) + "\n```\n\n</details>\n")
    return "".join(parts)


def convert_example() -> str:
    from typer.testing import CliRunner

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "samples").symlink_to(ROOT / "samples")
        here = Path.cwd()
        os.chdir(folder)
        try:
            result = CliRunner().invoke(_app(), ["convert", EXAMPLE_INPUT, "-o", "out"])
            inventory = (Path(folder) / "out" / "inventory.csv").read_text(encoding="utf-8")
        finally:
            os.chdir(here)
    if result.exit_code != 0:
        raise SystemExit(f"the README's example failed: {result.output}")
    head = inventory.splitlines()[:EXAMPLE_LINES]
    summary = [line for line in result.stderr.strip().splitlines() if not PROGRESS.match(line)]
    lines = [
        "```console",
        f"$ .venv/bin/extractor convert {EXAMPLE_INPUT} -o out",
        *summary,
        f"$ head -{EXAMPLE_LINES} out/inventory.csv",
        *head,
        "```",
    ]
    return "\n".join(lines) + "\n"


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "extractor" / "writers" / "schema.json").read_text(encoding="utf-8"))
    return data


def _kind(schema: dict[str, Any], field: dict[str, Any]) -> str:
    """A field's type in words: ``text``, ``integer``, ``one of `a`, `b```, each "or null" where it may be."""
    if "$ref" in field:
        field = {**schema["$defs"][field["$ref"].rsplit("/", 1)[-1]], **field}
    if "enum" in field:
        values = [v for v in field["enum"] if v is not None]
        words = "one of " + ", ".join(f"`{v}`" for v in values)
        return words + (" or null" if None in field["enum"] else "")
    types = field.get("type", "")
    types = types if isinstance(types, list) else [types]
    names = {"string": "text", "array": "list", "number": "number", "integer": "integer", "boolean": "boolean"}
    main = [names.get(t, t) for t in types if t != "null"]
    return " or ".join(main) + (" or null" if "null" in types else "")


def _table(header: str, rows: list[list[str]]) -> str:
    columns = header.count("|") - 1
    lines = [header, "|" + " --- |" * columns]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _description(field: dict[str, Any], schema: dict[str, Any]) -> str:
    if "description" in field:
        return str(field["description"])
    if "$ref" in field:
        return str(schema["$defs"][field["$ref"].rsplit("/", 1)[-1]].get("description", ""))
    return ""


def document_fields() -> str:
    schema = _schema()
    rows = [
        [f"`{name}`", _kind(schema, field), _description(field, schema)] for name, field in schema["properties"].items()
    ]
    return _table("| field | type | meaning |", rows)


def csv_columns() -> str:
    sys.path.insert(0, str(ROOT))
    from extractor.writers.csv import CSV_COLUMNS

    schema = _schema()
    fields = {"source": schema["properties"]["source"], **schema["$defs"]["cookie"]["properties"]}
    rows = [
        [str(number), f"`{column}`", _kind(schema, fields[column]), _description(fields[column], schema)]
        for number, column in enumerate(CSV_COLUMNS, start=1)
    ]
    return _table("| # | column | type | meaning |", rows)


def warning_codes() -> str:
    sys.path.insert(0, str(ROOT))
    from extractor.model import WARNING_CODES

    return _table("| code | what it tells |", [[f"`{code}`", meaning] for code, meaning in WARNING_CODES.items()])


def schema_version() -> str:
    sys.path.insert(0, str(ROOT))
    from extractor.model import SCHEMA_VERSION

    return (
        f"Every JSON output carries `schema_version` (now {SCHEMA_VERSION}): the major number changes only when a "
        "change breaks readers, the minor one when fields are added.\n"
    )


SECTIONS: dict[str, Callable[[], str]] = {
    "cli-synopsis": cli_synopsis,
    "cli-help": cli_help,
    "convert-example": convert_example,
    "document-fields": document_fields,
    "csv-columns": csv_columns,
    "warning-codes": warning_codes,
    "schema-version": schema_version,
}


def rendered(readme: str) -> str:
    """The README with every generated section written afresh.

    Raises:
        SystemExit: a section the script does not know, or one it knows missing from the README.
    """
    found = [m.group("name") for m in SECTION.finditer(readme)]
    unknown = sorted(set(found) - set(SECTIONS))
    missing = sorted(set(SECTIONS) - set(found))
    if unknown or missing:
        raise SystemExit(f"README.md: unknown sections {unknown}, missing sections {missing}")
    return SECTION.sub(
        lambda m: f"<!-- generated: {m.group('name')} -->\n{SECTIONS[m.group('name')]()}<!-- end -->", readme
    )


def untimed(text: str) -> str:
    """Text with its timings ("in 0.2 s") made alike: they differ from run to run."""
    return TIMING.sub("in N s", text)


def stale_sections(readme: str, new: str) -> list[str]:
    """The sections whose text differs (timings aside)."""
    old_bodies = {m.group("name"): m.group("body") for m in SECTION.finditer(readme)}
    new_bodies = {m.group("name"): m.group("body") for m in SECTION.finditer(new)}
    stale = [name for name in new_bodies if untimed(new_bodies[name]) != untimed(old_bodies[name])]
    outside_old = SECTION.sub("", readme)
    outside_new = SECTION.sub("", new)
    return stale if outside_old == outside_new else [*stale, "(text outside the sections)"]


def main(arguments: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    new = rendered(readme)
    if "--check" in arguments:
        stale = stale_sections(readme, new)
        if stale:
            print(f"README.md is stale in: {', '.join(stale)}; run `make readme`", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
