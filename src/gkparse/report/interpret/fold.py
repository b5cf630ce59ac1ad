"""Rows rebuilt from one cell per line, and rows the text ends in.

The ``lines`` layout (docx2txt, LibreOffice text, pdftotext, web pages) has
no row delimiter: its grid is the cells in reading order. The table
definitions' labels fold it back into rows:

- a cell that is a label of the format opens a row; a group label and the
  leaf label right under it ("三、本年度办理结果" / "（一）予以公开") open one row;
- the value cells after it, up to the next text cell, are that row's values;
  they are kept only when their count equals the row's column count (table 3:
  7, table 4: 15, table 2: its block header's columns), otherwise the row
  keeps no value and a finding names its lines;
- empty cells count where the converter marks every one of them the same way
  throughout the table (:func:`empty_cell_marks`): a row short of values
  takes the empty cells marked between its label and its last value, and is
  kept if that makes its count;
- header cells split over lines ("本年新" / "制作数量", "商业" / "企业") are
  recognised by their words, and a label wrapped over two cells is joined
  when the joined text is a label and one piece alone is not, also when
  some of the row's values, or pieces of its group's label, stand between
  the pieces (plain pdftotext; the group's pieces stay rows of their own);
- page numbers ("-4-") are debris; values no label owns are reported;
- cells plain pdftotext put on one line are apart again where each part is
  what it is alone: a block header's column labels, or a row label and a
  number ("行政规范性文件 88", "7.属于行政执法案卷 0").

A table that reaches the end of a text cut mid-line (no line break at its
end) may hold a cut value ("15" of "1517"): that last row keeps its labels
and no value, with a finding saying the text ends there (every layout).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import attrs

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts import get as layout
from gkparse.grids.span import Span
from gkparse.grids.values import EMPTY, NUMBER, PAGE_NUMBER, PLACEHOLDER, read_value
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import Findings, best_match, split_row
from gkparse.report.labels import label_key, ordinal_and_core

#: The layout whose grids are one cell after the other.
ONE_CELL_LAYOUT = "lines"

_TABLE2_ROWS = tuple(
    {
        row.key + row.label: row
        for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values()
        for b in blocks
        for row in b.rows
    }.values()
)
_TABLE2_COLUMNS = tuple(
    {
        c.key + c.label: c
        for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values()
        for b in blocks
        for c in b.columns
    }.values()
)
_LEAVES = d.APPLICATION_ROWS["2021"] + (d.OTHER_HANDLING,)
_ROW_LABELS = _TABLE2_ROWS + _LEAVES
_ALL_LABELS = _ROW_LABELS + d.APPLICATION_GROUPS
_HEADER_WORDS = tuple(
    word
    for word in (
        *(phrase for column in _TABLE2_COLUMNS for phrase in column.phrases),
        *d.APPLICATION_HEADERS,
        *(column.label for column in d.APPLICATION_COLUMNS),
        *d.REVIEW_HEADERS,
        *d.ACTIVE_DISCLOSURE_CAPTIONS,
    )
    if word not in d.BARE_HEADER_WORDS
)
_REVIEW_WORDS = tuple(word for word in d.REVIEW_HEADERS if word not in d.BARE_HEADER_WORDS)
_REVIEW_COLUMNS = len(d.REVIEW_GROUPS) * len(d.REVIEW_COLUMNS)
_VALUE_KINDS = frozenset({NUMBER, PLACEHOLDER, EMPTY})


def _label(key: str, group: str | None) -> d.Label | None:
    """The row label (table 2 or 3) a text names, if any; 3.其他 only in its group."""
    found = best_match(key, _ROW_LABELS)
    if found is not None and d.APPLICATION_LEAF_GROUPS.get(found.key, group) != group:
        return None
    return found


def _any_label(key: str) -> d.Label | None:
    return best_match(key, _ALL_LABELS)


@attrs.define
class _Row:
    """A row being rebuilt: its text cells, its values and what it is."""

    kind: str  # block, header, group, label, text
    labels: list[GridCell]
    values: list[GridCell] = attrs.field(factory=list)
    expected: int | None = None
    # pieces of a group's label that plain pdftotext wrote among the row's
    # lines ("不予公" / "开"): kept as rows of their own after this one
    pieces: list[GridCell] = attrs.field(factory=list)


#: The groups' labels (table 3's row heads), without their ordinals.
_GROUP_WORDS = tuple(ordinal_and_core(group.label)[1] for group in d.APPLICATION_GROUPS)


def _group_piece(key: str) -> bool:
    """Whether a text is a piece of a group's label ("不予公", "开", "无法提"),
    not the whole of it."""
    return any(key in words and key != words for words in _GROUP_WORDS)


def _lines(cells: Sequence[GridCell]) -> str:
    first, last = cells[0].span.line, cells[-1].span.end_line
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _separated(prepared: str, before: GridCell, after: GridCell) -> bool:
    """Whether something separates two cells: they share a line, or a blank
    line or a pipe stands between them (not a mere line break)."""
    gap = prepared[before.span.end : after.span.start]
    return "\n" not in gap or "|" in gap or gap.count("\n") > 1


class _Folder:
    def __init__(self, findings: Findings, prepared: str, empties: EmptyMarks | None = None) -> None:
        self.prepared = prepared
        self.empties = empties
        self.findings = findings
        self.rows: list[GridRow] = []
        self.current: _Row | None = None
        self.group: str | None = None
        self.block_columns: int | None = None
        # Once a row of table 3 has its values, a bare 总计 or 其他 is a row
        # label ((七)总计, 3.其他 with the numbering lost), not a header, until
        # table 4's header begins.
        self.data_started = False

    # ------------------------------------------------------------ cells
    def value(self, cell: GridCell) -> None:
        if self.current is None:
            self.current = _Row("text", [], [cell])
        else:
            self.current.values.append(cell)

    def text(self, cell: GridCell) -> None:
        key = label_key(cell.text)
        kind = self.classify(key)
        current = self.current
        if current is not None and not current.values and current.labels:
            if current.kind == "header" and kind in ("header", "text"):
                current.labels.append(cell)
                return
            if kind != "block" and current.kind != "header" and self.wrapped(current, cell):
                return
            if current.kind == "group" and kind == "label":
                current.labels.append(cell)
                current.kind, current.expected = "label", self.expected(key)
                return
        # plain pdftotext writes a wrapped label's first value after its first
        # line ("3.危及“三安全一稳" / "0" / "定”" / "0" …): the label is joined,
        # the values stay in their order; and the pieces of the group's label
        # beside the row ("无法提" / "供") among its lines, which stay apart
        if kind in ("text", "label", "group") and current is not None and self.short(current):
            if kind != "group" and self.wrapped(current, cell):
                return
            if kind != "label" and self.data_started and _group_piece(key):  # only among table 3's rows
                current.pieces.append(cell)
                return
        self.close()
        self.current = _Row(kind, [cell], expected=self.expected(key) if kind == "label" else None)
        if kind == "header" and any(word in key for word in _REVIEW_WORDS):
            self.current.expected = _REVIEW_COLUMNS

    def classify(self, key: str) -> str:
        if d.ACTIVE_DISCLOSURE_BLOCK_HEADING in key:
            self.group, self.block_columns = None, None
            return "block"
        if d.ACTIVE_DISCLOSURE_HEADER in key or (key in d.BARE_HEADER_WORDS and not self.data_started):
            return "header"
        found = _label(key, self.group)
        group = best_match(key, d.APPLICATION_GROUPS)
        if group is not None:
            self.group = group.key
        if found is not None:
            return "label"
        if group is not None:
            return "group"
        if any(word in key for word in _HEADER_WORDS):
            if any(word in key for word in _REVIEW_WORDS):
                self.data_started = False  # table 4's header: its 总计 is a column
            return "header"
        return "text"

    @staticmethod
    def short(row: _Row) -> bool:
        """Whether a row of a label (or of text: a wrapped label's first line
        may be no label yet) has some values, fewer than its columns."""
        return (
            row.kind in ("label", "text")
            and bool(row.values and row.labels)
            and (row.expected is None or len(row.values) < row.expected)
        )

    def expected(self, key: str) -> int | None:
        found = _label(key, self.group)
        if found is None:
            return None
        if found in _LEAVES:
            return len(d.APPLICATION_COLUMNS)
        return self.block_columns

    def wrapped(self, current: _Row, cell: GridCell) -> bool:
        """Join a label wrapped over two cells when the joined text is a label
        and one of the pieces alone is not, or the joined text is a stretch
        of the label's own text ("（二）部分公开（区分处理的，" / "只计这一情形，
        不计其他情形）", whose second piece alone names 3.其他 by its word 其他)."""
        last = current.labels[-1]
        before, after = label_key(last.text), label_key(cell.text)
        joined = GridCell(last.text + cell.text, last.span.through(cell.span))
        key = label_key(joined.text)
        found = _any_label(key)
        if found is None:
            return False
        own_text = key in label_key(found.label)
        if not own_text and _any_label(before) is not None and _any_label(after) is not None:
            return False
        # the pieces must make one label: its phrase runs over the cut, or
        # the joined text is a stretch of the label's own text
        if not (
            own_text
            or all(phrase not in before and phrase not in after for phrase in found.phrases if phrase in key)
        ):
            return False
        current.labels[-1] = joined
        if current.kind != "header":
            if _label(key, self.group) is not None:
                current.kind, current.expected = "label", self.expected(key)
            elif best_match(key, d.APPLICATION_GROUPS) is not None:
                current.kind, current.expected = "group", None
        return True

    # ------------------------------------------------------------- rows
    def close(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        if current.kind == "header" and current.expected is None:
            current.labels = _join_header(current.labels)
            self.header_columns(current.labels)
        if not current.labels:
            self.unplaced(current.values)
            return
        values = current.values
        if values and current.expected is not None and len(values) < current.expected:
            values = self.with_empties(current.labels[-1], values, current.expected)
        if (values and current.kind in ("block", "group")) or (
            current.kind == "header" and current.expected is None
        ):
            self.unplaced(values)
            values = []
        elif values and current.expected is not None and len(values) != current.expected:
            where = _lines([*current.labels, *values])
            self.findings.add(
                "LINES-ROW-COUNT",
                "error",
                f"{where}: row {' '.join(label_key(c.text) for c in current.labels)!r} has "
                f"{len(values)} values for {current.expected} columns; none of them is placed",
                (),
                current.labels[0].span.through(values[-1].span),
                expected=current.expected,
                actual=len(values),
            )
            values = []
        elif len({_separated(self.prepared, a, b) for a, b in itertools.pairwise(values)}) > 1:
            self.findings.add(
                "LINES-ROW-WRAPPED",
                "error",
                f"{_lines([*current.labels, *values])}: the values of row "
                f"{' '.join(label_key(c.text) for c in current.labels)!r} are separated in some places "
                "and not in others, so a value may be wrapped over lines; none of them is placed",
                (),
                current.labels[0].span.through(values[-1].span),
            )
            values = []
        if values and current.kind == "label" and current.expected == len(d.APPLICATION_COLUMNS):
            self.data_started = True
        cells = [*current.labels, *values]
        self.rows.append(GridRow(tuple(cells), cells[0].span.through(cells[-1].span)))
        self.rows += [GridRow((piece,), piece.span) for piece in current.pieces]

    def with_empties(self, label: GridCell, values: list[GridCell], expected: int) -> list[GridCell]:
        """A short row's values with the empty cells the converter marked
        between its label and its last value, and after it the ones a
        no-break space marks, if they make its count; else the values as
        they were. Unmarked empty cells after the last value are not counted:
        they may be the next row's merged cells."""
        if self.empties is None:
            return values
        room = expected - len(values)
        filled: list[GridCell] = []
        for before, cell in zip([label, *values], values, strict=False):
            empties = self.empties.between(self.prepared, before, cell, room)
            if empties is None:
                return values
            room -= len(empties)
            filled += empties
            filled.append(cell)
        if room:
            filled += trailing_empties(self.prepared, values[-1], room)
        return filled if len(filled) == expected else values

    def header_columns(self, labels: Sequence[GridCell]) -> None:
        keys = [label_key(cell.text) for cell in labels]
        at = next((i for i, key in enumerate(keys) if d.ACTIVE_DISCLOSURE_HEADER in key), None)
        if at is None:
            return
        columns: list[str] = []
        for key in keys[at + 1 :]:
            column = best_match(key, _TABLE2_COLUMNS)
            if column is None:
                self.block_columns = None
                return
            if not columns or columns[-1] != column.key:
                columns.append(column.key)
        self.block_columns = len(columns) or None

    def unplaced(self, values: Sequence[GridCell]) -> None:
        if not any(read_value(cell.text).kind == NUMBER for cell in values):
            return
        self.findings.add(
            "LINES-VALUES-UNPLACED",
            "warning",
            f"{_lines(values)}: {len(values)} values follow no row label; they are not placed",
            (),
            values[0].span.through(values[-1].span),
            actual=" ".join(cell.text.strip() for cell in values),
        )


# ------------------------------------------------------------ empty cells
_SPACE = " \t\u3000\u00a0"


def _blank_lines(gap: str) -> Sequence[int] | None:
    """docx2txt and web pages with blank lines: one blank line after every
    cell, so an empty cell is two more line breaks ("1" / "" / "" / "" / "1"
    holds one). The lines of the gap that are empty cells, or None if the gap
    is not of this form."""
    breaks = gap.count("\n")
    if breaks < 2 or breaks % 2 or gap.strip(_SPACE + "\n"):
        return None
    return range(2, breaks, 2)


def _bar_lines(gap: str) -> Sequence[int] | None:
    """Web pages with bar lines: a line "|" after every cell, so an empty
    cell is an empty line between two of them. The lines of the gap that
    are empty cells, or None if the gap is not of this form."""
    lines = gap.split("\n")
    inner = [line.strip(_SPACE) for line in lines[1:-1]]
    if len(lines) < 3 or lines[0].strip(_SPACE) or lines[-1].strip(_SPACE) or len(inner) % 2 == 0:
        return None
    if any(line != ("|" if index % 2 == 0 else "") for index, line in enumerate(inner)):
        return None
    return range(2, len(inner) + 1, 2)


#: More empty cells than any row has: a gap holding more marks no row's.
_MOST_EMPTIES = 64


def _nbsp_lines(gap: str) -> Sequence[int] | None:
    """LibreOffice's text of a table whose empty cells hold a no-break space
    (a page's &nbsp; pasted into Word): a line of no-break space alone is an
    empty cell, one line a cell; an empty line marks nothing (it may be a
    merged cell, or plain pdftotext's spacing). The lines of the gap that
    are empty cells (at most a few more than a row holds), or None if the
    gap is not white space."""
    if gap.strip(_SPACE + "\n"):
        return None
    found: list[int] = []
    for number, line in enumerate(gap.split("\n")[1:-1], start=1):
        if line.strip(" \t\u3000") and not line.strip(_SPACE):
            found.append(number)
            if len(found) > _MOST_EMPTIES:
                break
    return found


def _blank_lines_a_cell(gap: str) -> Sequence[int] | None:
    """LibreOffice's text: one line a cell, so every empty line (or line of
    a no-break space alone) is an empty cell. The lines of the gap that are
    empty cells (at most a few more than a row holds), or None if the gap is
    not white space."""
    if gap.strip(_SPACE + "\n"):
        return None
    return list(itertools.islice(range(1, gap.count("\n")), _MOST_EMPTIES + 1))


def _unmarked_line(gap: str) -> bool:
    """Whether a gap holds an empty line without a no-break space: under
    LibreOffice's one line a cell, an empty cell that nothing marks."""
    return any(not line.strip(_SPACE) and "\xa0" not in line for line in gap.split("\n")[1:-1])


@attrs.frozen
class EmptyMarks:
    """How a converter marks an empty cell between two cells of a table;
    ``marked_only``: its unmarked empty lines cannot be counted, so a row
    whose cells have one between them is not counted at all."""

    lines: Callable[[str], Sequence[int] | None]
    marked_only: bool = False

    def between(self, prepared: str, before: GridCell, after: GridCell, room: int) -> list[GridCell] | None:
        """The empty cells between two cells of a row, each a zero-width cell
        at the start of the line that marks it; None if there are more than
        ``room``, or if an empty line marks nothing certain."""
        gap = prepared[before.span.end : after.span.start]
        found = self.lines(gap) or ()
        if len(found) > room or (self.marked_only and _unmarked_line(gap)):
            return None
        return _empty_cells(gap, found, before)


def _empty_cells(gap: str, numbers: Sequence[int], before: GridCell) -> list[GridCell]:
    """An empty cell for each of the gap's ``numbers``-th lines (the gap
    starts where ``before`` ends), a zero-width cell at the line's start."""
    line, at = before.span.end_line, before.span.end
    return [GridCell("", _line_start(gap, number, line, at)) for number in numbers]


def _line_start(gap: str, number: int, line: int, at: int) -> Span:
    """A zero-width span at the start of the gap's ``number``-th line."""
    start = 0
    for _ in range(number):
        start = gap.index("\n", start) + 1
    return Span(line + number, 1, line + number, 1, at + start, at + start)


#: LibreOffice's text, told by its byte order mark: every empty line an empty cell.
_LINE_A_CELL = EmptyMarks(_blank_lines_a_cell)

#: The forms of marking empty cells, tried in turn.
_EMPTY_FORMS = (EmptyMarks(_blank_lines), EmptyMarks(_bar_lines), EmptyMarks(_nbsp_lines, marked_only=True))

#: Where the text after a row's last value goes on.
_TEXT_AFTER = re.compile(r"\S")


def trailing_empties(prepared: str, last: GridCell, room: int) -> list[GridCell]:
    """The first ``room`` empty cells a no-break space marks right after a
    row's last value (its blank last columns; a merged cell of the next row
    holds nothing), or none if there are fewer."""
    after = _TEXT_AFTER.search(prepared, last.span.end)
    gap = prepared[last.span.end : after.start() if after else len(prepared)]
    found = _nbsp_lines(gap) or ()
    if len(found) < room:
        return []
    return _empty_cells(gap, found[:room], last)


def empty_cell_marks(
    cells: Sequence[tuple[GridCell, str]], prepared: str, *, lines_are_cells: bool = False
) -> EmptyMarks | None:
    """The form in which the converter marked empty cells, if every gap next
    to a value in the table has it; None otherwise. LibreOffice's text (an
    empty line for an empty cell) looks like plain pdftotext's, whose blank
    lines mark nothing; only its byte order mark tells it apart
    (``lines_are_cells``). Without one, its empty lines count for nothing;
    its lines of a no-break space alone do."""
    gaps = [
        prepared[before.span.end : after.span.start]
        for (before, kind_before), (after, kind) in itertools.pairwise(cells)
        if NUMBER in (kind_before, kind)
    ]
    if not gaps:
        return None
    forms = (_LINE_A_CELL, *_EMPTY_FORMS) if lines_are_cells else _EMPTY_FORMS
    return next((form for form in forms if all(form.lines(gap) is not None for gap in gaps)), None)


def _join_header(cells: Sequence[GridCell]) -> list[GridCell]:
    """Header cells split over lines, joined where the pieces alone name no
    column and together they do ("本年新" + "制作数量")."""
    out: list[GridCell] = []
    for cell in cells:
        if out:
            last = out[-1]
            joined = label_key(last.text + cell.text)
            alone = best_match(label_key(last.text), _TABLE2_COLUMNS) or best_match(
                label_key(cell.text), _TABLE2_COLUMNS
            )
            together = best_match(joined, _TABLE2_COLUMNS)
            if alone is None and together is not None and d.ACTIVE_DISCLOSURE_HEADER not in joined:
                out[-1] = GridCell(last.text + cell.text, last.span.through(cell.span))
                continue
        out.append(cell)
    return out


def _parts(cell: GridCell, prepared: str) -> list[GridCell]:
    """Cells a converter put on one line, apart again: a block header's column
    labels ("本年制发件数 本年废止件数 现行有效件数"), or a row label and its first
    value ("行政规范性文件 88"), as plain pdftotext writes them. Each part must
    be what it is alone (a column label; a row label, then a number); else
    the cell stays as it is."""
    span = cell.span
    if span.line != span.end_line or prepared[span.start : span.end] != cell.text:
        return [cell]
    words = [(m.start(), m.group()) for m in _WORD.finditer(cell.text)]
    if len(words) < 2:
        return [cell]
    columns = [best_match(label_key(word), _TABLE2_COLUMNS) for _, word in words]
    header = all(columns) and len({column.key for column in columns if column}) == len(columns)
    row = (
        len(words) == 2
        and best_match(label_key(words[0][1]), _ROW_LABELS) is not None
        and read_value(words[1][1]).kind == NUMBER
    )
    if not (header or row):
        return [cell]
    return [
        GridCell(
            word,
            Span(
                span.line,
                span.column + at,
                span.line,
                span.column + at + len(word),
                span.start + at,
                span.start + at + len(word),
            ),
        )
        for at, word in words
    ]


_WORD = re.compile(r"\S+")


def fold_rows(grid: Grid, prepared: str, findings: Findings, *, lines_are_cells: bool = False) -> Grid:
    """A one-cell-a-line grid folded into the table's rows (see the module)."""
    cells = [
        (cell, kind)
        for row in grid.rows
        for whole in row.cells
        for cell in _parts(whole, prepared)
        if (kind := read_value(cell.text).kind) != PAGE_NUMBER
    ]
    folder = _Folder(findings, prepared, empty_cell_marks(cells, prepared, lines_are_cells=lines_are_cells))
    for cell, kind in cells:
        if kind in _VALUE_KINDS:
            folder.value(cell)
        else:
            folder.text(cell)
    folder.close()
    return Grid(grid.layout, tuple(folder.rows), grid.span, 0)


def cut_last_row(grid: Grid, prepared: str, cut_at: int | None, findings: Findings) -> Grid:
    """Where the text stops mid-line right after the grid's last row, that row
    may be cut short: it keeps its labels and no value, with a finding."""
    if cut_at is None or not grid.rows:
        return grid
    last = grid.rows[-1]
    gap = prepared[last.span.end : cut_at]
    if gap.strip(" |\t\u3000\n") or "\n" in gap:
        return grid  # something else came after the row, or its line ended
    parts = split_row(last, layout(grid.layout).pads_rows)
    findings.add(
        "TEXT-ENDS",
        "warning",
        f"line {last.span.end_line}: the text ends inside this row; its values are not placed",
        (),
        last.span,
    )
    rows = grid.rows[:-1] + ((GridRow(parts.labels, last.span),) if parts.labels else ())
    return Grid(grid.layout, rows, grid.span, grid.header_rows)


def settle_grid(
    grid: Grid, prepared: str, cut_at: int | None, findings: Findings, *, lines_are_cells: bool = False
) -> Grid:
    """A grid as the table readers take it: folded into rows if its layout
    has no row delimiter (``lines_are_cells``: the converter writes one line
    a cell, LibreOffice's text), its last row dropped of values if the text
    is cut there."""
    if grid.layout == ONE_CELL_LAYOUT:
        grid = _drop_cut_cell(grid, prepared, cut_at, findings)
        grid = fold_rows(grid, prepared, findings, lines_are_cells=lines_are_cells)
    return cut_last_row(grid, prepared, cut_at, findings)


def _drop_cut_cell(grid: Grid, prepared: str, cut_at: int | None, findings: Findings) -> Grid:
    """One cell a line: a cell on the line the text stops in may be the start
    of a longer one ("3" of "3.危及…", "1" of "12"), so it is no cell; the row
    it would end is then short, and stays unknown, unless it was complete."""
    if cut_at is None or not grid.rows:
        return grid
    last = grid.rows[-1]
    kept = tuple(
        cell for cell in last.cells if "\n" in prepared[cell.span.end : cut_at] or cell.span.end > cut_at
    )
    if len(kept) == len(last.cells):
        return grid
    findings.add(
        "TEXT-ENDS",
        "warning",
        f"line {last.span.end_line}: the text ends inside this cell; it is not read",
        (),
        last.span,
    )
    rows = grid.rows[:-1] + ((GridRow(kept, kept[0].span.through(kept[-1].span)),) if kept else ())
    return Grid(grid.layout, rows, grid.span, grid.header_rows)
