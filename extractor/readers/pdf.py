"""PDF documents -> positioned fragments, with pdfplumber.

Words come with their boxes, font size and weight. Words on one visual line are grouped into fragments where
the gap between them is wider than a word space; a wider vertical gap than the line spacing becomes a blank
line, as paragraphs are in a text export, so the table geometry reads both alike. Text standing at the same
place on several pages (running headers and footers, page numbers) is left out of the document.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import re
from collections import Counter
from typing import Any

from extractor import lexicon
from extractor.errors import InputError
from extractor.model import Document, ExtractionWarning, Fragment, Line, Rule
from extractor.readers.visible import RADICALS
from extractor.settings import Settings, selected_pages

# Words whose tops differ by less than this share of their height are on one visual line.
DEFAULT_LINE_TOLERANCE = 0.5
# A gap wider than this share of the font size separates two fragments (a word space is about 0.25).
DEFAULT_FRAGMENT_GAP = 0.45
# Words closer than this share of the font size touch: one word split by a font change.
DEFAULT_TOUCHING_GAP = 0.08
# Horizontal rules: segments at most this far apart (points) are one rule; shorter segments are ignored;
# colours whose every component is at least this light are white.
DEFAULT_RULE_TOLERANCE = 1.5
DEFAULT_MIN_RULE_SEGMENT = 5.0
# Cell borders drawn cell by cell (Word's double and single borders) leave a point or two at each corner:
# segments at one height this close (points) are one rule. A merged cell leaves its whole width open.
DEFAULT_RULE_JOIN_GAP = 4.0
DEFAULT_WHITE = 0.95
# Rule heights are rounded to this many decimals before they are grouped: readers differ in the last bits (pdfminer
# computes in doubles, PDFium in floats), and printed pages put rules on multiples of 0.75 pt, where a group ends.
DEFAULT_RULE_PRECISION = 2
# A vertical gap wider than this many line heights is a paragraph break (a blank line).
DEFAULT_PARAGRAPH_GAP = 0.9
# Running headers and footers: the same text within this many points of the same place on this share of pages.
DEFAULT_RUNNING_TOLERANCE = 3.0
DEFAULT_RUNNING_SHARE = 0.5
# ... among a page's first or last this many lines.
DEFAULT_RUNNING_EDGE_LINES = 3
# Characters the two readers spell differently for one glyph: PDFium reports a hyphen (U+2010) as a non-breaking
# hyphen (U+2011), which Unicode's compatibility mapping (NFKC) makes a hyphen again. Both readers give the hyphen,
# and ideographs, not the radicals of their shape some fonts map them to.
TEXT_FOLDS = {0x2011: "\u2010", **RADICALS}
# "12", "Page 2 of 5", "p. 3", "Seite 2 von 5", "2 / 5": a page number, in the lexicon's languages.
PAGE_NUMBER = re.compile(
    rf"^(?:{lexicon.phrase_pattern(lexicon.words('page_labels'))}\s*)?\d{{1,4}}"
    rf"(?:\s*(?:/|{lexicon.phrase_pattern(lexicon.words('page_labels'))})\s*\d{{1,4}})?$"
)


def _visual_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        height = max(word["bottom"] - word["top"], 1.0)
        if lines and abs(lines[-1][0]["top"] - word["top"]) < DEFAULT_LINE_TOLERANCE * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=_X0)
    return lines


_X0, _TOP, _BOTTOM, _TEXT = (operator.itemgetter(key) for key in ("x0", "top", "bottom", "text"))


def _fragments(words: list[dict[str, Any]], page: int, number: int) -> tuple[Fragment, ...]:
    """A visual line's words (left to right) cut into fragments at gaps wider than ``DEFAULT_FRAGMENT_GAP``;
    inside a fragment, words that touch (closer than ``DEFAULT_TOUCHING_GAP``: a font change inside a word,
    "s_ecid=MCMID" + "-Format") are one word. Both cuts are found in one pass over the gaps, each word's size
    read once: this runs for every line of every page."""
    sizes = [w.get("size") or (w["bottom"] - w["top"]) for w in words]
    fragments: list[Fragment] = []
    start = run_start = 0  # the first word of the fragment, of the run of touching words
    runs: list[tuple[int, int]] = []  # the fragment's runs so far: (first, last) word
    count = len(words)
    for index in range(1, count + 1):  # the gap before word ``index``; the line's end after the last word
        if index < count:
            gap = words[index]["x0"] - words[index - 1]["x1"]
            size = sizes[index - 1]
            ends_fragment = gap > DEFAULT_FRAGMENT_GAP * size
            if not ends_fragment and gap < DEFAULT_TOUCHING_GAP * size:
                continue  # the words touch: the run goes on
        else:
            ends_fragment = True
        runs.append((run_start, index - 1))
        run_start = index
        if not ends_fragment:
            continue
        group = words[start:index]
        texts = [words[a]["text"] if a == b else "".join(map(_TEXT, words[a : b + 1])) for a, b in runs]
        fragments.append(
            Fragment(
                text=" ".join(texts).translate(TEXT_FOLDS),
                page=page,
                line=number,
                x0=group[0]["x0"],
                x1=group[-1]["x1"],
                top=min(map(_TOP, group)),
                bottom=max(map(_BOTTOM, group)),
                spans=tuple([(words[a]["x0"], words[b]["x1"]) for a, b in runs]),
                size=round(sum(sizes[start:index]) / len(group), 2),
                bold=sum(["bold" in str(w.get("fontname", "")).lower() for w in group]) > len(group) / 2,
            )
        )
        start, runs = index, []
    return tuple(fragments)


def _visible(colour: Any) -> bool:
    """Whether a stroke or fill colour shows on white paper (white and near-white rules are invisible)."""
    if colour is None:
        return True
    values = colour if isinstance(colour, tuple | list) else (colour,)
    numbers = [v for v in values if isinstance(v, int | float)]
    if len(numbers) == 4:  # CMYK: no ink is white
        return sum(numbers) > 1 - DEFAULT_WHITE
    return not numbers or min(numbers) < DEFAULT_WHITE


def _rule_key(top: float) -> int:
    """The group of rules at this height."""
    return round(round(top, DEFAULT_RULE_PRECISION) / DEFAULT_RULE_TOLERANCE)


def page_rules(edges: list[dict[str, Any]], page: int) -> list[Rule]:
    """Visible horizontal edges of a page, segments at one height merged into rules."""
    segments = sorted(
        (_rule_key(e["top"]), e["x0"], e["x1"], e["top"])
        for e in edges
        if e.get("orientation") == "h"
        and e["x1"] - e["x0"] >= DEFAULT_MIN_RULE_SEGMENT
        and _visible(e.get("stroking_color") if e.get("stroke") else e.get("non_stroking_color"))
    )
    rules: list[Rule] = []
    for key, x0, x1, top in segments:
        last = rules[-1] if rules else None
        if last is not None and _rule_key(last.top) == key and x0 <= last.x1 + DEFAULT_RULE_JOIN_GAP:
            rules[-1] = Rule(page, last.x0, max(last.x1, x1), last.top)
        else:
            rules.append(Rule(page, x0, x1, top))
    return rules


def _running_texts(pages: list[list[list[dict[str, Any]]]]) -> set[tuple[str, int]]:
    """(text, rounded top) of lines repeated at the same place on many pages, at a page's top or bottom."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        # A table's header row repeated on every page is content: only lines of one fragment (a logo, a
        # title, a page number) count as running text. Only a page's first and last lines count: inside
        # the page, text repeated from page to page is a table's (one sentence in every row).
        edges = [*lines[:DEFAULT_RUNNING_EDGE_LINES], *lines[DEFAULT_RUNNING_EDGE_LINES:][-DEFAULT_RUNNING_EDGE_LINES:]]
        seen.update({_running_key(line) for line in edges if _one_fragment(line)})
    return {key for key, count in seen.items() if count >= max(2, DEFAULT_RUNNING_SHARE * len(pages))}


def _running_key(line: list[dict[str, Any]]) -> tuple[str, int]:
    return _line_key(line), round(line[0]["top"] / DEFAULT_RUNNING_TOLERANCE)


def _page_content(visual: list[list[dict[str, Any]]], running: set[tuple[str, int]]) -> list[list[dict[str, Any]]]:
    """A page's lines without its page numbers and the running lines above or below its content, set apart
    from it by a paragraph's gap (a line repeated on every page between two lines of content, or right on top
    of them, is content: one sentence every row of a table repeats)."""
    lead, trail = 0, len(visual)
    while lead < trail and _running_key(visual[lead]) in running:
        lead += 1
    while lead and not (lead == trail or _gap_between(visual[lead - 1], visual[lead])):
        lead -= 1
    while trail > lead and _running_key(visual[trail - 1]) in running:
        trail -= 1
    while trail < len(visual) and not (trail == lead or _gap_between(visual[trail - 1], visual[trail])):
        trail += 1
    return [
        line
        for line in visual[lead:trail]
        if not PAGE_NUMBER.match(lexicon.fold(" ".join(map(_TEXT, line)), keep_punctuation=True))
    ]


def _one_fragment(words: list[dict[str, Any]]) -> bool:
    """Whether a line's words make one fragment (``_fragments``): no gap between them wide enough to cut it."""
    for before, word in itertools.pairwise(words):
        size = before.get("size") or (before["bottom"] - before["top"])
        if word["x0"] - before["x1"] > DEFAULT_FRAGMENT_GAP * size:
            return False
    return True


def _gap_between(upper: list[dict[str, Any]], lower: list[dict[str, Any]]) -> bool:
    """Whether a paragraph's gap parts two visual lines (more than ``DEFAULT_PARAGRAPH_GAP`` line heights)."""
    bottom = float(max(w["bottom"] for w in upper))
    height = float(max(w["bottom"] - w["top"] for w in upper))
    return float(min(w["top"] for w in lower)) - bottom > DEFAULT_PARAGRAPH_GAP * height


def _line_key(line: list[dict[str, Any]]) -> str:
    text = " ".join(map(_TEXT, line))
    return "#" if PAGE_NUMBER.match(lexicon.fold(text, keep_punctuation=True)) else text


# A glyph with no known character: pdfminer's "(cid:66)" (PDFium's guesses are written so too, see
# ``readers.pdfium``), a private-use character, a replacement character.
UNREADABLE_GLYPH = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")
# A page is unreadable when more than this share of its glyphs are unreadable: a font without ToUnicode. A
# bullet or a logo in a symbol font is a glyph or two on a page of text.
DEFAULT_MAX_UNREADABLE_SHARE = 0.3


def unreadable_pages(
    source: str, words: list[list[dict[str, Any]]], numbers: list[int] | None = None
) -> tuple[list[list[dict[str, Any]]], list[ExtractionWarning]]:
    """Each page's words, those of unreadable pages left out, and a warning per page left out (``numbers``: the
    pages' numbers in the PDF, by default 1, 2, ...).

    Raises:
        InputError: every page with text is unreadable.
    """
    kept: list[list[dict[str, Any]]] = []
    warnings: list[ExtractionWarning] = []
    for number, page_words in zip(numbers or range(1, len(words) + 1), words, strict=True):
        if not UNREADABLE_GLYPH.search(" ".join(w["text"] for w in page_words)):  # the page of nearly every PDF
            kept.append(page_words)
            continue
        glyphs = unreadable = 0
        for word in page_words:
            text = word["text"]
            found = UNREADABLE_GLYPH.findall(text)
            unreadable += len(found)
            glyphs += len(found) + len(UNREADABLE_GLYPH.sub("", text))
        if unreadable > DEFAULT_MAX_UNREADABLE_SHARE * glyphs:
            warnings.append(
                ExtractionWarning(
                    "unreadable-text",
                    f"{unreadable} of {glyphs} characters have no Unicode mapping (a font without ToUnicode?): "
                    "the page's text is left out",
                    number,
                )
            )
            kept.append([])
        else:
            kept.append(page_words)
    if warnings and not any(kept):
        raise InputError(source, "unreadable text: the fonts have no Unicode mapping (ToUnicode); nothing to extract")
    return kept, warnings


def memory_error(source: str) -> InputError:
    """The error of a PDF that needs more memory than the worker may take."""
    return InputError(source, "PDF needs more memory than allowed (a decompression bomb?)")


def pages_to_read(count: int, settings: Settings, source: str) -> list[int]:
    """The numbers (from 1) of the pages of a PDF of ``count`` pages to read: those of ``settings.pages``.

    Raises:
        InputError: more pages to read than ``max_pages``, or a selection that picks none of the pages.
    """
    numbers = selected_pages(settings.pages, count)
    if len(numbers) > settings.max_pages:
        read = f"PDF of {count} pages" if settings.pages is None else f"pages={settings.pages} ({len(numbers)} pages)"
        raise InputError(source, f"{read} exceeds max_pages={settings.max_pages}")
    if count and not numbers:
        raise InputError(source, f"pages={settings.pages} selects none of the PDF's {count} pages")
    return numbers


def document_from_pages(
    data: bytes,
    source: str,
    words: list[list[dict[str, Any]]],
    rules: list[Rule],
    numbers: list[int] | None = None,
) -> Document:
    """The ``Document`` of a PDF from each page's words (pdfplumber's ``extract_words`` dicts, with ``size`` and
    ``fontname``) and its rules (``page_rules``): visual lines of fragments without the running headers, footers
    and page numbers, a blank line at each paragraph gap. ``numbers`` are the pages' numbers in the PDF (by
    default 1, 2, ...: every page was read). Pages whose text is unreadable (``unreadable_pages``) are left out,
    with a warning.

    Raises:
        InputError: the PDF has no pages, no words on any page (no text layer), or only unreadable text.
    """
    if not words:
        raise InputError(source, "PDF without pages")
    words, warnings = unreadable_pages(source, words, numbers)
    pages = [_visual_lines(page_words) for page_words in words]
    if not any(pages):
        raise InputError(source, "no text layer: OCR is not supported")
    running = _running_texts(pages)
    lines: list[Line] = []
    for page_number, visual in zip(numbers or range(1, len(pages) + 1), pages, strict=True):
        lines.extend(_page_lines(_page_content(visual, running), page_number))
    return Document(source, hashlib.sha256(data).hexdigest(), "pdf", tuple(lines), tuple(rules), tuple(warnings))


def _page_lines(visual: list[list[dict[str, Any]]], page_number: int) -> list[Line]:
    """The lines of one page from its visual lines of words, a blank line where a paragraph gap is."""
    lines: list[Line] = []
    previous_bottom: float | None = None
    for number, words in enumerate(visual, start=1):
        top = min(map(_TOP, words))
        height = max([w["bottom"] - w["top"] for w in words])
        if previous_bottom is not None and top - previous_bottom > DEFAULT_PARAGRAPH_GAP * height:
            lines.append(Line(page_number, number, ()))
        lines.append(Line(page_number, number, _fragments(words, page_number, number)))
        previous_bottom = max(map(_BOTTOM, words))
    return lines


def read_pdf(data: bytes, source: str, settings: Settings, password: str | None = None) -> Document:
    """A PDF -> ``Document`` of lines of fragments, page after page, read with pdfplumber.

    Raises:
        InputError: encrypted without the right password, corrupt, without a text layer, or over the limits.
    """
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        with pdf:
            numbers = pages_to_read(len(pdf.pages), settings, source)
            words: list[list[dict[str, Any]]] = []
            rules: list[Rule] = []
            for number in numbers:
                page = pdf.pages[number - 1]
                if len(page.chars) > settings.max_chars_per_page:
                    raise InputError(
                        source,
                        f"page {number} has {len(page.chars)} characters, over "
                        f"max_chars_per_page={settings.max_chars_per_page}",
                    )
                words.append(page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False))
                rules.extend(page_rules(page.edges, number))
                page.close()  # drop the page's parsed objects: memory stays flat over long documents
    except InputError:
        raise
    except MemoryError:
        raise memory_error(source) from None
    except Exception as exc:  # pdfminer raises many kinds on a broken file; pdfplumber wraps them
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, MemoryError):
            raise memory_error(source) from None
        if isinstance(cause, PDFPasswordIncorrect):
            problem = "encrypted PDF; pass --password" if not password else "encrypted PDF; the password is wrong"
            raise InputError(source, problem) from None
        detail = str(cause) or type(cause).__name__
        raise InputError(source, f"corrupt PDF ({type(cause).__name__}: {detail})") from None
    return document_from_pages(data, source, words, rules, numbers)
