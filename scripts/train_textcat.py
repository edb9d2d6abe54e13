#!/usr/bin/env python3
"""Train the purpose-text classifier shipped in extractor/nlp/model.

usage: python scripts/train_textcat.py [--epochs N] [--out DIR]

Data (in training/categories/): the Open Cookie Database's descriptions with their categories (ocd.tsv,
Apache-2.0: see LICENSE and NOTICE there; refreshed from ../shared by --refresh-ocd), purpose texts written
for this project in several languages (handwritten.tsv), and the purposes of the development corpus with their
judged categories (dev.tsv, refreshed by --refresh-dev). A fifth of the rows, chosen by a hash of the text, is
held out; bench/categories.py prints the accuracy on it. Training is seeded, so the same data gives the same
model.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

from extractor.knowledge import CATEGORY_MAP as OCD_MAP
from extractor.nlp import META_STOP_WORDS, classifier_text, spacy_stop_words

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "categories"
OUT = ROOT / "extractor" / "nlp" / "model"
OCD_CSV = ROOT.parent / "shared" / "data" / "open-cookie-database" / "open-cookie-database.csv"
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
LABELS = ("necessary", "functional", "analytics", "marketing")
HELD_OUT = 5  # one row in this many is kept for evaluation
SEED = 13
# The shipped model was trained with these defaults: rerunning the script rewrites it byte for byte.
EPOCHS = 40


# The classifier: a bag of words and word pairs (no pretrained vectors exist here to build on).
MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,
}


def held_out(text: str) -> bool:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % HELD_OUT == 0


def read_rows(names: tuple[str, ...] = ("ocd.tsv", "handwritten.tsv", "dev.tsv")) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for name in names:
        if not (DATA / name).exists():
            continue
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["label"] in LABELS and row["text"].strip():
                    rows.append((row["text"].strip(), row["label"]))
    return sorted(set(rows))


def split() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    rows = read_rows()
    return [r for r in rows if not held_out(r[0])], [r for r in rows if held_out(r[0])]


# The database's "Functional" holds both what policies call strictly necessary (sessions, security, load
# balancing) and what they call functional (preferences); descriptions of the second kind say so.
PREFERENCE = re.compile(
    r"\b(?:prefer\w*|language|locale|setting|settings|theme|time ?zone|display|customi[sz]\w*|remember\w* (?:your|the "
    r"user'?s?) (?:choice|selection)|personali[sz]\w*|video player|volume|font)\b",
    re.IGNORECASE,
)


# ... and some describe advertising or analytics ("conversion tracking, retargeting, analytics"): such a row is
# neither of our necessary nor functional, and it is left out rather than relabelled by guess. Consent records
# naming those categories ("stores the user's consent for marketing cookies") stay necessary.
OTHER_PURPOSE = re.compile(
    r"\b(?:advert\w*|retarget\w*|remarketing|conversions?|ads?|targeted|analytic\w*|statistic\w*)\b", re.IGNORECASE
)
CONSENT_RECORD = re.compile(
    r"\b(?:consent\w*|opt.?(?:out|in)|agreement|permission|allowed|choices?|preferences?|banned|settings?|accepted|"
    r"declined)\b",
    re.IGNORECASE,
)


def ocd_label(category: str, description: str) -> str | None:
    """Our label for a database row, or ``None`` when its category does not say which of ours it is."""
    label = OCD_MAP[category]
    if category == "Functional":
        if OTHER_PURPOSE.search(description) and not CONSENT_RECORD.search(description):
            return None
        if PREFERENCE.search(description):
            return "functional"
    return label


def refresh_ocd(source: Path) -> None:
    """Write ocd.tsv (description, mapped label) from the Open Cookie Database CSV."""
    with source.open(encoding="utf-8", newline="") as handle:
        labelled = {
            (" ".join(row["Description"].split()), ocd_label(row["Category"].strip(), row["Description"]))
            for row in csv.DictReader(handle)
            if row["Category"].strip() in OCD_MAP and row["Description"].strip()
        }
    pairs = sorted((text, label) for text, label in labelled if label is not None)
    with (DATA / "ocd.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "text"])
        writer.writerows((label, text) for text, label in pairs)
    shutil.copyfile(source.parent / "LICENSE", DATA / "LICENSE")
    print(f"wrote {len(pairs)} rows to {DATA / 'ocd.tsv'}")


def truth_text(cookie: dict[str, str | None]) -> str:
    """The text a truth record is classified by: its function and purpose, whitespace collapsed."""
    return " ".join(" ".join(t for t in (cookie.get("function"), cookie.get("purpose")) if t).split())


def dev_pairs(corpus: Path, skip: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    """(function and purpose text, category) of the development corpus's truth files, but those of ``skip``."""
    import json

    pairs = set()
    for truth in sorted(corpus.glob("*/truth.json")):
        if truth.parent.name in skip:
            continue
        for cookie in json.loads(truth.read_text(encoding="utf-8"))["cookies"]:
            text = truth_text(cookie)
            if text and cookie["category"] in LABELS:
                pairs.add((text, cookie["category"]))
    return pairs


def refresh_dev(corpus: Path) -> None:
    """Write dev.tsv from the development corpus's truth files."""
    pairs = dev_pairs(corpus)
    with (DATA / "dev.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "text"])
        writer.writerows((label, text) for text, label in sorted(pairs))
    print(f"wrote {len(pairs)} rows to {DATA / 'dev.tsv'}")


def train(epochs: int, out: Path, training: list[tuple[str, str]] | None = None, quiet: bool = False) -> None:
    """Train on ``training`` (default: the rows of training/categories/ outside the held-out split)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    random.seed(SEED)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": MODEL})
    for label in LABELS:
        textcat.add_label(label)
    if training is None:
        training, _ = split()
    # The function words the model reads texts without travel in its meta.json (extractor.nlp reads them there).
    stop = spacy_stop_words()
    nlp.meta[META_STOP_WORDS] = sorted(stop)
    examples = [
        Example.from_dict(
            nlp.make_doc(classifier_text(text, stop)), {"cats": {lab: float(lab == label) for lab in LABELS}}
        )
        for text, label in training
    ]
    optimizer = nlp.initialize(lambda: examples)
    for epoch in range(epochs):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses)
        if not quiet:
            print(f"epoch {epoch + 1}: loss {losses['textcat']:.3f}")
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    if not quiet:
        print(f"saved {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--refresh-ocd", action="store_true", help=f"rebuild ocd.tsv from {OCD_CSV}")
    parser.add_argument("--refresh-dev", action="store_true", help=f"rebuild dev.tsv from {DEV_CORPUS}")
    args = parser.parse_args()
    if args.refresh_ocd:
        refresh_ocd(OCD_CSV)
    if args.refresh_dev:
        refresh_dev(DEV_CORPUS)
    train(args.epochs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
