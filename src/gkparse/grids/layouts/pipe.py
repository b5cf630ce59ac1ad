"""Layout ``pipe``: a markdown pipe table (pandoc, markitdown, pymupdf4llm)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from lark import Token

from gkparse.grids.grammars import grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import Choices, GridReader, Habits, Layout, RowsRead, row_of, slots
from gkparse.grids.lines import Line


@attrs.frozen
class _Rule:
    """The delimiter row: its column count and whether it has outer pipes."""

    columns: int
    leading_outer: bool
    trailing_outer: bool


@attrs.frozen
class _Line:
    """A row as the grammar cut it, before outer pipes are told apart."""

    cells: tuple[GridCell, ...]
    has_pipe: bool


class PipeReader(GridReader):
    """Cells between pipes, escapes undone by the grammar's ESCAPED_PIPE;
    which edge pipes are outer ones is decided against the delimiter row."""

    def filled(self, children: list[Token]) -> list[Token]:
        return children

    def cell(self, children: list[list[Token]]) -> list[Token]:
        return children[0] if children else []

    def row(self, children: list[list[Token] | Token]) -> _Line:
        cells: list[GridCell] = []
        pending: list[Token] = []
        for child in children:
            if isinstance(child, list):
                pending = child
                continue
            if pending:
                text = "".join("|" if token.type == "ESCAPED_PIPE" else str(token) for token in pending)
                cells.append(GridCell(text, self.at.of(pending[0], pending[-1])))
            else:
                cells.append(GridCell("", self.at.before(child)))
            pending = []
        return _Line(tuple(cells), len(cells) > 1)

    def rule(self, children: list[Token]) -> _Rule:
        tokens = [token for token in children if token.type != "NEWLINE"]
        return _Rule(
            sum(1 for token in tokens if token.type == "RULE_CELL"),
            tokens[0].type == "PIPE",
            tokens[-1].type == "PIPE",
        )

    def start(self, children: list[_Line | _Rule]) -> RowsRead:
        rule = next(child for child in children if isinstance(child, _Rule))
        rows: list[GridRow] = []
        header_rows = 0
        for child in children:
            if isinstance(child, _Rule):
                header_rows = len(rows)
                continue
            cells = list(child.cells)
            if (
                child.has_pipe
                and not cells[0].text.strip()
                and (rule.leading_outer or len(cells) > rule.columns)
            ):
                cells = cells[1:]
            if (
                child.has_pipe
                and not cells[-1].text.strip()
                and (rule.trailing_outer or len(cells) > rule.columns)
            ):
                cells = cells[:-1]
            if cells:
                rows.append(row_of(cells))
        return tuple(rows), header_rows


def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """A pipe table with outer pipes on the grid's full width, merged slots
    empty; an empty header row when the grid marks none of its own."""
    laid = slots(grid)
    width = len(laid[0]) if laid else 0
    texts = [
        [slot.cell.text if slot.cell is not None and slot.origin else "" for slot in line] for line in laid
    ]
    if not grid.header_rows:
        texts.insert(0, [""] * width)
    lines = [_row(texts[0]), "| " + " | ".join(["---"] * width) + " |"]
    return lines + [_row(line) for line in texts[1:]]


def _row(texts: Sequence[str]) -> str:
    return "| " + " | ".join(text.replace("|", "\\|") for text in texts) + " |"


def region(lines: Sequence[Line], first: int, breaks: frozenset[int]) -> int | None:
    """A pipe row, its delimiter row and the pipe rows under it."""
    if first in breaks or lines[first].kind != "pipe" or first + 1 >= len(lines):
        return None
    if lines[first + 1].kind != "rule" or first + 1 in breaks:
        return None
    last = first + 1
    while last + 1 < len(lines) and lines[last + 1].kind in ("pipe", "rule") and last + 1 not in breaks:
        last += 1
    return last


LAYOUT = Layout("pipe", grammar_text("layouts/pipe"), PipeReader, write, region, Habits(pads_rows=True))
