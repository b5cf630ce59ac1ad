"""What a rule is, and how a declarative equation is checked.

A :class:`Rule` is an id, a one-line description, a severity, the editions
it applies to and a check. Built-in equation rules also carry their
:class:`Equation`: the equation as data ("for each column c: new[c] +
carried_over[c] = handled_total[c] + carried_forward[c]"), from which the
check, the docs page and the strategies' rule-breakers all follow. A check
yields findings only for what does not hold (FAILED) and for what cannot be
checked because an input cell has no value (NOT_ASSESSABLE, severity info):
silence means every check was made and held.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Literal, Protocol

import attrs

from gkparse.report import definitions as d
from gkparse.report.model import Cell, Finding, Report, Table
from gkparse.vocabulary import (
    FAILED,
    MISSING,
    NOT_ASSESSABLE,
    REPORT,
    Edition,
    RuleScope,
    Severity,
    TableKey,
    fact_key,
    split_key,
)

Relation = Literal["==", "<=", ">="]

#: In an equation's term, the row or column the equation runs over.
EACH = "*"
#: In a table 3 term, every result row (granted … the last 其他处理 row).
RESULT_ROWS = "*results"

_OUTSIDE_RESULTS = ("new", "carried_over", "handled_total", "carried_forward")


@attrs.frozen
class Term:
    """One cell of an equation: its row and column key (``EACH`` for the one the
    equation runs over), its sign, and for pair rules whether it comes from
    the later year's report."""

    row: str
    column: str
    sign: int = 1
    later: bool = False


@attrs.frozen
class Equation:
    """``sum(left) <relation> sum(right)`` in one table, for each of its rows or columns.

    ``over`` says which the equation runs over; ``each`` lists them (None:
    every one the table has, in its order); ``where`` names an instance in
    messages (``{table}``, ``{key}``, ``{label}``). ``solve`` indexes the
    term (left terms first, then right) that a generator derives to make the
    equation hold, and a breaker changes to make it fail.
    """

    table: TableKey
    over: Literal["row", "column"]
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: Relation = "=="
    each: tuple[str, ...] | None = None
    where: str = "{table} {over} {key}"
    solve: int = -1


class ReportCheck(Protocol):
    """A report rule's check: the rule and one report, its findings."""

    def __call__(self, rule: Rule, report: Report, /) -> Iterable[Finding]: ...


class PairCheck(Protocol):
    """A pair rule's check: the rule and the reports of years N and N + 1."""

    def __call__(self, rule: Rule, earlier: Report, later: Report, /) -> Iterable[Finding]: ...


def describe(equation: Equation) -> str:
    """The equation as text: ``each column c: new[c] + carried_over[c] = …``."""
    var = "c" if equation.over == "column" else "r"

    def term(item: Term, index: int) -> str:
        row = var if item.row == EACH else "results" if item.row == RESULT_ROWS else item.row
        column = var if item.column == EACH else item.column
        name = f"{row}.{column}" + ("(N+1)" if item.later else "")
        sign = ("- " if item.sign < 0 else "+ ") if index else ("-" if item.sign < 0 else "")
        return f"{sign}{name}"

    def side(terms: tuple[Term, ...]) -> str:
        return " ".join(term(item, index) for index, item in enumerate(terms)) or "0"

    relation = "=" if equation.relation == "==" else equation.relation
    each = ", ".join(equation.each) if equation.each else f"every {equation.over}"
    return f"{equation.table}, each {var} in {each}: {side(equation.left)} {relation} {side(equation.right)}"


@attrs.frozen
class Rule:
    """One rule. ``check`` is called with the rule itself and a report (scope
    "report"), or the rule and the reports of years N and N + 1 (scope
    "pair"), and yields its findings; it runs only on reports of the rule's
    ``editions``. Build your own with the same shape and pass it to
    :func:`gkparse.validate` through ``rules=``."""

    id: str
    description: str
    severity: Severity
    editions: tuple[Edition, ...]
    check: ReportCheck | PairCheck = attrs.field(eq=False, repr=False)
    scope: RuleScope = REPORT
    equation: Equation | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Named:
    """A cell in a checked equation, with the name the message gives it."""

    name: str
    cell: Cell
    sign: int = 1


def _side(terms: Sequence[Named]) -> str:
    if not terms:
        return "0"
    text = ""
    for index, term in enumerate(terms):
        sign = (" - " if term.sign < 0 else " + ") if index else ("-" if term.sign < 0 else "")
        text += f"{sign}{term.name} {term.cell.value}"
    if len(terms) > 1:
        text += f" = {_total(terms)}"
    return text


def _total(terms: Sequence[Named]) -> Decimal | int:
    total: Decimal | int = 0
    for term in terms:
        assert term.cell.value is not None
        total += term.sign * term.cell.value
    return total


