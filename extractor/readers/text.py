"""Text exports -> positioned fragments.

Each line of the file becomes a ``Line``; its fragments are the runs of text separated by a tab or by two or
more spaces (a column gap in ``pdftotext -layout`` and text-browser dumps). Positions are character columns
and line numbers. A form feed starts a new page. Tab-separated pieces also carry their ordinal
(``Fragment.field``), empty pieces counted, so a copy-pasted table keeps its cell order.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from extractor.errors import InputError
from extractor.model import Document, ExtractionWarning, Fragment, Line
from extractor.readers.visible import collapse
from extractor.settings import Settings
from extractor.shapes import UNSPACED_SCRIPT, display_width

# Two or more spaces separate columns; a single space separates words inside a cell.
COLUMN_GAP = re.compile(r" {2,}")
# A space between characters of a script that puts none between its words ("維持す セッ", "サ 2年") separates two
# cells: a tab the copy lost, or a column gap that a layout shrank; Japanese and Chinese cells hold no spaces.
UNSPACED_GAP = re.compile(rf"(?<={UNSPACED_SCRIPT.pattern}) (?={UNSPACED_SCRIPT.pattern}|\d)")
CELL_GAP = re.compile(f"{COLUMN_GAP.pattern}|{UNSPACED_GAP.pattern}")
# A layout whose lines of Japanese or Chinese text in pieces are this share or more shrunk (``_grid_shrank``) kept
# no columns there.
DEFAULT_SHRUNK_SHARE = 1 / 3
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A decoding is implausible when more than this share of its characters are controls or unassigned, or (for
# the single-byte fallbacks, which accept any byte) when more than this share is outside ASCII.
DEFAULT_MAX_CONTROL_SHARE = 0.01
DEFAULT_MAX_FALLBACK_NON_ASCII = 0.15
SNIFF_BYTES = 8192
# UTF-16 without a byte-order mark is recognised from this many bytes on, when this share of the high (or
# low) bytes are NUL and none of the others.
DEFAULT_MIN_UTF16_SNIFF = 16
DEFAULT_UTF16_NUL_SHARE = 0.7
# UTF-8 with invalid bytes stays UTF-8 while the replacements are at most this share of its non-ASCII
# characters (a stray cp1252 byte among accented words); a cp1252 file read as UTF-8 is nearly all replacements.
DEFAULT_MAX_BAD_UTF8_SHARE = 0.5
UTF8_NAMES = frozenset({"utf-8", "utf-8-sig"})


@dataclass(frozen=True)
class Decoded:
    """A file's text, the codec it was read with, and how many invalid byte sequences were replaced (U+FFFD)."""

    text: str
    codec: str
    bad_bytes: int = 0

    def warnings(self, source: str) -> tuple[ExtractionWarning, ...]:
        """A ``bad-bytes`` warning when some bytes could not be decoded."""
        if not self.bad_bytes:
            return ()
        return (
            ExtractionWarning(
                "bad-bytes",
                f"{source}: {self.bad_bytes} invalid byte sequence(s) in {self.codec} text, replaced by U+FFFD",
            ),
        )


def decode(data: bytes, source: str, settings: Settings) -> Decoded:
    """Bytes of a text export -> text, or an ``InputError`` naming what is wrong with them.

    A byte-order mark decides; then UTF-16 without one (NULs every other byte); then ``settings.encodings`` in
    order. UTF-8 with a few invalid bytes (a stray cp1252 "é" pasted into a UTF-8 file) stays UTF-8, the bad
    bytes replaced and counted; only a file whose non-ASCII bytes are mostly invalid UTF-8 falls back to the
    next encoding (cp1252).
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return replaced(data, source, codec)
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        utf16 = utf16_without_bom(head)
        if utf16 is None:
            raise InputError(source, "binary file (NUL bytes); expected a text export or a PDF")
        return replaced(data, source, utf16)
    for position, codec in enumerate(settings.encodings):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            if codecs.lookup(codec).name != "utf-8":
                continue
            try:
                decoded = replaced(data, source, codec, fallback=position > 0)
            except InputError:
                continue
            non_ascii = sum(1 for ch in decoded.text if ord(ch) > 127)
            # Mostly valid: the replacements are a small share of the non-ASCII characters.
            if decoded.bad_bytes <= DEFAULT_MAX_BAD_UTF8_SHARE * non_ascii:
                return decoded
            continue
        try:
            return Decoded(_plausible(text, source, codec, fallback=position > 0), codec)
        except InputError:
            continue
    tried = ", ".join(settings.encodings)
    raise InputError(source, f"unknown text encoding (tried {tried}); convert the file to UTF-8")


def replaced(data: bytes, source: str, codec: str, *, fallback: bool = False) -> Decoded:
    """``data`` decoded with invalid sequences replaced and counted (a U+FFFD the file held itself not counted).

    Raises:
        InputError: the text is implausible (binary, or not this codec at all).
    """
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd") - (
        data.count("\ufffd".encode("utf-8")) if codecs.lookup(codec).name in UTF8_NAMES else 0
    )
    return Decoded(_plausible(text, source, codec, fallback=fallback), codec, max(bad, 0))


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in nearly every other byte; anything else with NULs is binary."""
    if len(head) < DEFAULT_MIN_UTF16_SNIFF:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > DEFAULT_UTF16_NUL_SHARE * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > DEFAULT_UTF16_NUL_SHARE * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _plausible(text: str, source: str, codec: str, *, fallback: bool) -> str:
    if not text.strip():
        raise InputError(source, "empty file")
    sample = text[: SNIFF_BYTES * 4]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")
    if controls > DEFAULT_MAX_CONTROL_SHARE * len(sample):
        raise InputError(source, f"binary file ({controls} control characters as {codec}); expected text")
    if fallback and sum(1 for ch in sample if ord(ch) > 127) > DEFAULT_MAX_FALLBACK_NON_ASCII * len(sample):
        raise InputError(source, f"unknown text encoding (not UTF-8, implausible as {codec})")
    return text


