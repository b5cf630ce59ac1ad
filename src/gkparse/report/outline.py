"""The report's outline: which lines are section headings, and which section each opens.

The generic line grammar classifies every line by its shape; the report's
own grammar (``grammars/headings.lark``) reads the same text for section
headings. A heading opens a section only the first time its section is
named: a caption repeating the title, or a table row that looks like a
heading, stays text of the section it is in.
"""

from __future__ import annotations

from gkparse.grids.grammars import parser
from gkparse.grids.lines import Lines
from gkparse.report import definitions as d
from gkparse.report.labels import label_key
from gkparse.vocabulary import SECTION_KEYS, SectionKey

_HEADING_SECTIONS: dict[str, SectionKey] = {
    "H_OVERVIEW": "overview",
    "H_ACTIVE": "active_disclosure",
    "H_APPLICATIONS": "applications",
    "H_REVIEW": "review_litigation",
    "H_PROBLEMS": "problems",
    "H_OTHER": "other_matters",
}

__all__ = ["SECTION_KEYS", "find_headings", "section_openings"]


#: Table 3's row labels that open with an ordinal, as a heading does
#: ("一、本年新收政府信息公开申请数量"): on a line of their own (one cell per
#: line) they are cells, not headings.
_ROW_LABELS = tuple(
    label_key(label.label)
    for label in (*d.APPLICATION_ROWS["2021"], *d.APPLICATION_GROUPS)
    if label.label[:1] in "一二三四五六七八九十"
)


def find_headings(prepared: str, lines: Lines) -> dict[int, SectionKey]:
    """The index in ``lines`` of every heading line, with the section it names
    (a line that is one of table 3's row labels is no heading)."""
    headings: dict[int, SectionKey] = {}
    # The grammar's start rule takes any sequence of its line terminals, so
    # its lexer alone says which lines are headings: no tree of every line.
    for token in parser("headings").lex(prepared):
        section = _HEADING_SECTIONS.get(token.type)
        if section is not None and token.line is not None and 0 < token.line <= len(lines):
            index = token.line - 1  # line i of the text is lines[i - 1]
            if label_key(lines.text(index)) not in _ROW_LABELS:
                headings[index] = section
    return headings


def section_openings(headings: dict[int, SectionKey]) -> list[int]:
    """The heading lines that open a section, in order: the first that names
    each section (a later one naming it again is text of the section it is in)."""
    openings: list[int] = []
    seen: set[SectionKey] = set()
    for index in sorted(headings):
        if headings[index] not in seen:
            seen.add(headings[index])
            openings.append(index)
    return openings
