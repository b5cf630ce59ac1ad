"""The cross-footing rules (勾稽关系) of the format, as data.

A :class:`Rule` is an id, a one-line description, a severity, the editions
it applies to and a check. Report rules check one report; pair rules check
two reports of one body in consecutive years. A check yields findings only
for what does not hold (FAILED) and for what cannot be checked because an
input cell has no value (NOT_ASSESSABLE, always severity "info"): silence
means every check was made and held.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from gkparse import definitions as d
from gkparse.model import FAILED, NOT_ASSESSABLE, Cell, Finding, Report, Severity, Table

#: A rule's scope: one report, or two reports of one body, years N and N + 1.
REPORT = "report"
PAIR = "pair"


@attrs.frozen
class Rule:
    """One rule. ``check`` is called with the rule itself and a report (scope
    REPORT), or the rule and the reports of years N and N + 1 (scope PAIR),
    and yields its findings; it runs only on reports of the rule's
    ``editions``. Build your own with the same shape and pass it to
    :func:`gkparse.validate` through ``rules=``."""

    id: str
    description: str
    severity: Severity
    editions: tuple[str, ...]
    check: Callable[..., Iterable[Finding]] = attrs.field(eq=False, repr=False)
    scope: str = REPORT


@attrs.frozen
class Term:
    """One cell in an equation, with the name the message gives it."""

    name: str
    cell: Cell
    sign: int = 1


def _number(value: Decimal | int) -> str:
    return str(value)


def _side(terms: Sequence[Term]) -> str:
    if not terms:
        return "0"
    text = ""
    for index, term in enumerate(terms):
        sign = (" - " if term.sign < 0 else " + ") if index else ("-" if term.sign < 0 else "")
        text += f"{sign}{term.name} {term.cell.value}"
    if len(terms) > 1:
        text += f" = {_total(terms)}"
    return text


def _total(terms: Sequence[Term]) -> Decimal | int:
    total: Decimal | int = 0
    for term in terms:
        assert term.cell.value is not None
        total += term.sign * term.cell.value
    return total


def _not_assessable(rule: Rule, where: str, terms: Sequence[Term], years: Sequence[int]) -> Finding | None:
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


def equation(
    rule: Rule,
    where: str,
    expected: Sequence[Term],
    actual: Sequence[Term],
    *,
    relation: str = "==",
    years: Sequence[int] = (),
) -> Finding | None:
    """Check ``sum(expected) <relation> sum(actual)``; a finding if it fails or cannot be told.

    ``relation`` is "==", "<=" or ">="; ``years`` (pair rules) gives the year of
    each term, expected terms first.
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
        expected=_number(left),
        actual=_number(right),
        span=next((term.cell.span for term in terms if term.cell.span), None),
        outcome=FAILED,
        years=tuple(years),
    )


def _present(report: Report, key: str) -> Table | None:
    """The table if the report's text has it (a missing table is its own finding)."""
    table = report.table(key)
    if table is None or all(cell.state == "missing" for cell in table.cells):
        return None
    return table


def _rows(table: Table) -> list[str]:
    """The table's row keys, in the order of the format."""
    return list(dict.fromkeys(cell.key.split(".")[1] for cell in table.cells))


def _term(table: Table, row: str, column: str, name: str) -> Term:
    return Term(name, table.cell(f"{table.key}.{row}.{column}"))


def _found(findings: Iterable[Finding | None]) -> Iterator[Finding]:
    return (finding for finding in findings if finding is not None)


# ------------------------------------------------------------------ table 3
_COLUMNS = [(column.key, column.label) for column in d.APPLICATION_COLUMNS]
_APPLICANTS = [key for key, _ in _COLUMNS if key != "total"]
_OUTSIDE_RESULTS = ("new", "carried_over", "handled_total", "carried_forward")


