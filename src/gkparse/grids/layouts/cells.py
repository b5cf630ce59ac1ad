"""Layout ``cells``: one cell per line after a tab, rows between blank lines (Tika style)."""

from __future__ import annotations

import re

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


class CellsReader(GridReader):
    """A cell is its tab line plus the lines without a tab that continue it;
    an empty cell is zero-width just after its tab."""

    def continuation(self, children: list[Token]) -> GridCell:
        text = children[0]
        return GridCell(self.at.text(text), self.at.of(text))

    def cell(self, children: list[Token | GridCell]) -> GridCell:
        tokens = [child for child in children if isinstance(child, Token)]
        parts = [child for child in children if isinstance(child, GridCell)]
        own = [token for token in tokens if token.type == "TEXT"]
        if own:
            parts.insert(0, GridCell(self.at.text(own[0]), self.at.of(own[0])))
        if not parts:
            newline = next(token for token in tokens if token.type == "NEWLINE")
            return GridCell("", self.at.before(newline))
        if len(parts) == 1:
            return parts[0]
        text = self.at.text("\n".join(part.text for part in parts))
        return GridCell(text, parts[0].span.through(parts[-1].span))

    def row(self, cells: list[GridCell]) -> GridRow:
        return row_of(cells)

    def start(self, rows: list[GridRow]) -> RowsRead:
        return tuple(rows), 0


def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """Each cell once, on a line after a tab; a slot covered from above is an
    empty cell line, one covered from the left is left out, and padding at
    a row's end is dropped. A blank line (and any debris) between rows."""
    rows = []
    for line in slots(grid):
        while line and line[-1].cell is None:
            line.pop()
        rows.append(
            ["\t" + (slot.cell.text if slot.origin and slot.cell else "") for slot in line if not slot.across]
        )

    def separator() -> list[str]:
        lines = [""]
        for text in debris(choices):
            lines += [text, ""]
        return lines

    return between_rows(rows, separator)


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A run of tabbed lines, most of them one-cell lines."""
    return majority_region("cell", lines, first, breaks)


#: One cell a line: a line break marks each.
MARKS = re.compile(r"\n")

LAYOUT = Layout(
    "cells",
    grammar_text("layouts/cells"),
    CellsReader,
    write,
    region,
    Habits(
        pads_rows=False,
        line_breaks_in_cells=True,
        blank_line_between_paragraphs=False,
        byte_order_mark=10,
    ),
    MARKS,
)
