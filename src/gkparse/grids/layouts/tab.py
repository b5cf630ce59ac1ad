"""Layout ``tab``: one row per line, cells joined by tabs (python-docx style)."""

from __future__ import annotations

from collections.abc import Sequence

from lark import Token

from gkparse.grids.grammars import grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import (
    Choices,
    GridReader,
    Habits,
    Layout,
    RowsRead,
    between_rows,
    debris,
    row_of,
    slots,
)
from gkparse.grids.layouts._tabbed import majority_region
from gkparse.grids.lines import Line


class TabReader(GridReader):
    """``row: cell (TAB cell)* NEWLINE``: a cell is its text, or an empty
    zero-width cell just before the tab or line break that ends it."""

    def cell(self, children: list[Token]) -> Token | None:
        return children[0] if children else None

    def row(self, children: list[Token | None]) -> GridRow:
        cells = []
        for index in range(0, len(children) - 1, 2):
            text, end = children[index], children[index + 1]
            assert end is not None  # a TAB or the NEWLINE
            if text is None:
                cells.append(GridCell("", self.at.before(end)))
            else:
                cells.append(GridCell(str(text), self.at.of(text)))
        return row_of(cells)

    def start(self, rows: list[GridRow]) -> RowsRead:
        return tuple(rows), 0


def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """Every slot of the grid's width; a merged cell's other slots are empty,
    or repeat its text (``repeat_merged``). Noise: debris between rows
    (page numbers, a markdown rule row), a trailing tab."""
    rows = []
    for line in slots(grid):
        texts = [
            slot.cell.text if slot.cell is not None and (slot.origin or repeat_merged) else ""
            for slot in line
        ]
        text = "\t".join(texts)
        if choices.chance(10):
            text += "\t"
        rows.append([text])
    return between_rows(rows, lambda: debris(choices, "", "--------\t---\t---"))


def region(lines: Sequence[Line], first: int, breaks: frozenset[int]) -> int | None:
    """A run of tabbed lines, most of them tab-joined rows."""
    return majority_region("tab", lines, first, breaks)


LAYOUT = Layout(
    "tab",
    grammar_text("layouts/tab"),
    TabReader,
    write,
    region,
    Habits(pads_rows=True, repeats_merged_cells=True),
)
