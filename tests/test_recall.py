"""Reading every certain number of tab and pipe tables as real converters write
them (the spec's "Slots and merged cells" and "Lines that a converter broke")."""

from __future__ import annotations

from decimal import Decimal

import gkparse

T3_HEAD = (
    "三、收到和处理政府信息公开申请情况\n"
    "| 申请人情况 | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
)


def _facts(text: str, prefix: str) -> dict[str, object]:
    return {k: v for k, v in gkparse.parse(text).facts().items() if k.startswith(prefix)}


def test_a_row_of_empty_slots_under_an_anchored_header_is_seven_blanks() -> None:
    report = gkparse.parse(T3_HEAD + "| | | 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |\n")
    cells = [report.cell(f"applications.denied_prohibited.{c}") for c in ("natural_person", "total")]
    assert [(c.value, c.state) for c in cells] == [(None, "blank"), (None, "blank")]
    assert "ROW-VALUE-COUNT" not in {f.code for f in report.problems}


def test_a_trailing_blank_under_an_anchored_header_is_a_blank() -> None:
    report = gkparse.parse(T3_HEAD + "| 一、本年新收政府信息公开申请数量 | | | 1 | 2 | 3 | 4 | 5 | 6 |  |\n")
    facts = report.facts()
    assert [facts[f"applications.new.{c}"] for c in ("natural_person", "other_org", "total")] == [1, 6, None]
    assert report.cell("applications.new.total").state == "blank"


def test_rows_that_lost_their_first_slots_read_from_the_end() -> None:
    """markitdown flattens rowspans: rows below lose their first cells."""
    text = T3_HEAD + (
        "| 三、本年度办理结果 | （一）予以公开 | | 6 | 0 | 0 | 0 | 0 | 1 | 7 |\n"
        "| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        "| 2.其他法律行政法规禁止公开 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    facts = _facts(text, "applications.")
    assert (facts["applications.granted.natural_person"], facts["applications.granted.total"]) == (6, 7)
    assert facts["applications.denied_prohibited.commercial"] == 1


def test_a_row_shifted_both_ways_stays_unknown() -> None:
    """Empty slots at both ends of the values: the row could be shifted either
    way, so nothing is placed."""
    report = gkparse.parse(
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t\t4\t9\t\n"
    )
    assert report.cell("active_disclosure.regulations.made").state == "unknown"


def test_a_lone_nbsp_or_ideographic_space_is_blank() -> None:
    report = gkparse.parse(
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t\u00a0\t\u3000\n"
    )
    columns = ("made", "published", "total_public")
    states = [report.cell(f"active_disclosure.regulations.{c}").state for c in columns]
    assert states == ["value", "blank", "blank"]


HEAD_2019 = "二、主动公开政府信息情况\n"


def test_a_merged_header_repeated_in_its_slots_holds_one_value() -> None:
    text = HEAD_2019 + (
        "第二十条第（八）项\t第二十条第（八）项\t第二十条第（八）项\t第二十条第（八）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t本年增/减\n"
        "行政事业性收费\t35\t-15\t-15\n"
        "第二十条第（九）项\t第二十条第（九）项\t第二十条第（九）项\t第二十条第（九）项\n"
        "信息内容\t采购项目数量\t采购总金额\t采购总金额\n"
        "政府集中采购\t51\t386000元\t386000元\n"
    )
    report = gkparse.parse(text)
    facts = report.facts()
    assert (facts["active_disclosure.fees.prev_items"], facts["active_disclosure.fees.change"]) == (35, -15)
    assert facts["active_disclosure.procurement.items"] == 51
    assert facts["active_disclosure.procurement.amount"] == Decimal("38.6")
    assert not [f for f in report.problems if f.code in ("ROW-VALUE-COUNT", "CELL-CONFLICT")]


def test_an_empty_slot_continues_a_merged_header() -> None:
    text = HEAD_2019 + (
        "| 第二十条第（五）项 | | | | |\n| --- | --- | --- | --- | --- |\n"
        "| 信息内容 | 上一年项目数量 | 本年增/减 |  | 处理决定数量 |\n"
        "| 行政许可 | 4 |  | 1 | 7 |\n"
    )
    facts = _facts(text, "active_disclosure.licensing.")
    assert facts == {
        "active_disclosure.licensing.prev_items": 4,
        "active_disclosure.licensing.change": 1,
        "active_disclosure.licensing.decisions": 7,
    }


def test_slots_of_a_merged_header_that_disagree_are_unknown_with_a_finding() -> None:
    text = HEAD_2019 + (
        "第二十条第（八）项\t第二十条第（八）项\t第二十条第（八）项\t第二十条第（八）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t本年增/减\n"
        "行政事业性收费\t35\t-15\t-16\n"
    )
    report = gkparse.parse(text)
    assert report.facts()["active_disclosure.fees.change"] is None
    assert report.facts()["active_disclosure.fees.prev_items"] == 35
    (finding,) = [f for f in report.problems if f.code == "CELL-CONFLICT"]
    assert finding.keys == ("active_disclosure.fees.change",)


def test_rows_python_docx_broke_over_lines_are_joined() -> None:
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\t第二十条第（一）项\t第二十条第（一）项\t第二十条第（一）项\n"
        "信息内容\t本年新\n制作数量\t本年新\n公开数量\t对外公开总数量\n"
        "规章\t0\t0\t7\n"
        "三、收到和处理政府信息公开申请情况\n"
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
        "三、本年\n度办理\n结果\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关\n"
        "不再处理其政府信息公开申请\t3\t0\t0\t0\t0\t0\t3\n"
        "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n"
        "\n这是表格后面的正文。\n"
    )
    report = gkparse.parse(text)
    facts = report.facts()
    assert facts["active_disclosure.regulations.total_public"] == 7
    assert facts["applications.other_overdue_correction.natural_person"] == 3
    assert facts["applications.other_overdue_fee.total"] == 1
    section = report.section("applications")
    assert section is not None
    assert section.text == "这是表格后面的正文。"


