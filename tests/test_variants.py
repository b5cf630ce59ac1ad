"""Every label, heading and debris variant the spec lists is read the same way.

The tables here are written out by hand (not from gkparse.definitions), so a
change to the definitions cannot make these tests agree with themselves.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import gkparse
from tests.helpers import T3_COLUMNS, seed_text

T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果\t（一）予以公开",
    "partly_granted": "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "\t（三）不予公开\t1.属于国家秘密",
    "denied_prohibited": "\t\t2.其他法律行政法规禁止公开",
    "denied_security": "\t\t3.危及“三安全一稳定”",
    "denied_third_party": "\t\t4.保护第三方合法权益",
    "denied_internal": "\t\t5.属于三类内部事务信息",
    "denied_process": "\t\t6.属于四类过程性信息",
    "denied_enforcement": "\t\t7.属于行政执法案卷",
    "denied_query": "\t\t8.属于行政查询事项",
    "unable_not_held": "\t（四）无法提供\t1.本机关不掌握相关政府信息",
    "unable_needs_making": "\t\t2.没有现成信息需要另行制作",
    "unable_unclear": "\t\t3.补正后申请内容仍不明确",
    "refused_complaint": "\t（五）不予处理\t1.信访举报投诉类申请",
    "refused_repeat": "\t\t2.重复申请",
    "refused_publication": "\t\t3.要求提供公开出版物",
    "refused_excessive": "\t\t4.无正当理由大量反复申请",
    "refused_confirmation": "\t\t5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "\t（六）其他处理",
    "handled_total": "\t（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
HEADER = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\n"
    "\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
)


def values(row: int) -> list[int]:
    """Distinct numbers for each row, so a row read under another key shows."""
    return [row * 10 + column for column in range(7)]


def table3(labels: dict[str, str]) -> str:
    lines = [HEADER]
    for index, label in enumerate(labels.values()):
        lines.append(label + "\t" + "\t".join(str(v) for v in values(index)) + "\n")
    return "三、收到和处理政府信息公开申请情况\n" + "".join(lines)


def assert_rows_read(report: gkparse.Report) -> None:
    facts = report.facts()
    for index, key in enumerate(T3_LABELS):
        row = [facts[f"applications.{key}.{column}"] for column in T3_COLUMNS]
        assert row == values(index), key
    assert [f.code for f in gkparse.validate(report) if f.code.startswith(("ROW", "LABEL"))] == []


def test_canonical_labels() -> None:
    assert_rows_read(gkparse.parse(table3(T3_LABELS)))


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("denied_security", '\t\t3.危及"三安全一稳定"'),  # ASCII quotes
        (
            "partly_granted",
            "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
        ),  # half-width, ASCII commas
        ("denied_state_secret", "\t（三）不予公开\t1、属于国家秘密"),  # 1、 for 1.
        ("denied_prohibited", "\t\t2. 其他法律行政法规禁止公开"),  # "1. 属于" with a space
        ("refused_repeat", "\t\t\uff12\uff0e重复申请"),  # full-width digit and dot
        ("granted", "三、本年度办理结果\t予以公开"),  # numbering dropped
        ("denied_internal", "\t\t属于三类内部事务信息"),  # numbering dropped
        ("partly_granted", "\t（2）部分公开"),  # numbering changed, note dropped
        ("new", "本年新收政府信息公开申请数量"),
        ("unable_not_held", "\t（四）无法提供\t1.本机关 不掌握 相关政府信息"),  # spaces inside
        ("handled_total", "\t（七）总 计"),
        ("refused_confirmation", "5.要求行政机关确认或重新出具已获取信息\t"),  # label slid into column 0
        ("denied_state_secret", "\t（三）不予公开1.属于国家秘密"),  # group and leaf in one cell
        ("unable_not_held", "（四）无法提供\t1.本机关不掌握相关政府信息\t"),  # shifted left, padding after
    ],
)
def test_label_variant(key: str, label: str) -> None:
    assert_rows_read(gkparse.parse(table3({**T3_LABELS, key: label})))


def test_group_label_on_its_own_line() -> None:
    labels = {**T3_LABELS, "denied_state_secret": "\t\t1.属于国家秘密"}
    text = table3(labels).replace("\t\t1.属于国家秘密", "\t（三）不予公开\n\t\t1.属于国家秘密")
    assert_rows_read(gkparse.parse(text))


def test_debris_between_rows_is_skipped() -> None:
    text = table3(T3_LABELS)
    text = text.replace("\t\t6.属于", "- 4 -\n[bookmark: OLE_LINK1]\t\t6.属于")
    text = text.replace("\t（四）无法提供", "--------\t---\t---\n\n\t（四）无法提供")
    text = text.replace("\t（五）不予处理", "-3-\n\t（五）不予处理")
    assert_rows_read(gkparse.parse(text))


def test_2021_other_handling_rows() -> None:
    labels = {key: label for key, label in T3_LABELS.items() if key != "other_handling"}
    rows = list(labels.items())
    at = [key for key, _ in rows].index("handled_total")
    rows[at:at] = [
        (
            "other_overdue_correction",
            "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        ("other_overdue_fee", "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_other", "\t\t3.其他"),
    ]
    report = gkparse.parse(table3(dict(rows)))
    facts = report.facts()
    for index, (key, _) in enumerate(rows):
        assert facts[f"applications.{key}.natural_person"] == values(index)[0], key
    assert "applications.other_handling.total" not in facts
    assert len([k for k in facts if k.startswith("applications.")]) == 175


def test_3_other_outside_the_other_handling_group_is_unplaced() -> None:
    """The row is there but matches no label of its group: ROW-UNPLACED names
    the row it may be, whose cells are unknown (not missing)."""
    labels = {**T3_LABELS, "denied_query": "\t\t3.其他"}
    report = gkparse.parse(table3(labels))
    codes = [(f.code, f.keys) for f in gkparse.validate(report)]
    assert ("ROW-UNPLACED", ("applications.denied_query",)) in codes
    assert "ROW-MISSING" not in {code for code, _ in codes}
    assert report.facts()["applications.denied_query.total"] is None
    assert report.cell("applications.denied_query.total").state == "unknown"


def test_a_label_that_lost_characters_is_placed_loosely_when_certain() -> None:
    labels = {**T3_LABELS, "denied_third_party": "\t\t4.保护第三方法权益"}
    report = gkparse.parse(table3(labels))
    whole = gkparse.parse(table3(T3_LABELS))
    assert report.facts() == whole.facts()
    (finding,) = [f for f in report.problems if f.code == "LABEL-LOOSE"]
    assert (finding.severity, finding.keys) == ("info", ("applications.denied_third_party",))


def test_a_damaged_label_with_two_unfilled_rows_is_not_guessed() -> None:
    labels = {**T3_LABELS, "denied_third_party": "\t\t4.保护第三方法权益", "denied_internal": "\t\t5.内部"}
    report = gkparse.parse(table3(labels))
    assert {f.code for f in report.problems} >= {"ROW-UNPLACED"}
    assert "LABEL-LOOSE" not in {f.code for f in report.problems}
    for row in ("denied_third_party", "denied_internal"):
        assert report.facts()[f"applications.{row}.total"] is None


TABLE2_2019 = """二、主动公开政府信息情况
主动公开政府信息情况\t\t\t
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t1\t2\t3
规范性文件\t4\t5\t6
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t7\t+8\t9
其他对外管理服务事项\t10\t-11\t12
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t13\t减少14\t15
行政强制\t16\t0\t17
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t18\t19\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t20\t251000元\t
"""


def test_table2_2019() -> None:
    report = gkparse.parse(TABLE2_2019)
    facts = report.facts()
    assert report.edition == "2019"
    assert [
        facts[f"active_disclosure.{key}"]
        for key in (
            "regulations.made",
            "regulations.published",
            "regulations.total_public",
            "normative_documents.made",
            "normative_documents.published",
            "normative_documents.total_public",
            "licensing.prev_items",
            "licensing.change",
            "licensing.decisions",
            "other_services.prev_items",
            "other_services.change",
            "other_services.decisions",
            "penalties.prev_items",
            "penalties.change",
            "penalties.decisions",
            "coercion.prev_items",
            "coercion.change",
            "coercion.decisions",
            "fees.prev_items",
            "fees.change",
            "procurement.items",
        )
    ] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -11, 12, 13, -14, 15, 16, 0, 17, 18, 19, 20]
    amount = report.cell("active_disclosure.procurement.amount")
    assert (amount.value, amount.unit, amount.raw) == (Decimal("25.1"), "万元", "251000元")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("第二十条第（一）项", "第二十条 第（一）项"),
        ("第二十条第（五）项", "第二十条第(五)项"),
        ("政府集中采购", "政府集中釆购"),
        ("本年新制作数量", "本年新 制作数量"),
        ("主动公开政府信息情况\t\t\t\n", ""),
        (
            "第二十条第（六）项\t\t\t",
            "第二十条第（六）项\t第二十条第（六）项\t第二十条第（六）项\t第二十条第（六）项",
        ),
    ],
)
def test_table2_variants(old: str, new: str) -> None:
    plain = gkparse.parse(TABLE2_2019)
    variant = gkparse.parse(TABLE2_2019.replace(old, new, 1))
    assert variant.facts() == plain.facts()
    assert gkparse.validate(variant) == gkparse.validate(plain)


def test_money_without_a_unit_is_not_stated() -> None:
    report = gkparse.parse(TABLE2_2019.replace("251000元", "0"))
    amount = report.cell("active_disclosure.procurement.amount")
    assert (amount.value, amount.unit) == (Decimal(0), "not stated")


REPORT = """某某区2021年政府信息公开工作年度报告
一、总体情况
（一）主动公开情况
正文一。
## 二、主动公开政府信息情况
正文二。
## 表三：收到和处理政府信息公开申请情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
正文五。
|七、其他需要报告的事项
无。
"""


def test_heading_variants() -> None:
    report = gkparse.parse(REPORT)
    assert [(s.key, s.heading) for s in report.sections] == [
        ("overview", "一、总体情况"),
        ("active_disclosure", "## 二、主动公开政府信息情况"),
        ("applications", "三、收到和处理政府信息公开申请情况"),
        ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五、存在的主要问题及改进情况"),
        ("other_matters", "|七、其他需要报告的事项"),
    ]
    overview = report.section("overview")
    assert overview is not None
    assert overview.text == "（一）主动公开情况\n正文一。"
    active = report.section("active_disclosure")
    assert active is not None
    assert active.text == "正文二。\n## 表三：收到和处理政府信息公开申请情况"
    assert (report.title, report.body, report.year) == (
        "某某区2021年政府信息公开工作年度报告",
        "某某区",
        2021,
    )


def test_a_repeated_heading_stays_text() -> None:
    report = gkparse.parse(REPORT.replace("正文五。", "正文五。\n三、收到和处理政府信息公开申请情况"))
    problems = report.section("problems")
    assert problems is not None
    assert problems.text == "正文五。\n三、收到和处理政府信息公开申请情况"


def test_section_six_missing() -> None:
    report = gkparse.parse(REPORT.split("|七、", maxsplit=1)[0])
    assert [s.key for s in report.sections][-1] == "problems"
    assert ("SECTION-MISSING", "info", ("other_matters",)) in [
        (f.code, f.severity, f.keys) for f in gkparse.validate(report)
    ]


def test_procurement_header_alone_tells_edition_2019() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（九）项\t\t\n"
        "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t12.5万元\n"
    )
    report = gkparse.parse(text)
    assert report.edition == "2019"
    assert report.facts()["active_disclosure.procurement.amount"] == Decimal("12.5")


def test_decisions_header_tells_its_edition() -> None:
    text = "二、主动公开政府信息情况\n第二十条第（五）项\t\n信息内容\t本年处理决定数量\n行政许可\t9\n"
    report = gkparse.parse(text)
    assert report.edition == "2021"
    assert report.facts()["active_disclosure.licensing.decisions"] == 9


def test_an_unknown_header_column_leaves_its_cells_unknown_not_missing() -> None:
    report = gkparse.parse(TABLE2_2019.replace("对外公开总数量", "对外总量"))
    cell = report.cell("active_disclosure.regulations.total_public")
    assert (cell.value, cell.state) == (None, "unknown")
    assert cell.span is not None
    codes = [(f.code, f.keys) for f in report.problems]
    assert ("COLUMN-MISSING", ("active_disclosure.regulations.total_public",)) in codes
    assert ("COLUMN-MISSING", ("active_disclosure.normative_documents.total_public",)) in codes
    assert not [code for code, _ in codes if code == "ROW-MISSING"]


def test_row_missing_names_the_label_of_the_reports_edition() -> None:
    report = gkparse.parse(TABLE2_2019.replace("规范性文件\t4\t5\t6\n", ""))
    (finding,) = [f for f in report.problems if f.code == "ROW-MISSING"]
    assert finding.message == "active_disclosure: row '规范性文件' is not in the table"


def test_unknown_cells_point_at_their_row() -> None:
    text = seed_text("004")
    report = gkparse.parse(text)
    cell = report.cell("applications.granted.total")
    assert cell.state == "unknown"
    assert cell.span is not None
    assert text[cell.span.start : cell.span.end].startswith("三、本年度办理结果")
    assert report.cell("applications.granted.total").unit is None


def test_a_duplicate_row_replaces_a_first_reading_without_values() -> None:
    """The first reading of a row is kept, unless it read no value at all (a
    label alone on its line); then the second one, with values, is."""
    head = "三、收到和处理政府信息公开申请情况\n"
    rows = "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n"
    alone = gkparse.parse(head + "一、本年新收政府信息公开申请数量\t\n" + rows)
    assert alone.facts()["applications.new.total"] == 2
    (duplicate,) = [f for f in alone.problems if f.code == "ROW-DUPLICATE"]
    assert (duplicate.keys, duplicate.span and duplicate.span.line) == (("applications.new",), 3)
    assert "since the first read no value" in duplicate.message
    valued = gkparse.parse(head + "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n" + rows)
    assert valued.facts()["applications.new.total"] == 1
    assert [f.message for f in valued.problems if f.code == "ROW-DUPLICATE"] == [
        "applications: row '一、本年新收政府信息公开申请数量' appears again; the first one is kept"
    ]
