"""Layout ``html``: HTML ``<table>`` elements, in a page or inside markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

import gkparse
from gkparse.grids import parse_table, write_grid
from tests.converters import score

FIXTURES = Path(__file__).parent / "fixtures"


def _cells(text: str) -> list[list[tuple[str, int, int]]]:
    grid = parse_table(text, "html")
    return [[(cell.text, cell.column_span, cell.row_span) for cell in row.cells] for row in grid.rows]


def test_spans_parts_and_entities() -> None:
    text = (
        '<table style="width:100%;">\n<colgroup>\n<col style="width: 50%" />\n</colgroup>\n<thead>\n'
        '<tr class="odd">\n<th colspan="2" rowspan="2"><p>申请人 </p>\n<p>情况 </p></th>\n'
        "<th>&nbsp;</th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr><td>商业<br/>企业</td></tr>\n"
        "<tr><td>A &amp; B</td><TD COLSPAN=3>1264</TD></tr>\n</tbody>\n</table>\n"
    )
    assert _cells(text) == [
        [("申请人\n情况", 2, 2), ("", 1, 1)],
        [("商业\n企业", 1, 1)],
        [("A & B", 1, 1), ("1264", 3, 1)],
    ]


def test_tags_do_not_depend_on_line_breaks() -> None:
    one_line = (
        "<table><tr><td>规章</td><td>1</td></tr>"
        "<tr><td>行政\n许可</td><td\n colspan='2'>5</td></tr></table>\n"
    )
    assert _cells(one_line) == [[("规章", 1, 1), ("1", 1, 1)], [("行政 许可", 1, 1), ("5", 2, 1)]]


def test_closing_cell_and_row_tags_may_be_left_out() -> None:
    assert _cells("<table><tr><td>a<td>1<tr><td>b<td>2</table>\n") == [
        [("a", 1, 1), ("1", 1, 1)],
        [("b", 1, 1), ("2", 1, 1)],
    ]


def test_cell_spans_point_into_the_text() -> None:
    text = "前言<table><tr><td> <b>812</b> </td><td></td></tr></table>后记\n"
    grid = parse_table(text, "html")
    full, empty = grid.rows[0].cells
    assert text[full.span.start : full.span.end] == "812"
    assert (empty.span.start, empty.span.end) == (text.index("</td></tr>"), text.index("</td></tr>"))


def test_a_rowspan_past_the_table_is_cut_to_it() -> None:
    assert _cells('<table><tr><td rowspan="9">组</td><td>1</td></tr><tr><td>2</td></tr></table>\n') == [
        [("组", 1, 2), ("1", 1, 1)],
        [("2", 1, 1)],
    ]


def test_a_table_split_over_pages_is_one_table() -> None:
    document = (
        "三、收到和处理政府信息公开申请情况\n"
        "<table>\n<tr><td>一、本年新收政府信息公开申请数量</td><td>3</td></tr>\n</table>\n"
        "\n- 4 -\n\n"
        "<table>\n<tr><td>二、上年结转政府信息公开申请数量</td><td>1</td></tr>\n</table>\n"
        "\n"
        "<table>\n<tr><td>四、结转下年度继续办理</td><td>0</td></tr>\n</table>\n"
    )
    grids = gkparse.find_tables(document)
    assert [grid.layout for grid in grids] == ["html", "html"]
    assert [row.texts[0] for row in grids[0].rows] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
    ]
    assert grids[1].span.line == 13


def test_a_table_in_markdown_starts_mid_line() -> None:
    document = (
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n说明：<table><tr><td>规章</td>\n<td>1</td></tr></table>\n"
    )
    grids = gkparse.find_tables(document)
    assert [grid.layout for grid in grids] == ["pipe", "html"]
    assert grids[1].rows[0].texts == ("规章", "1")


def test_an_unclosed_table_is_not_claimed() -> None:
    assert gkparse.find_tables("<table><tr><td>规章</td>\n") == ()


def test_the_writer_writes_spans_and_reads_back() -> None:
    text = (
        '<table><tr><td colspan="2" rowspan="2">合并</td><td>c</td></tr>'
        "<tr><td>a &lt; b<br>d</td></tr></table>\n"
    )
    grid = parse_table(text, "html")
    lines = write_grid(grid, "html")
    assert lines == [
        "<table>",
        '<tr><td colspan="2" rowspan="2">合并</td><td>c</td></tr>',
        "<tr><td>a &lt; b<br>d</td></tr>",
        "</table>",
    ]
    assert parse_table("\n".join(lines) + "\n", "html") == grid


@pytest.mark.parametrize(
    ("root", "family", "least"),
    [
        ("converters", "html", 0.99),
        ("converters", "pipe+html", 0.99),
        ("corpus", "pipe+html", 0.99),
        ("corpus", "html", 0.0),  # pingtan_2022's page is one line with tabs: the tab layout claims it
    ],
)
def test_converter_fixtures_read_with_no_wrong_value(root: str, family: str, least: float) -> None:
    tally, wrong = score.score(FIXTURES / root, [family])
    right, total, _ = tally[family]
    assert wrong == []
    assert right / total >= least
