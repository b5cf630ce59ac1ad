"""The generic layer: text tables into grids, for each layout."""

from __future__ import annotations

import pytest

import gkparse
from gkparse import TableSyntaxError, find_tables, parse_table


def test_layout_names() -> None:
    assert gkparse.LAYOUTS == ("html", "tab", "cells", "pipe", "grid", "lines", "aligned")


def test_tab_keeps_empty_and_trailing_cells() -> None:
    grid = parse_table("规章\t0\t\t3\t\n\t(三) 不予公开\t1.属于国家秘密\n", "tab")
    assert grid.layout == "tab"
    assert [row.texts for row in grid.rows] == [
        ("规章", "0", "", "3", ""),
        ("", "(三) 不予公开", "1.属于国家秘密"),
    ]


def test_tab_spans() -> None:
    text = "a\tbb\t\n"
    grid = parse_table(text, "tab")
    cells = grid.rows[0].cells
    assert [(c.span.start, c.span.end) for c in cells] == [(0, 1), (2, 4), (5, 5)]
    assert [(c.span.line, c.span.column, c.span.end_column) for c in cells] == [
        (1, 1, 2),
        (1, 3, 5),
        (1, 6, 6),
    ]
    assert [text[c.span.start : c.span.end] for c in cells] == ["a", "bb", ""]


def test_cells_rows_are_separated_by_blank_lines_and_cells_continue_without_tab() -> None:
    text = "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t0\n\t \n\t\n"
    grid = parse_table(text, "cells")
    assert [row.texts for row in grid.rows] == [
        ("信息内容", "本年新\n制作数量", "对外公开总数量"),
        ("规章", "0", " ", ""),
    ]
    broken = grid.rows[0].cells[1]
    assert (broken.span.line, broken.span.end_line) == (2, 3)
    assert text[broken.span.start : broken.span.end] == "本年新\n制作数量"
    empty = grid.rows[1].cells[3]
    assert (empty.span.line, empty.span.column, empty.span.start, empty.span.end) == (
        9,
        2,
        len(text) - 1,
        len(text) - 1,
    )


def test_cells_lines_without_tab_between_rows_are_rows_of_their_own() -> None:
    grid = parse_table("\t规章\n\t0\n\n- 3 -\n\n\t规范性文件\n\t1\n", "cells")
    assert [row.texts for row in grid.rows] == [("规章", "0"), ("- 3 -",), ("规范性文件", "1")]


def test_pipe_outer_pipes_alignment_and_escapes() -> None:
    text = "| 信息内容 | 数量 |\n| :--- | ---: |\n| 规章 | 1 |\n| a \\| b |  |\n"
    grid = parse_table(text, "pipe")
    assert [row.texts for row in grid.rows] == [
        (" 信息内容 ", " 数量 "),
        (" 规章 ", " 1 "),
        (" a | b ", "  "),
    ]
    escaped = grid.rows[2].cells[0]
    assert text[escaped.span.start : escaped.span.end] == " a \\| b "


def test_pipe_without_outer_pipes() -> None:
    grid = parse_table("a | b | c\n---|:---:|---\n1 | 2 | 3\n", "pipe")
    assert [row.texts for row in grid.rows] == [("a ", " b ", " c"), ("1 ", " 2 ", " 3")]


def test_pipe_without_outer_pipes_edge_pipes_are_empty_cells() -> None:
    """The delimiter row has no outer pipes, so a row's edge pipe opens an empty cell."""
    grid = parse_table("a | b | c\n:---|:---:|---:\n | 2 | 3\n1 | 2 |\n", "pipe")
    assert [row.texts for row in grid.rows][1:] == [(" ", " 2 ", " 3"), ("1 ", " 2 ", "")]


def test_pipe_rows_without_a_delimiter_row_have_outer_pipes() -> None:
    grid = parse_table("| a | b |\n| 1 | 2 |\n", "pipe")
    assert [row.texts for row in grid.rows] == [(" a ", " b "), (" 1 ", " 2 ")]


def test_a_lone_pipe_row_is_no_pipe_table() -> None:
    with pytest.raises(TableSyntaxError, match="not a 'pipe' table"):
        parse_table("| a | b |\n", "pipe")


def test_unknown_layout() -> None:
    with pytest.raises(ValueError, match="unknown layout 'semicolon'"):
        parse_table("a\tb\n", "semicolon")


def test_parse_table_takes_str_only() -> None:
    with pytest.raises(TypeError, match="takes a str, not bytes"):
        parse_table(b"a\tb\n")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("a\tb\nc\td\n", "tab"),
        ("\ta\n\tb\n\n\tc\n\td\n", "cells"),
        ("| a | b |\n|---|---|\n| c | d |\n", "pipe"),
    ],
)
def test_layout_is_detected(text: str, layout: str) -> None:
    grid = parse_table(text)
    assert grid.layout == layout
    assert [[c.strip() for c in row.texts] for row in grid.rows] == [["a", "b"], ["c", "d"]]


def test_find_tables_in_a_document_mixing_layouts() -> None:
    text = (
        "一、总体情况\n文字。\n"
        "二、主动公开政府信息情况\n规章\t1\t2\t3\n规范性文件\t4\t5\t6\n\n"
        "三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n\t1\n\n\t二、上年结转\n\t2\n\n"
        "说明文字。\n| 行政复议 | 总计 |\n| --- | --- |\n| 0 | 0 |\n"
    )
    grids = find_tables(text)
    assert [grid.layout for grid in grids] == ["tab", "cells", "pipe"]
    assert [len(grid.rows) for grid in grids] == [2, 2, 2]
    assert grids[1].rows[1].texts == ("二、上年结转", "2")
    assert grids[2].span.line == 15


def test_grid_equality_ignores_spans() -> None:
    one = parse_table("a\tb\n", "tab")
    two = parse_table("\n\na\tb\n", "tab")
    assert one.rows[-1] == two.rows[-1]
    assert one.rows[-1].cells[0].span != two.rows[-1].cells[0].span
