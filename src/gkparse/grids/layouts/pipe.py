"""Layout ``pipe``: a markdown pipe table (pandoc, markitdown, pymupdf4llm),
or pipe rows without a frame (the text of report web pages)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs
from lark import Token
from lark.exceptions import LarkError

from gkparse.grids.grammars import build_parser, grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import (
    Choices,
    GridReader,
    Habits,
    Layout,
    Positions,
    RowsRead,
    TableSyntaxError,
    marks_over,
    row_of,
    slots,
)
from gkparse.grids.lines import Lines
from gkparse.grids.values import TEXT, read_value


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

    def row(self, children: list[Token]) -> _Line:
        cells: list[GridCell] = []
        pending: list[Token] = []
        for token in children:
            if token.type not in ("PIPE", "NEWLINE"):
                pending.append(token)
                continue
            if pending:
                text = "".join("|" if part.type == "ESCAPED_PIPE" else str(part) for part in pending)
                cells.append(GridCell(self.at.text(text), self.at.of(pending[0], pending[-1])))
            else:
                cells.append(GridCell("", self.at.before(token)))
            pending = []
        return _Line(tuple(cells), len(cells) > 1)

    def open_row(self, children: list[Token]) -> _Line:
        return self.row(children)

    def bar_row(self, children: list[Token]) -> _Line:
        return self.row(children)  # its first pipe ends an empty cell

    def rule(self, children: list[Token]) -> _Rule:
        tokens = [token for token in children if token.type != "NEWLINE"]
        return _Rule(
            sum(1 for token in tokens if token.type in ("RULE_HEAD", "RULE_CELL")),
            tokens[0].lstrip(" ").startswith("|"),
            tokens[-1].type == "PIPE",
        )

    def start(self, children: list[_Line | _Rule]) -> RowsRead:
        rule = next((child for child in children if isinstance(child, _Rule)), None)
        if rule is None and len(children) == 1 and isinstance(children[0], _Line):
            return _run_together(children[0])
        if rule is None:
            return _frameless(children)
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


def _dashes(cell: GridCell) -> bool:
    """A cell of a delimiter row: dashes (ASCII or em dashes), alignment colons."""
    text = cell.text.strip()
    return bool(text) and not text.strip(":-\u2014\u2013") and any(char in text for char in "-\u2014\u2013")


def _delimiter_run(cells: Sequence[GridCell]) -> tuple[int, int] | None:
    """Where a delimiter row stands inside a line: two or more dash cells
    right after an empty cell (a row boundary, "| |") or at the line's start."""
    index = 0
    while index < len(cells):
        if _dashes(cells[index]) and (index == 0 or not cells[index - 1].text.strip()):
            end = index
            while end + 1 < len(cells) and _dashes(cells[end + 1]):
                end += 1
            if end > index:
                return index, end
            index = end
        index += 1
    return None


def _run_together(line: _Line) -> RowsRead:
    """A whole table run together on one line, with its delimiter row inside
    it: "| 信息内容 | 件数 | |—|—| | 规章 | 1 |". Rows are cut where an empty
    cell (a row boundary) stands before a cell that is text, not a number;
    the delimiter's cells are dropped. A line without an inner delimiter row
    is no table of this layout."""
    cells = list(line.cells)
    run = _delimiter_run(cells)
    if run is None:
        raise TableSyntaxError("a lone pipe row without a delimiter row is not a table")
    cells = cells[: run[0]] + cells[run[1] + 1 :]
    rows: list[list[GridCell]] = [[]]
    for index, cell in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else None
        boundary = not cell.text.strip() and (following is None or read_value(following.text).kind == TEXT)
        if boundary:
            if rows[-1]:
                rows.append([])
            continue
        rows[-1].append(cell)
    found = tuple(row_of(row) for row in rows if row)
    return found, 1 if run[0] > 0 else 0


