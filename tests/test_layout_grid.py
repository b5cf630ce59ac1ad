"""Layout ``grid``: pandoc's plain-text grid tables and simple tables."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import gkparse
import gkparse.grids.layouts.grid
from gkparse.grids import parse_table, write_grid
from gkparse.grids.layouts._width import display_width
from tests.converters import score

FIXTURES = Path(__file__).parent / "fixtures"


def _cells(text: str) -> list[list[tuple[str, int, int]]]:
    grid = parse_table(text, "grid")
    return [[(cell.text, cell.column_span, cell.row_span) for cell in row.cells] for row in grid.rows]


def test_display_width_counts_cjk_twice() -> None:
    assert display_width("本年处理") == 8
    assert display_width("a1 ") == 3
    assert display_width("“三”") == 4  # ambiguous quotes are narrow, as pandoc counts them


def test_cells_join_their_fragments() -> None:
    text = (
        "+----------+----------+\n"
        "| 信息内容 | 本年处理 |\n"
        "|          | 决定数量 |\n"
        "+==========+==========+\n"
        "| 行政许可 | 812      |\n"
        "+----------+----------+\n"
    )
    grid = parse_table(text, "grid")
    assert grid.layout == "grid"
    assert grid.header_rows == 1
    assert [row.texts for row in grid.rows] == [("信息内容", "本年处理\n决定数量"), ("行政许可", "812")]
    cell = grid.rows[1].cells[1]
    assert text[cell.span.start : cell.span.end] == " 812      "  # the fragment between the pipes
    assert (cell.span.line, cell.span.column) == (5, 9)  # columns count characters


def test_a_hard_line_break_in_a_cell_is_a_line_break() -> None:
    """pandoc's markdown writes a <br> in a cell as a backslash at the end of
    the cell's line; an escaped backslash stays."""
    text = (
        "+-----------+----------+\n"
        "| 信息内容  | 本年新\\  |\n"
        "|           | 制作数量 |\n"
        "+-----------+----------+\n"
        "| a\\\\       | 13       |\n"
        "+-----------+----------+\n"
    )
    grid = parse_table(text, "grid")
    assert [row.texts for row in grid.rows] == [("信息内容", "本年新\n制作数量"), ("a\\\\", "13")]


def test_a_missing_pipe_spans_columns_and_a_partial_border_spans_rows() -> None:
    text = "+----+----+----+\n| 合并    | c  |\n+----+----+    |\n| a  | b  |    |\n+----+----+----+\n"
    assert _cells(text) == [[("合并", 2, 1), ("c", 1, 2)], [("a", 1, 1), ("b", 1, 1)]]


def test_a_border_that_opens_a_partial_line() -> None:
    text = "+----+---+---+\n| 组 | x | 1 |\n+----+   +---+\n| 二 |   | 2 |\n+----+---+---+\n"
    assert _cells(text) == [[("组", 1, 1), ("x", 1, 2), ("1", 1, 1)], [("二", 1, 1), ("2", 1, 1)]]


def test_header_and_body_may_have_other_columns() -> None:
    text = (
        "+------+------+------+\n"
        "| 总 | 分 |\n"
        "+------+------+------+\n"
        "| 1    | 2    | 3    |\n"
        "+------+------+------+\n"
    )
    with pytest.raises(gkparse.TableSyntaxError):  # "| 总 | 分 |" does not line up with any border
        parse_table(text, "grid")
    text = (
        "+------+------+------+\n"
        "| 总          | 分   |\n"
        "+------+------+------+\n"
        "| 1    | 2    | 3    |\n"
        "+------+------+------+\n"
    )
    assert _cells(text) == [[("总", 2, 1), ("分", 1, 1)], [("1", 1, 1), ("2", 1, 1), ("3", 1, 1)]]


def test_crlf_and_plus_signs_in_cells() -> None:
    text = "+----+----+\r\n| 增 | +3 |\r\n+----+----+\r\n"
    assert _cells(text) == [[("增", 1, 1), ("+3", 1, 1)]]


def test_simple_tables() -> None:
    text = "信息内容  本年处理\n--------  --------\n行政许可       812\n规章             1\n"
    grid = parse_table(text, "grid")
    assert grid.header_rows == 1
    assert [row.texts for row in grid.rows] == [("信息内容", "本年处理"), ("行政许可", "812"), ("规章", "1")]
    headless = "--------  ----\n行政许可  812\n规章\n--------  ----\n"
    assert [row.texts for row in parse_table(headless, "grid").rows] == [("行政许可", "812"), ("规章", "")]


def test_find_tables_takes_grid_tables_and_leaves_the_placeholder() -> None:
    document = (
        "二、主动公开政府信息情况\n\n"
        "+------+-----+\n| 规章 | 1   |\n+------+-----+\n\n"
        "三、收到和处理政府信息公开申请情况\n\n[TABLE]\n"
    )
    grids = gkparse.find_tables(document)
    assert [grid.layout for grid in grids] == ["grid"]
    assert grids[0].span.line == 4  # the first row: spans are spans of the whole document


def test_the_writer_draws_merged_cells_in_display_width() -> None:
    text = "+----+----+----+\n| 合并    | c  |\n+----+----+    |\n| a  | b  |    |\n+----+----+----+\n"
    grid = parse_table(text, "grid")
    lines = write_grid(grid, "grid")
    assert lines == [
        "+---+---+---+",
        "| 合并  | c |",
        "+---+---+   |",
        "| a | b |   |",
        "+---+---+---+",
    ]
    assert parse_table("\n".join(lines) + "\n", "grid") == grid


@pytest.mark.parametrize("root", ["converters", "corpus"])
def test_converter_fixtures_read_with_no_wrong_value(root: str) -> None:
    tally, wrong = score.score(FIXTURES / root, ["grid"])
    right, total, _ = tally["grid"]
    assert wrong == []
    assert right / total >= 0.99


def _lines_run(text: str) -> int:
    """Lines of the grid reader executed (loop iterations included) while reading ``text``."""
    reader_file = gkparse.grids.layouts.grid.__file__
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:  # sys.settrace's own type, recursive
        nonlocal count
        if frame.f_code.co_filename != reader_file:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        parse_table(text, "grid")
    finally:
        sys.settrace(None)
    return count


def _wide(cells: int) -> str:
    border = "+" + "---+" * cells + "\n"
    return border + "|" + " 0 |" * cells + "\n" + border


def _tall(rows: int) -> str:
    border = "+---+---+\n"
    return border + ("| 0 | 1 |\n" + border) * rows


@pytest.mark.parametrize("shape", [_wide, _tall])
def test_reading_is_linear_work(shape: Callable[[int], str]) -> None:
    """Each added cell, or row, costs the same lines of the reader: no pass
    over all the cells for each cell (a 40,000-cell row once took minutes)."""
    first, second, third = (_lines_run(shape(n)) for n in (100, 200, 400))
    assert third - second == 2 * (second - first)
