"""JSON output: deterministic (sorted nothing, fixed key order, fixed float rounding), atomically written."""

from __future__ import annotations

import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from extractor.model import Result

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def dumps(data: Any) -> str:
    """The one JSON encoding used for every output file: UTF-8 text, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_stale(path: Path) -> None:
    """Remove the temporary files an earlier, killed writer of ``path`` left behind (``.NAME.XXXXXXXX.tmp``)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.{'?' * 8}.tmp"):
        stale.unlink(missing_ok=True)


def write_json(result: Result, path: Path) -> None:
    atomic_write(path, dumps(result.to_dict()))


def load_schema() -> dict[str, Any]:
    """The JSON Schema of one document's output."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
