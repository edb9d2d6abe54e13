#!/usr/bin/env python3
"""Accuracy of the purpose-text classifier on its held-out split, and how fast it loads.

usage: python bench/categories.py

The split is the one scripts/train_textcat.py trains without (a fifth of training/categories/*.tsv, chosen
by a hash of the text). End-to-end category accuracy on the development corpus is printed by
bench/accuracy.py (column category_acc).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_trainer() -> ModuleType:
    """scripts/train_textcat.py as a module (a script, not part of the package): its data, split and trainer."""
    spec = importlib.util.spec_from_file_location("train_textcat", ROOT / "scripts" / "train_textcat.py")
    assert spec and spec.loader
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    return trainer


def main() -> int:
    trainer = load_trainer()
    from extractor.nlp import classify, load_model

    started = time.perf_counter()
    model = load_model()
    loaded = time.perf_counter() - started
    if model is None:
        print("no trained model in extractor/nlp/model: run python scripts/train_textcat.py")
        return 1
    started = time.perf_counter()
    classify(["Counts the visits of the site"])
    first = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (ROOT / "extractor" / "nlp" / "model").rglob("*") if p.is_file())
    _, held = trainer.split()
    predicted = classify([text for text, _ in held])
    right = sum(p == label for p, (_, label) in zip(predicted, held, strict=True))
    confusion = Counter((label, p) for p, (_, label) in zip(predicted, held, strict=True) if p != label)
    print(f"model: {size / 1e6:.2f} MB, loaded in {loaded:.2f} s, first text classified {first:.3f} s later")
    print(f"held-out accuracy: {right / len(held):.4f} ({right}/{len(held)})")
    for (truth, guess), count in confusion.most_common(8):
        print(f"  {truth:>10} -> {guess}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
