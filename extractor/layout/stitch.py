"""Rebuild a document's tables: rows of each region, a dumped continuation after a page break, and a
region that continues the table above it joined to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from extractor.layout.cards import card_tables
from extractor.layout.dump import DumpedTable, could_be_name, dumped_tables, has_dump_evidence, prose_vocabulary
from extractor.layout.glued import glued_rows
from extractor.layout.regions import HeaderRow, TableRegion, find_headings, find_tables, is_new_heading, titles_category
from extractor.layout.rows import (
    WORD_GOES_ON,
    BuiltRows,
    RowBuilder,
    cut_region,
    delimited_rows,
    positioned_rows,
    starts_centred,
)
from extractor.layout.spans import spread_spanning_cells
from extractor.layout.stacked import Chunk, chunks, share_out
from extractor.model import Document, ExtractionWarning, Format, Line, Row, Table
from extractor.roles import category_column_of_rows, header_language, roles_of_rows
from extractor.scoring import choose, weigh
from extractor.settings import LAYOUT_WEIGHTS
from extractor.shapes import has_strong_name_marks, looks_like_host, word_count

# How sure rows read from a reading-order dump are: values are matched up by order alone.
DEFAULT_DUMP_CONFIDENCE = 0.5
# ... and of a dumped table whose values did not match its names one for one.
DEFAULT_UNPAIRED_CONFIDENCE = 0.3
# A dumped continuation ends at the first line of this many words or more (prose after the table).
DEFAULT_PROSE_WORDS = 16


@dataclass
class _Draft:
    region: TableRegion
    heading: str | None
    sections: tuple[str, ...] = ()
    used_lines: tuple[Line, ...] = ()
    column_starts: tuple[float, ...] = ()
    rows: list[RowBuilder] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)


# Body lines looked at to tell a table of run-together cells.
DEFAULT_GLUED_SAMPLE = 3


def page_marks(lines: tuple[Line, ...]) -> frozenset[str]:
    """Texts standing first on a page (logos, running headers), without spaces."""
    marks: set[str] = set()
    page = 0
    for line in lines:
        if line.blank or line.page == page:
            continue
        page = line.page
        marks.add("".join(line.text.split()))
    return frozenset(marks)


def _dumped_block(rest: tuple[Line, ...]) -> tuple[Line, ...]:
    for index, line in enumerate(rest):
        if word_count(line.text) >= DEFAULT_PROSE_WORDS:
            return rest[:index]
    return rest


def _noise_warning(chunk: Chunk, table: int) -> ExtractionWarning:
    first = chunk.lines[0]
    return ExtractionWarning(
        "noise",
        f"left out {chunk.text!r}: fits no column of table {table} (page logo or stray fragment)",
        first.page,
        first.number,
    )


def _is_glued(region: TableRegion) -> bool:
    """A header read from one piece of text over rows that are single pieces too: cells that ran together."""
    if not region.header.one_piece or region.header.delimited or len(region.header.lines) != 1:
        return False
    first = [line for line in region.body if not line.blank][:DEFAULT_GLUED_SAMPLE]
    return bool(first) and all(len(line.fragments) == 1 for line in first)


# Cookie-shaped names outside every table read: this many or more, and the document is said to hold a table
# that was not recognised.
DEFAULT_UNREAD_NAMES = 3
DEFAULT_UNREAD_PIECE_WORDS = 4


def used_lines(tables: list[Table]) -> set[tuple[int, int]]:
    """The (page, line) of every source line a table's rows hold."""
    return set().union(*(table.source_lines for table in tables))


def unread_names(lines: tuple[Line, ...], used: set[tuple[int, int]]) -> ExtractionWarning | None:
    """A warning when lines no table used (``used``) hold cookie-shaped names (``_ga``, ``_hjSessionUser_*``):
    a table whose header was not recognised, said rather than left in silence."""
    found: list[Line] = []
    names: list[str] = []
    for line in lines:
        if line.blank or (line.page, line.number) in used:
            continue
        # A name that opens a short piece of text (a cell, or a row of a few words), not one a sentence mentions.
        marked = [
            f.text.split()[0]
            for f in line.fragments
            if word_count(f.text) <= DEFAULT_UNREAD_PIECE_WORDS and has_strong_name_marks(f.text.split()[0])
        ]
        if marked and not any(looks_like_host(t) for t in marked):
            found.append(line)
            names.extend(marked)
    if len(names) < DEFAULT_UNREAD_NAMES:
        return None
    examples = ", ".join(list(dict.fromkeys(names))[:3])
    return ExtractionWarning(
        "unread-names",
        f"{len(names)} cookie-shaped name(s) outside any table read ({examples}, ...): a table whose header was "
        "not recognised? Name its labels with --labels",
        found[0].page,
        found[0].number,
    )


