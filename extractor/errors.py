"""One exception hierarchy: every error the library raises on purpose is an ``ExtractorError``."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base of every error raised by extractor."""


class InputError(ExtractorError):
    """The input document cannot be read: empty, binary, unknown encoding, corrupt, ...

    The message always names the file and the problem, e.g. ``policy.txt: empty file``.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ConfigError(ExtractorError):
    """A setting has a value outside what it accepts."""


class OutputError(ExtractorError):
    """A result cannot be written where it was asked to go."""
