"""Readers turn an input file into a ``Document``; ``load`` picks one from the file's content."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from extractor.errors import InputError
from extractor.model import Document
from extractor.readers.pdf import read_pdf
from extractor.readers.pdfium import read_pdfium
from extractor.readers.streams import check_decoded_size
from extractor.readers.text import SNIFF_BYTES, read_text, utf16_without_bom
from extractor.settings import Settings

PDF_MAGIC = b"%PDF-"
# Magic bytes of formats that are certainly not a text export, with the name said in the error.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP container (DOCX/XLSX/ODT?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an OLE2 file (old Word/Excel?)"),
    (b"\x1f\x8b", "a gzip archive"),
)


HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]|<head[\s>]", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """The input kind from the content, not the name: ``pdf``, ``docx``, ``html`` or ``text`` (other binary
    formats get a description). A page is HTML wherever its markup starts (a text prologue may come first), in
    UTF-8, a legacy code page or UTF-16 (with or without a byte-order mark)."""
    head = data[:1024].lstrip()
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    for magic, name in BINARY_MAGIC:
        if data.startswith(magic):
            return name
    if HTML_MARK.search(data):
        return "html"
    utf16 = _utf16(data)
    if utf16 is not None and HTML_MARK.search(data.decode(utf16, errors="replace").encode("utf-8")):
        return "html"
    return "text"


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of ``data`` when it has a UTF-16 byte-order mark or looks like UTF-16 without one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        return "utf-16"
    return utf16_without_bom(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None


def load(path: str | Path, settings: Settings | None = None, *, source: str | None = None) -> Document:
    """Read one input file into a ``Document``, whatever its kind.

    Raises:
        InputError: the file is missing, unreadable, too large, empty, binary or in an unknown encoding.
    """
    settings = settings or Settings()
    path = Path(path)
    name = source or str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(name, "not a regular file")
        if size > settings.max_file_size:
            raise InputError(name, f"file of {size} bytes exceeds max_file_size={settings.max_file_size}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    kind = sniff(data)
    if kind == "text":
        return read_text(data, name, settings)
    if kind == "pdf":
        check_decoded_size(data, name, settings.max_decoded_size)
        reader = read_pdfium if settings.pdf_reader == "pdfium" else read_pdf
        return reader(data, name, settings, password=settings.password)
    # The HTML and Word readers are imported for their inputs only: a PDF or a text export is read without them.
    if kind == "html":
        from extractor.readers.html import read_html

        return read_html(data, name, settings)
    if kind == "docx":
        from extractor.readers.docx import read_docx

        return read_docx(data, name, settings)
    raise InputError(name, f"binary file: {kind}; expected a text export or a PDF")
