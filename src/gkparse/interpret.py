"""Reading grids against the table definitions: keyed cells and findings.

Labels place numbers, never position alone: a row is recognised by the
phrases of its label cells, and its values are the cells after the last
label. When a row holds more or fewer values than its columns, a value is
kept only if every way of placing the row gives it; otherwise the cell is
UNKNOWN and a finding says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from gkparse import definitions as d
from gkparse.grid import Grid, GridCell, GridRow, Span
from gkparse.layouts import layout
from gkparse.model import (
    BLANK,
    INVALID,
    MISSING,
    UNIT_NOT_STATED,
    UNKNOWN,
    VALUE,
    WAN_YUAN,
    Cell,
    Finding,
    Severity,
)
from gkparse.normalise import label_key
from gkparse.values import EMPTY, NUMBER, PLACEHOLDER, TEXT, CellValue, read_value

_LABEL_KINDS = frozenset({TEXT})


@attrs.frozen
class RowParts:
    """A grid row cut into its label cells and its value cells."""

    row: GridRow
    labels: tuple[GridCell, ...]
    values: tuple[GridCell, ...]

    @property
    def label_keys(self) -> tuple[str, ...]:
        return tuple(label_key(cell.text) for cell in self.labels)

    @property
    def label_text(self) -> str:
        return " / ".join(" ".join(cell.text.split()) for cell in self.labels)

    @property
    def has_values(self) -> bool:
        return bool(self.values)


def split_row(row: GridRow, pads_rows: bool) -> RowParts:
    """Label cells are the text cells of the row's leading run of text and
    empty cells; the value cells are everything after the last of them.

    Where the layout pads rows, empty cells at either end of the values are
    padding, not blanks: they are dropped.
    """
    kinds = [read_value(cell.text).kind for cell in row.cells]
    last_label = -1
    for index, kind in enumerate(kinds):
        if kind in _LABEL_KINDS:
            last_label = index
        elif kind != EMPTY:
            break
    labels = tuple(c for c, k in zip(row.cells[: last_label + 1], kinds, strict=False) if k != EMPTY)
    values = list(row.cells[last_label + 1 :])
    if pads_rows:
        while values and read_value(values[-1].text).kind == EMPTY:
            values.pop()
        while values and read_value(values[0].text).kind == EMPTY:
            values.pop(0)
    return RowParts(row, labels, tuple(values))


def rows_of(grids: Iterable[Grid]) -> Iterator[RowParts]:
    """Every row of the grids, split, each as its own layout pads it."""
    for grid in grids:
        pads = layout(grid.layout).pads_rows
        for row in grid.rows:
            yield split_row(row, pads)


def best_match(text: str, labels: Iterable[d.Label]) -> d.Label | None:
    """The label whose longest phrase occurs in a normalised label text."""
    best: d.Label | None = None
    best_length = 0
    for label in labels:
        for phrase in label.phrases:
            if len(phrase) > best_length and phrase in text:
                best, best_length = label, len(phrase)
    return best


def place(values: Sequence[GridCell], count: int) -> list[GridCell | None]:
    """The cell for each of ``count`` columns, None where it cannot be told.

    With extra values, column j could take any of values j … j + extra; it
    is kept only if they all read the same. With too few, any column could
    be the one whose value was lost, so none is kept.
    """
    if len(values) == count:
        return list(values)
    if len(values) < count:
        return [None] * count
    extra = len(values) - count
    placed: list[GridCell | None] = []
    for column in range(count):
        candidates = values[column : column + extra + 1]
        first = read_value(candidates[0].text)
        same = all(read_value(cell.text) == first for cell in candidates[1:])
        placed.append(candidates[0] if same else None)
    return placed


class Findings:
    """Collects findings while a table is read."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        keys: Sequence[str] = (),
        span: Span | None = None,
        *,
        expected: object = None,
        actual: object = None,
    ) -> None:
        self.items.append(
            Finding(
                code,
                severity,
                message,
                tuple(keys),
                None if expected is None else str(expected),
                None if actual is None else str(actual),
                span,
            )
        )


