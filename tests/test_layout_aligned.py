"""Layout ``aligned``: columns aligned with spaces (pdftotext -layout, fixed-width text)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse import find_tables, parse_table
from gkparse.grids.grammars import build_parser
from gkparse.grids.layouts import Positions, get
from gkparse.grids.layouts.aligned import AlignedReader
from tests.converters.score import score_file

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(
    path.parent for root in ("converters", "corpus") for path in (FIXTURES / root).glob("*/truth.json")
)


def _texts(text: str) -> list[tuple[str, ...]]:
    return [row.texts for row in parse_table(text, "aligned").rows]


def test_cells_are_separated_by_two_spaces_or_more() -> None:
    text = (
        "信息内容   本年新制作数量   采购总金额\n"
        "政府集中采购   12   4434 万元\n"
        "行政事业性收费  0  增加 24513\n"
    )
    assert _texts(text) == [
        ("信息内容", "本年新制作数量", "采购总金额"),
        ("政府集中采购", "12", "4434 万元"),
        ("行政事业性收费", "0", "增加 24513"),
    ]


def test_blank_cells_are_placed_by_display_width() -> None:
    """The header's right edges are the columns (a CJK character is two wide):
    a value missing between two others is an empty cell."""
    text = "信息内容   甲   乙   丙\n规章        1         3\n规范性文件  4    5    6\n"
    assert _texts(text) == [
        ("信息内容", "甲", "乙", "丙"),
        ("规章", "1", "", "3"),
        ("规范性文件", "4", "5", "6"),
    ]
    blank = parse_table(text, "aligned").rows[1].cells[2]
    at = text.index("3\n")
    assert (blank.span.start, blank.span.end) == (at, at)  # zero-width, where the next value stands


def test_spans_point_into_the_whole_text() -> None:
    text = "前言。\n\n二、主动公开政府信息情况\n\n信息内容   甲   乙\n规章        1   2\n规范性文件  3   4\n"
    (grid,) = find_tables(text)
    assert grid.layout == "aligned"
    for row in grid.rows:
        for cell in row.cells:
            assert text[cell.span.start : cell.span.end] == cell.text


def test_values_of_a_table_not_aligned_stay_as_they_are() -> None:
    """pdftotext moves rows: where the values do not stand under the header's
    edges, no value is placed by its position."""
    text = "信息内容   甲   乙   丙\n规章      1      3\n规范性文件  4  5  6\n"
    assert _texts(text) == [("信息内容", "甲", "乙", "丙"), ("规章", "1", "3"), ("规范性文件", "4", "5", "6")]


def test_a_line_of_values_below_a_row() -> None:
    """A value under a value is the rest of a broken number (it no longer reads
    as one); a value in a gap between a row's values is that row's, set lower
    (pingtan 2020 under pdftotext -layout), however many values the row has;
    a value after the row's last is the rest of that last one."""
    broken = "结果   总计\n0   30   34\n    3    9\n"
    assert _texts(broken)[1] == ("0", "30\n3", "34\n9")
    offset = "规章   0   0   7\n规范性文件          77     166\n          77\n"
    assert _texts(offset)[1] == ("规范性文件", "77", "77", "166")
    full = "行政许可          396            278\n                      442\n"
    assert _texts(full)[0] == ("行政许可", "396", "442", "278")
    after = "行政许可          396            278\n                                      4\n"
    assert _texts(after)[0] == ("行政许可", "396", "278\n4")


def test_numbers_between_single_spaces_in_a_laid_out_line() -> None:
    assert _texts("一、本年新收   4122 3907 3479    4210\n二、上年结转   1   2   3   4\n")[0] == (
        "一、本年新收",
        "4122",
        "3907",
        "3479",
        "4210",
    )


_NARROW = """三、收到和处理政府信息公开申请情况
    （三  1.属   3    2    2    2    1    2    12
    ）不  于国
    予公  家秘
    开   密
        2.其   3    2    0    3    1    2    11
        他法
        律行
        {third}   1    0    2    0    3    3    9
        及“三
    （六）其他处            3      0    0    3     0    0        6
    理
"""


def test_a_narrow_column_wraps_labels_a_few_characters_a_line() -> None:
    """pdftotext -layout of a narrow label column: beside the numbers stand the
    ordinal and a character or two. That start is the row's when no other
    row of the table starts so; a start that could be two rows is none."""
    report = gkparse.parse(_NARROW.format(third="3.危"))
    totals = {
        key: report.cell(f"applications.{key}.total") for key in ("denied_state_secret", "denied_prohibited")
    }
    assert {key: cell.value for key, cell in totals.items()} == {
        "denied_state_secret": 12,
        "denied_prohibited": 11,
    }
    assert all(cell.placed_by == "layout" for cell in totals.values())
    assert report.cell("applications.denied_security.total").value == 9
    assert "PLACED-BY-ARITHMETIC" not in {finding.code for finding in report.problems}
    shared = gkparse.parse(_NARROW.format(third="3."))  # 3.危…, 3.补…, 3.要… and 3.其他
    assert shared.cell("applications.denied_security.total").value is None
    assert shared.cell("applications.denied_prohibited.total").value == 11


