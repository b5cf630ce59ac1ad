"""The long format: one flat record per fact, and one per finding.

A fact record is one cell of one report with everything needed to use it
without the report: the report's body, year and edition; the fact key and
its table, row and column keys; the format's Chinese row and column labels;
the value, its unit and state; the raw text and its line. This is the
shape pandas, polars, Excel and SQL all take (:func:`gkparse.to_dataframe`,
``gkparse --format csv``). Values stay exact: counts ``int``, money
``Decimal``, no value ``None`` with the state saying why.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Final, TypedDict

from gkparse.report import definitions as d
from gkparse.report.protocols import CellLike, FindingLike, ReportLike
from gkparse.vocabulary import EDITIONS, CellState, Edition, Outcome, PlacedBy, Severity, Unit, split_key

__all__ = [
    "FACT_FIELDS",
    "FINDING_FIELDS",
    "FactRecord",
    "FindingRecord",
    "fact_records",
    "finding_record",
    "finding_records",
    "labels",
]


class FactRecord(TypedDict):
    """One fact of one report, flat."""

    body: str | None
    year: int | None
    edition: Edition | None
    key: str
    table: str
    row: str
    column: str
    row_label: str | None
    column_label: str | None
    value: int | Decimal | None
    unit: Unit | None
    state: CellState
    raw: str
    line: int | None
    placed_by: PlacedBy
    certified_by: str


class FindingRecord(TypedDict):
    """One finding, flat: ``line`` is where its text starts, None when it names no place."""

    code: str
    severity: Severity
    outcome: Outcome | None
    keys: tuple[str, ...]
    message: str
    line: int | None
    expected: str | None
    actual: str | None
    years: tuple[int, ...]


#: A fact record's fields, in order (the CSV columns).
FACT_FIELDS: Final[tuple[str, ...]] = tuple(FactRecord.__annotations__)
#: A finding record's fields, in order.
FINDING_FIELDS: Final[tuple[str, ...]] = tuple(FindingRecord.__annotations__)


@functools.cache
def _label_table() -> dict[tuple[Edition, str], tuple[str, str]]:
    """(edition, fact key) → (row label, column label), from the definitions."""
    found: dict[tuple[Edition, str], tuple[str, str]] = {}
    for edition in EDITIONS:
        for block in d.ACTIVE_DISCLOSURE_BLOCKS[edition]:
            for row in block.rows:
                for column in block.columns:
                    key = f"{d.ACTIVE_DISCLOSURE}.{row.key}.{column.key}"
                    found[edition, key] = (row.label, column.label)
        for row in (*d.APPLICATION_ROWS[edition], d.OTHER_HANDLING):
            for column in d.APPLICATION_COLUMNS:
                found[edition, f"{d.APPLICATIONS}.{row.key}.{column.key}"] = (row.label, column.label)
        for group in d.REVIEW_GROUPS:
            for column in d.REVIEW_COLUMNS:
                key = f"{d.REVIEW_LITIGATION}.{group.key}.{column.key}"
                found[edition, key] = (group.label, column.label)
    return found


def labels(key: str, edition: Edition | None = None) -> tuple[str | None, str | None]:
    """The format's Chinese row and column labels of a fact key, as its
    edition words them (the other edition's words when it has none)."""
    table = _label_table()
    for name in (edition, *reversed(EDITIONS)):
        if name is not None and (name, key) in table:
            return table[name, key]
    return None, None


def fact_record(report: ReportLike, cell: CellLike) -> FactRecord:
    """One cell of ``report`` as a flat record."""
    table, row, column = split_key(cell.key)
    row_label, column_label = labels(cell.key, report.edition)
    return FactRecord(
        body=report.body,
        year=report.year,
        edition=report.edition,
        key=cell.key,
        table=table,
        row=row,
        column=column,
        row_label=row_label,
        column_label=column_label,
        value=cell.value,
        unit=cell.unit,
        state=cell.state,
        raw=cell.raw,
        line=cell.span.line if cell.span is not None else None,
        placed_by=cell.placed_by,
        certified_by=" ".join(cell.certified_by),
    )


def fact_records(report: ReportLike) -> list[FactRecord]:
    """Every fact of ``report``, one record each, in the order of ``Report.facts()``."""
    return [fact_record(report, cell) for table in report.tables for cell in table.cells]


def finding_record(finding: FindingLike) -> FindingRecord:
    """One finding as a flat record."""
    return FindingRecord(
        code=finding.code,
        severity=finding.severity,
        outcome=finding.outcome,
        keys=finding.keys,
        message=finding.message,
        line=finding.span.line if finding.span is not None else None,
        expected=finding.expected,
        actual=finding.actual,
        years=finding.years,
    )


def finding_records(findings: Iterable[FindingLike]) -> list[FindingRecord]:
    """Findings as flat records, in order."""
    return [finding_record(finding) for finding in findings]