def _not_assessable(rule: Rule, where: str, terms: Sequence[Named], years: Sequence[int]) -> Finding | None:
    blank = [
        (term, year)
        for term, year in zip(terms, years or [0] * len(terms), strict=True)
        if term.cell.value is None
    ]
    if not blank:
        return None
    names = ", ".join(f"{term.name} ({term.cell.state})" for term, _ in blank)
    return Finding(
        rule.id,
        "info",
        f"{where}: not assessable, no value in {names}",
        tuple(term.cell.key for term, _ in blank),
        span=next((term.cell.span for term, _ in blank if term.cell.span), None),
        outcome=NOT_ASSESSABLE,
        years=tuple(year for _, year in blank) if years else (),
    )


def compare(
    rule: Rule,
    where: str,
    expected: Sequence[Named],
    actual: Sequence[Named],
    *,
    relation: Relation = "==",
    years: Sequence[int] = (),
) -> Finding | None:
    """Check ``sum(expected) <relation> sum(actual)``; a finding if it fails or cannot be told.

    ``years`` (pair rules) gives the year of each term, expected terms first.
    """
    terms = (*expected, *actual)  # a term with an empty key is a figure from the prose
    blank = _not_assessable(rule, where, terms, years)
    if blank is not None:
        return blank
    left, right = _total(expected), _total(actual)
    holds = {"==": left == right, "<=": left <= right, ">=": left >= right}[relation]
    if holds:
        return None
    verb = {"==": "but", "<=": "which is more than", ">=": "which is less than"}[relation]
    return Finding(
        rule.id,
        rule.severity,
        f"{where}: {_side(expected)}, {verb} {_side(actual)}",
        tuple(term.cell.key for term in terms if term.cell.key),
        expected=str(left),
        actual=str(right),
        span=next((term.cell.span for term in terms if term.cell.span), None),
        outcome=FAILED,
        years=tuple(years),
    )


def present(report: Report, key: str) -> Table | None:
    """The table if the report's text has it (a missing table is its own finding)."""
    table = report.table(key)
    if table is None or all(cell.state == MISSING for cell in table.cells):
        return None
    return table


def table_rows(table: Table) -> list[str]:
    """The table's row keys, in the order of the format."""
    return list(_rows(tuple(cell.key for cell in table.cells)))


def _labels(table: TableKey, over: str) -> dict[str, str]:
    if table == d.APPLICATIONS and over == "column":
        return {column.key: column.label for column in d.APPLICATION_COLUMNS}
    if table == d.REVIEW_LITIGATION and over == "row":
        return {group.key: group.label for group in d.REVIEW_GROUPS}
    return {}


def instances(equation: Equation, rows: Sequence[str]) -> list[tuple[str, str]]:
    """Each row or column the equation runs over, with its label, in a table
    with these ``rows``."""
    labels = _labels(equation.table, equation.over)
    if equation.each is not None:
        keys = list(equation.each)
    elif equation.over == "row":
        keys = list(rows)
    else:
        keys = list(labels)
    return [(key, labels.get(key, key)) for key in keys]


def expand(terms: Sequence[Term], key: str, rows: Sequence[str]) -> list[tuple[Term, str, str]]:
    """The terms of one instance: each term with its row and column keys filled in."""
    out: list[tuple[Term, str, str]] = []
    for term in terms:
        chosen = [key] if term.row == EACH else [term.row]
        if term.row == RESULT_ROWS:
            chosen = [row for row in rows if row not in _OUTSIDE_RESULTS]
        column = key if term.column == EACH else term.column
        out += [(term, row, column) for row in chosen]
    return out


def instance_keys(equation: Equation, key: str, rows: Sequence[str]) -> tuple[list[tuple[str, int]], ...]:
    """One instance's cells: ``(fact key, sign)`` of each left term and each right term."""
    return tuple(
        [(fact_key(equation.table, row, column), term.sign) for term, row, column in expand(side, key, rows)]
        for side in (equation.left, equation.right)
    )


def satisfy(equation: Equation, key: str, rows: Sequence[str], values: dict[str, int]) -> None:
    """Change the solved term of one instance so that it holds.

    For an equation the solved term never goes below 0: where it would, it
    is 0 and the other terms of its side give way. For an inequality it
    changes only if the instance fails, to the nearest value that holds.
    """
    left, right = instance_keys(equation, key, rows)
    solved, sign = (left + right)[equation.solve]
    side, other = (left, right) if equation.solve % (len(left) + len(right)) < len(left) else (right, left)
    value = sign * (_total_of(other, values) - _total_of([t for t in side if t[0] != solved], values))
    if equation.relation != "==":
        gap = _total_of(left, values) - _total_of(right, values)
        if (gap > 0 and equation.relation == "<=") or (gap < 0 and equation.relation == ">="):
            values[solved] = value
        return
    values[solved] = max(value, 0)
    deficit = values[solved] - value
    for term, term_sign in side:
        if term != solved and term_sign > 0 and deficit:
            give = min(values[term], deficit)
            values[term] -= give
            deficit -= give


