"""``parse``: from a report's text to a :class:`~gkparse.Report`.

text → normalise → lines and headings (sections, table regions) → layout
grammars (grids) → which table each grid is → interpret against the
definitions → Report. Nothing here raises on text: what cannot be read
becomes a finding, and text that is not a table stays in its section.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence

from gkparse.grids.grid import Grid
from gkparse.grids.layouts import TableSyntaxError, read_grid
from gkparse.grids.lines import Line, classify_lines
from gkparse.grids.regions import Region, find_regions
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
from gkparse.report.metadata import read_metadata
from gkparse.report.model import Report, Section, Table
from gkparse.report.outline import find_headings, section_owners
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
    owners = section_owners(len(lines), headings)
    regions = find_regions(lines, breaks=_breaks(lines, headings, owners))
    cut_at = len(text) if len(prepared) > len(text) else None  # the text stops mid-line
    grids, table_lines = _tables(prepared, lines, regions, owners, headings, findings, cut_at)
    tables, edition = _read_tables(prepared, grids, findings)
    sections = _sections(lines, owners, headings, table_lines)
    for key in SECTION_KEYS:
        if key not in {section.key for section in sections}:
            findings.add("SECTION-MISSING", "info", f"section {key!r} has no heading in the text", (key,))
    prose = [i for i in range(len(lines)) if i not in table_lines and i not in headings]
    preamble = [lines[i].text for i in prose if owners[i] is None]
    closing = [lines[i].text for i in prose if lines[i].text.strip()][-5:]
    metadata = read_metadata(
        [line for line in preamble if line.strip()], closing, [lines[i].text for i in prose]
    )
    return Report(
        title=metadata.title,
        body=metadata.body,
        year=metadata.year,
        published=metadata.published,
        edition=edition,
        preamble=_join(preamble),
        sections=sections,
        tables=tables,
        problems=tuple(findings.items),
    )


_CAPTIONS = frozenset(label_key(title) for title in (*d.TABLE_TITLES.values(), *d.ACTIVE_DISCLOSURE_CAPTIONS))


def _breaks(
    lines: Sequence[Line], headings: Mapping[int, SectionKey], owners: Sequence[int | None]
) -> list[int]:
    """Lines that end any table: the headings that open a section (a row that
    looks like a heading of a section already open is a row, as in
    one-row-a-line layouts), and a table's caption on a line of its own,
    which is the section's prose, not a cell of the table below it."""
    opening = [index for index in headings if owners[index] == index]
    captions = [
        i for i, line in enumerate(lines) if line.kind == "text" and label_key(line.text) in _CAPTIONS
    ]
    return sorted({*opening, *captions})


def _vote(texts: Sequence[str]) -> TableKey | None:
    """The table whose words a row holds most of; None if none or a tie."""
    counts = {
        table: sum(1 for text in texts for marker in markers if marker in text)
        for table, markers in d.TABLE_MARKERS.items()
    }
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return None
    return max(counts, key=lambda table: counts[table])


def _split_by_table(grid: Grid, section: SectionKey | None) -> list[tuple[TableKey, Grid]]:
    """Cut a grid where its rows start belonging to another table.

    Rows that name no table join the table of the rows before them (or
    after, at the top). A grid with no table's words at all is the table of
    the section it stands in, if that section has one.
    """
    pieces: list[tuple[TableKey | None, list[int]]] = []
    for index, row in enumerate(grid.rows):
        vote = _vote([label_key(cell.text) for cell in row.cells])
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
    lines: Sequence[Line],
    regions: Sequence[Region],
    owners: Sequence[int | None],
    headings: Mapping[int, SectionKey],
    findings: Findings,
    cut_at: int | None = None,
) -> tuple[dict[TableKey, list[Grid]], set[int]]:
    """The grids of each table, and the lines that belong to a table."""
    grids: dict[TableKey, list[Grid]] = {}
    table_lines: set[int] = set()
    for region in regions:
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
                lines[region.first].span,
            )
            continue
        grid = settle_grid(grid, prepared, cut_at, findings)
        owner = owners[region.first]
        section = headings[owner] if owner is not None else None
        pieces = _split_by_table(grid, section)
        for table, piece in pieces:
            grids.setdefault(table, []).append(piece)
        if pieces:
            table_lines.update(range(region.first, region.last + 1))
    return grids, table_lines


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
        for key, reading in arithmetic.read_tables(prepared, wanted, edition).items():
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
    lines: Sequence[Line],
    owners: Sequence[int | None],
    headings: Mapping[int, SectionKey],
    table_lines: set[int],
) -> tuple[Section, ...]:
    sections = []
    for index, line in enumerate(lines):
        if owners[index] != index:
            continue
        body = [
            lines[i].text for i in range(index + 1, len(lines)) if owners[i] == index and i not in table_lines
        ]
        sections.append(Section(headings[index], line.text.strip(), _join(body), line.span))
    return tuple(sections)


def _join(lines: Sequence[str]) -> str:
    """Lines as one text, one paragraph a line.

    Blank lines are dropped: some converters put one between paragraphs and
    some do not, and the text should not depend on the converter.
    """
    return "\n".join(line for line in lines if line.strip())
