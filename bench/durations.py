#!/usr/bin/env python3
"""How many of the Open Cookie Database's distinct retention strings the duration parser reads.

usage: python bench/durations.py

Reads the facts shipped in the package (extractor/knowledge/data), prints the share read into a kind (and
seconds where the string states a length) and lists the strings it could not read.
"""

from __future__ import annotations

import sys

from extractor.knowledge import known_cookies
from extractor.normalize.durations import is_stated_unknown, parse_duration


def main() -> int:
    facts = known_cookies()
    strings = sorted({f.retention for fs in facts.by_name.values() for f in fs})
    unread = [s for s in strings if not (parse_duration(s).parsed or is_stated_unknown(s))]
    kinds: dict[str, int] = {}
    for text in strings:
        kind = parse_duration(text).kind
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"distinct retention strings: {len(strings)}; read: {1 - len(unread) / len(strings):.4f}")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for text in unread:
        print(f"  not read: {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
