"""The cross-footing rules (勾稽关系) of the format: the catalogue, as data.

Each equation rule is one :class:`~gkparse.rules.spec.Equation` entry; the
check, ``docs/rules.md`` and the strategies' rule-breakers all read it. Two
rules are not equations and keep a check of their own: T2-NONNEG (a bound
on every count) and the TXT-* rules (figures quoted in the prose).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import attrs

from gkparse.report import definitions as d
from gkparse.report.model import Cell, Finding, Report
from gkparse.rules.spec import (
    EACH,
    RESULT_ROWS,
    Equation,
    Named,
    Rule,
    Term,
    compare,
    equation_rule,
    present,
)
from gkparse.vocabulary import FAILED, NOT_ASSESSABLE, PAIR, Edition, SectionKey, column_of

_APPLICANTS = tuple(column.key for column in d.APPLICATION_COLUMNS if column.key != "total")
_REVIEW_PARTS = tuple(column.key for column in d.REVIEW_COLUMNS if column.key != "total")
_ITEM_ROWS = ("licensing", "other_services", "penalties", "coercion", "fees")
_DOCUMENT_ROWS = ("regulations", "normative_documents")
_T3_COLUMN_WHERE = "applications column {label}"
BOTH: tuple[Edition, ...] = d.EDITIONS

T3_COLUMN = equation_rule(
    "T3-COLUMN",
    "Table 3, every column: new + carried_over = handled_total + carried_forward (the format's own rule).",
    "error",
    BOTH,
    Equation(
        d.APPLICATIONS,
        "column",
        (Term("new", EACH), Term("carried_over", EACH)),
        (Term("handled_total", EACH), Term("carried_forward", EACH)),
        where=_T3_COLUMN_WHERE,
        solve=0,
    ),
)
T3_HANDLED = equation_rule(
    "T3-HANDLED",
    "Table 3, every column: handled_total = the sum of the result rows, granted to the last 其他处理 row.",
    "error",
    BOTH,
    Equation(
        d.APPLICATIONS,
        "column",
        (Term(RESULT_ROWS, EACH),),
        (Term("handled_total", EACH),),
        where=_T3_COLUMN_WHERE,
    ),
)
T3_ROW = equation_rule(
    "T3-ROW",
    "Table 3, every row: total = the sum of the six applicant columns.",
    "error",
    BOTH,
    Equation(
        d.APPLICATIONS,
        "row",
        tuple(Term(EACH, column) for column in _APPLICANTS),
        (Term(EACH, "total"),),
        where="applications row {key}",
    ),
)
T4_GROUP = equation_rule(
    "T4-GROUP",
    "Table 4, each group: total = upheld + corrected + other + pending.",
    "error",
    BOTH,
    Equation(
        d.REVIEW_LITIGATION,
        "row",
        tuple(Term(EACH, column) for column in _REVIEW_PARTS),
        (Term(EACH, "total"),),
        each=tuple(group.key for group in d.REVIEW_GROUPS),
        where="review_litigation {key} ({label})",
    ),
)
T2_PUBLISHED = equation_rule(
    "T2-PUBLISHED",
    "Table 2 (2019): published <= total_public.",
    "warning",
    ("2019",),
    Equation(
        d.ACTIVE_DISCLOSURE,
        "row",
        (Term(EACH, "published"),),
        (Term(EACH, "total_public"),),
        relation="<=",
        each=_DOCUMENT_ROWS,
        where="active_disclosure row {key}",
    ),
)
T2_ITEMS = equation_rule(
    "T2-ITEMS",
    "Table 2 (2019): prev_items + change >= 0.",
    "warning",
    ("2019",),
    Equation(
        d.ACTIVE_DISCLOSURE,
        "row",
        (Term(EACH, "prev_items"), Term(EACH, "change")),
        (),
        relation=">=",
        each=_ITEM_ROWS,
        where="active_disclosure row {key}",
        solve=1,
    ),
)
YEAR_CHAIN = equation_rule(
    "YEAR-CHAIN",
    "Years N and N+1 of one body: carried_forward of N = carried_over of N+1, every column.",
    "error",
    BOTH,
    Equation(
        d.APPLICATIONS,
        "column",
        (Term("carried_forward", EACH),),
        (Term("carried_over", EACH, later=True),),
        where=_T3_COLUMN_WHERE,
    ),
    PAIR,
)
Y_INFORCE = equation_rule(
    "Y-INFORCE",
    "Years N and N+1 (2021): in_force(N+1) = in_force(N) + issued(N+1) - repealed(N+1).",
    "warning",
    ("2021",),
    Equation(
        d.ACTIVE_DISCLOSURE,
        "row",
        (
            Term(EACH, "in_force"),
            Term(EACH, "issued", later=True),
            Term(EACH, "repealed", sign=-1, later=True),
        ),
        (Term(EACH, "in_force", later=True),),
        each=_DOCUMENT_ROWS,
        where="active_disclosure row {key}",
    ),
    PAIR,
)
Y_ITEMS = equation_rule(
    "Y-ITEMS",
    "Years N and N+1 (2019): prev_items(N+1) = prev_items(N) + change(N).",
    "warning",
    ("2019",),
    Equation(
        d.ACTIVE_DISCLOSURE,
        "row",
        (Term(EACH, "prev_items"), Term(EACH, "change")),
        (Term(EACH, "prev_items", later=True),),
        each=_ITEM_ROWS,
        where="active_disclosure row {key}",
    ),
    PAIR,
)


# ------------------------------------------------------------------ bounds
def _t2_nonneg(rule: Rule, report: Report) -> Iterator[Finding]:
    table = present(report, d.ACTIVE_DISCLOSURE)
    if table is None:
        return
    blank: list[Cell] = []
    for cell in table.cells:
        if column_of(cell.key) in d.SIGNED_COLUMNS:
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
                actual=str(cell.value),
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


T2_NONNEG = Rule(
    "T2-NONNEG",
    "Table 2: counts and amounts are not negative (only change carries a sign).",
    "error",
    BOTH,
    _t2_nonneg,
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
_N = r"[^0-9。；;，,、：:！!？?\n]{0,6}?([0-9][0-9,]{0,39})\s*件"  # at most MAX_DIGITS digits
PROSE_SECTIONS: tuple[SectionKey, ...] = ("overview", "applications", "review_litigation")
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
        table = present(report, figure.keys[0].split(".")[0])
        if table is None:
            return
        for section in PROSE_SECTIONS:
            found = report.section(section)
            for match in figure.pattern.finditer(found.text if found else ""):
                quoted = Cell("", int(match.group(1).replace(",", "")), match.group(0), "value")
                finding = compare(
                    rule,
                    f"{section} text {match.group(0)!r}",
                    [Named("the text", quoted)],
                    [Named(key.split(".", 1)[1], table.cell(key)) for key in figure.keys],
                )
                if finding is not None:
                    yield finding

    return check


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
