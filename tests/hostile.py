#!/usr/bin/env python3
"""Make the hostile corpus the limit tests feed to the extractor: bombs, spans, depth, run-together text,
encodings and unreadable fonts, each written at test time (nothing binary is committed).

usage: python tests/hostile.py OUT_DIR

Each function writes one input and returns its path; ``make_all`` writes every one of them at sizes that cross
the default limits (``tests/test_hostile.py`` also makes smaller ones and lowers the limits to prove the
mechanism fast).
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.render_samples import pdf_file  # noqa: E402
from tests.badinputs import one_page_pdf  # noqa: E402

SEED = ROOT / "samples" / "opendatasoft-cookie-policy.txt"
HEADER = ("Cookie name", "Provider", "Purpose", "Expiry")
ROWS = (
    ("_ga", "Google", "Distinguishes users for statistics", "2 years"),
    ("_gid", "Google", "Distinguishes users for statistics", "1 day"),
    ("PHPSESSID", "Example Ltd", "Keeps the session of the visitor", "Session"),
)
MEGABYTE = 1 << 20


def repeated_deflate(chunk: bytes, times: int) -> bytes:
    """A zlib stream of ``chunk`` repeated ``times`` times, made in the time of compressing it twice: after a full
    flush the compressor forgets what came before, so each further copy compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    body = first + again * (times - 1) + compressor.flush()
    return b"\x78\xda" + body + checksum.to_bytes(4, "big")


# ---- ZIP (DOCX) -------------------------------------------------------------------------------------------------


def docx_bytes(body_xml: str = "", paragraphs: tuple[str, ...] = ()) -> bytes:
    """A Word document: the paragraphs, then ``body_xml`` (WordprocessingML elements) in its body."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if body_xml:
        namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        wrapped = parse_xml(f"<w:body {namespace}>{body_xml}</w:body>")
        section = document.element.body[-1]  # the section properties stay last
        for element in list(wrapped):
            section.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _word_table(rows: list[str], columns: int) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(columns))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def cookie_table_xml() -> str:
    rows = [f"<w:tr>{''.join(_cell(c) for c in row)}</w:tr>" for row in (HEADER, *ROWS)]
    return _word_table(rows, len(HEADER))


def zip_bomb_docx(folder: Path, megabytes: int = 300) -> Path:
    """A real Word document with one more member that inflates to ``megabytes`` of zeros."""
    path = folder / "zip-bomb.docx"
    buffer = io.BytesIO(docx_bytes(cookie_table_xml(), ("Cookies",)))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            zeros = bytes(MEGABYTE)
            for _ in range(megabytes):
                member.write(zeros)
    path.write_bytes(buffer.getvalue())
    return path


def lying_zip_docx(folder: Path) -> Path:
    """A Word document whose document part says (in both ZIP headers) it unpacks to 100 bytes, and unpacks to more."""
    data = bytearray(docx_bytes(cookie_table_xml(), ("Cookies",)))
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = (100).to_bytes(4, "little")
            start += 4
    path = folder / "lying-zip.docx"
    path.write_bytes(bytes(data))
    return path


def grid_span_docx(folder: Path, span: int = 2_000_000_000) -> Path:
    """A cookie table whose header's first cell says it spans ``span`` grid columns."""
    wide = _cell(HEADER[0], f'<w:gridSpan w:val="{span}"/>')
    header = "<w:tr>" + wide + "".join(_cell(c) for c in HEADER[1:]) + "</w:tr>"
    rows = [header, *(f"<w:tr>{''.join(_cell(c) for c in row)}</w:tr>" for row in ROWS)]
    path = folder / "grid-span.docx"
    path.write_bytes(docx_bytes(_word_table(rows, len(HEADER)), ("Cookies",)))
    return path


def vertical_merge_docx(folder: Path, rows: int = 3000) -> Path:
    """A cookie table of ``rows`` rows whose provider cell is one cell merged down the whole table."""
    body = [f"<w:tr>{''.join(_cell(c) for c in HEADER)}</w:tr>"]
    for k in range(rows):
        merge = '<w:vMerge w:val="restart"/>' if k == 0 else "<w:vMerge/>"
        provider = _cell("Example Ltd" if k == 0 else "", merge)
        cells = [_cell(f"_cookie_{k}"), provider, _cell(f"Remembers setting {k}"), _cell("1 year")]
        body.append("<w:tr>" + "".join(cells) + "</w:tr>")
    path = folder / "vertical-merge.docx"
    path.write_bytes(docx_bytes(_word_table(body, len(HEADER)), ("Cookies",)))
    return path


