"""Placing table 3's numbers by their order, where its labels have lost their place.

Plain pdftotext writes a table's cells in the order the PDF draws them: one
cell a line, row by row, but a tall row's labels are drawn where the row's
middle is, lines away from its numbers ("21" / "三、本年" / "（一）予以公开"
/ … / "8"), and a label wrapped over several lines may end up after the
next row's numbers. Which label a number follows then says nothing; the
numbers' own order still does.

So where every row label of the edition stands in the table's stretch and
the stretch holds exactly as many whole numbers as the table has cells, the
table's k-th number is its k-th cell, row by row, provided the report's
own sums say so: every row adds up (T3-ROW) and every column (T3-COLUMN).
T3-HANDLED is not asked for, since reports break it themselves; where
several orders hold, those that keep it are preferred.

A converter may also draw a tall row's value out of its place, among the
label's lines, or read two short rows' cells column by column. Where some
row sums fail, one or two such numbers standing together are moved within
each stretch of failing rows, or two rows there are taken apart. Every order that
holds is then tried with one more number moved nearby, since a number out
of place may keep every sum; a cell the orders give differently stays
unknown. The numbers standing right after a label on its line, and every
value placed otherwise, must agree with the order.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

import attrs

from gkparse.report import definitions as d
from gkparse.report.interpret.cuts import Part
from gkparse.report.interpret.stream import CELLS, RUN, WORD, Found, Piece, Stream, unique_starts
from gkparse.report.interpret.stream_rows import Zone, review_title_after
from gkparse.rules.catalogue import T3_COLUMN, T3_HANDLED, T3_ROW
from gkparse.rules.spec import instance_keys, instances
from gkparse.vocabulary import EDITIONS, Edition, fact_key

_T = TypeVar("_T")

#: The rules the order must keep, in every instance.
ORDER_RULES = (T3_ROW, T3_COLUMN)

#: How many rows the failing sums may stretch over for a moved number to be
#: looked for (every move within them is tried: a few hundred at most).
MAX_MOVE_ROWS = 4

#: How many such stretches may be searched, and how many combinations of
#: their moves tried against every sum.
MAX_WINDOWS = 3
MAX_COMBINATIONS = 256
#: How many numbers standing together one move may take.
MAX_MOVED = 2
#: How many orders that hold are each tried with one more move.
MAX_ORDERS = 8

#: What follows a label's ordinal digit, glued to it: "1" | ".属于国家秘密".
_ORDINAL_ENDS = ".．、"


@attrs.frozen
class OrderReading:
    """Table 3's cells read by their order: each row's parts in the format's
    column order (None where the orders that hold differ), and the numbers
    that stood out of their place."""

    edition: Edition
    rows: Mapping[str, tuple[Part | None, ...]]
    moved: tuple[Part, ...]


def read_in_order(stream: Stream, zone: Zone) -> OrderReading | None:
    """Table 3 read by its numbers' order, in the edition whose cells they
    number, or None where that order is not certain: a row label missing, a
    number too many or too few, a blank or a sign among them, sums that no
    move of a number out of place makes hold, or a label that disagrees."""
    end = review_title_after(stream, zone.start)
    numbers = None if end is None else _numbers(stream, zone.start, end)
    if end is None or numbers is None:
        return None
    width = len(d.APPLICATION_COLUMNS)
    for edition in EDITIONS:
        labels = d.APPLICATION_ROWS[edition]
        if len(numbers[0]) != len(labels) * width:
            continue
        found = _labels_in(stream, labels, stream.start_of(zone.start), end)
        settled = None if found is None else _checks(edition).settle(*numbers)
        if found is None or settled is None or not _labels_agree(stream, found, settled, width):
            return None
        rows = {
            label.key: settled.parts[index * width : (index + 1) * width]
            for index, label in enumerate(labels)
        }
        return OrderReading(edition, rows, settled.moved)
    return None


def _labels_in(stream: Stream, labels: Sequence[d.Label], floor: int, end: int) -> list[Found] | None:
    """Where each row label first stands between ``floor`` (in the
    searchable text) and piece ``end``, in whatever order; None if one does not."""
    shorts = unique_starts(tuple(labels), shortest=1)
    found = []
    for label in labels:
        place = stream.find_label(label, floor, shorts.get(label.key, ""))
        if place is None or place.first >= end:
            return None
        found.append(place)
    return found


def _labels_agree(stream: Stream, found: Sequence[Found], order: _Order, width: int) -> bool:
    """Whether the numbers standing right after each label on its line,
    where some do, are the order's numbers from within that label's row: a
    label that keeps its numbers says which row they are, and the order
    must agree. (On the lines after it, a label drawn early may be followed
    by other rows' numbers.)"""
    pieces = stream.pieces
    for row, place in enumerate(found):
        after = []
        line = pieces[place.last].span.end_line
        for index in range(place.last + 1, min(place.last + 1 + width, len(pieces))):
            piece = pieces[index]
            if (
                piece.kind != RUN
                or piece.span.line != line
                or _word_like(pieces, index)
                or not piece.text.isdigit()
            ):
                break
            after.append(int(piece.text))
        if after and not any(
            all(
                at + i < len(order.values) and (order.parts[at + i] is None or order.values[at + i] == value)
                for i, value in enumerate(after)
            )
            for at in range(row * width, (row + 1) * width)
        ):
            return False
    return True


def _numbers(stream: Stream, start: int, end: int) -> tuple[list[Part], list[bool]] | None:
    """The whole numbers among pieces ``start`` to ``end``, without the
    ordinals of labels, and whether each stands next to a word (a label's
    piece): only such a number may be out of order. None if a blank, a
    sign or a decimal stands there (a cell whose sum the order cannot check)."""
    pieces = stream.pieces
    wordy = [_word_like(pieces, index) for index in range(start, end)]
    parts: list[Part] = []
    movable: list[bool] = []
    for index in range(start, end):
        piece = pieces[index]
        if piece.kind not in CELLS or wordy[index - start]:
            continue
        if piece.kind != RUN or not piece.text.isdigit():
            return None
        parts.append(Part(piece.text, piece.span))
        movable.append(
            (index > start and wordy[index - start - 1]) or (index + 1 < end and wordy[index + 1 - start])
        )
    return parts, movable


def _word_like(pieces: Sequence[Piece], index: int) -> bool:
    """Whether a piece is a word, or a run that is a label's ordinal (a
    word opening with its dot is glued to it: "1" | ".属于国家秘密")."""
    piece = pieces[index]
    if piece.kind == WORD:
        return True
    following = pieces[index + 1] if index + 1 < len(pieces) else None
    return (
        piece.kind == RUN
        and following is not None
        and following.kind == WORD
        and following.span.start == piece.span.end
        and following.text[:1] in _ORDINAL_ENDS
    )


@functools.cache
def _checks(edition: Edition) -> _Checks:
    """The rules' instances over one edition's table 3, built once."""
    return _Checks([label.key for label in d.APPLICATION_ROWS[edition]])


class _Checks:
    """The instances of the order's rules over the table's cells, by position."""

    def __init__(self, row_keys: Sequence[str]) -> None:
        self.width = len(d.APPLICATION_COLUMNS)
        position = {
            fact_key(d.APPLICATIONS, row, column.key): row_index * self.width + column_index
            for row_index, row in enumerate(row_keys)
            for column_index, column in enumerate(d.APPLICATION_COLUMNS)
        }
        self.rows: list[list[tuple[int, int]]] = []  # T3-ROW's instances, one a row
        self.instances: list[list[tuple[int, int]]] = []
        self.handled: list[list[tuple[int, int]]] = []  # T3-HANDLED's, which only prefer
        for rule in (*ORDER_RULES, T3_HANDLED):
            equation = rule.equation
            assert equation is not None
            for key, _ in instances(equation, row_keys):
                left, right = instance_keys(equation, key, row_keys)
                terms = [(position[cell], sign) for cell, sign in left]
                terms += [(position[cell], -sign) for cell, sign in right]
                (self.handled if rule is T3_HANDLED else self.instances).append(terms)
                if rule is T3_ROW:
                    self.rows.append(terms)
        self.at = _by_cell(self.instances, len(position))
        self.handled_at = _by_cell(self.handled, len(position))

    def settle(self, parts: Sequence[Part], movable: Sequence[bool]) -> _Order | None:
        """The cells in the orders that make every sum hold: as the parts
        stand, or with one or two neighbouring numbers next to a word moved
        within each stretch of rows whose sums fail; and then each such order
        with one more number moved anywhere nearby, in case a number out of
        place kept every sum (a row's numbers can swap columns and still add
        up). Where several orders hold, those that also keep T3-HANDLED are
        preferred; a cell they give differently is None. None if no order
        holds or too many were to be tried."""
        values = tuple(int(part.text) for part in parts)
        found = self._repaired(parts, movable, values)
        if not found:
            return None
        found = self._preferred(found)
        if len(found) > MAX_ORDERS:
            return None  # too many orders hold to try each with one more move
        # Folded one at a time: a report can have hundreds of orders that hold.
        keeping, holding = _Agreement(), _Agreement()  # those that keep T3-HANDLED, and all
        for order in found:
            holding.add(order)
            if self._keeps_handled(order.values):
                keeping.add(order)
        for order in found:
            handled = [_total(terms, order.values) for terms in self.handled]
            for alternative in self._alternatives(order):
                holding.add(alternative)
                gained = _gains(self.handled_at, order.values, alternative.start, alternative.changed)
                if not any(total + gained.get(index, 0) for index, total in enumerate(handled)):
                    keeping.add(alternative)
        return (keeping if keeping.first is not None else holding).agreed()

    def _repaired(
        self, parts: Sequence[Part], movable: Sequence[bool], values: tuple[int, ...]
    ) -> list[_Order]:
        """The orders that make every sum hold, the parts as they stand if
        they do, else with a move in each stretch of failing rows."""
        if not any(_fails(terms, values) for terms in self.instances):
            return [_Order(tuple(parts), values, ())]
        windows = self._windows([row for row, terms in enumerate(self.rows) if _fails(terms, values)])
        choices = [self._moves(window, windows, values, movable) for window in windows]
        if not windows or math.prod(len(moves) for moves in choices) > MAX_COMBINATIONS:
            return []
        found = []
        for combination in itertools.product(*choices):
            order = list(parts)
            for move in combination:
                order = move.applied(order)
            order_values = tuple(int(part.text) for part in order)
            if not any(_fails(terms, order_values) for terms in self.instances):
                found.append(
                    _Order(
                        tuple(order), order_values, tuple(parts[at] for m in combination for at in m.taken)
                    )
                )
        return found

    def _preferred(self, found: list[_Order]) -> list[_Order]:
        """The orders that also keep T3-HANDLED, if any do."""
        return [order for order in found if self._keeps_handled(order.values)] or found

    def _keeps_handled(self, values: Sequence[int]) -> bool:
        return not any(_fails(terms, values) for terms in self.handled)

    def _alternatives(self, order: _Order) -> Iterator[_Alternative]:
        """The orders, other than ``order`` (whose sums all hold), that one
        more move of one or two numbers within a row's width makes, and that
        keep every sum. Only the stretch a move changes is built and checked:
        most moves take a 0 past other 0s and change nothing."""
        values = order.values
        for size in range(1, MAX_MOVED + 1):
            for source in range(len(values) - size + 1):
                block = values[source : source + size]
                low, high = max(source - self.width, 0), min(source + self.width, len(values) - size)
                for target in range(low, high + 1):
                    if target > source:
                        start, changed = source, values[source + size : target + size] + block
                    else:
                        start, changed = target, block + values[target:source]
                    if changed == values[start : start + len(changed)]:
                        continue
                    if any(_gains(self.at, values, start, changed).values()):
                        continue  # the sums, which all hold for ``order``, would not
                    yield _Alternative(order, start, changed, _Move(source, size, target))

    def _windows(self, failing_rows: Sequence[int]) -> list[range]:
        """The stretches of cells a moved number is looked for in: the failing
        rows, near ones together, and a row either side; none if they are too
        many or too long to search."""
        if not failing_rows:
            return []  # only a column fails: no one number out of place explains it
        stretches: list[list[int]] = []
        for row in failing_rows:
            if stretches and row - stretches[-1][1] <= 2:
                stretches[-1][1] = row
            else:
                stretches.append([row, row])
        last = len(self.rows) - 1
        windows = [
            range(max(first - 1, 0) * self.width, (min(end + 1, last) + 1) * self.width)
            for first, end in stretches
        ]
        if len(windows) > MAX_WINDOWS or any(len(w) > (MAX_MOVE_ROWS + 2) * self.width for w in windows):
            return []
        return windows

    def _moves(
        self, window: range, windows: Sequence[range], values: Sequence[int], movable: Sequence[bool]
    ) -> list[_Move | _Interleaved]:
        """The moves of one number next to a word, or two standing together,
        within ``window``, and the two rows in it whose numbers stand
        interleaved, that make every sum touching it alone hold: one for
        each distinct outcome."""
        others = [w for w in windows if w is not window]
        local = [
            terms
            for terms in self.instances
            if any(at in window for at, _ in terms) and not any(at in w for w in others for at, _ in terms)
        ]
        candidates: list[_Move | _Interleaved] = [
            _Interleaved(start, self.width)
            for start in range(window.start, window.stop - self.width, self.width)
        ]
        for size in range(1, MAX_MOVED + 1):
            for source in range(window.start, window.stop - size + 1):
                if all(movable[at] for at in range(source, source + size)):
                    candidates += (
                        _Move(source, size, target)
                        for target in range(window.start, window.stop - size + 1)
                        if target != source
                    )
        seen: dict[tuple[int, ...], _Move | _Interleaved] = {}
        for move in candidates:
            moved = tuple(move.applied(values))
            if not any(_fails(terms, moved) for terms in local):
                seen.setdefault(tuple(moved[window.start : window.stop]), move)
        return list(seen.values())


@attrs.frozen
class _Order:
    """One order of the table's numbers: the parts (None where orders that
    hold differ), their values, and the numbers moved to make it."""

    parts: tuple[Part | None, ...]
    values: tuple[int, ...]
    moved: tuple[Part, ...]


@attrs.frozen
class _Alternative:
    """An order that one more move makes of ``base``: its cells from
    ``start`` on hold ``changed``, the others are the base's."""

    base: _Order
    start: int
    changed: tuple[int, ...]
    move: _Move

    @property
    def moved(self) -> tuple[Part, ...]:
        taken = (part for at in self.move.taken if (part := self.base.parts[at]) is not None)
        return (*self.base.moved, *taken)

    def order(self) -> _Order:
        parts, values = self.base.parts, self.base.values
        return _Order(tuple(self.move.applied(parts)), tuple(self.move.applied(values)), self.moved)


@attrs.define
class _Agreement:
    """Orders that hold, folded one at a time: the first, the cells where
    another gives a different number, and every number moved."""

    first: _Order | None = None
    differ: set[int] = attrs.Factory(set)
    moved: dict[Part, None] = attrs.Factory(dict)

    def add(self, found: _Order | _Alternative) -> None:
        """Fold one more order in; an alternative to the first order can
        differ from it only in the cells its move changed."""
        if isinstance(found, _Alternative) and found.base is self.first:
            first = self.first.values
            changed = enumerate(found.changed, found.start)
            self.differ.update(at for at, value in changed if value != first[at])
        else:
            order = found.order() if isinstance(found, _Alternative) else found
            if self.first is None:
                self.first = order
            else:
                pairs = enumerate(zip(order.values, self.first.values, strict=True))
                self.differ.update(at for at, (value, first) in pairs if value != first)
        self.moved.update(dict.fromkeys(found.moved))

    def agreed(self) -> _Order:
        """The first order, None where the orders differ."""
        assert self.first is not None
        cells = tuple(None if at in self.differ else part for at, part in enumerate(self.first.parts))
        return _Order(cells, self.first.values, tuple(self.moved))


@attrs.frozen
class _Move:
    """``size`` numbers taken from ``source`` and put back at ``target``
    (where the first of them stands afterwards)."""

    source: int
    size: int
    target: int

    @property
    def taken(self) -> range:
        return range(self.source, self.source + self.size)

    def applied(self, items: Sequence[_T]) -> list[_T]:
        rest = [*items[: self.source], *items[self.source + self.size :]]
        block = items[self.source : self.source + self.size]
        return [*rest[: self.target], *block, *rest[self.target :]]


@attrs.frozen
class _Interleaved:
    """Two rows from ``start`` whose numbers stand interleaved, column by
    column (a0 b0 a1 b1 …): plain pdftotext reads two short rows' cells of
    a column as one block."""

    start: int
    width: int

    @property
    def taken(self) -> range:
        return range(self.start + 1, self.start + 2 * self.width - 1)

    def applied(self, items: Sequence[_T]) -> list[_T]:
        both = items[self.start : self.start + 2 * self.width]
        return [*items[: self.start], *both[0::2], *both[1::2], *items[self.start + 2 * self.width :]]


def _fails(terms: Sequence[tuple[int, int]], values: Sequence[int]) -> bool:
    return _total(terms, values) != 0


def _total(terms: Sequence[tuple[int, int]], values: Sequence[int]) -> int:
    return sum(sign * values[at] for at, sign in terms)


def _by_cell(instances: Sequence[Sequence[tuple[int, int]]], cells: int) -> list[list[tuple[int, int]]]:
    """The instances each cell stands in, and its sign there."""
    found: list[list[tuple[int, int]]] = [[] for _ in range(cells)]
    for index, terms in enumerate(instances):
        for at, sign in terms:
            found[at].append((index, sign))
    return found


def _gains(
    by_cell: Sequence[Sequence[tuple[int, int]]], values: Sequence[int], start: int, changed: Sequence[int]
) -> dict[int, int]:
    """What each instance's sum gains when the cells from ``start`` on hold
    ``changed`` instead of ``values``' (instances that gain nothing may be left out)."""
    gained: dict[int, int] = {}
    for at, value in enumerate(changed, start):
        if delta := value - values[at]:
            for index, sign in by_cell[at]:
                gained[index] = gained.get(index, 0) + sign * delta
    return gained
