"""Validate language files and list the words two languages read differently.

usage: python -m extractor.lexicon.check [FILE_OR_DIR ...]   (default: the package's languages/)
Exits 1 when a file does not parse; conflicts are printed, for a person to judge.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from extractor.lexicon import LANGUAGES_DIR, Language, LexiconError, parse_language


def _files(arguments: list[str]) -> list[Path]:
    paths = [Path(a) for a in arguments] or [LANGUAGES_DIR]
    return sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.json")))


def main(arguments: list[str]) -> int:
    parsed: list[Language] = []
    for file in _files(arguments):
        try:
            parsed.append(parse_language(json.loads(file.read_text(encoding="utf-8")), file.name))
        except (LexiconError, ValueError) as error:
            print(f"{file}: {error}")
            return 1
    headers: dict[str, set[tuple[str, str]]] = {}
    units: dict[str, set[tuple[str, str]]] = {}
    numbers: dict[str, set[tuple[int, str]]] = {}
    for lang in parsed:
        for role, words in lang.headers.items():
            for word in words:
                headers.setdefault(word, set()).add((role, lang.code))
        for unit, words in lang.units.items():
            for word in words:
                units.setdefault(word, set()).add((unit, lang.code))
        for number, words in lang.numbers.items():
            for word in words:
                numbers.setdefault(word, set()).add((number, lang.code))
        counts = {
            "headers": sum(len(w) for w in lang.headers.values()),
            "categories": sum(len(w) for w in lang.categories.values()),
            "units": sum(len(w) for w in lang.units.values()),
            "numbers": sum(len(w) for w in lang.numbers.values()),
            "function_words": len(lang.function_words),
        }
        print(f"{lang.code:6} {lang.name:22} " + " ".join(f"{k}={v}" for k, v in counts.items()))
    tables: tuple[tuple[str, dict[str, set[tuple[Any, str]]]], ...] = (
        ("header", dict(headers)),
        ("unit", dict(units)),
        ("number", dict(numbers)),
    )
    for kind, table in tables:
        for word, readings in sorted(table.items()):
            if len({r for r, _ in readings}) > 1:
                listed = ", ".join(f"{r} ({c})" for r, c in sorted(readings, key=str))
                print(f"conflict: {kind} word {word!r}: {listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