def _money(key: str, value: CellValue, raw: str, header_unit: str | None, span: Span) -> Cell | None:
    unit = value.unit or header_unit
    assert value.amount is not None
    if unit == "元":
        return Cell(key, value.amount.scaleb(-4), raw, VALUE, WAN_YUAN, span)
    if unit == WAN_YUAN:
        return Cell(key, value.amount, raw, VALUE, WAN_YUAN, span)
    if unit is None:
        return Cell(key, value.amount, raw, VALUE, UNIT_NOT_STATED, span)
    return None


def make_cell(
    key: str,
    source: GridCell | None,
    findings: Findings,
    *,
    money: bool = False,
    header_unit: str | None = None,
    row_span: Span | None = None,
) -> Cell:
    """The cell under ``key`` from a grid cell (None: it could not be placed,
    and the cell points at its row, ``row_span``)."""
    no_unit = UNIT_NOT_STATED if money else None
    if source is None:
        return Cell(key, None, "", UNKNOWN, no_unit, row_span)
    raw, span = source.text, source.span
    value = read_value(raw)
    if value.kind in (EMPTY, PLACEHOLDER):
        return Cell(key, None, raw, BLANK, no_unit, span)
    if value.kind == NUMBER and value.amount is not None:
        if money:
            cell = _money(key, value, raw, header_unit, span)
            if cell is not None:
                return cell
        elif value.unit not in (WAN_YUAN, "元") and value.amount == value.amount.to_integral_value():
            return Cell(key, int(value.amount), raw, VALUE, None, span)
    what = "an amount of money" if money else "a whole number"
    findings.add(
        "CELL-NOT-NUMBER",
        "error",
        f"{key}: cell {raw.strip()!r} is not {what}",
        (key,),
        span,
        actual=raw.strip(),
    )
    return Cell(key, None, raw, INVALID, no_unit, span)


def missing_cells(keys: Iterable[str], money: frozenset[str] = frozenset()) -> list[Cell]:
    """Cells for keys whose row or table is not in the text."""
    return [
        Cell(key, None, "", MISSING, UNIT_NOT_STATED if key.rsplit(".", 1)[-1] in money else None)
        for key in keys
    ]


def unknown_row(findings: Findings, table: str, parts: RowParts) -> None:
    """A row with numbers whose label matches no row of the table: say so."""
    if any(read_value(cell.text).kind == NUMBER for cell in parts.values):
        findings.add(
            "LABEL-UNKNOWN",
            "warning",
            f"{table}: row {parts.label_text!r} matches no row of the table; "
            "its values are kept only in the raw grid",
            (table,),
            parts.row.span,
            actual=parts.label_text,
        )


def duplicate_row(findings: Findings, table: str, what: str, prefix: str, parts: RowParts) -> None:
    """A row read a second time: the first one is kept."""
    findings.add(
        "ROW-DUPLICATE",
        "warning",
        f"{table}: {what} appears again; the first one is kept",
        (prefix,),
        parts.row.span,
    )


def _count_finding(
    findings: Findings, prefix: str, parts: RowParts, placed: Sequence[GridCell | None], count: int
) -> None:
    found = len(parts.values)
    if found == count:
        return
    lost = sum(1 for cell in placed if cell is None)
    where = f"row {parts.label_text!r}" if parts.labels else "data row"
    if lost:
        detail = f"{lost} of {count} columns cannot be told and are left unknown"
        severity: Severity = "error"
    else:
        detail = "every placement gives the same values, so they are kept"
        severity = "info"
    findings.add(
        "ROW-VALUE-COUNT",
        severity,
        f"{prefix}: {where} has {found} values for {count} columns; {detail}",
        (prefix,),
        parts.row.span,
        expected=count,
        actual=found,
    )


