#!/usr/bin/env python3
"""Render the PDF samples in samples/ from the document specs below.

usage: python scripts/render_samples.py [OUT_DIR]   (default: samples/)

A small, dependency-free PDF writer: Helvetica text placed with the font's own metrics (the ones pdfminer
ships), cells wrapped to their column, optional cell borders, page breaks that repeat the header row or
not, a running header and page numbers. Output is deterministic (no dates, no ids), so the samples and their
golden files only change when this script does.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
MARGIN = 56.0
CELL_PADDING = 4.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    widths = FONT_METRICS["Helvetica-Bold" if bold else "Helvetica"][1]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, bold) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@dataclass
class Table:
    heading: str
    headers: list[str]
    widths: list[float]  # shares of the text width
    rows: list[list[str]]


@dataclass
class Spec:
    name: str
    title: str
    intro: str
    tables: list[Table]
    size: float = 10.0
    ruled: bool = False
    repeat_header: bool = True
    running_header: str | None = None
    page_label: str = "Page {n}"
    outro: str = ""


@dataclass
class Writer:
    size: float
    pages: list[list[bytes]] = field(default_factory=lambda: [[]])
    y: float = PAGE_HEIGHT - MARGIN

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
        font = "F2" if bold else "F1"
        self.pages[-1].append(b"BT /%s %.2f Tf %.2f %.2f Td (%s) Tj ET" % (font.encode(), size, x, y, escape(text)))

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(b"0.5 w %.2f %.2f m %.2f %.2f l S" % (x0, y0, x1, y1))

    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN

    def room(self, height: float) -> bool:
        return self.y - height >= MARGIN

    def paragraph(self, text: str, size: float, bold: bool = False, gap: float = 0.6) -> None:
        leading = size * 1.3
        for line in wrap(text, PAGE_WIDTH - 2 * MARGIN, size, bold):
            if not self.room(leading):
                self.new_page()
            self.y -= leading
            self.text(MARGIN, self.y + size * 0.25, line, size, bold)
        self.y -= gap * size


def render_table(w: Writer, table: Table, spec: Spec) -> None:
    size = spec.size
    leading = size * 1.25
    total = PAGE_WIDTH - 2 * MARGIN
    xs = [MARGIN]
    for share in table.widths:
        xs.append(xs[-1] + share * total)

    def cells(values: list[str], bold: bool) -> list[list[str]]:
        return [wrap(v, xs[i + 1] - xs[i] - 2 * CELL_PADDING, size, bold) if v else [] for i, v in enumerate(values)]

    def draw_row(values: list[str], bold: bool) -> None:
        wrapped = cells(values, bold)
        height = max(len(c) for c in wrapped) * leading + 2 * CELL_PADDING
        top = w.y
        for i, lines in enumerate(wrapped):
            for k, line in enumerate(lines):
                baseline = top - CELL_PADDING - (k + 1) * leading + size * 0.3
                w.text(xs[i] + CELL_PADDING, baseline, line, size, bold)
        w.y -= height
        if spec.ruled:
            w.rule(xs[0], top, xs[-1], top)
            w.rule(xs[0], w.y, xs[-1], w.y)
            for x in xs:
                w.rule(x, top, x, w.y)

    def row_height(values: list[str], bold: bool) -> float:
        return max(len(c) for c in cells(values, bold)) * leading + 2 * CELL_PADDING

    w.paragraph(table.heading, size * 1.3, bold=True)
    draw_row(table.headers, bold=True)
    for row in table.rows:
        if not w.room(row_height(row, False)):
            w.new_page()
            if spec.repeat_header:
                draw_row(table.headers, bold=True)
        draw_row(row, bold=False)
    w.y -= size


def pdf_bytes(pages: list[list[bytes]]) -> bytes:
    objects: list[bytes] = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    objects.append(font % b"Helvetica")
    objects.append(font % b"Helvetica-Bold")
    for i, ops in enumerate(pages):
        stream = b"\n".join(ops)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT, 6 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def render(spec: Spec) -> bytes:
    w = Writer(spec.size)
    w.paragraph(spec.title, spec.size * 1.6, bold=True)
    w.paragraph(spec.intro, spec.size)
    for table in spec.tables:
        render_table(w, table, spec)
    if spec.outro:
        w.paragraph(spec.outro, spec.size)
    for n, ops in enumerate(w.pages, start=1):
        if spec.running_header:
            ops.insert(
                0, b"BT /F2 9 Tf %.2f %.2f Td (%s) Tj ET" % (MARGIN, PAGE_HEIGHT - 30, escape(spec.running_header))
            )
        label = spec.page_label.format(n=n, total=len(w.pages))
        ops.append(b"BT /F1 9 Tf %.2f %.2f Td (%s) Tj ET" % (PAGE_WIDTH / 2 - 20, 28.0, escape(label)))
    return pdf_bytes(w.pages)


LOREM_EN = (
    "We use cookies to make this website work, to remember your choices and, with your consent, to measure how "
    "the site is used so that we can improve it. You can change your choices at any time from the link at the "
    "bottom of every page."
)

SPECS = [
    Spec(
        name="cookies-ruled-en.pdf",
        title="Cookie policy",
        intro=LOREM_EN,
        ruled=True,
        running_header="Example Shop Ltd",
        page_label="Page {n} of {total}",
        tables=[
            Table(
                "Strictly necessary cookies",
                ["Provider", "Cookie name", "Purpose", "Expiry"],
                [0.18, 0.22, 0.42, 0.18],
                [
                    ["Example Shop", "sessionid", "Keeps you signed in as you move from page to page", "Session"],
                    [
                        "Example Shop",
                        "csrftoken",
                        "Protects the forms of the site against cross-site request forgery",
                        "1 year",
                    ],
                    [
                        "Example Shop",
                        "cart_id",
                        "Remembers the content of your shopping basket between visits",
                        "30 days",
                    ],
                    ["Cloudflare", "__cf_bm", "Distinguishes people from automated traffic and bots", "30 minutes"],
                ]
                + [
                    [
                        "Example Shop",
                        f"ab_test_{i}",
                        f"Remembers which variant {i} of a page test you were shown "
                        "so that you see the same variant on every visit",
                        f"{i + 1} days",
                    ]
                    for i in range(1, 19)
                ],
            ),
            Table(
                "Analytics cookies",
                ["Provider", "Cookie name", "Purpose", "Expiry"],
                [0.18, 0.22, 0.42, 0.18],
                [
                    [
                        "Google",
                        "_ga, _gid and _gat",
                        "Count visits and see how visitors move around the site",
                        "Up to 2 years",
                    ],
                    ["Matomo", "_pk_id.*", "Recognises a returning visitor without identifying them", "13 months"],
                    [
                        "Google",
                        "__utma\n__utmb\n__utmz",
                        "Older Google Analytics cookies that count visits",
                        "Up to 2 years",
                    ],
                ],
            ),
        ],
        outro="If you have questions about this policy, write to privacy@shop.example.",
    ),
    Spec(
        name="cookies-borderless-fr.pdf",
        title="Politique de cookies",
        intro="Ce site dépose des cookies pour fonctionner et, avec votre accord, pour mesurer son audience. "
        "Vous pouvez modifier vos choix à tout moment.",
        tables=[
            Table(
                "Cookies de mesure d'audience",
                ["Nom du cookie", "Fournisseur", "Finalité", "Durée de conservation"],
                [0.27, 0.15, 0.4, 0.18],
                [
                    [
                        "_pk_id.*",
                        "Matomo",
                        "Permet de reconnaître un visiteur qui revient sur le site sans l'identifier personnellement",
                        "13 mois",
                    ],
                    ["_pk_ses.*", "Matomo", "Regroupe les pages consultées pendant une même visite", "30 minutes"],
                    ["mtm_consent_removed", "Matomo", "Mémorise que vous avez refusé la mesure d'audience", "30 ans"],
                ],
            ),
            Table(
                "Cookies strictement nécessaires",
                ["Nom du cookie", "Fournisseur", "Finalité", "Durée de conservation"],
                [0.2, 0.16, 0.44, 0.2],
                [
                    ["PHPSESSID", "Boutique", "Conserve votre session de navigation entre deux pages", "Session"],
                    ["panier_id", "Boutique", "Mémorise le contenu de votre panier", "30 jours"],
                ],
            ),
        ],
    ),
    Spec(
        name="cookies-paged-de.pdf",
        title="Cookie-Richtlinie",
        intro="Wir verwenden Cookies, um unsere Website bereitzustellen und, mit Ihrer Einwilligung, ihre "
        "Nutzung zu messen. Sie können Ihre Auswahl jederzeit ändern.",
        size=14.0,
        repeat_header=False,
        running_header="Beispiel GmbH",
        page_label="Seite {n} von {total}",
        tables=[
            Table(
                "Statistik-Cookies",
                ["Cookie-Name", "Anbieter", "Zweck", "Ablauf"],
                [0.24, 0.18, 0.38, 0.2],
                [
                    [
                        f"stat_{k}",
                        "Beispiel",
                        f"Zählt die Aufrufe der Seite {k} ohne Sie persönlich zu erkennen",
                        f"{k} Monate",
                    ]
                    for k in range(1, 15)
                ],
            ),
        ],
    ),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        (out / spec.name).write_bytes(render(spec))
        print("wrote", out / spec.name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "samples")
