"""Cookie names: one name per record out of a cell that lists several, and names that are patterns.

A cell splits on commas, semicolons and line breaks, and on "and"/"et"/"und"/"y"/"e"/"en"/"or" and spaced
slashes only when every part is a cookie name ("_ga, _gid and _gat"); names that contain those characters
stay whole ("pagead/1p-user-list/#"). A pattern is a name with a wildcard (``_pk_id.*``, ``_hjSession_*``),
a placeholder (``_ga_<container-id>``, ``__Secure-xxxxx``, ``{id}``) or a phrase ("any cookie starting with
_hs"); its ``regex`` matches the names it stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor import lexicon
from extractor.shapes import LIST_SEPARATORS, cell_lines, ends_open, has_name_marks, join_cell, looks_like_cookie_name

CONJUNCTIONS = re.compile(rf"\s+{lexicon.phrase_pattern(lexicon.words('list_connectors'))}\s+|\s+/\s+", re.IGNORECASE)
# "any cookie starting with _hs", "cookies beginning with", "commençant par", "beginnend mit", ...
PREFIX_PHRASE = re.compile(
    rf"{lexicon.phrase_pattern(lexicon.words('prefix_phrases'))}\s*[\"'“‘]?(?P<prefix>[\w.$-]+)", re.IGNORECASE
)
PLACEHOLDER = re.compile(r"<[^<>]+>|\{[^{}]+\}|\[(?!x?\d+\])[^\[\]]+\]|x{3,}|X{3,}|#$")
WILDCARD = re.compile(r"\*")
LIST_TAILS = lexicon.words("list_tails")
# "_ga (_ga_154EKDNFWE, _ga_5QGFXYQ2TL)": a name, then in brackets the names of the same family.
BRACKETED_LIST = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
# A lone name in brackets after a name lists it only when both open alike, in this many characters.
DEFAULT_SHARED_PREFIX = 3
# "XSRF-TOKEN (Protects the forms)": a name, then in brackets what it does; one after another in a cell.
NAME_WITH_NOTE = re.compile(r"\s*(?P<name>[^\s(),:;]+)\s*\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*")
# "_ga, _gid: Google Analytics cookies count visits": names, a colon, then what they do.
NAMES_THEN_NOTE = re.compile(r"^(?P<names>[^:]+?)\s*:\s+(?P<note>\S.*)$", re.DOTALL)
# A note in brackets of this many words or more after a name is a sentence about the cookie, not its name.
DEFAULT_NOTE_SENTENCE_WORDS = 4
# "CONSENT [x3]": a count of cookies by that name, not part of the name's pattern.
COUNT_SUFFIX = re.compile(r"\s*\[x?\d+\]$")


@dataclass(frozen=True)
class NamePattern:
    """Whether a name stands for many cookies, and the regular expression of the names it stands for."""

    is_pattern: bool
    regex: str | None


def split_names(cell: str) -> list[str]:
    """ "_ga, _gid and _gat" -> ["_ga", "_gid", "_gat"]; a name that contains spaces stays whole.

    Lines of the cell are separate names only when every line is a single name ("__utma" / "__utmb"). A name
    followed by a bracketed list of names ("_ga (_ga_ABC, _ga_DEF)") gives them all.
    """
    lines = cell_lines(cell)
    if len(lines) > 1 and all(looks_like_cookie_name(line) and has_name_marks(line) for line in lines):
        return [name for line in lines for name in split_names(line)]
    entries = _bracketed_lines(lines)
    if (
        len(entries) > 1
        and all(_opens_with_a_name(entry) for entry in entries)
        and not any(ends_open(entry) for entry in entries[:-1])  # "BEACON -" / "static.example.com"
    ):
        # One name (or list) a line, some with a note in brackets that may wrap ("_ga_<ID> (Google" /
        # "Analytics 4)"): each line's names.
        return [name for entry in entries for name in split_names(entry)]
    text = join_cell(cell) or ""
    bracketed = BRACKETED_LIST.match(text)
    if bracketed:
        inner = [p for p in LIST_SEPARATORS.split(bracketed.group("inner")) if p]
        head = bracketed.group("head").strip()
        # One token in brackets is a list only when it is a name like the head ("_ga (_ga_ABC)"); else it is
        # a note on the name ("_ga_# (GA4)").
        listed = len(inner) > 1 or (bool(inner) and inner[0][:DEFAULT_SHARED_PREFIX] == head[:DEFAULT_SHARED_PREFIX])
        if listed and all(looks_like_cookie_name(p) and has_name_marks(p) for p in inner):
            return [*split_names(bracketed.group("head")), *inner]
    annotated = _names_with_notes(text)
    if annotated:
        return annotated
    parts = [p for p in LIST_SEPARATORS.split(text) if p]
    # "_stripe_mid, campaign, etc.": the list's tail is no name.
    if len(parts) > 1 and lexicon.fold_chars(parts[-1]).strip() in LIST_TAILS:
        parts = parts[:-1]
        text = ", ".join(parts)
    names: list[str] = []
    for part in parts:
        pieces = [p for p in CONJUNCTIONS.split(part) if p]
        if len(pieces) > 1 and all(looks_like_cookie_name(p) for p in pieces):
            names.extend(pieces)
        else:
            names.append(part)
    if len(parts) > 1 and not all(looks_like_cookie_name(n) for n in names):
        return [text]
    return names


def _bracketed_lines(lines: list[str]) -> list[str]:
    """A cell's lines, a line that leaves a bracket open joined with the lines that close it."""
    entries: list[str] = []
    depth = 0
    for line in lines:
        if entries and depth > 0:
            entries[-1] = f"{entries[-1]} {line}"
        else:
            entries.append(line)
        depth = max(0, depth + line.count("(") - line.count(")"))
    return entries