def place_row(
    prefix: str,
    parts: RowParts,
    columns: Sequence[d.Label | None],
    findings: Findings,
    *,
    header_unit: str | None = None,
) -> list[Cell]:
    """The cells of one data row, placed in its columns; None columns are dropped."""
    placed = place(parts.values, len(columns))
    _count_finding(findings, prefix, parts, placed, len(columns))
    return [
        make_cell(
            f"{prefix}.{column.key}",
            source,
            findings,
            money=column.key in d.MONEY_COLUMNS,
            header_unit=header_unit,
            row_span=parts.row.span,
        )
        for column, source in zip(columns, placed, strict=True)
        if column is not None
    ]


# ------------------------------------------------------------------ table 3
@attrs.frozen
class TableReading:
    """What reading one table gave: its cells by key, findings, and for
    tables whose rows vary by edition, the edition its rows follow."""

    cells: dict[str, Cell]
    findings: tuple[Finding, ...]
    edition: str | None = None


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
    for parts in rows_of(grids):
        labels = parts.label_keys
        if any(word in text for text in labels for word in d.APPLICATION_HEADERS):
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
        rows[leaf.key] = place_row(prefix, parts, d.APPLICATION_COLUMNS, findings)
    other_rows = {label.key for label in d.APPLICATION_OTHER_2021}
    edition = "2021" if other_rows & rows.keys() else "2019" if d.OTHER_HANDLING.key in rows else None
    cells = {cell.key: cell for row in rows.values() for cell in row}
    return TableReading(cells, tuple(findings.items), edition)


def finish_table(
    table: str,
    reading: TableReading,
    keys: Sequence[str],
    *,
    row_labels: dict[str, str],
    money: frozenset[str] = frozenset(),
) -> tuple[tuple[Cell, ...], tuple[Finding, ...]]:
    """Every key of the table in order: the cells read, and for the others
    MISSING (the row is not in the table) or UNKNOWN (the row is, but no
    column of its header is this one).

    Adds a finding for each row not found, each column a row lacks, and each
    row read that the edition's table does not have.
    """
    findings = Findings()
    read_rows: dict[str, Cell] = {}
    for cell in reading.cells.values():
        read_rows.setdefault(cell.key.rsplit(".", 1)[0], cell)
    absent: dict[str, list[str]] = {}
    for key in keys:
        if key not in reading.cells:
            absent.setdefault(key.rsplit(".", 1)[0], []).append(key)
    cells = dict(reading.cells)
    for prefix, row_keys in absent.items():
        label = row_labels.get(prefix.split(".", 1)[1], prefix)
        if prefix in read_rows:
            columns = ", ".join(key.rsplit(".", 1)[1] for key in row_keys)
            findings.add(
                "COLUMN-MISSING",
                "error",
                f"{table}: row {label!r} has no column {columns} in its header; left unknown",
                row_keys,
                read_rows[prefix].span,
            )
            unit = UNIT_NOT_STATED if any(key.rsplit(".", 1)[1] in money for key in row_keys) else None
            cells.update(
                {key: Cell(key, None, "", UNKNOWN, unit, read_rows[prefix].span) for key in row_keys}
            )
        else:
            findings.add("ROW-MISSING", "error", f"{table}: row {label!r} is not in the table", (prefix,))
            cells.update({cell.key: cell for cell in missing_cells(row_keys, money)})
    expected_rows = {key.rsplit(".", 1)[0] for key in keys}
    for prefix, first in read_rows.items():
        if prefix not in expected_rows:
            label = row_labels.get(prefix.split(".", 1)[1], prefix)
            findings.add(
                "ROW-UNEXPECTED",
                "warning",
                f"{table}: row {label!r} does not belong to this edition's table; "
                "its values are kept only in the raw grid",
                (prefix,),
                first.span,
            )
    return tuple(cells[key] for key in keys), reading.findings + tuple(findings.items)


