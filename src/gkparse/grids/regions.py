"""Which runs of a text's lines hold one table, and in which layout.

Each registered layout has a region rule; at every line, the first layout
(in registry order) whose rule claims a region there takes it. Lines in
``breaks`` end any table: the generic layer knows no headings, so a document
layer passes its own (the report's section headings) here.
"""

from __future__ import annotations

from collections.abc import Collection

import attrs

from gkparse.grids.layouts import get, registered
from gkparse.grids.layouts._runs import forget_text
from gkparse.grids.lines import Lines


@attrs.frozen
class Region:
    """A run of lines that holds one table in one layout.

    ``first`` and ``last`` index the lines (inclusive); ``start`` and ``end``
    are offsets of the region's text, its final line break included, so the
    layout grammar reads ``prepared[start:end]``; ``line`` is its first line.
    """

    layout: str
    first: int
    last: int
    start: int
    end: int
    line: int

    def too_large(self, prepared: str) -> bool:
        """Whether the region holds more cell marks than a table may
        (:data:`~gkparse.grids.layouts.MAX_REGION_MARKS`): it is not to be
        read, since reading it would cost memory out of proportion."""
        return get(self.layout).too_large(prepared, self.start, self.end)


def find_regions(lines: Lines, *, breaks: Collection[int] = ()) -> tuple[Region, ...]:
    """The table regions among ``lines``, in order; no region holds a line of ``breaks``.

    A region may be too large to read (:meth:`Region.too_large`): it is
    found all the same, so that its lines are no other layout's region."""
    stops = frozenset(breaks)
    layouts = registered()
    regions: list[Region] = []
    index = 0
    try:
        while index < len(lines):
            for layout in layouts:
                last = layout.region(lines, index, stops)
                if last is not None:
                    start, end = lines.start(index), lines.end(last) + 1
                    regions.append(Region(layout.name, index, last, start, end, index + 1))
                    index = last + 1
                    break
            else:
                index += 1
    finally:
        forget_text(lines)  # the layouts' runs of this text are no use after it
    return tuple(regions)


def detect_layout(lines: Lines) -> str | None:
    """The layout most of the table text among ``lines`` is written in, if any."""
    sizes: dict[str, int] = {}
    for region in find_regions(lines):
        sizes[region.layout] = sizes.get(region.layout, 0) + region.end - region.start
    return max(sizes, key=lambda name: sizes[name]) if sizes else None
