"""Tunable behaviour in one validated object (modelled on pdfplumber's ``TableSettings.resolve``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from extractor.errors import ConfigError

DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 300
DEFAULT_MAX_CHARS_PER_PAGE = 20_000
DEFAULT_MAX_MEMORY_MB = 4096
DEFAULT_ENCODINGS = ("utf-8", "cp1252")


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
    """

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encodings: tuple[str, ...] = DEFAULT_ENCODINGS
    strict: bool = False
    password: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars_per_page: int = DEFAULT_MAX_CHARS_PER_PAGE
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB

    def __post_init__(self) -> None:
        if not isinstance(self.max_file_size, int) or self.max_file_size <= 0:
            raise ConfigError(f"max_file_size: expected a positive number of bytes, got {self.max_file_size!r}")
        for name in ("max_pages", "max_chars_per_page", "max_memory_mb"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{name}: expected a positive whole number, got {value!r}")
        if not self.encodings or not all(isinstance(e, str) for e in self.encodings):
            raise ConfigError(f"encodings: expected a non-empty tuple of codec names, got {self.encodings!r}")
        for name in self.encodings:
            try:
                "".encode(name)
            except LookupError:
                raise ConfigError(f"encodings: unknown codec {name!r}") from None

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
