"""Tables that a reading-order export (plain ``pdftotext``) dumped as a stream of lines.

Such an export writes a table block by block: a column at a time, or several columns line by line, with
the header labels scattered between the values ("Name" / "_ga" / "" / "Purpose" / "This helps ..."). No
geometry survives, so the values are recognised by their shape instead: each line is cut into typed parts
(a cookie name, a duration, a type word, a domain, a provider, prose), each role keeps its values in
reading order, and the i-th values of every role make the i-th row. Prose is cut into as many purpose cells
as there are names, at the sentence starts that most look like the start of a cell (a sentence ending above,
an opening other cells share, a word that would have fitted on the line above). Where the dump read rows
across (a name among the lines of its purpose), each purpose goes with the name it stands by. A label
repeated after values starts a segment (the next page); what a page break cut off goes back to the segment
above. Values a column wrapped ("Northwind" / "Outfitters") are joined back to the count of names.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractor import lexicon
from extractor.layout.regions import _split_merged, find_heading, names_category
from extractor.lexicon import fold
from extractor.model import Line, Role
from extractor.normalize.providers import LEGAL_SUFFIX
from extractor.roles import is_header_phrase, is_header_word, match_header
from extractor.shapes import (
    CONNECTORS,
    LIST_WORDS,
    category_from_text,
    duration_end,
    duration_head_end,
    ends_open,
    ends_sentence,
    has_name_marks,
    has_strong_name_marks,
    looks_like_cookie_name,
    looks_like_duration,
    looks_like_heading,
    looks_like_host,
    placeholder_completes,
    starts_sentence,
    word_count,
)

# A plain word read as a name this many times in one dumped table is another column's value.
DEFAULT_REPEATED_VALUE = 3
# Values of a type column (storage kinds, parties), and the words that continue them on the next line
# ("HTTP" / "Cookie", "Third" / "party").
TYPE_PHRASES = (*lexicon.words("storage_types"), *(p for ps in lexicon.party_words().values() for p in ps))
TYPE_WORDS = frozenset(word for phrase in TYPE_PHRASES for word in phrase.split()) - CONNECTORS
# Words that go on a type value: those that follow another word in a type phrase ("HTTP" / "Cookie").
# Words that go on a type value on the next line ("HTTP" / "Cookie", "Third" / "party"): the last words of type
# phrases that are no type value alone, and the words for "cookie" and "tracker".
TYPE_CONTINUATIONS = (
    frozenset(phrase.split()[-1] for phrase in TYPE_PHRASES if " " in phrase)
    - frozenset(phrase for phrase in TYPE_PHRASES if " " not in phrase)
    - CONNECTORS
) | frozenset(lexicon.weak_name_headers())
ALTERNATIVE = re.compile(rf"\s*(?:/|,|{lexicon.phrase_pattern(lexicon.words('list_connectors'))})\s*", re.IGNORECASE)
# The count after a name that stands for several cookies ("CONSENT [x3]").
COUNTER = re.compile(r"^\s+\[x?\d+\](?=\s|$)")
# Single words that open a duration's clause ("when", "until"): a duration ending with one goes on.
DURATION_OPENER_WORDS = frozenset(w for w in lexicon.words("duration_openers") if " " not in w)
# A line naming a category ends an area when a sentence of this many words follows it.
DEFAULT_PARAGRAPH_WORDS = 6
# An area ends at a line this wide, relative to a full line of the document's text, with this many words.
DEFAULT_PROSE_WIDTH = 0.75
DEFAULT_PROSE_MIN_WORDS = 10
# A capitalised line starts a new cell only with at least this much evidence (a sentence ending above, a
# break, an opening like other cells').
DEFAULT_MIN_CELL_START = 1.0
# A cell start that opens like other cell starts ("This ...") gains up to this much, from this many alike.
DEFAULT_OPENING_WEIGHT = 1.5
DEFAULT_OPENING_CAP = 3
# A two-word opening shared by several capitalised lines makes each of them this much likelier a cell start.
DEFAULT_PAIR_WEIGHT = 1.0
# A line whose next word would have fitted on it (within this share of the column's width) ended its cell.
DEFAULT_FIT_SHARE = 0.9
DEFAULT_FIT_WEIGHT = 1.5
# Lines of at least this many words are running text whose words are no cookie names.
DEFAULT_VOCABULARY_MIN_WORDS = 6
# Lone labels of two roles this close tell a dump; the labels of one dumped table lie within the longer
# reach of each other (a column of many names between two labels).
DEFAULT_LABEL_REACH = 12
DEFAULT_TABLE_LABEL_REACH = 40


@dataclass
class DumpedTable:
    """A table recovered from a dump: its labels and roles (in order of appearance) and its rows."""

    heading: str | None
    page: int
    headers: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    rows: list[tuple[dict[Role, str], list[int]]] = field(default_factory=list)
    # How many values each role gave (names included), and the roles whose values did not match the names one
    # for one under some set of labels: paired in reading order all the same, so those rows are a guess.
    counts: Counter[Role] = field(default_factory=Counter)
    unpaired: set[Role] = field(default_factory=set)

    def unpaired_note(self) -> str | None:
        """The counts that did not match, in words ("64 names but 2 provider, 40 duration values"), or ``None``."""
        if not self.unpaired:
            return None
        others = ", ".join(f"{self.counts[role]} {role}" for role in sorted(self.unpaired))
        return f"{self.counts['name']} names but {others} values"


# A label and its value on one line ("Name: _ga"), as a card of a cookie lists them.
LABEL_AND_VALUE = re.compile(r"^[^:]{1,40}:\s*\S")


@lru_cache(maxsize=4096)
def _labels(text: str) -> tuple[tuple[str, Role], ...] | None:
    """The header labels a whole line consists of, or ``None`` (cached: every stage of a dump asks it of the
    same lines)."""
    if word_count(text) > 6 or ends_sentence(text) or text.rstrip().endswith((",", ";")):
        return None
    if LABEL_AND_VALUE.match(text):  # "Name:_ga", "Expires in: 2 hours": a card's labelled value
        return None
    if has_strong_name_marks(text.rstrip("*†‡")):  # "Cookie_pk_id" is a value; "Expiration*" a label
        return None
    split = _split_merged(text, 0.0, float(len(text)), None)
    if split:
        return tuple((c.text, m.role) for c in split if (m := match_header(c.text)) is not None)
    match = match_header(text)
    if match is not None and match.role != "name" and word_count(text) > 1:
        # "Cookie Type": a name label run together with the next one
        split = _split_merged(text, 0.0, float(len(text)), None, weak_name=True)
        if split:
            return tuple((c.text, m.role) for c in split if (m := match_header(c.text)) is not None)
    # A weak label of several words is a label run together with another ("Cookie Type"), unless it is one of
    # the words for "cookie" itself ("Plik cookie").
    if match is None or (not match.strong and word_count(text) > 1 and fold(text) not in lexicon.weak_name_headers()):
        return None
    return ((text, match.role),)


def _text_width(lines: tuple[Line, ...]) -> int:
    """The width of a full line of running text: the 90th percentile of the lengths of lines of many words
    (the widest line may be an outlier: a long link, a line of code)."""
    lengths = sorted(len(line.text) for line in lines if word_count(line.text) >= DEFAULT_PROSE_MIN_WORDS)
    if not lengths:
        return max((len(line.text) for line in lines), default=0)
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]


def _is_prose_line(line: Line, widest: int) -> bool:
    """A line of running text: nearly as wide as the page, many words, not opened by a cookie name."""
    return (
        len(line.text) >= DEFAULT_PROSE_WIDTH * widest
        and word_count(line.text) >= DEFAULT_PROSE_MIN_WORDS
        and not has_strong_name_marks(line.text.split()[0])
    )


def _areas(lines: tuple[Line, ...]) -> list[tuple[int, int, frozenset[int]]]:
    """Line ranges holding a dumped table: from a label line to the prose after the table, with the prose
    lines inside that are no part of it (text after the table that the dump put before its last columns)."""
    widest = _text_width(lines)
    areas: list[tuple[int, int, frozenset[int]]] = []
    i = 0
    while i < len(lines):
        labels = _labels(lines[i].text) if not lines[i].blank else None
        if not labels:
            i += 1
            continue
        roles = {role for _, role in labels}
        end = i + 1
        last_label = i
        skipped: set[int] = set()
        while end < len(lines):
            line = lines[end]
            if not line.blank:
                if _is_prose_line(line, widest):
                    prose = list(
                        itertools.takewhile(
                            lambda k: lines[k].blank or _is_prose_line(lines[k], widest), range(end, len(lines))
                        )
                    )
                    after = prose[-1] + 1 if prose else end + 1
                    more = _labels(lines[after].text) if after < len(lines) and not lines[after].blank else None
                    if not more or not {role for _, role in more} - roles:
                        break
                    skipped.update(prose)  # "Per revocare il consenso ..." / "Scadenza Tipologia"
                    end = after
                    continue
                nxt = next((x for x in lines[end + 1 : end + 3] if not x.blank), None)
                if looks_like_heading(line.text) and nxt is not None and _is_prose_line(nxt, widest):
                    break
                if names_category(line) and nxt is not None and _opens_paragraph(nxt):
                    break  # "Marketing" / "Marketing cookies are used to ...": the next table's heading
                if names_category(line) and nxt is not None and _labels(nxt.text) == labels:
                    break  # "Analytics" / "Service": a category over the label this table opened with, the next
                found = _labels(line.text)
                if found and end - last_label <= DEFAULT_TABLE_LABEL_REACH:
                    roles |= {role for _, role in found}
                    last_label = end
            end += 1
        if "name" in roles and len(roles - {"other"}) >= 2:
            areas.append((i, end, frozenset(skipped)))
        i = end
    return areas


def _opens_paragraph(line: Line) -> bool:
    """A sentence of several words, opened with a capital: running text, not a cell."""
    return starts_sentence(line.text) and word_count(line.text) >= DEFAULT_PARAGRAPH_WORDS and not _labels(line.text)


def _typed_parts(text: str, roles: set[Role], vocabulary: frozenset[str]) -> list[tuple[Role | None, str]]:
    """A line cut into typed parts: ``None`` marks prose."""
    parts: list[tuple[Role | None, str]] = []
    rest = text.strip()
    if "name" in roles and _name_list(rest):
        return [("name", rest)]  # "SIDCC, __Secure-xxxxx, NID": one cell naming several cookies
    while rest:
        if "duration" in roles and (end := duration_end(rest)) is not None:
            # "2 years / 24 hours", "1 day or 13 months": alternatives make one duration
            while (more := ALTERNATIVE.match(rest[end:])) and (
                nxt := duration_end(rest[end + more.end() :]) or duration_head_end(rest[end + more.end() :])
            ):
                end += more.end() + nxt
            parts.append(("duration", rest[:end].strip()))
            rest = rest[end:].strip()
            continue
        first = rest.split()[0]
        if "type" in roles and fold(first) in TYPE_WORDS:
            parts.append(("type", first))
        elif (
            "name" in roles
            and has_name_marks(first)
            and not any(r == "name" for r, _ in parts)
            and not (looks_like_host(first) and ("domain" in roles or "provider" in roles))
        ):
            if counter := COUNTER.match(rest[len(first) :]):  # "CONSENT [x3]"
                first = rest[: len(first) + counter.end()]
            parts.append(("name", first.strip()))
        elif looks_like_host(first) and ("domain" in roles or "provider" in roles):
            parts.append(("domain" if "domain" in roles else "provider", first))
        elif (
            not parts
            and {"provider", "name"} <= roles
            and first[:1].isupper()
            and len(rest.split()) == 2
            and _second_is_name(rest.split()[1])
        ):
            parts.append(("provider", first))  # "Contentsquare _cs_c": a row read across
        else:
            break
        rest = rest[len(first) :].strip()
    rest, tail = _trailing_duration(rest, roles)
    if rest:
        parts.append((_classify_rest(rest, roles, parts, vocabulary), rest))
    if tail:
        parts.append(("duration", tail))
    return parts


def _going_on(text: str, roles: set[Role]) -> list[tuple[Role | None, str]]:
    """A line that goes on with the sentence above, but for a duration the dump put at its end."""
    text, tail = _trailing_duration(text, roles)
    return [(None, text), ("duration", tail)] if tail else [(None, text)]


def _trailing_duration(text: str, roles: set[Role]) -> tuple[str, str | None]:
    """The text and the duration the dump put at the end of it, a line of another cell ("This cookie is" /
    "One year"), when the table has durations: written as a cell opens (a capital or a digit) and not after a
    word that would make it part of the sentence."""
    words = text.split()
    for size in (3, 2, 1) if "duration" in roles else ():
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:])
        if not (tail[:1].isupper() or tail[:1].isdigit()) or fold(words[-size - 1]) in CONNECTORS:
            continue  # "... kept for 13 months", "... die Sitzung" are the sentence's
        if duration_end(tail) == len(tail):
            start = text.rindex(words[-size])
            return text[:start].rstrip(), text[start:]
    return text, None


def _name_list(text: str) -> bool:
    """A list of cookie names ("COMPASS, S", "_ga and _gid"), one of them at least marked as a name."""
    names = [n for n in re.split(rf",\s*|\s+{LIST_WORDS}\s+", text, flags=re.IGNORECASE) if n]
    return (
        len(names) >= 2
        and all(looks_like_cookie_name(n) and " " not in n for n in names)
        and any(has_name_marks(n) for n in names)
    )


def _classify_rest(
    rest: str, roles: set[Role], parts: list[tuple[Role | None, str]], vocabulary: frozenset[str]
) -> Role | None:
    words = word_count(rest)
    has_name = any(r == "name" for r, _ in parts)
    if "name" in roles and not has_name and words == 1 and could_be_name(rest, vocabulary):
        return "name"
    if "category" in roles and words <= 3 and category_from_text(rest) and not ends_sentence(rest):
        return "category"
    if "provider" in roles and words <= 3 and len(rest) >= 3 and all(w[:1].isupper() for w in rest.split()):
        return "provider"
    return None


def could_be_name(token: str, vocabulary: frozenset[str]) -> bool:
    """A lone token that may be a cookie name: marked as one, or a plain word the document's prose never uses
    ("lang", "demdex"), not a number, a capitalised word or a header word."""
    if has_strong_name_marks(token):
        return True
    if not looks_like_cookie_name(token) or token.isdigit() or token.endswith((".", ",")):
        return False
    if token[:1].isupper() and len(token) >= 3 and not token.isupper():
        return False
    # A token of one or two letters is a name ("u", "ab", "id") more often than a bit of a label ("läuft ab").
    label = len(token) > 2 and is_header_word(token, connectors=False)
    return token.casefold() not in vocabulary and not label


def prose_vocabulary(lines: tuple[Line, ...]) -> frozenset[str]:
    """The words of a document's running text (lines of several words), case folded."""
    return frozenset(
        w.strip(".,;:!?()\"'").casefold()
        for line in lines
        if word_count(line.text) >= DEFAULT_VOCABULARY_MIN_WORDS
        for w in line.text.split()
    )


