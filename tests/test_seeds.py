"""The five seed reports parse to what a careful reader sees in them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import gkparse
from gkparse.report.model import BLANK, UNIT_NOT_STATED, UNKNOWN, VALUE, WAN_YUAN
from tests.helpers import SECTIONS, T3_COLUMNS, seed_text

T3_ROWS_2019 = (
    "new",
    "carried_over",
    "granted",
    "partly_granted",
    "denied_state_secret",
    "denied_prohibited",
    "denied_security",
    "denied_third_party",
    "denied_internal",
    "denied_process",
    "denied_enforcement",
    "denied_query",
    "unable_not_held",
    "unable_needs_making",
    "unable_unclear",
    "refused_complaint",
    "refused_repeat",
    "refused_publication",
    "refused_excessive",
    "refused_confirmation",
    "other_handling",
    "handled_total",
    "carried_forward",
)
T4_KEYS = tuple(
    f"review_litigation.{group}.{column}"
    for group in ("review", "suit_direct", "suit_after_review")
    for column in ("upheld", "corrected", "other", "pending", "total")
)
T2_KEYS_2019 = (
    "active_disclosure.regulations.made",
    "active_disclosure.regulations.published",
    "active_disclosure.regulations.total_public",
    "active_disclosure.normative_documents.made",
    "active_disclosure.normative_documents.published",
    "active_disclosure.normative_documents.total_public",
    "active_disclosure.licensing.prev_items",
    "active_disclosure.licensing.change",
    "active_disclosure.licensing.decisions",
    "active_disclosure.other_services.prev_items",
    "active_disclosure.other_services.change",
    "active_disclosure.other_services.decisions",
    "active_disclosure.penalties.prev_items",
    "active_disclosure.penalties.change",
    "active_disclosure.penalties.decisions",
    "active_disclosure.coercion.prev_items",
    "active_disclosure.coercion.change",
    "active_disclosure.coercion.decisions",
    "active_disclosure.fees.prev_items",
    "active_disclosure.fees.change",
    "active_disclosure.procurement.items",
    "active_disclosure.procurement.amount",
)
T3_KEYS_2019 = tuple(f"applications.{row}.{column}" for row in T3_ROWS_2019 for column in T3_COLUMNS)
ALL_KEYS_2019 = T2_KEYS_2019 + T3_KEYS_2019 + T4_KEYS


def codes(report: gkparse.Report) -> list[tuple[str, str, tuple[str, ...]]]:
    """The findings of parsing (the rules' findings are tested in test_rules)."""
    return [(f.code, f.severity, f.keys) for f in report.problems]


def test_seed_000_one_cell_per_line_2019() -> None:
    report = gkparse.parse(seed_text("000"))
    assert report.title == "2020年度咸丰路街道办事处信息公开工作年度报告"
    assert report.body == "咸丰路街道办事处"
    assert report.year == 2020
    assert report.published == datetime.date(2021, 1, 28)
    assert report.edition == "2019"
    assert [s.key for s in report.sections] == SECTIONS[:-1]
    facts = report.facts()
    assert tuple(facts) == ALL_KEYS_2019
    assert facts["active_disclosure.procurement.items"] == 51
    amount = report.cell("active_disclosure.procurement.amount")
    assert amount.value == Decimal("138.31")
    assert amount.unit == WAN_YUAN
    assert amount.raw == "138.31万元"
    # 釆 in "政府集中釆购" is read as 采: the row is found, not reported unknown.
    assert all(v == 0 for k, v in facts.items() if "procurement" not in k)
    assert codes(report) == [("SECTION-MISSING", "info", ("other_matters",))]


def test_seed_000_spans_point_at_the_text() -> None:
    text = seed_text("000")
    cell = gkparse.parse(text).cell("active_disclosure.procurement.amount")
    assert cell.span is not None
    assert text[cell.span.start : cell.span.end] == "138.31万元"
    assert text.splitlines()[cell.span.line - 1][cell.span.column - 1 :] == "138.31万元"


def test_seed_001_has_no_tables() -> None:
    report = gkparse.parse(seed_text("001"))
    assert report.title == "兴华街道2020年政府信息公开工作年度报告"
    assert report.body == "兴华街道"
    assert report.year == 2020
    assert report.published == datetime.date(2021, 1, 12)
    assert report.edition is None
    assert report.facts() == {}
    assert report.tables == ()
    assert [s.key for s in report.sections] == SECTIONS
    other = report.section("other_matters")
    assert other is not None
    assert other.heading == "六、其他需要报告的事项"
    assert other.text.splitlines()[0] == "无。"
    assert codes(report) == [
        ("TABLE-MISSING", "warning", ("active_disclosure",)),
        ("TABLE-MISSING", "warning", ("applications",)),
        ("TABLE-MISSING", "warning", ("review_litigation",)),
    ]


def test_seed_001_keeps_all_prose() -> None:
    report = gkparse.parse(seed_text("001"))
    applications = report.section("applications")
    assert applications is not None
    assert applications.text.startswith("2020年，我街道未收到要求公开政府信息的申请件")
    overview = report.section("overview")
    assert overview is not None
    assert "（六）平台建设情况：" in overview.text
    assert "（七）推进重点领域政府信息公开情况：" in overview.text


def test_seed_002_recovers_the_shifted_label_and_reports_the_16th_value() -> None:
    report = gkparse.parse(seed_text("002"))
    assert report.title == "银川市兴庆区前进街街道办事处2019年政府信息公开工作年度报告"
    assert report.body == "银川市兴庆区前进街街道办事处"
    assert report.year == 2019
    assert report.published is None
    assert report.edition == "2019"
    facts = report.facts()
    assert tuple(facts) == ALL_KEYS_2019
    assert all(value == 0 for value in facts.values())
    confirmation = report.cell("applications.refused_confirmation.total")
    assert (confirmation.value, confirmation.state) == (0, VALUE)
    procurement = report.cell("active_disclosure.procurement.amount")
    assert (procurement.value, procurement.unit) == (Decimal(0), UNIT_NOT_STATED)
    (finding,) = gkparse.validate(report)
    assert (finding.code, finding.severity, finding.keys) == (
        "ROW-VALUE-COUNT",
        "info",
        ("review_litigation",),
    )
    assert (finding.expected, finding.actual) == ("15", "16")
    assert finding.span is not None
    assert finding.span.line == seed_text("002").splitlines().index("0\t" * 15 + "0") + 1


def test_seed_003_blanks_are_none_and_zeros_are_zero() -> None:
    report = gkparse.parse(seed_text("003"))
    assert report.title == "汉沽街道办事处2019年政府信息公开工作年度报告"
    assert (report.body, report.year, report.published, report.edition) == (
        "汉沽街道办事处",
        2019,
        None,
        "2019",
    )
    facts = report.facts()
    assert tuple(facts) == ALL_KEYS_2019
    # Header cells broken over two lines ("本年新" / "制作数量") are recognised.
    assert facts["active_disclosure.regulations.made"] == 0
    assert facts["active_disclosure.normative_documents.made"] == 19
    assert facts["active_disclosure.normative_documents.published"] == 19
    assert facts["active_disclosure.normative_documents.total_public"] == 19
    numbers = {
        "applications.new.natural_person": 1,
        "applications.new.total": 1,
        "applications.granted.natural_person": 1,
        "applications.granted.total": 1,
        "applications.handled_total.natural_person": 1,
        "applications.handled_total.total": 1,
        "applications.carried_forward.natural_person": 0,
        "applications.carried_forward.total": 0,
        "review_litigation.suit_after_review.total": 0,
    }
    for key in T3_KEYS_2019 + T4_KEYS:
        assert facts[key] == numbers.get(key), key
        if key not in numbers:
            assert report.cell(key).state == BLANK, key
    assert report.cell("applications.new.commercial").raw == "\xa0"  # a no-break space, as converted
    assert report.cell("applications.carried_forward.commercial").raw == ""
    assert report.cell("applications.granted.natural_person").raw == "\xa01"
    assert codes(report) == [("SECTION-MISSING", "info", ("other_matters",))]


def test_seed_004_six_values_for_seven_columns_invent_nothing() -> None:
    report = gkparse.parse(seed_text("004"))
    assert report.title == "南岗区保健路街道办事处2020年政府信息公开年度报告"
    assert (report.body, report.year, report.published) == (
        "南岗区保健路街道办事处",
        2020,
        datetime.date(2021, 1, 28),
    )
    assert report.edition == "2019"
    short_rows = T3_ROWS_2019[2:-1]  # granted … handled_total: six values each
    assert len(short_rows) == 20
    facts = report.facts()
    for row in T3_ROWS_2019:
        for column in T3_COLUMNS:
            key = f"applications.{row}.{column}"
            if row in short_rows:
                assert (facts[key], report.cell(key).state) == (None, UNKNOWN), key
            else:
                assert facts[key] == 0, key
    assert all(facts[key] == 0 for key in T2_KEYS_2019 + T4_KEYS)
    assert codes(report) == [("ROW-VALUE-COUNT", "error", (f"applications.{row}",)) for row in short_rows]
    first = report.problems[0]
    assert (first.expected, first.actual) == ("7", "6")
    assert "予以公开" in first.message


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_seed_line_is_section_text_or_table(number: str) -> None:
    """Nothing is lost: each non-blank line is in the preamble, a section or a table's grid."""
    text = seed_text(number)
    report = gkparse.parse(text)
    kept = "\n".join([report.preamble, *(s.heading + "\n" + s.text for s in report.sections)])
    grid_lines = {
        line
        for table in report.tables
        for grid in table.grids
        for row in grid.rows
        for cell in row.cells
        for line in range(cell.span.line, cell.span.end_line + 1)
    }
    for number_, line in enumerate(text.splitlines(), start=1):
        content = line.replace("[bookmark: OLE_LINK1][bookmark: OLE_LINK2]", "")
        content = content.replace("[bookmark: _GoBack]", "").strip()
        if content and number_ not in grid_lines:
            assert content in kept, (number_, line)