def _t3_column(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.APPLICATIONS)
    if table is None:
        return
    for column, label in _COLUMNS:
        yield from _found(
            [
                equation(
                    rule,
                    f"applications column {label}",
                    [
                        _term(table, "new", column, "new"),
                        _term(table, "carried_over", column, "carried_over"),
                    ],
                    [
                        _term(table, "handled_total", column, "handled_total"),
                        _term(table, "carried_forward", column, "carried_forward"),
                    ],
                )
            ]
        )


def _t3_handled(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.APPLICATIONS)
    if table is None:
        return
    leaves = [row for row in _rows(table) if row not in _OUTSIDE_RESULTS]
    for column, label in _COLUMNS:
        yield from _found(
            [
                equation(
                    rule,
                    f"applications column {label}",
                    [_term(table, row, column, row) for row in leaves],
                    [_term(table, "handled_total", column, "handled_total")],
                )
            ]
        )


def _t3_row(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.APPLICATIONS)
    if table is None:
        return
    for row in _rows(table):
        yield from _found(
            [
                equation(
                    rule,
                    f"applications row {row}",
                    [_term(table, row, column, column) for column in _APPLICANTS],
                    [_term(table, row, "total", "total")],
                )
            ]
        )


# ------------------------------------------------------------------ table 4
def _t4_group(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.REVIEW_LITIGATION)
    if table is None:
        return
    parts = [column.key for column in d.REVIEW_COLUMNS if column.key != "total"]
    for group in d.REVIEW_GROUPS:
        yield from _found(
            [
                equation(
                    rule,
                    f"review_litigation {group.key} ({group.label})",
                    [_term(table, group.key, column, column) for column in parts],
                    [_term(table, group.key, "total", "total")],
                )
            ]
        )


# ------------------------------------------------------------------ table 2
def _t2_nonneg(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.ACTIVE_DISCLOSURE)
    if table is None:
        return
    blank: list[Cell] = []
    for cell in table.cells:
        if cell.key.endswith(tuple(f".{column}" for column in d.SIGNED_COLUMNS)):
            continue
        if cell.value is None:
            blank.append(cell)
        elif cell.value < 0:
            yield Finding(
                rule.id,
                rule.severity,
                f"{cell.key} is {cell.value}: counts and amounts are never negative",
                (cell.key,),
                expected=">= 0",
                actual=_number(cell.value),
                span=cell.span,
                outcome=FAILED,
            )
    if blank:
        yield Finding(
            rule.id,
            "info",
            f"active_disclosure: not assessable, no value in {len(blank)} cells",
            tuple(cell.key for cell in blank),
            span=next((cell.span for cell in blank if cell.span), None),
            outcome=NOT_ASSESSABLE,
        )


def _t2_published(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.ACTIVE_DISCLOSURE)
    if table is None:
        return
    for row in ("regulations", "normative_documents"):
        yield from _found(
            [
                equation(
                    rule,
                    f"active_disclosure row {row}",
                    [_term(table, row, "published", "published")],
                    [_term(table, row, "total_public", "total_public")],
                    relation="<=",
                )
            ]
        )


_ITEM_ROWS = ("licensing", "other_services", "penalties", "coercion", "fees")


def _t2_items(rule: Rule, report: Report) -> Iterator[Finding]:
    table = _present(report, d.ACTIVE_DISCLOSURE)
    if table is None:
        return
    for row in _ITEM_ROWS:
        yield from _found(
            [
                equation(
                    rule,
                    f"active_disclosure row {row}",
                    [_term(table, row, "prev_items", "prev_items"), _term(table, row, "change", "change")],
                    [],
                    relation=">=",
                )
            ]
        )


# ------------------------------------------------------------------ prose
@attrs.frozen
class ProseFigure:
    """A figure reports quote in prose, and the cells it must equal."""

    rule_id: str
    phrase: str
    pattern: re.Pattern[str]
    keys: tuple[str, ...]


