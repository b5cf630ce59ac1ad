"""A table's text as a stream of digit runs and words, with its labels found in order.

Where no layout could read a table's cells (a crawler's text that runs the
cells together, numbers in reading order), the report layer reads the text
as a stream (``grammars/stream.lark``): digit runs, words and page numbers,
in order. Row labels are found in the stream in the format's order; the
runs between one label and the next are that row's. How the runs are cut
into cells is :mod:`gkparse.report.interpret.arithmetic`'s business.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, Literal

import attrs
from lark import Lark

from gkparse.grids.grammars import build_parser, grammar_text
from gkparse.grids.layouts import Positions
from gkparse.grids.span import Span
from gkparse.report import definitions as d
from gkparse.report.labels import label_key, ordinal_and_core

PieceKind = Literal["run", "blank", "word", "page", "pipe"]
RUN: Final = "run"
BLANK: Final = "blank"
WORD: Final = "word"
PAGE: Final = "page"
PIPE: Final = "pipe"

_KINDS: dict[str, PieceKind] = {"RUN": RUN, "BLANK": BLANK, "WORD": WORD, "PAGE": PAGE, "PIPE": PIPE}
#: Pieces that are a row's cells.
CELLS = frozenset({RUN, BLANK})
#: The dashes a blank is written with; a run of them is one blank or several.
DASHES = "-\u2013\u2014\u2212"

#: Stands for a run in the searchable text: no label spans a number.
_RUN_MARK = "\x00"

#: The longest ordinal a label's phrase may follow ("(十)", "10.").
_ORDINAL_LONGEST = 8

#: What may stand before a label's phrase, since the last number: an ordinal.
_ORDINAL_ONLY = re.compile(r"[0-9.()一二三四五六七八九十]*")

#: How much of a label's start must be found: converters wrap long labels
#: ("2.其他法律行政法规禁止" / "公开"), so the rest may stand elsewhere.
LABEL_START = 6


@attrs.frozen
class Piece:
    """One token of the stream, with where it stands in the whole text."""

    kind: PieceKind
    text: str
    span: Span


@attrs.frozen
class Found:
    """A label found in the stream: the pieces its start spans (``first`` to
    ``last``), where it stands in the searchable text (``start`` to ``end``),
    and the ordinal run before it that belongs to it (``1`` of
    ``1.属于国家秘密``, the ``2`` ending ``00000002.其他``)."""

    first: int
    last: int
    start: int
    end: int
    ordinal: str = ""


def read_stream(text: str, start: int = 0, end: int | None = None) -> tuple[Piece, ...]:
    """The stream of a whole (prepared) text, or of its lines from offset
    ``start`` (a line's start) to ``end``; spans are the whole text's.

    The grammar is a flat sequence of tokens, so its lexer alone reads it:
    each token becomes a piece as it comes, and no parse tree of a whole
    text's tokens is held at once.
    """
    end = len(text) if end is None else end
    window = text if (start, end) == (0, len(text)) else text[start:end]
    whole = Positions(start, text.count("\n", 0, start) + 1)
    tokens = _lexer().lex(window)
    return tuple(Piece(_KINDS[token.type], whole.text(token), whole.of(token)) for token in tokens)


def _lexer() -> Lark:
    """The stream grammar with its plain lexer, built once."""
    return build_parser(grammar_text("stream"), lexer="basic")


@functools.cache
def unique_starts(labels: tuple[d.Label, ...], shortest: int = 3) -> Mapping[str, str]:
    """For each label (by key), the shortest start of its core, at least
    ``shortest`` characters, that no other of ``labels`` starts with ("予以公",
    "属于行政执"); none where every start is shared. Worked out once per
    table."""
    split = {label.key: ordinal_and_core(label.label) for label in labels}
    found: dict[str, str] = {}
    for key, (ordinal, core) in split.items():
        for size in range(shortest, len(core) + 1):
            start = core[:size]
            if not any(
                other.startswith(start) and number == ordinal
                for name, (number, other) in split.items()
                if name != key
            ):
                found[key] = start
                break
    return MappingProxyType(found)


def label_start(label: str) -> tuple[str, str]:
    """A label's ordinal ("2", "(三)", or "") and the start of the rest that
    identifies it (at most :data:`LABEL_START` characters), both keyed."""
    ordinal, core = ordinal_and_core(label)
    return ordinal, core[:LABEL_START]


class Stream:
    """The pieces of a text, searchable for labels: words keyed with
    :func:`label_key` and joined, each run standing as one mark."""

    def __init__(self, text: str, pieces: Sequence[Piece]) -> None:
        self.text = text
        self.pieces = tuple(pieces)
        keyed: list[str] = []
        self._starts: list[int] = []  # where each piece starts in the searchable text
        length = 0
        for piece in self.pieces:
            self._starts.append(length)
            text = label_key(piece.text) if piece.kind == WORD else _RUN_MARK if piece.kind in CELLS else ""
            keyed.append(text)
            length += len(text)
        self._starts.append(length)
        self._keyed = "".join(keyed)

    def _owner(self, at: int) -> int:
        """The piece whose searchable text holds position ``at`` (pieces with
        none start where the next one does, and are passed over)."""
        return bisect.bisect_right(self._starts, at) - 1

    def delimited(self, first: int, last: int) -> bool:
        """Whether a tab or a pipe stands between pieces ``first`` and
        ``last``: a layout's cell delimiters, so the layout has read what
        stands there, and its header, which the stream does not read, may
        say why it left a cell unknown."""
        between = self.text[self.pieces[first].span.start : self.pieces[last].span.end]
        return "\t" in between or "|" in between

    def keyed(self, start: int, end: int) -> str:
        """The searchable text from ``start`` to ``end``."""
        return self._keyed[start:end]

    def start_of(self, piece: int) -> int:
        """Where piece ``piece`` starts in the searchable text."""
        return self._starts[min(piece, len(self.pieces))]

    def find_text(self, keyed: str, after: int) -> int | None:
        """The piece where ``keyed`` (already keyed) first starts, at or after piece ``after``."""
        if not keyed:
            return None
        at = self._keyed.find(keyed, self.start_of(after))
        return None if at < 0 else self._owner(at)

    def find_last(self, keyed: str, before: int | None = None) -> int | None:
        """The piece where ``keyed`` last starts, before piece ``before`` (None: anywhere)."""
        end = len(self._keyed) if before is None else self.start_of(before)
        at = self._keyed.rfind(keyed, 0, end) if keyed else -1
        return None if at < 0 else self._owner(at)

    def find_label(self, label: d.Label, floor: int, short: str = "") -> Found | None:
        """Where a row's label first stands at or after ``floor`` in the
        searchable text: the start of its label, one of its phrases where a
        label starts, or ``short`` (a start no other label of the table has)
        right after the label's own ordinal.

        A phrase in the middle of a label ("重新出具已获取信息") is not
        enough: where a converter wraps a label around its row's numbers
        ("5.要 0 0 3 3 0 2 8 求行政机关确认或重新出具…"), the phrase stands
        after them, and the numbers after it are the next row's. ``short``
        finds a label wrapped early ("（一）予以公" / "开"), where its ordinal
        confirms it.
        """
        ordinal, start = label_start(label.label)
        best: tuple[int, int] | None = None
        needles = [start, *(label_key(phrase) for phrase in label.phrases)]
        if ordinal and short and len(short) < len(start):
            needles.append(short)
        for needle in needles:
            at = self._keyed.find(needle, floor) if needle else -1
            while at >= 0 and not self._accepts(needle, start, short, ordinal, at, floor):
                at = self._keyed.find(needle, at + 1)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, at + len(needle) - 1)
        if best is None:
            return None
        first, last = self._owner(best[0]), self._owner(best[1])
        return Found(first, last, best[0], best[1] + 1, self._ordinal_before(first, best[0], ordinal))

    def _accepts(self, needle: str, start: str, short: str, ordinal: str, at: int, floor: int) -> bool:
        if needle == start:
            return True
        if needle == short:
            return self._after_ordinal(at, ordinal)
        return self._starts_label(at, floor)

    def _after_ordinal(self, at: int, ordinal: str) -> bool:
        """Whether the label's own ordinal stands right before ``at``: "(一)",
        "一.", or a run ending with the number and then "."."""
        if ordinal.isdigit():
            return bool(self._ordinal_before(self._owner(at), at, ordinal))
        written = ordinal if ordinal.startswith("(") else ordinal + "."
        return self._keyed.endswith(written, 0, at)

    def _starts_label(self, at: int, floor: int) -> bool:
        """Whether only an ordinal stands between the last number (or ``floor``) and ``at``.

        An ordinal is short: looking back further than :data:`_ORDINAL_LONGEST`
        characters would make a text full of a phrase quadratic to search.
        """
        start = max(floor, at - _ORDINAL_LONGEST)
        mark = self._keyed.rfind(_RUN_MARK, start, at)
        if mark < 0 and start > floor:
            return False  # more than an ordinal since the last number
        return _ORDINAL_ONLY.fullmatch(self._keyed[max(mark + 1, start) : at]) is not None

    def _ordinal_before(self, piece: int, at: int, ordinal: str) -> str:
        """The label's ordinal if the run before it ends with it and the
        label's word starts with its dot: ``2`` | ``.其他``."""
        before = self._keyed[self.start_of(piece) : at]
        if not ordinal.isdigit() or before != "." or piece == 0:
            return ""
        previous = self.pieces[piece - 1]
        return ordinal if previous.kind == RUN and previous.text.endswith(ordinal) else ""
