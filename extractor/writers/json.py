"""JSON output: deterministic (sorted nothing, fixed key order, fixed float rounding), atomically written."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from extractor.errors import OutputError, display_name
from extractor.model import Result

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def dumps(data: Any) -> str:
    """The one JSON encoding used for every output file: UTF-8 text, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so no reader sees half a file. The
    file gets the mode any new file gets under the process's umask (``0o666 & ~umask``), not the private 0600
    of the temporary file.

    Raises:
        OutputError: ``path`` cannot be written (a folder in its place, a file in the way of its folder, no
            permission, a full disk), said in one line naming it.
    """
    try:
        data = text.encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (OSError, UnicodeError) as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            handle.write(data)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, error) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot_write(path: Path, error: OSError | UnicodeError) -> OutputError:
    if path.is_dir():
        return OutputError(f"{display_name(path)}: is a folder; expected a file name")
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return OutputError(f"{display_name(path)}: cannot write ({reason})")


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux ``/proc``), so that no
    other thread ever sees a zero umask; elsewhere set and restored at once."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


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
