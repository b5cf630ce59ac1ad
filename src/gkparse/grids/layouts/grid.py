"""Layout ``grid``: pandoc's plain-text tables (grid tables and simple tables).

A grid table is drawn with characters: ``+----+`` borders, ``|`` between
cells, a cell's text in fragments over one or more lines. Its columns are
where the borders' ``+`` stand, counted in display width (a CJK character
takes two columns), so a row of 41 characters can line up with a border of
63. A missing ``|`` is a cell spanning columns; a partial border
(``|      +----+``) ends the cells under it, and the cell beside it spans
rows. A simple table is words under a rule of dash groups.

pandoc 2 writes ``[TABLE]`` instead of a table with merged cells: that is
no table, and this layout leaves it to the text around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs
from lark import Token, Tree
from lark.exceptions import VisitError

from gkparse.grids.grammars import grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import (
    Choices,
    GridReader,
    Habits,
    Layout,
    RowsRead,
    Slot,
    TableSyntaxError,
    row_of,
    slots,
)
from gkparse.grids.layouts._width import display_width, pad
from gkparse.grids.lines import Lines
from gkparse.grids.span import Span

_BORDERS = frozenset({"BORDER", "HEADER_BORDER"})


@attrs.frozen
class _Item:
    """A token of one table line and the display columns it takes, ``[start, end)``."""

    token: Token
    start: int
    end: int

    @property
    def kind(self) -> str:
        return str(self.token.type)

    def corners(self) -> list[int]:
        """The display columns of a border segment run's ``+`` corners."""
        return [self.start + offset for offset, char in enumerate(str(self.token)) if char == "+"]


@attrs.frozen
class _TableLine:
    """One line of a table as the grammar read it: ``border``, ``header``
    (a ``+===+`` border), ``content``, ``words`` or ``dashes``."""

    kind: str
    items: tuple[_Item, ...]


def _placed(kind: str, tokens: Sequence[Token]) -> _TableLine:
    """The line's tokens with their display columns (they cover the whole line)."""
    items: list[_Item] = []
    column = 0
    for token in tokens:
        width = display_width(str(token))
        items.append(_Item(token, column, column + width))
        column += width
    return _TableLine(kind, tuple(items))


