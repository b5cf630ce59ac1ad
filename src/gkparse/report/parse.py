"""``parse``: from a report's text to a :class:`~gkparse.Report`.

text → normalise → lines and headings (sections, table regions) → layout
grammars (grids) → which table each grid is → interpret against the
definitions → Report. Nothing here raises on text: what cannot be read
becomes a finding, and text that is not a table stays in its section.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from gkparse.grids.grid import Grid
from gkparse.grids.layouts import MAX_REGION_MARKS, TableSyntaxError, read_grid
from gkparse.grids.lines import Lines, classify_lines
from gkparse.grids.markup import is_page
from gkparse.grids.regions import Region, find_regions
from gkparse.grids.span import Span
from gkparse.grids.text import prepare
from gkparse.report import definitions as d
from gkparse.report.interpret import (
    TableReading,
    arithmetic,
    finish_table,
    missing_cells,
    read_active_disclosure,
    read_applications,
    read_review,
)
from gkparse.report.interpret.fold import settle_grid
from gkparse.report.interpret.rows import Findings
from gkparse.report.labels import label_key
from gkparse.report.metadata import PREAMBLE_LINES, read_metadata
from gkparse.report.model import Report, Section, Table
from gkparse.report.outline import find_headings, section_openings
from gkparse.vocabulary import SECTION_KEYS, UNKNOWN, Edition, SectionKey, TableKey


def parse(text: str) -> Report:
    """Read the text of one annual report.

    Accepts any string and never raises on its content; only a non-``str``
    argument raises :class:`TypeError`. What could not be read is in
    ``report.problems`` (and in :func:`gkparse.validate`'s findings).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    with _cycle_collector_paused():
        return _parse(text)


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Why: a parse makes tens of thousands of objects that live until it
    returns, and no reference cycle (a test checks). CPython's cycle
    collector would walk them again and again as they pile up, for nothing,
    and on a long text that costs more per character the longer the text
    (a 40,000-cell row: a third of the time). It runs as before once the
    parse is done, unless it was off before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str) -> Report:
    prepared = prepare(text)
    lines = classify_lines(prepared)
    headings = find_headings(prepared, lines)
    findings = Findings()
    openings = section_openings(headings)
    regions = find_regions(lines, breaks=_breaks(lines, openings))
    cut_at = len(text) if len(prepared) > len(text) else None  # the text stops mid-line
    # LibreOffice's text opens with a byte order mark; it writes one line a
    # cell, so its empty lines are empty cells
    lines_are_cells = text.startswith("\ufeff")
    grids, table_runs = _tables(
        prepared, lines, regions, openings, headings, findings, cut_at, lines_are_cells
    )
    tables, edition = _read_tables(prepared, grids, findings)
    page = is_page(text)  # its prose's white space is markup's padding: it collapses
    sections = _sections(lines, openings, headings, table_runs, page)
    for key in SECTION_KEYS:
        if key not in {section.key for section in sections}:
            findings.add("SECTION-MISSING", "info", f"section {key!r} has no heading in the text", (key,))
    prose = _Prose(lines, table_runs, headings)
    before_sections = openings[0] if openings else len(lines)
    metadata = read_metadata(
        list(itertools.islice(_non_blank(prose.texts(0, before_sections)), PREAMBLE_LINES)),
        prose.last_non_blank(5),
        prose.texts(0, len(lines)),
    )
    return Report(
        title=metadata.title,
        body=metadata.body,
        year=metadata.year,
        published=metadata.published,
        edition=edition,
        preamble=_join(prose.texts(0, before_sections), page),
        sections=sections,
        tables=tables,
        problems=tuple(findings.items),
    )


_CAPTIONS = frozenset(label_key(title) for title in (*d.TABLE_TITLES.values(), *d.ACTIVE_DISCLOSURE_CAPTIONS))


_TEXT = Lines.code("text")


