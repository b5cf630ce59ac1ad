"""Every line of a text with the shape the generic line grammar gives it.

``grammars/lines.lark`` classifies each line as blank, text, or a line of a
table layout (a tab-joined row, a one-cell line, a pipe row or a pipe
table's delimiter row). It knows no words of any document.
"""

from __future__ import annotations

from typing import Literal

import attrs
from lark import Token

from gkparse.grids.grammars import parser
from gkparse.grids.span import Span

LineKind = Literal["text", "blank", "cell", "tab", "pipe", "rule"]


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


def _line(kind: LineKind, token: Token) -> Line:
    text = str(token)[:-1]  # every line terminal ends with its "\n"
    line, column, start = token.line or 0, token.column or 0, token.start_pos or 0
    span = Span(line, column, line, column + len(text), start, start + len(text))
    return Line(kind, text.rstrip(), span)


#: The kind of line each of the grammar's line terminals is.
_TERMINAL_KINDS: dict[str, LineKind] = {
    "TEXT": "text",
    "BLANK": "blank",
    "CELL_LINE": "cell",
    "TAB_ROW": "tab",
    "PIPE_ROW": "pipe",
    "PIPE_RULE_LINE": "rule",
}


def classify_lines(prepared: str) -> tuple[Line, ...]:
    """Every line of ``prepared`` text (see :func:`gkparse.grids.text.prepare`), in order.

    The grammar's start rule takes any sequence of its line terminals, so
    its lexer alone says what each line is: the tokens are read as they come,
    with no parse tree of a node a line.
    """
    return tuple(
        _line(_TERMINAL_KINDS[token.type], token)
        for token in parser("lines").lex(prepared)
        if token.type != "BOOKMARK"
    )
