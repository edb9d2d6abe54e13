"""PDF documents -> positioned fragments, with PDFium (pypdfium2): the words and rules pdfplumber gives, faster.

PDFium parses the page in C; this module asks it, character by character, for what pdfminer would have made of
each character (its text, advance box, font size and font name) and groups the characters into words by
pdfplumber's own rules (``extract_words`` with its defaults: a space, a gap wider than ``x_tolerance`` or a
change of line ends a word; a change of font or size starts a new group). Horizontal rules come from the path
objects of the page, walked with PDFium's raw functions and cut into the edges pdfplumber makes of lines,
rectangles and curves. The words and edges then go through the same assembly as pdfplumber's
(``extractor.readers.pdf.document_from_pages``), so the rest of the pipeline sees the same document.

What PDFium does that pdfminer does not, and how it is undone here: it invents spaces and line breaks between
text objects (generated characters: dropped, words break only at real spaces and at pdfplumber's gap and line
rules); it marks a hyphen that ends a line as U+0002 or U+FFFE (read back as "-"); it splits a glyph that
stands for several characters (a ligature) into pieces at one origin (joined back into one character); its
loose boxes take in the glyph's ink (the advance box is rebuilt from the origin, the font's descent and size,
as pdfminer builds it). Fonts that pdfminer measures with its own metrics (the standard 14, not embedded) get
pdfminer's descent. Pages turned by ``/Rotate`` are left to pdfplumber (the whole document is read with it).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from extractor.errors import InputError
from extractor.model import Document, Rule
from extractor.readers.pdf import (
    DEFAULT_MIN_RULE_SEGMENT,
    document_from_pages,
    memory_error,
    page_rules,
    pages_to_read,
    read_pdf,
)
from extractor.settings import Settings

if TYPE_CHECKING:
    import pypdfium2

# pdfplumber's ``extract_words`` defaults: characters more than this many points apart along the line are two
# words; characters whose tops differ by more than this are on two lines.
DEFAULT_X_TOLERANCE = 3.0
DEFAULT_Y_TOLERANCE = 3.0
# Ligature characters pdfplumber spells out.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
LIGATURE_CHARS = frozenset(LIGATURES)
# How PDFium spells a hyphen that ends a line; the file holds a "-".
LINE_END_HYPHENS = {0x02: "-", 0xFFFE: "-"}
# What pdfminer reads for character code 0 with no Unicode mapping; PDFium gives Unicode 0 for it.
UNMAPPED_GLYPH = "(cid:0)"
# The characters PDFium may invent between text objects (space, carriage return, line feed).
GENERATED_CODES = frozenset({0x20, 0x0D, 0x0A})
# A text object narrower than this (points) is left out of PDFium's text page (its glyphs are blank: spaces).
DEFAULT_BLANK_WIDTH = 0.01
# Two origins closer than this (points) are one glyph: the pieces of a ligature.
DEFAULT_SAME_ORIGIN = 1e-3
# Raw PDFium constants: page object kinds, path segment kinds.
PAGEOBJ_TEXT, PAGEOBJ_PATH, PAGEOBJ_FORM = 1, 2, 5
SEGMENT_LINETO, SEGMENT_BEZIERTO, SEGMENT_MOVETO = 0, 1, 2

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Char(NamedTuple):
    """One character as pdfplumber's ``page.chars`` has it (``top``/``bottom`` from the top of the page)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    upright: bool


