"""Layout ``aligned``: columns aligned with spaces (``pdftotext -layout``,
fixed-width text).

A line is cells separated by runs of two or more spaces; words inside a
cell are separated by single spaces. A *data line* holds values (numbers
or placeholders): its cells before the first value are its label cells,
the rest its value cells. Lines without values (header words, wrapped
labels) are rows of text cells.

Where a value stands is measured in display width (a CJK character takes
two columns). A table is trusted as *exactly aligned* when every value
cell ends at a display column where a cell of some other line of the
table ends too: a histogram of right edges, one pass over the cells. In
such a table each line's value area is laid out on the column edges
between its last label and its last value, and an edge with no value
there is an empty cell (a blank). Where the table is not exactly aligned
(pdftotext moves whole rows left or right), a row's values stay as they
are, in order: nothing is placed by guessing. There, a line of values
alone right below a data line is read with it: a value under a value is
the rest of that cell, broken over two lines (its text keeps the line
break); a value in a gap between two of the row's cells is a cell of that
row, written one line lower.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

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
    row_of,
    slots,
)
from gkparse.grids.layouts._runs import RunCache
from gkparse.grids.layouts._width import display_width
from gkparse.grids.lines import Lines
from gkparse.grids.values import NUMBER, PLACEHOLDER, read_value

GRAMMAR = grammar_text("layouts/aligned")

#: Spaces the writer puts between two columns (readers need two or more).
GAP = 3
#: The longest line of one cell that can stand in a table; longer ones are prose.
CELL_MAX_CHARS = 40
#: Characters that end a sentence: a line holding one is prose, not a table line.
SENTENCE_ENDS = ("。", "！", "？", "；")

_VALUE_KINDS = frozenset({NUMBER, PLACEHOLDER})


@attrs.frozen
class _Cell:
    """A cell of a line: its first and last word, its columns ``[start, end)``
    in display width and in characters, and whether it holds a value (a
    number or a placeholder)."""

    first: Token
    last: Token
    text: str
    start: int
    end: int
    char_start: int
    char_end: int
    value: bool

    def grid_cell(self, at: Positions) -> GridCell:
        return GridCell(at.text(self.text), at.of(self.first, self.last))


@attrs.frozen
class _Line:
    """One non-blank line of the table: its line number, its cells, and the
    index of its first value cell (None: a line without values)."""

    number: int
    cells: tuple[_Cell, ...]
    first_value: int | None

    @property
    def labels(self) -> tuple[_Cell, ...]:
        return self.cells[: self.first_value] if self.first_value is not None else self.cells

    @property
    def values(self) -> tuple[_Cell, ...]:
        return self.cells[self.first_value :] if self.first_value is not None else ()

    @property
    def is_data(self) -> bool:
        """Values after a label, or two values or more."""
        return self.first_value is not None and (self.first_value > 0 or len(self.cells) >= 2)

    @property
    def values_only(self) -> bool:
        return self.first_value == 0


def _is_value(text: str) -> bool:
    return read_value(text).kind in _VALUE_KINDS


def _blocks(lines: Sequence[_Line]) -> list[list[_Line]]:
    """The lines cut where a header line (several cells, no value) follows a
    data line: each table, or each block of table 2, is laid out on its own
    header's columns."""
    blocks: list[list[_Line]] = [[]]
    data = False  # the block has a data line
    for line in lines:
        if data and not line.is_data and len(line.cells) >= 2:
            blocks.append([])
            data = False
        blocks[-1].append(line)
        data = data or line.is_data
    return blocks


