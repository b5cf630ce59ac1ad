"""The report layer's model: a report, its sections, tables, cells and findings.

Every class is frozen and slotted; collections are tuples. Source spans are
kept for every cell, section and finding but take no part in equality, so
two reports are equal when they say the same thing, whatever layout their
text came in.

In a notebook, reports, tables and findings show as HTML
(``_repr_html_``: the tables laid out like the official form); their
``repr`` is short. ``Report.to_records()`` and ``Finding.to_record()`` give
the long format (:mod:`gkparse.report.records`). A report pickles compactly,
grids included.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.span import Span
from gkparse.report import display, records
from gkparse.report.protocols import PrettyPrinter
from gkparse.vocabulary import (
    BLANK,
    FAILED,
    INVALID,
    LAYOUT,
    MISSING,
    NOT_ASSESSABLE,
    UNIT_NOT_STATED,
    UNKNOWN,
    VALUE,
    WAN_YUAN,
    CellState,
    Edition,
    Outcome,
    PlacedBy,
    SectionKey,
    Severity,
    TableKey,
    Unit,
    split_key,
)

__all__ = [
    "BLANK",
    "FAILED",
    "INVALID",
    "MISSING",
    "NOT_ASSESSABLE",
    "UNIT_NOT_STATED",
    "UNKNOWN",
    "VALUE",
    "WAN_YUAN",
    "Cell",
    "Finding",
    "Report",
    "Section",
    "Severity",
    "Table",
    "Value",
]

#: A cell's value: a count, an exact amount of money, or nothing.
Value = int | Decimal | None


@attrs.frozen(weakref_slot=False)
class Cell:
    """One value of a report table, under its fact key.

    ``raw`` is the cell's text as written (equality ignores the white space
    around it: padding is the layout's, not the report's); ``state`` says
    what it holds (see the constants VALUE, BLANK, UNKNOWN, INVALID, MISSING). ``unit`` applies
    to money: "万元" when the unit is known (amounts are converted to 万元),
    "not stated" when the report does not say; None for counts.

    ``placed_by`` says how the value found its place: "layout" (its row's
    label and its column), or "arithmetic" (cut from a run of digits where
    only one cut fits; ``certified_by`` names the rules whose sums allowed no
    other, and is empty where the digits alone allowed one). Like ``span``,
    both say where a value came from, not what the report says: they take no
    part in equality.
    """

    #: Interned: the same few hundred keys recur in every report a user keeps.
    key: str = attrs.field(converter=sys.intern)
    value: Value
    raw: str = attrs.field(eq=str.strip)
    state: CellState
    unit: Unit | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    placed_by: PlacedBy = attrs.field(default=LAYOUT, eq=False, repr=False)
    certified_by: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen(weakref_slot=False)
class Finding:
    """Something wrong or noteworthy in a report.

    ``code`` is stable: a rule's id (``T3-COLUMN``) or a parsing code
    (``ROW-VALUE-COUNT``); see the docs' lists. ``keys`` names every fact key,
    or key prefix, that took part; ``expected`` and ``actual`` hold the
    figures compared, as exact decimal text. ``outcome`` is set by rules:
    FAILED, or NOT_ASSESSABLE when an input cell is blank (``keys`` then
    names the cells without a value). ``years`` is set by rules across
    reports: the year of the report each key is from, aligned with ``keys``.
    ``span`` is where the first cell or line concerned stands in its text.
    """

    code: str
    severity: Severity
    message: str
    keys: tuple[str, ...] = ()
    expected: str | None = None
    actual: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    outcome: Outcome | None = None
    years: tuple[int, ...] = ()

    @property
    def line(self) -> int | None:
        """The line of the text the finding is about (where its span starts), if it names a place."""
        return self.span.line if self.span is not None else None

    def __repr__(self) -> str:
        """The finding's fields that are set, and its line."""
        return display.finding_repr(self)

    def to_record(self) -> records.FindingRecord:
        """The finding as one flat record: code, severity, outcome, keys, message, line,
        expected, actual, years."""
        return records.finding_record(self)

    def _repr_html_(self) -> str:
        return display.findings_html([self])


@attrs.frozen
class Section:
    """A section of the outline (一 … 六): its key, heading line and prose.

    ``text`` is the section's text without its tables: its non-blank lines,
    each without trailing white space (blank lines between paragraphs are a
    converter's habit, not content).
    """

    key: SectionKey
    heading: str
    text: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Table:
    """One of the report's three tables, read against the format.

    ``cells`` holds one cell per fact key of the table, in the order of the
    format. ``grids`` are the table as the text laid it out, raw cells and
    all, for what could not be placed.
    """

    key: TableKey
    cells: tuple[Cell, ...]
    grids: tuple[Grid, ...] = attrs.field(eq=False, repr=False, default=())

    def cell(self, key: str) -> Cell:
        """The cell under a fact key of this table."""
        for cell in self.cells:
            if cell.key == key:
                return cell
        raise KeyError(key)

    def __repr__(self) -> str:
        """The table's key and how many cells of each state it has."""
        return display.table_repr(self)

    def to_html(self, findings: Iterable[Finding] = ()) -> str:
        """The table laid out like the official form, cells named by ``findings`` outlined."""
        return display.table_html(self, None, findings)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: PrettyPrinter, cycle: bool) -> None:
        printer.text(repr(self))


