"""The cross-footing rules: each fires on a violation, stays quiet on
consistent data, and is not assessable when an input is blank."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.report.model import BLANK, FAILED, NOT_ASSESSABLE, Finding, Report, Value
from gkparse.rules import rules_markdown
from tests.helpers import FIXTURES, LAYOUT_FIXTURES, REPOSITORY, T3_COLUMNS, fixture_text, seed_text

EXPECTED = json.loads((LAYOUT_FIXTURES / "report2021_expected.json").read_text(encoding="utf-8"))["facts"]
SERIES_2020 = (FIXTURES / "series" / "report2020_tab.txt").read_text(encoding="utf-8")


def report_2021() -> Report:
    return gkparse.parse(fixture_text("report2021_cells.txt"))


def report_2020() -> Report:
    return gkparse.parse(SERIES_2020)


def with_values(report: Report, **changes: Value) -> Report:
    """The report with some cells' values replaced (None makes them blank)."""
    wanted = {key.replace("__", "."): value for key, value in changes.items()}
    tables = tuple(
        attrs.evolve(
            table,
            cells=tuple(
                attrs.evolve(
                    cell, value=wanted[cell.key], state=BLANK if wanted[cell.key] is None else cell.state
                )
                if cell.key in wanted
                else cell
                for cell in table.cells
            ),
        )
        for table in report.tables
    )
    assert {cell.key for table in tables for cell in table.cells} >= wanted.keys()
    return attrs.evolve(report, tables=tables)


def rule_findings(report: Report, code: str) -> list[Finding]:
    return [finding for finding in gkparse.validate(report) if finding.code == code]


def summary(finding: Finding) -> tuple[object, ...]:
    return (finding.code, finding.severity, finding.outcome, finding.keys, finding.expected, finding.actual)


def test_consistent_reports_have_no_findings() -> None:
    assert gkparse.validate(report_2021()) == ()
    assert gkparse.validate(report_2020()) == ()


# ------------------------------------------------------------------ T3-COLUMN
def test_t3_column_fires() -> None:
    report = with_values(
        report_2021(), applications__new__natural_person=EXPECTED["applications.new.natural_person"] + 1
    )
    (finding,) = rule_findings(report, "T3-COLUMN")
    expected = (
        EXPECTED["applications.new.natural_person"] + 1 + EXPECTED["applications.carried_over.natural_person"]
    )
    actual = (
        EXPECTED["applications.handled_total.natural_person"]
        + EXPECTED["applications.carried_forward.natural_person"]
    )
    assert summary(finding) == (
        "T3-COLUMN",
        "error",
        FAILED,
        (
            "applications.new.natural_person",
            "applications.carried_over.natural_person",
            "applications.handled_total.natural_person",
            "applications.carried_forward.natural_person",
        ),
        str(expected),
        str(actual),
    )
    assert finding.message == (
        f"applications column 自然人: new {EXPECTED['applications.new.natural_person'] + 1} + carried_over "
        f"{EXPECTED['applications.carried_over.natural_person']} = {expected}, but handled_total "
        f"{EXPECTED['applications.handled_total.natural_person']} + carried_forward "
        f"{EXPECTED['applications.carried_forward.natural_person']} = {actual}"
    )
    assert finding.span is not None
    assert fixture_text("report2021_cells.txt")[finding.span.start : finding.span.end] == str(
        EXPECTED["applications.new.natural_person"]
    )


def test_t3_column_not_assessable() -> None:
    report = with_values(report_2021(), applications__carried_over__research=None)
    (finding,) = rule_findings(report, "T3-COLUMN")
    assert summary(finding) == (
        "T3-COLUMN",
        "info",
        NOT_ASSESSABLE,
        ("applications.carried_over.research",),
        None,
        None,
    )
    assert finding.message == "applications column 科研机构: not assessable, no value in carried_over (blank)"


# ------------------------------------------------------------------ T3-HANDLED
def test_t3_handled_fires_and_t3_row_stays_quiet() -> None:
    granted = EXPECTED["applications.granted.natural_person"], EXPECTED["applications.granted.commercial"]
    report = with_values(
        report_2021(),
        applications__granted__natural_person=granted[0] + 2,
        applications__granted__commercial=granted[1] - 2,
    )
    findings = rule_findings(report, "T3-HANDLED")
    assert [(f.keys[0], f.keys[-1], f.expected, f.actual) for f in findings] == [
        (
            f"applications.granted.{column}",
            f"applications.handled_total.{column}",
            str(EXPECTED[f"applications.handled_total.{column}"] + delta),
            str(EXPECTED[f"applications.handled_total.{column}"]),
        )
        for column, delta in (("natural_person", 2), ("commercial", -2))
    ]
    assert len(findings[0].keys) == 22  # the 21 result rows of the 2021 table, then handled_total
    assert rule_findings(report, "T3-ROW") == []
    assert rule_findings(report, "T3-COLUMN") == []