class _Cells:
    """Union-find over the content slots (line, column unit) of a grid table."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def add(self, slot: tuple[int, int]) -> None:
        self.parent[slot] = slot

    def find(self, slot: tuple[int, int]) -> tuple[int, int]:
        root = slot
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[slot] != root:
            self.parent[slot], slot = root, self.parent[slot]
        return root

    def join(self, first: tuple[int, int], second: tuple[int, int]) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@attrs.define
class _Cell:
    """A cell found in the grid: its lines, its column units, its fragments."""

    top: int
    bottom: int
    left: int
    right: int
    slots: int = 0
    fragments: list[Token] = attrs.Factory(list)
    anchor: Token | None = None


class GridTableReader(GridReader):
    """Lines of tokens with their display columns; the cells are the
    rectangles of content between borders and pipes, found in Python."""

    def transform(self, tree: Tree[Token]) -> RowsRead:
        """The rows; a table whose lines do not fit together raises
        :class:`TableSyntaxError` itself, not wrapped in lark's VisitError."""
        try:
            return super().transform(tree)
        except VisitError as error:
            if isinstance(error.orig_exc, TableSyntaxError):
                raise error.orig_exc from None
            raise

    def border(self, children: list[Token]) -> _TableLine:
        return _placed("border", children)

    def header_border(self, children: list[Token]) -> _TableLine:
        return _placed("header", children)

    def line(self, children: list[Token]) -> _TableLine:
        return _placed("content", children)

    def words(self, children: list[Token]) -> _TableLine:
        return _placed("words", children)

    def dashes(self, children: list[Token]) -> _TableLine:
        return _placed("dashes", children)

    def start(self, children: list[RowsRead]) -> RowsRead:
        return children[0]

    # ------------------------------------------------------------ grid tables
    def grid_table(self, lines: list[_TableLine]) -> RowsRead:
        edges = sorted({c for line in lines for i in line.items if i.kind in _BORDERS for c in i.corners()})
        if len(edges) < 2:
            raise TableSyntaxError("not a 'grid' table: its border has no columns")
        unit_of = {column: unit for unit, column in enumerate(edges)}
        units = len(edges) - 1
        ruled: list[set[int]] = []  # per line: the units a border segment covers
        bars: list[set[int]] = []  # per line: the edges a pipe or a corner stands on
        for number, line in enumerate(lines):
            covered: set[int] = set()
            standing: set[int] = set()
            for item in line.items:
                if item.kind in _BORDERS:
                    corners = item.corners()
                    standing |= {unit_of[c] for c in corners}
                    covered |= set(range(unit_of[corners[0]], unit_of[corners[-1]]))
                elif item.kind == "PIPE":
                    if item.start not in unit_of:
                        raise TableSyntaxError(
                            f"not a 'grid' table: a pipe on line {number + 1} of the table "
                            f"stands at column {item.start}, where no border has a '+'"
                        )
                    standing.add(unit_of[item.start])
            if line.kind != "content" and covered != set(range(units)):
                raise TableSyntaxError(f"not a 'grid' table: line {number + 1} is a border of other columns")
            ruled.append(covered)
            bars.append(standing)
        if ruled[0] != set(range(units)):
            raise TableSyntaxError("not a 'grid' table: it does not open with a border")
        cells = self._cells(lines, edges, ruled, bars)
        return self._rows(cells, lines, ruled)

    def _cells(
        self, lines: list[_TableLine], edges: list[int], ruled: list[set[int]], bars: list[set[int]]
    ) -> list[_Cell]:
        units = len(edges) - 1
        found = _Cells()
        for number, line in enumerate(lines):
            if line.kind == "content":
                for unit in range(units):
                    if unit not in ruled[number]:
                        found.add((number, unit))
        for number, unit in list(found.parent):
            if (number, unit + 1) in found.parent and unit + 1 not in bars[number]:
                found.join((number, unit), (number, unit + 1))
            if (number + 1, unit) in found.parent:
                found.join((number, unit), (number + 1, unit))
        by_root: dict[tuple[int, int], _Cell] = {}
        for slot in found.parent:
            root = found.find(slot)
            cell = by_root.setdefault(root, _Cell(slot[0], slot[0], slot[1], slot[1]))
            cell.top, cell.bottom = min(cell.top, slot[0]), max(cell.bottom, slot[0])
            cell.left, cell.right = min(cell.left, slot[1]), max(cell.right, slot[1])
            cell.slots += 1
        for cell in by_root.values():
            height, width = cell.bottom - cell.top + 1, cell.right - cell.left + 1
            inner = range(cell.left + 1, cell.right + 1)  # looked up per slot: linear in the table's area
            split = any(edge in bars[number] for number in range(cell.top, cell.bottom + 1) for edge in inner)
            if cell.slots != height * width or split:
                raise TableSyntaxError(
                    f"not a 'grid' table: the cell at line {cell.top + 1} of the table is not a rectangle"
                )
        for number, line in enumerate(lines):
            if line.kind != "content":
                continue
            for item in line.items:
                if item.kind != "FRAGMENT":
                    continue
                place = (number, bisect.bisect_right(edges, item.start) - 1)
                if place not in found.parent:
                    if str(item.token).strip():
                        raise TableSyntaxError(
                            f"not a 'grid' table: text outside its cells on line {number + 1} of the table"
                        )
                    continue
                cell = by_root[found.find(place)]
                cell.fragments.append(item.token)
                if cell.anchor is None:
                    cell.anchor = item.token
        for cell in by_root.values():
            if cell.anchor is None:
                cell.anchor = next(
                    (i.token for i in lines[cell.top].items if i.start >= edges[cell.left]),
                    lines[cell.top].items[-1].token,
                )
        return sorted(by_root.values(), key=lambda cell: (cell.top, cell.left))

    def _rows(self, cells: list[_Cell], lines: list[_TableLine], ruled: list[set[int]]) -> RowsRead:
        rules = sorted({number for number, covered in enumerate(ruled) if covered} | {len(lines)})
        band = {number: index for index, number in enumerate(rules)}
        starts = sorted({band[cell.top - 1] for cell in cells})
        row_number = {start: index for index, start in enumerate(starts)}
        rows: list[list[GridCell]] = [[] for _ in starts]
        for cell in cells:
            first, last = band[cell.top - 1], band[cell.bottom + 1]
            row_span = bisect.bisect_left(starts, last) - bisect.bisect_left(starts, first)
            texts = [_without_hard_break(str(token).strip()) for token in cell.fragments]
            kept = [token for token, text in zip(cell.fragments, texts, strict=True) if text]
            if kept:
                span = self.at.of(kept[0], kept[-1])
            else:
                assert cell.anchor is not None
                span = self.at.before(cell.anchor)
            text = self.at.text("\n".join(text for text in texts if text))
            rows[row_number[first]].append(GridCell(text, span, cell.right - cell.left + 1, row_span))
        header = next((n for n, line in enumerate(lines) if line.kind == "header"), None)
        header_rows = 0 if header is None else sum(1 for start in starts if rules[start] < header)
        return tuple(row_of(row) for row in rows), header_rows

    # ---------------------------------------------------------- simple tables
    def simple_table(self, lines: list[_TableLine]) -> RowsRead:
        rule = next(index for index, line in enumerate(lines) if line.kind == "dashes")
        columns = [(item.start, item.end) for item in lines[rule].items if item.kind == "DASHES"]
        rows: list[GridRow] = []
        for number, line in enumerate(lines):
            if line.kind == "dashes":
                if number > rule and any(later.kind == "words" for later in lines[number + 1 :]):
                    raise TableSyntaxError("not a 'grid' table: rows after the closing rule")
                continue
            rows.append(self._simple_row(line, columns))
        return tuple(rows), rule

    def _simple_row(self, line: _TableLine, columns: list[tuple[int, int]]) -> GridRow:
        owned: list[list[int]] = [[] for _ in columns]
        for index, item in enumerate(line.items):
            if item.kind != "WORD":
                continue
            overlaps = [min(end, item.end) - max(start, item.start) for start, end in columns]
            best = max(range(len(columns)), key=lambda column: overlaps[column])
            if overlaps[best] <= 0:
                raise TableSyntaxError(f"not a 'grid' table: {str(item.token)!r} stands under no column")
            owned[best].append(index)
        cells: list[GridCell] = []
        for column, indices in enumerate(owned):
            if indices:
                first, last = line.items[indices[0]], line.items[indices[-1]]
                text = "".join(str(item.token) for item in line.items[indices[0] : indices[-1] + 1])
                cells.append(GridCell(self.at.text(text), self.at.of(first.token, last.token)))
            else:
                later = next((owned[c][0] for c in range(column + 1, len(columns)) if owned[c]), None)
                anchor = line.items[later if later is not None else -1].token
                span = self.at.before(anchor) if later is not None else _after(self.at.of(anchor))
                cells.append(GridCell("", span))
        return row_of(cells)


