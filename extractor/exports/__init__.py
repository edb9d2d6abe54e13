"""Exports of an inventory to the formats consent-management tools read.

Each exporter is a pure function from cookie records (and the language of each record's texts) to an
``Exported``: a JSON-ready dict (or CSV text) and notes on what the format asks for that the inventory does not
hold. Nothing is invented: a value the policy does not give is left out, never filled with a default.

- ``klaro``: a Klaro! config (services with their purposes and cookies; ``required`` for strictly necessary);
- ``cookieconsent``: an orestbida/cookieconsent v3 config (categories with ``autoClear.cookies``, and a
  preferences section per category whose ``cookieTable`` lists the cookies, under the texts' language);
- ``tcf-disclosure``: an IAB TCF device storage disclosure (``disclosures[]`` and ``domains[]``);
- ``csv-onetrust``: a flat CSV (Cookie Subgroup, Cookies, Cookies used, Lifespan) for spreadsheet imports.

Patterns (``_ga_<container-id>``) are exported to Klaro and cookieconsent as their regular expression, written
``^...$`` (both libraries take regular expressions as cookie names), and to the TCF disclosure with ``*``
wildcards, as its specification writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from extractor.errors import ConfigError
from extractor.exports.common import DEFAULT_LANGUAGE, Exported
from extractor.exports.cookieconsent import to_cookieconsent
from extractor.exports.klaro import to_klaro
from extractor.exports.onetrust import to_onetrust_csv
from extractor.exports.tcf import to_tcf_disclosure
from extractor.model import Cookie

EXPORTERS: dict[str, Callable[[Sequence[Cookie], Sequence[str]], Exported]] = {
    "klaro": to_klaro,
    "cookieconsent": to_cookieconsent,
    "tcf-disclosure": to_tcf_disclosure,
    "csv-onetrust": to_onetrust_csv,
}
FORMATS = tuple(EXPORTERS)


def exporter(to: str) -> Callable[[Sequence[Cookie], Sequence[str]], Exported]:
    """The exporter of format ``to``.

    Raises:
        ConfigError: an unknown format.
    """
    try:
        return EXPORTERS[to]
    except KeyError:
        raise ConfigError(f"export format: unknown {to!r}; expected one of {', '.join(FORMATS)}") from None


def export(cookies: Sequence[Cookie], to: str, language: str | None = None) -> Any:
    """The inventory in the format ``to`` (a dict for JSON formats, text for CSV); ``export_documents``
    (``extractor.exports.documents``) also gives the notes, for records of several documents.

    Args:
        cookies: the records.
        to: one of ``FORMATS``.
        language: the language of the records' texts (English when not given).

    Raises:
        ConfigError: an unknown format.
    """
    return exporter(to)(cookies, [language or DEFAULT_LANGUAGE] * len(cookies)).content
