#!/usr/bin/env python3
"""Make the corpus of bad inputs the robustness tests feed to the extractor (nothing binary is committed).

usage: python tests/badinputs.py OUT_DIR

Each function writes one input and returns its path; ``make_all`` writes every one of them.
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.render_samples import Spec, Table, pdf_bytes, pdf_file, render  # noqa: E402

SEED = ROOT / "samples" / "opendatasoft-cookie-policy.txt"
PDF = ROOT / "samples" / "cookies-borderless-fr.pdf"


def empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def zero_page_pdf(folder: Path) -> Path:
    path = folder / "zero-page.pdf"
    path.write_bytes(pdf_bytes([]))
    return path


def truncated_pdf(folder: Path) -> Path:
    path = folder / "truncated.pdf"
    path.write_bytes(PDF.read_bytes()[: len(PDF.read_bytes()) // 2])
    return path


def broken_xref_pdf(folder: Path) -> Path:
    data = PDF.read_bytes()
    start = data.rindex(b"startxref")
    path = folder / "broken-xref.pdf"
    path.write_bytes(data[:start] + b"startxref\n999999\n%%EOF\n")
    return path


def encrypted_pdf(folder: Path, password: str = "s3cret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(PDF.read_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-128")
    path = folder / "encrypted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def image_only_pdf(folder: Path) -> Path:
    path = folder / "image-only.pdf"
    path.write_bytes(pdf_bytes([[b"0.8 g 56 56 480 700 re f"]]))
    return path


def many_pages_pdf(folder: Path, pages: int = 200) -> Path:
    path = folder / f"{pages}-pages.pdf"
    path.write_bytes(
        pdf_bytes([[b"BT /F1 11 Tf 56 780 Td (Page %d of the cookie policy) Tj ET" % n] for n in range(pages)])
    )
    return path


def big_table_pdf(folder: Path, rows: int = 10_000) -> Path:
    body = [[f"_cookie_{k}", "Example", f"Remembers setting number {k}", f"{k % 365 + 1} days"] for k in range(rows)]
    table = Table("Cookies", ["Cookie name", "Provider", "Purpose", "Expiry"], [0.25, 0.2, 0.4, 0.15], body)
    spec = Spec(name="big.pdf", title="Cookie policy", intro="Every cookie we set.", tables=[table], ruled=True)
    path = folder / f"table-{rows}-rows.pdf"
    path.write_bytes(render(spec))
    return path


def dust_pdf(folder: Path, chars: int = 50_000) -> Path:
    per_line = 250
    lines = [b"BT /F1 1 Tf 20 %d Td (%s) Tj ET" % (800 - (k % 780), b"x" * per_line) for k in range(chars // per_line)]
    path = folder / "dust.pdf"
    path.write_bytes(pdf_bytes([lines]))
    return path


def decompression_bomb_pdf(folder: Path, megabytes: int = 1024) -> Path:
    """A small file whose page stream inflates to ``megabytes`` of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return one_page_pdf(folder / "bomb.pdf", stream, b"/FlateDecode")


def one_page_pdf(path: Path, stream: bytes, filters: bytes) -> Path:
    """A PDF of one page whose content is ``stream``, encoded by ``filters`` (``/FlateDecode``, ``[/A /B]``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (len(stream), filters, stream),
    ]
    path.write_bytes(pdf_file(objects))
    return path


def text_in(folder: Path, name: str, encoding: str, bom: bytes = b"") -> Path:
    path = folder / name
    text = SEED.read_text(encoding="utf-8").replace("visitor's", "visiteur’s").replace("Opendatasoft", "Opendatasöft")
    path.write_bytes(bom + text.encode(encoding, errors="replace"))
    return path


def nul_bytes(folder: Path) -> Path:
    path = folder / "nul.txt"
    path.write_bytes(SEED.read_bytes().replace(b"\n\n", b"\n\x00\n", 3))
    return path


def megabyte_line(folder: Path) -> Path:
    path = folder / "long-line.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n" + "cookie " * 150_000 + "\n", encoding="utf-8")
    return path


def empty_files(folder: Path, count: int = 1000) -> Path:
    target = folder / "empties"
    target.mkdir()
    for k in range(count):
        (target / f"empty-{k:04d}.txt").write_bytes(b"")
    return target


def symlink_loop(folder: Path) -> Path:
    path = folder / "loop.txt"
    os.symlink(path.name, path)
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "empty": empty,
    "zero-page": zero_page_pdf,
    "truncated": truncated_pdf,
    "broken-xref": broken_xref_pdf,
    "encrypted": encrypted_pdf,
    "image-only": image_only_pdf,
    "200-pages": many_pages_pdf,
    "dust": dust_pdf,
    "bomb": decompression_bomb_pdf,
    "utf-16": lambda f: text_in(f, "utf16.txt", "utf-16"),
    "latin-1": lambda f: text_in(f, "latin1.txt", "latin-1"),
    "cp1252": lambda f: text_in(f, "cp1252.txt", "cp1252"),
    "utf-8-bom": lambda f: text_in(f, "bom.txt", "utf-8", b"\xef\xbb\xbf"),
    "nul": nul_bytes,
    "long-line": megabyte_line,
    "symlink-loop": symlink_loop,
}


def make_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {name: maker(folder) for name, maker in MAKERS.items()}


if __name__ == "__main__":
    for name, path in make_all(Path(sys.argv[1])).items():
        print(name, path)