def test_t3_handled_2019_rows() -> None:
    report = with_values(report_2020(), applications__other_handling__legal_services=1)
    findings = rule_findings(report, "T3-HANDLED")
    assert [f.keys[-2:] for f in findings] == [
        ("applications.other_handling.legal_services", "applications.handled_total.legal_services")
    ]
    assert (findings[0].expected, findings[0].actual) == ("4", "3")


# ------------------------------------------------------------------ T3-ROW
def test_t3_row_fires() -> None:
    total = EXPECTED["applications.new.total"]
    report = with_values(report_2021(), applications__new__total=total + 1)
    (finding,) = rule_findings(report, "T3-ROW")
    assert finding.keys == tuple(f"applications.new.{c}" for c in T3_COLUMNS)
    assert (finding.expected, finding.actual) == (str(total), str(total + 1))
    assert finding.message.startswith(
        f"applications row new: natural_person {EXPECTED['applications.new.natural_person']} + "
    )


# ------------------------------------------------------------------ T4-GROUP
def test_t4_group_fires() -> None:
    report = with_values(report_2021(), review_litigation__suit_direct__pending=5)
    (finding,) = rule_findings(report, "T4-GROUP")
    parts = [EXPECTED[f"review_litigation.suit_direct.{c}"] for c in ("upheld", "corrected", "other")]
    assert summary(finding) == (
        "T4-GROUP",
        "error",
        FAILED,
        tuple(
            f"review_litigation.suit_direct.{c}" for c in ("upheld", "corrected", "other", "pending", "total")
        ),
        str(sum(parts) + 5),
        str(EXPECTED["review_litigation.suit_direct.total"]),
    )


def test_t4_group_not_assessable_in_seed_003() -> None:
    findings = rule_findings(gkparse.parse(seed_text("003")), "T4-GROUP")
    assert [(f.outcome, f.keys[0], len(f.keys)) for f in findings] == [
        (NOT_ASSESSABLE, "review_litigation.review.upheld", 5),
        (NOT_ASSESSABLE, "review_litigation.suit_direct.upheld", 5),
        (NOT_ASSESSABLE, "review_litigation.suit_after_review.upheld", 4),
    ]


# ------------------------------------------------------------------ table 2
def test_t2_nonneg() -> None:
    report = with_values(report_2021(), active_disclosure__regulations__issued=-1)
    (finding,) = rule_findings(report, "T2-NONNEG")
    assert summary(finding) == (
        "T2-NONNEG",
        "error",
        FAILED,
        ("active_disclosure.regulations.issued",),
        ">= 0",
        "-1",
    )


def test_t2_nonneg_allows_a_negative_change_and_names_blanks() -> None:
    report = with_values(
        report_2020(), active_disclosure__fees__change=-1, active_disclosure__fees__prev_items=None
    )
    (finding,) = rule_findings(report, "T2-NONNEG")
    assert summary(finding)[:4] == (
        "T2-NONNEG",
        "info",
        NOT_ASSESSABLE,
        ("active_disclosure.fees.prev_items",),
    )


def test_t2_published() -> None:
    report = with_values(report_2020(), active_disclosure__regulations__published=5)
    (finding,) = rule_findings(report, "T2-PUBLISHED")
    assert summary(finding) == (
        "T2-PUBLISHED",
        "warning",
        FAILED,
        ("active_disclosure.regulations.published", "active_disclosure.regulations.total_public"),
        "5",
        "4",
    )
    assert (
        finding.message == "active_disclosure row regulations: published 5, which is more than total_public 4"
    )


def test_t2_items() -> None:
    report = with_values(report_2020(), active_disclosure__licensing__change=-121)
    (finding,) = rule_findings(report, "T2-ITEMS")
    assert summary(finding) == (
        "T2-ITEMS",
        "warning",
        FAILED,
        ("active_disclosure.licensing.prev_items", "active_disclosure.licensing.change"),
        "-1",
        "0",
    )