GERMAN = (
    "Wir verwenden Cookies und ähnliche Technologien, um die Nutzung unserer Website zu analysieren, Inhalte zu "
    "personalisieren und Werbung anzuzeigen. Die Speicherdauer beträgt bis zu 2 Jahre; Anbieter ist Google Ireland "
    "Limited, Gordon House, Barrow Street, Dublin 4, Irland. Cookie-Name _ga, _gid und _gat. "
)


def german_paragraph_docx(folder: Path, size: int = 5700) -> Path:
    """One paragraph of German policy prose (capitalised nouns everywhere) of ``size`` characters."""
    text = (GERMAN * (size // len(GERMAN) + 1))[:size]
    path = folder / "german-paragraph.docx"
    path.write_bytes(docx_bytes(paragraphs=("Cookie-Richtlinie", text)))
    return path


# ---- HTML -------------------------------------------------------------------------------------------------------


def _html_table(rows: tuple[tuple[str, ...], ...] = ROWS, first_cell: str = "<th>") -> str:
    head = first_cell + HEADER[0] + "</th>" + "".join(f"<th>{c}</th>" for c in HEADER[1:])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    return f"<h2>Cookies</h2><table><tr>{head}</tr>\n{body}</table>"


def colspan_html(folder: Path, span: int = 2**31 - 1) -> Path:
    """A cookie table whose header's first cell spans ``span`` columns (and its first row as many rows)."""
    table = _html_table(first_cell=f'<th colspan="{span}">')
    table = table.replace("<td>_ga</td>", f'<td rowspan="{span}">_ga</td>', 1)
    path = folder / "colspan.html"
    path.write_text(f"<html><body>{table}</body></html>", encoding="utf-8")
    return path


def nested_divs_html(folder: Path, depth: int = 100_000) -> Path:
    """A cookie table at the bottom of ``depth`` nested ``<div>`` elements."""
    path = folder / "nested-divs.html"
    path.write_text(f"<html><body>{'<div>' * depth}{_html_table()}{'</div>' * depth}</body></html>", encoding="utf-8")
    return path


def big_html_table(folder: Path, rows: int = 100_000) -> Path:
    """A cookie table of ``rows`` rows."""
    body = tuple((f"_ck_{k}", "Example Ltd", f"Remembers setting {k}", f"{k % 365 + 1} days") for k in range(rows))
    path = folder / f"table-{rows}-rows.html"
    path.write_text(f"<html><body>{_html_table(body)}</body></html>", encoding="utf-8")
    return path


ACCENTED = {
    "iso-8859-2": ("Plik cookie", "Dostawca", "Cel", "Wygaśnięcie", "Zapamiętuje wybór języka użytkownika"),
    "windows-1251": ("Имя", "Поставщик", "Цель", "Срок", "Запоминает язык пользователя"),
}


def charset_html(folder: Path, charset: str, http_equiv: bool = False) -> Path:
    """A cookie table in a legacy code page, declared by ``<meta charset>`` (or by http-equiv's content)."""
    name, provider, purpose, expiry, sentence = ACCENTED[charset]
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if http_equiv
        else f'<meta charset="{charset}">'
    )
    table = (
        f"<table><tr><th>{name}</th><th>{provider}</th><th>{purpose}</th><th>{expiry}</th></tr>"
        f"<tr><td>_ga</td><td>Google</td><td>{sentence}</td><td>2 years</td></tr></table>"
    )
    path = folder / f"{charset}{'-http-equiv' if http_equiv else ''}.html"
    path.write_bytes(f"<html><head>{meta}</head><body><h2>Cookies</h2>{table}</body></html>".encode(charset))
    return path


def utf16_html(folder: Path, bom: bool) -> Path:
    """A cookie table in UTF-16 (little-endian), with or without a byte-order mark."""
    page = f"<html><body>{_html_table()}</body></html>"
    path = folder / f"utf-16{'-bom' if bom else ''}.html"
    path.write_bytes(page.encode("utf-16" if bom else "utf-16-le"))
    return path


def prologue_html(folder: Path, prologue: int = 4096) -> Path:
    """A page whose markup starts after ``prologue`` bytes of plain text (a saved mail, a log line, ...)."""
    text = ("This page was saved from the web on the first of December. " * (prologue // 50 + 1))[:prologue]
    path = folder / "prologue.html"
    path.write_text(f"{text}\n<html><body>{_html_table()}</body></html>", encoding="utf-8")
    return path


# ---- text -------------------------------------------------------------------------------------------------------


def glued_row_text(folder: Path, size: int = 4096) -> Path:
    """A run-together header and one body "row" of ``size`` characters with no line break."""
    row = "_gaGoogle AnalyticsUsed to distinguish users from one visit to the next2 years"
    body = "".join(row.replace("_ga", f"_ga{k}") for k in range(size // len(row) + 1))[:size]
    path = folder / "glued-row.txt"
    path.write_text(f"Cookies\n\nNameProviderPurposeExpiry\n{body}\n", encoding="utf-8")
    return path


def stray_byte_text(folder: Path) -> Path:
    """The seed policy in UTF-8, with accented words, and one stray cp1252 byte ("é" as 0xE9)."""
    text = SEED.read_text(encoding="utf-8").replace("Opendatasoft", "Opendatasöft")
    data = text.encode("utf-8").replace(b"visitor", b"visit\xe9r", 1)
    path = folder / "stray-byte.txt"
    path.write_bytes(data)
    return path


# ---- PDF --------------------------------------------------------------------------------------------------------


def nested_flate_pdf(folder: Path, megabytes: int = 2048) -> Path:
    """A page whose content stream is Flate inside Flate: a few kilobytes that inflate to ``megabytes`` of spaces."""
    inner = repeated_deflate(b" " * MEGABYTE, megabytes)
    return one_page_pdf(folder / "nested-flate.pdf", zlib.compress(inner, 9), b"[/FlateDecode /FlateDecode]")


def _page_ops(rows: tuple[tuple[str, ...], ...], font: bytes, top: int, encode: Callable[[str], bytes]) -> bytes:
    ops = [b"BT /F1 14 Tf 56 %d Td (Cookies) Tj ET" % (top + 40)]
    for number, row in enumerate((HEADER, *rows)):
        for column, cell in enumerate(row):
            position = (56 + 130 * column, top - 22 * number)
            ops.append(b"BT /%s 10 Tf %d %d Td %s Tj ET" % (font, *position, encode(cell)))
    return b"\n".join(ops)


def _literal(text: str) -> bytes:
    return b"(" + text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _glyph_ids(text: str) -> bytes:
    """Two-byte codes of a font's glyph ids (a TrueType font's ids run 29 below ASCII), no Unicode in sight."""
    return b"<" + "".join(f"{max(ord(c) - 29, 1):04X}" for c in text).encode() + b">"


def pdf_pages(pages: list[bytes], width: int = 595, height: int = 842) -> bytes:
    """A PDF of these content streams, with /F1 Helvetica and /F9 a CID font without ToUnicode."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (7 + 2 * k) for k in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Policy /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Policy /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 500 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /AAAAAA+Policy /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    for k, stream in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F9 4 0 R >> >> >>" % (width, height, 8 + 2 * k)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_file(objects)


def no_tounicode_pdf(folder: Path, readable_pages: int = 0) -> Path:
    """A cookie table set in a CID font without ToUnicode (pdfminer reads "(cid:66)", PDFium guesses letters),
    after ``readable_pages`` pages of the same table in Helvetica."""
    readable = [_page_ops(ROWS, b"F1", 700, _literal) for _ in range(readable_pages)]
    path = folder / f"no-tounicode-{readable_pages}.pdf"
    path.write_bytes(pdf_pages([*readable, _page_ops(ROWS, b"F9", 700, _glyph_ids)]))
    return path


def tall_page_pdf(folder: Path, size: int = 14_400) -> Path:
    """A cookie table on a page of ``size`` x ``size`` points (PDF's largest: 200 inches)."""
    path = folder / "tall-page.pdf"
    path.write_bytes(pdf_pages([_page_ops(ROWS, b"F1", size - 100, _literal)], size, size))
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "zip-bomb": zip_bomb_docx,
    "lying-zip": lying_zip_docx,
    "grid-span": grid_span_docx,
    "vertical-merge": vertical_merge_docx,
    "german-paragraph": german_paragraph_docx,
    "colspan": colspan_html,
    "nested-divs": nested_divs_html,
    "big-html-table": big_html_table,
    "iso-8859-2": lambda folder: charset_html(folder, "iso-8859-2"),
    "windows-1251": lambda folder: charset_html(folder, "windows-1251", http_equiv=True),
    "utf-16-html": lambda folder: utf16_html(folder, bom=False),
    "utf-16-bom-html": lambda folder: utf16_html(folder, bom=True),
    "prologue-html": prologue_html,
    "glued-row": glued_row_text,
    "stray-byte": stray_byte_text,
    "nested-flate": nested_flate_pdf,
    "no-tounicode": no_tounicode_pdf,
    "no-tounicode-partly": lambda folder: no_tounicode_pdf(folder, readable_pages=1),
    "tall-page": tall_page_pdf,
}


def make_all(folder: Path) -> dict[str, Path]:
    """Write every hostile input into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: make(folder) for name, make in MAKERS.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name, path in make_all(Path(sys.argv[1])).items():
        print(f"{name}: {path}")
