"""What a PDF's streams decode to, measured before any PDF library parses the file (``Settings.max_decoded_size``).

pdfminer and PDFium decode a stream whole, in memory: a few kilobytes of nested Flate can decode to gigabytes
and take the process down before any limit of theirs is reached. Here each stream is found in the raw bytes (the
dictionary before a ``stream`` keyword, the bytes up to ``endstream``) and its filters are undone a chunk at a
time, counting the bytes and keeping none: the memory this takes is a few chunks, whatever the stream holds.
Page contents, fonts and other data count together (pdfminer keeps what it decoded); each image counts alone
(it is decoded only to draw a page, one at a time). Flate, ASCIIHex and ASCII85 are undone; a stream whose
next filter is another one (LZW, RunLength, images' own codecs) is counted by what was decoded up to it; an
encrypted stream does not inflate and counts as its raw size.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterable, Iterator

from extractor.errors import InputError

# A stream's dictionary ends just before its ``stream`` keyword; its object starts at the ``obj`` before it.
STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
OBJECT_START = re.compile(rb"\d+\s+\d+\s+obj\b")
FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
FILTER_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
IMAGE = re.compile(rb"/Subtype\s*/Image\b")
# How far back from ``stream`` a dictionary is looked for (a stream's dictionary is short).
DEFAULT_DICTIONARY_REACH = 4096
# Bytes inflated at a time: the most any one step holds.
DEFAULT_CHUNK = 1 << 20
FLATE = frozenset({b"FlateDecode", b"Fl"})
ASCII_HEX = frozenset({b"ASCIIHexDecode", b"AHx"})
ASCII_85 = frozenset({b"ASCII85Decode", b"A85"})
PDF_WHITESPACE = b" \t\n\r\x0b\x0c\x00"


class _OverLimit(Exception):
    """A stream decodes to more bytes than allowed (raised as soon as it is known)."""


def _inflate(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    """Flate undone a chunk at a time; a corrupt end stops it (pdfminer keeps what came before, as here)."""
    inflater = zlib.decompressobj()
    produced = 0
    try:
        for chunk in chunks:
            pending = chunk
            while pending:
                out = inflater.decompress(pending, DEFAULT_CHUNK)
                pending = inflater.unconsumed_tail
                produced += len(out)
                if produced > limit:
                    raise _OverLimit
                if out:
                    yield out
                if inflater.eof:
                    return
    except zlib.error:
        return


def _unhex(data: bytes) -> bytes:
    digits = data.split(b">", 1)[0].translate(None, PDF_WHITESPACE)
    return binascii.unhexlify(digits + b"0" * (len(digits) % 2))


def _un85(data: bytes) -> bytes:
    return base64.a85decode(data.split(b"~>", 1)[0].translate(None, PDF_WHITESPACE))


def decoded_size(raw: bytes, filters: list[bytes], limit: int) -> int:
    """Bytes ``raw`` decodes to through ``filters`` (counting stops past ``limit``).

    Raises:
        _OverLimit: a step of the decoding gives more than ``limit`` bytes.
    """
    chunks: Iterable[bytes] = (raw,)
    for position, name in enumerate(filters):
        if name in FLATE:
            chunks = _inflate(chunks, limit)
        elif position == 0 and name in ASCII_HEX | ASCII_85:
            try:
                chunks = (_unhex(raw) if name in ASCII_HEX else _un85(raw),)
            except (ValueError, binascii.Error):
                break
        else:
            break
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _OverLimit
    return total


def check_decoded_size(data: bytes, source: str, limit: int) -> None:
    """Refuse a PDF whose streams decode to more than ``limit`` bytes (see the module's docstring).

    Raises:
        InputError: a stream (an image alone, or the other streams together) decodes to more than ``limit``.
    """
    together = 0
    position = 0
    while (found := STREAM_START.search(data, position)) is not None:
        start = found.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        position = end
        reach = max(found.start() - DEFAULT_DICTIONARY_REACH, 0)
        heads = list(OBJECT_START.finditer(data, reach, found.start()))
        dictionary = data[heads[-1].start() if heads else reach : found.start()]
        listed = FILTERS.search(dictionary)
        filters = FILTER_NAME.findall(listed.group(1)) if listed else []
        if not filters:
            continue
        image = IMAGE.search(dictionary) is not None
        try:
            size = decoded_size(data[start:end], filters, limit if image else limit - together)
        except _OverLimit:
            kind = "an image" if image else "its streams"
            raise InputError(
                source, f"{kind} decode to more than max_decoded_size={limit} bytes (a decompression bomb?)"
            ) from None
        if not image:
            together += size
