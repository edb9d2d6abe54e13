"""Exports of the cookies of whole documents (convert's JSON, an inventory, a document converted on the fly):
a failed document stops the export, and each record's texts go under its document's language."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.errors import InputError
from extractor.exports import exporter
from extractor.exports.common import DEFAULT_LANGUAGE, Exported
from extractor.model import Cookie
from extractor.normalize.language import detect_language
from extractor.writers.read import DocumentCookies


def text_language(cookies: Sequence[Cookie], language: str | None) -> str | None:
    """The language of the records' texts: the document's, else told by the purposes themselves."""
    if language:
        return language
    return detect_language("\n".join(c.purpose or c.function or "" for c in cookies))


def export_documents(documents: Sequence[DocumentCookies], to: str) -> Exported:
    """The cookies of several documents in the format ``to``, each record's texts under its document's language.

    Raises:
        ConfigError: an unknown format.
        InputError: a document that failed to convert (its configuration would miss its cookies).
    """
    chosen = exporter(to)
    failed = [d for d in documents if d.status == "failed"]
    if failed:
        others = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        reason = failed[0].error or "no reason recorded"
        raise InputError(failed[0].source, f"the document failed to convert ({reason}){others}; nothing exported")
    cookies: list[Cookie] = []
    languages: list[str] = []
    notes: list[str] = []
    for document in documents:
        language = text_language(document.cookies, document.language)
        if language is None and document.cookies:
            notes.append(f"{document.source}: the language of its texts is not known; taken as {DEFAULT_LANGUAGE!r}")
        cookies.extend(document.cookies)
        languages.extend([language or DEFAULT_LANGUAGE] * len(document.cookies))
    exported = chosen(cookies, languages)
    return Exported(exported.content, (*notes, *exported.notes))
