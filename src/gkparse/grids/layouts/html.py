"""Layout ``html``: HTML ``<table>`` elements, in a page or inside markdown.

pandoc writes a table with merged cells as raw HTML inside its markdown;
web pages hold the report's tables as HTML. The grammar tokenises the tags
wherever the line breaks fall; this module gives ``colspan`` and
``rowspan`` to the grid's cells, joins a cell's ``<p>``/``<br>`` parts with
line breaks, and decodes entities (a lone ``&nbsp;`` is a blank). All the
tables of one region are one table: a region holds several only where a
table was split over pages, with page numbers between the parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from lark import Token

from gkparse.grids.grammars import grammar_text
from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts._base import Choices, GridReader, Habits, Layout, RowsRead, row_of
from gkparse.grids.layouts._runs import TextCache
from gkparse.grids.lines import Lines
from gkparse.grids.span import Span
from gkparse.grids.values import is_page_number

#: The largest colspan or rowspan taken as written; more is a typo.
_MOST = 1000

#: What HTML collapses as white space (not U+00A0 or U+3000: they are text).
_SPACE = str.maketrans("\t\n\r\f", "    ")


@attrs.frozen
class _Open:
    """A cell's opening tag: its spans, and the tag for an empty cell's place."""

    tag: Token
    columns: int
    rows: int


@attrs.frozen
class _Table:
    """One ``<table>`` element's rows."""

    rows: tuple[GridRow, ...]

    def text(self) -> str:
        """A nested table's cells, as the text of the cell holding it."""
        return "\n".join(cell.text for row in self.rows for cell in row.cells if cell.text)


def _number(value: str) -> int:
    """A span attribute's value: a whole number from 1 to _MOST, else 1."""
    digits = value.strip().strip("\"'").strip()
    return min(int(digits), _MOST) if digits.isdigit() and int(digits) > 0 else 1


def _parts(children: Sequence[Token | _Table]) -> list[list[Token | _Table]]:
    """The content split at <p>, </p>, <br> and <div> tags."""
    parts: list[list[Token | _Table]] = [[]]
    for child in children:
        if isinstance(child, Token) and child.type == "BREAK":
            parts.append([])
        elif isinstance(child, _Table) or child.type in ("TEXT", "ENTITY", "LT", "AMP"):
            parts[-1].append(child)
    return parts


def _part_text(part: Sequence[Token | _Table]) -> str:
    pieces: list[str] = []
    for child in part:
        if isinstance(child, _Table):
            pieces.append("\n" + child.text() + "\n")
        elif child.type == "ENTITY":
            import html  # not at import: its table of entities costs a fresh process a millisecond

            pieces.append(html.unescape(str(child)))
        else:
            pieces.append(str(child).translate(_SPACE))
    lines = ("".join(pieces)).split("\n")
    return "\n".join(" ".join(word for word in line.split(" ") if word).strip() for line in lines)


class HtmlReader(GridReader):
    """Cells with their spans from the attributes of their opening tags;
    every table of the region one after the other."""

    def attribute(self, children: list[Token]) -> tuple[str, str]:
        name = str(children[0]).strip().lower()
        return name, str(children[2]) if len(children) > 2 else ""

    def cell_open(self, children: list[Token | tuple[str, str]]) -> _Open:
        tag = children[0]
        assert isinstance(tag, Token)
        attributes = dict(child for child in children if isinstance(child, tuple))
        return _Open(tag, _number(attributes.get("colspan", "1")), _number(attributes.get("rowspan", "1")))

    def cell(self, children: list[Token | _Open | _Table]) -> GridCell:
        opening = children[0]
        assert isinstance(opening, _Open)
        content: list[Token | _Table] = []
        for child in children[1:]:
            if isinstance(child, Token) and child.type == "CELL_CLOSE":
                break
            assert not isinstance(child, _Open)
            content.append(child)
        texts = [_part_text(part) for part in _parts(content)]
        text = "\n".join(line for text in texts for line in text.split("\n") if line)
        tokens = [child for child in content if isinstance(child, Token) and child.type != "COMMENT"]
        shown = [token for token in tokens if token.type != "OTHER_TAG" and str(token).strip()]
        if shown:
            span = self.at.of(shown[0], shown[-1])
        else:
            following = children[1] if len(children) > 1 and isinstance(children[1], Token) else None
            span = self.at.before(following) if following is not None else _after(self.at.of(opening.tag))
        return GridCell(self.at.text(text), span, opening.columns, opening.rows)

    def row(self, children: list[Token | GridCell]) -> list[GridCell]:
        return [child for child in children if isinstance(child, GridCell)]

    def table(self, children: list[Token | list[GridCell]]) -> _Table:
        rows = [child for child in children if isinstance(child, list) and child]
        clamped = [
            [attrs.evolve(cell, row_span=min(cell.row_span, len(rows) - number)) for cell in cells]
            for number, cells in enumerate(rows)
        ]
        return _Table(tuple(row_of(cells) for cells in clamped))

    def start(self, children: list[Token | _Table]) -> RowsRead:
        return tuple(row for child in children if isinstance(child, _Table) for row in child.rows), 0


