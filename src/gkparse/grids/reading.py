"""Reading tables out of text: one table, or every table of a document."""

from __future__ import annotations

from gkparse.grids.grid import Grid
from gkparse.grids.layouts import TableSyntaxError, read_grid
from gkparse.grids.lines import classify_lines
from gkparse.grids.regions import detect_layout, find_regions
from gkparse.grids.text import prepare


def _require_str(function: str, text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{function}() takes a str, not {type(text).__name__}")


def parse_table(text: str, layout: str | None = None) -> Grid:
    """Read one loosely formatted table into a :class:`~gkparse.Grid`.

    ``layout`` is one of :data:`gkparse.LAYOUTS`; when omitted it is told
    from the lines themselves, and text in which no layout finds a table is
    read as tab rows (every line a row). Raises
    :class:`~gkparse.TableSyntaxError` when the text is not a table of that
    layout (a pipe table without its delimiter row, say).
    """
    _require_str("parse_table", text)
    prepared = prepare(text)
    return read_grid(prepared, layout or detect_layout(classify_lines(prepared)) or "tab")


def find_tables(text: str) -> tuple[Grid, ...]:
    """Every table in a document, each in the layout it is written in.

    Prose and blank lines around the tables are skipped; one document may mix
    layouts. A region that its layout's grammar cannot read is skipped too,
    and so is one too large to be a table (:meth:`~gkparse.grids.regions.Region.too_large`).
    """
    _require_str("find_tables", text)
    prepared = prepare(text)
    grids = []
    for region in find_regions(classify_lines(prepared)):
        if region.too_large(prepared):
            continue
        try:
            grids.append(
                read_grid(
                    prepared[region.start : region.end], region.layout, offset=region.start, line=region.line
                )
            )
        except TableSyntaxError:
            continue
    return tuple(grids)
