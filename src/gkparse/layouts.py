"""The generic layer: loosely formatted text tables into grids.

Each layout is one lark grammar (``grammars/<name>.lark``) plus one adapter
that turns the grammar's parse tree into :class:`~gkparse.grid.GridRow`
objects. Adding a layout means adding both and one entry in ``_REGISTRY``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from lark import Token, Tree
from lark.exceptions import LarkError

from gkparse.grammars import parser
from gkparse.grid import Grid, GridCell, GridRow, Span


class TableSyntaxError(ValueError):
    """The text is not a table of the layout it was read as."""


@attrs.frozen
class Layout:
    """A way converters write tables, and how to read it.

    ``pads_rows`` says whether converters of this kind pad rows with empty
    cells (merged slots, trailing delimiters): an empty cell at the edge of a
    row then carries no information. In the one-cell-per-line layout every
    cell is written on purpose, so an empty one is a real, blank cell.
    """

    name: str
    read_rows: Callable[[Tree[Token]], tuple[GridRow, ...]]
    pads_rows: bool


def _known(position: int | None) -> int:
    if position is None:
        raise ValueError("a lark token without its position")
    return position


def token_span(first: Token, last: Token | None = None) -> Span:
    """The span from the start of ``first`` to the end of ``last`` (or of ``first``)."""
    last = last or first
    return Span(
        _known(first.line),
        _known(first.column),
        _known(last.end_line),
        _known(last.end_column),
        _known(first.start_pos),
        _known(last.end_pos),
    )


def _span_on_line(line: int, line_start: int, start: int, end: int) -> Span:
    return Span(line, start - line_start + 1, line, end - line_start + 1, start, end)


def _segments(tokens: Sequence[Token], delimiter: str) -> list[tuple[str, Span]]:
    """Cut one line's tokens at its delimiter tokens: the text and span of each piece.

    The last token is the line's NEWLINE; a line with n delimiters gives n + 1
    pieces, empty ones included.
    """
    first = token_span(tokens[0])
    line, line_start = first.line, first.start - (first.column - 1)
    pieces: list[tuple[str, Span]] = []
    text: list[str] = []
    start = line_start
    for token in tokens:
        if token.type in (delimiter, "NEWLINE"):
            where = token_span(token)
            pieces.append(("".join(text), _span_on_line(line, line_start, start, where.start)))
            text = []
            start = where.end
        else:
            text.append(str(token))
    return pieces


def _row(pieces: Iterable[tuple[str, Span]]) -> GridRow:
    cells = tuple(GridCell(text, span) for text, span in pieces)
    first, last = cells[0].span, cells[-1].span
    span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
    return GridRow(cells, span)


def _read_tab(tree: Tree[Token]) -> tuple[GridRow, ...]:
    rows = []
    for row in tree.children:
        assert isinstance(row, Tree)
        tokens = [token for token in row.children if isinstance(token, Token)]
        rows.append(_row(_segments(tokens, "TAB")))
    return tuple(rows)


def _read_cells(tree: Tree[Token]) -> tuple[GridRow, ...]:
    rows = []
    for row in tree.children:
        assert isinstance(row, Tree)
        cells = []
        for node in row.children:
            assert isinstance(node, Tree)
            texts = list(node.scan_values(lambda v: isinstance(v, Token) and v.type == "TEXT"))
            newline = next(t for t in node.children if isinstance(t, Token) and t.type == "NEWLINE")
            first = texts[0] if texts else newline
            last = texts[-1] if texts else newline
            span = token_span(first, last)
            if not texts:  # an empty cell: zero width, just after its tab
                span = Span(span.line, span.column, span.line, span.column, span.start, span.start)
            cells.append(GridCell("\n".join(str(t) for t in texts), span))
        first_span, last_span = cells[0].span, cells[-1].span
        rows.append(
            GridRow(
                tuple(cells),
                Span(
                    first_span.line,
                    first_span.column,
                    last_span.end_line,
                    last_span.end_column,
                    first_span.start,
                    last_span.end,
                ),
            )
        )
    return tuple(rows)


def _unescape_pipes(text: str) -> str:
    return text.replace("\\|", "|")


def _read_pipe(tree: Tree[Token]) -> tuple[GridRow, ...]:
    rows: list[GridRow] = []
    rule = next(node for node in tree.children if isinstance(node, Tree) and node.data == "rule")
    rule_tokens = [t for t in rule.children if isinstance(t, Token)]
    columns = sum(1 for t in rule_tokens if t.type == "RULE_CELL")
    leading_outer = rule_tokens[0].type == "PIPE"
    trailing_outer = rule_tokens[-2].type == "PIPE"
    for node in tree.children:
        if not isinstance(node, Tree) or node.data != "row":
            continue
        tokens = [t for t in node.children if isinstance(t, Token)]
        pieces = _segments(tokens, "PIPE")
        has_pipe = any(t.type == "PIPE" for t in tokens)
        if has_pipe and not pieces[0][0].strip() and (leading_outer or len(pieces) > columns):
            pieces = pieces[1:]
        if has_pipe and not pieces[-1][0].strip() and (trailing_outer or len(pieces) > columns):
            pieces = pieces[:-1]
        if pieces:
            rows.append(_row((_unescape_pipes(text), span) for text, span in pieces))
    return tuple(rows)


_REGISTRY = {
    "tab": Layout("tab", _read_tab, pads_rows=True),
    "cells": Layout("cells", _read_cells, pads_rows=False),
    "pipe": Layout("pipe", _read_pipe, pads_rows=True),
}

#: The names of the table layouts gkparse reads.
LAYOUTS: tuple[str, ...] = tuple(_REGISTRY)


def layout(name: str) -> Layout:
    """The layout called ``name`` (one of :data:`LAYOUTS`)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}") from None


def read_grid(prepared: str, name: str, *, offset: int = 0, line: int = 1) -> Grid:
    """Read ``prepared`` text (see :func:`gkparse.normalise.prepare`) as one table.

    ``offset`` and ``line`` place an excerpt in a larger text: spans are then
    spans of that text. Raises :class:`TableSyntaxError` when the text does
    not fit the layout.
    """
    chosen = layout(name)
    try:
        tree = parser(name).parse(prepared)
    except LarkError as error:
        raise TableSyntaxError(f"not a {name!r} table: {error}") from error
    rows = tuple(
        GridRow(
            tuple(attrs.evolve(cell, span=cell.span.moved(offset=offset, line=line)) for cell in row.cells),
            row.span.moved(offset=offset, line=line),
        )
        for row in chosen.read_rows(tree)
    )
    end = offset + len(prepared.rstrip("\n"))
    if rows:
        first, last = rows[0].span, rows[-1].span
        span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
    else:
        span = Span(line, 1, line, 1, offset, end)
    return Grid(chosen.name, rows, span)
