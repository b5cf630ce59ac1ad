"""Placing numbers by arithmetic: the format's own sums certify how runs of digits are cut.

Where the layout grammar leaves a table's cells unknown, or no layout reads
it at all (a crawler's ``get_text()`` runs the cells together:
``一、本年新收政府信息公开申请数量713000074``), the table's text is read as a
stream (:mod:`gkparse.report.interpret.stream`). The labels say which row is
which, always in the format's order; the runs after a label are its row's
(:mod:`gkparse.report.interpret.stream_rows`).
How the runs are cut into cells, the report's own cross-footing rules decide:

- a table 3 row is placed when exactly one cut makes its six applicant
  columns add up to its total (T3-ROW); a table 4 row when exactly one cut
  makes each group add up (T4-GROUP);
- table 3 rows left with several cuts are settled by the column rules
  (T3-COLUMN, T3-HANDLED): a value is placed when every combination of cuts
  that keeps them gives it;
- a table 2 row, which no rule ties, only where its digits allow one cut.

Identity comes from labels, never from arithmetic: leaf rows can swap
without breaking a sum, so a row whose label is not found is not placed.
What cannot be certified stays unknown, with a finding listing the cuts.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from gkparse.grids.grid import GridCell
from gkparse.report import definitions as d
from gkparse.report.interpret.cuts import Number, Part, first_cuts, spelled
from gkparse.report.interpret.rows import Findings, TableReading, make_cell
from gkparse.report.interpret.stream import RUN, Piece, Stream, read_stream
from gkparse.report.interpret.stream_rows import (
    WORDS,
    RowRuns,
    Zone,
    find_rows,
    find_zones,
    first_group_of,
    review_zone,
)
from gkparse.report.interpret.table2 import EDITION_COLUMNS, header_unit_of
from gkparse.report.labels import label_key
from gkparse.report.model import Cell
from gkparse.rules.catalogue import T3_COLUMN, T3_HANDLED, T3_ROW, T4_GROUP
from gkparse.rules.spec import Equation, Rule, instance_keys, instances
from gkparse.vocabulary import (
    ARITHMETIC,
    MISSING,
    UNIT_NOT_STATED,
    UNKNOWN,
    Edition,
    TableKey,
    Unit,
    fact_key,
    row_prefix,
    split_key,
)

if TYPE_CHECKING:
    from gkparse.report.interpret.order import OrderReading

#: The finding that names the rows the arithmetic placed.
PLACED_BY_ARITHMETIC = "PLACED-BY-ARITHMETIC"
#: The finding that names the rows placed by the order of the table's numbers.
PLACED_IN_ORDER = "PLACED-IN-ORDER"

#: Combinations of table 3 rows' candidate cuts tried against the column rules.
MAX_COMBINATIONS = 1024
#: Candidate cuts a row may have and still take part.
MAX_CANDIDATES = 16
#: A row's one sum-keeping cut is taken on its own only where its digits
#: allow at most this many cuts in all, sum or no sum: then a row whose
#: own sum is broken has few other readings that might keep it by chance.
TIGHT_CUTS = 8


def _tight(row: RowRuns, count: int) -> bool:
    """Whether a row's digits allow at most :data:`TIGHT_CUTS` cuts in all."""
    cuts = row.cuts(count, limit=TIGHT_CUTS)
    return cuts is not None and len(cuts) <= TIGHT_CUTS


def _equation(rule: Rule) -> Equation:
    assert rule.equation is not None
    return rule.equation