# Formats laid out, not marked up: their lines may be a paragraph's wrapped lines, and where a cell spans rows
# is told from its text (markup gives HTML and Word their blocks whole and says where each cell is).
LAID_OUT: frozenset[Format] = frozenset({"pdf", "text"})


def rebuild_tables(
    document: Document, weights: Mapping[str, float] | None = None
) -> tuple[list[Table], list[ExtractionWarning]]:
    """All cookie tables of a document, with the warnings raised while rebuilding them (among them one for
    cookie-shaped names left outside every table).

    Args:
        document: the reader's lines.
        weights: the weights of the layout decisions' features (``Settings.layout``; default: the shipped ones).
    """
    tables, warnings = _rebuild(document, weights)
    used = used_lines(tables)
    cards = card_tables(document.lines, used, len(tables), weights, wrapped=document.format in LAID_OUT)
    unread = unread_names(document.lines, used | used_lines(cards))
    tables = [*tables, *cards]
    return tables, [*warnings, unread] if unread is not None else warnings


def _rebuild(document: Document, weights: Mapping[str, float] | None) -> tuple[list[Table], list[ExtractionWarning]]:
    lines = document.lines
    weights = weights if weights is not None else LAYOUT_WEIGHTS
    regions = find_tables(lines, weights)
    logos = page_marks(lines)
    drafts: list[_Draft] = []
    warnings: list[ExtractionWarning] = []
    table_end = 0
    # A text browser centres every cell of a document vertically: one table that shows it tells for all.
    glued = {k for k, r in enumerate(regions) if _is_glued(r)}
    cuts = {
        k: cut_region(r.header, r.body, r.after)
        for k, r in enumerate(regions)
        if not r.header.delimited and k not in glued
    }
    # A header repeated after a page break starts with the lines the page break cut off: no evidence there.
    centred = any(
        starts_centred(regions[k].header, cut.cut)
        for k, cut in cuts.items()
        if not (k and regions[k - 1].header.roles == regions[k].header.roles)
    )
    for k, region in enumerate(regions):
        gap = lines[table_end : region.start]
        # Nothing between this header and the table above (no heading, no prose): the same section.
        same_section = (
            bool(drafts)
            and not any(is_new_heading(line, drafts[-1].used_lines) for line in gap)
            and not any(word_count(line.text) >= DEFAULT_PROSE_WORDS for line in gap)
        )
        continues = same_section and drafts[-1].region.header.roles == region.header.roles
        previous = drafts[-1].rows[-1] if continues and drafts[-1].rows else None
        if not region.header.lines:
            roles = ", ".join(region.header.roles)
            warnings.append(
                ExtractionWarning(
                    "no-header",
                    f"a table with no header row: its columns read as {roles} by what their cells hold",
                    region.header.page,
                    region.body[0].number if region.body else None,
                )
            )
        if k in glued:
            built: BuiltRows = glued_rows(region.header.roles, region.body)
            if built.rows:
                warnings.append(
                    ExtractionWarning(
                        "glued-table",
                        f"{len(built.rows)} row(s) whose cells ran together, cut by the shape of each column's "
                        f"values (confidence {built.confidence:.2f} or more)",
                        region.header.page,
                        region.header.lines[0],
                    )
                )
        elif region.header.delimited:
            built = delimited_rows(region.header, region.body, previous, region.after)
        else:
            built = positioned_rows(
                region.header, region.body, previous, region.after, centred, document.rules, cuts[k]
            )
        if continues:
            draft = drafts[-1]
        else:
            # A header read otherwise than the one above (a label wrapped on one page and not on the next)
            # starts a table of its own, under the same heading.
            heading, sections = find_headings(lines, region.start, table_end)
            if (
                heading is None
                and drafts
                and not any(titles_category(lines, j) for j in range(table_end, region.start))
            ):
                # No heading between this table and the one above (a paragraph, however it wraps), and no line
                # naming a category of its own: the nearest heading above is that table's, its section this one's.
                heading, sections = drafts[-1].heading, drafts[-1].sections
            draft = _Draft(region, heading, sections)
            drafts.append(draft)
        draft.rows.extend(built.rows)
        if built.rows and built.method not in draft.methods:
            draft.methods.append(built.method)
        draft.confidence.extend(built.row_confidence or [built.confidence] * len(built.rows))
        if built.column_starts and not draft.column_starts:
            draft.column_starts = built.column_starts
        table_end = region.body_start + built.used
        draft.used_lines = draft.used_lines + region.body[: built.used]
        rest = _dumped_block(region.body[built.used :])
        dumped = share_out(region.header.roles, chunks(rest), logos) if rest else None
        if dumped is not None:
            for cells in dumped.rows:
                row = RowBuilder(len(region.header.roles), cells[0].lines[0].page)
                for column, chunk in enumerate(cells):
                    for line in chunk.lines:
                        row.add(column, line.text, line)
                draft.rows.append(row)
                draft.confidence.append(0.7)
            if dumped.rows and "stacked" not in draft.methods:
                draft.methods.append("stacked")
            # The table's final index: drafts left empty are dropped before numbering.
            index = sum(1 for d in drafts[:-1] if d.rows)
            warnings.extend(_noise_warning(chunk, index) for chunk in dumped.noise)
            table_end = region.body_start + built.used + len(rest)
    # Numbered after empty drafts are dropped: a table's index is its position in the list.
    drafts = [part for draft in drafts for part in _by_section(draft)]
    laid_out = document.format in LAID_OUT
    tables = [_freeze(index, draft, laid_out, weights) for index, draft in enumerate(d for d in drafts if d.rows)]
    # A reading-order export leaves no grid to rebuild: read its values by shape when that explains more.
    if not has_dump_evidence(lines):
        return tables, warnings
    read_by_shape = dumped_tables(lines)
    by_shape = [_freeze_dumped(index, table) for index, table in enumerate(read_by_shape)]
    vocabulary = prose_vocabulary(lines)
    # Rows standing across the page are evidence of a grid: a dump's reading, which takes values by their
    # shape whatever line they are on, claims none of it.
    readings = [
        weigh(("grid", tables), _reading_evidence(tables, lines, vocabulary), weights),
        weigh(("dumped", by_shape), _reading_evidence(by_shape, (), vocabulary), weights),
    ]
    choice = choose(readings)
    if choice is None or choice.runner_up is None:  # two readings always make a choice
        return tables, warnings
    (name, chosen), other = choice.best.item, choice.runner_up
    because = (
        f"reading: {name} {choice.best.explain()} over {other.item[0]} {other.explain()} "
        f"(confidence {choice.confidence:.2f})"
    )
    chosen = [replace(t, explanation=(*t.explanation, because)) for t in chosen]
    if name == "dumped":
        return chosen, [_dump_warning(t, source) for t, source in zip(chosen, read_by_shape, strict=True)]
    return chosen, warnings


