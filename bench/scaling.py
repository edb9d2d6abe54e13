#!/usr/bin/env python3
"""How cost grows with size: documents of 10, 100, 1,000 and 5,000 cookie rows (made from the known-cookie
facts shipped in the package, rendered to PDF and written as each kind of text export: tab-separated copy-paste,
space-aligned columns with wrapped cells as ``pdftotext -layout`` writes them, cells centred on their row as a
text browser writes them, and a reading-order dump of one cell per line as plain ``pdftotext`` writes it), and
a batch of many small documents.

usage: python bench/scaling.py [--rows 10,100,1000,5000] [--files 10000] [--jobs 2] [--kinds pdf,tabbed,...]

Each document is extracted in a fresh process so its peak memory is its own. Prints time per row and peak
memory per size, the ratio of the time per row at the largest size to that at 100 rows, and the peak memory
of the many-file batch (the parent and its largest worker).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import json, resource, sys, time
from extractor import extract
from extractor.nlp import load_model
from extractor.knowledge import known_cookies
load_model(); known_cookies()
started = time.perf_counter()
result = extract(sys.argv[1])
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "cookies": len(result.cookies),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def facts(count: int) -> list[list[str]]:
    from extractor.knowledge import known_cookies

    rows = []
    known = sorted((f for fs in known_cookies().by_name.values() for f in fs), key=lambda f: (f.name, f.platform))
    for k in range(count):
        fact = known[k % len(known)]
        name = fact.name if k < len(known) else f"{fact.name}_{k}"
        purpose = f"Set by {fact.platform} for {fact.category.lower()} purposes on this site"
        rows.append([fact.platform, name, purpose, fact.retention or "1 year"])
    return rows


def render(rows: list[list[str]], folder: Path, size: int) -> tuple[Path, Path]:
    spec_module = importlib.util.spec_from_file_location("render_samples", ROOT / "scripts" / "render_samples.py")
    assert spec_module and spec_module.loader
    renderer = importlib.util.module_from_spec(spec_module)
    sys.modules["render_samples"] = renderer
    spec_module.loader.exec_module(renderer)
    table = renderer.Table(
        "Cookies we use", ["Provider", "Cookie name", "Purpose", "Expiry"], [0.2, 0.25, 0.4, 0.15], rows
    )
    spec = renderer.Spec(
        name=f"rows-{size}.pdf", title="Cookie policy", intro="Cookies used on this site.", tables=[table], ruled=True
    )
    pdf = folder / spec.name
    pdf.write_bytes(renderer.render(spec))
    text = folder / f"rows-{size}.txt"
    lines = ["Cookie policy", "", "Cookies we use", "Provider\tCookie name\tPurpose\tExpiry"]
    lines += ["\t".join(row) for row in rows]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pdf, text


HEADERS = ["Provider", "Cookie name", "Purpose", "Expiry"]
# Column widths (characters) of the aligned text exports.
WIDTHS = [22, 34, 30, 14]


def _wrapped(row: list[str]) -> list[list[str]]:
    import textwrap

    return [textwrap.wrap(cell, width - 2) or [""] for cell, width in zip(row, WIDTHS, strict=True)]


def _aligned(cells: list[str]) -> str:
    return "".join(cell.ljust(width) for cell, width in zip(cells, WIDTHS, strict=True)).rstrip()


def text_exports(rows: list[list[str]], folder: Path, size: int) -> dict[str, Path]:
    """The rows as the text exports other tools write: aligned with wrapped cells (``pdftotext -layout``),
    centred on their row (``w3m -dump``), one cell per line in reading order (plain ``pdftotext``)."""
    intro = ["Cookie policy", "", "Cookies we use", ""]
    layout, centred, dumped = list(intro), list(intro), [*intro, *HEADERS, ""]
    layout.append(_aligned(HEADERS))
    centred.append(_aligned(HEADERS))
    for row in rows:
        cells = _wrapped(row)
        height = max(len(c) for c in cells)
        layout.extend(_aligned([c[k] if k < len(c) else "" for c in cells]) for k in range(height))
        shifted = [[""] * ((height - len(c)) // 2) + c for c in cells]
        centred.extend(_aligned([c[k] if k < len(c) else "" for c in shifted]) for k in range(height))
        dumped.extend(line for cell in cells for line in cell)
    paths = {}
    for kind, lines in (("layout", layout), ("w3m", centred), ("default", dumped)):
        paths[kind] = folder / f"rows-{size}.{kind}.txt"
        paths[kind].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def measure(path: Path) -> dict[str, float]:
    completed = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def many_files(count: int, jobs: int) -> None:
    from extractor.batch import convert

    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        rows = facts(40)
        for k in range(count):
            chosen = rows[k % 36 : k % 36 + 4]
            body = "\n".join("\t".join(row) for row in chosen)
            (inputs / f"doc-{k:05d}.txt").write_text(
                f"Cookie policy {k}\n\nCookies\nProvider\tCookie name\tPurpose\tExpiry\n{body}\n", encoding="utf-8"
            )
        started = time.perf_counter()
        outcomes = convert([inputs], Path(folder) / "out", ["json"], jobs=jobs)
        elapsed = time.perf_counter() - started
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"batch of {len(outcomes)} small documents with -j {jobs}: {elapsed:.1f} s "
        f"({len(outcomes) / elapsed:.1f} documents/s); peak memory: parent {parent:.0f} MB, "
        f"largest worker {child:.0f} MB, together {parent + child * jobs:.0f} MB at most"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="10,100,1000,5000")
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kinds", default="pdf,tabbed,layout,w3m,default", help="documents to measure")
    parser.add_argument("--batch-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch_only:
        many_files(args.files, args.jobs)
        return 0
    sizes = [int(s) for s in args.rows.split(",")]
    kinds = args.kinds.split(",")
    per_row: dict[str, dict[int, float]] = {kind: {} for kind in kinds}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            rows = facts(size)
            pdf, text = render(rows, Path(folder), size)
            paths = {"pdf": pdf, "tabbed": text, **text_exports(rows, Path(folder), size)}
            for kind in kinds:
                path = paths[kind]
                figures = measure(path)
                per_row[kind][size] = figures["seconds"] / size
                print(
                    f"{kind:>7} {size:>6} rows: {figures['seconds']:.2f} s, {1000 * per_row[kind][size]:.2f} ms/row, "
                    f"{figures['cookies']} cookies, peak {figures['peak_mb']:.0f} MB"
                )
    if 100 in sizes:
        largest = max(sizes)
        for kind, times in per_row.items():
            print(f"{kind}: time per row at {largest} rows / at 100 rows = {times[largest] / times[100]:.2f}")
    if args.files:
        # In a fresh process, so that the peak memory is the batch's own.
        command = [sys.executable, __file__, "--batch-only", "--files", str(args.files), "--jobs", str(args.jobs)]
        subprocess.run(command, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