# ----------------------------------------------------------------- placing
class _Placer:
    """Collects the cells placed from the stream, and the findings."""

    def __init__(self, table: TableKey) -> None:
        self.table = table
        self.cells: dict[str, Cell] = {}
        self.findings = Findings()
        self.placed_rows: list[str] = []
        self.rows_in_order: list[str] = []

    def place(
        self,
        row: str,
        columns: Sequence[d.Label],
        parts: Sequence[Part | None],
        rules: tuple[str, ...],
        unit: str | None = None,
        *,
        in_order: bool = False,
    ) -> None:
        prefix = f"{self.table}.{row}"
        for column, part in zip(columns, parts, strict=True):
            key = f"{prefix}.{column.key}"
            money = column.key in d.MONEY_COLUMNS
            if part is None:
                no_unit: Unit | None = UNIT_NOT_STATED if money else None
                self.cells.setdefault(key, Cell(key, None, "", UNKNOWN, no_unit))  # never unplaces
                continue
            cell = make_cell(
                key, GridCell(part.text, part.span), self.findings, money=money, header_unit=unit
            )
            self.cells[key] = attrs.evolve(cell, placed_by=ARITHMETIC, certified_by=rules)
        if in_order:
            self.rows_in_order.append(row)
        elif any(part is not None for part in parts):
            self.placed_rows.append(row)

    def drop_findings(self, rows: Sequence[str]) -> None:
        """Forget what was said of these rows: another reading placed them."""
        keys = {f"{self.table}.{row}" for row in rows}
        self.findings.items = [f for f in self.findings.items if not keys.issuperset(f.keys)]

    def forget(self, rows: Sequence[str]) -> None:
        """Forget these rows altogether: they are not of the table's edition."""
        prefixes = {f"{self.table}.{row}" for row in rows}
        self.cells = {key: cell for key, cell in self.cells.items() if row_prefix(key) not in prefixes}
        self.drop_findings(rows)

    def ambiguous(
        self, row: d.Label, cuts: Sequence[tuple[Part, ...]] | None, runs: Sequence[Piece], sums: bool = True
    ) -> None:
        text = " ".join(run.text for run in runs)
        fit = "fit the table's sums" if sums else "are possible"
        if cuts is None:
            detail = "too many ways to cut them to tell"
        elif not cuts:
            detail = "no way to cut them fits the table's sums" if sums else "they cannot be cut one way"
        elif len(cuts) == 1:
            shown = " ".join(part.text for part in cuts[0])
            detail = (
                f"one way to cut them fits the table's sums ({shown}), but their digits can be cut "
                "so many ways that one may fit by chance"
                if sums
                else f"one way to cut them is possible ({shown}), but its signs do not fit the columns"
            )
        else:
            shown = "; ".join(" ".join(part.text for part in cut) for cut in cuts[:4])
            detail = f"{len(cuts)} ways to cut them {fit} ({shown}{' …' if len(cuts) > 4 else ''})"
        self.findings.add(
            "ROW-CUT-AMBIGUOUS",
            "warning",
            f"{self.table}: row {row.label!r} runs its numbers together ({text}); {detail}; left unknown",
            (self.table if row is _REVIEW else f"{self.table}.{row.key}",),
            runs[0].span if runs else None,
            actual=text,
        )

    def reading(self, edition: Edition | None = None, *, uncut: bool = False) -> TableReading | None:
        """What the stream placed; None if it placed no value (its findings
        would only repeat that the table is not read). With ``uncut``, a
        table whose rows were found but could not be cut is read as unknown
        cells with the findings that say why, not as a missing table."""
        if not self.placed_rows and not self.rows_in_order:
            return TableReading.of(self.cells, self.findings.items, edition) if uncut and self.cells else None
        if self.placed_rows:
            _placed(self.findings, self.table, self.placed_rows)
        return TableReading.of(self.cells, self.findings.items, edition)


def _placed(findings: Findings, table: str, rows: Sequence[str]) -> None:
    findings.add(
        PLACED_BY_ARITHMETIC,
        "info",
        f"{table}: {len(rows)} rows read from runs of numbers, "
        f"cut where the format's sums allow one way: {', '.join(rows)}",
        tuple(f"{table}.{row}" for row in rows),
    )