class AlignedReader(GridReader):
    """Lines of cells with their positions; which cell stands in which column
    is decided in Python over the whole table (see the module's doc).

    ``steps`` counts the tokens, cells and edges visited: reading is linear
    in the size of the text.
    """

    def __init__(self, at: Positions) -> None:
        super().__init__(at)
        self.steps = 0

    def row(self, tokens: list[Token]) -> _Line:
        children = _cells_apart(tokens)
        cells: list[_Cell] = []
        column = 0  # in display width
        laid_out = any(isinstance(child, Token) and child.type == "GAP" for child in children)
        for child in children:
            if isinstance(child, Token):
                column += display_width(str(child))
                self.steps += 1
                continue
            words: list[tuple[Token, int]] = []  # each word and its display column
            for token in child:
                if token.type == "WORD":
                    words.append((token, column))
                column += display_width(str(token))
                self.steps += 1
            for first, last in self._cells([str(word) for word, _ in words], split=laid_out):
                text = " ".join(str(word) for word, _ in words[first : last + 1])
                (head, start), tail = words[first], words[last][0]
                char_start = (head.column or 1) - 1
                cells.append(
                    _Cell(
                        head,
                        tail,
                        text,
                        start,
                        start + display_width(text),
                        char_start,
                        char_start + len(text),
                        _is_value(text),
                    )
                )
        first_value = next((index for index, cell in enumerate(cells) if cell.value), None)
        return _Line(_line_number(children), tuple(cells), first_value)

    def _cells(self, words: list[str], *, split: bool) -> list[tuple[int, int]]:
        """A cell's words as cells (first and last word): one, unless the line
        is laid out with gaps (``split``) and the cell is not a value as a
        whole but ends in values ("4122 3907 3479", "其他对外管理服务事项 10"):
        each of those is a cell of its own, and the words before them one more."""
        self.steps += len(words)
        if not split or len(words) == 1 or _is_value(" ".join(words)):
            return [(0, len(words) - 1)]
        cut = len(words)
        while cut > 0 and _is_value(words[cut - 1]):
            cut -= 1
        if cut == len(words):
            return [(0, len(words) - 1)]
        head = [(0, cut - 1)] if cut else []
        return head + [(index, index) for index in range(cut, len(words))]

    def blank(self, children: list[Token]) -> None:
        return None

    def start(self, children: list[_Line | None]) -> RowsRead:
        lines = [line for line in children if isinstance(line, _Line)]
        rows: list[GridRow] = []
        for block in _blocks(lines):
            columns = self._columns(block)
            if columns:
                first = min(line.values[0].end for line in block if line.is_data)
                rows += [self._slotted(line, columns, first) for line in block]
            else:
                rows += self._loose(block)
        return tuple(rows), 0

    # ------------------------------------------------------------ columns
    def _columns(self, lines: Sequence[_Line]) -> list[int]:
        """The right edges (in display width) of the cells of the header
        lines (two cells or more, no value), if every value of every data
        line ends exactly on one of them: a table aligned to its header.
        Otherwise none: no value is placed by its position. A line of one
        cell (a caption, a title, a signature) may stand anywhere: its edge
        is no column's."""
        edges: set[int] = set()
        for line in lines:
            if not line.is_data and len(line.cells) >= 2:
                edges.update(cell.end for cell in line.cells)
                self.steps += len(line.cells)
        data = [line for line in lines if line.is_data]
        if not data or not edges:
            return []
        for line in data:
            self.steps += len(line.values)
            if any(cell.end not in edges for cell in line.values):
                return []
        return sorted(edges)

    def _slotted(self, line: _Line, columns: list[int], first: int) -> GridRow:
        """A data line on the columns between its last label (or the first
        column where any line has a value) and its last value: a column with
        no value there is an empty cell."""
        if not line.is_data:
            return self._plain(line)
        labels, values = line.labels, line.values
        low = labels[-1].end if labels else -1
        cells = [cell.grid_cell(self.at) for cell in labels]
        by_end = {cell.end: cell for cell in values}
        at = max(bisect.bisect_right(columns, low), bisect.bisect_left(columns, first))
        waiting = 0  # the value cell that comes next
        while at < len(columns) and columns[at] <= values[-1].end:
            self.steps += 1
            cell = by_end.get(columns[at])
            if cell is not None:
                cells.append(cell.grid_cell(self.at))
                waiting += 1
            else:
                cells.append(GridCell("", self.at.before(values[waiting].first)))
            at += 1
        return row_of(cells)

    # ------------------------------------------------------ loose tables
    def _loose(self, lines: Sequence[_Line]) -> list[GridRow]:
        """Rows as they are; a line of values alone right below a data line is
        read with it (measured in characters, as pdftotext lays text out): a
        value under a value is the rest of that cell, broken over two lines;
        a value in a gap between two of the row's values is a cell of that
        row, set lower than the others (a rest of a number stands under the
        number); a value before the row's first value or after its last is
        the rest of the value beside it (with its line break, its text no
        longer reads as one number)."""
        rows: list[GridRow] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            below = lines[index + 1] if index + 1 < len(lines) else None
            if line.is_data and below is not None and below.number == line.number + 1 and below.values:
                if below.values_only:
                    rows.append(self._joined(line, below.cells))
                    index += 2
                    continue
                if _wrapped(line, below):  # digits of the row above, beside the rest of a label
                    rows.append(self._joined(line, below.values))
                    rows.append(row_of([cell.grid_cell(self.at) for cell in below.labels]))
                    index += 2
                    continue
            rows.append(self._plain(line))
            index += 1
        return rows

    def _joined(self, line: _Line, below: Sequence[_Cell]) -> GridRow:
        """The data line with the values of the line below read into it."""
        upper = line.cells
        first_value = line.first_value or 0
        rests: dict[int, list[_Cell]] = {}  # continuations of upper cell i
        inserted: dict[int, list[_Cell]] = {}  # cells before upper cell i
        gaps: list[tuple[int, _Cell]] = []
        position = 0
        for cell in below:
            self.steps += 1
            while position < len(upper) and upper[position].char_end <= cell.char_start:
                position += 1
            if position < len(upper) and upper[position].char_start < cell.char_end:
                rests.setdefault(max(position, first_value), []).append(cell)
            else:
                gaps.append((position, cell))
        for position, cell in gaps:
            if 0 < position < len(upper) and position >= first_value:
                inserted.setdefault(position, []).append(cell)
            else:  # the rest of the value beside it
                rests.setdefault(min(max(position, first_value), len(upper) - 1), []).append(cell)
        cells: list[GridCell] = []
        for number, cell in enumerate(upper):
            cells += [extra.grid_cell(self.at) for extra in inserted.get(number, [])]
            rest = sorted(rests.get(number, []), key=lambda part: part.char_start)
            if not rest:
                cells.append(cell.grid_cell(self.at))
                continue
            text = "\n".join([cell.text, *(part.text for part in rest)])
            cells.append(GridCell(self.at.text(text), self.at.of(cell.first, rest[-1].last)))
        return row_of(cells)

    def _plain(self, line: _Line) -> GridRow:
        return row_of([cell.grid_cell(self.at) for cell in line.cells])


