"""Header labels: which column role a header cell names (by the lexicon's header words, in every language it
holds), and which language the words were in.

A header cell's role is that of its earliest *strong* keyword ("Provider of Cookie" -> provider,
"Cookie Name" -> name); the weak keyword "cookie" alone names the cookie-name column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from extractor import lexicon
from extractor.lexicon import fold
from extractor.model import Role
from extractor.scoring import Candidate, weigh
from extractor.shapes import (
    DEFAULT_SHAPE_CACHE,
    LIST_SEPARATORS,
    STORAGE_WORDS,
    UNDERSCORED,
    category_from_text,
    first_name,
    has_name_marks,
    has_strong_name_marks,
    join_cell,
    looks_like_cookie_name,
    looks_like_duration,
    looks_like_host,
    names_party,
    word_count,
)

# A header cell is a short label; longer text is prose that happens to contain a keyword.
DEFAULT_MAX_HEADER_WORDS = 6


@lru_cache(maxsize=1)
def _keywords() -> tuple[frozenset[str], int, tuple[str, ...]]:
    """Every header keyword, the most words one has, and those written in a CJK script (matched anywhere)."""
    words = frozenset([*lexicon.header_words(), *lexicon.weak_name_headers()])
    longest = max((len(w.split()) for w in words), default=1)
    return words, longest, tuple(sorted((w for w in words if lexicon.is_cjk(w)), key=len, reverse=True))


def keywords_in(folded: str) -> list[str]:
    """The header keywords of folded text in reading order, the longest at each word ("duree de conservation"
    before "duree"); keywords of a CJK script wherever they stand."""
    words, longest, cjk = _keywords()
    tokens = folded.split()
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            if phrase in words:
                found.append((i, phrase))
                i += n
                break
        else:
            i += 1
    if cjk and lexicon.is_cjk(folded):  # a CJK keyword stands only in text of its script
        compact = folded.replace(" ", "")
        taken: list[tuple[int, int]] = []
        for keyword in cjk:
            at = compact.find(keyword)
            if at >= 0 and not any(a < at + len(keyword) and at < b for a, b in taken):
                taken.append((at, at + len(keyword)))
                found.append((at, keyword))
    return [phrase for _, phrase in sorted(found)]


@dataclass(frozen=True)
class HeaderMatch:
    """The role a header cell names, and the languages its keyword belongs to."""

    role: Role
    languages: tuple[str, ...]
    strong: bool


# The user's own header labels (``Settings.labels``), folded, for the extraction under way.
_USER_LABELS: ContextVar[tuple[tuple[str, Role], ...]] = ContextVar("user_labels", default=())


@contextmanager
def user_labels(labels: Mapping[str, str]) -> Iterator[None]:
    """Header labels of the user's own, in force for the extraction inside the ``with`` block."""
    token = _USER_LABELS.set(tuple(sorted((fold(k), cast(Role, v)) for k, v in labels.items() if fold(k))))
    try:
        yield
    finally:
        _USER_LABELS.reset(token)


def active_labels() -> tuple[tuple[str, Role], ...]:
    """The user's own header labels in force (``user_labels``), folded: what a cached reading of labels depends on."""
    return _USER_LABELS.get()


def match_header(text: str) -> HeaderMatch | None:
    """The role named by one header cell, or ``None`` when the text is not a header label. A label of the
    user's own (``user_labels``) found in the cell outranks the lexicon."""
    return _match_header(text, _USER_LABELS.get())


@lru_cache(maxsize=1 << 14)
def _match_header(text: str, labels: tuple[tuple[str, Role], ...]) -> HeaderMatch | None:
    folded = fold(text)
    padded = f" {folded} "
    for label, role in labels:
        if f" {label} " in padded:
            return HeaderMatch(role, (), True)
    if _lists_identifiers(text):
        return None  # "IDE, test_cookie", "_cookie_consent": a row's names, whatever words they hold
    if not folded or len(folded.split()) > DEFAULT_MAX_HEADER_WORDS or text.rstrip().endswith((".", "-")):
        return _head_match(text, labels)
    found_keywords = keywords_in(folded)
    keywords = " ".join(found_keywords).split()
    leftovers = [w for w in folded.split() if w not in keywords and w not in HEADER_CONNECTORS and len(w) > 1]
    if len(leftovers) > DEFAULT_MAX_LABEL_LEFTOVERS:
        return _head_match(text, labels)
    strong = [(word, known) for word in found_keywords if (known := lexicon.header_words().get(word)) is not None]
    if strong:
        known = _named_thing(folded, strong)
        return HeaderMatch(known.role, known.languages, True)
    return HeaderMatch("name", lexicon.weak_name_headers()[found_keywords[0]], False) if found_keywords else None