def test_br_inside_pipe_cells_and_labels_wrapped_over_rows() -> None:
    text = T3_HEAD + (
        "| 三、本年度办理结果 | （六）其他<br>处理 |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| （三）不予公开 | 2.其 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "| | 他法律行政法规禁止公开 | | | | | | | | |\n"
        "| 14<br>39<br>4 | | | | | | | | | |\n"
    )
    facts = _facts(text, "applications.")
    assert facts["applications.other_handling.total"] == 1
    assert facts["applications.denied_prohibited.natural_person"] == 2


def test_headings_indented_quoted_or_bold_are_headings() -> None:
    text = (
        "一、总体情况\n文字。\n"
        "\t\t二、主动公开政府信息情况\n说明。\n"
        "> 三、收到和处理政府信息公开申请情况\n"
        "**四、政府信息公开行政复议、行政诉讼情况**\n正文。\n"
    )
    report = gkparse.parse(text)
    assert [(s.key, s.text) for s in report.sections] == [
        ("overview", "文字。"),
        ("active_disclosure", "说明。"),
        ("applications", ""),
        ("review_litigation", "正文。"),
    ]


def test_a_tab_indented_heading_ends_the_table_before_it() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n"
        "\t\t五、存在的主要问题及改进情况\n问题不少。\n"
    )
    report = gkparse.parse(text)
    problems = report.section("problems")
    assert problems is not None
    assert problems.text == "问题不少。"
    assert report.facts()["active_disclosure.regulations.total_public"] == 3


def test_a_blank_2019_other_handling_row_is_a_row_of_blanks() -> None:
    text = T3_HEAD + (
        "| | （六）其他处理 | |  |  |  |  |  |  |  |\n"
        "| | （七）总计 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    report = gkparse.parse(text)
    assert report.cell("applications.other_handling.total").state == "blank"
    assert "ROW-MISSING" not in {f.code for f in report.problems if "other_handling" in "".join(f.keys)}


def test_a_table_run_together_on_one_line_gives_its_certain_rows() -> None:
    """Garbled PDF-to-markdown text: a whole pipe table on one line, with an
    em-dash delimiter row inside it. Rows with a label and the full count of
    values are read; the rest is unknown, with findings."""
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | |—|—|—|—| | 规章 | 1 | 0 | 4 | "
        "| 行政规范性文件 | 6 | 2 | 30 | | 第二十条第（五）项 | | | | | 信息内容 | 本年处理决定数量 | "
        "| 行政许可 | 5 | 7 |\n"
    )
    report = gkparse.parse(text)
    facts = report.facts()
    assert report.edition == "2021"
    columns = ("issued", "repealed", "in_force")
    assert [facts[f"active_disclosure.regulations.{c}"] for c in columns] == [1, 0, 4]
    assert facts["active_disclosure.normative_documents.in_force"] == 30
    assert facts["active_disclosure.licensing.decisions"] is None
    assert "ROW-VALUE-COUNT" in {f.code for f in report.problems}


def test_a_lone_pipe_row_is_no_table() -> None:
    assert gkparse.find_tables("前言\n| 规章 | 1 |\n后记\n") == ()