@dataclass(frozen=True)
class TextObject:
    """What the characters of one PDFium text object share: font name, size, descent, orientation.

    ``scale`` maps text space to page space (the text matrix with the CTM); ``descent`` is the font's, per unit
    of font size (negative); ``size`` is pdfminer's (the height of the character box on the page); ``upright``
    is pdfminer's test of a character that reads left to right; ``unmapped`` says the font's first character on
    the page has no map to Unicode (no ToUnicode, no known encoding): its characters are then each asked, and
    PDFium's guesses for those without a map are read as pdfminer's ``(cid:N)``.
    """

    fontname: str
    font_size: float
    descent: float
    scale: tuple[float, float, float, float]
    size: float
    upright: bool
    unmapped: bool = False

    @classmethod
    def of(
        cls, fontname: str, font_size: float, descent: float, scale: tuple[float, ...], unmapped: bool = False
    ) -> TextObject:
        a, b, c, d = scale
        upright = a * d > 0 and b * c <= 0
        return cls(fontname, font_size, descent, (a, b, c, d), abs(d * font_size), upright, unmapped)

    @property
    def drop(self) -> float:
        """How far the bottom of an upright character's box lies from its baseline (negative: below)."""
        return self.scale[3] * self.descent * self.font_size


class _Handle(ctypes.c_void_p):
    """A page object's handle as PDFium returns it: as a subclass of ``c_void_p``, ctypes returns it as a pointer
    object (not converted to an integer), passed back to PDFium as it is; ``value`` is its address."""


class _Raw:
    """The PDFium functions called once per character or page object, declared for the cheapest call ctypes makes.

    Most are declared without argument types and passed what ctypes hands over as it is: the text page or the
    page object as a pointer object (a ``_Handle`` as PDFium returned it), an index as an integer (a C ``int``),
    buffers by ``ctypes.byref``. No argument converter runs: a call costs 40 % less than with declared pointer
    types, and a third of pypdfium2's typed call. ``font`` takes a text object's address as an integer (the
    character loop keeps addresses, to compare them).
    """

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        address, integer, number = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint

        def declare(function: Any, result: Any, *arguments: Any) -> Any:
            return ctypes.CFUNCTYPE(result, *arguments)(ctypes.cast(function, ctypes.c_void_p).value or 0)

        # Per character: (text page pointer, index, references...), no argument types.
        self.text_object = declare(pdfium_c.FPDFText_GetTextObject, address)
        self.unicode = declare(pdfium_c.FPDFText_GetUnicode, number)
        self.is_generated = declare(pdfium_c.FPDFText_IsGenerated, integer)
        self.loose_box = declare(pdfium_c.FPDFText_GetLooseCharBox, integer)
        self.origin = declare(pdfium_c.FPDFText_GetCharOrigin, integer)
        self.matrix = declare(pdfium_c.FPDFText_GetMatrix, integer)
        self.font_size = declare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
        self.map_error = declare(pdfium_c.FPDFText_HasUnicodeMapError, integer)
        # Per page object walked: (page or object handle, index or references...), no argument types but for
        # the index of a Form XObject's member (an unsigned long).
        self.page_object = declare(pdfium_c.FPDFPage_GetObject, _Handle)
        self.form_object = declare(pdfium_c.FPDFFormObj_GetObject, _Handle, address, ctypes.c_ulong)  # (rare)
        self.form_count = declare(pdfium_c.FPDFFormObj_CountObjects, integer)
        self.object_type = declare(pdfium_c.FPDFPageObj_GetType, integer)
        self.bounds = declare(pdfium_c.FPDFPageObj_GetBounds, integer)
        # Per text object of a text page: its address as an integer.
        self.font = declare(pdfium_c.FPDFTextObj_GetFont, address, address)


@cache
def _raw() -> _Raw:
    return _Raw()


@cache
def _standard_descents() -> dict[str, float]:
    """Descents of the standard 14 fonts as pdfminer measures them (its AFM metrics), per unit of font size."""
    from pdfminer.fontmetrics import FONT_METRICS

    return {name: -abs(float(str(metrics[0].get("Descent", 0)))) / 1000 for name, metrics in FONT_METRICS.items()}


def _font_name(raw: Any, font: Any) -> str:
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if length <= 0:
        return "unknown"
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("latin-1")


def _font_facts(raw: Any, font: Any) -> tuple[str, float]:
    """A font's name and descent (per unit of font size, negative): pdfminer's for the standard 14."""
    name = _font_name(raw, font) if font else "unknown"
    descent = _standard_descents().get(name)
    if descent is None:
        value = ctypes.c_float()
        descent = value.value / 1000 if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000), value) else 0.0
        descent = -abs(descent)
    return name, descent


