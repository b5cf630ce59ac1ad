"""Every way to cut runs of digits into a row's cells.

A crawler's text runs cells together ("713000074"): a run may hold several
numbers; a blank ("-") is one cell. White space is a sure boundary (runs
never span it). Within a run any boundary is possible, but no number has a
leading zero except a lone ``0``, a sign starts a number, and a decimal is
never cut. With sums (T3-ROW, T4-GROUP) the search keeps only cuts whose
groups end with the sum of the others, and prunes as it goes. It is
bounded: past a fixed number of steps the answer is "too many to tell",
never a slow search on hostile input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from gkparse.grids.span import Span
from gkparse.report.interpret.stream import DASHES, RUN, Piece

Number = int | Decimal

#: Steps of the search for one row's cuts: far more than any real row needs.
MAX_STEPS = 5000

_SIGNS = "+-\u2212增加减少"
#: What makes a number negative.
_MINUSES = ("-", "\u2212", "减少")


def number(text: str) -> Number | None:
    """The number a cell's text holds; None for a blank."""
    plain = text.replace("\u2212", "-").replace(",", "").replace("增加", "+").replace("减少", "-")
    if not plain.lstrip("+-")[:1].isdigit():
        return None
    return Decimal(plain) if "." in plain else int(plain)


@attrs.frozen
class Part:
    """One number cut from a run: its text and where it stands."""

    text: str
    span: Span

    @property
    def value(self) -> Number | None:
        """The number, None for a blank."""
        return number(self.text)


class TooManySteps(Exception):
    """The cuts could not be told within :data:`MAX_STEPS` steps."""


def _part(run: Piece, start: int, end: int) -> Part:
    span = run.span
    return Part(
        run.text[start:end],
        Span(
            span.line, span.column + start, span.line, span.column + end, span.start + start, span.start + end
        ),
    )


def spelled(runs: Sequence[Piece], values: Sequence[Number]) -> tuple[Part, ...] | None:
    """The one cut of the runs that writes these counts one after another
    (none spanning two runs), or None where the digits say otherwise.

    A row whose digits allow too many cuts to search is still checked this
    way against the values the other rows' sums give it: a long run spelled
    exactly is no chance.
    """
    parts: list[Part] = []
    index, position = 0, 0
    for value in values:
        while index < len(runs) and position == len(runs[index].text):
            index, position = index + 1, 0
        if index == len(runs) or not isinstance(value, int) or value < 0:
            return None
        run, text = runs[index], str(value)
        if run.kind != RUN or not run.text.startswith(text, position):
            return None
        parts.append(_part(run, position, position + len(text)))
        position += len(text)
    while index < len(runs) and position == len(runs[index].text):
        index, position = index + 1, 0
    return tuple(parts) if index == len(runs) else None


def _whole(run: Piece) -> bool:
    """A piece that is one cell whatever happens: a decimal, thousands-separated,
    a one-character blank. (A run of dashes may be one blank or several.)"""
    if run.kind != RUN:
        return len(run.text) == 1 or run.text.strip(DASHES) != ""
    return "." in run.text or "," in run.text


#: A chosen number while searching: run index, start, end, value (0 for a blank).
_Chosen = tuple[int, int, int, Number]