def test_2019_only_rules_skip_2021_reports() -> None:
    report = report_2021()
    assert gkparse.validate(report, rules=["T2-PUBLISHED", "T2-ITEMS"]) == ()


# ------------------------------------------------------------------ prose
@pytest.mark.parametrize(
    ("code", "old", "new", "keys", "expected", "actual"),
    [
        (
            "TXT-NEW",
            "收到政府信息公开申请351件",
            "收到政府信息公开申请350件",
            ("applications.new.total",),
            "350",
            "351",
        ),
        (
            "TXT-CARRIED-OVER",
            "上年结转16件",
            "上年结转15件",
            ("applications.carried_over.total",),
            "15",
            "16",
        ),
        (
            "TXT-CARRIED-FORWARD",
            "结转下年度继续办理21件",
            "结转下年度继续办理20件",
            ("applications.carried_forward.total",),
            "20",
            "21",
        ),
        ("TXT-REVIEW", "行政复议7件", "行政复议6件", ("review_litigation.review.total",), "6", "7"),
        (
            "TXT-LITIGATION",
            "行政诉讼8件",
            "行政诉讼9件",
            ("review_litigation.suit_direct.total", "review_litigation.suit_after_review.total"),
            "9",
            "8",
        ),
    ],
)
def test_prose_figures(
    code: str, old: str, new: str, keys: tuple[str, ...], expected: str, actual: str
) -> None:
    text = fixture_text("report2021_cells.txt")
    assert old in text
    report = gkparse.parse(text.replace(old, new))
    (finding,) = gkparse.validate(report)
    assert summary(finding) == (code, "warning", FAILED, keys, expected, actual)
    assert new in finding.message


def test_prose_figure_not_assessable() -> None:
    report = with_values(report_2021(), applications__carried_over__total=None)
    findings = rule_findings(report, "TXT-CARRIED-OVER")
    assert [summary(f) for f in findings] == [
        ("TXT-CARRIED-OVER", "info", NOT_ASSESSABLE, ("applications.carried_over.total",), None, None)
    ]


def test_prose_phrases_in_other_clauses_are_not_figures() -> None:
    text = fixture_text("report2021_cells.txt")
    assert "行政复议案件中，结果维持3件" in text  # not the number of reviews
    assert rule_findings(gkparse.parse(text), "TXT-REVIEW") == []


# ------------------------------------------------------------------ series
def test_year_chain_holds_across_editions() -> None:
    earlier, later = report_2020(), report_2021()
    assert (earlier.edition, later.edition, earlier.body) == ("2019", "2021", later.body)
    assert gkparse.validate_series([later, earlier]) == ()


def test_year_chain_breaks_in_one_column() -> None:
    text = SERIES_2020.replace("四、结转下年度继续办理\t\t9\t3\t0\t", "四、结转下年度继续办理\t\t9\t3\t1\t")
    (finding,) = gkparse.validate_series([gkparse.parse(text), report_2021()])
    assert summary(finding) == (
        "YEAR-CHAIN",
        "error",
        FAILED,
        ("applications.carried_forward.research", "applications.carried_over.research"),
        "1",
        "0",
    )
    assert finding.years == (2020, 2021)
    assert finding.message == "applications column 科研机构: carried_forward 2020 1, but carried_over 2021 0"


def next_year(report: Report) -> Report:
    assert report.year is not None
    return attrs.evolve(report, year=report.year + 1)


def test_y_inforce() -> None:
    earlier = report_2021()
    later = next_year(earlier)
    findings = [f for f in gkparse.validate_series([earlier, later]) if f.code == "Y-INFORCE"]
    assert [(f.keys, f.years, f.expected, f.actual) for f in findings] == [
        (
            tuple(f"active_disclosure.{row}.{c}" for c in ("in_force", "issued", "repealed", "in_force")),
            (2021, 2022, 2022, 2022),
            str(
                EXPECTED[f"active_disclosure.{row}.in_force"]
                + EXPECTED[f"active_disclosure.{row}.issued"]
                - EXPECTED[f"active_disclosure.{row}.repealed"]
            ),
            str(EXPECTED[f"active_disclosure.{row}.in_force"]),
        )
        for row in ("regulations", "normative_documents")
    ]
    assert {f.severity for f in findings} == {"warning"}
    fixed = with_values(
        later, active_disclosure__regulations__in_force=4, active_disclosure__normative_documents__in_force=31
    )
    assert [f.code for f in gkparse.validate_series([earlier, fixed]) if f.code == "Y-INFORCE"] == []


