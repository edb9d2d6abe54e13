"""Writes samples/cookie-richtlinie-de.docx: a German cookie policy as a legal team sends it, made with python-docx.

Headings by paragraph style, a table whose category rows are merged across all columns, a cell holding two
cookie names as two paragraphs, a cell with a line break. The committed file is the reviewed one: rerun only to
change the sample, then review its golden output (``make regen``).

usage: python scripts/make_docx_sample.py [OUT.docx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

ROWS: list[tuple[str, ...]] = [
    ("Unbedingt erforderliche Cookies",),
    ("PHPSESSID", "Kanzlei Muster", "Hält die Sitzung des Besuchers über die Seitenaufrufe hinweg", "Sitzung"),
    ("cookie_consent\ncookie_consent_level", "Kanzlei Muster", "Speichert die Cookie-Einwilligung", "12 Monate"),
    ("Analyse-Cookies",),
    ("_pk_id.*", "Matomo", "Speichert eine eindeutige Besucherkennung für die Statistik", "13 Monate"),
    ("_pk_ses.*", "Matomo", "Zählt die Seitenaufrufe eines Besuchs", "30 Minuten"),
]


def build(out: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "extractor"
    document.add_heading("Cookie-Richtlinie", level=1)
    document.add_paragraph(
        "Diese Richtlinie beschreibt, welche Cookies die Website der Kanzlei Muster setzt und wozu. Sie können "
        "Ihre Einwilligung jederzeit über den Link am Ende jeder Seite widerrufen."
    )
    document.add_heading("Welche Cookies wir verwenden", level=2)
    table = document.add_table(rows=1, cols=4)
    for cell, label in zip(table.rows[0].cells, ("Cookie-Name", "Anbieter", "Zweck", "Speicherdauer"), strict=True):
        cell.text = label
    for values in ROWS:
        cells = table.add_row().cells
        if len(values) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            first, *more = value.split("\n")
            cell.text = first
            for line in more:  # further names as further paragraphs of the cell
                cell.add_paragraph(line)
    document.add_heading("Kontakt", level=2)
    document.add_paragraph("Fragen zum Datenschutz richten Sie bitte an datenschutz@kanzlei-muster.example.")
    document.save(str(out))
    print("wrote", out)


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "samples" / "cookie-richtlinie-de.docx")