def _without_hard_break(text: str) -> str:
    """A cell's line without pandoc's hard line break, a backslash at its end
    (a ``<br>`` of the source: "本年新\\" / "制作数量"); an escaped backslash
    ("\\\\") is text."""
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        return text[:-1].rstrip()
    return text


def _after(span: Span) -> Span:
    """A zero-width span where ``span`` ends."""
    return Span(span.end_line, span.end_column, span.end_line, span.end_column, span.end, span.end)


# ----------------------------------------------------------------- writing
def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """A pandoc-style grid table on the grid's full width, columns in display
    width; merged cells span columns (no pipe) and rows (partial borders);
    ``+===+`` under the header rows when no cell crosses it."""
    laid = slots(grid)
    if not laid or not laid[0]:
        return []
    units, bands = len(laid[0]), len(laid)
    owner = _owners(laid)
    texts: dict[tuple[int, int], list[str]] = {}
    area: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # first/last band, first/last unit
    for r in range(bands):
        for u in range(units):
            key = owner[r][u]
            slot = laid[r][u]
            if key not in area:
                text = slot.cell.text if slot.cell is not None else ""
                texts[key] = [part.strip() for part in text.split("\n")] if text.strip() else []
                area[key] = (r, r, u, u)
            first_band, _, first_unit, _ = area[key]
            last_band, last_unit = max(area[key][1], r), max(area[key][3], u)
            area[key] = (first_band, last_band, first_unit, last_unit)
    widths = [3] * units
    heights = [1] * bands
    for key, (_, _, u0, u1) in sorted(area.items(), key=lambda item: item[1][3] - item[1][2]):
        need = max((display_width(text) for text in texts[key]), default=0) + 2
        have = sum(widths[u0 : u1 + 1]) + (u1 - u0)
        widths[u1] += max(0, need - have)
    for key, (r0, r1, _, _) in sorted(area.items(), key=lambda item: item[1][1] - item[1][0]):
        have = sum(heights[r0 : r1 + 1]) + (r1 - r0)
        heights[r1] += max(0, len(texts[key]) - have)
    edges = [0]
    for width in widths:
        edges.append(edges[-1] + width + 1)
    header = grid.header_rows if 0 < grid.header_rows < bands else 0
    if header and any(owner[header - 1][u] == owner[header][u] for u in range(units)):
        header = 0
    lines = [_border(widths, "-")]
    done: dict[tuple[int, int], int] = {}  # lines of text written per cell
    for r in range(bands):
        for _ in range(heights[r]):
            lines.append(_content_line(r, None, owner, texts, done, widths))
        if r + 1 < bands:
            lines.append(_content_line(r, r + 1, owner, texts, done, widths, "=" if header == r + 1 else "-"))
    lines.append(_border(widths, "-"))
    return lines


