"""Tunable behaviour in one validated object (modelled on pdfplumber's ``TableSettings.resolve``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from extractor.errors import ConfigError
from extractor.model import ROLES

DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 300
DEFAULT_MAX_CHARS_PER_PAGE = 20_000
DEFAULT_MAX_MEMORY_MB = 4096
DEFAULT_ENCODINGS = ("utf-8", "cp1252")
# Limits that hold for every entry point (``extract``, ``extract_many``, the CLI, ``show``, ``debug``): what a hostile
# or broken file may make the extractor unpack, decode, draw or compute. Each is far above what a cookie policy
# needs (measured 2026-12-01 on the samples and the dev and wild corpora: the largest DOCX unpacks to 0.8 MB, the
# largest PDF's streams decode to 17 MB) and far below what would take the machine down (tests/test_hostile.py:
# peak memory stays under 1.5 GB at these values).
# Bytes the members of a ZIP container (DOCX) may unpack to, all together.
DEFAULT_MAX_UNPACKED_SIZE = 256 * 1024 * 1024
# Bytes a PDF's compressed streams may decode to: page contents, fonts and other data together, each image alone.
DEFAULT_MAX_DECODED_SIZE = 256 * 1024 * 1024
# Pixels of a debug picture (an A4 page at 500 dpi; drawing takes about 20 bytes a pixel at its peak): a larger
# page is drawn at a lower resolution to stay within them.
DEFAULT_MAX_PICTURE_PIXELS = 25_000_000
# Columns or rows one table cell may span (HTML ``colspan``/``rowspan``, Word ``gridSpan``): HTML's own cap on
# ``colspan``; spans are also cut to the table's real grid.
DEFAULT_MAX_SPAN = 1000
# Work the layout may spend on one document's quadratic-risk readings (glued rows cut by dynamic programming),
# in characters looked at: the samples need at most 67,485 (cookie-list-glued-en.txt), the corpora
# at most 7,299; a 4 KB run-together row would need billions (20 million take about 3 s). When it runs out the
# document is ``partial`` with a warning.
DEFAULT_MAX_LAYOUT_WORK = 20_000_000
# The libraries that can read a PDF's words and rules: PDFium (fast, the default) or pdfplumber (pdfminer).
PdfReader = Literal["pdfium", "pdfplumber"]
PDF_READERS: tuple[PdfReader, ...] = get_args(PdfReader)
DEFAULT_PDF_READER: PdfReader = "pdfium"
# Pages of a PDF to read, in Camelot's syntax: "1", "1-3,5", "2-end", "end", "all" (page numbers count from 1).
PAGE_RANGE = re.compile(r"^(?:(?P<first>\d+|end)(?:-(?P<last>\d+|end))?|all)$")

# The settings file looked for in the current folder, and the project file whose [tool.extractor] table is
# read when there is none.
CONFIG_FILE = "extractor.toml"
PYPROJECT_FILE = "pyproject.toml"

# Weights of the features that score layout decisions (``extractor.scoring``), by decision. Chosen by hand on
# 2026-12-01 against the `tune` half of the development corpus (bench/accuracy.py --split tune), then checked on
# `check` without change; a weight's sign says which way its evidence points.
LAYOUT_WEIGHTS: dict[str, float] = {
    # Which reading of a document's tables wins (``layout.stitch``): how many rows each explains, a row
    # counting by the share of its cells filled and only when its name could be a cookie's.
    "reading_explained_rows": 1.0,
    # ... and how many of its rows stand across the page (two cells or more on the row's first line).
    "reading_rows_laid_across": 1.0,
    # Column roles (``roles.column_candidates``): shares of a column's cells, 0-1, and the header's match.
    # The header's words: a match for the role, a weak one ("cookie"), a match for another role. A header
    # outweighs a column of category words (the policy's own label wins), not a column of names or durations.
    "header_names_role": 2.5,
    "header_weakly_names_role": 0.75,
    "header_names_other_role": -1.5,
    # A qualifier in brackets naming a role ("Category (if persistent cookie, retention period)"): the
    # column may hold that role instead, and the head's role counts against it no more.
    "header_qualifier_names_role": 1.5,
    # "Type" holds anything (the category, the party, the storage kind, the duration): it counts little.
    "header_says_type": 0.75,
    "header_says_type_for_other_role": -0.25,
    # Every role but ``other`` must beat this: a column with no evidence stays ``other``.
    "other_baseline": 0.5,
    # name: tokens with marks no word has (_, digits, camelCase), single tokens, sentences and durations against.
    "name_marks": 3.0,
    "name_tokens": 1.0,
    "name_prose": -3.0,
    "name_durations": -2.0,
    "name_hosts": -1.0,
    # provider: short capitalised values that repeat down the column.
    "provider_short_capitalised": 1.0,
    "provider_repeated": 0.8,
    "provider_hosts": 0.3,
    "provider_marks": -2.0,
    "provider_prose": -2.0,
    "provider_durations": -2.0,
    # A "Cookie" column beside the names holds the service that sets them ("Google Analytics").
    "provider_weak_name_header": 0.75,
    # purpose: sentences.
    "purpose_prose": 3.0,
    "purpose_marks": -2.0,
    "purpose_durations": -2.0,
    # function: a short label beside the purpose; a column of sentences is the purpose whatever its header.
    "function_prose": -1.5,
    "function_durations": -2.0,
    # duration: values that parse as durations.
    "duration_durations": 3.5,
    # type: storage kinds and party words.
    "type_storage": 2.5,
    "type_party": 2.0,
    "type_categories": -1.0,
    # domain: host names; proper names ("Google", "Meta") under a domain header name who sets the cookie.
    "domain_hosts": 3.0,
    "domain_short_capitalised": -3.0,
    "provider_domain_header": 1.0,
    # category: short values naming a consent category.
    "category_categories": 3.0,
}


# The settings that are positive whole numbers bounding what one document may cost.
LIMITS = (
    "max_pages",
    "max_chars_per_page",
    "max_memory_mb",
    "max_unpacked_size",
    "max_decoded_size",
    "max_picture_pixels",
    "max_span",
    "max_layout_work",
)


@dataclass(frozen=True)
class Settings:
    """Options of one extraction.

    Attributes:
        max_file_size: inputs larger than this many bytes are refused with an ``InputError``.
        encodings: text encodings tried in order after byte-order marks (``utf-8`` first).
        strict: raise the document's ``InputError`` instead of returning a ``failed`` result.
        password: the password of encrypted PDFs.
        max_pages: PDFs with more pages are refused (a policy is a few pages; a 2,000-page file is something else).
        max_chars_per_page: a PDF page with more characters is refused (a page of dust, not of text).
        max_memory_mb: address-space cap of each batch worker process; a document that needs more fails alone.
        labels: header labels of the user's own and the role each names ("Kakans namn": "name"), for wording no
            lexicon file foresees; they outrank the lexicon (``load_labels`` reads them from a file).
        pdf_reader: the library that reads PDFs: ``pdfium`` (pypdfium2, several times faster) or ``pdfplumber``
            (pdfminer); both give the same words and rules, so the same records.
        max_unpacked_size: bytes the members of a DOCX (a ZIP container) may unpack to, all together; a larger
            document is refused with an ``InputError`` (a ZIP bomb?).
        max_decoded_size: bytes a PDF's compressed streams may decode to (page contents, fonts and other data
            together, each image alone by its declared size); checked before the PDF is parsed.
        max_picture_pixels: pixels of a ``debug`` picture; a larger page is drawn at a lower resolution.
        max_span: columns or rows one table cell may span (HTML ``colspan``/``rowspan``, Word ``gridSpan``); spans
            are also cut to the table's real grid.
        max_layout_work: characters the layout may look at for one document's costly readings (glued rows cut
            by dynamic programming); past it the document is ``partial`` with a ``budget-exceeded`` warning.
        layout: weights of the features that score layout decisions (``LAYOUT_WEIGHTS``); a mapping given
            here overrides the named weights and keeps the others.
        pages: the pages of a PDF to read, in Camelot's syntax ("1-3,5", "2-end"; ``None`` or "all": every page);
            a page's number stays its number in the document. Other inputs are read whole.
    """

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encodings: tuple[str, ...] = DEFAULT_ENCODINGS
    strict: bool = False
    password: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars_per_page: int = DEFAULT_MAX_CHARS_PER_PAGE
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    layout: Mapping[str, float] = field(default_factory=lambda: dict(LAYOUT_WEIGHTS))
    labels: Mapping[str, str] = field(default_factory=dict)
    pdf_reader: PdfReader = DEFAULT_PDF_READER
    pages: str | None = None
    max_unpacked_size: int = DEFAULT_MAX_UNPACKED_SIZE
    max_decoded_size: int = DEFAULT_MAX_DECODED_SIZE
    max_picture_pixels: int = DEFAULT_MAX_PICTURE_PIXELS
    max_span: int = DEFAULT_MAX_SPAN
    max_layout_work: int = DEFAULT_MAX_LAYOUT_WORK

    def __post_init__(self) -> None:
        if not isinstance(self.max_file_size, int) or self.max_file_size <= 0:
            raise ConfigError(f"max_file_size: expected a positive number of bytes, got {self.max_file_size!r}")
        for name in LIMITS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{name}: expected a positive whole number, got {value!r}")
        if self.pdf_reader not in PDF_READERS:
            raise ConfigError(f"pdf_reader: expected one of {list(PDF_READERS)}, got {self.pdf_reader!r}")
        roles = (*ROLES, "other")
        bad_labels = {k: v for k, v in self.labels.items() if not isinstance(k, str) or v not in roles}
        if bad_labels:
            raise ConfigError(f"labels: expected label -> one of {list(roles)}, got {bad_labels!r}")
        unknown_weights = sorted(set(self.layout) - set(LAYOUT_WEIGHTS))
        if unknown_weights:
            raise ConfigError(f"layout: unknown weight(s) {unknown_weights}; expected some of {sorted(LAYOUT_WEIGHTS)}")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in self.layout.values()):
            raise ConfigError(f"layout: expected numbers as weights, got {dict(self.layout)!r}")
        if set(self.layout) != set(LAYOUT_WEIGHTS):
            object.__setattr__(self, "layout", {**LAYOUT_WEIGHTS, **self.layout})
        if not self.encodings or not all(isinstance(e, str) for e in self.encodings):
            raise ConfigError(f"encodings: expected a non-empty tuple of codec names, got {self.encodings!r}")
        for name in self.encodings:
            try:
                "".encode(name)
            except LookupError:
                raise ConfigError(f"encodings: unknown codec {name!r}") from None
        if self.pages is not None:
            page_ranges(self.pages)

    def __hash__(self) -> int:
        """Settings stay usable as a key: the mappings are hashed by their items."""
        return hash(
            tuple(
                tuple(sorted(value.items())) if isinstance(value, Mapping) else value
                for value in (getattr(self, f.name) for f in fields(self))
            )
        )

    @classmethod
    def resolve(cls, value: Settings | Mapping[str, Any] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``None`` (defaults), a mapping or a ``Settings``, plus keyword overrides."""
        if value is None:
            base: dict[str, Any] = {}
        elif isinstance(value, Settings):
            base = {f.name: getattr(value, f.name) for f in fields(cls)}
        elif isinstance(value, Mapping):
            base = dict(value)
        else:
            raise ConfigError(f"settings: expected None, a mapping or Settings, got {type(value).__name__}")
        base.update(overrides)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(base) - known)
        if unknown:
            raise ConfigError(f"settings: unknown option(s) {', '.join(unknown)}; expected {sorted(known)}")
        if "encodings" in base and isinstance(base["encodings"], list):
            base["encodings"] = tuple(base["encodings"])
        return cls(**base)