@attrs.frozen
class Report:
    """One annual report, as :func:`gkparse.parse` read it.

    ``edition`` is "2019" or "2021" after the format's edition its tables
    follow, None when it has no standard tables. ``problems`` are the
    findings of parsing itself; :func:`gkparse.validate` gives them with the
    cross-footing rules' findings.
    """

    title: str | None
    body: str | None
    year: int | None
    published: datetime.date | None
    edition: Edition | None
    preamble: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    problems: tuple[Finding, ...] = ()

    def facts(self) -> dict[str, Value]:
        """Every fact key of the report's edition with its value (None if blank).

        Keys of a table the text lacks are there too, with None; a report with
        no standard tables has no facts.
        """
        return {cell.key: cell.value for table in self.tables for cell in table.cells}

    def cell(self, key: str) -> Cell:
        """The cell under a fact key, e.g. ``report.cell("applications.new.total")``."""
        table = self.table(split_key(key)[0])
        if table is None:
            raise KeyError(key)
        return table.cell(key)

    def table(self, key: str) -> Table | None:
        """The table with this key, if the report has it."""
        return next((table for table in self.tables if table.key == key), None)

    def section(self, key: str) -> Section | None:
        """The section with this key, if the report has it."""
        return next((section for section in self.sections if section.key == key), None)

    def to_records(self) -> list[records.FactRecord]:
        """One flat record per fact, in the order of :meth:`facts`.

        Each has the report's ``body``, ``year`` and ``edition``; the fact's
        ``key``, ``table``, ``row`` and ``column``; the format's Chinese
        ``row_label`` and ``column_label``; ``value``, ``unit``, ``state``,
        ``raw`` text and ``line``. See :func:`gkparse.to_dataframe`.
        """
        return records.fact_records(self)

    def to_html(self, findings: Iterable[Finding] | None = None) -> str:
        """The report as HTML: metadata, the tables like the official form, findings.

        Cells named by a finding are outlined, with the message on hover.
        ``findings`` default to the findings of parsing (``problems``); pass
        ``gkparse.validate(report)`` for the rules' findings too.
        """
        return display.report_html(self, None if findings is None else tuple(findings))

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: PrettyPrinter, cycle: bool) -> None:
        printer.text(display.report_text(self))

    def __repr__(self) -> str:
        """Title, year, edition, cell counts and problems, on one line (not the whole report)."""
        return display.report_repr(self)

    def __reduce__(self) -> tuple[Callable[[tuple[Any, ...]], Report], tuple[tuple[Any, ...]]]:
        """Pickle as nested tuples of plain values (grids and spans included), not as objects."""
        return (_unpickle_report, (_pickle_report(self),))


# ------------------------------------------------------------------ pickling
# A report holds thousands of small objects (cells, grid cells, spans); as
# nested tuples of plain values it pickles to about a third of the size.

_SpanState = tuple[int, int, int, int, int, int]


def _span_state(span: Span) -> _SpanState:
    return (span.line, span.column, span.end_line, span.end_column, span.start, span.end)


def _optional_span_state(span: Span | None) -> _SpanState | None:
    return None if span is None else _span_state(span)


def _optional_span(state: _SpanState | None) -> Span | None:
    return None if state is None else Span(*state)


def _grid_state(grid: Grid) -> tuple[Any, ...]:
    rows = tuple(
        (
            tuple((c.text, _span_state(c.span), c.column_span, c.row_span) for c in row.cells),
            _span_state(row.span),
        )
        for row in grid.rows
    )
    return (grid.layout, rows, _span_state(grid.span), grid.header_rows)


def _grid(state: tuple[Any, ...]) -> Grid:
    layout, rows, span, header_rows = state
    return Grid(
        layout,
        tuple(
            GridRow(tuple(GridCell(t, Span(*s), cs, rs) for t, s, cs, rs in cells), Span(*row_span))
            for cells, row_span in rows
        ),
        Span(*span),
        header_rows,
    )


def _finding_state(f: Finding) -> tuple[Any, ...]:
    span = _optional_span_state(f.span)
    return (f.code, f.severity, f.message, f.keys, f.expected, f.actual, span, f.outcome, f.years)


def _finding(state: tuple[Any, ...]) -> Finding:
    code, severity, message, keys, expected, actual, span, outcome, years = state
    return Finding(code, severity, message, keys, expected, actual, _optional_span(span), outcome, years)


def _pickle_report(report: Report) -> tuple[Any, ...]:
    sections = tuple((s.key, s.heading, s.text, _optional_span_state(s.span)) for s in report.sections)
    tables = tuple(
        (
            t.key,
            tuple(
                (
                    c.key,
                    c.value,
                    c.raw,
                    c.state,
                    c.unit,
                    _optional_span_state(c.span),
                    c.placed_by,
                    c.certified_by,
                )
                for c in t.cells
            ),
            tuple(_grid_state(grid) for grid in t.grids),
        )
        for t in report.tables
    )
    return (
        report.title,
        report.body,
        report.year,
        report.published,
        report.edition,
        report.preamble,
        sections,
        tables,
        tuple(_finding_state(f) for f in report.problems),
    )


def _unpickle_report(state: tuple[Any, ...]) -> Report:
    title, body, year, published, edition, preamble, sections, tables, problems = state
    return Report(
        title=title,
        body=body,
        year=year,
        published=published,
        edition=edition,
        preamble=preamble,
        sections=tuple(Section(k, h, t, _optional_span(s)) for k, h, t, s in sections),
        tables=tuple(
            Table(
                key,
                tuple(
                    Cell(k, v, r, st, u, _optional_span(s), by, rules)
                    for k, v, r, st, u, s, by, rules in cells
                ),
                tuple(_grid(g) for g in grids),
            )
            for key, cells, grids in tables
        ),
        problems=tuple(_finding(f) for f in problems),
    )
