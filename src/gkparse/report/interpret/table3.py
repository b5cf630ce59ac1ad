"""Table 3 (收到和处理政府信息公开申请情况): each leaf row's seven values."""

from __future__ import annotations

from collections.abc import Sequence

from gkparse.grids.grid import Grid
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import (
    Findings,
    TableReading,
    ValueSlots,
    best_match,
    duplicate_row,
    header_slots,
    place_row,
    rows_of,
    unknown_row,
)
from gkparse.report.model import Cell
from gkparse.vocabulary import Edition

_APPLICATION_LEAVES = d.APPLICATION_ROWS["2021"] + (d.OTHER_HANDLING,)


def _application_leaf(labels: Sequence[str], group: str | None) -> tuple[d.Label | None, str | None]:
    leaf: d.Label | None = None
    for text in labels:
        found_group = best_match(text, d.APPLICATION_GROUPS)
        if found_group is not None:
            group = found_group.key
        found = best_match(text, _APPLICATION_LEAVES)
        needed = d.APPLICATION_LEAF_GROUPS.get(found.key) if found else None
        if found is not None and (needed is None or needed == group):
            leaf = found
    return leaf, group


def read_applications(grids: Sequence[Grid]) -> TableReading:
    """Table 3: each leaf row's seven values, by row and column key."""
    findings = Findings()
    rows: dict[str, list[Cell]] = {}
    group: str | None = None
    slots: ValueSlots | None = None
    for parts in rows_of(grids):
        labels = parts.label_keys
        if any(word in text for text in labels for word in d.APPLICATION_HEADERS):
            slots = header_slots(parts, len(d.APPLICATION_COLUMNS)) or slots
            continue  # header and caption rows
        leaf, group = _application_leaf(labels, group)
        if leaf is d.OTHER_HANDLING and not parts.has_values:
            continue  # the 2021 group label 其他处理 on a line of its own
        if leaf is None:
            unknown_row(findings, d.APPLICATIONS, parts)
            continue
        prefix = f"{d.APPLICATIONS}.{leaf.key}"
        if leaf.key in rows:
            duplicate_row(findings, d.APPLICATIONS, f"row {leaf.label!r}", prefix, parts)
            continue
        rows[leaf.key] = place_row(prefix, parts, d.APPLICATION_COLUMNS, findings, slots=slots)
    other_rows = {label.key for label in d.APPLICATION_OTHER_2021}
    edition: Edition | None = (
        "2021" if other_rows & rows.keys() else "2019" if d.OTHER_HANDLING.key in rows else None
    )
    cells = {cell.key: cell for row in rows.values() for cell in row}
    return TableReading.of(cells, tuple(findings.items), edition)