def _total_of(terms: Sequence[tuple[str, int]], values: Mapping[str, int]) -> int:
    return sum(sign * values[key] for key, sign in terms)


def break_instance(
    equation: Equation, key: str, rows: Sequence[str], values: dict[str, int], delta: int
) -> None:
    """Change one instance so that it fails by ``delta`` (> 0)."""
    left, right = instance_keys(equation, key, rows)
    solved, sign = (left + right)[equation.solve]
    gap = _total_of(left, values) - _total_of(right, values)
    if equation.relation == "==":
        values[solved] += delta
    elif equation.relation == "<=":
        first, first_sign = left[0]
        values[first] += first_sign * (delta - gap)
    else:
        values[solved] -= sign * (gap + delta)


def check_equation(rule: Rule, *reports: Report) -> Iterator[Finding]:
    """The check of a rule given as an :class:`Equation`, on one report or a pair."""
    equation = rule.equation
    assert equation is not None
    tables = [present(report, equation.table) for report in reports]
    if any(table is None for table in tables):
        return
    found = [table for table in tables if table is not None]
    if len(found) == 1:
        yield from _check_one(rule, equation, found[0])
        return
    years = [_year(report) for report in reports]
    cells = [{cell.key: cell for cell in table.cells} for table in found]  # looked up by key many times
    for where, left, right in _plans(equation, _rows(tuple(cells[-1]))):
        sides = [
            [Named(f"{name} {years[index]}", cells[index][key], sign) for name, key, sign, index in terms]
            for terms in (left, right)
        ]
        finding = compare(
            rule,
            where,
            sides[0],
            sides[1],
            relation=equation.relation,
            years=[years[index] for *_, index in (*left, *right)],
        )
        if finding is not None:
            yield finding


#: One term of an instance: the name messages give it, its fact key, its
#: sign, and which report of a pair it is from (1: the later year's).
_Term = tuple[str, str, int, int]
#: One instance of an equation: where it is (for messages), and each side's terms.
_Plan = tuple[str, tuple[_Term, ...], tuple[_Term, ...]]


@functools.lru_cache(maxsize=256)
def _plans(equation: Equation, rows: tuple[str, ...]) -> tuple[_Plan, ...]:
    """The instances of an equation over one report's table with these rows,
    worked out once: every report of an edition has the same."""

    def side(terms: Sequence[Term], key: str) -> tuple[_Term, ...]:
        return tuple(
            (
                row if equation.over == "column" else column,
                fact_key(equation.table, row, column),
                term.sign,
                int(term.later),
            )
            for term, row, column in expand(terms, key, rows)
        )

    return tuple(
        (
            equation.where.format(table=equation.table, over=equation.over, key=key, label=label),
            side(equation.left, key),
            side(equation.right, key),
        )
        for key, label in instances(equation, rows)
    )


def _check_one(rule: Rule, equation: Equation, table: Table) -> Iterator[Finding]:
    """:func:`check_equation` on one report: each instance is summed first,
    and its terms and message are built only where it fails or has a cell
    without a value."""
    cells = {cell.key: cell for cell in table.cells}
    holds = _RELATIONS[equation.relation]
    for where, left, right in _plans(equation, _rows(tuple(cells))):
        left_total, right_total = _sum(left, cells), _sum(right, cells)
        if left_total is not None and right_total is not None and holds(left_total, right_total):
            continue
        finding = compare(
            rule,
            where,
            [Named(name, cells[key], sign) for name, key, sign, _ in left],
            [Named(name, cells[key], sign) for name, key, sign, _ in right],
            relation=equation.relation,
        )
        if finding is not None:
            yield finding


def _sum(terms: Sequence[_Term], cells: Mapping[str, Cell]) -> Decimal | int | None:
    """The side's total; None if a cell has no value."""
    total: Decimal | int = 0
    for _, key, sign, _ in terms:
        value = cells[key].value
        if value is None:
            return None
        total += sign * value
    return total


_RELATIONS: dict[Relation, Callable[[Decimal | int, Decimal | int], bool]] = {
    "==": operator.eq,
    "<=": operator.le,
    ">=": operator.ge,
}


@functools.lru_cache(maxsize=64)
def _rows(keys: tuple[str, ...]) -> tuple[str, ...]:
    """A table's row keys, in order, from its cells' keys (the same few
    tables recur in every report)."""
    return tuple(dict.fromkeys(split_key(key)[1] for key in keys))


def _year(report: Report) -> int:
    if report.year is None:
        raise ValueError(f"a pair rule needs the report's year: {report.title!r}")
    return report.year


def equation_rule(
    rule_id: str,
    description: str,
    severity: Severity,
    editions: tuple[Edition, ...],
    equation: Equation,
    scope: RuleScope = REPORT,
) -> Rule:
    """A rule whose check is its :class:`Equation`."""
    return Rule(rule_id, description, severity, editions, check_equation, scope, equation)