def _lists_identifiers(text: str) -> bool:
    """Text that is a cookie's name or a list of names, not a label: it opens with an underscore, or it lists
    single tokens one of which joins its pieces with one ("IDE, test_cookie"; a label may: "privacy_link")."""
    if text.lstrip().startswith("_"):
        return True
    tokens = _listed_tokens(text)
    return tokens is not None and any(UNDERSCORED.search(t) for t in tokens)


def _listed_tokens(text: str) -> list[str] | None:
    """The single tokens a cell lists ("IDE, test_cookie"; a list wrapped after its comma, "vsb_auth,"), or
    ``None`` when it lists no two such tokens."""
    parts = LIST_SEPARATORS.split(text.strip().rstrip(",;"))
    return parts if len(parts) > 1 and all(part and " " not in part for part in parts) else None


def _named_thing(folded: str, strong: list[tuple[str, lexicon.HeaderWord]]) -> lexicon.HeaderWord:
    """The keyword that names a label's column: the first, but for a name of something else ("Name of provider",
    "Naam van de aanbieder"): the name keyword, then only small joining words of its language (no "and", no
    "or"), then another role's keyword ending the label."""
    (first, known), rest = strong[0], strong[1:]
    if known.role != "name" or len(rest) != 1 or rest[0][1].role in ("name", "other"):
        return known
    tokens = folded.split()
    start = _phrase_at(tokens, first)
    end = _phrase_at(tokens, rest[0][0])
    if start is None or end is None or end + len(rest[0][0].split()) != len(tokens):
        return known
    between = tokens[start + len(first.split()) : end]
    joining = {w for code in known.languages for w in lexicon.language(code).header_connectors}
    listing = {w for code in known.languages for w in lexicon.language(code).list_connectors}
    if between and all(w in joining and w not in listing for w in between):
        return rest[0][1]
    return known


def _phrase_at(tokens: list[str], phrase: str) -> int | None:
    words = phrase.split()
    return next((i for i in range(len(tokens)) if tokens[i : i + len(words)] == words), None)


def _head_match(text: str, labels: tuple[tuple[str, Role], ...]) -> HeaderMatch | None:
    """A long label read by its head, the words before a comma, bracket or colon ("Purpose of cookie, relevant
    third-party and additional information"): the head names the column, the rest qualifies it."""
    head = LABEL_HEAD.split(text, maxsplit=1)[0].strip()
    if not head or head == text.strip() or word_count(head) > DEFAULT_MAX_HEAD_WORDS:
        return None
    return _match_header(head, labels)


# Where a label's head ends: a comma, a bracket, a colon, a dash between spaces.
LABEL_HEAD = re.compile(r"[,(:;]|\s[-–—]\s")
# A label's head is short: "Purpose of cookie", not a sentence before its first comma.
DEFAULT_MAX_HEAD_WORDS = 4

# Small words that join header labels ("Durée de conservation", "Cookie lié au service").
HEADER_CONNECTORS = lexicon.words("header_connectors") | lexicon.words("header_fillers")
# A label's qualifier in brackets, whatever its words: "Durée de vie" / "(jours)".
QUALIFIER = re.compile(r"\([^()]{1,40}\)")
# Words of a header label that are neither keywords nor connectors, at most ("Nom technique du cookie").
DEFAULT_MAX_LABEL_LEFTOVERS = 2


def is_header_word(word: str, connectors: bool = True) -> bool:
    """Whether a word belongs to the header vocabulary (wrapped labels: "Durée de" / "conservation"); with
    ``connectors=False``, only the words of header keywords count, not the small words that join them."""
    folded = fold(word)
    if connectors and folded in HEADER_CONNECTORS:
        return True
    return folded in _header_vocabulary()


def is_label_piece(text: str) -> bool:
    """A piece of a wrapped header label: header words and the small words that join them ("lié au",
    "de conservation"), or a qualifier in brackets ("(jours)", "(if persistent)")."""
    words = QUALIFIER.sub(" ", text).split()
    return all(is_header_word(w) for w in words) and (bool(words) or bool(QUALIFIER.search(text)))


def is_header_phrase(text: str) -> bool:
    """Words of header labels only, one of them at least a keyword's or a qualifier in brackets ("de
    conservation", "(jours)"; not "u" or "de" alone)."""
    words = QUALIFIER.sub(" ", text).split()
    named = any(is_header_word(w, False) for w in words) or bool(QUALIFIER.search(text))
    return is_label_piece(text) and named


