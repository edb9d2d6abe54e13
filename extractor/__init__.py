"""extractor: cookie-policy documents in, clean cookie inventories out.

>>> import extractor
>>> result = extractor.extract("samples/opendatasoft-cookie-policy.txt")
>>> [c.name for c in result.cookies]
['sessionid', 'django_language', 'csrftoken', 'cookies_preferences']
"""

from __future__ import annotations

import logging

from extractor.batch import extract_many
from extractor.errors import ConfigError, ExtractorError, InputError, OutputError
from extractor.model import Cookie, ExtractionWarning, Result, Table
from extractor.pipeline import extract
from extractor.settings import Settings
from extractor.version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ConfigError",
    "Cookie",
    "ExtractionWarning",
    "ExtractorError",
    "InputError",
    "OutputError",
    "Result",
    "Settings",
    "Table",
    "__version__",
    "extract",
    "extract_many",
]