def _dump_warning(table: Table, dumped: DumpedTable) -> ExtractionWarning:
    """A dumped table's warning: its rows are guessed, and which values did not match its names one for one."""
    message = f"table {table.index} read from a reading-order dump: rows are guessed"
    note = dumped.unpaired_note()
    if note:
        message += f"; {note}: paired in reading order, some rows may be off"
    return ExtractionWarning("dumped-table", message, page=table.page)


def _reading_evidence(tables: list[Table], lines: tuple[Line, ...], vocabulary: frozenset[str]) -> dict[str, float]:
    return {
        "reading_explained_rows": _quality(tables, vocabulary),
        "reading_rows_laid_across": _laid_across(tables, lines),
    }


def _laid_across(tables: list[Table], lines: tuple[Line, ...]) -> float:
    """Rows whose first line holds two cells side by side or more: a grid laid out on the page, which a
    reading-order dump (one cell to a line) never shows."""
    pieces = {(line.page, line.number): len(line.fragments) for line in lines}
    return float(
        sum(
            1
            for table in tables
            for row in table.rows
            if row.lines and pieces.get((row.page, row.lines[0]), 0) >= 2 and sum(1 for c in row.cells if c) >= 2
        )
    )


def _quality(tables: list[Table], vocabulary: frozenset[str]) -> float:
    """How much a reading explains: rows whose name could be a cookie's (not a word of the document's prose,
    not a number), weighted by how many cells they fill."""
    score = 0.0
    for table in tables:
        name = table.columns.index("name") if "name" in table.columns else None
        for row in table.rows:
            cell = row.cells[name] if name is not None else None
            if not cell or not could_be_name(" ".join(cell.split()), vocabulary):
                continue
            score += sum(1 for c in row.cells if c) / len(row.cells)
    return score


