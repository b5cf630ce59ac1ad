"""Where a piece of text stands in the source it was read from."""

from __future__ import annotations

import attrs


@attrs.frozen(weakref_slot=False)
class Span:
    """A stretch of the source text.

    Lines and columns count from 1 (as editors and lark do); ``start`` and
    ``end`` are 0-based offsets into the source string, ``end`` exclusive, so
    ``source[span.start:span.end]`` is the text itself. Spans are built once,
    from the grammar's token positions, already in the coordinates of the
    whole text: nothing moves them afterwards.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def through(self, last: Span) -> Span:
        """The span from the start of this one to the end of ``last``."""
        return Span(self.line, self.column, last.end_line, last.end_column, self.start, last.end)

    def empty_at_start(self) -> Span:
        """A zero-width span where this one starts (an empty cell's place)."""
        return Span(self.line, self.column, self.line, self.column, self.start, self.start)
