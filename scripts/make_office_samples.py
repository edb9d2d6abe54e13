"""Writes samples/office/*.pdf: cookie policies as an office suite prints them, each table in a style real
policies use, made with python-docx and printed to PDF by LibreOffice (``soffice --headless --convert-to pdf``).

The PDFs are committed (a few kilobytes each) with this script, so the tests need no office suite; rerun it only
to change a sample, then review what ``tests/test_office_pdfs.py`` expects of it. Kinds of document:

- ``shaded-merged``: a shaded header row, category rows merged across the table, a provider cell merged down
  over the rows it serves, two names in one cell as two paragraphs, no vertical borders;
- ``long-landscape``: a landscape page, double and dotted borders, a 70-row table whose header row repeats on
  every page and whose rows break across pages;
- ``header-rule-only``: no grid at all, one rule under the header (the "book" style), purposes wrapping over
  several lines in a narrow column;
- ``cards``: one small two-column table per cookie (Name / Purpose / Duration / Provider as labels).

usage: python scripts/make_office_samples.py [OUT_DIR]   (needs LibreOffice's soffice on PATH)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "samples" / "office"
INTRO = (
    "This policy explains which cookies our website sets, who sets them and for how long. You can change your "
    "choice at any time with the link at the foot of every page."
)


def _borders(element: Any, tag: str, **edges: tuple[str, int]) -> None:
    """Set ``w:tblBorders`` / ``w:tcBorders`` edges: name -> (style, eighths of a point)."""
    borders = OxmlElement(tag)
    for edge, (style, size) in edges.items():
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), style)
        node.set(qn("w:sz"), str(size))
        node.set(qn("w:space"), "0")
        node.set(qn("w:color"), "404040")
        borders.append(node)
    element.append(borders)


def _table_borders(table: Any, **edges: tuple[str, int]) -> None:
    _borders(table._tbl.tblPr, "w:tblBorders", **edges)


def _cell_borders(cell: Any, **edges: tuple[str, int]) -> None:
    _borders(cell._tc.get_or_add_tcPr(), "w:tcBorders", **edges)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _start(title: str) -> Any:
    document = docx.Document()
    document.core_properties.author = "extractor"
    document.styles["Normal"].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(title, level=1)
    document.add_paragraph(INTRO)
    return document


def _fill(row: Any, values: tuple[str, ...]) -> None:
    for cell, value in zip(row.cells, values, strict=True):
        paragraphs = value.split("\n")
        cell.text = paragraphs[0]
        for more in paragraphs[1:]:
            cell.add_paragraph(more)


def shaded_merged(document: Any) -> None:
    document.add_heading("Cookies we use", level=2)
    table = document.add_table(rows=1, cols=4)
    _table_borders(table, top=("single", 8), bottom=("single", 8), insideH=("single", 4))
    _fill(table.rows[0], ("Provider", "Cookie name", "Purpose", "Expiry"))
    for cell in table.rows[0].cells:
        _shade(cell, "D9E2F3")
    sections: list[tuple[str, list[tuple[str, str, str, str]]]] = [
        (
            "Strictly necessary cookies",
            [
                ("Northwind", "nw_session", "Keeps you signed in while you move from page to page.", "Session"),
                ("Northwind", "nw_consent\nnw_consent_level", "Stores the choice you made about cookies.", "1 year"),
                ("Northwind", "nw_csrf", "Protects the forms of the site against forged requests.", "Session"),
            ],
        ),
        (
            "Analytics cookies",
            [
                ("Matomo", "_pk_id.1.a2b3", "Stores a unique visitor ID to count returning visits.", "13 months"),
                ("Matomo", "_pk_ses.1.a2b3", "Counts the pages viewed during one visit.", "30 minutes"),
            ],
        ),
    ]
    for heading, rows in sections:
        merged = table.add_row()
        merged.cells[0].merge(merged.cells[-1])
        merged.cells[0].text = heading
        merged.cells[0].paragraphs[0].runs[0].bold = True
        first = len(table.rows)
        for values in rows:
            _fill(table.add_row(), values)
        # The provider written once, in a cell merged down over the rows it serves.
        top = table.rows[first].cells[0]
        top.merge(table.rows[len(table.rows) - 1].cells[0])
        top.text = rows[0][0]


LONG_ROWS = 70


def long_landscape(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    document.add_heading("Marketing cookies", level=2)
    table = document.add_table(rows=1, cols=5)
    _table_borders(
        table,
        top=("double", 6),
        bottom=("double", 6),
        left=("double", 6),
        right=("double", 6),
        insideH=("dotted", 4),
        insideV=("single", 4),
    )
    _fill(table.rows[0], ("Name", "Provider", "Purpose", "Duration", "Type"))
    _repeat_header(table.rows[0])
    providers = ("Adnet", "Bidhouse", "Clickwave")
    for i in range(LONG_ROWS):
        provider = providers[i % len(providers)]
        purpose = (
            f"Lets {provider} show you ads about the products you looked at, and measures how often "
            f"each ad of campaign {i + 1} was seen and clicked."
        )
        _fill(table.add_row(), (f"ad_track_{i:02d}", provider, purpose, f"{(i % 12) + 1} months", "Third party"))


def header_rule_only(document: Any) -> None:
    document.add_heading("Functional cookies", level=2)
    table = document.add_table(rows=1, cols=3)
    _table_borders(table, top=("nil", 0), bottom=("nil", 0), insideH=("nil", 0), insideV=("nil", 0))
    _fill(table.rows[0], ("Cookie", "What it does", "Kept for"))
    for cell in table.rows[0].cells:
        _cell_borders(cell, bottom=("single", 12))
        cell.paragraphs[0].runs[0].bold = True
    rows = [
        ("pref_lang", "Remembers the language you chose so that every page is shown in it.", "1 year"),
        ("pref_font_size", "Remembers the text size you chose for reading the site.", "6 months"),
        ("video_volume", "Remembers the volume of the video player between videos.", "30 days"),
        ("map_zoom_level", "Remembers how far you zoomed into the store map.", "Session"),
    ]
    for values in rows:
        _fill(table.add_row(), values)
    widths = (Cm(3.5), Cm(6.0), Cm(2.5))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def cards(document: Any) -> None:
    document.add_heading("Analytics cookies", level=2)
    for name, purpose, duration, provider in [
        ("_ga", "Tells visitors apart to count visits.", "2 years", "Google"),
        ("_gid", "Tells visitors apart for one day.", "24 hours", "Google"),
        ("_hjSessionUser_123", "Keeps the same user ID across the pages of a visit.", "1 year", "Hotjar"),
    ]:
        table = document.add_table(rows=0, cols=2)
        _table_borders(table, top=("single", 4), bottom=("single", 4), insideH=("single", 4))
        for label, value in (("Name", name), ("Purpose", purpose), ("Duration", duration), ("Provider", provider)):
            row = table.add_row()
            row.cells[0].text = label
            row.cells[0].paragraphs[0].runs[0].bold = True
            row.cells[1].text = value
        document.add_paragraph()


KINDS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "shaded-merged": ("Cookie policy", shaded_merged),
    "long-landscape": ("Cookie policy", long_landscape),
    "header-rule-only": ("Cookie policy", header_rule_only),
    "cards": ("Cookie policy", cards),
}


def build(out: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: install LibreOffice (Debian: libreoffice-writer-nogui)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, (title, fill) in KINDS.items():
            document = _start(title)
            fill(document)
            source = Path(work) / f"{name}.docx"
            document.save(str(source))
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            written.append(out / f"{name}.pdf")
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT):
        print(f"{path} ({path.stat().st_size} bytes)")