def _freeze_dumped(index: int, table: DumpedTable) -> Table:
    rows = tuple(
        Row(
            tuple(values.get(role) for role in table.roles),
            table.page,
            tuple(lines),
            DEFAULT_UNPAIRED_CONFIDENCE if table.unpaired else DEFAULT_DUMP_CONFIDENCE,
        )
        for values, lines in table.rows
    )
    return Table(
        index=index,
        page=table.page,
        heading=table.heading,
        headers=tuple(table.headers),
        columns=tuple(table.roles),
        rows=rows,
        language=header_language(table.headers),
        method="dumped",
        explanation=tuple(
            f"column {k} {header!r}: {role} (labels of a reading-order dump)"
            for k, (header, role) in enumerate(zip(table.headers, table.roles, strict=True))
        ),
    )


def _by_section(draft: _Draft) -> list[_Draft]:
    """A table cut by section rows (a category spanning the table) into one table per section, each under its
    section's text as heading; rows above the first section keep the table's heading."""
    if not any(row.section for row in draft.rows):
        return [draft]
    parts: list[_Draft] = []
    for row, confidence in zip(draft.rows, draft.confidence, strict=True):
        if not parts or (row.section and row.section != parts[-1].heading and row.section != _section_of(parts[-1])):
            if row.section:
                outer = (draft.heading, *draft.sections) if draft.heading else draft.sections
                parts.append(replace(draft, heading=row.section, sections=outer, rows=[], confidence=[]))
            else:
                parts.append(replace(draft, rows=[], confidence=[]))
        parts[-1].rows.append(row)
        parts[-1].confidence.append(confidence)
    return parts


def _section_of(draft: _Draft) -> str | None:
    return draft.rows[0].section if draft.rows else None


def _cell_text(lines: list[str]) -> str:
    """A cell's lines, a word the layout saw broken by a narrow column joined back without a space."""
    return "\n".join(lines).replace(f"{WORD_GOES_ON}\n", "").replace(WORD_GOES_ON, "")


def _freeze(index: int, draft: _Draft, laid_out: bool, weights: Mapping[str, float]) -> Table:
    header = draft.region.header
    rows = tuple(
        Row(
            tuple(_cell_text(cell) if cell else None for cell in row.cells),
            row.page,
            tuple(sorted(row.lines)),
            confidence,
            row.box,
        )
        for row, confidence in zip(draft.rows, draft.confidence, strict=True)
    )
    explanation = _column_explanation(header)
    roles = header.roles
    if laid_out:
        cells = [row.cells for row in rows]
        whole = roles_of_rows(header.texts, roles, cells, weights)
        if whole is not None:
            explanation = (*explanation, f"roles from whole cells: {', '.join(whole)}")
            roles = whole
        found = category_column_of_rows(roles, cells)
        if found is not None:
            roles = (*roles[:found], "category", *roles[found + 1 :])
            explanation = (*explanation, f"column {found}: category (its whole cells name categories)")
        spread, given = spread_spanning_cells(rows, roles)
        rows = tuple(replace(row, cells=cells) for row, cells in zip(rows, spread, strict=True))
        if given:
            explanation = (*explanation, f"{given} empty provider cell(s) given the one above: a cell spanning rows")
    return Table(
        index=index,
        page=header.page,
        heading=draft.heading,
        sections=draft.sections,
        headers=header.texts,
        columns=roles,
        rows=rows,
        language=header_language(list(header.texts)),
        column_starts=draft.column_starts,
        header_box=header.box,
        method="+".join(draft.methods) or None,
        explanation=explanation,
    )


def _column_explanation(header: HeaderRow) -> tuple[str, ...]:
    """Per column, the role it got, the evidence, and the runner-up role."""
    if header.evidence is None:
        pairs = zip(header.texts, header.roles, strict=True)
        return tuple(f"column {k} {text!r}: {role}" for k, (text, role) in enumerate(pairs))
    lines = []
    for k, (text, role) in enumerate(zip(header.texts, header.roles, strict=True)):
        runner_up = header.evidence.runner_up(k, role)
        said = f"column {k} {text!r}: {role} {header.evidence.evidence(k, role).explain()}"
        if runner_up is not None:
            said += f"; runner-up {runner_up.item} {runner_up.explain()}"
        lines.append(said)
    return tuple(lines)
