"""Layout ``lines``: one cell per line, no tab (docx2txt, LibreOffice text,
plain pdftotext, the text of report web pages).

Nothing marks a row in this layout, so its grid has one row per line that
holds cells: most lines are one cell, a line of numbers between single
spaces ("0 0 0", a page-flip e-book) is a row of one cell per number. Blank
lines, lines holding only pipes ("|", "|||") and a cell's trailing " |" are
separators; white space before a pipe (" |") is an empty cell. Rebuilding
the table's rows from the cells takes the table's labels: the report layer
does it (``gkparse.report.interpret.fold``).
"""

from __future__ import annotations

import bisect
import re

import attrs
from lark import Token, Tree
from lark.exceptions import LarkError

from gkparse.grids.grammars import build_parser, grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import (
    Choices,
    GridReader,
    Habits,
    Layout,
    RowsRead,
    row_of,
    slots,
)
from gkparse.grids.layouts._runs import RunCache
from gkparse.grids.lines import Lines
from gkparse.grids.values import EMPTY, NUMBER, PLACEHOLDER, TEXT, read_value

GRAMMAR = grammar_text("layouts/lines")

#: The longest line that can be one cell; longer lines are prose.
CELL_MAX_CHARS = 60
#: Characters that end a sentence: a line holding one is prose, not a cell.
SENTENCE_ENDS = ("。", "！", "？", "；")


#: The tokens of a ``row`` that are its cells (the others are white space and pipes).
_CELL_TOKENS = ("TEXT", "NUMBER")


class LinesReader(GridReader):
    """A row per line with cells; an empty cell (" |") is a row of one empty
    cell, zero-width where its pipe stands; fillers and blanks give nothing."""

    def row(self, children: list[Token]) -> GridRow:
        kept = [token for token in children if token.type in _CELL_TOKENS]
        cells = [GridCell(self.at.text(token), self.at.of(token)) for token in kept]
        return row_of(cells)

    def empty(self, children: list[Token]) -> GridRow:
        pipe = next(token for token in children if token.type == "PIPE")
        return row_of([GridCell("", self.at.before(pipe))])

    def filler(self, children: list[Token]) -> None:
        return None

    def start(self, children: list[GridRow | Token | None]) -> RowsRead:
        return tuple(child for child in children if isinstance(child, GridRow)), 0


def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """docx2txt style: every cell once, on its own line, a blank line between
    two cells; slots covered by a merged cell are left out, and so are empty
    cells before a row's last text cell (they hold no value); any other
    empty cell is written " |" (an empty cell of the web pages' form), so
    that it is not taken for a separator."""
    cells: list[str] = []
    for line in slots(grid):
        written = [slot.cell for slot in line if slot.cell is not None and slot.origin]
        texts = [index for index, cell in enumerate(written) if read_value(cell.text).kind == TEXT]
        for index, cell in enumerate(written):
            if cell.text.strip():
                cells.append(cell.text)
            elif not texts or index > texts[-1]:
                cells.append(" |")  # an empty cell among a row's labels says nothing here
    lines: list[str] = []
    for number, text in enumerate(cells):
        if number:
            lines.append("")
        lines += text.split("\n")
    return lines


# ----------------------------------------------------------------- regions
_BLANK, _TEXT, _PIPE = Lines.code("blank"), Lines.code("text"), Lines.code("pipe")


def _cell_like(lines: Lines, index: int) -> bool:
    """A line that can be a cell, a separator or a filler: not prose."""
    code = lines.codes[index]
    if code == _BLANK:
        return True
    if code not in (_TEXT, _PIPE):
        return False
    text = lines.text(index).strip()
    if code == _PIPE and text.strip("|").count("|"):
        return False  # a row of several cells between pipes: a pipe table's
    return (
        len(text) <= CELL_MAX_CHARS and not any(end in text for end in SENTENCE_ENDS) and not _aligned(text)
    )


def _cells_by_line(texts: tuple[str, ...]) -> tuple[tuple[int, str], ...] | None:
    """The cells the grammar reads in these lines: (line index, kind) for
    each, kind "value" (a number or placeholder), "empty" or "text"; None
    if the lines are no text of this layout. Read off the parse tree as
    :class:`LinesReader` reads it, without building a grid: only the kinds
    are wanted here."""
    try:
        tree = build_parser(GRAMMAR).parse("".join(text + "\n" for text in texts))
    except LarkError:
        return None
    found: list[tuple[int, str]] = []
    for line in tree.children:
        if not isinstance(line, Tree):
            continue  # a blank line's NEWLINE
        tokens = [token for token in line.children if isinstance(token, Token)]  # a line has no subtree
        if line.data == "empty":
            found.append(((tokens[0].line or 1) - 1, "empty"))
        elif line.data == "row":
            for token in tokens:
                if token.type in _CELL_TOKENS:
                    kind = read_value(str(token)).kind
                    what = "value" if kind in (NUMBER, PLACEHOLDER) else "empty" if kind == EMPTY else "text"
                    found.append(((token.line or 1) - 1, what))
    return tuple(found)