# A text object's facts as the character loop reads them: the object, then its upright, size, fontname, drop
# and unmapped.
_ObjectFacts = tuple[TextObject, bool, float, str, float, bool]


class _PageFacts:
    """What the characters of one text page share, each asked of PDFium once: the facts of each font (by its
    address) and of each text object (by its address), equal text objects made one.

    ``objects`` holds, by text object address, the ``TextObject`` with the fields the character loop reads
    unpacked beside it (``upright``, ``size``, ``fontname``, ``drop``, ``unmapped``), so that a change of text
    object, which on some PDFs comes with every glyph, costs one dictionary lookup.
    """

    def __init__(self, raw: _Raw, textpage: ctypes.c_void_p) -> None:
        self.raw = raw
        self.textpage = textpage
        self.matrix = raw.c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.fonts: dict[int, tuple[str, float, bool]] = {}
        self.objects: dict[int, _ObjectFacts] = {}
        self.kinds: dict[tuple[int, float, float, float, float, float], _ObjectFacts] = {}

    def text_object(self, index: int, address: int) -> _ObjectFacts:
        """The shared facts of the text object at ``address`` (not yet in ``objects``), whose character ``index``
        is."""
        raw, textpage = self.raw, self.textpage
        font_address = raw.font(address) or 0
        if font_address not in self.fonts:
            font = ctypes.cast(font_address, raw.c.FPDF_FONT) if font_address else None
            # Whether the font maps its codes to Unicode is asked of its first character on the page.
            self.fonts[font_address] = (*_font_facts(raw.c, font), bool(raw.map_error(textpage, index)))
        matrix = self.matrix
        raw.matrix(textpage, index, self.matrix_ref)
        key = (font_address, raw.font_size(textpage, index), matrix.a, matrix.b, matrix.c, matrix.d)
        shared = self.kinds.get(key)
        if shared is None:
            name, descent, unmapped = self.fonts[font_address]
            kind = TextObject.of(name, key[1], descent, key[2:], unmapped)
            shared = self.kinds[key] = (kind, kind.upright, kind.size, kind.fontname, kind.drop, kind.unmapped)
        self.objects[address] = shared
        return shared