def _open_duration(text: str) -> bool:
    """A duration in words that may go on ("Deleted when" / "oauth state is"), not "1 year" or "Session": its
    end is no duration's end, or its last word opens a clause ("when", "until", "quand")."""
    words = text.split()
    if len(words) < 2:
        return False
    return duration_end(text.strip()) != len(text.strip()) or fold(words[-1]) in DURATION_OPENER_WORDS


def _opens_with_value(text: str) -> bool:
    """A line that starts with a duration or a type value in capitals ("7 DAYS HTTP ...", "Session")."""
    first = text.split()[0]
    if first[:1].isupper() and word_count(text) <= 2 and fold(first) in TYPE_WORDS:
        return True  # "Propia", "HTTP Cookie"
    return duration_end(text) is not None and (first[:1].isupper() or first[:1].isdigit())


@dataclass
class _Prose:
    text: str
    line: int
    after_break: bool


def _opening(text: str, words: int = 1) -> str:
    return " ".join(text.split()[:words]).casefold()


def _column_width(prose: list[_Prose]) -> int:
    """The width of the column the prose was wrapped in: its second longest line (the longest may be a long
    word that overflowed)."""
    lengths = sorted((len(p.text) for p in prose), reverse=True)
    return lengths[1] if len(lengths) > 1 else (lengths[0] if lengths else 0)


