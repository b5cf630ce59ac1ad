"""Every line of a text with the shape the generic line grammar gives it.

``grammars/lines.lark`` classifies each line as blank, text, or a line of a
table layout (a tab-joined row, a one-cell line, a pipe row or a pipe
table's delimiter row). It knows no words of any document.
"""

from __future__ import annotations

from typing import Literal

import attrs
from lark import Token, Tree

from gkparse.grids.grammars import parser
from gkparse.grids.span import Span

LineKind = Literal["text", "blank", "cell", "tab", "pipe", "rule"]

_KINDS: dict[str, LineKind] = {
    "text": "text",
    "blank": "blank",
    "cell_line": "cell",
    "tab_row": "tab",
    "pipe_row": "pipe",
    "pipe_rule": "rule",
}


@attrs.frozen
class Line:
    """One line of the text, as the line grammar classified it.

    ``kind`` is text, blank, cell (one cell of a one-cell-per-line table: a
    single leading tab), tab (a tab-joined row), pipe (a pipe-table row) or
    rule (a pipe table's delimiter row). ``text`` has no line break, no
    trailing white space and no leading converter bookmarks; ``span`` covers
    the line without its line break.
    """

    kind: LineKind
    text: str
    span: Span


def _line(rule: str, token: Token) -> Line:
    text = str(token)[:-1]  # every line terminal ends with its "\n"
    line, column, start = token.line or 0, token.column or 0, token.start_pos or 0
    span = Span(line, column, line, column + len(text), start, start + len(text))
    return Line(_KINDS[rule], text.rstrip(), span)


def classify_lines(prepared: str) -> tuple[Line, ...]:
    """Every line of ``prepared`` text (see :func:`gkparse.grids.text.prepare`), in order."""
    tree = parser("lines").parse(prepared)
    lines: list[Line] = []
    for node in tree.children:
        if isinstance(node, Tree) and node.data != "bookmarks":
            (token,) = node.children
            if isinstance(token, Token):
                lines.append(_line(str(node.data), token))
    return tuple(lines)