def test_y_items() -> None:
    earlier = report_2020()
    later = next_year(earlier)
    findings = [f for f in gkparse.validate_series([earlier, later]) if f.code == "Y-ITEMS"]
    assert [(f.keys[0].split(".")[1], f.expected, f.actual) for f in findings] == [
        ("licensing", "123", "120"),
        ("other_services", "7", "8"),
        ("coercion", "14", "12"),
    ]
    assert findings[0].years == (2020, 2020, 2021)


def test_series_gap_duplicate_and_unplaced() -> None:
    early = attrs.evolve(report_2020(), year=2019)
    unnamed = attrs.evolve(report_2020(), body=None)
    findings = gkparse.validate_series([report_2021(), early, report_2021(), unnamed])
    assert [(f.code, f.severity, f.years) for f in findings] == [
        ("SERIES-UNPLACED", "info", ()),
        ("SERIES-DUPLICATE", "warning", (2021,)),
        ("SERIES-GAP", "warning", (2019, 2021)),
    ]


# ------------------------------------------------------------------ the API
def test_fail_fast_stops_at_the_first_error() -> None:
    report = gkparse.parse(seed_text("004"))
    everything = gkparse.validate(report)
    first = gkparse.validate(report, fail_fast=True)
    assert len(everything) == 54
    assert first == everything[:1]
    assert first[0].severity == "error"


def test_iter_findings_is_lazy() -> None:
    findings = gkparse.iter_findings(gkparse.parse(seed_text("004")))
    first = next(findings)
    assert first.code == "ROW-VALUE-COUNT"
    assert inspect.isgenerator(findings)


def test_check_raises_with_every_error() -> None:
    report = with_values(report_2021(), applications__new__total=1)
    with pytest.raises(gkparse.ValidationError) as raised:
        gkparse.check(report)
    assert [f.code for f in raised.value.findings] == ["T3-COLUMN", "T3-ROW"]
    assert "T3-COLUMN: applications column 总计" in str(raised.value)
    clean = report_2021()
    assert gkparse.check(clean) is clean


def test_rules_select_and_extend() -> None:
    report = with_values(report_2021(), applications__new__total=1)
    assert [f.code for f in gkparse.validate(report, rules=["T3-ROW"])] == ["T3-ROW"]

    def no_licences(rule: gkparse.Rule, report: Report) -> Iterator[Finding]:
        if report.facts().get("active_disclosure.licensing.decisions") == 0:
            yield Finding(rule.id, rule.severity, "no licences", ("active_disclosure.licensing.decisions",))

    mine = gkparse.Rule("MY-LICENCES", "Licences were decided.", "warning", ("2021",), no_licences)
    zero = with_values(report_2021(), active_disclosure__licensing__decisions=0)
    assert [f.code for f in gkparse.validate(zero, rules=[*gkparse.RULES, mine])] == ["MY-LICENCES"]
    stricter = attrs.evolve(gkparse.rules.T2_ITEMS, severity="error")
    broken = with_values(report_2020(), active_disclosure__licensing__change=-121)
    assert [f.severity for f in gkparse.validate(broken, rules=[stricter])] == ["error"]
    with pytest.raises(ValueError, match="unknown rule 'T9'"):
        gkparse.validate(report, rules=["T9"])


def test_findings_never_change_the_data() -> None:
    report = with_values(report_2021(), applications__new__total=1)
    facts = report.facts()
    gkparse.validate(report)
    assert report.facts() == facts
    assert facts["applications.new.total"] == 1


def test_rules_are_data() -> None:
    ids = [rule.id for rule in gkparse.RULES]
    assert ids == [
        "T3-COLUMN",
        "T3-HANDLED",
        "T3-ROW",
        "T4-GROUP",
        "T2-NONNEG",
        "T2-PUBLISHED",
        "T2-ITEMS",
        "TXT-NEW",
        "TXT-CARRIED-OVER",
        "TXT-CARRIED-FORWARD",
        "TXT-REVIEW",
        "TXT-LITIGATION",
        "YEAR-CHAIN",
        "Y-INFORCE",
        "Y-ITEMS",
    ]
    assert all(rule.description and rule.severity in ("error", "warning") for rule in gkparse.RULES)