def _segment(prose: list[_Prose], cells: int) -> list[list[_Prose]]:
    """Prose lines cut into ``cells`` purpose cells at the likeliest cell starts."""
    if cells <= 0 or not prose:
        return []
    # Cells of one column tend to open alike ("This cookie is ..."): count the openings of surer starts.
    openings = Counter(
        _opening(prose[k].text)
        for k in range(len(prose))
        if k == 0 or (ends_sentence(prose[k - 1].text) and starts_sentence(prose[k].text))
    )
    starts = [k for k in range(1, len(prose)) if starts_sentence(prose[k].text)]
    # A two-word opening that several capitalised lines share ("Application" / "Insights") opens cells too.
    pair = {k: _opening(" ".join(p.text for p in prose[k : k + 2]), 2) for k in starts}
    pairs = Counter(pair.values())
    width = _column_width(prose)
    scores = []
    for k in starts:
        score = 0.5 + (2.0 if ends_sentence(prose[k - 1].text) else 0.0) + (1.0 if prose[k].after_break else 0.0)
        score += (
            DEFAULT_OPENING_WEIGHT
            * min(openings[_opening(prose[k].text)] - 1, DEFAULT_OPENING_CAP)
            / DEFAULT_OPENING_CAP
        )
        if pairs[pair[k]] > 1 and " " in pair[k]:
            score += DEFAULT_PAIR_WEIGHT
        if len(prose[k - 1].text) + 1 + len(prose[k].text.split()[0]) <= DEFAULT_FIT_SHARE * width:
            score += DEFAULT_FIT_WEIGHT  # the word would have fitted on the line above: that cell had ended
        scores.append((score, k))
    # Likely starts first; weaker ones (a capital after an unfinished line) only as far as the names need.
    ranked = sorted(scores, key=lambda s: (-s[0], s[1]))
    likely = [k for score, k in ranked if score >= DEFAULT_MIN_CELL_START][: cells - 1]
    weaker = [k for score, k in ranked if score < DEFAULT_MIN_CELL_START]
    chosen = sorted(likely + weaker[: max(0, cells - 1 - len(likely))])
    bounds = [0, *chosen, len(prose)]
    return [prose[a:b] for a, b in itertools.pairwise(bounds)]


