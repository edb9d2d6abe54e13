"""Exports of an inventory to the formats consent-management tools read.

Each exporter is a pure function from cookie records to a JSON-ready dict (or CSV text):

- ``klaro``: a Klaro! config (services with their purposes and cookies; ``required`` for strictly necessary);
- ``cookieconsent``: an orestbida/cookieconsent v3 config (categories with ``autoClear.cookies``, and a
  preferences section per category whose ``cookieTable`` lists the cookies);
- ``tcf-disclosure``: an IAB TCF Device Storage Disclosure (``disclosures[]``);
- ``csv-onetrust``: a flat CSV (Cookie Subgroup, Cookies, Cookies used, Lifespan) for spreadsheet imports.

Patterns (``_ga_<container-id>``) are exported as their regular expression, written ``^...$``: a consumer turns
strings that start with ``^`` into regular expressions (both libraries take ``RegExp`` cookie names).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from extractor.errors import ConfigError
from extractor.exports.cookieconsent import to_cookieconsent
from extractor.exports.klaro import to_klaro
from extractor.exports.onetrust import to_onetrust_csv
from extractor.exports.tcf import to_tcf_disclosure
from extractor.model import Cookie

EXPORTERS: dict[str, Callable[[Sequence[Cookie]], Any]] = {
    "klaro": to_klaro,
    "cookieconsent": to_cookieconsent,
    "tcf-disclosure": to_tcf_disclosure,
    "csv-onetrust": to_onetrust_csv,
}
FORMATS = tuple(EXPORTERS)


def export(cookies: Sequence[Cookie], to: str) -> Any:
    """The inventory in the format ``to`` (a dict for JSON formats, text for CSV).

    Raises:
        ConfigError: an unknown format.
    """
    try:
        exporter = EXPORTERS[to]
    except KeyError:
        raise ConfigError(f"export format: unknown {to!r}; expected one of {', '.join(FORMATS)}") from None
    return exporter(cookies)
