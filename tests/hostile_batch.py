#!/usr/bin/env python3
"""Make an input folder that a careless or hostile batch would hand to ``extractor convert`` (nothing binary is
committed): files that are not regular files, names that are not UTF-8 or that hold a newline or a terminal
escape sequence, and inputs whose outputs would take the place of the batch's own.

usage: python tests/hostile_batch.py OUT_DIR

Each function adds its inputs under a folder and returns the names they take in the batch (``Job.name``);
``make_all`` adds every one of them next to a good document.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "opendatasoft-cookie-policy.txt"

# Names that must come out escaped, never raw, in every message and report entry: raw name -> shown name.
ODD_NAMES = {
    os.fsdecode(b"bad\xff.txt"): "bad\\xff.txt",
    "new\nline.txt": "new\\nline.txt",
    "\x1b[31mred.txt": "\\x1b[31mred.txt",
}


def special_files(folder: Path) -> dict[str, str]:
    """A FIFO, links to ``/dev/zero`` and ``/dev/urandom`` and a Unix socket: reading any of them hangs or
    never ends. Returns name -> the kind said when it is refused."""
    os.mkfifo(folder / "fifo.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink("/dev/urandom", folder / "urandom.txt")
    made = {"fifo.txt": "fifo", "zero.txt": "character device", "urandom.txt": "character device"}
    path = folder / "socket.txt"
    if len(os.fsencode(path)) < 100:  # a Unix socket's path has a length limit (108 bytes on Linux)
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(os.fspath(path))
        made["socket.txt"] = "socket"
    return made


def odd_names(folder: Path) -> dict[str, str]:
    """The seed under a name that is not UTF-8, and empty files (so they fail and are named in an error line)
    under a name with a newline and one with a terminal escape sequence. Returns raw name -> shown name."""
    bad, newline, escape = ODD_NAMES
    shutil.copy(SEED, folder / bad)
    (folder / newline).write_bytes(b"")
    (folder / escape).write_bytes(b"")
    return dict(ODD_NAMES)


def colliding_names(folder: Path) -> list[str]:
    """Inputs whose outputs would replace the batch's own (``report`` -> ``report.json``, ``inventory`` ->
    ``inventory.csv``, a folder named ``report.json``) or another document's (folder ``a.txt.json`` where input
    ``a.txt`` writes ``a.txt.json``). Returns the names refused; ``a.txt`` itself is fine."""
    for name in ("report", "inventory", "report.json/x.txt", "a.txt", "a.txt.json/b.txt", "inventory.csv.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, folder / name)
    return ["a.txt.json/b.txt", "inventory", "report", "report.json/x.txt"]


MAKERS: dict[str, Callable[[Path], object]] = {
    "special": special_files,
    "odd-names": odd_names,
    "collisions": colliding_names,
}


def make_all(folder: Path) -> dict[str, object]:
    """Every hostile input under ``folder``, next to a good document (``good.txt``)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / "good.txt")
    return {name: make(folder) for name, make in MAKERS.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for kind, made in make_all(Path(sys.argv[1])).items():
        print(kind, made)