def has_dump_evidence(lines: tuple[Line, ...]) -> bool:
    """Whether header labels stand alone on their lines, near a lone label of another role (a dump)."""
    lone = [
        (i, found[0][1])
        for i, line in enumerate(lines)
        if not line.blank
        and (found := _labels(line.text))
        and len(found) == 1
        and (m := match_header(found[0][0])) is not None
        and (m.strong or (m.role == "name" and _name_below(lines, i)))  # "Cookie" / "JSESSIONID"
    ]
    return any(b - a <= DEFAULT_LABEL_REACH and ra != rb for (a, ra), (b, rb) in itertools.pairwise(lone))


def _name_below(lines: tuple[Line, ...], index: int) -> bool:
    below = next((line for line in lines[index + 1 : index + 3] if not line.blank), None)
    return below is not None and has_name_marks(below.text.split()[0])


def dumped_tables(lines: tuple[Line, ...]) -> list[DumpedTable]:
    """Every dumped table of a document, read from the shapes of its values."""
    tables: list[DumpedTable] = []
    previous_end = 0
    vocabulary = prose_vocabulary(lines)
    for start, end, skipped in _areas(lines):
        table = _read_area(lines, start, end, find_heading(lines, start, previous_end), vocabulary, skipped)
        if table.rows:
            tables.append(table)
        previous_end = end
    return tables


