"""Table 2 (主动公开政府信息情况): its blocks' rows, each under its block's header."""

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
    place_row,
    rows_of,
    unknown_row,
)
from gkparse.report.labels import label_key
from gkparse.report.model import Cell
from gkparse.vocabulary import WAN_YUAN, Edition

_ALL_BLOCKS = tuple(block for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values() for block in blocks)
_ALL_ROWS = tuple({row.key + row.label: row for b in _ALL_BLOCKS for row in b.rows}.values())
_ALL_COLUMNS = tuple({c.key + c.label: c for b in _ALL_BLOCKS for c in b.columns}.values())


def _edition_columns(edition: Edition) -> set[d.Label]:
    return {column for block in d.ACTIVE_DISCLOSURE_BLOCKS[edition] for column in block.columns}


#: Column labels only one edition's table 2 has (本年新制作数量, 采购总金额 for
#: 2019; 本年制发件数, 本年处理决定数量 for 2021): they tell the edition.
EDITION_COLUMNS = {
    edition: _edition_columns(edition)
    - set().union(*(_edition_columns(e) for e in d.EDITIONS if e != edition))
    for edition in d.EDITIONS
}


def header_unit_of(texts: Sequence[str]) -> str | None:
    """The unit a column header states ("万元", "元"), if any."""
    joined = "".join(texts)
    if WAN_YUAN in joined:
        return WAN_YUAN
    if "元" in joined:
        return "元"
    return None


@attrs.frozen
class _PendingRow:
    row: d.Label
    parts: RowParts
    columns: tuple[d.Label | None, ...] | None
    header_unit: str | None
    slots: ValueSlots | None = None


def _header_slots(cells: Sequence[GridCell], width: int) -> ValueSlots:
    """The value slots of a block header's cells after 信息内容: a label opens a
    column, an empty slot or the same label again continues it; empty slots
    after the last label are padding. ``width`` is the header row's slot count."""
    spans: list[tuple[int, int]] = []
    previous: d.Label | None = None
    last_filled = -1
    for index, cell in enumerate(cells):
        text = label_key(cell.text)
        if not text:
            continue
        column = best_match(text, _ALL_COLUMNS)
        if spans and column is not None and previous is not None and column.key == previous.key:
            spans[-1] = (spans[-1][0], index)
        else:
            if spans:
                spans[-1] = (spans[-1][0], index - 1)
            spans.append((index, index))
        previous, last_filled = column, index
    first = spans[0][0] if spans else 0
    return ValueSlots(
        tuple((start - first, end - first) for start, end in spans), last_filled == len(cells) - 1, width
    )


def _column_words(text: str) -> list[str]:
    """A header cell's column labels: its words, if a converter put several
    column labels in one cell ("上一年项目数量 本年增/减 处理决定数量", pdftotext
    -layout where the header's columns stand one space apart) and each word
    is a column of its own; else the cell as one label."""
    words = text.split()
    columns = [best_match(label_key(word), _ALL_COLUMNS) for word in words]
    if len(words) > 1 and all(columns) and len({c.key for c in columns if c}) == len(words):
        return [label_key(word) for word in words]
    return [label_key(text)]


def _active_disclosure_rows(grids: Sequence[Grid], findings: Findings) -> list[_PendingRow]:
    pending: list[_PendingRow] = []
    columns: tuple[d.Label | None, ...] | None = None
    header_unit: str | None = None
    slots: ValueSlots | None = None
    for parts in rows_of(grids):
        labels = parts.label_keys
        if any(d.ACTIVE_DISCLOSURE_BLOCK_HEADING in text for text in labels):
            columns, header_unit, slots = None, None, None
            continue
        if any(d.ACTIVE_DISCLOSURE_HEADER in text for text in labels):
            after = labels[next(i for i, t in enumerate(labels) if d.ACTIVE_DISCLOSURE_HEADER in t) + 1 :]
            header = parts.labels[len(labels) - len(after) :]
            apart = [word for cell in header for word in _column_words(cell.text)]
            split = len(apart) > len(after)
            after = tuple(apart) if split else after
            found: list[d.Label | None] = []
            for text in after:
                column = best_match(text, _ALL_COLUMNS)
                if column is None:
                    findings.add(
                        "LABEL-UNKNOWN",
                        "warning",
                        f"active_disclosure: column {text!r} matches no column of the table",
                        (d.ACTIVE_DISCLOSURE,),
                        parts.row.span,
                        actual=text,
                    )
                if not found or column is None or found[-1] is None or found[-1].key != column.key:
                    found.append(column)  # a merged header repeated in each slot counts once
            columns, header_unit = tuple(found), header_unit_of(after)
            cells = parts.row.cells
            at = next(i for i, cell in enumerate(cells) if d.ACTIVE_DISCLOSURE_HEADER in label_key(cell.text))
            slots = None if split else _header_slots(cells[at + 1 :], len(cells))
            continue
        matches = (best_match(text, _ALL_ROWS) for text in reversed(labels))
        row = next((match for match in matches if match is not None), None)
        if row is None:
            unknown_row(findings, d.ACTIVE_DISCLOSURE, parts)
            continue
        pending.append(_PendingRow(row, parts, columns, header_unit, slots))
    return pending


