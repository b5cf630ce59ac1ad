"""What a layout plugin is: its grammar, its reader, its writer, its lines.

A layout is one way converters write tables. Each is one :class:`Layout`
object in one module of this package, registered once with
:func:`register`; everything else (``gkparse.LAYOUTS``, region finding,
reading, rendering) follows from the registry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import attrs
from lark import Token, Transformer

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.lines import Lines
from gkparse.grids.span import Span

T = TypeVar("T")


#: The most cell marks (:attr:`Layout.marks`) a region may hold and still be
#: read as a table: five times the most of any table in the fixtures and the
#: corpus (about 1,000). Why: reading costs memory for every token and cell,
#: and a document's memory must stay in proportion to its text, whatever
#: the text; a run of 100,000 tab rows is no table of a report.
MAX_REGION_MARKS = 5_000


def marks_over(marks: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds more than :data:`MAX_REGION_MARKS`
    matches of ``marks``. A match is one character at least, so a shorter
    text is not counted at all; counting stops once past the bound."""
    end = len(text) if end is None else end
    if end - start <= MAX_REGION_MARKS:
        return False
    found = marks.finditer(text, start, end)
    return next(itertools.islice(found, MAX_REGION_MARKS, None), None) is not None


class TableSyntaxError(ValueError):
    """The text is not a table of the layout it was read as."""


class Choices(Protocol):
    """Who decides, wherever text could be written more than one way.

    ``pick`` returns one of ``options`` (the first is the clean default);
    ``chance`` says whether something with this percentage of likelihood
    happens (never, in clean text).
    """

    def pick(self, options: Sequence[T]) -> T:
        """One of ``options``."""
        ...

    def chance(self, percent: int) -> bool:
        """Whether an event of ``percent`` % likelihood happens."""
        ...


class _Clean:
    """The clean defaults: the first option, no noise."""

    def pick(self, options: Sequence[T]) -> T:
        return options[0]

    def chance(self, percent: int) -> bool:
        return False


#: Choices that write clean text: the first option, never any noise.
CLEAN: Choices = _Clean()


@attrs.frozen
class Positions:
    """Turns lark token positions into spans of the whole text.

    A table region is parsed on its own; ``offset`` and ``line`` are where
    it starts in the whole text, so each span is built once, already in the
    whole text's coordinates.
    """

    offset: int = 0
    line: int = 1
    # One int object for each line number, shared by the spans on that line:
    # a grid's cells are kept with the report, and an int beyond 256 is an
    # object of its own.
    _numbers: dict[int, int] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    # One str object for each distinct cell text: a table's cells are mostly
    # the same few numbers and words ("0", "信息内容"), and each token's text
    # would otherwise be a copy of its own.
    _texts: dict[str, str] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def of(self, first: Token, last: Token | None = None) -> Span:
        """The span from the start of ``first`` to the end of ``last`` (or of ``first``)."""
        last = last or first
        line = self._number((first.line or 1) + self.line - 1)
        end_line = line if last.end_line == first.line else self._number((last.end_line or 1) + self.line - 1)
        return Span(
            line,
            first.column or 1,
            end_line,
            last.end_column or 1,
            (first.start_pos or 0) + self.offset,
            (last.end_pos or 0) + self.offset,
        )

    def _number(self, number: int) -> int:
        return self._numbers.setdefault(number, number)

    def text(self, text: str) -> str:
        """``text`` as a plain str, the same object for each equal text of the region."""
        shared = self._texts.get(text)
        if shared is None:  # keyed by a plain str: a token key would keep the token
            shared = str(text)
            self._texts[shared] = shared
        return shared

    def before(self, token: Token) -> Span:
        """A zero-width span where ``token`` starts: an empty cell's place."""
        line = self._number((token.line or 1) + self.line - 1)
        column = token.column or 1
        start = (token.start_pos or 0) + self.offset
        return Span(line, column, line, column, start, start)


def row_of(cells: Sequence[GridCell]) -> GridRow:
    """A row of cells, its span from its first cell to its last."""
    return GridRow(tuple(cells), cells[0].span.through(cells[-1].span))


class GridReader(Transformer[Token, "RowsRead"]):
    """A layout's reader: a lark transformer from its parse tree to grid rows.

    Built per table region with the region's :class:`Positions`; its
    ``start`` callback returns the rows and how many of them head the table.
    Callbacks are rules' only: a reader that wants one per token (a method
    named after a terminal) sets ``__visit_tokens__ = True``; the others
    are spared a method lookup per token.
    """

    __visit_tokens__ = False

    def __init__(self, at: Positions) -> None:
        super().__init__(visit_tokens=self.__visit_tokens__)
        self.at = at