class _Search:
    """One bounded search for the cuts of ``runs`` into ``count`` numbers.

    With ``sums``, each ``sums`` numbers in turn end with the sum of the
    others (a blank counts 0): the numbers before a total may not pass what
    the digits left could still total, and the total itself must be written
    next, so only one cut of it is tried.
    """

    def __init__(
        self, runs: Sequence[Piece], count: int, sums: int | None, target: int | None = None
    ) -> None:
        self.runs, self.count, self.sums, self.target = runs, count, sums, target
        self.steps = 0
        # most[i]: the most numbers runs[i:] can give.
        self.most = [0] * (len(runs) + 1)
        for index in range(len(runs) - 1, -1, -1):
            run = runs[index]
            digits = len(run.text.lstrip(_SIGNS)) if run.kind == RUN else len(run.text)
            self.most[index] = self.most[index + 1] + (1 if _whole(run) else digits)
        self.chosen: list[_Chosen] = []
        self._can_memo: dict[tuple[int, int, int, int], bool] = {}

    def cuts(self) -> Iterator[tuple[Part, ...]]:
        for found in self._search(0, 0, 0):
            yield tuple(_part(self.runs[index], start, end) for index, start, end, _ in found)

    def _ends(self, index: int, position: int) -> range:
        """Where a number starting at ``position`` of run ``index`` may end."""
        run = self.runs[index]
        if position == 0 and _whole(run):
            return range(len(run.text), len(run.text) + 1)
        if run.kind != RUN:
            return range(position + 1, len(run.text) + 1)  # dashes: any of them may end a blank
        body = len(run.text) - len(run.text.lstrip(_SIGNS)) if position == 0 else position
        if body >= len(run.text):
            return range(0)
        if run.text[body] == "0":
            if any(minus in run.text[position:body] for minus in _MINUSES):
                return range(0)  # nobody writes -0: the dash is a blank glued to the 0 ("-019")
            return range(body + 1, body + 2)  # a lone 0: no number starts with one
        return range(body + 1, len(run.text) + 1)

    def _can(self, index: int, position: int, left: int, remaining: int) -> bool:
        """Whether the runs from here cut into ``left`` whole numbers adding up to ``remaining``."""
        key = (index, position, left, remaining)
        if key in self._can_memo:
            return self._can_memo[key]
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooManySteps
        if index == len(self.runs):
            return left == 0 and remaining == 0
        result = False
        run = self.runs[index]
        for end in self._ends(index, position):
            if left < 1:
                break
            amount = number(run.text[position:end]) or 0
            if not isinstance(amount, int) or amount < 0 or amount > remaining:
                break
            at_end = end == len(run.text)
            following = (index + 1, 0) if at_end else (index, end)
            if self._can(*following, left - 1, remaining - int(amount)):
                result = True
                break
        self._can_memo[key] = result
        return result

    def _search(self, index: int, position: int, group_sum: Number) -> Iterator[list[_Chosen]]:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooManySteps
        if index == len(self.runs):
            if len(self.chosen) == self.count and (self.target is None or group_sum == self.target):
                yield self.chosen
            return
        run = self.runs[index]
        left = self.count - len(self.chosen)
        total_next = self.sums is not None and len(self.chosen) % self.sums == self.sums - 1
        for end in self._ends(index, position):
            at_end = end == len(run.text)
            rest = self.most[index + 1] + (0 if at_end else len(run.text) - end)
            fewest = (len(self.runs) - index - 1) + (0 if at_end else 1)
            if not fewest <= left - 1 <= rest:
                continue
            value = number(run.text[position:end])
            amount: Number = 0 if value is None else value
            next_sum: Number
            if self.target is not None:
                if not isinstance(amount, int) or amount < 0 or group_sum + amount > self.target:
                    break  # longer numbers only grow
                next_sum = group_sum + amount
                following = (index + 1, 0) if at_end else (index, end)
                if not self._can(*following, left - 1, self.target - int(next_sum)):
                    continue
            elif self.sums is not None:
                if not isinstance(amount, int) or amount < 0:
                    break  # counts are whole and never negative
                if total_next:
                    if amount != group_sum:
                        if amount > group_sum:
                            break  # longer numbers only grow
                        continue
                    next_sum = 0
                else:
                    next_sum = group_sum + amount
            else:
                next_sum = group_sum
            self.chosen.append((index, position, end, amount))
            if at_end:
                yield from self._search(index + 1, 0, next_sum)
            else:
                yield from self._search(index, end, next_sum)
            self.chosen.pop()


def _row_sum_cuts(runs: Sequence[Piece], count: int) -> Iterator[tuple[Part, ...]]:
    """The cuts whose last number is the sum of the others, total first: the
    total is cut from the end of the last run, then the rest is searched for
    numbers adding up to it, which stops as soon as a sum passes it. The
    steps of every total's search count together."""
    last = runs[-1]
    steps = 0
    for start in [0] if _whole(last) else range(len(last.text) - 1, -1, -1):
        if start < len(last.text) - 1 and last.text[start] == "0":
            continue  # no number starts with 0
        total = _part(last, start, len(last.text))
        amount = total.value or 0
        if not isinstance(amount, int) or amount < 0:
            continue
        rest = list(runs[:-1])
        if start:
            rest.append(Piece(RUN, last.text[:start], _part(last, 0, start).span))
        search = _Search(rest, count - 1, None, target=amount)
        search.steps = steps
        for parts in search.cuts():
            yield (*parts, total)
        steps = search.steps


def first_cuts(
    runs: Sequence[Piece], count: int, sums: int | None = None, limit: int = 16
) -> list[tuple[Part, ...]] | None:
    """Up to ``limit`` + 1 cuts of ``runs`` into ``count`` numbers (more than
    ``limit`` means: too many to use); with ``sums``, only cuts where each
    ``sums`` numbers in turn end with the sum of the others (T3-ROW: one
    group of seven; T4-GROUP: three of five). None when the search outgrew
    its bound."""
    found: list[tuple[Part, ...]] = []
    try:
        cuts = _row_sum_cuts(runs, count) if sums == count and runs else _Search(runs, count, sums).cuts()
        for parts in cuts:
            found.append(parts)
            if len(found) > limit:
                break
    except TooManySteps:
        return None
    return found
