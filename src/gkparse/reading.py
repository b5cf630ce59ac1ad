"""Reading tables out of text: one table, or every table of a document."""

from __future__ import annotations

from gkparse.grid import Grid
from gkparse.layouts import read_grid
from gkparse.normalise import prepare
from gkparse.outline import classify_lines, detect_layout, find_regions


def _require_str(function: str, text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{function}() takes a str, not {type(text).__name__}")


def parse_table(text: str, layout: str | None = None) -> Grid:
    """Read one loosely formatted table into a :class:`~gkparse.grid.Grid`.

    ``layout`` is one of :data:`gkparse.LAYOUTS`; when omitted it is told from
    the lines themselves. Raises :class:`~gkparse.TableSyntaxError` when the
    text is not a table of that layout (a pipe table without its delimiter
    row, say).
    """
    _require_str("parse_table", text)
    prepared = prepare(text)
    return read_grid(prepared, layout or detect_layout(prepared))


def find_tables(text: str) -> tuple[Grid, ...]:
    """Every table in a document, each in the layout it is written in.

    Prose, headings and blank lines around the tables are skipped; one
    document may mix layouts.
    """
    _require_str("find_tables", text)
    prepared = prepare(text)
    regions = find_regions(classify_lines(prepared))
    return tuple(read_grid(prepared[r.start : r.end], r.layout, offset=r.start, line=r.line) for r in regions)