@dataclass
class _Segment:
    """Values read under one set of labels (a page of the table, when the header repeats)."""

    queues: dict[Role, list[tuple[str, int]]]
    prose: list[_Prose] = field(default_factory=list)
    labels: set[Role] = field(default_factory=set)
    order: list[Role] = field(default_factory=list)  # the roles of the values, in reading order
    across: bool = False  # the labels "Provider Purpose" stood on one line: so do their values

    @property
    def empty(self) -> bool:
        return not self.prose and not any(self.queues.values())


def _read_area(
    lines: tuple[Line, ...],
    start: int,
    end: int,
    heading: str | None,
    vocabulary: frozenset[str],
    skipped: frozenset[int] = frozenset(),
) -> DumpedTable:
    """One dumped table: labels give the roles, each line's typed parts feed the queues, queues make rows.
    The lines in ``skipped`` (prose that is no part of the table) count as breaks.

    A label repeated after values starts a new segment (the header repeated on the next page); each segment
    is matched up on its own, so one value too many or too few costs one page, not the rest of the table.
    """
    table = DumpedTable(heading, lines[start].page)
    for line in lines[start:end]:
        for text, role in (_labels(line.text) if not line.blank else None) or []:
            if role not in table.roles:
                table.headers.append(text)
                table.roles.append(role)
    roles = set(table.roles)
    # Labels are capitalised ("Name") unless this table writes them in lower case ("name").
    lower_labels = sum(h[:1].islower() for h in table.headers) * 2 > len(table.headers)
    segments = [_Segment({role: [] for role in roles})]
    broken = True
    last_role: Role | None = None
    providers: set[str] = set()
    last_value_line = -1
    lines = _join_split_durations(lines, start, end)
    for index in range(start, end):
        line = lines[index]
        segment = segments[-1]
        queues, prose = segment.queues, segment.prose
        if line.blank or index in skipped:
            broken = True
            continue
        open_sentence = bool(prose) and not broken and not ends_sentence(prose[-1].text)
        # A line going on with an unfinished sentence is that sentence, whatever its shape.
        goes_on = open_sentence and (
            # "... an expiry date/time for the" / "_cb tracker, which ...": a name inside the sentence
            (ends_open(prose[-1].text) and not _opens_with_value(line.text))
            or (not _opens_row(line.text) and not _provider_again(lines, index, end, providers))
        )
        if not goes_on:
            nxt = next((x for x in lines[index + 1 : end] if not x.blank), None)
            heading_like = (
                looks_like_heading(line.text)
                and not looks_like_duration(line.text)
                and not has_strong_name_marks(line.text.split()[0])
                and not (word_count(line.text) == 1 and has_name_marks(line.text))  # "MSFPC" is a name
                and not _name_list(line.text)
                and not _breaks_alternation([("provider", line.text.strip())], segment.order)
                and not _is_label(line.text, lower_labels)  # "Cookie" / "Provider Duration": labels both
            )
            # Right under a label or a value ("__cf_bm" / "Cloudflare"), a line is a value, not a heading.
            under_label = index > start and (
                _is_label(lines[index - 1].text, lower_labels) or last_value_line == index - 1
            )
            if heading_like and not under_label and nxt is not None and _is_label(nxt.text, lower_labels):
                # Reading order put the table's heading among its labels. Not so a value of a category column
                # ("Marketing"), nor a value of the table above ("Cookiebot") under a heading naming the category.
                if "category" not in roles and (category_from_text(line.text) or not category_from_text(table.heading)):
                    table.heading = line.text
                broken = True
                continue
            value_goes_on = (  # "HTTP" / "Cookie": a type value wrapped, not the label "Cookie"
                last_value_line == index - 1 and "type" in roles and fold(line.text.strip()) in TYPE_CONTINUATIONS
            )
            if _is_label(line.text, lower_labels) and not _starts_prose(lines, index, end) and not value_goes_on:
                if _wraps_label(lines, index, start):
                    broken = True
                    continue
                order = [role for _, role in _labels(line.text) or ()]
                if set(order) & segment.labels and not segment.empty:
                    segments.append(_Segment({role: [] for role in roles}))
                segments[-1].labels |= set(order)
                segments[-1].across = "provider" in order and order[order.index("provider") + 1 :][:1] == ["purpose"]
                broken = True
                continue
            if is_header_phrase(line.text):
                broken = True
                continue
        first = line.text.split()[0]
        if (
            last_role == "duration"
            and queues["duration"]
            and _open_duration(queues["duration"][-1][0])
            and first[:1].islower()
            and not has_strong_name_marks(first)
        ):
            # A duration that wraps ("Deleted when" / "oauth state is" / "validated").
            value, number = queues["duration"][-1]
            queues["duration"][-1] = (f"{value}\n{line.text}", number)
            continue
        parts: list[tuple[Role | None, str]] = (
            _going_on(line.text, roles) if goes_on else _typed_parts(line.text, roles, vocabulary)
        )
        if parts == [("name", line.text.strip())] and _leads_into_prose(line, lines, index, end, roles, vocabulary):
            parts = [(None, line.text)]  # a wrapped word of a purpose ("organization" / "transforms.")
        if (
            parts[0][0] == "provider"
            and len(parts) == 1
            and (
                (prose and not broken and _carried_on(lines, index, end))
                or (segment.order[-1:] == ["provider"] and _carried_on(lines, index, end, over_name=True))
            )
        ):
            # "... load balancer." / "Adobe Target" / "is used to ...", or a purpose that opens above its
            # name: "Adobe" / "Adobe Target" / "at_check" / "to support ..."
            parts = [(None, line.text)]
        if (
            segment.across
            and parts == [(None, line.text)]
            and not goes_on
            and len(segment.queues["provider"]) < len(segment.queues["name"])
            and (split := _provider_opening(line.text))
        ):
            parts = split  # "Google Used by Google Analytics ..." under "Provider Purpose"
        if index > start and lines[index - 1].blank and _breaks_alternation(parts, segment.order):
            parts = [("name", line.text.strip())]  # "Microsoft" / "MSFPC" where providers and names alternate
        last_role = parts[-1][0] if parts else None
        for part_role, text in parts:
            if part_role is None:
                prose.append(_Prose(text, line.number, broken))
                broken = False
            elif part_role == "type" and queues[part_role] and fold(text) in TYPE_CONTINUATIONS:
                last, number = queues[part_role][-1]
                queues[part_role][-1] = (f"{last} {text}", number)
            elif (
                part_role == "name"
                and queues["name"]
                and queues["name"][-1][1] == line.number - 1
                and placeholder_completes(queues["name"][-1][0], text)
            ):
                last, number = queues["name"][-1]  # "_hjSessionUser_" / "{site_id}": one name wrapped
                queues["name"][-1] = (f"{last}{text}", number)
            else:
                queues[part_role].append((text, line.number))
                segment.order.append(part_role)
                last_value_line = index
                if part_role == "provider":
                    providers.add(text)
                # A value after prose on its line ("... in the user 393 days") leaves that prose open.
                broken = broken or part_role != "duration" or parts[0][0] is not None
    _settle(segments)
    for segment in segments:
        _zip_rows(table, segment.queues, segment.prose)
    return table


