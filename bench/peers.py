#!/usr/bin/env python3
"""Our PDF tables beside generic table extractors, on the development corpus, in one run.

usage: python bench/peers.py [--corpus DIR] [--only ruled,plain,paged]

Peers: pdfplumber ``extract_tables`` (lines and text strategies) and Camelot (lattice and stream; needs the
``bench`` extra: ``pip install -e '.[bench]'``, skipped with a note when absent). Each peer's tables become cookie
records with the header mapping taken from ``truth.json`` (a peer table's header row is matched to a truth
table's headers, its columns get that table's fields), so only the table structure is compared; name cells
are split and cell lines joined the same way for everyone. Reads ../shared/corpus/dev, and skips cleanly
when it is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
VARIANTS = ("ruled", "plain", "paged")
# A peer row is a header when at least this share of its cells equal a truth table's headers.
HEADER_MATCH_SHARE = 0.6

Grid = list[list[str | None]]


def load_scorer(corpus: Path) -> Any:
    spec = importlib.util.spec_from_file_location("corpus_score", corpus.parent / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pdfplumber_tables(strategy: str) -> Callable[[Path], list[Grid]]:
    def run(path: Path) -> list[Grid]:
        import pdfplumber

        settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
        with pdfplumber.open(path) as pdf:
            return [t for page in pdf.pages for t in page.extract_tables(settings)]

    return run


def camelot_tables(flavor: str) -> Callable[[Path], list[Grid]]:
    def run(path: Path) -> list[Grid]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), flavor=flavor, pages="all")
        return [t.df.values.tolist() for t in tables]

    return run


def norm(text: object, scorer: Any) -> str:
    return str(scorer.norm(text))


def grid_records(grids: list[Grid], truth_tables: list[dict[str, Any]], scorer: Any) -> list[dict[str, Any]]:
    """Cookie records from a peer's tables: header rows matched to the truth's, fields from the truth."""
    from extractor.normalize.names import split_names
    from extractor.shapes import join_cell

    records: list[dict[str, Any]] = []
    fields: list[str] | None = None
    for grid in grids:
        for row in grid:
            cells = [c if c is None else str(c) for c in row]
            texts = [norm(c, scorer) for c in cells]
            matched = None
            for table in truth_tables:
                headers = [norm(h, scorer) for h in table["headers"]]
                hits = sum(1 for t in texts if t and t in headers)
                if hits >= HEADER_MATCH_SHARE * len(headers):
                    matched = [table["fields"][headers.index(t)] if t in headers else "other" for t in texts]
                    break
            if matched is not None:
                fields = matched
                continue
            if fields is None or len(cells) != len(fields) or "name" not in fields:
                continue
            values = {f: join_cell(c) for f, c in zip(fields, cells, strict=True) if f != "other"}
            name_cell = cells[fields.index("name")]
            if not name_cell or not name_cell.strip():
                continue
            for name in split_names(name_cell):
                records.append({**values, "name": name})
    return records


def ours(path: Path) -> list[dict[str, Any]]:
    from extractor import extract

    return [c.to_dict() for c in extract(path).cookies]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", default=",".join(VARIANTS))
    args = parser.parse_args()
    if not (args.corpus.is_dir() and (args.corpus.parent / "score.py").is_file()):
        print(f"corpus not found at {args.corpus}: peers bench skipped")
        return 0
    import json

    scorer = load_scorer(args.corpus)
    methods: dict[str, Callable[[Path], list[Grid]] | None] = {
        "pdfplumber-lines": pdfplumber_tables("lines"),
        "pdfplumber-text": pdfplumber_tables("text"),
    }
    has_camelot = importlib.util.find_spec("camelot") is not None
    methods["camelot-lattice"] = camelot_tables("lattice") if has_camelot else None
    methods["camelot-stream"] = camelot_tables("stream") if has_camelot else None
    variants = [v for v in args.only.split(",") if v]
    docs = sorted(d for d in args.corpus.iterdir() if (d / "truth.json").exists())
    rows: list[tuple[str, str, dict[str, Any], float]] = []
    for variant in variants:
        for method in ["extractor", *methods]:
            run = methods.get(method)
            if method != "extractor" and run is None:
                continue
            per_file = []
            started = time.perf_counter()
            for doc in docs:
                truth = json.loads((doc / "truth.json").read_text(encoding="utf-8"))
                path = doc / f"{variant}.pdf"
                try:
                    pred = ours(path) if run is None else grid_records(run(path), truth["tables"], scorer)
                except Exception as exc:  # a peer that crashes on a document scores nothing there
                    print(f"  {method} failed on {path.name} of {doc.name}: {type(exc).__name__}", file=sys.stderr)
                    pred = []
                per_file.append(scorer.score_file(truth["cookies"], pred))
            rows.append((variant, method, scorer.summarise(per_file), time.perf_counter() - started))
    print(f"corpus: {args.corpus}  documents: {len(docs)}")
    if not has_camelot:
        print("camelot not installed (pip install -e '.[bench]'): its rows are missing")
    print(f"{'variant':<8}{'method':<20}{'name_f1':>9}{'record_f1':>11}{'purpose_acc':>13}{'seconds':>9}")
    for variant, method, figures, seconds in rows:
        purpose = figures.get("purpose_acc")
        print(
            f"{variant:<8}{method:<20}{figures['name_f1']:>9.4f}{figures['record_f1']:>11.4f}"
            f"{'-' if purpose is None else f'{purpose:.4f}':>13}{seconds:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
