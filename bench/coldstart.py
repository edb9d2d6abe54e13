#!/usr/bin/env python3
"""One small conversion from the command line, cold: a fresh ``extractor convert`` of one sample PDF against a
fresh ``python -c "import pdfplumber, pandas"`` (what a pdfplumber-and-pandas script pays before its first page).

usage: python bench/coldstart.py [--runs N] [--input PDF]

Each command runs ``--runs`` times in a new process, the two alternating so that the machine's load weighs on
both alike; prints the median wall-clock time of each, the median CPU time of its processes (the worker included)
and the ratio of the medians. Bytecode caches are allowed (``PYTHONDONTWRITEBYTECODE`` is dropped), as in an
installed package: without them every run would compile the package's sources again.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "samples" / "cookies-ruled-en.pdf"
# Runs of each command; the first of each (caches filled) is not counted.
DEFAULT_RUNS = 5


def timed(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system, of the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=environment, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = parser.parse_args()
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), environment.get("PYTHONPATH"))))
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "import pdfplumber, pandas": [sys.executable, "-c", "import pdfplumber, pandas"],
            f"extractor convert {args.input.name}": [
                sys.executable,
                "-m",
                "extractor.cli",
                "convert",
                str(args.input),
                "-o",
                out,
            ],
        }
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for run in range(args.runs + 1):
            for name, command in commands.items():
                measured = timed(command, environment)
                if run:
                    runs[name].append(measured)
    medians = {
        name: (statistics.median(wall for wall, _ in measured), statistics.median(cpu for _, cpu in measured))
        for name, measured in runs.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU (medians of {args.runs})")
    (floor_wall, floor_cpu), (ours_wall, ours_cpu) = medians.values()
    print(f"ratio: {ours_wall / floor_wall:.2f}x wall, {ours_cpu / floor_cpu:.2f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
