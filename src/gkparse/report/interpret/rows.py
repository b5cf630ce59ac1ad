"""Rows of grids read against the table definitions: cut, matched, placed.

Labels place numbers, never position alone: a row is recognised by the
phrases of its label cells, and its values are the cells after the last
label. When a row holds more or fewer values than its columns, a value is
kept only if every way of placing the row gives it; otherwise the cell is
UNKNOWN and a finding says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts import get as layout
from gkparse.grids.span import Span
from gkparse.grids.values import EMPTY, NUMBER, PLACEHOLDER, TEXT, CellValue, read_value
from gkparse.report import definitions as d
from gkparse.report.labels import label_key
from gkparse.report.model import Cell, Finding
from gkparse.vocabulary import (
    BLANK,
    INVALID,
    MISSING,
    UNIT_NOT_STATED,
    UNKNOWN,
    VALUE,
    WAN_YUAN,
    Edition,
    Severity,
    Unit,
    column_of,
    row_prefix,
    split_key,
)

_LABEL_KINDS = frozenset({TEXT})


@attrs.frozen
class RowParts:
    """A grid row cut into its label cells and its value cells."""

    row: GridRow
    labels: tuple[GridCell, ...]
    values: tuple[GridCell, ...]
    area: tuple[GridCell, ...] = ()
    pads: bool = False
    # rebuilt from one cell a line, nothing marking where a row starts:
    # values beyond the row's count may be other rows', never shifted into it
    rebuilt: bool = False

    @property
    def label_keys(self) -> tuple[str, ...]:
        return tuple(label_key(cell.text) for cell in self.labels)

    @property
    def label_text(self) -> str:
        return " / ".join(" ".join(cell.text.split()) for cell in self.labels)

    @property
    def has_values(self) -> bool:
        return bool(self.values)


def split_row(row: GridRow, pads_rows: bool, *, rebuilt: bool = False) -> RowParts:
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
    area = row.cells[last_label + 1 :]
    values = list(area)
    if pads_rows:
        while values and read_value(values[-1].text).kind == EMPTY:
            values.pop()
        while values and read_value(values[0].text).kind == EMPTY:
            values.pop(0)
    return RowParts(row, labels, tuple(values), area, pads_rows, rebuilt)


def rows_of(grids: Iterable[Grid]) -> Iterator[RowParts]:
    """Every row of the grids, split, each as its own layout pads it."""
    for grid in grids:
        chosen = layout(grid.layout)
        for row in grid.rows:
            yield split_row(row, chosen.pads_rows, rebuilt=not chosen.habits.rows_marked)


def best_match(text: str, labels: Iterable[d.Label]) -> d.Label | None:
    """The label whose longest phrase occurs in a normalised label text."""
    best: d.Label | None = None
    best_length = 0
    for label in labels:
        for phrase in label.phrases:
            if len(phrase) > best_length and phrase in text:
                best, best_length = label, len(phrase)
    return best


def place(values: Sequence[GridCell], count: int, *, shifting: bool = True) -> list[GridCell | None]:
    """The cell for each of ``count`` columns, None where it cannot be told.

    With extra values, column j could take any of values j … j + extra; it
    is kept only if they all read the same (not without ``shifting``: where
    nothing marks a row, the extras may be other rows' and one of the row's
    own may stand elsewhere). With too few, any column could be the one
    whose value was lost, so none is kept.
    """
    if len(values) == count:
        return list(values)
    if len(values) < count or not shifting:
        return [None] * count
    extra = len(values) - count
    placed: list[GridCell | None] = []
    for column in range(count):
        candidates = values[column : column + extra + 1]
        first = read_value(candidates[0].text)
        same = all(read_value(cell.text) == first for cell in candidates[1:])
        placed.append(candidates[0] if same else None)
    return placed


@attrs.frozen
class ValueSlots:
    """What a header row shows of how this converter wrote the value columns.

    ``spans`` gives each column's first and last slot, counted from the first
    value slot: a merged header cell (an empty slot, or its label repeated)
    covers several. ``anchored`` says the last column reaches the header
    row's last slot, so value columns end where a row ends and a row's
    trailing empty slots are blanks, not padding.
    """

    spans: tuple[tuple[int, int], ...]
    anchored: bool
    row_width: int = 0

    @property
    def width(self) -> int:
        return self.spans[-1][1] + 1 if self.spans else 0

    @classmethod
    def single(cls, columns: int, anchored: bool, row_width: int = 0) -> ValueSlots:
        """One slot per column."""
        return cls(tuple((index, index) for index in range(columns)), anchored, row_width)


#: The last column label of tables 3 and 4, whose place in a header row tells
#: whether the value columns end where a row ends.
_LAST_COLUMN = "总计"


def header_slots(parts: RowParts, columns: int) -> ValueSlots | None:
    """For tables whose columns are one slot each (3 and 4): slots from a
    header row that names the last column, anchored if it stands last."""
    keys = [label_key(cell.text) for cell in parts.row.cells]
    if _LAST_COLUMN not in keys:
        return None
    return ValueSlots.single(columns, keys[-1] == _LAST_COLUMN, len(keys))


#: The most digits a cell's number may have: a count of 10**40 is no report's
#: number, and longer ones would not pass through int/str conversions.
MAX_DIGITS = 40


def all_blank(parts: RowParts, columns: int) -> bool:
    """A row whose slots after its label are all empty, at least one a column:
    nothing was entered in any column, so every cell is blank."""
    return len(parts.area) >= columns > 0 and all(_empty(cell) for cell in parts.area)


def _empty(cell: GridCell) -> bool:
    return read_value(cell.text).kind == EMPTY


def by_header(parts: RowParts, slots: ValueSlots) -> list[GridCell | None] | None:
    """A padded row's values placed by its header's slots, or None when the
    row's slots do not fit the header (the caller then places by count).

    The slots after the row's last label are its value slots: with an
    anchored header, the row's last ``width`` slots (empty slots before them
    continue the label, where the row is as wide as its header or its last
    slot holds something); otherwise empty slots at either edge may be
    padding and are dropped, as when placing by count. Under
    a merged header the non-empty slots must agree (None where they do not),
    and a column whose slots are all empty is blank.
    """
    area = list(parts.area)
    cells = parts.row.cells
    label_area = cells[: len(cells) - slots.width]
    numbers_in_labels = any(read_value(cell.text).kind == NUMBER for cell in label_area)
    as_wide = len(cells) == slots.row_width and len(area) >= slots.width
    if slots.anchored and as_wide and not numbers_in_labels:
        # the row is as wide as its header: each value slot is where the header's is
        area = list(cells[len(cells) - slots.width :])
    elif not slots.anchored:  # empty slots at either edge may be padding or a merged label
        area = list(parts.values)
    extra = len(area) - slots.width
    # Empty slots before the values continue a merged label, but only where the
    # row's last slot holds something: with empty slots at both ends, the row
    # could be shifted either way.
    if extra > 0 and all(_empty(cell) for cell in area[:extra]) and not _empty(area[-1]):
        area = area[extra:]
    if len(area) != slots.width or not area:
        return None
    placed: list[GridCell | None] = []
    for start, end in slots.spans:
        group = area[start : end + 1]
        filled = [cell for cell in group if not _empty(cell)]
        if not filled:
            placed.append(group[0])
        elif all(read_value(cell.text) == read_value(filled[0].text) for cell in filled[1:]):
            placed.append(filled[0])
        else:
            placed.append(None)
    return placed


class Findings:
    """Collects findings while a table is read."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        # One object for each distinct message and key tuple: a text of many
        # reports, or a table read again, repeats the same findings.
        self._messages: dict[str, str] = {}
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}

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
        keys = tuple(keys)
        self.items.append(
            Finding(
                code,
                severity,
                self._messages.setdefault(message, message),
                self._keys.setdefault(keys, keys),
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
    no_unit: Unit | None = UNIT_NOT_STATED if money else None
    if source is None:
        return Cell(key, None, "", UNKNOWN, no_unit, row_span)
    raw, span = source.text, source.span
    value = read_value(raw)
    if value.kind in (EMPTY, PLACEHOLDER):
        return Cell(key, None, raw, BLANK, no_unit, span)
    if value.kind == NUMBER and value.amount is not None and len(value.amount.as_tuple().digits) > MAX_DIGITS:
        findings.add(
            "CELL-NOT-NUMBER",
            "error",
            f"{key}: cell holds a number of {len(value.amount.as_tuple().digits)} digits; "
            f"gkparse reads numbers of at most {MAX_DIGITS} digits (no report counts that far)",
            (key,),
            span,
        )
        return Cell(key, None, raw, INVALID, no_unit, span)
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
        Cell(key, None, "", MISSING, UNIT_NOT_STATED if column_of(key) in money else None) for key in keys
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


def duplicate_row(
    findings: Findings, table: str, what: str, prefix: str, parts: RowParts, first: Sequence[Cell]
) -> bool:
    """A row read a second time: the first one is kept, unless it read no
    cell at all (a label on a line of its own, its values unknown): whether
    this one replaces it."""
    replaces = all(cell.state == UNKNOWN for cell in first) and parts.has_values
    kept = "this one, since the first read no value, is kept" if replaces else "the first one is kept"
    findings.add(
        "ROW-DUPLICATE", "warning", f"{table}: {what} appears again; {kept}", (prefix,), parts.row.span
    )
    return replaces


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
    slots: ValueSlots | None = None,
) -> list[Cell]:
    """The cells of one data row, placed in its columns; None columns are dropped.

    In a padded layout a header's ``slots`` place the values slot by slot;
    where the row does not fit them, or there is no header, values are placed
    by their count.
    """
    placed = by_header(parts, slots) if slots is not None and parts.pads and slots.spans else None
    if placed is None and all_blank(parts, len(columns)):
        placed = list(parts.area[: len(columns)])
    if placed is not None and len(placed) == len(columns):
        conflicts = [
            column.key for column, cell in zip(columns, placed, strict=True) if cell is None and column
        ]
        if conflicts:
            findings.add(
                "CELL-CONFLICT",
                "error",
                f"{prefix}: row {parts.label_text!r} has different values in the slots of a merged "
                f"column ({', '.join(conflicts)}); left unknown",
                tuple(f"{prefix}.{key}" for key in conflicts),
                parts.row.span,
            )
    else:
        placed = place(parts.values, len(columns), shifting=not parts.rebuilt)
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


@attrs.frozen
class TableReading:
    """What reading one table gave: its cells by key, findings, and for
    tables whose rows vary by edition, the edition its rows follow."""

    cells: tuple[Cell, ...]
    findings: tuple[Finding, ...]
    edition: Edition | None = None
    unplaced: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        cells: Mapping[str, Cell],
        findings: Sequence[Finding],
        edition: Edition | None = None,
        unplaced: Sequence[str] = (),
    ) -> TableReading:
        """A reading from cells collected by key; ``unplaced`` names the rows
        (``table.row``) that are in the text but could not be told apart."""
        return cls(tuple(cells.values()), tuple(findings), edition, tuple(unplaced))

    def by_key(self) -> dict[str, Cell]:
        """The cells read, by fact key."""
        return {cell.key: cell for cell in self.cells}