def _frameless(children: Sequence[_Line | _Rule]) -> RowsRead:
    """Rows without a delimiter row: a trailing pipe is an outer pipe (the
    empty cells of a longer run stay: padding, for the reader of the rows),
    and where every row opens with a pipe, so is the leading one."""
    lines = [child for child in children if isinstance(child, _Line)]
    framed = all(
        line.has_pipe
        and not line.cells[0].text.strip()
        and line.cells[0].span.start == line.cells[0].span.end
        for line in lines
    )
    rows: list[GridRow] = []
    for line in lines:
        cells = list(line.cells)
        if framed:
            cells = cells[1:]
        if line.has_pipe and cells and not cells[-1].text.strip():
            cells = cells[:-1]
        if cells:
            rows.append(row_of(cells))
    return tuple(rows), 0


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


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A pipe row, its delimiter row and the pipe rows under it; or pipe rows
    without a frame (see :func:`frameless_region`); or a whole table run
    together on one line."""
    if first in breaks or lines.kind(first) != "pipe":
        return None
    if first + 1 >= len(lines) or lines.kind(first + 1) != "rule" or first + 1 in breaks:
        return (
            frameless_region(lines, first, breaks)
            or _framed_region(lines, first, breaks)
            or _run_together_region(lines, first)
        )
    last = first + 1
    while last + 1 < len(lines) and lines.kind(last + 1) in ("pipe", "rule") and last + 1 not in breaks:
        last += 1
    return last


def _opens_with_text(lines: Lines, index: int) -> bool:
    return lines.kind(index) == "pipe" and not lines.text(index).lstrip().startswith("|")


#: How many rows of a table without a frame must hold two cells or more.
FRAMELESS_MIN_ROWS = 2


def frameless_region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """Pipe rows without a frame: a run of pipe rows that open with a cell's
    text (see :func:`_run_of_rows`). One cell a line ending in " |" is not
    this layout (see ``lines``); nor is prose with a pipe in it."""
    return _run_of_rows(lines, first, breaks, _opens_with_text)


def _wide(row: GridRow) -> bool:
    """A row of a table rather than one cell with its pipe ("规章 |"): three
    slots or more, or two with text."""
    return len(row.cells) >= 3 or sum(1 for cell in row.cells if cell.text.strip()) >= 2


def _opens_with_pipe(lines: Lines, index: int) -> bool:
    return lines.kind(index) == "pipe" and lines.text(index).lstrip().startswith("|")


def _framed_region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """Rows with pipes at their edges and no delimiter row (web article
    extractors). Lines of bare pipes between cells are the ``lines`` layout."""
    return _run_of_rows(lines, first, breaks, _opens_with_pipe)


def _run_of_rows(
    lines: Lines, first: int, breaks: frozenset[int], opens: Callable[[Lines, int], bool]
) -> int | None:
    """A run of pipe rows that each ``opens`` as the form requires, read by the
    grammar, most of them (and at least two) wide. A run is asked about
    once, at its first line, so that a long run costs one read."""
    if not opens(lines, first):
        return None
    if first > 0 and first - 1 not in breaks and opens(lines, first - 1):
        return None  # inside a run that was already asked about
    last = first
    while last + 1 < len(lines) and last + 1 not in breaks and opens(lines, last + 1):
        last += 1
    if last == first or marks_over(MARKS, lines.source, lines.start(first), lines.end(last)):
        return None  # too large to read to tell (see MAX_REGION_MARKS)
    text = "".join(lines.text(index) + "\n" for index in range(first, last + 1))
    try:
        rows, _ = PipeReader(Positions()).transform(build_parser(GRAMMAR).parse(text))
    except LarkError:
        return None
    wide = sum(1 for row in rows if _wide(row))
    return last if wide >= FRAMELESS_MIN_ROWS and 2 * wide >= len(rows) else None


def _run_together_region(lines: Lines, first: int) -> int | None:
    """One line holding a whole table with its delimiter row inside it."""
    text = lines.text(first)
    if "|" not in text.lstrip()[:1] or not any(dash in text for dash in "-\u2014\u2013"):
        return None
    if marks_over(MARKS, text):
        return None  # too large to read to tell (see MAX_REGION_MARKS)
    try:
        rows, _ = PipeReader(Positions()).transform(build_parser(GRAMMAR).parse(text + "\n"))
    except LarkError:  # the reader's TableSyntaxError comes wrapped in lark's VisitError
        return None
    return first if rows else None


GRAMMAR = grammar_text("layouts/pipe")

#: What the grammar makes a token of for each cell: a pipe, or a line break.
MARKS = re.compile(r"[|\n]")

LAYOUT = Layout("pipe", GRAMMAR, PipeReader, write, region, Habits(pads_rows=True), MARKS)
