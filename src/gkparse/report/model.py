"""The report layer's model: a report, its sections, tables, cells and findings.

Every class is frozen and slotted; collections are tuples. Source spans are
kept for every cell, section and finding but take no part in equality, so
two reports are equal when they say the same thing, whatever layout their
text came in.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from gkparse.grids.grid import Grid
from gkparse.grids.span import Span
from gkparse.vocabulary import (
    BLANK,
    FAILED,
    INVALID,
    MISSING,
    NOT_ASSESSABLE,
    UNIT_NOT_STATED,
    UNKNOWN,
    VALUE,
    WAN_YUAN,
    CellState,
    Edition,
    Outcome,
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

@attrs.frozen
class Cell:
    """One value of a report table, under its fact key.

    ``raw`` is the cell's text as written (equality ignores the white space
    around it: padding is the layout's, not the report's); ``state`` says
    what it holds (see the constants VALUE, BLANK, UNKNOWN, INVALID, MISSING). ``unit`` applies
    to money: "万元" when the unit is known (amounts are converted to 万元),
    "not stated" when the report does not say; None for counts.
    """

    key: str
    value: Value
    raw: str = attrs.field(eq=str.strip)
    state: CellState
    unit: Unit | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
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