def _after(span: Span) -> Span:
    """A zero-width span where ``span`` ends."""
    return Span(span.end_line, span.end_column, span.end_line, span.end_column, span.end, span.end)


# ----------------------------------------------------------------- writing
def write(grid: Grid, choices: Choices, repeat_merged: bool) -> list[str]:
    """A ``<table>`` with one ``<tr>`` a line, merged cells with their
    ``colspan``/``rowspan``, line breaks in cells as ``<br>``. Noise: pandoc's
    style (``<tbody>``, a row's cells on lines of their own, ``<p>`` parts)."""
    if not grid.rows:
        return []
    pandoc = choices.chance(30)
    lines = ["<table>", "<tbody>"] if pandoc else ["<table>"]
    for row in grid.rows:
        cells = [_cell(cell, pandoc) for cell in row.cells]
        if pandoc:
            lines += ['<tr class="odd">', *cells, "</tr>"]
        else:
            lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"] if pandoc else ["</table>"]
    return lines


def _cell(cell: GridCell, paragraphs: bool) -> str:
    spans = "".join(
        f' {name}="{count}"'
        for name, count in (("colspan", cell.column_span), ("rowspan", cell.row_span))
        if count > 1
    )
    import html  # as in _part_text

    parts = [html.escape(part, quote=False) for part in cell.text.split("\n")]
    if paragraphs and cell.text.strip():
        body = "".join(f"<p>{part}</p>" for part in parts)
    else:
        body = "<br>".join(parts)
    return f"<td{spans}>{body}</td>"


# ----------------------------------------------------------------- regions
def _tags(text: str, name: str) -> int:
    """How many ``<name`` tags (``name`` with its ``<`` or ``</``) a line holds.

    Matched without ``str.lower()``: lowering a line of Chinese text takes
    fourteen bytes a character at its peak."""
    if "<" not in text:
        return 0
    return sum(1 for _ in _TAG[name].finditer(text))


#: A tag's name, in any case, followed by what may follow it in a tag.
_TAG = {name: re.compile(re.escape(name) + r"(?=[ >\t/]|$)", re.IGNORECASE) for name in ("<table", "</table")}


def region(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """From a line opening a ``<table>`` to the line closing it; a table
    that goes on after page numbers (and blank lines) is the same table."""
    if first in breaks or not _tags(lines.text(first), "<table"):
        return None
    last = _closing(lines, first, breaks)
    if last is None:
        return None
    while True:
        index, pages = last + 1, 0
        while (
            index < len(lines)
            and index not in breaks
            and (lines.kind(index) == "blank" or is_page_number(lines.text(index)))
        ):
            pages += lines.kind(index) != "blank"
            index += 1
        if not pages or index >= len(lines) or index in breaks or not _tags(lines.text(index), "<table"):
            return last
        following = _closing(lines, index, breaks)
        if following is None:
            return last
        last = following


def _closing(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """The line where the tables opened from ``first`` on are all closed."""
    return _CLOSINGS.get(lines, breaks).get(first)


def _find_closings(lines: Lines, breaks: frozenset[int]) -> dict[int, int]:
    """For each line opening a table, the line where the tables opened from
    it on are all closed (none where a break or the end comes first).

    One pass: a line opening a table waits, with the depth before it, until
    the depth falls back to that; the waiting ones' depths rise from the
    bottom of the stack up, so each is settled once. Why: asking each
    opening line on its own reads to the end of a text of unclosed tables
    from every one of them.
    """
    closings: dict[int, int] = {}
    waiting: list[tuple[int, int]] = []  # (line, depth before it)
    depth = 0
    for index in range(len(lines)):
        if index in breaks:
            waiting.clear()
            continue
        text = lines.text(index)
        if "<" not in text:
            continue  # no tag: the depth stays, and nothing waiting closes here
        opens = _tags(text, "<table")
        if opens:
            waiting.append((index, depth))
        depth += opens - _tags(text, "</table")
        while waiting and waiting[-1][1] >= depth:
            closings[waiting.pop()[0]] = index
    return closings


_CLOSINGS = TextCache(_find_closings)


#: What the grammar makes tokens of: each opening tag (a cell is at least one).
MARKS = re.compile(r"<(?!/)")

LAYOUT = Layout(
    "html",
    grammar_text("layouts/html"),
    HtmlReader,
    write,
    region,
    Habits(pads_rows=True, line_breaks_in_cells=True),
    MARKS,
)