def page_ranges(spec: str) -> list[tuple[int | None, int | None]]:
    """The (first, last) ranges of a page selection in Camelot's syntax ("1-3,5,7-end"); ``None`` is "end",
    the last page.

    Raises:
        ConfigError: the selection does not read as page numbers and ranges, or a range runs backwards.
    """
    ranges: list[tuple[int | None, int | None]] = []
    for item in str(spec).replace(" ", "").split(","):
        match = PAGE_RANGE.match(item)
        if match is None or item.startswith("0") or "-0" in item:
            raise ConfigError(f"pages: expected page numbers and ranges like 1-3,5 or 2-end, got {spec!r}")
        if item == "all":
            ranges.append((1, None))
            continue
        first, last = match["first"], match["last"] or match["first"]
        start = None if first == "end" else int(first)
        stop = None if last == "end" else int(last)
        if start is not None and stop is not None and stop < start:
            raise ConfigError(f"pages: the range {item} runs backwards (in {spec!r})")
        if start is None and stop is not None:
            raise ConfigError(f"pages: the range {item} starts after the last page (in {spec!r})")
        ranges.append((start, stop))
    return ranges


def selected_pages(spec: str | None, count: int) -> list[int]:
    """The page numbers (from 1, in document order, each once) a selection (``Settings.pages``) picks of a
    document of ``count`` pages; pages past the end are left out.

    Raises:
        ConfigError: the selection does not read as page numbers and ranges.
    """
    if spec is None:
        return list(range(1, count + 1))
    chosen: set[int] = set()
    for start, stop in page_ranges(spec):
        first = count if start is None else start
        last = count if stop is None else min(stop, count)
        chosen.update(range(max(first, 1), last + 1))
    return sorted(chosen)


