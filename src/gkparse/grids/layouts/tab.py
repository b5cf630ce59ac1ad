"""Layout ``tab``: one row per line, cells joined by tabs (python-docx style)."""

from __future__ import annotations

import re
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
from gkparse.grids.lines import Lines
from gkparse.grids.values import TEXT, read_value


class TabReader(GridReader):
    """``row: _cell (TAB _cell)* NEWLINE``: a cell is its text, or an empty
    zero-width cell just before the tab or line break that ends it."""

    def row(self, children: list[Token]) -> GridRow:
        cells = []
        text: Token | None = None
        for token in children:
            if token.type == "CELL":
                text = token
            elif text is None:  # a TAB or the NEWLINE ends an empty cell
                cells.append(GridCell("", self.at.before(token)))
            else:
                cells.append(GridCell(self.at.text(text), self.at.of(text)))
                text = None
        return row_of(cells)

    def start(self, rows: list[GridRow]) -> RowsRead:
        return tuple(join_broken_rows(rows)), 0


def _width(rows: Sequence[GridRow]) -> int:
    """The table's slot count: its widest row (python-docx writes every whole
    row on the table's full width, merged cells included)."""
    return max((len(row.cells) for row in rows), default=0)


def _joinable(end: GridCell, start: GridCell) -> bool:
    """A cell broken over two lines: text on both sides of the break."""
    return read_value(end.text).kind == TEXT and read_value(start.text).kind == TEXT


def _join(first: GridRow, second: GridRow) -> GridRow:
    end, start = first.cells[-1], second.cells[0]
    joined = GridCell(f"{end.text}\n{start.text}", end.span.through(start.span))
    return row_of([*first.cells[:-1], joined, *second.cells[1:]])


def join_broken_rows(rows: Sequence[GridRow]) -> list[GridRow]:
    """Rows whose cells a converter broke over physical lines (python-docx
    writes a line break inside a cell as a real one), joined back: lines
    are joined while the row has fewer slots than the table, only where the
    break falls inside text, and only if the joined row has exactly the
    table's slot count; anything else stays as it was read."""
    width = _width(rows)
    out: list[GridRow] = []
    index = 0
    while index < len(rows):
        joined, last = rows[index], index
        while len(joined.cells) < width and last + 1 < len(rows):
            following = rows[last + 1]
            if len(joined.cells) + len(following.cells) - 1 > width:
                break
            if not _joinable(joined.cells[-1], following.cells[0]):
                break
            joined, last = _join(joined, following), last + 1
        if last > index and len(joined.cells) == width:
            out.append(joined)
            index = last + 1
        else:
            out.append(rows[index])
            index += 1
    return out


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


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A run of tabbed lines, most of them tab-joined rows."""
    return majority_region("tab", lines, first, breaks)


#: What the grammar makes a token of for each cell: the tab before it, or a line break.
MARKS = re.compile(r"[\t\n]")

LAYOUT = Layout(
    "tab",
    grammar_text("layouts/tab"),
    TabReader,
    write,
    region,
    Habits(pads_rows=True, repeats_merged_cells=True),
    MARKS,
)