def _breaks(lines: Lines, openings: Sequence[int]) -> list[int]:
    """Lines that end any table: the headings that open a section (a row that
    looks like a heading of a section already open is a row, as in
    one-row-a-line layouts), and a table's caption on a line of its own,
    which is the section's prose, not a cell of the table below it."""
    captions = [
        i for i, code in enumerate(lines.codes) if code == _TEXT and label_key(lines.text(i)) in _CAPTIONS
    ]
    return sorted({*openings, *captions})


_MARKED_TABLES = tuple(d.TABLE_MARKERS)


@functools.lru_cache(maxsize=4096)
def _markers(text: str) -> tuple[int, ...]:
    """How many of each table's words a cell holds, in
    :data:`_MARKED_TABLES`' order (cells repeat: "0", "总计", the labels)."""
    key = label_key(text)
    return tuple(sum(1 for marker in d.TABLE_MARKERS[table] if marker in key) for table in _MARKED_TABLES)


def _vote(texts: Sequence[str]) -> TableKey | None:
    """The table whose words a row of cells holds most of; None if none or a tie."""
    counts = [sum(column) for column in zip(*map(_markers, texts), strict=True)] or [0] * len(_MARKED_TABLES)
    ranked = sorted(counts, reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return None
    return _MARKED_TABLES[counts.index(ranked[0])]


def _split_by_table(grid: Grid, section: SectionKey | None) -> list[tuple[TableKey, Grid]]:
    """Cut a grid where its rows start belonging to another table.

    Rows that name no table join the table of the rows before them (or
    after, at the top). A grid with no table's words at all is the table of
    the section it stands in, if that section has one.
    """
    pieces: list[tuple[TableKey | None, list[int]]] = []
    for index, row in enumerate(grid.rows):
        vote = _vote([cell.text for cell in row.cells])
        if pieces and (vote is None or vote == pieces[-1][0] or pieces[-1][0] is None):
            pieces[-1][1].append(index)
            if pieces[-1][0] is None:
                pieces[-1] = (vote, pieces[-1][1])
        else:
            pieces.append((vote, [index]))
    fallback = next((table for table, name in d.TABLE_SECTIONS.items() if name == section), None)
    result = []
    for vote, indices in pieces:
        table = vote or fallback
        if table is not None:
            rows = tuple(grid.rows[i] for i in indices)
            result.append((table, Grid(grid.layout, rows, grid.span, grid.header_rows)))
    return result


def _tables(
    prepared: str,
    lines: Lines,
    regions: Sequence[Region],
    openings: Sequence[int],
    headings: Mapping[int, SectionKey],
    findings: Findings,
    cut_at: int | None = None,
    lines_are_cells: bool = False,
) -> tuple[dict[TableKey, list[Grid]], list[tuple[int, int]]]:
    """The grids of each table, and the runs of lines (first, last) that
    belong to a table, in order."""
    grids: dict[TableKey, list[Grid]] = {}
    table_runs: list[tuple[int, int]] = []
    for region in regions:
        if region.too_large(prepared):
            findings.add(
                "TABLE-TOO-LARGE",
                "warning",
                f"lines {region.line}-{region.last + 1} hold more cells than a table may "
                f"({MAX_REGION_MARKS:,} in layout {region.layout!r}); they are kept as text",
                (),
                lines.span(region.first),
            )
            continue
        try:
            grid = read_grid(
                prepared[region.start : region.end], region.layout, offset=region.start, line=region.line
            )
        except TableSyntaxError as error:
            findings.add(
                "TABLE-UNREADABLE",
                "warning",
                f"lines {region.line}…: {str(error).splitlines()[0]}",
                (),
                lines.span(region.first),
            )
            continue
        grid = settle_grid(grid, prepared, cut_at, findings, lines_are_cells=lines_are_cells)
        owner = _owner(openings, region.first)
        section = headings[owner] if owner is not None else None
        pieces = _split_by_table(grid, section)
        for table, piece in pieces:
            grids.setdefault(table, []).append(piece)
        if pieces:
            table_runs.append((region.first, region.last))
    return grids, table_runs


def _owner(openings: Sequence[int], index: int) -> int | None:
    """The heading line of the section line ``index`` stands in (None: the preamble)."""
    at = bisect.bisect_right(openings, index)
    return openings[at - 1] if at else None


def _read_tables(
    prepared: str, grids: Mapping[TableKey, list[Grid]], findings: Findings
) -> tuple[tuple[Table, ...], Edition | None]:
    """The report's tables in the format's order, and its edition.

    Tables the layouts left incomplete, or did not find, are read again
    from the text as a stream of numbers, cut where the format's sums allow
    only one way (:mod:`gkparse.report.interpret.arithmetic`); that reading
    only fills cells the layouts could not place.
    """
    readings: dict[TableKey, TableReading] = {}
    if d.APPLICATIONS in grids:
        readings[d.APPLICATIONS] = read_applications(grids[d.APPLICATIONS])
    applications_edition = readings[d.APPLICATIONS].edition if d.APPLICATIONS in readings else None
    if d.ACTIVE_DISCLOSURE in grids:
        readings[d.ACTIVE_DISCLOSURE] = read_active_disclosure(
            grids[d.ACTIVE_DISCLOSURE], applications_edition
        )
    if d.REVIEW_LITIGATION in grids:
        readings[d.REVIEW_LITIGATION] = read_review(grids[d.REVIEW_LITIGATION])
    edition = readings[d.ACTIVE_DISCLOSURE].edition if d.ACTIVE_DISCLOSURE in readings else None
    edition = edition or applications_edition
    wanted = [key for key in d.TABLE_KEYS if _incomplete(key, edition, readings.get(key))]
    if wanted:
        for key, reading in arithmetic.read_tables(prepared, wanted, edition, readings).items():
            readings[key] = arithmetic.fill(readings.get(key), reading)
        edition = readings[d.ACTIVE_DISCLOSURE].edition if d.ACTIVE_DISCLOSURE in readings else None
        edition = edition or (readings[d.APPLICATIONS].edition if d.APPLICATIONS in readings else None)
    tables = []
    for key in d.TABLE_KEYS:
        keys = _keys(key, edition, readings.get(key))
        if key not in readings:
            findings.add(
                "TABLE-MISSING",
                "warning",
                f"table {d.TABLE_TITLES[key]!r} ({key}) is not in the text",
                (key,),
            )
            if keys:
                tables.append(Table(key, tuple(missing_cells(keys, d.MONEY_COLUMNS))))
            continue
        reading = readings[key]
        cells, table_findings = finish_table(
            key,
            reading,
            keys or tuple(cell.key for cell in reading.cells),
            row_labels=_row_labels(key, edition, reading.edition),
            money=d.MONEY_COLUMNS,
        )
        findings.items.extend(table_findings)
        tables.append(Table(key, cells, tuple(grids.get(key, ()))))
    return tuple(tables), edition


def _incomplete(table: TableKey, edition: Edition | None, reading: TableReading | None) -> bool:
    """Whether a table's layout reading left cells to place: it has none, an
    unknown cell, a row it could not tell, or not every key of its edition."""
    if reading is None:
        return True
    read = reading.by_key()
    expected = _keys(table, edition, reading)
    return bool(reading.unplaced) or any(key not in read or read[key].state == UNKNOWN for key in expected)


def _keys(table: TableKey, edition: Edition | None, reading: TableReading | None) -> tuple[str, ...]:
    if table == d.REVIEW_LITIGATION:
        return d.review_keys() if edition or reading else ()
    if table == d.APPLICATIONS:
        variant = (reading.edition if reading else None) or edition
        return d.application_keys(variant or "2019") if variant or reading else ()
    return d.active_disclosure_keys(edition) if edition else ()


def _row_labels(table: TableKey, edition: Edition | None, variant: Edition | None) -> dict[str, str]:
    """Row keys to the labels of the edition the table follows (for messages)."""
    if table == d.APPLICATIONS:
        rows = d.APPLICATION_ROWS[variant or edition or "2019"] + (d.OTHER_HANDLING,)
        return {row.key: row.label for row in rows}
    if table == d.ACTIVE_DISCLOSURE:
        editions: list[Edition] = [edition] if edition else list(d.EDITIONS)
        return {
            row.key: row.label
            for name in reversed(editions)
            for block in d.ACTIVE_DISCLOSURE_BLOCKS[name]
            for row in block.rows
        }
    return {group.key: group.label for group in d.REVIEW_GROUPS}


def _sections(
    lines: Lines,
    openings: Sequence[int],
    headings: Mapping[int, SectionKey],
    table_runs: Sequence[tuple[int, int]],
    page: bool,
) -> tuple[Section, ...]:
    """Each section's heading and body: its lines up to the next section's
    heading, less the lines of its tables (an HTML page's white space collapsed)."""
    outside = _Prose(lines, table_runs, {})
    sections = []
    for number, index in enumerate(openings):
        stop = openings[number + 1] if number + 1 < len(openings) else len(lines)
        sections.append(
            Section(
                headings[index],
                lines.text(index).strip(),
                _join(outside.texts(index + 1, stop), page),
                _stripped_span(lines, index),
            )
        )
    return tuple(sections)


def _stripped_span(lines: Lines, index: int) -> Span:
    """Where a line's text stands, without the white space around it (a web
    page's markup before a heading is white space in the prepared text)."""
    span, text = lines.span(index), lines.text(index)
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    column, end_column = span.column + lead, span.end_column - trail
    return Span(span.line, column, span.end_line, end_column, span.start + lead, span.end - trail)


class _Prose:
    """The lines that are in no table and no heading, found by ranges, not
    by a set of line numbers: a long text's lines make no object each."""

    def __init__(
        self, lines: Lines, table_runs: Sequence[tuple[int, int]], headings: Mapping[int, SectionKey]
    ) -> None:
        self.lines, self.headings = lines, headings
        # The runs of lines between tables, as (first, stop).
        self.gaps: list[tuple[int, int]] = []
        first = 0
        for start, last in table_runs:
            if start > first:
                self.gaps.append((first, start))
            first = last + 1
        if first < len(lines):
            self.gaps.append((first, len(lines)))

    def indices(self, start: int, stop: int) -> Iterator[int]:
        """The prose lines from ``start`` up to ``stop``, in order."""
        for first, end in self.gaps:
            for index in range(max(first, start), min(end, stop)):
                if index not in self.headings:
                    yield index

    def texts(self, start: int, stop: int) -> Iterator[str]:
        return (self.lines.text(index) for index in self.indices(start, stop))

    def last_non_blank(self, count: int) -> list[str]:
        """The last ``count`` prose lines that are not blank, in order (read
        from the end, no further than they are found)."""
        backwards = (
            index
            for first, end in reversed(self.gaps)
            for index in range(end - 1, first - 1, -1)
            if index not in self.headings
        )
        found = itertools.islice(_non_blank(self.lines.text(index) for index in backwards), count)
        return list(found)[::-1]


def _non_blank(texts: Iterable[str]) -> Iterator[str]:
    return (text for text in texts if text.strip())


#: What a browser collapses into one space.
_SPACES = re.compile(r"[ \t]+")

#: Lines joined at a time: a body is joined from pieces, never from a list of all its lines.
_JOIN_CHUNK = 4096


def _join(lines: Iterable[str], page: bool = False) -> str:
    """Lines as one text, one paragraph a line.

    Blank lines are dropped: some converters put one between paragraphs and
    some do not, and the text should not depend on the converter. The lines
    of an HTML page have their runs of white space collapsed, as a browser
    does (the prepared text pads out the markup with spaces).
    """
    kept = (_SPACES.sub(" ", text).strip() for text in _non_blank(lines)) if page else _non_blank(lines)
    pieces = []
    while chunk := list(itertools.islice(kept, _JOIN_CHUNK)):
        pieces.append("\n".join(chunk))
    return "\n".join(pieces)
