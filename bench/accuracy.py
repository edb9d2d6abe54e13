#!/usr/bin/env python3
"""Accuracy on the development corpus: convert it, score it with the corpus's own scorer, print per variant.

usage: python bench/accuracy.py [--corpus DIR] [--files GLOB,GLOB] [--split tune|check|all] [--docx] [--glued]
                                [--json OUT.json] [--out DIR] [--slowest N] [--jobs N] [--check]
                                [--pdf-reader pdfium|pdfplumber]

Reads ../shared/corpus/dev (outside this repository); when it is absent the bench says so and exits 0.
``--check`` compares the figures with bench/thresholds.json (the score gate: its numbers only go up) and
exits 1 when one falls below. ``--docx`` also scores a Word document made from each ``page.html`` by LibreOffice
(``soffice --headless --convert-to docx``, cached in ~/.cache/extractor-bench/docx), as variant ``page.docx``;
``--glued`` scores ``page.glued.txt``, the page as a text conversion that ran each table row's cells together.
``--split`` scores only the documents of one half of ``splits.json`` beside the corpus (develop on ``tune``;
read ``check`` only through these pooled figures). The slowest files of the run are printed last.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
THRESHOLDS = Path(__file__).with_name("thresholds.json")
INPUT_SUFFIXES = (".txt", ".pdf", ".html", ".docx")


def load_scorer(corpus: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("corpus_score", corpus.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{corpus.parent / 'score.py'}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DOCX_CACHE = Path.home() / ".cache" / "extractor-bench" / "docx"


def glued_text(page: Path) -> str:
    """``page.html`` as a careless HTML-to-text conversion writes it: one line per block, the cells of a table
    row run together without a separator ("OpendatasoftAuthentication (front and back office)sessionid...")."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    lines: list[str] = []
    for block in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr"]):
        if block.name != "tr" and block.find_parent("table") is not None:
            continue
        if block.name == "tr":
            text = "".join(" ".join(cell.get_text(" ").split()) for cell in block.find_all(["td", "th"]))
        else:
            text = " ".join(block.get_text(" ").split())
        if text:
            lines.append(text)
    return "\n".join(lines) + "\n"