def _owners(laid: list[list[Slot]]) -> list[list[tuple[int, int]]]:
    """For each slot, the band and unit where its cell starts (a covered
    slot's merged cell; a padding slot is its own)."""
    owner: list[list[tuple[int, int]]] = []
    for band, line in enumerate(laid):
        row: list[tuple[int, int]] = []
        for unit, slot in enumerate(line):
            if slot.cell is None or slot.origin:
                row.append((band, unit))
            elif slot.across:
                row.append(row[unit - 1])
            else:
                row.append(owner[band - 1][unit])
        owner.append(row)
    return owner


def _border(widths: Sequence[int], fill: str) -> str:
    return "+" + "+".join(fill * width for width in widths) + "+"


def _content_line(
    band: int,
    below: int | None,
    owner: list[list[tuple[int, int]]],
    texts: dict[tuple[int, int], list[str]],
    done: dict[tuple[int, int], int],
    widths: Sequence[int],
    fill: str = "-",
) -> str:
    """One line of band ``band``: its cells' next text lines; with ``below``,
    the line between ``band`` and ``below``, a border under cells that end
    and text of cells that go on."""
    row = owner[band]
    open_ = [below is not None and owner[below][u] == row[u] for u in range(len(row))]
    out: list[str] = []
    unit = 0
    while unit < len(row):
        ruled = below is not None and not open_[unit]
        left_ruled = unit > 0 and below is not None and not open_[unit - 1]
        if unit == 0 or ruled or left_ruled:
            out.append("+" if ruled or left_ruled else "|")
        elif row[unit - 1] != row[unit]:
            out.append("|")
        if ruled:
            out.append(fill * widths[unit])
            unit += 1
            continue
        last = unit
        while last + 1 < len(row) and row[last + 1] == row[unit]:
            last += 1
        width = sum(widths[unit : last + 1]) + (last - unit)
        key = row[unit]
        count = done.get(key, 0)
        text = texts[key][count] if count < len(texts[key]) else ""
        done[key] = count + 1
        out.append(pad(" " + text, width))
        unit = last + 1
    last_ruled = below is not None and not open_[-1]
    out.append("+" if last_ruled else "|")
    return "".join(out)


# ----------------------------------------------------------------- regions
def _is_border(text: str) -> bool:
    body = text.strip()
    return (
        len(body) > 2
        and body[0] == "+"
        and body[-1] == "+"
        and set(body) <= set("+-=:")
        and ("-" in body or "=" in body)
    )


def _is_dashes(text: str) -> bool:
    """A simple table's rule: two or more runs of dashes between spaces."""
    return bool(text.strip()) and set(text) <= {"-", " "} and len(text.split()) >= 2


def _grid_line(lines: Lines, index: int) -> bool:
    return lines.kind(index) in ("text", "pipe", "rule") and lines.text(index).lstrip(" ")[:1] in ("+", "|")


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """A grid table: a border, then lines of borders and pipes, ending at its
    last border. A simple table: a header line (or none) over a dash-group
    rule, then its rows up to a blank line, a closing rule included."""
    if first in breaks or lines.kind(first) != "text":
        return None
    if _is_border(lines.text(first)):
        last = first
        index = first + 1
        while index < len(lines) and index not in breaks and _grid_line(lines, index):
            if _is_border(lines.text(index)):
                last = index
            index += 1
        return last if last > first else None
    rule = first if _is_dashes(lines.text(first)) else first + 1
    if rule >= len(lines) or rule in breaks or not _is_dashes(lines.text(rule)):
        return None
    last = rule
    while last + 1 < len(lines) and last + 1 not in breaks and lines.kind(last + 1) == "text":
        last += 1
        if _is_dashes(lines.text(last)):
            break
    if last == rule or (rule == first and not _is_dashes(lines.text(last))):
        return None
    return last


#: What the grammar makes a token of for each cell: a bar, a border's corner, a line break.
MARKS = re.compile(r"[|+\n]")

LAYOUT = Layout(
    "grid",
    grammar_text("layouts/grid"),
    GridTableReader,
    write,
    region,
    Habits(pads_rows=True, line_breaks_in_cells=True),
    MARKS,
)
