#!/usr/bin/env python3
"""Throughput on the development corpus: documents and pages per second with 1 and 2 workers, and our cost
per PDF page against pdfplumber's bare ``extract_words`` on the same pages (the floor for a pdfplumber-based
reader), end to end with each PDF reader (``pdf_reader`` pdfium and pdfplumber). All figures come from one run.
The per-page figures are CPU time of this process (``time.process_time``: PDFium and pdfminer both work in it),
so that other work on the machine does not move the ratio; the batch figures are wall-clock time.

usage: python bench/throughput.py [--corpus DIR] [--repeat N] [--pdf-only]

Reads ../shared/corpus/dev; skips cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def timed_convert(inputs: list[Path], jobs: int) -> tuple[float, int, int]:
    from extractor.batch import convert

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        outcomes = convert(inputs, Path(out), jobs=jobs)
        elapsed = time.perf_counter() - started
    return elapsed, len(outcomes), sum(o.pages or 0 for o in outcomes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs for each measure")
    parser.add_argument("--pdf-only", action="store_true", help="only the per-page figures of the PDF readers")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: throughput bench skipped")
        return 0
    import pdfplumber

    from extractor import extract
    from extractor.settings import PDF_READERS

    inputs = [args.corpus]
    pdfs = sorted(args.corpus.glob("*/*.pdf"))
    if not args.pdf_only:
        runs = {
            jobs: min((timed_convert(inputs, jobs) for _ in range(args.repeat)), key=lambda r: r[0]) for jobs in (1, 2)
        }
        for jobs, (elapsed, files, pages) in runs.items():
            print(
                f"-j {jobs}: {files} documents, {pages} pages in {elapsed:.2f} s: "
                f"{files / elapsed:.1f} documents/s, {pages / elapsed:.1f} pages/s"
            )
        print(f"speed-up -j 2 / -j 1: {runs[1][0] / runs[2][0]:.2f}x")

    extract(pdfs[0])  # load the classifier once, as a worker does
    floor = float("inf")
    ours = dict.fromkeys(PDF_READERS, float("inf"))
    pages = 0
    for _ in range(args.repeat):
        started = time.process_time()
        pages = 0
        for pdf in pdfs:
            with pdfplumber.open(pdf) as document:
                for page in document.pages:
                    page.extract_words()
                    pages += 1
        floor = min(floor, time.process_time() - started)
        for reader in PDF_READERS:
            started = time.process_time()
            for pdf in pdfs:
                extract(pdf, pdf_reader=reader)
            ours[reader] = min(ours[reader], time.process_time() - started)
    print(f"PDF pages: {pages}; pdfplumber extract_words {1000 * floor / pages:.1f} ms/page (CPU time)")
    for reader, elapsed in ours.items():
        print(
            f"extractor with pdf_reader={reader}: {1000 * elapsed / pages:.1f} ms/page, {pages / elapsed:.1f} pages/s, "
            f"ratio to extract_words {elapsed / floor:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
