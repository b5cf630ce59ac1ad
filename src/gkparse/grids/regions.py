"""Which runs of a text's lines hold one table, and in which layout.

Each registered layout has a region rule; at every line, the first layout
(in registry order) whose rule claims a region there takes it. Lines in
``breaks`` end any table: the generic layer knows no headings, so a document
layer passes its own (the report's section headings) here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

from gkparse.grids.layouts import registered
from gkparse.grids.layouts._runs import forget_text
from gkparse.grids.lines import Line


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


def find_regions(lines: Sequence[Line], *, breaks: Collection[int] = ()) -> tuple[Region, ...]:
    """The table regions among ``lines``, in order; no region holds a line of ``breaks``."""
    stops = frozenset(breaks)
    layouts = registered()
    regions: list[Region] = []
    index = 0
    try:
        while index < len(lines):
            for layout in layouts:
                last = layout.region(lines, index, stops)
                if last is not None:
                    start, end = lines[index].span, lines[last].span
                    regions.append(Region(layout.name, index, last, start.start, end.end + 1, start.line))
                    index = last + 1
                    break
            else:
                index += 1
    finally:
        forget_text(lines)  # the layouts' runs of this text are no use after it
    return tuple(regions)


def detect_layout(lines: Sequence[Line]) -> str | None:
    """The layout most of the table text among ``lines`` is written in, if any."""
    sizes: dict[str, int] = {}
    for region in find_regions(lines):
        sizes[region.layout] = sizes.get(region.layout, 0) + region.end - region.start
    return max(sizes, key=lambda name: sizes[name]) if sizes else None