def detect_edition(pending: Sequence[_PendingRow]) -> Edition | None:
    """The edition table 2's column headers belong to, if they tell."""
    votes = dict.fromkeys(d.EDITIONS, 0)
    for item in pending:
        for column in item.columns or ():
            for edition, labels in EDITION_COLUMNS.items():
                if column in labels:
                    votes[edition] += 1
    best = max(votes, key=lambda edition: votes[edition])
    return best if votes[best] else None


def read_active_disclosure(grids: Sequence[Grid], edition: Edition | None) -> TableReading:
    """Table 2: its blocks' rows, each under the columns of its block's header.

    The edition comes from the headers; ``edition`` (from table 3) is used
    when they do not tell, and gives a row whose header is missing the
    columns the format has for it.
    """
    findings = Findings()
    pending = _active_disclosure_rows(grids, findings)
    edition = detect_edition(pending) or edition
    cells: dict[str, Cell] = {}
    unplaced: list[str] = []
    for item in pending:
        prefix = f"{d.ACTIVE_DISCLOSURE}.{item.row.key}"
        columns = item.columns
        if columns is not None and _out_of_order(item.row, columns):
            names = ", ".join(column.key if column is not None else "?" for column in columns)
            findings.add(
                "HEADER-ORDER",
                "error",
                f"active_disclosure: the header above row {item.row.label!r} names its columns in an "
                f"order the format does not have ({names}); a converter may have moved them, so its "
                "values are not placed",
                (prefix,),
                item.parts.row.span,
            )
            unplaced.append(prefix)
            continue
        if columns is None and edition is not None:
            block = next((b for b in d.ACTIVE_DISCLOSURE_BLOCKS[edition] if item.row in b.rows), None)
            columns = block.columns if block else None
        if columns is None:
            findings.add(
                "HEADER-MISSING",
                "error",
                f"active_disclosure: row {item.row.label!r} has no column header to place its values",
                (prefix,),
                item.parts.row.span,
            )
            continue
        first = [cell for key, cell in cells.items() if key.startswith(prefix + ".")]
        what = f"row {item.row.label!r}"
        if first and not duplicate_row(findings, d.ACTIVE_DISCLOSURE, what, prefix, item.parts, first):
            continue
        slots = item.slots if item.columns is not None else None
        placed = place_row(prefix, item.parts, columns, findings, header_unit=item.header_unit, slots=slots)
        for cell in placed:
            cells[cell.key] = cell
    return TableReading.of(cells, tuple(findings.items), edition, unplaced)


def _out_of_order(row: d.Label, columns: Sequence[d.Label | None]) -> bool:
    """Whether a header as long as the row's block names a column where the
    format has another (plain pdftotext writes a header cell broken over
    lines around its neighbour: 本年新 / 对外公开总数量 / 公开数量, so 对外公开总数量
    comes second). A table laid out as the format has it never does; what
    its values are then cannot be told by their order."""
    fitting = [
        block.columns
        for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values()
        for block in blocks
        if any(other.key == row.key for other in block.rows) and len(block.columns) == len(columns)
    ]
    return bool(fitting) and not any(
        all(column is None or column.key == want.key for column, want in zip(columns, block, strict=True))
        for block in fitting
    )