def _opens_with_a_name(entry: str) -> bool:
    """Whether a cell's line opens with a token marked as a cookie name ("_ga (Google Analytics)", "_clck,")."""
    first = entry.split()[0].rstrip(",;") if entry.split() else ""
    return looks_like_cookie_name(first) and has_name_marks(first)


def _names_with_notes(text: str) -> list[str]:
    """The names of a cell whose names each carry a note ("XSRF-TOKEN (Protects the forms) session_id (Keeps
    you signed in)", "_ga, _gid: Google Analytics cookies ..."), most of them marked as names; else none. A
    single name with its note in brackets ("_ga (Google Analytics)") is kept as written."""
    notes = list(NAME_WITH_NOTE.finditer(text))
    if notes and "".join(m.group(0) for m in notes) == text:
        names = [m.group("name") for m in notes]
        if len(names) > 1 and _marked_names(names):
            return names
        # One name and a short note stay as written ("_ga_# (GA4)"); a sentence in brackets says what the
        # cookie does, and is no part of its name.
        if len(notes[0].group("note").split()) >= DEFAULT_NOTE_SENTENCE_WORDS and has_name_marks(names[0]):
            return names
    listed = NAMES_THEN_NOTE.match(text)
    if listed and len(listed.group("note").split()) > 1:
        names = [p for p in LIST_SEPARATORS.split(listed.group("names")) if p]
        if _marked_names(names):
            return names
    return []


def _marked_names(names: list[str]) -> bool:
    """Cookie names, most of them marked as names (``_``, digits, capitals), not words."""
    return all(map(looks_like_cookie_name, names)) and 2 * sum(map(has_name_marks, names)) >= len(names)


def name_pattern(name: str) -> NamePattern:
    """The pattern a name stands for, if it is one."""
    phrase = PREFIX_PHRASE.search(lexicon.fold_chars(name))
    if phrase and " " in name.strip():
        return NamePattern(True, f"^{re.escape(phrase.group('prefix'))}.*$")
    token = COUNT_SUFFIX.sub("", name.strip())
    if " " in token or not (WILDCARD.search(token) or PLACEHOLDER.search(token)):
        return NamePattern(False, None)
    regex = ""
    position = 0
    for match in re.finditer(rf"{WILDCARD.pattern}|{PLACEHOLDER.pattern}", token):
        regex += re.escape(token[position : match.start()])
        regex += r"\d+" if match.group() == "#" else ".*" if match.group() == "*" else ".+"
        position = match.end()
    regex += re.escape(token[position:])
    return NamePattern(True, f"^{regex}$")
