"""Reading our own JSON output back: the cookies of one document's file, or of every file in a folder."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.errors import InputError
from extractor.model import Cookie

# Files of an output folder that are not documents.
NOT_DOCUMENTS = ("report.json",)


def read_cookies(path: Path) -> list[Cookie]:
    """The cookies of a document's JSON output, or of all of them under a folder (in path order).

    Raises:
        InputError: a file that is not our JSON output, or a folder without any.
    """
    files = (
        sorted(p for p in path.rglob("*.json") if p.name not in NOT_DOCUMENTS and ".extractor" not in p.parts)
        if path.is_dir()
        else [path]
    )
    if not files:
        raise InputError(str(path), "no document JSON found (expected extractor convert output)")
    cookies: list[Cookie] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            cookies.extend(Cookie.from_dict(c) for c in data["cookies"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(str(file), f"not an extractor document JSON ({type(exc).__name__}: {exc})") from None
    return cookies