# The figure: within the same clause (no comma or stop before it), a few
# characters at most after the phrase ("申请351件", "行政复议共7件").
_N = r"[^0-9。；;，,、：:！!？?\n]{0,6}?([0-9][0-9,]*)\s*件"
PROSE_SECTIONS = ("overview", "applications", "review_litigation")
PROSE_FIGURES = (
    ProseFigure(
        "TXT-NEW",
        "共收到…申请N件",
        re.compile(r"(?:收到|受理)[^。；;，,0-9\n]{0,20}?申请" + _N),
        ("applications.new.total",),
    ),
    ProseFigure(
        "TXT-CARRIED-OVER",
        "上年结转N件",
        re.compile(r"上一?年度?结转" + _N),
        ("applications.carried_over.total",),
    ),
    ProseFigure(
        "TXT-CARRIED-FORWARD",
        "结转下年度…N件",
        re.compile(r"(?:结转|顺延)(?:至|到)?下一?年度?(?:继续)?(?:办理)?" + _N),
        ("applications.carried_forward.total",),
    ),
    ProseFigure(
        "TXT-REVIEW", "行政复议N件", re.compile(r"行政复议" + _N), ("review_litigation.review.total",)
    ),
    ProseFigure(
        "TXT-LITIGATION",
        "行政诉讼N件",
        re.compile(r"行政诉讼" + _N),
        ("review_litigation.suit_direct.total", "review_litigation.suit_after_review.total"),
    ),
)


def _prose_rule(figure: ProseFigure) -> Callable[[Rule, Report], Iterator[Finding]]:
    def check(rule: Rule, report: Report) -> Iterator[Finding]:
        table = _present(report, figure.keys[0].split(".")[0])
        if table is None:
            return
        for section in PROSE_SECTIONS:
            found = report.section(section)
            for match in figure.pattern.finditer(found.text if found else ""):
                quoted = Cell("", int(match.group(1).replace(",", "")), match.group(0), "value")
                yield from _found(
                    [
                        equation(
                            rule,
                            f"{section} text {match.group(0)!r}",
                            [Term("the text", quoted)],
                            [Term(key.split(".", 1)[1], table.cell(key)) for key in figure.keys],
                        )
                    ]
                )

    return check


# ------------------------------------------------------------------ pairs
def _year(report: Report) -> int:
    if report.year is None:
        raise ValueError(f"a pair rule needs the report's year: {report.title!r}")
    return report.year


def _pair(earlier: Report, later: Report, table: str) -> tuple[Table, Table, int, int] | None:
    """Both reports' tables and years, or None when either report lacks the table."""
    before, after = _present(earlier, table), _present(later, table)
    if before is None or after is None:
        return None
    return before, after, _year(earlier), _year(later)


def _pair_year_chain(rule: Rule, earlier: Report, later: Report) -> Iterator[Finding]:
    pair = _pair(earlier, later, d.APPLICATIONS)
    if pair is None:
        return
    before, after, first, second = pair
    for column, label in _COLUMNS:
        yield from _found(
            [
                equation(
                    rule,
                    f"applications column {label}",
                    [_term(before, "carried_forward", column, f"carried_forward {first}")],
                    [_term(after, "carried_over", column, f"carried_over {second}")],
                    years=(first, second),
                )
            ]
        )


def _pair_in_force(rule: Rule, earlier: Report, later: Report) -> Iterator[Finding]:
    pair = _pair(earlier, later, d.ACTIVE_DISCLOSURE)
    if pair is None:
        return
    before, after, first, second = pair
    for row in ("regulations", "normative_documents"):
        yield from _found(
            [
                equation(
                    rule,
                    f"active_disclosure row {row}",
                    [
                        _term(before, row, "in_force", f"in_force {first}"),
                        _term(after, row, "issued", f"issued {second}"),
                        attrs.evolve(_term(after, row, "repealed", f"repealed {second}"), sign=-1),
                    ],
                    [_term(after, row, "in_force", f"in_force {second}")],
                    years=(first, second, second, second),
                )
            ]
        )