def read_applications(
    stream: Stream, zone: Zone, known: Mapping[str, Number | None] | None = None
) -> tuple[TableReading | None, int | None]:
    """Table 3 from the stream, and the piece after its last row's numbers
    (None if no row was found).

    Each row's cuts that keep T3-ROW are its candidates. Where the column
    rules (T3-COLUMN, T3-HANDLED) can be checked over a row, the values every
    combination of candidates that keeps them agrees on are placed. Where
    they cannot, or no combination keeps them (a table that breaks its own
    sums), a row's one candidate is placed only if its digits allow few cuts
    at all: a long run has many, and one of them may keep a sum by chance.

    With ``known`` (the values the layout placed; None: the table is not
    wanted), rows left unplaced are read by their numbers' order where the
    sums certify it.
    """
    variant: Edition = "2021"
    rows = find_rows(stream, zone, d.APPLICATION_ROWS["2021"], WORDS[d.APPLICATIONS])
    if not any(row.label.key == "other_overdue_correction" for row in rows):
        variant = "2019"
        rows = find_rows(stream, zone, d.APPLICATION_ROWS["2019"], WORDS[d.APPLICATIONS])
    placer = _Placer(d.APPLICATIONS)
    columns = d.APPLICATION_COLUMNS
    candidates: list[tuple[RowRuns, list[tuple[Part, ...]]]] = []
    long_rows: list[tuple[RowRuns, list[tuple[Part, ...]] | None]] = []  # too many cuts to take part
    for row in rows:
        if not row.runs:
            continue
        cuts = row.cuts(len(columns), sums=len(columns))
        if cuts and len(cuts) <= MAX_CANDIDATES:
            candidates.append((row, cuts))
        else:
            long_rows.append((row, cuts))
    row_keys = [label.key for label in d.APPLICATION_ROWS[variant]]
    sides = _column_sides(row_keys)
    survivors, checked = _survivors(candidates, sides)
    spelled_rows: dict[str, list[Part | None]] = {}
    if long_rows and survivors:
        survivors, spelled_rows, checked = _spell_long_rows(candidates, survivors, long_rows, sides)
    for row, cuts in long_rows:
        agreed = spelled_rows.get(row.label.key, [None] * len(columns))
        if any(part is None for part in agreed):
            assert row.runs is not None
            placer.ambiguous(row.label, cuts, row.runs)
        placer.place(row.label.key, columns, agreed, (T3_ROW.id, T3_COLUMN.id, T3_HANDLED.id))
    for index, (row, cuts) in enumerate(candidates):
        rules: tuple[str, ...] = (T3_ROW.id, T3_COLUMN.id, T3_HANDLED.id)
        if row.label.key in checked:
            agreed = agreed_parts([combination[index] for combination in survivors], len(columns))
        elif len(cuts) == 1 and _tight(row, len(columns)):
            agreed, rules = list(cuts[0]), (T3_ROW.id,)
        else:
            agreed = [None] * len(columns)
        if any(part is None for part in agreed):
            assert row.runs is not None
            placer.ambiguous(row.label, cuts, row.runs)
        placer.place(row.label.key, columns, agreed, rules)
    told = {row.label.key for row in rows if row.runs}
    edition: Edition | None = (
        variant if "other_overdue_correction" in told or "other_handling" in told else None
    )
    if known is not None:
        edition = _place_in_order(placer, stream, zone, variant, known) or edition
    return placer.reading(edition), rows[-1].after if rows else None


