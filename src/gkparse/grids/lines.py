"""Every line of a text with the shape the generic line grammar gives it.

``grammars/lines.lark`` classifies each line as blank, text, or a line of a
table layout (a tab-joined row, a one-cell line, a pipe row or a pipe
table's delimiter row). It knows no words of any document.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Literal, overload

import attrs

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


#: The kind of line each of the grammar's line terminals is.
_TERMINAL_KINDS: dict[str, LineKind] = {
    "TEXT": "text",
    "BLANK": "blank",
    "CELL_LINE": "cell",
    "TAB_ROW": "tab",
    "PIPE_ROW": "pipe",
    "PIPE_RULE_LINE": "rule",
}
#: One character a kind, so that the kinds of all lines are one short string.
_CODES: dict[LineKind, str] = {"text": "t", "blank": "b", "cell": "c", "tab": "T", "pipe": "p", "rule": "r"}
_KINDS: dict[str, LineKind] = {code: kind for kind, code in _CODES.items()}
_TERMINAL_CODES = {terminal: ord(_CODES[kind]) for terminal, kind in _TERMINAL_KINDS.items()}


class Lines(Sequence[Line]):
    """Every line of a text, held as its kinds and offsets, not as objects.

    Why: a text of a million short lines must not make a million objects
    that live as long as the parse. Indexing gives a :class:`Line` made on
    the spot; :meth:`kind`, :meth:`text` and :meth:`span` give one part of
    it for less. Line ``i`` is line ``i + 1`` of the source, since the line
    grammar makes exactly one token of each line.
    """

    __slots__ = ("_ends", "_starts", "codes", "source")

    def __init__(self, source: str, codes: str, ends: array[int], starts: dict[int, int]) -> None:
        #: The prepared text the lines are lines of.
        self.source = source
        #: Each line's kind as one character (see :meth:`kind`).
        self.codes = codes
        self._ends = ends  # where each line's break stands
        self._starts = starts  # where a line starts, for lines that open with bookmarks

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Line, ...]: ...
    def __getitem__(self, index: int | slice) -> Line | tuple[Line, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        return Line(self.kind(index), self.text(index), self.span(index))

    def __iter__(self) -> Iterator[Line]:
        return (self[index] for index in range(len(self)))

    @staticmethod
    def code(kind: LineKind) -> str:
        """The character that stands for ``kind`` in :attr:`codes`."""
        return _CODES[kind]

    def kind(self, index: int) -> LineKind:
        """The kind of line ``index``, as :attr:`Line.kind`."""
        return _KINDS[self.codes[index]]

    def _line_start(self, index: int) -> int:
        """The offset where line ``index`` starts, bookmarks and all."""
        return self._ends[index - 1] + 1 if index else 0

    def start(self, index: int) -> int:
        """The offset where line ``index`` starts, past any bookmarks."""
        start = self._line_start(index)
        return self._starts.get(index, start) if self._starts else start

    def end(self, index: int) -> int:
        """The offset of line ``index``'s line break."""
        return self._ends[index]

    def text(self, index: int) -> str:
        """The text of line ``index``, as :attr:`Line.text`."""
        return self.source[self.start(index) : self._ends[index]].rstrip()

    def span(self, index: int) -> Span:
        """Where line ``index`` stands, without its line break, as :attr:`Line.span`."""
        start, end = self.start(index), self._ends[index]
        column = start - self._line_start(index) + 1
        return Span(index + 1, column, index + 1, column + end - start, start, end)


def classify_lines(prepared: str) -> Lines:
    """Every line of ``prepared`` text (see :func:`gkparse.grids.text.prepare`), in order.

    The grammar's start rule takes any sequence of its line terminals, so
    its lexer alone says what each line is: the tokens are read as they come,
    with no parse tree of a node a line, and none of them is kept.
    """
    codes = bytearray()
    ends = array("i" if len(prepared) < 2**31 else "q")  # 4 bytes a line where that holds an offset
    starts: dict[int, int] = {}
    bookmarked = False
    for token in parser("lines").lex(prepared):
        if token.type == "BOOKMARK":
            bookmarked = True
            continue
        start = token.start_pos or 0
        if bookmarked:
            starts[len(codes)] = start
            bookmarked = False
        codes.append(_TERMINAL_CODES[token.type])
        ends.append(start + len(token) - 1)
    return Lines(prepared, codes.decode("ascii"), ends, starts)