def finish_table(
    table: str,
    reading: TableReading,
    keys: Sequence[str],
    *,
    row_labels: Mapping[str, str],
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
    read = reading.by_key()
    for cell in reading.cells:
        read_rows.setdefault(row_prefix(cell.key), cell)
    absent: dict[str, list[str]] = {}
    for key in keys:
        if key not in read:
            absent.setdefault(row_prefix(key), []).append(key)
    cells = dict(read)
    for prefix, row_keys in absent.items():
        label = row_labels.get(split_key(prefix)[1], prefix)
        if prefix in read_rows:
            columns = ", ".join(column_of(key) for key in row_keys)
            findings.add(
                "COLUMN-MISSING",
                "error",
                f"{table}: row {label!r} has no column {columns} in its header; left unknown",
                row_keys,
                read_rows[prefix].span,
            )
            unit: Unit | None = UNIT_NOT_STATED if any(column_of(key) in money for key in row_keys) else None
            cells.update(
                {key: Cell(key, None, "", UNKNOWN, unit, read_rows[prefix].span) for key in row_keys}
            )
        elif prefix in reading.unplaced:  # its ROW-UNPLACED finding says why
            cells.update({key: Cell(key, None, "", UNKNOWN) for key in row_keys})
        else:
            findings.add("ROW-MISSING", "error", f"{table}: row {label!r} is not in the table", (prefix,))
            cells.update({cell.key: cell for cell in missing_cells(row_keys, money)})
    expected_rows = {row_prefix(key) for key in keys}
    for prefix, first in read_rows.items():
        if prefix not in expected_rows:
            label = row_labels.get(split_key(prefix)[1], prefix)
            findings.add(
                "ROW-UNEXPECTED",
                "warning",
                f"{table}: row {label!r} does not belong to this edition's table; "
                "its values are kept only in the raw grid",
                (prefix,),
                first.span,
            )
    return tuple(cells[key] for key in keys), reading.findings + tuple(findings.items)