def load_labels(path: str | Path) -> dict[str, str]:
    """Header labels from a file: JSON (``{"Kakans namn": "name"}``) or TOML (a ``[labels]`` table, or the
    labels at the top level), for ``Settings.labels``.

    Raises:
        ConfigError: the file cannot be read or holds something else than label -> role.
    """
    import json
    import tomllib

    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        data = tomllib.loads(text) if source.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(f"{source}: cannot read header labels ({error})") from None
    labels = data.get("labels", data) if isinstance(data, dict) else data
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise ConfigError(f'{source}: expected an object of header label -> role, like {{"Kakans namn": "name"}}')
    return dict(labels)


@dataclass(frozen=True)
class ConfigFile:
    """What a settings file holds: ``Settings`` fields, and options of a command (``jobs``, ``fail_on``, ...).

    Attributes:
        path: the file read; ``None`` when there is none.
        settings: ``Settings`` fields by name (``Settings.resolve`` takes them).
        options: the command options the caller allowed, by name.
    """

    path: Path | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)


def find_config(folder: Path) -> Path | None:
    """The settings file of a folder: its ``extractor.toml``, else its ``pyproject.toml`` when that has a
    ``[tool.extractor]`` table."""
    import tomllib

    if (folder / CONFIG_FILE).is_file():
        return folder / CONFIG_FILE
    pyproject = folder / PYPROJECT_FILE
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return pyproject if "extractor" in data.get("tool", {}) else None