class _CharTexts(dict[int, str]):
    """Unicode code -> the character pdfminer reads (a line-end hyphen as "-", no code as ``(cid:0)``), each
    worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        text = self[code] = LINE_END_HYPHENS.get(code) or chr(code) if code else UNMAPPED_GLYPH
        return text


_CHAR_TEXTS = _CharTexts()


def page_chars(textpage: Any, found: PageObjects) -> list[Char]:
    """The characters of a page in content order, as pdfminer reads them: PDFium's invented ones left out, the
    spaces it left out (``found.blanks``) put back.

    Three calls to PDFium per character (its text object, box and origin), the codes of the page in one; what a
    text object's characters share is asked once per text object (``_PageFacts``). A text object holds three
    characters on average (on some PDFs, one): what changes with it is handled apart from the rest.
    """
    raw = _raw()
    c = raw.c
    get_unicode, is_generated, text_object = raw.unicode, raw.is_generated, raw.text_object
    loose_box, char_origin, map_error = raw.loose_box, raw.origin, raw.map_error
    box, x, y = c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
    page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    facts = _PageFacts(raw, page)
    objects, new_object = facts.objects, facts.text_object
    height, blanks = found.height, found.blanks
    texts = _CHAR_TEXTS
    chars: list[Char] = []
    append = chars.append
    last_address, last_x, last_y = 0, 0.0, 0.0  # text object and origin of the character before
    upright, size, fontname, drop, unmapped = True, 0.0, "", 0.0, False
    new_char = functools.partial(tuple.__new__, Char)
    same = DEFAULT_SAME_ORIGIN
    count = c.FPDFText_CountChars(textpage)
    codes = _page_codes(textpage, count)
    if codes is None:
        codes = [get_unicode(page, index) for index in range(count)]
    for index, code in enumerate(codes):
        if not code:
            code = get_unicode(page, index)  # no Unicode for the glyph: asked of the character itself
        if code in GENERATED_CODES and is_generated(page, index):
            continue
        address = text_object(page, index)
        if address != last_address:
            if not address:  # no text object (a NULL is None, never an address)
                continue
            if last_address in blanks:
                before = objects[last_address][0]
                chars.extend(_blank(point, before, height) for point in blanks[last_address])
            _, upright, size, fontname, drop, unmapped = objects.get(address) or new_object(index, address)
            loose_box(page, index, box_ref)
            char_origin(page, index, x_ref, y_ref)
            last_x, last_y = x.value, y.value
        else:
            loose_box(page, index, box_ref)
            char_origin(page, index, x_ref, y_ref)
            origin_x, origin_y = x.value, y.value
            if -same < last_x - origin_x < same and -same < last_y - origin_y < same:
                # A piece of the glyph before (a ligature PDFium spelled out): one character, as pdfminer has it.
                text = UNMAPPED_GLYPH if unmapped and map_error(page, index) else texts[code]
                chars[-1] = chars[-1]._replace(text=chars[-1].text + text, x1=max(chars[-1].x1, box.right))
                continue
            last_x, last_y = origin_x, origin_y
        last_address = address
        # ``map_error`` is asked only of fonts whose first character had no mapping.
        text = UNMAPPED_GLYPH if unmapped and map_error(page, index) else texts[code]
        # pdfminer's box (as ``_char`` makes it), built here: this runs once per character of the document.
        if upright:
            base = last_y + drop
            append(new_char((text, last_x, box.right, height - (base + size), height - base, size, fontname, True)))
        else:
            top, bottom = height - box.top, height - box.bottom
            append(new_char((text, box.left, box.right, top, bottom, size, fontname, False)))
    if last_address in blanks:
        chars.extend(_blank(point, objects[last_address][0], height) for point in blanks[last_address])
    return chars


def _page_codes(textpage: Any, count: int) -> list[int] | None:
    """The Unicode code of every character of a text page, asked of PDFium in one call (``FPDFText_GetText``)
    instead of one call per character; ``None`` when the text does not map one unit to one character (a character
    outside the Basic Multilingual Plane takes two), so each is asked on its own."""
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    written = _raw().c.FPDFText_GetText(textpage, 0, count, buffer)
    if written - 1 != count:
        return None
    return buffer[:count]


def _char(
    text: str,
    shared: TextObject,
    x: float,
    y: float,
    left: float,
    right: float,
    top: float,
    bottom: float,
    height: float,
) -> Char:
    """A character from its origin and loose box (page space): pdfminer's box is the advance from the origin
    across, the font's descent and size up from the baseline."""
    size = shared.size
    if shared.upright:
        base = y + shared.drop
        return Char(text, x, right, height - (base + size), height - base, size, shared.fontname, True)
    return Char(text, left, right, height - top, height - bottom, size, shared.fontname, False)


def _blank(point: Point, before: TextObject, height: float) -> Char:
    """A space PDFium left out, at its origin, in the font of the text object before it."""
    x, y = point
    return _char(" ", before, x, y, x, x, y, y, height)