def _place_in_order(
    placer: _Placer, stream: Stream, zone: Zone, variant: Edition, known: Mapping[str, Number | None]
) -> Edition | None:
    """Table 3's rows that neither the layout nor the labels placed, read
    by the numbers' order (:mod:`gkparse.report.interpret.order`) where that
    order agrees with every value placed already (the layout's, ``known``,
    and the labels'); the order's edition, None if it placed nothing."""
    columns = d.APPLICATION_COLUMNS
    placed = {key: cell.value for key, cell in placer.cells.items() if cell.state != UNKNOWN}
    placed.update(known)
    if all(key in placed for row in d.APPLICATION_ROWS[variant] for key in _row_keys(row.key)):
        return None
    # Imported here: few texts need it, and a fresh process that parses starts sooner without it.
    from gkparse.report.interpret.order import read_in_order

    reading = read_in_order(stream, zone)
    if reading is None:
        return None
    ordered = {
        fact_key(d.APPLICATIONS, row, column.key): part
        for row, parts in reading.rows.items()
        for column, part in zip(columns, parts, strict=True)
    }
    for key, value in placed.items():
        if key not in ordered:
            return None  # a row of the other edition
        part = ordered[key]
        if part is not None and part.value != value:
            return None
    placer.forget([row for row in {split_key(key)[1] for key in placer.cells} if row not in reading.rows])
    rows = [
        row
        for row in reading.rows
        if any(key not in placed and ordered[key] is not None for key in _row_keys(row))
    ]
    for row in rows:
        placer.place(row, columns, reading.rows[row], (T3_ROW.id, T3_COLUMN.id), in_order=True)
    told = [row for row in rows if all(key in placed or ordered[key] is not None for key in _row_keys(row))]
    placer.drop_findings(told)
    untold = [key for key, part in ordered.items() if part is None and key not in placed]
    _placed_in_order(placer.findings, reading, rows, untold)
    return reading.edition


def _row_keys(row: str) -> list[str]:
    return [fact_key(d.APPLICATIONS, row, column.key) for column in d.APPLICATION_COLUMNS]


def _placed_in_order(
    findings: Findings, reading: OrderReading, rows: Sequence[str], untold: Sequence[str]
) -> None:
    moved = ", ".join(f"{part.text!r} on line {part.span.line}" for part in reading.moved)
    how = f"; out of order, and read where the sums put them: {moved}" if moved else ""
    left = f"; the sums cannot tell where some belong, left unknown: {', '.join(untold)}" if untold else ""
    findings.add(
        PLACED_IN_ORDER,
        "warning",
        f"{d.APPLICATIONS}: {len(rows)} rows read by the order of the table's numbers, not by their "
        f"labels: the table holds exactly its {len(reading.rows) * len(d.APPLICATION_COLUMNS)} numbers, "
        f"and in the format's order every row and column adds up (T3-ROW, T3-COLUMN){how}{left}; "
        f"rows: {', '.join(rows)}",
        tuple(f"{d.APPLICATIONS}.{row}" for row in rows),
        reading.moved[0].span if reading.moved else None,
    )


def _values(
    table: TableKey, row: str, columns: Sequence[d.Label], parts: Sequence[Part]
) -> dict[str, Number]:
    return {
        fact_key(table, row, column.key): value
        for column, part in zip(columns, parts, strict=True)
        if (value := part.value) is not None
    }


#: The instances of some rules: each its left and right cells, with their signs.
Sides = list[tuple[list[tuple[str, int]], ...]]


def _column_sides(row_keys: Sequence[str]) -> Sides:
    """Every instance of the column rules (T3-COLUMN, T3-HANDLED) over these rows."""
    equations = (_equation(T3_COLUMN), _equation(T3_HANDLED))
    return [
        instance_keys(equation, key, row_keys)
        for equation in equations
        for key, _ in instances(equation, row_keys)
    ]


def _survivors(
    candidates: Sequence[tuple[RowRuns, list[tuple[Part, ...]]]], sides: Sides
) -> tuple[list[tuple[tuple[Part, ...], ...]], set[str]]:
    """The combinations of the rows' candidates that keep the column rules
    (``sides``: their instances), and the rows every column of which those
    rules check."""
    total = 1
    for _, cuts in candidates:
        total *= len(cuts)
    if not candidates or total > MAX_COMBINATIONS:
        return [], set()
    survivors = []
    for combination in itertools.product(*(cuts for _, cuts in candidates)):
        values = _combined(candidates, combination)
        if all(_side_holds(left, right, values) for left, right in sides):
            survivors.append(combination)
    if not survivors:
        return [], set()
    return survivors, _checked(candidates, sides, _combined(candidates, survivors[0]))


