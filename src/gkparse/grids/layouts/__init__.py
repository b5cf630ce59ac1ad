"""The layouts: one plugin module each, and the registry that lists them.

Each built-in layout is one module here (``tab``, ``cells``, ``pipe``) with
one grammar file (``grammars/layouts/<name>.lark``) and one :class:`Layout`
object, registered below. :data:`LAYOUTS`, region finding, reading and
rendering all follow from the registry, so a new layout is one module, one
grammar and one :func:`register` line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from lark.exceptions import LarkError, VisitError

from gkparse.grids.grammars import build_parser
from gkparse.grids.grid import Grid
from gkparse.grids.layouts import aligned, cells, grid, html, lines, pipe, tab  # one module per layout
from gkparse.grids.layouts._base import (
    CLEAN,
    MAX_REGION_MARKS,
    Choices,
    GridReader,
    Habits,
    Layout,
    Positions,
    RowsRead,
    Slot,
    TableSyntaxError,
    slots,
)
from gkparse.grids.span import Span

_REGISTRY: dict[str, Layout] = {}


def register(layout: Layout, *, replace: bool = False) -> Layout:
    """Add a layout to the registry (after the others: earlier layouts claim
    a region first). Registering a name twice is an error unless ``replace``."""
    if layout.name in _REGISTRY and not replace:
        raise ValueError(f"layout {layout.name!r} is registered already")
    _REGISTRY[layout.name] = layout
    return layout


def unregister(name: str) -> None:
    """Remove a layout from the registry (for tests and experiments)."""
    del _REGISTRY[get(name).name]


def get(name: str) -> Layout:
    """The layout called ``name``; an unregistered name is an error."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown layout {name!r}; known: {', '.join(_REGISTRY)}") from None


#: The 0.1 name of :func:`get`.
layout = get


def registered() -> tuple[Layout, ...]:
    """Every registered layout, in the order they claim regions."""
    return tuple(_REGISTRY.values())


class _Names(Sequence[str]):
    """The registered layouts' names, always current: a read-only view of the registry."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return tuple(_REGISTRY)[index]

    def __len__(self) -> int:
        return len(_REGISTRY)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_REGISTRY))

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, (_Names, tuple)) else other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


#: The names of the table layouts gkparse reads, in registry order.
LAYOUTS: Sequence[str] = _Names()


def read_grid(prepared: str, name: str, *, offset: int = 0, line: int = 1) -> Grid:
    """Read ``prepared`` text (see :func:`gkparse.grids.text.prepare`) as one table.

    ``offset`` and ``line`` place an excerpt in a larger text: spans are then
    spans of that text. Raises :class:`TableSyntaxError` when the text does
    not fit the layout.
    """
    chosen = get(name)
    try:
        tree = build_parser(chosen.grammar).parse(prepared)
    except LarkError as error:
        raise TableSyntaxError(f"not a {name!r} table: {error}") from error
    try:
        rows, header_rows = chosen.reader(Positions(offset, line)).transform(tree)
    except VisitError as error:  # a reader's own TableSyntaxError, raised inside a callback
        if isinstance(error.orig_exc, TableSyntaxError):
            raise TableSyntaxError(f"not a {name!r} table: {error.orig_exc}") from error.orig_exc
        raise
    if rows:
        span = rows[0].span.through(rows[-1].span)
    else:
        end = offset + len(prepared.rstrip("\n"))
        span = Span(line, 1, line, 1, offset, end)
    return Grid(chosen.name, rows, span, header_rows)


def write_grid(grid: Grid, name: str, choices: Choices = CLEAN, *, repeat_merged: bool = False) -> list[str]:
    """The lines of one grid written in the layout ``name``."""
    return get(name).writer(grid, choices, repeat_merged)


# The registry: one line per layout, in the order they claim regions.
register(html.LAYOUT)  # first: a line holding a <table> tag may hold tabs too
register(tab.LAYOUT)
register(cells.LAYOUT)
register(pipe.LAYOUT)
register(grid.LAYOUT)
register(lines.LAYOUT)
register(aligned.LAYOUT)  # last: it never takes a region another layout claims

__all__ = [
    "CLEAN",
    "LAYOUTS",
    "MAX_REGION_MARKS",
    "Choices",
    "GridReader",
    "Habits",
    "Layout",
    "Positions",
    "RowsRead",
    "Slot",
    "TableSyntaxError",
    "get",
    "read_grid",
    "register",
    "registered",
    "slots",
    "unregister",
    "write_grid",
]
