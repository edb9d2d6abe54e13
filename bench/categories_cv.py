#!/usr/bin/env python3
"""Category accuracy on documents the classifier never saw: leave one development document out.

usage: python bench/categories_cv.py [--corpus DIR] [--files GLOB,GLOB] [--epochs N] [--errors]

For each document of the development corpus, a classifier is trained as scripts/train_textcat.py trains the
shipped one (same data, seed and epochs) but without that document's purpose texts, nor any text equal to one
of them, nor a handwritten purpose that restates one (training/categories/handwritten.tsv was written after
reading the corpus); the document is then extracted with it and its categories are compared with its truth.
This is the measure for policies the model was not trained on; bench/accuracy.py's category_acc is measured
with the shipped model, which has seen the development corpus.

Prints per document, per variant (when several are extracted) and pooled:
- category: accuracy of the matched cookies' ``category``, whatever decided it;
- by text: of those the purpose text decided (no category column, no category heading);
- text alone: every matched cookie's purpose read by the classifier, even where a column or heading decided
  it: a wider test of the classifier, on texts judged by their own authors.
``--errors`` lists each miss.

Reads ../shared/corpus/dev (outside this repository); when it is absent the bench says so and exits 0.
Takes about 5 s per document and variant (training included).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from categories import load_trainer  # bench/categories.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
# Words too common in purpose texts to tell one from another (English, French, German, Spanish, Italian, Dutch).
COMMON = frozenset(
    "the and for are this that cookie cookies used use with your you our which from whether its les des une est "
    "pour par dans sur der die das und zu den von mit ist ein eine los las del por para che per gli het een van "
    "voor".split()
)


@dataclass
class Tally:
    n: int = 0
    ok: int = 0
    text_n: int = 0
    text_ok: int = 0
    read_n: int = 0
    read_ok: int = 0

    def add(self, other: Tally) -> None:
        for field in vars(self):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def line(self, label: str) -> str:
        return (
            f"{label:<45} {self.n:>8} {_share(self.ok, self.n):>9} "
            f"{_share(self.text_ok, self.text_n):>6} ({self.text_ok}/{self.text_n})"
            f" {_share(self.read_ok, self.read_n):>6} ({self.read_ok}/{self.read_n})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", default="ruled.pdf", help="globs of the variants to extract (default ruled.pdf)")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list each wrongly classified cookie")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus: {args.corpus} not found (it lives outside this repository); nothing to measure")
        return 0
    trainer = load_trainer()
    database, written = trainer.read_rows(("ocd.tsv",)), trainer.read_rows(("handwritten.tsv",))
    globs = args.files.split(",")
    total = Tally()
    variants: dict[str, Tally] = {}
    print(f"{'document':<45} {'cookies':>8} {'category':>9} {'by text':>12} {'text alone':>16}")
    with tempfile.TemporaryDirectory() as scratch:
        for doc in sorted(p for p in args.corpus.iterdir() if (p / "truth.json").is_file()):
            truth = json.loads((doc / "truth.json").read_text(encoding="utf-8"))
            model = Path(scratch) / doc.name
            training = _training_rows(trainer, args.corpus, doc.name, truth, [*database, *written], written)
            trainer.train(args.epochs or trainer.EPOCHS, model, training, quiet=True)
            _use_model(model)
            tallies = _score(doc, truth, globs, args.errors)
            per_document = Tally()
            for variant, tally in tallies.items():
                per_document.add(tally)
                variants.setdefault(variant, Tally()).add(tally)
            total.add(per_document)
            print(per_document.line(doc.name))
    if len(variants) > 1:
        for variant, tally in sorted(variants.items()):
            print(tally.line(variant))
    print(total.line("ALL (pooled)"))
    return 0


Row = tuple[str, str]


def _training_rows(
    trainer: ModuleType, corpus: Path, name: str, truth: dict[str, Any], base: list[Row], written: list[Row]
) -> list[Row]:
    """The shipped model's training rows (``base``: the database's and the handwritten ones, then the corpus's)
    without document ``name``'s texts and the ``written`` ones restating them."""
    held = {trainer.truth_text(cookie) for cookie in truth["cookies"]}
    held_words = [_words(text) for text in held]
    near = {r for r in written if _restates(r[0], held_words)}
    others = trainer.dev_pairs(corpus, frozenset({name}))
    rows = {r for r in [*base, *others] if r[0] not in held and r not in near}
    return [r for r in sorted(rows) if not trainer.held_out(r[0])]


def _score(doc: Path, truth: dict[str, Any], globs: list[str], errors: bool) -> dict[str, Tally]:
    """Per variant of ``doc``: its matched cookies' categories, and the classifier's reading of each purpose."""
    from extractor import extract
    from extractor.categories import classified_text
    from extractor.knowledge import known_facts
    from extractor.nlp import classify

    expected: dict[str, str] = {}
    for cookie in truth["cookies"]:
        expected.setdefault(_key(cookie["name"]), cookie["category"])
    tallies: dict[str, Tally] = {}
    for path in sorted(doc.iterdir()):
        if not any(fnmatch.fnmatch(path.name, g) for g in globs):
            continue
        tally = tallies.setdefault(path.name, Tally())
        asked: list[tuple[str, str | None, str]] = []
        for cookie in extract(path).cookies:
            want = expected.get(_key(cookie.name))
            if want is None:
                continue
            tally.n += 1
            tally.ok += cookie.category == want
            if cookie.category_source in ("text", None):
                tally.text_n += 1
                tally.text_ok += cookie.category == want
            text = classified_text(cookie)
            if errors and cookie.category != want:
                print(f"  {cookie.name} [{cookie.provider}] {cookie.category} != {want}: {text[:90]}")
            if text.strip():
                known = known_facts(cookie)
                asked.append((text, known.our_category if known else None, want))
        said = classify([text for text, _, _ in asked], [hint for _, hint, _ in asked])
        for got, (text, _, want) in zip(said, asked, strict=True):
            tally.read_n += 1
            tally.read_ok += got == want
            if errors and got != want:
                print(f"  (text alone) {got} != {want}: {text[:90]}")
    return tallies


def _use_model(path: Path) -> None:
    """Make the pipeline classify with the model at ``path`` (instead of the shipped one)."""
    import spacy

    import extractor.nlp

    nlp = spacy.load(path)
    extractor.nlp.load_model = lambda: nlp  # type: ignore[assignment]


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", text.casefold()) if w not in COMMON}


def _restates(text: str, held_words: list[set[str]]) -> bool:
    """Whether half or more of ``text``'s words are in one of the held texts (``held_words``: their ``_words``)."""
    words = _words(text)
    return bool(words) and any(len(words & other) * 2 >= len(words) for other in held_words)


def _share(right: int, count: int) -> str:
    return f"{right / count:.3f}" if count else "-"


if __name__ == "__main__":
    sys.exit(main())