def _checked(
    candidates: Sequence[tuple[RowRuns, list[tuple[Part, ...]]]], sides: Sides, values: Mapping[str, Number]
) -> set[str]:
    """The rows every column of which an instance checks, all its cells known."""
    seen = {
        cell
        for left, right in sides
        if all(cell in values for cell, _ in (*left, *right))
        for cell, _ in (*left, *right)
    }
    return {
        row.label.key
        for row, _ in candidates
        if all(
            fact_key(d.APPLICATIONS, row.label.key, column.key) in seen for column in d.APPLICATION_COLUMNS
        )
    }


def _spell_long_rows(
    candidates: Sequence[tuple[RowRuns, list[tuple[Part, ...]]]],
    survivors: Sequence[tuple[tuple[Part, ...], ...]],
    long_rows: Sequence[tuple[RowRuns, list[tuple[Part, ...]] | None]],
    sides: Sides,
) -> tuple[list[tuple[tuple[Part, ...], ...]], dict[str, list[Part | None]], set[str]]:
    """Rows whose digits allow too many cuts (a total's long run), checked
    against what the column rules give them from the other rows: the
    combinations whose values those digits spell exactly, each such row's
    cells they agree on, and the rows the rules then check.

    A combination that gives a long row values its digits do not spell is
    not the table's; where none is left, nothing is placed by the rules.
    """
    givers = _givers(sides)
    kept: list[tuple[tuple[Part, ...], ...]] = []
    spelled_by: list[dict[str, tuple[Part, ...]]] = []
    for combination in survivors:
        values = _combined(candidates, combination)
        found: dict[str, tuple[Part, ...]] = {}
        fits = True
        progress = True
        while progress and fits:
            progress = False
            for row, _ in long_rows:
                key = row.label.key
                wanted = None if key in found else _given(givers, values, key)
                if wanted is None:
                    continue
                assert row.runs is not None
                parts = spelled(row.runs, wanted)
                if parts is None:
                    fits = False
                    break
                found[key] = parts
                values.update(_values(d.APPLICATIONS, key, d.APPLICATION_COLUMNS, parts))
                progress = True
        if fits and all(_side_holds(left, right, values) for left, right in sides):
            kept.append(combination)
            spelled_by.append(found)
    if not kept:
        return [], {}, set()
    agreed = {
        row.label.key: agreed_parts(
            [found[row.label.key] for found in spelled_by if row.label.key in found]
            if all(row.label.key in found for found in spelled_by)
            else [],
            len(d.APPLICATION_COLUMNS),
        )
        for row, _ in long_rows
    }
    values = _combined(candidates, kept[0])
    for key, parts in spelled_by[0].items():
        values.update(_values(d.APPLICATIONS, key, d.APPLICATION_COLUMNS, parts))
    return kept, agreed, _checked(candidates, sides, values)


#: For each cell, the instances it stands in: its sign and the other cells',
#: the terms of each summing to nought.
Givers = dict[str, list[tuple[int, list[tuple[str, int]]]]]


def _givers(sides: Sides) -> Givers:
    givers: Givers = {}
    for left, right in sides:
        terms = [*left, *((key, -sign) for key, sign in right)]
        for key, sign in terms:
            others = [(other, other_sign) for other, other_sign in terms if other != key]
            if len(others) == len(terms) - 1:  # the cell stands in the instance once
                givers.setdefault(key, []).append((sign, others))
    return givers


def _given(givers: Givers, values: Mapping[str, Number], row: str) -> list[Number] | None:
    """A row's values as the column rules give them from the other cells
    (None unless every column has an instance with all its other cells known)."""
    out: list[Number] = []
    for column in d.APPLICATION_COLUMNS:
        for sign, others in givers.get(fact_key(d.APPLICATIONS, row, column.key), ()):
            if all(key in values for key, _ in others):
                out.append(-sign * sum(other_sign * values[key] for key, other_sign in others))
                break
        else:
            return None
    return out


