#!/usr/bin/env python3
"""Build the known-cookie facts shipped in extractor/knowledge/data from the Open Cookie Database.

usage: python scripts/build_knowledge.py [CSV]   (default: ../shared/data/open-cookie-database/open-cookie-database.csv)

Keeps facts only (name, platform, category, retention, domain, wildcard flag), never the Description prose,
and copies the Apache-2.0 license beside them with a NOTICE saying what was changed. Output is sorted and
stable, so rebuilding from the same CSV gives the same bytes.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "open-cookie-database" / "open-cookie-database.csv"
OUT = ROOT / "extractor" / "knowledge" / "data"
NOTICE = """Open Cookie Database facts
==========================

cookies.json is derived from the Open Cookie Database
(github.com/jkwakman/Open-Cookie-Database, file open-cookie-database.csv, commit 0ee5a17, January 2026),
licensed under the Apache License 2.0 (LICENSE in this folder).

Changes made: only the columns Platform, Category, Cookie / Data Key name, Domain, Retention period and
Wildcard match are kept; the ID, Description, Data Controller and privacy-portal columns are dropped; rows are
sorted by name and platform and written as JSON by scripts/build_knowledge.py.
"""


def main(source: Path) -> None:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    facts = sorted(
        {
            (
                row["Cookie / Data Key name"].strip(),
                row["Platform"].strip(),
                row["Category"].strip(),
                row["Retention period"].strip(),
                row["Domain"].strip(),
                row["Wildcard match"].strip() == "1",
            )
            for row in rows
            if row["Cookie / Data Key name"].strip()
        }
    )
    OUT.mkdir(parents=True, exist_ok=True)
    keys = ["name", "platform", "category", "retention", "domain", "wildcard"]
    lines = [json.dumps(list(fact), ensure_ascii=False) for fact in facts]
    text = '{"fields": ' + json.dumps(keys) + ',\n"rows": [\n' + ",\n".join(lines) + "\n]}\n"
    (OUT / "cookies.json").write_text(text, encoding="utf-8")
    shutil.copyfile(source.parent / "LICENSE", OUT / "LICENSE")
    (OUT / "NOTICE").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {len(facts)} facts to {OUT / 'cookies.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV)
