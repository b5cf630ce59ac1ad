"""The generic layer: loosely formatted text tables into grids.

It knows no words of any document: a layout grammar reads a table region
into a :class:`Grid` of cells with their text and place. Each layout is a
plugin (:mod:`gkparse.grids.layouts`) with its grammar, reader, writer and
region rule, registered once.
"""

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts import (
    CLEAN,
    LAYOUTS,
    Choices,
    GridReader,
    Habits,
    Layout,
    Positions,
    TableSyntaxError,
    read_grid,
    register,
    unregister,
    write_grid,
)
from gkparse.grids.reading import find_tables, parse_table
from gkparse.grids.span import Span

__all__ = [
    "CLEAN",
    "LAYOUTS",
    "Choices",
    "Grid",
    "GridCell",
    "GridReader",
    "GridRow",
    "Habits",
    "Layout",
    "Positions",
    "Span",
    "TableSyntaxError",
    "find_tables",
    "parse_table",
    "read_grid",
    "register",
    "unregister",
    "write_grid",
]
