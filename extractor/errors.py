"""One exception hierarchy: every error the library raises on purpose is an ``ExtractorError``; and the one
way a file name is shown in a message (``display_name``)."""

from __future__ import annotations

import os


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on or hide escaped, Python-style: control characters
    (``\\n``, ``\\x1b``), format characters (bidi overrides, zero-width) and the lone surrogates that stand for
    bytes of a name that are not UTF-8 (``\\xff``). Printable text, accents and scripts included, is unchanged,
    so the escaped form of an escaped form is itself."""
    if text.isprintable():
        return text
    shown: list[str] = []
    for char in text:
        code = ord(char)
        if char.isprintable():
            shown.append(char)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode's surrogateescape
            shown.append(f"\\x{code - 0xDC00:02x}")
        else:
            shown.append(repr(char)[1:-1])  # repr escapes every character that is not printable
    return "".join(shown)


def display_name(path: str | os.PathLike[str]) -> str:
    """How a file name appears in every message, summary line and report entry: escaped by ``printable``, so
    that a name holding a newline or a terminal escape sequence cannot forge or colour a line, and a name that
    is not valid UTF-8 still makes valid UTF-8 text."""
    return printable(os.fspath(path))


class ExtractorError(Exception):
    """Base of every error raised by extractor."""


class InputError(ExtractorError):
    """The input document cannot be read: empty, binary, unknown encoding, corrupt, ...

    The message always names the file (escaped by ``display_name``) and the problem, e.g.
    ``policy.txt: empty file``.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{display_name(source)}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from its two parts when it crosses a process boundary (a worker's error in the parent).
        return (type(self), (self.source, self.problem))


class ConfigError(ExtractorError):
    """A setting has a value outside what it accepts."""


class OutputError(ExtractorError):
    """A result cannot be written where it was asked to go."""


class EngineError(ExtractorError):
    """The engine that runs a batch cannot be used (a Dask scheduler that cannot be reached)."""