def _combined(
    candidates: Sequence[tuple[RowRuns, list[tuple[Part, ...]]]], combination: Sequence[tuple[Part, ...]]
) -> dict[str, Number]:
    """The values of one combination of the rows' cuts, by fact key."""
    values: dict[str, Number] = {}
    for (row, _), parts in zip(candidates, combination, strict=True):
        values.update(_values(d.APPLICATIONS, row.label.key, d.APPLICATION_COLUMNS, parts))
    return values


def _side_holds(
    left: Sequence[tuple[str, int]], right: Sequence[tuple[str, int]], values: Mapping[str, Number]
) -> bool:
    """An instance holds, or cannot be checked (a cell has no value)."""
    if any(cell not in values for cell, _ in (*left, *right)):
        return True
    return sum(sign * values[cell] for cell, sign in left) == sum(sign * values[cell] for cell, sign in right)


def agreed_parts(cuts: Sequence[tuple[Part, ...]], count: int) -> list[Part | None]:
    """Each cell every cut gives alike (the same number, or a blank); None
    where they differ (or there is no cut)."""
    if not cuts:
        return [None] * count
    return [
        cuts[0][index] if len({_same(cut[index]) for cut in cuts}) == 1 else None for index in range(count)
    ]


def _same(part: Part) -> tuple[bool, Number | None]:
    value = part.value
    return value is None, value


def read_review(stream: Stream, zone: Zone) -> TableReading | None:
    """Table 4 from the stream: its fifteen numbers, the first runs after its
    title, where one cut makes each group add up (T4-GROUP) and the digits
    allow few cuts at all (no column rule can confirm it)."""
    columns = d.REVIEW_COLUMNS
    count = len(d.REVIEW_GROUPS) * len(columns)
    group = first_group_of(stream, zone, count)
    if not group:
        return None
    runs = [stream.pieces[index] for index in group]
    if stream.delimited(group[0], group[-1]):
        return None  # the layout's to read
    cuts = first_cuts(runs, count, sums=len(columns))
    every = first_cuts(runs, count, limit=TIGHT_CUTS)
    placer = _Placer(d.REVIEW_LITIGATION)
    tight = every is not None and len(every) <= TIGHT_CUTS
    agreed = agreed_parts(cuts or [], count) if tight and cuts and len(cuts) == 1 else [None] * count
    if any(part is None for part in agreed):
        placer.ambiguous(_REVIEW, cuts, runs)
    for index, review_group in enumerate(d.REVIEW_GROUPS):
        parts = agreed[index * len(columns) : (index + 1) * len(columns)]
        placer.place(review_group.key, columns, parts, (T4_GROUP.id,))
    return placer.reading(uncut=True)


_REVIEW = d.Label(d.REVIEW_LITIGATION, d.TABLE_TITLES[d.REVIEW_LITIGATION], ())


def read_active_disclosure(stream: Stream, zone: Zone, edition: Edition | None) -> TableReading | None:
    """Table 2 from the stream: no rule ties its rows, so a row is placed only
    where its digits can be cut one way (as many digits as columns, or one column)."""
    edition = _edition_of(stream, zone) or edition
    if edition is None:
        return None
    blocks = d.ACTIVE_DISCLOSURE_BLOCKS[edition]
    placer = _Placer(d.ACTIVE_DISCLOSURE)
    labels = [label for block in blocks for label in block.rows]
    for row in find_rows(stream, zone, labels, WORDS[d.ACTIVE_DISCLOSURE]):
        if not row.runs:
            continue
        columns = next(block.columns for block in blocks if row.label in block.rows)
        one_way = _one_way(row, len(columns))
        cuts = row.cuts(len(columns)) if one_way else []
        fitting = [cut for cut in cuts or () if _signs_fit(cut, columns)]
        agreed = (
            agreed_parts(fitting, len(columns)) if cuts is not None and len(cuts) <= MAX_CANDIDATES else []
        )
        if agreed and all(part is not None for part in agreed):
            unit = row.unit or _header_unit(stream, zone, columns)
            placer.place(row.label.key, columns, agreed, (), unit)
        else:
            placer.ambiguous(row.label, cuts, row.runs, sums=False)
            placer.place(row.label.key, columns, [None] * len(columns), ())
    return placer.reading(edition, uncut=True)