def _settle(segments: list[_Segment]) -> None:
    """Each segment's prose without a closing paragraph, and the text a page break cut off the last cell of
    the page above moved back to that segment (a segment without names is the rest of the one above)."""
    for segment in segments:
        segment.prose = _without_closing_prose(segment)
    for before, after in itertools.pairwise(segments):
        names = after.queues.get("name", [])
        starts = _read_across(after.prose, names)
        if not names:
            # No names: the rest of the columns of the segment above (a label repeated on the same page).
            lead = len(after.prose)
            for role, queue in after.queues.items():
                before.queues[role].extend(queue)
                queue.clear()
        elif starts:
            lead = starts[0]
        elif after.prose and not starts_sentence(after.prose[0].text):
            # As many cells as names, and before them the end of the cell the page above began.
            lead = len(_segment(after.prose, len(names) + 1)[0])
        else:
            lead = 0
        before.prose.extend(after.prose[:lead])
        del after.prose[:lead]


def _without_closing_prose(segment: _Segment) -> list[_Prose]:
    """The segment's prose but a closing paragraph: prose after a break that follows every value, once
    every column has a value per name ("Sie können Ihre Einwilligung ... widerrufen." under the last
    duration). Rows read across keep theirs: there the last purpose comes after the last value."""
    names = segment.queues.get("name", [])
    values = [number for queue in segment.queues.values() for _, number in queue]
    if not names or not values or _read_across(segment.prose, names):
        return segment.prose
    tail = [p for p in segment.prose if p.line > max(values)]
    complete = all(len(q) >= len(names) for role, q in segment.queues.items() if q)
    # Set apart by a blank line: a purpose right under its duration ("Session" / "Registers a ...") stays.
    if tail and len(tail) < len(segment.prose) and tail[0].line > max(values) + 1 and complete:
        return segment.prose[: len(segment.prose) - len(tail)]
    return segment.prose


