#!/usr/bin/env python3
"""The two PDF readers side by side: PDFium (``pdf_reader="pdfium"``) against pdfplumber on the same files.

usage: python bench/readers.py [--corpus DIR] [--rows 10,100,1000]

For the PDFs of ../shared/corpus/dev/*/*.pdf, of ../shared/corpus/wild/*/ and the ruled tables bench/scaling.py
renders (``--rows`` sizes), prints the share of files whose records are identical under both readers and the
share of words identical (same text, box within ``WORD_TOLERANCE`` points of pdfplumber's ``extract_words``),
then lists the files that differ. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
# Two words are the same when their text is and their boxes are this close (points).
WORD_TOLERANCE = 1.0


@dataclass(frozen=True)
class Comparison:
    """How one file reads under both readers."""

    path: Path
    same_records: bool
    records: tuple[int, int]
    words: int
    same_words: int
    error: str | None = None


def plumber_words(path: Path) -> list[list[dict[str, Any]]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_words(extra_attrs=["size", "fontname"]) for page in pdf.pages]


def pdfium_words(path: Path) -> list[list[dict[str, Any]]]:
    import pypdfium2

    from extractor.readers.pdfium import page_chars, page_objects, words_from_chars

    pdf = pypdfium2.PdfDocument(path)
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        _, bottom, _, top = page.get_mediabox()
        found = page_objects(page.raw, top - bottom)
        textpage = page.get_textpage()
        pages.append(words_from_chars(page_chars(textpage.raw, found)))
        textpage.close()
        page.close()
    pdf.close()
    return pages


def same_word_count(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> int:
    """How many of ``expected`` have a word of the same text and box in ``got`` (each used once)."""
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for word in got:
        by_text[word["text"]].append(word)
    same = 0
    for word in expected:
        candidates = by_text.get(word["text"], [])
        match = next(
            (
                k
                for k, other in enumerate(candidates)
                if all(abs(word[key] - other[key]) <= WORD_TOLERANCE for key in ("x0", "x1", "top", "bottom"))
            ),
            None,
        )
        if match is not None:
            candidates.pop(match)
            same += 1
    return same


def compare(path: Path) -> Comparison:
    from extractor import extract

    results = {reader: extract(path, pdf_reader=reader) for reader in ("pdfplumber", "pdfium")}
    records = {reader: [c.to_dict() for c in result.cookies] for reader, result in results.items()}
    errors = {reader: result.error for reader, result in results.items()}
    if errors["pdfplumber"] or errors["pdfium"]:
        return Comparison(
            path,
            errors["pdfplumber"] == errors["pdfium"],
            (0, 0),
            0,
            0,
            f"pdfplumber: {errors['pdfplumber']}; pdfium: {errors['pdfium']}",
        )
    expected, got = plumber_words(path), pdfium_words(path)
    words = sum(max(len(a), len(b)) for a, b in zip(expected, got, strict=False))
    same = sum(same_word_count(a, b) for a, b in zip(expected, got, strict=False))
    return Comparison(
        path,
        records["pdfplumber"] == records["pdfium"],
        (len(records["pdfplumber"]), len(records["pdfium"])),
        words,
        same,
    )


def scaling_pdfs(rows: list[int], folder: Path) -> list[Path]:
    """The ruled tables of ``rows`` cookie rows that bench/scaling.py renders."""
    spec = importlib.util.spec_from_file_location("bench_scaling", ROOT / "bench" / "scaling.py")
    assert spec is not None and spec.loader is not None
    scaling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaling)
    return [scaling.render(scaling.facts(size), folder, size)[0] for size in rows]


def report(name: str, comparisons: list[Comparison]) -> None:
    if not comparisons:
        print(f"{name}: no PDFs")
        return
    same_files = sum(c.same_records for c in comparisons)
    words = sum(c.words for c in comparisons)
    same_words = sum(c.same_words for c in comparisons)
    print(
        f"{name}: {len(comparisons)} PDFs, identical records {same_files}/{len(comparisons)} "
        f"({100 * same_files / len(comparisons):.1f}%), identical words {same_words}/{words} "
        f"({100 * same_words / max(words, 1):.2f}%)"
    )
    for c in comparisons:
        if not c.same_records or c.same_words < c.words:
            detail = c.error or f"records {c.records[0]} vs {c.records[1]}, words {c.same_words}/{c.words} same"
            flag = "records differ" if not c.same_records else "records same"
            print(f"  {c.path}: {flag}; {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rows", default="10,100,1000", help="sizes of the scaling PDFs (cookie rows)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: readers bench skipped")
        return 0
    sets = {
        "dev": sorted(args.corpus.glob("dev/*/*.pdf")),
        "wild": sorted(args.corpus.glob("wild/*/*.pdf")),
    }
    with tempfile.TemporaryDirectory() as folder:
        sets["scaling"] = scaling_pdfs([int(r) for r in args.rows.split(",") if r], Path(folder))
        for name, paths in sets.items():
            report(name, [compare(path) for path in paths])
    return 0


if __name__ == "__main__":
    sys.exit(main())