def _signs_fit(parts: Sequence[Part], columns: Sequence[d.Label]) -> bool:
    """Only a signed column (本年增/减) holds a negative number: elsewhere a
    minus is a blank's dash run into the number after it ("2--1")."""
    return all(
        column.key in d.SIGNED_COLUMNS or not isinstance(value := part.value, int | Decimal) or value >= 0
        for part, column in zip(parts, columns, strict=True)
    )


def _one_way(row: RowRuns, columns: int) -> bool:
    """Whether a table 2 row's runs can only be its cells, with no sum to
    check them: on its label's line, and either one number a column, or one
    run glued to its label (cells run together, "规章007"), or digits that
    cannot be fewer numbers than columns ("规章 000": no number starts with
    0); never a number set apart by white space that could stand alone among
    blank cells ("规章 12" may be one cell of 12 or two of 1 and 2)."""
    assert row.runs
    if row.runs[0].span.line != row.label_span.end_line:
        return False
    glued = len(row.runs) == 1 and row.runs[0].span.start == row.label_span.end
    return len(row.runs) == columns or glued or _fills_every_column(row.runs, columns)


def _fills_every_column(runs: Sequence[Piece], columns: int) -> bool:
    """Whether no cut of the runs into fewer numbers than columns exists, so
    that no column can be a blank the converter dropped."""
    return all(first_cuts(runs, count, limit=0) == [] for count in range(1, columns))


def _found_in(stream: Stream, zone: Zone, phrase: str) -> int | None:
    at = stream.find_text(label_key(phrase), zone.start)
    return at if at is not None and at < zone.end else None