def _wrapped(line: _Line, below: _Line) -> bool:
    """Whether the values of a line with a label are the rest of numbers of the
    data line right above it: fewer values, each starting where one of the
    line above starts (in characters), and no longer than it."""
    if len(below.values) >= len(line.values):
        return False
    starts = {cell.char_start: len(cell.text) for cell in line.values}
    return all(
        any(len(cell.text) <= starts.get(cell.char_start + shift, -1) for shift in (-1, 0, 1))
        for cell in below.values
    )


def _cells_apart(tokens: Sequence[Token]) -> list[Token | list[Token]]:
    """A row's tokens as the white space before its first cell and between
    cells (a token each) and its cells (a list of words and single spaces
    each): a gap ends a cell, and so does the row's end."""
    parts: list[Token | list[Token]] = []
    for index, token in enumerate(tokens):
        if token.type == "GAP" or (index == 0 and token.type == "ONE"):
            parts.append(token)
        elif parts and isinstance(parts[-1], list):
            parts[-1].append(token)
        else:
            parts.append([token])
    return parts


def _line_number(children: Sequence[Token | list[Token]]) -> int:
    """The line number of a row's first token."""
    first = children[0]
    token = first if isinstance(first, Token) else first[0]
    return token.line or 1


# ----------------------------------------------------------------- writing
def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """One line a row, every cell on one line (a line break or a run of
    spaces inside a cell becomes one space), right-aligned to its column's
    (or its merged columns') right edge in display width, columns at least
    :data:`GAP` spaces apart. An empty cell is left as spaces."""
    laid = slots(grid)
    if not laid or not laid[0]:
        return []
    units = len(laid[0])
    placed: list[list[tuple[str, int, int]]] = []  # per row: text, first and last unit
    for line in laid:
        row: list[tuple[str, int, int]] = []
        for unit, slot in enumerate(line):
            if slot.cell is None or not slot.origin:
                continue
            last = unit
            while last + 1 < units and line[last + 1].cell is slot.cell and line[last + 1].across:
                last += 1
            row.append((_one_line(slot.cell.text), unit, last))
        placed.append(row)
    widths = [1] * units
    cells = sorted((cell for row in placed for cell in row), key=lambda cell: cell[2] - cell[1])
    for text, first, last in cells:
        have = sum(widths[first : last + 1]) + GAP * (last - first)
        widths[last] += max(0, display_width(text) - have)
    ends = []
    column = 0
    for width in widths:
        ends.append(column + width)
        column += width + GAP
    lines: list[str] = []
    for row in placed:
        out = ""
        for text, _, last in row:
            if text:
                out += " " * (ends[last] - display_width(text) - display_width(out)) + text
        lines.append(out)
    return lines