def test_docs_rules_page_is_generated_from_rules() -> None:
    assert (REPOSITORY / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


# ------------------------------------------------------------------ seeds
def test_seed_findings() -> None:
    assert gkparse.validate(gkparse.parse(seed_text("000"))) == gkparse.parse(seed_text("000")).problems
    assert gkparse.validate(gkparse.parse(seed_text("002"))) == gkparse.parse(seed_text("002")).problems
    three = gkparse.parse(seed_text("003"))
    rules_three = gkparse.validate(three)[len(three.problems) :]
    assert {(f.severity, f.outcome) for f in rules_three} == {("info", NOT_ASSESSABLE)}
    assert [f.code for f in rules_three] == ["T3-COLUMN"] * 7 + ["T3-HANDLED"] * 7 + ["T3-ROW"] * 23 + [
        "T4-GROUP"
    ] * 3
    four = gkparse.parse(seed_text("004"))
    rules_four = gkparse.validate(four)[len(four.problems) :]
    assert {(f.severity, f.outcome) for f in rules_four} == {("info", NOT_ASSESSABLE)}
    assert [f.code for f in rules_four] == ["T3-COLUMN"] * 7 + ["T3-HANDLED"] * 7 + ["T3-ROW"] * 20
    assert rules_four[0].keys == ("applications.handled_total.natural_person",)


# ------------------------------------------------------------------ properties
APPLICANTS = T3_COLUMNS[:-1]
ROWS_2021 = [
    key.split(".")[1] for key in EXPECTED if key.startswith("applications.") and key.endswith(".total")
]
LEAVES = [row for row in ROWS_2021 if row not in ("new", "carried_over", "handled_total", "carried_forward")]
T3_T4_KEYS = [key for key in EXPECTED if key.startswith(("applications.", "review_litigation."))]


@st.composite
def consistent_values(draw: st.DrawFn) -> dict[str, int]:
    """Table 3 and 4 values satisfying T3-COLUMN, T3-HANDLED, T3-ROW and T4-GROUP."""
    count = st.integers(0, 3000)
    values: dict[str, int] = {}
    for column in APPLICANTS:
        leaves = {row: draw(count) for row in LEAVES}
        handled = sum(leaves.values())
        forward = draw(count)
        new = draw(st.integers(0, handled + forward))
        column_values = {
            **leaves,
            "handled_total": handled,
            "carried_forward": forward,
            "new": new,
            "carried_over": handled + forward - new,
        }
        values.update({f"applications.{row}.{column}": value for row, value in column_values.items()})
    for row in ROWS_2021:
        values[f"applications.{row}.total"] = sum(values[f"applications.{row}.{c}"] for c in APPLICANTS)
    for group in ("review", "suit_direct", "suit_after_review"):
        parts = [draw(count) for _ in range(4)]
        for column, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"review_litigation.{group}.{column}"] = value
        values[f"review_litigation.{group}.total"] = sum(parts)
    return values


TABLE_RULES = ["T3-COLUMN", "T3-HANDLED", "T3-ROW", "T4-GROUP", "T2-NONNEG"]
BASE = report_2021()


def replaced(values: dict[str, int]) -> Report:
    return with_values(BASE, **{key.replace(".", "__"): value for key, value in values.items()})


@given(consistent_values())
def test_consistent_tables_have_no_errors(values: dict[str, int]) -> None:
    assert [f for f in gkparse.validate(replaced(values), rules=TABLE_RULES) if f.severity == "error"] == []


@given(consistent_values(), st.sampled_from(T3_T4_KEYS), st.integers(1, 500))
def test_changing_one_cell_is_an_error_naming_it(values: dict[str, int], key: str, delta: int) -> None:
    changed = {**values, key: values[key] + delta}
    errors = [f for f in gkparse.validate(replaced(changed), rules=TABLE_RULES) if f.severity == "error"]
    assert any(key in finding.keys for finding in errors)
    assert all(isinstance(v, int | Decimal | None) for v in replaced(changed).facts().values())


def test_validation_error_pickles() -> None:
    import pickle

    report = with_values(report_2021(), applications__new__total=1)
    with pytest.raises(gkparse.ValidationError) as raised:
        gkparse.check(report)
    back = pickle.loads(pickle.dumps(raised.value))
    assert back.findings == raised.value.findings
    assert str(back) == str(raised.value)