def _edition_of(stream: Stream, zone: Zone) -> Edition | None:
    """The edition whose own column headers stand in the zone, if only one's do."""
    votes = {
        edition: sum(
            1
            for column in columns
            if any(_found_in(stream, zone, phrase) is not None for phrase in column.phrases)
        )
        for edition, columns in EDITION_COLUMNS.items()
    }
    ranked = sorted(votes.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[-1]:
        return None
    return max(votes, key=lambda edition: votes[edition])


def _header_unit(stream: Stream, zone: Zone, columns: Sequence[d.Label]) -> str | None:
    """The unit the header of a money column states ("本年收费金额（单位：万元）")."""
    for column in columns:
        if column.key not in d.MONEY_COLUMNS:
            continue
        for phrase in column.phrases:
            at = _found_in(stream, zone, phrase)
            if at is not None:
                words = itertools.takewhile(lambda piece: piece.kind != RUN, stream.pieces[at : at + 8])
                return header_unit_of([piece.text for piece in words])
    return None


# ----------------------------------------------------------------- the whole text
#: Words one of which a text with a table holds (a title, or table 3's first
#: rows): without any, the text is not read as a stream.
_ANCHORS = ("主动公开政府信息", "收到和处理政府信息公开申请", "行政诉讼", "本年新收", "上年结转")


#: The most characters of a text read as a stream: ten times the longest
#: report in the fixtures and the corpus. Why: the stream holds a piece for
#: every word and number, and a text of a hundred reports run together must
#: not cost a hundred reports' pieces at once.
MAX_STREAM_CHARS = 300_000


def _window(prepared: str, anchor: int) -> tuple[int, int]:
    """The lines the stream reads: the whole text, or, in a longer one,
    :data:`MAX_STREAM_CHARS` characters from the line of the first word that
    names a table."""
    if len(prepared) <= MAX_STREAM_CHARS:
        return 0, len(prepared)
    start = prepared.rfind("\n", 0, anchor) + 1
    end = prepared.find("\n", min(start + MAX_STREAM_CHARS, len(prepared) - 1)) + 1
    return start, end


def read_tables(
    prepared: str,
    wanted: Sequence[TableKey],
    edition: Edition | None,
    layout: Mapping[TableKey, TableReading] | None = None,
) -> dict[TableKey, TableReading]:
    """The readings from the stream of each table in ``wanted`` that it gives
    (none from a text that names no table: it is not read as a stream).
    Table 3 is always read: its edition and where it ends place the others.
    ``layout`` holds what the layouts read: a wanted table 3's rows read by
    order must agree with it."""
    anchors = [at for at in (prepared.find(anchor) for anchor in _ANCHORS) if at >= 0]
    if not anchors:
        return {}
    stream = Stream(prepared, read_stream(prepared, *_window(prepared, min(anchors))))
    active_zone, applications_zone = find_zones(stream)
    known = _known(layout.get(d.APPLICATIONS) if layout else None) if d.APPLICATIONS in wanted else None
    applications, after = read_applications(stream, applications_zone, known)
    edition = edition or (applications.edition if applications else None)
    readings: dict[TableKey, TableReading | None] = {d.APPLICATIONS: applications}
    if d.ACTIVE_DISCLOSURE in wanted and active_zone is not None:
        readings[d.ACTIVE_DISCLOSURE] = read_active_disclosure(stream, active_zone, edition)
    review = review_zone(stream, after) if d.REVIEW_LITIGATION in wanted else None
    if review is not None:
        readings[d.REVIEW_LITIGATION] = read_review(stream, review)
    return {key: reading for key, reading in readings.items() if reading is not None and key in wanted}


def _known(reading: TableReading | None) -> dict[str, Number | None]:
    """What a reading placed: each cell not left unknown or missing, by key."""
    if reading is None:
        return {}
    return {cell.key: cell.value for cell in reading.cells if cell.state not in (UNKNOWN, MISSING)}


def fill(layout: TableReading | None, arithmetic: TableReading) -> TableReading:
    """The layout's reading, its unknown and missing cells filled from the
    arithmetic's; where both have a value and they differ, the layout's is
    kept and a finding shows both. An arithmetic that placed nothing adds
    nothing: its findings only say why a table the layout holds is not cut."""
    if layout is None:
        return arithmetic
    if all(cell.state == UNKNOWN for cell in arithmetic.cells):
        return layout
    findings = Findings()
    cells = layout.by_key()
    # the rows whose cells the order of the numbers placed have a finding of their own
    in_order = {key for f in arithmetic.findings if f.code == PLACED_IN_ORDER for key in f.keys}
    taken: dict[str, None] = {}  # the rows the arithmetic cut and placed a cell of, in order
    for cell in arithmetic.cells:
        mine = cells.get(cell.key)
        if mine is None or (mine.state == UNKNOWN and cell.state != UNKNOWN):
            cells[cell.key] = cell
            if cell.state != UNKNOWN and row_prefix(cell.key) not in in_order:
                taken[split_key(cell.key)[1]] = None
        elif cell.value is not None and mine.value is not None and mine.value != cell.value:
            findings.add(
                "PLACEMENT-DISAGREES",
                "warning",
                f"{cell.key}: the layout reads {mine.raw.strip()!r}, the table's sums {cell.raw!r}; "
                "the layout's value is kept",
                (cell.key,),
                mine.span,
                expected=cell.value,
                actual=mine.value,
            )
    placed = {row_prefix(cell.key) for cell in arithmetic.cells if cell.state != UNKNOWN}
    unplaced = [row for row in layout.unplaced if row not in placed]
    read = {row_prefix(cell.key) for cell in layout.cells if cell.state != UNKNOWN}
    own = [
        f
        for f in arithmetic.findings
        if f.code != PLACED_BY_ARITHMETIC and (f.code != "ROW-CUT-AMBIGUOUS" or not read.issuperset(f.keys))
    ]
    if taken:  # the rows the layout had read are not the arithmetic's
        _placed(findings, split_key(arithmetic.cells[0].key)[0], list(taken))
    return TableReading.of(
        cells, (*layout.findings, *own, *findings.items), layout.edition or arithmetic.edition, unplaced
    )