def _one_line(text: str) -> str:
    """A cell's text on one line, single spaces between its words."""
    return " ".join(part for part in text.replace("\n", " ").split(" ") if part)


# ----------------------------------------------------------------- regions
_BLANK, _TEXT = Lines.code("blank"), Lines.code("text")


def _candidate(lines: Lines, index: int) -> bool:
    """A line that can stand in an aligned table: blank, or text that is not
    a sentence and is either short or of several cells."""
    code = lines.codes[index]
    if code == _BLANK:
        return True
    if code != _TEXT:
        return False
    text = lines.text(index)
    if any(end in text for end in SENTENCE_ENDS):
        return False
    text = text.strip()
    return "  " in text or len(text) <= CELL_MAX_CHARS


class _LinesReader(AlignedReader):
    """The lines as the grammar reads them, for the region rule: None for a blank one."""

    def start(self, children: list[_Line | None]) -> list[_Line | None]:  # type: ignore[override]
        return children


def _lines_of(texts: Sequence[str]) -> list[_Line | None] | None:
    """The lines the grammar reads (None for a blank one), or None if it
    reads none."""
    try:
        tree = build_parser(GRAMMAR).parse("".join(text + "\n" for text in texts))
    except LarkError:
        return None
    found: list[_Line | None] = _LinesReader(Positions()).transform(tree)  # type: ignore[assignment]
    return found


@attrs.frozen
class _Run:
    """One run of candidate lines, read once: for each line, the last line
    of the run's last data line from it on (-1 if none), how many data lines
    and header lines (several cells, no value) stand from it on, and whether
    it is a line of values alone right below a data line."""

    start: int
    last_data: tuple[int, ...]
    data_after: tuple[int, ...]
    headers_after: tuple[int, ...]
    attached: tuple[bool, ...]
    last_header: tuple[int, ...]


def _read_run(lines: Lines, start: int, end: int) -> _Run | None:
    """The run's lines as the region rule asks about them; None when no line
    of it has cells apart (most runs of short lines are one cell a line, and
    need not be parsed to say so) or the grammar does not read it: no table."""
    size = end - start + 1
    texts = [lines.text(index) for index in range(start, end + 1)]
    gapped = any("  " in text.strip() for text in texts)
    read = _lines_of(texts) if gapped else None
    if read is None or len(read) != size:
        return None
    data = [line is not None and line.is_data for line in read]
    headers = [line is not None and not line.is_data and len(line.cells) >= 2 for line in read]
    attached = [
        index > 0 and data[index - 1] and (line := read[index]) is not None and line.values_only
        for index in range(size)
    ]
    last = [-1] * (size + 1)
    after = [0] * (size + 1)
    heads = [0] * (size + 1)
    last_header = [-1] * (size + 1)
    for index in range(size - 1, -1, -1):
        last_header[index] = (
            last_header[index + 1]
            if last_header[index + 1] >= 0
            else (start + index if headers[index] else -1)
        )
        after[index] = after[index + 1] + data[index]
        heads[index] = heads[index + 1] + headers[index]
        if last[index + 1] >= 0:
            last[index] = last[index + 1]
        elif data[index]:
            last[index] = start + index + (1 if index + 1 < size and attached[index + 1] else 0)
    return _Run(start, tuple(last), tuple(after), tuple(heads), tuple(attached), tuple(last_header))


#: What the grammar makes a token of: a word, a run of spaces, a line break.
MARKS = re.compile(r"[^ \n]+| +|\n")
_RUNS = RunCache(_candidate, _read_run, MARKS)


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A run of candidate lines (blank lines, and text lines that are no
    sentence: short, or of several cells) holding two data lines or more
    from ``first`` on, or one and a header line of several cells; it ends
    with its last data line (and a line of values alone right below it), so
    labels and prose after it stay outside. A table's header alone (two
    lines of several cells, no value) is a region too.
    Each run is read once per text."""
    run = _RUNS.run_at(lines, first, breaks)
    if run is None or lines.codes[first] == _BLANK:
        return None
    at = first - run.start
    if run.attached[at]:
        return None
    if run.data_after[at] == 0:  # a header without rows: two lines of several cells
        return run.last_header[at] if run.headers_after[at] >= 2 else None
    if run.data_after[at] < 2 and run.headers_after[at] == 0:
        return None  # one row of values needs a header of several cells
    return run.last_data[at]


LAYOUT = Layout(
    "aligned",
    GRAMMAR,
    AlignedReader,
    write,
    region,
    Habits(pads_rows=True, rows_marked=False),
    MARKS,
)