def _wraps_label(lines: tuple[Line, ...], index: int, start: int) -> bool:
    """A label line that ends the label on the line above ("Provider of" / "Cookie")."""
    if index <= start or lines[index - 1].blank or not _labels(lines[index - 1].text):
        return False
    above = match_header(lines[index - 1].text)
    whole = match_header(f"{lines[index - 1].text} {lines[index].text}")
    alone = match_header(lines[index].text)
    if alone is not None and alone.strong and above is not None and alone.role != above.role:
        return False  # "Name" / "Purpose": two labels
    return above is not None and whole is not None and whole.role == above.role


def _leads_into_prose(
    line: Line, lines: tuple[Line, ...], index: int, end: int, roles: set[Role], vocabulary: frozenset[str]
) -> bool:
    """A lone plain word (no name marks) that the next line, with no break between, carries on as prose."""
    if not _plain_word(line.text):
        return False
    for nxt in lines[index + 1 : end]:  # over more lone words ("devices" / "accessing" / "LinkedIn to")
        if nxt.blank:
            return False
        parts = _typed_parts(nxt.text, roles, vocabulary)
        if parts != [("name", nxt.text.strip())] or not _plain_word(nxt.text):
            return len(parts) == 1 and parts[0][0] is None
    return False


def _plain_word(text: str) -> bool:
    word = text.strip()
    return word.isalpha() and word.islower() and not has_name_marks(word)


def _second_is_name(token: str) -> bool:
    """The second of two words is a cookie name ("Contentsquare _cs_c", "Contentsquare WRUID"), not the legal
    form that ends a company's name ("Acme GMBH")."""
    return has_strong_name_marks(token) or (
        len(token) >= 4 and has_name_marks(token) and token.upper() == token and not LEGAL_SUFFIX.search(f" {token}")
    )


def _opens_row(text: str) -> bool:
    """A line that cannot go on the sentence above: it opens with a cookie name, a duration or a type value,
    or is a provider and a name ("Contentsquare _cs_c")."""
    words = text.split()
    return (
        has_strong_name_marks(words[0])
        or _opens_with_value(text)
        or (len(words) == 2 and words[0][:1].isupper() and _second_is_name(words[1]))
    )


def _provider_again(lines: tuple[Line, ...], index: int, end: int, providers: set[str]) -> bool:
    """A line repeating a provider already read, a cookie name close below it: a row read across begins
    ("... on the website" / "Adobe" / "Adobe Target" / "at_check")."""
    if lines[index].text.strip() not in providers:
        return False
    below = [line for line in lines[index + 1 : min(index + 3, end)] if not line.blank]
    return any(has_strong_name_marks(word) for line in below for word in line.text.split()[:2])


def _carried_on(lines: tuple[Line, ...], index: int, end: int, over_name: bool = False) -> bool:
    """Whether the next line (``over_name``: the line after a lone cookie name below) follows with no break
    and carries on a sentence (opens in lower case)."""
    below = index + 1
    if over_name:
        if below >= end or lines[below].blank or not has_strong_name_marks(lines[below].text):
            return False
        below += 1
    if below >= end or lines[below].blank:
        return False
    text = lines[below].text
    return text.strip()[:1].islower() and not has_name_marks(text.split()[0])


def _breaks_alternation(parts: list[tuple[Role | None, str]], order: list[Role]) -> bool:
    """A lone token read as a provider right after a provider, where providers and names have alternated."""
    return (
        len(parts) == 1
        and parts[0][0] == "provider"
        and looks_like_cookie_name(parts[0][1])
        and order[-3:] == ["provider", "name", "provider"]
    )


def _provider_opening(text: str) -> list[tuple[Role | None, str]] | None:
    """A line read across a provider and a purpose: up to three capitalised (or bracketed) words, then a
    capitalised word opening a sentence ("Google (DoubleClick) Measures the ...")."""
    words = text.split()
    for j in range(1, min(4, len(words) - 1)):
        if not all(w[:1].isupper() or w[:1] in "([" for w in words[:j]):
            return None
        if words[j][:1].isupper() and words[j + 1][:1].islower():
            return [("provider", " ".join(words[:j])), (None, " ".join(words[j:]))]
    return None


def _rejoin(values: list[tuple[str, int]], count: int) -> list[tuple[str, int]]:
    """Values wrapped over consecutive lines ("Northwind" / "Outfitters") joined again, first come first,
    until there are ``count`` of them (or no two lie on consecutive lines)."""
    joined = list(values)
    # A value that stands on its own elsewhere ("Facebook") is no wrapped end of another.
    alone = {b for (_, na), (b, nb) in itertools.pairwise([("", -9), *values]) if nb != na + 1}
    while len(joined) > count:
        k = next(
            (
                k
                for k in range(len(joined) - 1)
                if joined[k + 1][1] == joined[k][1] + 1 and joined[k + 1][0] not in alone
            ),
            None,
        )
        if k is None:
            break
        joined[k : k + 2] = [(f"{joined[k][0]} {joined[k + 1][0]}", joined[k][1])]
    return joined