def _pair_items(rule: Rule, earlier: Report, later: Report) -> Iterator[Finding]:
    pair = _pair(earlier, later, d.ACTIVE_DISCLOSURE)
    if pair is None:
        return
    before, after, first, second = pair
    for row in _ITEM_ROWS:
        yield from _found(
            [
                equation(
                    rule,
                    f"active_disclosure row {row}",
                    [
                        _term(before, row, "prev_items", f"prev_items {first}"),
                        _term(before, row, "change", f"change {first}"),
                    ],
                    [_term(after, row, "prev_items", f"prev_items {second}")],
                    years=(first, first, second),
                )
            ]
        )


BOTH = d.EDITIONS
T3_COLUMN = Rule(
    "T3-COLUMN",
    "Table 3, every column: new + carried_over = handled_total + carried_forward (the format's own rule).",
    "error",
    BOTH,
    _t3_column,
)
T3_HANDLED = Rule(
    "T3-HANDLED",
    "Table 3, every column: handled_total = the sum of the result rows, granted to the last 其他处理 row.",
    "error",
    BOTH,
    _t3_handled,
)
T3_ROW = Rule(
    "T3-ROW", "Table 3, every row: total = the sum of the six applicant columns.", "error", BOTH, _t3_row
)
T4_GROUP = Rule(
    "T4-GROUP",
    "Table 4, each group: total = upheld + corrected + other + pending.",
    "error",
    BOTH,
    _t4_group,
)
T2_NONNEG = Rule(
    "T2-NONNEG",
    "Table 2: counts and amounts are not negative (only change carries a sign).",
    "error",
    BOTH,
    _t2_nonneg,
)
T2_PUBLISHED = Rule(
    "T2-PUBLISHED", "Table 2 (2019): published <= total_public.", "warning", ("2019",), _t2_published
)
T2_ITEMS = Rule("T2-ITEMS", "Table 2 (2019): prev_items + change >= 0.", "warning", ("2019",), _t2_items)
YEAR_CHAIN = Rule(
    "YEAR-CHAIN",
    "Years N and N+1 of one body: carried_forward of N = carried_over of N+1, every column.",
    "error",
    BOTH,
    _pair_year_chain,
    PAIR,
)
Y_INFORCE = Rule(
    "Y-INFORCE",
    "Years N and N+1 (2021): in_force(N+1) = in_force(N) + issued(N+1) - repealed(N+1).",
    "warning",
    ("2021",),
    _pair_in_force,
    PAIR,
)
Y_ITEMS = Rule(
    "Y-ITEMS",
    "Years N and N+1 (2019): prev_items(N+1) = prev_items(N) + change(N).",
    "warning",
    ("2019",),
    _pair_items,
    PAIR,
)

_PROSE_RULES = tuple(
    Rule(
        figure.rule_id,
        f"A figure quoted in the prose ({figure.phrase}) equals {' + '.join(figure.keys)}.",
        "warning",
        BOTH,
        _prose_rule(figure),
    )
    for figure in PROSE_FIGURES
)

#: Every rule gkparse knows, report rules first.
RULES: tuple[Rule, ...] = (
    T3_COLUMN,
    T3_HANDLED,
    T3_ROW,
    T4_GROUP,
    T2_NONNEG,
    T2_PUBLISHED,
    T2_ITEMS,
    *_PROSE_RULES,
    YEAR_CHAIN,
    Y_INFORCE,
    Y_ITEMS,
)


def rules_markdown(rules: Iterable[Rule] = RULES) -> str:
    """The rules as a Markdown page (``docs/rules.md`` is this, generated)."""
    lines = [
        "# Rules",
        "",
        "Generated from `gkparse.RULES` by `gkparse --rules`; do not edit by hand.",
        "",
        "| id | scope | severity | editions | rule |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{rule.id}` | {rule.scope} | {rule.severity} | {', '.join(rule.editions)} | {rule.description} |"
        for rule in rules
    ]
    return "\n".join(lines) + "\n"
