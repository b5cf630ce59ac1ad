"""The generic layer's model: a loosely formatted table as a grid of cells.

A grid knows nothing about annual reports. It is what a layout grammar read:
rows of cells, each with its text exactly as the converter left it and the
place in the source text it came from.
"""

from __future__ import annotations

import attrs

from gkparse.grids.span import Span


@attrs.frozen(weakref_slot=False)
class GridCell:
    """One cell: its text (without the layout's delimiters) and its place.

    ``column_span`` and ``row_span`` are 1 unless the layout itself marks a
    merged cell; converters that repeat or blank merged cells leave them at 1.
    """

    text: str
    span: Span = attrs.field(eq=False, repr=False)
    column_span: int = 1
    row_span: int = 1


@attrs.frozen(weakref_slot=False)
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
    grid keeps what is there rather than squaring it off. ``header_rows``
    counts the leading rows the layout itself marks as the table's header
    (a pipe table's rows above its delimiter row); 0 where it marks none.
    """

    layout: str
    rows: tuple[GridRow, ...]
    span: Span = attrs.field(eq=False, repr=False)
    header_rows: int = 0