@lru_cache(maxsize=1)
def _header_vocabulary() -> frozenset[str]:
    """Every word of every header keyword ("durée de conservation" gives "duree", "conservation")."""
    every = (w for key in (*lexicon.header_words(), *lexicon.weak_name_headers()) for w in key.split())
    return frozenset(every) - HEADER_CONNECTORS


def assign_roles(headers: list[str]) -> list[Role]:
    """Roles of a header row's cells, each role used at most once.

    When two cells claim one role, the strong keyword keeps it and the other cell falls back: a second
    "name"-like column ("Cookie" beside "Name") is the provider; a second purpose-like column, the function.
    """
    matches = [match_header(h) for h in headers]
    roles: list[Role] = [m.role if m else "other" for m in matches]
    for role in ("name", "purpose", "provider", "duration", "function", "type", "domain", "category"):
        claim = [i for i, r in enumerate(roles) if r == role]
        if len(claim) < 2:
            continue
        keep = next((i for i in claim if (m := matches[i]) is not None and m.strong), claim[0])
        fallback: dict[str, Role] = {"name": "provider", "purpose": "function"}
        for i in claim:
            if i != keep:
                alt = fallback.get(role, "other")
                roles[i] = alt if alt not in roles else "other"
    return roles


def header_language(headers: list[str]) -> str | None:
    """The language the header keywords agree on, or ``None`` when they name none in particular."""
    votes: dict[str, float] = {}
    for header in headers:
        m = match_header(header)
        if m and lexicon.SHARED not in m.languages:
            for lang in m.languages:
                votes[lang] = votes.get(lang, 0.0) + 1 / len(m.languages)
    if not votes:
        return None
    best = max(sorted(votes), key=lambda lang: votes[lang])
    return best


# --- column roles from what the cells hold, and the header as one feature among them -------------------------

# A cell of this many words or more is a sentence (a purpose), not a label.
DEFAULT_PROSE_WORDS = 6
# A type column whose whole cells name a category this often (and at least this many) is the category column.
DEFAULT_ROWS_CATEGORY_SHARE = 0.8
DEFAULT_ROWS_CATEGORY_MIN = 2
# Roles are scored again on whole cells only for tables of at least this many rows: fewer say less than the
# lines below the header (which may run on over tables alike).
DEFAULT_ROWS_ROLES_MIN = 4
# A category column keeps its role when at least this share of its whole cells name categories (one or more).
DEFAULT_NAMED_CATEGORY_SHARE = 0.5
# A label of at most this many words (a provider, a type, a category).
DEFAULT_SHORT_WORDS = 4


@dataclass(frozen=True)
class ColumnShape:
    """What a column's cells hold, each a share of its non-empty cells (0-1)."""

    cells: int
    marks: float
    tokens: float
    prose: float
    durations: float
    hosts: float
    short_capitalised: float
    repeated: float
    storage: float
    party: float
    categories: float


