"""Where a run of tabbed lines ends: shared by the tab and cells layouts.

Both layouts' lines carry tabs, and a converter may mix them in one table,
so they find their regions together and the majority of lines decides.
"""

from __future__ import annotations

from gkparse.grids.lines import Lines
from gkparse.grids.values import is_page_number

TABBED = frozenset({"cell", "tab"})


def tabbed_end(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """The last line of the tabbed region starting at ``first``, or None.

    Blank lines and page numbers inside the region belong to it, and so do
    lines without a tab right below a cell line (a cell broken over lines),
    and lines without a tab between two tab rows with no blank line between
    (a tab row whose cells a converter broke over lines).
    """
    if lines.kind(first) not in TABBED or first in breaks:
        return None
    last = first
    index = first + 1
    while index < len(lines):
        if index in breaks:
            break
        kind = lines.kind(index)
        continues_cell = kind == "text" and last == index - 1 and lines.kind(last) in ("cell", "text")
        if kind in TABBED or continues_cell:
            last = index
        elif kind == "text" and last == index - 1 and lines.kind(last) == "tab":
            end = _fragments_end(lines, index, breaks)
            if end is None:
                break
            last = index = end
        elif not (kind == "blank" or (kind == "text" and is_page_number(lines.text(index)))):
            break  # blank lines and page numbers are inside only if a table line follows
        index += 1
    return last


def _fragments_end(lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """The tab row that a run of lines without a tab leads into, if the run
    ends right at one: the lines are fragments of that row's cells."""
    index = first
    while index < len(lines) and lines.kind(index) == "text" and index not in breaks:
        index += 1
    if index < len(lines) and lines.kind(index) == "tab" and index not in breaks:
        return index
    return None


def majority_region(kind: str, lines: Lines, first: int, breaks: frozenset[int]) -> int | None:
    """The tabbed region starting at ``first`` if most of its lines are of ``kind``
    (ties go to tab rows)."""
    last = tabbed_end(lines, first, breaks)
    if last is None:
        return None
    codes = lines.codes[first : last + 1]
    cell_lines, tab_lines = codes.count(Lines.code("cell")), codes.count(Lines.code("tab"))
    return last if (cell_lines > tab_lines) == (kind == "cell") else None