def _cluster_ids(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's ``make_cluster_dict``: sorted distinct values chained while each is within ``tolerance``."""
    ids: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _lines(chars: list[Char], upright: bool) -> Iterator[list[Char]]:
    """The characters of one group by line, each line in reading order (pdfplumber's ``iter_chars_to_lines``:
    a stable sort by line, then by position along it)."""
    along: Callable[[Char], Any]
    if upright:
        ids = _cluster_ids([ch.top for ch in chars], DEFAULT_Y_TOLERANCE)
        along = _X0
    else:
        ids = _cluster_ids([ch.x0 for ch in chars], DEFAULT_X_TOLERANCE)
        along = _TOP_BOTTOM
    if len(ids) == 1:  # the group is one line
        yield sorted(chars, key=along)
        return
    lines: dict[int, list[Char]] = {}
    for ch in chars:
        line = ids[ch.top if upright else ch.x0]
        found = lines.get(line)
        if found is None:
            lines[line] = [ch]
        else:
            found.append(ch)
    for line in sorted(lines):
        yield sorted(lines[line], key=along)


_X0 = operator.itemgetter(1)
_TOP_BOTTOM = operator.itemgetter(3, 4)
_GROUP = operator.itemgetter(7, 5, 6)  # upright, size, fontname


def _split(line: list[Char], upright: bool) -> Iterator[list[Char]]:
    """A line's characters cut into words (pdfplumber's ``char_begins_new_word``): at spaces, and where a
    character starts back, more than a tolerance past the one before, or off its line."""
    word: list[Char] = []
    before_x0 = before_x1 = before_top = before_bottom = 0.0
    for char in line:
        text, x0, x1, top, bottom, _, _, _ = char
        if text.isspace():
            if word:
                yield word
            word = []
            continue
        if word:
            if upright:
                begins = (
                    x0 < before_x0
                    or x0 > before_x1 + DEFAULT_X_TOLERANCE
                    or abs(top - before_top) > DEFAULT_Y_TOLERANCE
                )
            else:
                begins = (
                    top < before_top
                    or top > before_bottom + DEFAULT_Y_TOLERANCE
                    or abs(x0 - before_x0) > DEFAULT_X_TOLERANCE
                )
            if begins:
                yield word
                word = [char]
            else:
                word.append(char)
        else:
            word = [char]
        before_x0, before_x1, before_top, before_bottom = x0, x1, top, bottom
    if word:
        yield word


def _word(chars: list[Char]) -> dict[str, Any]:
    if len(chars) == 1:
        text, x0, x1, top, bottom, size, fontname, upright = chars[0]
        return {
            "text": LIGATURES.get(text, text),
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "upright": upright,
            "size": size,
            "fontname": fontname,
        }
    texts, x0s, x1s, tops, bottoms, sizes, fonts, uprights = zip(*chars, strict=True)
    text = "".join(texts)
    if not LIGATURE_CHARS.isdisjoint(text):
        text = "".join(LIGATURES.get(t, t) for t in texts)
    return {
        "text": text,
        "x0": min(x0s),
        "x1": max(x1s),
        "top": min(tops),
        "bottom": max(bottoms),
        "upright": uprights[0],
        "size": sizes[0],
        "fontname": fonts[0],
    }


def words_from_chars(chars: list[Char]) -> list[dict[str, Any]]:
    """The words pdfplumber's ``extract_words(extra_attrs=["size", "fontname"])`` makes of these characters.

    Consecutive characters of one orientation, size and font are a group; a group's characters are cut into
    lines (tops within ``DEFAULT_Y_TOLERANCE``) and each line into words at spaces and at gaps wider than
    ``DEFAULT_X_TOLERANCE``.
    """
    words: list[dict[str, Any]] = []
    for (upright, _, _), group in itertools.groupby(chars, key=_GROUP):
        for line in _lines(list(group), upright):
            words.extend(map(_word, _split(line, upright)))
    return words


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(raw: Any, obj: Any) -> Matrix:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _colour(getter: Callable[..., int], obj: Any) -> tuple[float, float, float] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _subpaths(raw: Any, path: Any, matrix: Matrix) -> Iterator[tuple[str, list[Point]]]:
    """The subpaths of a path object as pdfminer spells them: shape letters (m, l, c, h) and page points."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    points: list[Point] = []
    pending_curve = 0
    a, b, c, d, e, f = matrix
    for index in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        kind = raw.FPDFPathSegment_GetType(segment)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points = ["m"], [point]
        elif kind == SEGMENT_BEZIERTO:
            pending_curve += 1
            if pending_curve < 3:
                continue
            pending_curve = 0
            shape.append("c")
            points.append(point)
        else:
            shape.append("l")
            points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and points:
            shape.append("h")
            points.append(points[0])
    if shape:
        yield "".join(shape), points


def _horizontal_edges(shape: str, points: list[Point]) -> Iterator[tuple[float, float, float]]:
    """(x0, x1, y) of the horizontal edges pdfplumber makes of one subpath: a line, a rectangle's top and
    bottom, a curve's flat segments."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
        if y0 == y1:
            yield min(x0, x1), max(x0, x1), y0
        return
    if shape in ("mlllh", "mllll") and points[0] == points[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
            left, right = min(x0, x2), max(x0, x2)
            yield left, right, max(y0, y2)
            yield left, right, min(y0, y2)
            return
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if y0 == y1 and x0 != x1:
            yield min(x0, x1), max(x0, x1), y0


def _path_edges(raw: Any, path: Any, matrix: Matrix, height: float) -> Iterator[dict[str, Any]]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(path, fill, stroke)
    stroking = _colour(raw.FPDFPageObj_GetStrokeColor, path) if stroke.value else None
    non_stroking = None if stroke.value else _colour(raw.FPDFPageObj_GetFillColor, path)
    for shape, points in _subpaths(raw, path, _multiply(_matrix(raw, path), matrix)):
        for x0, x1, y in _horizontal_edges(shape, points):
            if x1 - x0 >= DEFAULT_MIN_RULE_SEGMENT:
                yield {
                    "orientation": "h",
                    "x0": x0,
                    "x1": x1,
                    "top": height - y,
                    "stroke": bool(stroke.value),
                    "stroking_color": stroking,
                    "non_stroking_color": non_stroking,
                }


@dataclass
class PageObjects:
    """What the walk over a page's objects finds: the horizontal edges of its painted paths, and where the text
    objects PDFium's text page leaves out stand (a blank glyph, a space: zero width), by the address of the text
    object each follows (0: none)."""

    height: float
    edges: list[dict[str, Any]]
    blanks: dict[int, list[Point]]
    last_text: int = 0


class _Walk:
    """One walk over a page's objects: the PDFium functions it calls, objects known by address, and the buffers
    an object's bounds (left, bottom, right, top) are read into."""

    def __init__(self) -> None:
        self.raw = _raw()
        self.corners = tuple(ctypes.c_float() for _ in range(4))
        self.references = tuple(ctypes.byref(corner) for corner in self.corners)

    def handle(self, obj: _Handle) -> Any:
        """The object as the typed handle pypdfium2's functions take."""
        return ctypes.cast(obj, self.raw.c.FPDF_PAGEOBJECT)


def _visit(walk: _Walk, objects: list[_Handle], matrix: Matrix, found: PageObjects, nested: bool) -> None:
    """Read the text and path objects among ``objects`` into ``found``; a Form XObject's objects in turn."""
    raw = walk.raw
    object_type, bounds, corners = raw.object_type, raw.bounds, walk.corners
    left_ref, bottom_ref, right_ref, top_ref = walk.references
    left, bottom, right, _ = corners
    blanks = found.blanks
    last_text = found.last_text
    a, b, c, d, e, f = matrix
    for obj in objects:
        kind = object_type(obj)
        if kind == PAGEOBJ_TEXT:  # most objects: inline, one call for its bounds
            bounds(obj, left_ref, bottom_ref, right_ref, top_ref)
            if right.value - left.value >= DEFAULT_BLANK_WIDTH:
                last_text = obj.value or 0
            elif last_text:
                x, y = left.value, bottom.value
                blanks.setdefault(last_text, []).append((a * x + c * y + e, b * x + d * y + f))
        elif kind == PAGEOBJ_PATH:
            bounds(obj, left_ref, bottom_ref, right_ref, top_ref)
            if nested or right.value - left.value >= DEFAULT_MIN_RULE_SEGMENT:  # page bounds include line width
                found.edges.extend(_path_edges(raw.c, walk.handle(obj), matrix, found.height))
        elif kind == PAGEOBJ_FORM:
            inner = _multiply(_matrix(raw.c, walk.handle(obj)), matrix)
            found.last_text = last_text
            _visit(walk, [raw.form_object(obj, index) for index in range(raw.form_count(obj))], inner, found, True)
            last_text = found.last_text
    found.last_text = last_text


def page_objects(page: Any, height: float) -> PageObjects:
    """Walk a page's objects, Form XObjects included, for the horizontal edges of its paths (as pdfplumber's
    ``edges`` has them: ``top`` from the top of the page, colours as 0-1 RGB) and its blank text objects."""
    walk = _Walk()
    raw = walk.raw
    found = PageObjects(height, [], {})
    handle = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value)
    get_object = raw.page_object
    members = [get_object(handle, index) for index in range(raw.c.FPDFPage_CountObjects(page))]
    _visit(walk, members, IDENTITY, found, False)
    return found


def _open(data: bytes, source: str, password: str | None) -> pypdfium2.PdfDocument | None:
    """The PDF opened by PDFium; ``None`` when PDFium cannot open it for another reason than its password.

    Raises:
        InputError: encrypted, and no password or the wrong one.
    """
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data, password=password or None)
    except pypdfium2.PdfiumError as error:
        # PDFium's last error outlives a failure: an encrypted file also says so in its trailer.
        if getattr(error, "err_code", None) == pypdfium2.raw.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            problem = "encrypted PDF; pass --password" if not password else "encrypted PDF; the password is wrong"
            raise InputError(source, problem) from None
        return None