def column_shape(cells: Sequence[str | None]) -> ColumnShape:
    """Measure a column's cells (a cell listing several names counts by its first)."""
    texts = [" ".join(c.split()) for c in cells if c and c.strip()]
    if not texts:
        return ColumnShape(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    n = len(texts)
    counts = [sum(column) for column in zip(*(_cell_shape(t) for t in texts), strict=True)]
    marks, tokens, prose, durations, hosts, short_capitalised, storage, party, categories = (c / n for c in counts)
    return ColumnShape(
        cells=n,
        marks=marks,
        tokens=tokens,
        prose=prose,
        durations=durations,
        hosts=hosts,
        short_capitalised=short_capitalised,
        repeated=1.0 - len(set(texts)) / n if n > 1 else 0.0,
        storage=storage,
        party=party,
        categories=categories,
    )


@lru_cache(maxsize=DEFAULT_SHAPE_CACHE)
def _cell_shape(t: str) -> tuple[bool, bool, bool, bool, bool, bool, bool, bool, bool]:
    """What one cell text reads as, in the order of ``ColumnShape``'s shares: a marked name, a name token,
    prose, a duration, hosts, a short capitalised value, storage kinds, a party, a category label."""
    folded = fold(t)
    short = word_count(t) <= DEFAULT_SHORT_WORDS
    party = short and names_party(t)
    category = _only_names_a_category(t)
    return (
        marked_cell(t),
        looks_like_cookie_name(first_name(t)) and not looks_like_duration(t),
        word_count(t) >= DEFAULT_PROSE_WORDS,
        looks_like_duration(t),
        all(looks_like_host(w.strip(",;")) for w in t.split()),
        # A proper name: "Google", "Hotjar Ltd" (not "Third party", not "Analytics").
        short and t[:1].isupper() and not has_name_marks(t) and not party and not category,
        bool(folded) and all(w in STORAGE_WORDS for w in folded.split()),
        party,
        category,
    )


# Which measures of a column count for which role (the weight of ``role_measure`` in ``Settings.layout``).
ROLE_MEASURES: dict[Role, tuple[str, ...]] = {
    "name": ("marks", "tokens", "prose", "durations", "hosts"),
    "provider": ("short_capitalised", "repeated", "hosts", "marks", "prose", "durations"),
    "purpose": ("prose", "marks", "durations"),
    "function": ("prose", "durations"),
    "duration": ("durations",),
    "type": ("storage", "party", "categories"),
    "domain": ("hosts", "short_capitalised"),
    "category": ("categories",),
}


def column_candidates(header: str | None, shape: ColumnShape, weights: Mapping[str, float]) -> list[Candidate[Role]]:
    """One candidate per role for a column, scored by its header's words and its cells' shape."""
    match = match_header(header) if header else None
    qualified = _qualifier_role(header) if header else None
    other: Role = "other"
    candidates = [weigh(other, {"other_baseline": 1.0}, weights)]
    for role, measures in ROLE_MEASURES.items():
        values: dict[str, float] = {}
        if qualified == role and (match is None or match.role != role):
            values["header_qualifier_names_role"] = 1.0
        elif match is not None and match.role == role:
            said = "header_says_type" if role == "type" else "header_names_role"
            values[said if match.strong else "header_weakly_names_role"] = 1.0
        elif match is not None and match.strong and match.role == "type":
            values["header_says_type_for_other_role"] = 1.0
        elif match is not None and match.strong and role == "provider" and match.role == "domain":
            values["provider_domain_header"] = 1.0  # "Domaine" over "Google", "Meta": who sets the cookie
        elif match is not None and match.strong and match.role != "other":
            values["header_names_other_role"] = 1.0
        if role == "provider" and match is not None and not match.strong:
            values["provider_weak_name_header"] = 1.0
        for measure in measures:
            values[f"{role}_{measure}"] = getattr(shape, measure)
        candidates.append(weigh(role, values, weights))
    return candidates


def _qualifier_role(header: str) -> Role | None:
    """The role a header's qualifier in brackets names, when it names one strongly ("(retention period)")."""
    found = QUALIFIER.search(header)
    inner = match_header(found.group(0)[1:-1]) if found else None
    return inner.role if inner is not None and inner.strong and inner.role != "other" else None


@dataclass(frozen=True)
class ColumnRoles:
    """The roles of a table's columns, chosen jointly (each role once, ``other`` any number of times), with
    each column's candidates for ``show --explain``."""

    roles: tuple[Role, ...]
    candidates: tuple[tuple[Candidate[Role], ...], ...]
    score: float

    def evidence(self, column: int, role: Role | None = None) -> Candidate[Role]:
        """The candidate of a column for a role (by default the one chosen)."""
        role = self.roles[column] if role is None else role
        return next(c for c in self.candidates[column] if c.item == role)

    def runner_up(self, column: int, role: Role | None = None) -> Candidate[Role] | None:
        """The best candidate of a column but the one for ``role`` (by default the one chosen)."""
        role = self.roles[column] if role is None else role
        others = [c for c in self.candidates[column] if c.item != role]
        return max(others, key=lambda c: c.score) if others else None


def assign_columns(
    headers: Sequence[str | None], shapes: Sequence[ColumnShape], weights: Mapping[str, float]
) -> ColumnRoles:
    """The best joint assignment of roles to columns: the highest total score with each role used once.

    Dynamic programming over the columns with the set of roles used so far (eight roles: 256 states).
    """
    per_column = [tuple(column_candidates(h, s, weights)) for h, s in zip(headers, shapes, strict=True)]
    order = list(ROLE_MEASURES)
    # Each candidate's role, score and bit in the set of roles used, worked out once.
    scored = [
        [(c.item, c.score, 0 if c.item == "other" else 1 << order.index(c.item)) for c in candidates]
        for candidates in per_column
    ]
    best: dict[int, tuple[float, tuple[Role, ...]]] = {0: (0.0, ())}
    for candidates in scored:
        step: dict[int, tuple[float, tuple[Role, ...]]] = {}
        for used, (total, roles) in best.items():
            for role, score, bit in candidates:
                if used & bit:
                    continue
                key, value = used | bit, (total + score, (*roles, role))
                if key not in step or value[0] > step[key][0]:
                    step[key] = value
        best = step
    total, roles = max(best.values(), key=lambda v: v[0])
    return ColumnRoles(roles, tuple(per_column), total)


def marked_cell(text: str) -> bool:
    """A cell whose name is marked as a cookie's, or a list of single tokens one of which is ("IDE, test_cookie",
    "bcookie, lidc, UserMatchHistory": names a list gives together)."""
    if _marked_name(first_name(text)):
        return True
    tokens = _listed_tokens(text)
    return tokens is not None and any(map(_marked_name, tokens))


def _marked_name(token: str) -> bool:
    """A token marked as a cookie name, not a host or a link ("www.example.com", "https://...")."""
    return (
        " " not in token
        and has_strong_name_marks(token)
        and not looks_like_host(token)
        and "://" not in token
        and not token.casefold().startswith("www.")
    )


def roles_of_rows(
    headers: Sequence[str], roles: Sequence[Role], rows: Sequence[Sequence[str | None]], weights: Mapping[str, float]
) -> tuple[Role, ...] | None:
    """The roles of a laid-out table's columns scored again on its whole cells, once the rows have joined each
    cell's lines (the first lines below a header are pieces of sentences, of lists, of wrapped names).

    A column of no role, or whose whole cells no longer bear its role out, takes the role they give it. The new
    roles, when they differ, keep each role once and the name column; else ``None``. Tables of a few rows keep
    theirs.
    """
    if "name" not in roles or len(rows) < DEFAULT_ROWS_ROLES_MIN:
        return None
    whole = [[join_cell(row[k]) for row in rows] for k in range(len(roles))]
    shapes = [column_shape(cells) for cells in whole]
    again = assign_columns(headers, shapes, weights)
    # A column keeps its role while its whole cells still bear it out (beat no role at all; a category column's
    # cells may each name several: "Performance, analytics, and relevant advertisement"); one of no role takes
    # the role they give it.
    kept = [
        role
        if role != "other"
        and (again.evidence(k, role).score > again.evidence(k, "other").score or _names_categories(role, whole[k]))
        else again.roles[k]
        for k, role in enumerate(roles)
    ]
    taken = [role for role in kept if role != "other"]
    if (
        kept == list(roles)
        or len(taken) != len(set(taken))
        or "name" not in kept
        or kept.index("name") != list(roles).index("name")
    ):
        return None
    return tuple(kept)


def _names_categories(role: Role, cells: Sequence[str | None]) -> bool:
    """Whether a category column's whole cells mostly name categories, one or several, in a few words."""
    if role != "category":
        return False
    named = [c for c in cells if c and word_count(c) < DEFAULT_PROSE_WORDS and category_from_text(c) is not None]
    return len(named) >= DEFAULT_NAMED_CATEGORY_SHARE * len(cells)


def category_column_of_rows(roles: Sequence[Role], rows: Sequence[Sequence[str | None]]) -> int | None:
    """A column read as ``type`` (or as nothing) whose cells, whole as the rows joined them, are nearly all a
    category's label ("必須", "分析": a narrow column wraps them a character a line, and its pieces alone
    named none): the table's category column. ``None`` when there is none to find, or one already."""
    if "category" in roles:
        return None
    for k, role in enumerate(roles):
        if role not in ("type", "other"):
            continue
        shape = column_shape([join_cell(row[k]) for row in rows])
        if shape.cells >= DEFAULT_ROWS_CATEGORY_MIN and shape.categories >= DEFAULT_ROWS_CATEGORY_SHARE:
            return k
    return None


def _only_names_a_category(text: str) -> bool:
    """A value that is a category label and nothing else ("Analytics", "Strictly necessary cookies"), not a
    service that holds a category word ("Google Analytics")."""
    if word_count(text) > DEFAULT_SHORT_WORDS or category_from_text(text) is None:
        return False
    plain = _plain_label_words()
    return all(w in plain or category_from_text(w) is not None for w in fold(text).split())


@lru_cache(maxsize=1)
def _plain_label_words() -> frozenset[str]:
    """Words a category label may carry beside the category's own: "cookies", "de", "and"."""
    return frozenset(lexicon.weak_name_headers()) | HEADER_CONNECTORS