#: What a reader gives: the grid's rows, and how many of them are header rows.
RowsRead = tuple[tuple[GridRow, ...], int]

#: A layout's region rule: given the lines, the index of a line and the
#: indices of lines that end any table (a document's headings), the index
#: of the last line of a table region of this layout starting there, or None.
RegionRule = Callable[[Lines, int, frozenset[int]], "int | None"]

#: A layout's writer: a grid to the lines of text this layout writes it as.
Writer = Callable[[Grid, Choices, bool], list[str]]


@attrs.frozen
class Habits:
    """How the converters of a layout write a whole document around tables.

    ``pads_rows``: an empty cell at the edge of a row is padding (merged
    slots, trailing delimiters), not a blank. ``line_breaks_in_cells``: a
    cell may run over several lines. ``repeats_merged_cells``: a merged cell
    may be written again in every slot it covers. ``blank_line_between_paragraphs``:
    prose paragraphs are separated by blank lines. ``byte_order_mark``: the
    percentage of files that start with one. ``rows_marked``: something in
    the text marks where a row starts (not so with one cell a line and no
    tab), so a caption can be written as a row of the table.
    """

    pads_rows: bool = True
    line_breaks_in_cells: bool = False
    repeats_merged_cells: bool = False
    blank_line_between_paragraphs: bool = True
    byte_order_mark: int = 0
    rows_marked: bool = True


@attrs.frozen
class Layout:
    """A way converters write tables, and how to read and write it.

    ``grammar`` is the source of its lark grammar (``grammars/layouts/<name>.lark``
    for the built-in layouts); ``reader`` builds a :class:`GridReader` for a
    region; ``writer`` writes a grid back; ``region`` finds its table regions
    among a document's lines; ``habits`` describes its converters.
    ``marks`` matches what the grammar makes a token or more of for each
    cell (a separator, a line break, a cell's tag), so that counting its
    matches bounds a region's work before it is read (:meth:`too_large`).
    """

    name: str
    grammar: str = attrs.field(repr=False)
    reader: Callable[[Positions], GridReader] = attrs.field(repr=False)
    writer: Writer = attrs.field(repr=False)
    region: RegionRule = attrs.field(repr=False)
    habits: Habits = Habits()
    marks: re.Pattern[str] | None = attrs.field(default=None, repr=False)

    def too_large(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` is too large a region to read as a table
        of this layout (see :data:`MAX_REGION_MARKS`); never, for a layout
        without marks."""
        return self.marks is not None and marks_over(self.marks, text, start, end)

    @property
    def pads_rows(self) -> bool:
        """Whether an empty cell at the edge of a row is padding (see :class:`Habits`)."""
        return self.habits.pads_rows


# ----------------------------------------------------------------- writing
@attrs.frozen
class Slot:
    """One position of a grid laid out on its full width.

    ``cell`` is the cell written there (for covered slots, the merged cell
    covering it); ``origin`` says the cell starts here; ``across`` that the
    slot is not in the cell's first column (covered from the left). A slot
    with no cell is padding after a short row.
    """

    cell: GridCell | None
    origin: bool = False
    across: bool = False


def slots(grid: Grid) -> list[list[Slot]]:
    """The grid on its full width, merged cells expanded over the slots they cover."""
    below: dict[tuple[int, int], Slot] = {}
    laid: list[list[Slot]] = []
    for number, row in enumerate(grid.rows):
        line: list[Slot] = []
        cells = iter(row.cells)
        while True:
            covered = below.get((number, len(line)))
            if covered is not None:
                line.append(covered)
                continue
            cell = next(cells, None)
            if cell is None:
                break
            column = len(line)
            for across in range(cell.column_span):
                line.append(Slot(cell, origin=across == 0, across=across > 0))
                for down in range(1, cell.row_span):
                    below[(number + down, column + across)] = Slot(cell, across=across > 0)
        laid.append(line)
    width = max((len(line) for line in laid), default=0)
    return [line + [Slot(None)] * (width - len(line)) for line in laid]


def debris(choices: Choices, *extra: str) -> list[str]:
    """Lines a converter leaves between two table rows: page numbers, bookmarks."""
    if not choices.chance(8):
        return []
    number = choices.pick(["3", "4", "12"])
    options = [f"- {number} -", f"-{number}-", f"第{number}页", "[bookmark: OLE_LINK1]", *extra]
    return [choices.pick(options)]


def between_rows(rows: Sequence[list[str]], separator: Callable[[], list[str]]) -> list[str]:
    """The rows' lines with what ``separator`` gives between each two rows."""
    lines: list[str] = []
    for number, row in enumerate(rows):
        if number:
            lines += separator()
        lines += row
    return lines
