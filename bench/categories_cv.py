#!/usr/bin/env python3
"""Category accuracy on documents the classifier never saw: leave one development document out.

usage: python bench/categories_cv.py [--corpus DIR] [--files GLOB,GLOB] [--epochs N]

For each document of the development corpus, a classifier is trained as scripts/train_textcat.py trains the
shipped one (same data, seed and epochs) but without that document's purpose texts (nor any text equal to
one of them); the document is then extracted with it and its categories are compared with its truth. This
is the measure for policies the model was not trained on; bench/accuracy.py's category_acc is measured with
the shipped model, which has seen the development corpus. Prints per document and pooled: category accuracy
of the matched cookies, and of those decided by the purpose text alone (no category column or heading).

Reads ../shared/corpus/dev (outside this repository); when it is absent the bench says so and exits 0.
Takes about 10 s per document (training included).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from categories import load_trainer  # bench/categories.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _use_model(path: Path) -> None:
    """Make the pipeline classify with the model at ``path`` (instead of the shipped one)."""
    import spacy

    import extractor.nlp

    nlp = spacy.load(path)
    extractor.nlp.load_model = lambda: nlp  # type: ignore[assignment]


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
    from extractor import extract
    from extractor.knowledge import known_facts
    from extractor.nlp import classify
    from extractor.normalize.categories import classified_text

    database = trainer.read_rows(("ocd.tsv",))
    written = trainer.read_rows(("handwritten.tsv",))
    globs = args.files.split(",")
    totals = {"n": 0, "ok": 0, "text_n": 0, "text_ok": 0, "read": 0, "read_n": 0}
    print(f"{'document':<45} {'cookies':>8} {'category':>9} {'by text':>12} {'text alone':>16}")
    with tempfile.TemporaryDirectory() as scratch:
        for doc in sorted(p for p in args.corpus.iterdir() if (p / "truth.json").is_file()):
            truth = json.loads((doc / "truth.json").read_text(encoding="utf-8"))
            held = {trainer.truth_text(cookie) for cookie in truth["cookies"]}
            others = trainer.dev_pairs(args.corpus, frozenset({doc.name}))
            # Purposes written for this project that restate one of the document's own are left out with it:
            # they were written after reading the development corpus, and would let its answers leak back in.
            near = [r for r in written if _restates(r[0], held)]
            kept = [r for r in [*database, *written, *others] if r[0] not in held and r not in near]
            rows = sorted(set(kept))
            training = [r for r in rows if not trainer.held_out(r[0])]
            model = Path(scratch) / doc.name
            trainer.train(args.epochs or trainer.EPOCHS, model, training, quiet=True)
            _use_model(model)
            expected = {}
            for cookie in truth["cookies"]:
                expected.setdefault(_key(cookie["name"]), cookie["category"])
            counts = {"n": 0, "ok": 0, "text_n": 0, "text_ok": 0, "read": 0, "read_n": 0}
            asked: list[tuple[str, str | None, str]] = []
            for path in sorted(doc.iterdir()):
                if not any(fnmatch.fnmatch(path.name, g) for g in globs):
                    continue
                for cookie in extract(path).cookies:
                    want = expected.get(_key(cookie.name))
                    if want is None:
                        continue
                    counts["n"] += 1
                    if classified_text(cookie).strip():
                        known = known_facts(cookie)
                        asked.append((classified_text(cookie), known.our_category if known else None, want))
                    counts["ok"] += cookie.category == want
                    if cookie.category_source in ("text", None):
                        counts["text_n"] += 1
                        counts["text_ok"] += cookie.category == want
                    if args.errors and cookie.category != want:
                        text = (cookie.purpose or cookie.function or "")[:90]
                        print(f"  {cookie.name} [{cookie.provider}] {cookie.category} != {want}: {text}")
            said = classify([text for text, _, _ in asked], [hint for _, hint, _ in asked])
            counts["read"] = sum(got == want for got, (_, _, want) in zip(said, asked, strict=True))
            counts["read_n"] = len(asked)
            if args.errors:
                for got, (text, _, want) in zip(said, asked, strict=True):
                    if got != want:
                        print(f"  (text alone) {got} != {want}: {text[:90]}")
            for k, v in counts.items():
                totals[k] += v
            print(
                f"{doc.name:<45} {counts['n']:>8} {_share(counts['ok'], counts['n']):>9} "
                f"{_share(counts['text_ok'], counts['text_n']):>6} ({counts['text_ok']}/{counts['text_n']})"
                f" {_share(counts['read'], counts['read_n']):>6} ({counts['read']}/{counts['read_n']})"
            )
    print(
        f"{'ALL (pooled)':<45} {totals['n']:>8} {_share(totals['ok'], totals['n']):>9} "
        f"{_share(totals['text_ok'], totals['text_n']):>6} ({totals['text_ok']}/{totals['text_n']})"
        f" {_share(totals['read'], totals['read_n']):>6} ({totals['read']}/{totals['read_n']})"
    )
    return 0


# Words too common in purpose texts to tell one from another (English, French, German, Spanish, Italian, Dutch).
COMMON = frozenset(
    "the and for are this that cookie cookies used use with your you our which from whether its les des une est "
    "pour par dans sur der die das und zu den von mit ist ein eine los las del por para che per gli het een van "
    "voor".split()
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", text.casefold()) if w not in COMMON}


def _restates(text: str, held: set[str]) -> bool:
    """Whether half or more of ``text``'s words are in one of the ``held`` texts (a paraphrase of it)."""
    words = _words(text)
    return bool(words) and any(len(words & _words(other)) * 2 >= len(words) for other in held)


def _share(right: int, count: int) -> str:
    return f"{right / count:.3f}" if count else "-"


if __name__ == "__main__":
    sys.exit(main())