def split_line(raw: str, page: int, number: int, wide: bool = True, ordered: bool = False) -> tuple[Fragment, ...]:
    """One line of text -> its fragments, with character columns.

    ``wide``: columns are counted in character cells, as a text browser sets them on screen, a wide character
    (CJK) taking two; else one column per character, as ``pdftotext -layout`` places text on its grid (a file
    with page breaks comes from a PDF). A space inside Japanese or Chinese text separates cells
    (``UNSPACED_GAP``). ``ordered``: the grid shrank gaps beside such text to one space somewhere, so its lines
    holding that text keep no columns (each wide character counted as one): their pieces carry their order
    instead (``Fragment.field``), as a tab-separated copy's do.
    """
    fragments: list[Fragment] = []
    if "\t" in raw:
        offset, lost = 0, 0
        for ordinal, piece in enumerate(raw.split("\t")):
            start = offset + len(piece) - len(piece.lstrip())
            for k, (x0, x1, text) in enumerate(_parts(piece.strip(), start, UNSPACED_GAP)):
                lost += k > 0
                fragments.append(Fragment(text, page, number, x0, x1, number - 1, number, ordinal + lost))
            offset += len(piece) + 1
        return tuple(fragments)
    cells = (lambda end: end) if raw.isascii() or not wide else (lambda end: display_width(raw[:end]))
    unspaced = not raw.isascii() and UNSPACED_SCRIPT.search(raw) is not None
    ordinals = unspaced and ordered
    for k, (x0, x1, text) in enumerate(_parts(raw, 0, CELL_GAP if unspaced else COLUMN_GAP)):
        field = k if ordinals else None
        fragments.append(Fragment(text, page, number, cells(x0), cells(x1), number - 1, number, field))
    return tuple(fragments)


def _parts(raw: str, offset: int, gap: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """The pieces of ``raw`` between gaps, as seen (``collapse``), each with the columns it starts and ends at."""
    parts: list[tuple[int, int, str]] = []
    position = 0
    for piece in gap.split(raw):
        start = raw.index(piece, position) if piece else position
        position = start + len(piece)
        text = collapse(piece)
        if text:
            lead = len(piece) - len(piece.lstrip())
            parts.append((offset + start + lead, offset + start + len(piece.rstrip()), text))
    return parts


def _grid_shrank(raws: list[str]) -> bool:
    """Whether a layout's grid shrank the gaps beside Japanese or Chinese text to one space in a good share of
    the lines that hold such text in several pieces (a grid that kept its columns leaves a single space at most
    where a cell filled its column)."""
    pieced = shrunk = 0
    for line in raws:
        if line.isascii() or UNSPACED_SCRIPT.search(line) is None:
            continue
        pieced += len(CELL_GAP.split(line.strip())) > 1
        shrunk += UNSPACED_GAP.search(line) is not None
    return shrunk > 0 and shrunk >= DEFAULT_SHRUNK_SHARE * pieced


def read_text(data: bytes, source: str, settings: Settings) -> Document:
    """A text export -> ``Document`` of lines of fragments."""
    decoded = decode(data, source, settings)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines: list[Line] = []
    page = 1
    wide = "\f" not in text
    raws = text.split("\n")
    ordered = not wide and "\t" not in text and _grid_shrank(raws)
    for number, raw in enumerate(raws, start=1):
        while raw.startswith("\f"):
            page += 1
            raw = raw[1:]
        raw = raw.replace("\f", " ").replace("\u00a0", " ")
        lines.append(Line(page, number, split_line(raw.rstrip(), page, number, wide, ordered)))
    return Document(source, hashlib.sha256(data).hexdigest(), "text", tuple(lines), warnings=decoded.warnings(source))