def with_variants(corpus: Path, docx: bool, glued: bool) -> Path:
    """A mirror of ``corpus`` (links to its files and its scorer) with, beside each ``page.html``, a
    ``page.docx`` made by LibreOffice and/or a ``page.glued.txt`` whose table cells ran together."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if docx and soffice is None:
        raise SystemExit("--docx needs LibreOffice (soffice) on the PATH")
    mirror = Path(tempfile.mkdtemp(prefix="extractor-variants-")) / "dev"
    mirror.mkdir()
    (mirror.parent / "score.py").symlink_to(corpus.parent.resolve() / "score.py")
    DOCX_CACHE.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        target = mirror / folder.name
        target.mkdir()
        for file in folder.iterdir():
            (target / file.name).symlink_to(file.resolve())
        page = folder / "page.html"
        if not page.is_file():
            continue
        if glued:
            (target / "page.glued.txt").write_text(glued_text(page), encoding="utf-8")
        if not docx or soffice is None or (folder / "page.docx").exists():
            continue  # the corpus ships its own page.docx: never write through the link to it
        cached = DOCX_CACHE / (hashlib.sha256(page.read_bytes()).hexdigest() + ".docx")
        if not cached.exists():
            with tempfile.TemporaryDirectory() as work:
                subprocess.run(
                    [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, str(page)],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                shutil.move(str(Path(work) / "page.docx"), cached)
        shutil.copyfile(cached, target / "page.docx")
    return mirror


def split_documents(corpus: Path, split: str) -> set[str] | None:
    """The document folders of one half of ``splits.json`` beside the corpus; ``None`` for all of them."""
    if split == "all":
        return None
    splits = corpus.parent / "splits.json"
    if not splits.is_file():
        raise SystemExit(f"{splits}: no splits file for --split {split}")
    return set(json.loads(splits.read_text(encoding="utf-8"))[split])


def selection(corpus: Path, documents: set[str] | None, globs: list[str]) -> Path:
    """A mirror of ``corpus`` holding links to the chosen documents' truth and to their files that match
    ``globs``, and to the corpus's scorer."""
    mirror = Path(tempfile.mkdtemp(prefix="extractor-selection-")) / corpus.name
    mirror.mkdir()
    (mirror.parent / "score.py").symlink_to((corpus.parent / "score.py").resolve())
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        if documents is not None and folder.name not in documents:
            continue
        target = mirror / folder.name
        target.mkdir()
        for file in folder.iterdir():
            if file.name == "truth.json" or (file.suffix in INPUT_SUFFIXES and any(file.match(g) for g in globs)):
                (target / file.name).symlink_to(file.resolve())
    return mirror


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", default="*.txt", help="globs of the variants to score (default: *.txt)")
    parser.add_argument("--json", type=Path, help="write per-file detail here")
    parser.add_argument("--out", type=Path, help="keep the converted outputs here")
    parser.add_argument("--docx", action="store_true", help="also score page.html converted to .docx by LibreOffice")
    parser.add_argument("--glued", action="store_true", help="also score page.html as text with run-together cells")
    parser.add_argument("--check", action="store_true", help="fail when a figure is below bench/thresholds.json")
    parser.add_argument("--split", choices=("tune", "check", "all"), default="all", help="documents to score")
    parser.add_argument("--slowest", type=int, default=5, help="how many of the slowest files to print")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--pdf-reader", choices=("pdfium", "pdfplumber"), default="pdfium", help="library for PDFs")
    args = parser.parse_args()
    if not (args.corpus.is_dir() and (args.corpus.parent / "score.py").is_file()):
        print(f"corpus not found at {args.corpus}: accuracy bench skipped")
        return 0

    from extractor.batch import convert
    from extractor.settings import Settings

    if args.docx or args.glued:
        args.corpus = with_variants(args.corpus, args.docx, args.glued)
        args.files += ",page.docx" * args.docx + ",page.glued.txt" * args.glued
    globs = args.files.split(",")
    documents = split_documents(args.corpus, args.split)
    mirror = selection(args.corpus, documents, globs)
    scorer = load_scorer(args.corpus)
    inputs = sorted(p for p in mirror.glob("*/*") if p.suffix in INPUT_SUFFIXES)
    out = args.out or Path(tempfile.mkdtemp(prefix="extractor-accuracy-"))
    started = time.perf_counter()
    # One batch over the mirror, so outputs mirror the corpus layout the scorer expects (DOC/FILE.json).
    outcomes = convert([mirror], out, ["json"], Settings(pdf_reader=args.pdf_reader), jobs=args.jobs)
    elapsed = time.perf_counter() - started
    result = scorer.main(str(mirror), str(out), str(args.json) if args.json else None, args.files)
    columns = (
        "files",
        "cookies",
        "name_f1",
        "record_f1",
        "provider_acc",
        "function_acc",
        "purpose_acc",
        "duration_acc",
        "category_acc",
    )
    print(f"corpus: {args.corpus}  split: {args.split}  files: {len(inputs)}  converted in {elapsed:.1f}s")
    print(f"{'variant':<22}" + "".join(f"{c:>14}" for c in columns))
    rows = [*sorted(result["by_variant"].items()), ("ALL (pooled)", result["all"])]
    for variant, figures in rows:
        cells = "".join(f"{'-' if figures.get(c) is None else figures[c]:>14}" for c in columns)
        print(f"{variant:<22}{cells}")
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[: args.slowest]
    print("slowest: " + ", ".join(f"{o.name} {o.seconds:.1f}s" for o in slowest))
    if args.check and THRESHOLDS.exists():
        gates = json.loads(THRESHOLDS.read_text(encoding="utf-8")).get(args.files, {})
        failures = [
            f"{variant}.{metric}: {figures.get(metric)} < {floor}"
            for variant, metrics in gates.items()
            for metric, floor in metrics.items()
            if (figures := result["all"] if variant == "ALL" else result["by_variant"].get(variant, {})).get(metric, 0)
            < floor
        ]
        for failure in failures:
            print(f"below threshold: {failure}")
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