# ------------------------------------------------------------------ table 4
def read_review(grids: Sequence[Grid]) -> TableReading:
    """Table 4: its one data row of fifteen values."""
    findings = Findings()
    columns = [
        attrs.evolve(column, key=f"{group.key}.{column.key}")
        for group in d.REVIEW_GROUPS
        for column in d.REVIEW_COLUMNS
    ]
    cells: dict[str, Cell] = {}
    for parts in rows_of(grids):
        if not any(read_value(c.text).kind in (NUMBER, PLACEHOLDER) for c in parts.values):
            continue  # header rows
        if cells:
            duplicate_row(findings, d.REVIEW_LITIGATION, "a data row", d.REVIEW_LITIGATION, parts)
            continue
        for cell in place_row(d.REVIEW_LITIGATION, parts, columns, findings):
            cells[cell.key] = cell
    return TableReading(cells, tuple(findings.items))


# ------------------------------------------------------------------ table 2
_ALL_BLOCKS = tuple(block for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values() for block in blocks)
_ALL_ROWS = tuple({row.key + row.label: row for b in _ALL_BLOCKS for row in b.rows}.values())
_ALL_COLUMNS = tuple({c.key + c.label: c for b in _ALL_BLOCKS for c in b.columns}.values())


def _edition_columns(edition: str) -> set[d.Label]:
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


def _active_disclosure_rows(grids: Sequence[Grid], findings: Findings) -> list[_PendingRow]:
    pending: list[_PendingRow] = []
    columns: tuple[d.Label | None, ...] | None = None
    header_unit: str | None = None
    for parts in rows_of(grids):
        labels = parts.label_keys
        if any(d.ACTIVE_DISCLOSURE_BLOCK_HEADING in text for text in labels):
            columns, header_unit = None, None
            continue
        if any(d.ACTIVE_DISCLOSURE_HEADER in text for text in labels):
            after = labels[next(i for i, t in enumerate(labels) if d.ACTIVE_DISCLOSURE_HEADER in t) + 1 :]
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
            continue
        matches = (best_match(text, _ALL_ROWS) for text in reversed(labels))
        row = next((match for match in matches if match is not None), None)
        if row is None:
            unknown_row(findings, d.ACTIVE_DISCLOSURE, parts)
            continue
        pending.append(_PendingRow(row, parts, columns, header_unit))
    return pending


def detect_edition(pending: Sequence[_PendingRow]) -> str | None:
    """The edition table 2's column headers belong to, if they tell."""
    votes = dict.fromkeys(d.EDITIONS, 0)
    for item in pending:
        for column in item.columns or ():
            for edition, labels in EDITION_COLUMNS.items():
                if column in labels:
                    votes[edition] += 1
    best = max(votes, key=lambda edition: votes[edition])
    return best if votes[best] else None


def read_active_disclosure(grids: Sequence[Grid], edition: str | None) -> TableReading:
    """Table 2: its blocks' rows, each under the columns of its block's header.

    The edition comes from the headers; ``edition`` (from table 3) is used
    when they do not tell, and gives a row whose header is missing the
    columns the format has for it.
    """
    findings = Findings()
    pending = _active_disclosure_rows(grids, findings)
    edition = detect_edition(pending) or edition
    cells: dict[str, Cell] = {}
    for item in pending:
        prefix = f"{d.ACTIVE_DISCLOSURE}.{item.row.key}"
        columns = item.columns
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
        if any(key.startswith(prefix + ".") for key in cells):
            duplicate_row(findings, d.ACTIVE_DISCLOSURE, f"row {item.row.label!r}", prefix, item.parts)
            continue
        for cell in place_row(prefix, item.parts, columns, findings, header_unit=item.header_unit):
            cells[cell.key] = cell
    return TableReading(cells, tuple(findings.items), edition)
