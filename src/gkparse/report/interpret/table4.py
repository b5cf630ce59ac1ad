"""Table 4 (政府信息公开行政复议、行政诉讼情况): its one data row of fifteen values."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from gkparse.grids.grid import Grid
from gkparse.grids.values import NUMBER, PLACEHOLDER, read_value
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import (
    Findings,
    TableReading,
    ValueSlots,
    duplicate_row,
    header_slots,
    place_row,
    rows_of,
)
from gkparse.report.model import Cell


def read_review(grids: Sequence[Grid]) -> TableReading:
    """Table 4: its one data row of fifteen values."""
    findings = Findings()
    columns = [
        attrs.evolve(column, key=f"{group.key}.{column.key}")
        for group in d.REVIEW_GROUPS
        for column in d.REVIEW_COLUMNS
    ]
    cells: dict[str, Cell] = {}
    slots: ValueSlots | None = None
    for parts in rows_of(grids):
        if not any(read_value(c.text).kind in (NUMBER, PLACEHOLDER) for c in parts.values):
            slots = header_slots(parts, len(columns)) or slots
            continue  # header rows
        if cells and not duplicate_row(
            findings, d.REVIEW_LITIGATION, "a data row", d.REVIEW_LITIGATION, parts, list(cells.values())
        ):
            continue
        for cell in place_row(d.REVIEW_LITIGATION, parts, columns, findings, slots=slots):
            cells[cell.key] = cell
    return TableReading.of(cells, tuple(findings.items))