def load_config(
    path: Path | None = None, folder: Path | None = None, options: Mapping[str, Any] | None = None
) -> ConfigFile:
    """Read a settings file: ``path``, or else the one ``find_config`` finds in ``folder`` (the current folder).

    The file is TOML; a ``pyproject.toml`` holds the settings in its ``[tool.extractor]`` table. Its keys are
    the fields of ``Settings`` (``max_pages = 50``, a ``[labels]`` table of label -> role, ...) and the
    ``options`` given, a mapping of option name -> the type its value must have (``{"jobs": int}``).

    Raises:
        ConfigError: the file cannot be read, is not TOML, has a key that is no setting or option, or a value
            of another type than its setting's or option's.
    """
    import tomllib

    allowed: dict[str, Any] = dict(options or {})
    source = path if path is not None else find_config(folder or Path.cwd())
    if source is None:
        return ConfigFile()
    try:
        data: dict[str, Any] = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{source}: cannot read the settings file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from None
    if source.name == PYPROJECT_FILE:
        data = data.get("tool", {}).get("extractor", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: expected a [tool.extractor] table")
    hints = get_type_hints(Settings)
    settings: dict[str, Any] = {}
    chosen: dict[str, Any] = {}
    for key, value in data.items():
        hint = hints.get(key, allowed.get(key))
        if hint is None:
            known = ", ".join([*sorted(hints), *sorted(allowed)])
            raise ConfigError(f"{source}: unknown key {key!r}; expected one of {known}")
        if not _fits(value, hint):
            raise ConfigError(f"{source}: {key}: expected {_describe(hint)}, got {value!r}")
        if key in hints:
            settings[key] = tuple(value) if get_origin(hint) is tuple else value
        else:
            chosen[key] = value
    try:
        Settings.resolve(settings)
    except ConfigError as error:
        raise ConfigError(f"{source}: {error}") from None
    return ConfigFile(source, settings, chosen)


def _fits(value: Any, hint: Any) -> bool:
    """Whether a value read from TOML has the type a setting or option is declared with."""
    origin, arguments = get_origin(hint), get_args(hint)
    if hint is Any:
        return True
    if origin is Literal:
        return value in arguments
    if origin in (Union, UnionType):
        return any(_fits(value, option) for option in arguments)
    if hint is bool or hint is type(None):
        return isinstance(value, hint)
    if hint is int:  # TOML's booleans are no numbers, though Python's are
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if origin in (tuple, list):
        return isinstance(value, list) and all(_fits(item, arguments[0]) for item in value)
    if origin in (dict, Mapping):
        return isinstance(value, dict) and all(
            _fits(k, arguments[0]) and _fits(v, arguments[1]) for k, v in value.items()
        )
    return isinstance(value, hint) if isinstance(hint, type) else True


# How a settings file's reader calls the value types: one value, many of them.
TYPE_NAMES: dict[Any, tuple[str, str]] = {
    bool: ("true or false", "booleans"),
    int: ("a whole number", "whole numbers"),
    float: ("a number", "numbers"),
    str: ("a string", "strings"),
}


def _describe(hint: Any) -> str:
    """A type as a settings file's reader knows it: ``a whole number``, ``one of pdfium, pdfplumber``,
    ``a table of strings``."""
    origin, arguments = get_origin(hint), get_args(hint)
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in arguments)
    if origin in (Union, UnionType):
        return " or ".join(_describe(a) for a in arguments if a is not type(None))
    if origin in (tuple, list, dict, Mapping):
        kind = "a table" if origin in (dict, Mapping) else "a list"
        items = TYPE_NAMES.get(arguments[-1 if kind == "a table" else 0])
        return f"{kind} of {items[1]}" if items else kind
    return TYPE_NAMES[hint][0] if hint in TYPE_NAMES else str(hint)
