"""The generic layer's model: a loosely formatted table as a grid of cells.

A grid knows nothing about annual reports. It is what a layout grammar read:
rows of cells, each with its text exactly as the converter left it and the
place in the source text it came from.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Span:
    """Where a piece of text stands in the source.

    Lines and columns count from 1 (as editors and lark do); ``start`` and
    ``end`` are 0-based offsets into the source string, ``end`` exclusive, so
    ``source[span.start:span.end]`` is the text itself.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def moved(self, *, offset: int, line: int) -> Span:
        """Translate a span found in an excerpt that starts a line of the source.

        ``offset`` is the excerpt's offset and ``line`` its first line number.
        """
        return Span(
            line=self.line + line - 1,
            column=self.column,
            end_line=self.end_line + line - 1,
            end_column=self.end_column,
            start=self.start + offset,
            end=self.end + offset,
        )


@attrs.frozen
class GridCell:
    """One cell: its text (without the layout's delimiters) and its place.

    ``column_span`` and ``row_span`` are 1 unless the layout itself marks a
    merged cell; converters that repeat or blank merged cells leave them at 1.
    """

    text: str
    span: Span = attrs.field(eq=False, repr=False)
    column_span: int = 1
    row_span: int = 1


@attrs.frozen
class GridRow:
    """One row of a grid, its cells left to right."""

    cells: tuple[GridCell, ...]
    span: Span = attrs.field(eq=False, repr=False)

    @property
    def texts(self) -> tuple[str, ...]:
        """The cells' texts, for a quick look."""
        return tuple(cell.text for cell in self.cells)


@attrs.frozen
class Grid:
    """A table as a layout grammar read it: rows of cells, top to bottom.

    Rows may differ in length: converters drop, add and shift cells, and the
    grid keeps what is there rather than squaring it off.
    """

    layout: str
    rows: tuple[GridRow, ...]
    span: Span = attrs.field(eq=False, repr=False)
