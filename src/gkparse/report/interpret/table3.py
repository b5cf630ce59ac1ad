"""Table 3 (收到和处理政府信息公开申请情况): each leaf row's seven values."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from gkparse.grids.grid import Grid, GridCell
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import (
    Findings,
    RowParts,
    TableReading,
    ValueSlots,
    best_match,
    duplicate_row,
    header_slots,
    place_row,
    rows_of,
    unknown_row,
)
from gkparse.report.labels import label_key, placeholder_label
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


def _joined(first: RowParts, second: RowParts) -> RowParts:
    """Two rows as one: the second's first label continues the first's last."""
    ours = [cell for cell in first.labels if not placeholder_label(cell.text)]
    theirs = [cell for cell in second.labels if not placeholder_label(cell.text)]
    valued = first if first.has_values else second
    if not ours or not theirs:
        return valued
    end, start = ours[-1], theirs[0]
    joined = GridCell(end.text + start.text, end.span.through(start.span))
    return attrs.evolve(valued, labels=(*ours[:-1], joined, *theirs[1:]))


def _wraps(first: RowParts, second: RowParts) -> d.Label | None:
    """The leaf whose label a wrapped label spells across two rows: its whole
    label (as the format writes it) must stand in the joined text across
    the break, so that neither part alone makes the match."""
    ours = [
        key
        for key, cell in zip(first.label_keys, first.labels, strict=True)
        if not placeholder_label(cell.text)
    ]
    theirs = [
        key
        for key, cell in zip(second.label_keys, second.labels, strict=True)
        if not placeholder_label(cell.text)
    ]
    if not ours or not theirs:
        return None
    joined, cut = ours[-1] + theirs[0], len(ours[-1])
    for leaf in _APPLICATION_LEAVES:
        whole = label_key(leaf.label)
        at = joined.find(whole)
        if at != -1 and at < cut < at + len(whole):
            return leaf
    return None


def _pair_wrapped(parts: Sequence[RowParts]) -> list[RowParts]:
    """Rows whose label a converter wrapped onto a row of its own with no
    values (before or after the row with the values) joined into one."""
    out: list[RowParts] = []
    index = 0
    while index < len(parts):
        row = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if following is not None and row.has_values != following.has_values and _wraps(row, following):
            out.append(_joined(row, following))
            index += 2
            continue
        out.append(row)
        index += 1
    return out


def read_applications(grids: Sequence[Grid]) -> TableReading:
    """Table 3: each leaf row's seven values, by row and column key."""
    findings = Findings()
    rows: dict[str, list[Cell]] = {}
    group: str | None = None
    slots: ValueSlots | None = None
    for parts in _pair_wrapped(list(rows_of(grids))):
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
