"""Finding a report's lines, sections and table regions.

The outline grammar (``grammars/outline.lark``) classifies every line; this
module reads that classification in order: which heading opens which
section, and which runs of table lines make one table region.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from lark import Token, Tree

from gkparse.grammars import parser
from gkparse.grid import Span
from gkparse.layouts import token_span
from gkparse.values import is_page_number

#: The report's sections in the order of the format, by key.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "active_disclosure",
    "applications",
    "review_litigation",
    "problems",
    "other_matters",
)

_HEADING_SECTIONS = {
    "H_OVERVIEW": "overview",
    "H_ACTIVE": "active_disclosure",
    "H_APPLICATIONS": "applications",
    "H_REVIEW": "review_litigation",
    "H_PROBLEMS": "problems",
    "H_OTHER": "other_matters",
}

_LINE_KINDS = {
    "heading": "heading",
    "text": "text",
    "blank": "blank",
    "cell_line": "cell",
    "tab_row": "tab",
    "pipe_row": "pipe",
    "pipe_rule": "rule",
}

TABBED = frozenset({"cell", "tab"})


@attrs.frozen
class Line:
    """One line of the text, as the outline grammar classified it.

    ``kind`` is one of heading, text, blank, cell (one cell of the
    one-cell-per-line layout), tab (a tab-joined row), pipe (a pipe-table
    row) or rule (a pipe table's delimiter row). ``text`` has no line break
    and no leading converter bookmarks. ``section`` is the section a heading
    names.
    """

    kind: str
    text: str
    span: Span
    section: str | None = None


@attrs.frozen
class Region:
    """A run of lines that holds one table in one layout.

    ``first`` and ``last`` index the outline's lines (inclusive); ``start``
    and ``end`` are offsets of the region's text, its final line break
    included, so the layout grammar reads ``prepared[start:end]``.
    """

    layout: str
    first: int
    last: int
    start: int
    end: int
    line: int


def classify_lines(prepared: str) -> tuple[Line, ...]:
    """Every line of ``prepared`` text with its kind, in order."""
    tree = parser("outline").parse(prepared)
    lines: list[Line] = []
    for node in tree.children:
        assert isinstance(node, Tree)
        if node.data == "bookmarks":
            continue
        token = node.children[0]
        assert isinstance(token, Token)
        lines.append(_line(node.data, token))
    return tuple(lines)


def _line(rule: str, token: Token) -> Line:
    text = str(token)[:-1]  # every line terminal ends with its "\n"
    where = token_span(token)
    span = Span(
        where.line, where.column, where.line, where.column + len(text), where.start, where.start + len(text)
    )
    return Line(_LINE_KINDS[rule], text.rstrip(), span, _HEADING_SECTIONS.get(token.type))


def find_regions(lines: Sequence[Line]) -> tuple[Region, ...]:
    """The table regions among ``lines``, in order.

    A tabbed region is a run of tab and cell lines; blank lines and page
    numbers inside it belong to it, and so do lines without a tab right
    below a cell line (a cell broken over lines). A pipe region is a pipe row,
    its delimiter row and the pipe rows under it.
    """
    regions: list[Region] = []
    index = 0
    while index < len(lines):
        kind = lines[index].kind
        if kind in TABBED:
            last = _tabbed_end(lines, index)
            cells = sum(1 for line in lines[index : last + 1] if line.kind == "cell")
            tabs = sum(1 for line in lines[index : last + 1] if line.kind == "tab")
            regions.append(_region("cells" if cells > tabs else "tab", lines, index, last))
            index = last + 1
        elif kind == "pipe" and index + 1 < len(lines) and lines[index + 1].kind == "rule":
            last = index + 1
            while last + 1 < len(lines) and lines[last + 1].kind in ("pipe", "rule"):
                last += 1
            regions.append(_region("pipe", lines, index, last))
            index = last + 1
        else:
            index += 1
    return tuple(regions)


def _tabbed_end(lines: Sequence[Line], first: int) -> int:
    last = first
    for index in range(first + 1, len(lines)):
        line = lines[index]
        continues_cell = line.kind == "text" and last == index - 1 and lines[last].kind in ("cell", "text")
        if line.kind in TABBED or continues_cell:
            last = index
        elif line.kind == "blank" or (line.kind == "text" and is_page_number(line.text)):
            continue  # inside the region only if a table line follows
        else:
            break
    return last


def _region(layout: str, lines: Sequence[Line], first: int, last: int) -> Region:
    start, end = lines[first].span, lines[last].span
    return Region(layout, first, last, start.start, end.end + 1, start.line)


def detect_layout(prepared: str) -> str:
    """The layout most of the table lines in ``prepared`` text are written in."""
    lines = classify_lines(prepared)
    regions = find_regions(lines)
    if not regions:
        return "tab"
    sizes: dict[str, int] = {}
    for region in regions:
        sizes[region.layout] = sizes.get(region.layout, 0) + region.end - region.start
    return max(sizes, key=lambda name: sizes[name])