def read_pdfium(data: bytes, source: str, settings: Settings, password: str | None = None) -> Document:
    """A PDF -> ``Document`` of lines of fragments, page after page, read with PDFium; the same document
    ``read_pdf`` (pdfplumber) gives.

    Raises:
        InputError: encrypted without the right password, corrupt, without a text layer, or over the limits;
            a PDF PDFium cannot open is read by pdfplumber, so its error is pdfplumber's.
    """
    try:
        pdf = _open(data, source, password)
        if pdf is None:  # pdfplumber says what is wrong (no pages, a broken file) in the words it always has
            return read_pdf(data, source, settings, password)
        try:
            numbers = pages_to_read(len(pdf), settings, source)
            words: list[list[dict[str, Any]]] = []
            rules: list[Rule] = []
            for number in numbers:
                page = pdf[number - 1]  # loaded once: its rotation is read as it is
                if page.get_rotation():
                    page.close()
                    return read_pdf(data, source, settings, password)
                try:
                    page_words, page_edges = _read_page(page, number, source, settings)
                except (InputError, MemoryError):
                    if _turned_after(pdf, number):  # a document with a turned page is pdfplumber's, errors too
                        return read_pdf(data, source, settings, password)
                    raise
                words.append(page_words)
                rules.extend(page_rules(page_edges, number))
        finally:
            pdf.close()
    except MemoryError:
        raise memory_error(source) from None
    return document_from_pages(data, source, words, rules, numbers)


def _turned_after(pdf: pypdfium2.PdfDocument, number: int) -> bool:
    """Whether a page after page ``number`` is turned by ``/Rotate``."""
    for index in range(number, len(pdf)):
        page = pdf[index]
        try:
            if page.get_rotation():
                return True
        finally:
            page.close()
    return False


def _read_page(
    page: pypdfium2.PdfPage, number: int, source: str, settings: Settings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The words and edges of one page (closed once read)."""
    try:
        _, bottom, _, top = page.get_mediabox()
        height = top - bottom  # pdfplumber measures ``top`` from the MediaBox's height
        found = page_objects(page.raw, height)
        textpage = page.get_textpage()
        try:
            chars = page_chars(textpage.raw, found)
        finally:
            textpage.close()
        if len(chars) > settings.max_chars_per_page:
            raise InputError(
                source,
                f"page {number} has {len(chars)} characters, over max_chars_per_page={settings.max_chars_per_page}",
            )
        return words_from_chars(chars), found.edges
    finally:
        page.close()