def test_region_keeps_prose_out() -> None:
    text = (
        "二、主动公开政府信息情况\n\n本机关主动公开政府信息，相关数据统计如下。\n\n"
        "第二十条第（一）项\n信息内容   本年制发件数   本年废止件数   现行有效件数\n"
        "规章                  1              2              5\n"
        "行政规范性文件        4              0              6\n说明\n"
    )
    (grid,) = find_tables(text)
    assert grid.layout == "aligned"
    assert grid.rows[0].texts == ("第二十条第（一）项",)
    assert grid.rows[-1].texts[0] == "行政规范性文件"
    report = gkparse.parse(text)
    assert [
        report.facts()[f"active_disclosure.regulations.{c}"] for c in ("issued", "repealed", "in_force")
    ] == [
        1,
        2,
        5,
    ]
    assert "相关数据统计如下" in report.sections[0].text


def test_prose_is_not_a_table() -> None:
    assert find_tables("全年公开信息45条。\n共计  12  13。\n") == ()


def test_writer_aligns_right_in_display_width() -> None:
    grid = parse_table("信息内容\t甲\t乙\n规章\t1\t\n行政规范性文件\t10\t2\n", "tab")
    lines = get("aligned").writer(grid, gkparse.grids.layouts.CLEAN, False)
    assert lines == ["      信息内容   甲   乙", "          规章    1", "行政规范性文件   10    2"]


def _steps(rows: int) -> int:
    text = "甲  乙\n" + "规章  1\n" * rows
    reader = AlignedReader(Positions())
    reader.transform(build_parser(get("aligned").grammar).parse(text))
    return reader.steps


def _per_row() -> int:
    return _steps(11) - _steps(10)


@given(rows=st.integers(min_value=10, max_value=200))
def test_reading_is_linear(rows: int) -> None:
    """The work (tokens, cells and edges visited) is the same for every row,
    never growing with pairs of rows."""
    assert _steps(rows) == _steps(10) + _per_row() * (rows - 10)


def test_a_long_table_is_linear_work() -> None:
    """10,000 lines: the same work a row as ten (100,000 take the same, ten times as long)."""
    assert _steps(10_000) == _steps(10) + _per_row() * (10_000 - 10)


def test_share_of_pdftotext_layout_fixtures() -> None:
    right = total = 0
    for case in CASES:
        if "converters" in case.parts and (case / "pdftotext-layout.txt").exists():
            result = score_file(case, "pdftotext-layout.txt")
            right, total = right + result.right, total + result.total
    assert right >= 0.95 * total


def test_a_line_of_one_cell_gives_no_column_edge() -> None:
    """A signature or a caption above the table ends where it ends: only
    header lines of several cells say where the columns are."""
    text = (
        "                        咸丰路街道办事处\n"
        "      2021年1月28日\n"
        "            信息内容   本年新制作数量   本年新公开数量   对外公开总数量\n"
        "                规章                —                —                —\n"
        "          规范性文件                1                                 3\n"
    )
    assert _texts(text)[-2:] == [("规章", "—", "—", "—"), ("规范性文件", "1", "", "3")]


def _right(cells: list[tuple[str, int]]) -> str:
    """A line with each cell's text ending at its column (ASCII only)."""
    line = ""
    for text, end in cells:
        line += " " * (end - len(line) - len(text)) + text
    return line + "\n"


def test_each_block_on_its_own_header() -> None:
    """Two tables one after the other, each under its own header: a header
    line after data lines opens a block whose columns are its own, so the
    second header's edges put no empty cell into the first table's rows."""
    first = [("head", 8), ("aa", 20), ("bb", 30), ("cc", 40)]
    second = [("head", 8), ("dd", 15), ("ee", 25), ("ff", 35), ("gg", 45)]
    text = (
        _right(first)
        + _right([("row", 8), ("1", 20), ("2", 30), ("3", 40)])
        + "\n"
        + _right(second)
        + _right([("row", 8), ("4", 15), ("5", 25), ("6", 35), ("7", 45)])
    )
    rows = _texts(text)
    assert rows[1] == ("row", "1", "2", "3")
    assert rows[3] == ("row", "4", "5", "6", "7")


def test_column_labels_one_space_apart_in_one_header_cell() -> None:
    """pdftotext -layout of pingtan 2020: the block header's labels stand one
    space apart (one cell), and each row's change is set lower than its other
    values. Each word of the header is a column; the lower value is the
    row's, in the gap where it stands."""
    text = (
        "二、主动公开政府信息情况\n\n第二十条第（五）项\n\n"
        "信息内容          上一年项目数量 本年增/减 处理决定数量\n\n"
        "行政许可          396            278\n"
        "                      442\n\n"
        "其他对外管理服务事项 10                105\n"
        "                      7\n"
    )
    facts = gkparse.parse(text).facts()
    assert [facts[f"active_disclosure.licensing.{c}"] for c in ("prev_items", "change", "decisions")] == [
        396,
        442,
        278,
    ]
    assert [
        facts[f"active_disclosure.other_services.{c}"] for c in ("prev_items", "change", "decisions")
    ] == [
        10,
        7,
        105,
    ]