def _read_across(prose: list[_Prose], names: list[tuple[str, int]]) -> list[int] | None:
    """Where each name's purpose starts, when the dump read the rows across (each name among the lines of
    its purpose, "Adobe" / "AMCV_... Adobe cookie" / "used to track"), else ``None``.

    A cell opens on the name's line or the first line after it, or one line above the name when that line
    is capitalised and the line after the name goes on in lower case ("Adobe Target" / "at_check" / "to
    support ...").
    """
    if len(names) < 2 or not prose:
        return None
    first, last = prose[0].line, prose[-1].line
    if 2 * sum(first < number <= last for _, number in names) < len(names):
        return None
    lines = [p.line for p in prose]
    starts: list[int] = []
    for _, number in names:
        k = bisect.bisect_left(lines, number)
        if (
            0 < k < len(prose)
            and lines[k] > number
            and lines[k - 1] == number - 1
            and not starts_sentence(prose[k].text)
            and starts_sentence(prose[k - 1].text)
        ):
            k -= 1
        starts.append(max(k, starts[-1]) if starts else k)
    return starts


def _join_split_durations(lines: tuple[Line, ...], start: int, end: int) -> tuple[Line, ...]:
    """Lines ``start:end`` with a duration cut after its number joined again ("Up to two" / "years"): the
    unit line becomes blank, so line indexes stay as they were."""
    joined = list(lines)
    for index in range(start, end - 1):
        line, nxt = joined[index], joined[index + 1]
        if line.blank or nxt.blank or looks_like_duration(line.text):
            continue
        if duration_head_end(line.text.strip()) == len(line.text.strip()) and looks_like_duration(
            f"{line.text} {nxt.text}"
        ):
            text = f"{line.text} {nxt.text}"
            first = line.fragments[0]
            joined[index] = Line(line.page, line.number, (replace(first, text=text, x1=first.x0 + len(text)),))
            joined[index + 1] = Line(nxt.page, nxt.number, ())
    return tuple(joined)


def _starts_prose(lines: tuple[Line, ...], index: int, end: int) -> bool:
    """A line naming a role that the next line carries on as a sentence: "Set by our payment provider" /
    "to prevent fraud ..." is a purpose, not a label (but "Cookie" / "name" is one label)."""
    if index + 1 >= end or lines[index + 1].blank:
        return False
    text = lines[index + 1].text.strip()
    return (
        word_count(lines[index].text) >= 2
        and word_count(text) >= 2
        and text[:1].islower()
        and not has_name_marks(text.split()[0])
        and not is_header_phrase(text)
    )


def _is_label(text: str, lower_labels: bool) -> bool:
    """A line of header labels, written in the case the table's labels are written in."""
    return bool(_labels(text)) and (text[:1].islower() if lower_labels else text[:1].isupper())


def _without_repeated_words(names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The names of a dumped table without the plain words it repeats ("technical", "unknown",
    "personnalisées" five times over): a table lists each cookie once, so a word that comes back again and again
    with no mark of a name is another column's value read as a name."""
    counts = Counter(name for name, _ in names)
    # A word wrapped after a slash ("Targeting/") is still a plain word.
    return [
        (name, number)
        for name, number in names
        if counts[name] < DEFAULT_REPEATED_VALUE or has_name_marks(name.rstrip("/"))
    ]


def _zip_rows(table: DumpedTable, queues: dict[Role, list[tuple[str, int]]], prose: list[_Prose]) -> None:
    """The i-th value of every role makes row i; prose is cut into one purpose per name."""
    names = _without_repeated_words(queues.get("name", []))
    queues["name"] = names
    if len(queues.get("provider", [])) > len(names):
        queues["provider"] = _rejoin(queues["provider"], len(names))
    prose_role: Role = "purpose" if "purpose" in queues else "function"
    purposes: list[list[_Prose]] = []
    if prose_role in queues:
        starts = _read_across(prose, names)
        if starts:
            bounds = [0, *starts[1:], len(prose)]  # what comes before the first name's cell is that cell's
            purposes = [prose[a:b] for a, b in itertools.pairwise(bounds)]
        else:
            purposes = _segment(prose, len(names))
    for role, queue in queues.items():
        table.counts[role] += len(queue)
        if role != "name" and queue and len(queue) != len(names):
            table.unpaired.add(role)
    for i, (name, number) in enumerate(names):
        values: dict[Role, str] = {"name": name}
        used = [number]
        for role, queue in queues.items():
            if role != "name" and i < len(queue):
                values[role] = queue[i][0]
                used.append(queue[i][1])
        if i < len(purposes):
            values[prose_role] = "\n".join(p.text for p in purposes[i])
            used.extend(p.line for p in purposes[i])
        table.rows.append((values, sorted(set(used))))
