"""Visible text: whitespace collapsed, and the invisible characters a CMS or a copy leaves in cells removed.

A zero-width space stands where a break may fall: it becomes a space (then collapses with its neighbours). Word
joiners, byte-order marks and soft hyphens join what they sit in: they go.
"""

from __future__ import annotations

INVISIBLE = str.maketrans({"\u200b": " ", "\u2060": None, "\ufeff": None, "\u00ad": None, "\u180e": None})


def collapse(text: str) -> str:
    """``text`` as seen: invisible characters out, runs of whitespace one space, no space at either end."""
    return " ".join(text.translate(INVISIBLE).split())