_DIGITS = frozenset("0123456789")


def _marks_at_most(text: str) -> int:
    """How many value or empty cells the grammar can read in a line, as far
    as a region is concerned (2 meaning "two or more"): a pipe or a digit
    can make a row of several cells; any other line is one text cell, a
    mark if its value is a number or a placeholder."""
    if "|" in text or not _DIGITS.isdisjoint(text):
        return 2
    return 1 if read_value(text).kind in (NUMBER, PLACEHOLDER) else 0


def _aligned(text: str) -> bool:
    """A line of text followed by numbers between spaces ("规章 0 0 0"): a row
    of a table aligned with spaces, not one cell."""
    words = text.split()
    return (
        len(words) >= 3
        and all(read_value(word).kind == NUMBER for word in words[-2:])
        and (read_value(words[0]).kind != NUMBER)
    )


#: Lines of a space-aligned table in a run that make it no run of this layout.
ALIGNED_MAX_LINES = 0


@attrs.frozen
class _Run:
    """One run of cell-like lines, read once: its cells in order, and sums
    that let each line of the run be asked about in constant time."""

    start: int
    end: int
    cells: tuple[tuple[int, str], ...] | None
    positions: tuple[int, ...]
    marks_after: tuple[int, ...]  # value or empty cells from each cell on
    last_mark: int  # the line of the run's last value or empty cell, or -1
    aligned_before: tuple[int, ...]  # aligned lines before each line of the run


def _read_run(lines: Lines, start: int, end: int) -> _Run:
    if len(lines.codes[start : end + 1].replace(_BLANK, "")) < 2:
        # A line holds a text cell, or values, never both: no table, and no need to read it.
        return _Run(start, end, None, (), (), -1, ())
    texts = tuple(lines.text(index) for index in range(start, end + 1))
    if sum(_marks_at_most(text) for text in texts) < 2:
        return _Run(start, end, None, (), (), -1, ())  # no region can open here: not worth a parse
    cells = _cells_by_line(texts)
    found = tuple((start + index, kind) for index, kind in cells) if cells is not None else ()
    marks = [1 if kind in ("value", "empty") else 0 for _, kind in found]
    after = [0] * (len(marks) + 1)
    for index in range(len(marks) - 1, -1, -1):
        after[index] = after[index + 1] + marks[index]
    aligned = [0]
    for text in texts:
        aligned.append(aligned[-1] + _aligned(text))
    last = max((index for index, kind in found if kind in ("value", "empty")), default=-1)
    return _Run(
        start,
        end,
        found if cells is not None else None,
        tuple(index for index, _ in found),
        tuple(after),
        last,
        tuple(aligned),
    )


#: One cell a line: a line break marks each.
MARKS = re.compile(r"\n")
_RUNS = RunCache(_cell_like, _read_run, MARKS)


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A run of cell-like lines that the grammar reads as cells, opening with
    a text cell and holding at least two values or empty cells after it; it
    ends with its last value (or empty cell), so labels and prose after it
    stay outside.

    A line is cell-like when it is blank, or short and without a sentence's
    end (prose is not a table); lines of other layouts and breaks end the run.
    Each run is read once per text, so asking at every line costs no more
    than reading the text once.
    """
    run = _RUNS.run_at(lines, first, breaks)
    if run is None or lines.codes[first] == _BLANK:
        return None
    if run.cells is None:
        return None
    at = bisect.bisect_left(run.positions, first)
    opens = at < len(run.cells) and run.cells[at] == (first, "text")
    if not opens or run.marks_after[at] < 2 or run.last_mark < first:
        return None
    last: int = run.last_mark
    aligned = run.aligned_before[last + 1 - run.start] - run.aligned_before[first - run.start]
    return last if aligned <= ALIGNED_MAX_LINES else None


LAYOUT = Layout(
    "lines",
    GRAMMAR,
    LinesReader,
    write,
    region,
    Habits(pads_rows=False, rows_marked=False),
    MARKS,
)
