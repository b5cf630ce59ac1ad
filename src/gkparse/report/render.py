"""Writing a report, or one of its tables, back to text in one of the layouts.

Why: people who build their own extraction pipelines want realistic report
text to test them with, and gkparse itself must read every report that can
exist, not only the ones we have seen: ``parse(render(report, layout))``
gives back the report's facts, title, body, year, edition and sections.

The text looks like converter output of the layout (compare the seeds): the
title, the preamble, each section's heading and prose, and each table where
its section stands, laid out as python-docx ("tab"), Tika ("cells") or
pandoc markdown ("pipe") would write it. Labels come from
:mod:`gkparse.definitions`; only the presentation (merged cells, captions)
is written here.

Wherever text could be written more than one way, a :class:`Choices` object
decides. :func:`render` uses the clean defaults; :mod:`gkparse.strategies`
passes one driven by hypothesis to add realistic noise that does not change
what the report says. No I/O: a model in, a string out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

import attrs

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.layouts import CLEAN, Choices, Layout, write_grid
from gkparse.grids.layouts import get as get_layout
from gkparse.grids.span import Span
from gkparse.grids.values import NUMBER, read_value
from gkparse.report import definitions as d
from gkparse.report.interpret.rows import Findings, make_cell
from gkparse.report.interpret.table2 import header_unit_of
from gkparse.report.model import Cell, Report, Section, Table
from gkparse.report.parse import parse
from gkparse.vocabulary import (
    ARITHMETIC,
    BLANK,
    INVALID,
    MISSING,
    UNKNOWN,
    VALUE,
    WAN_YUAN,
    Edition,
    row_prefix,
)

__all__ = ["CLEAN", "PLACEHOLDERS", "Choices", "render", "render_with"]

#: Placeholders converters and authors write for "nothing entered".
PLACEHOLDERS: tuple[str, ...] = ("—", "/", "-", "--", "无", "不适用", "N/A", "&nbsp;", "——")

# Slot kinds of a table row as the report's author laid it out.
_LABEL = "label"  # a label written in this slot
_HMERGE = "hmerge"  # covered by the label to its left (a horizontally merged cell)
_VMERGE = "vmerge"  # covered by the label above (a vertically merged cell)
_PAD = "pad"  # an empty slot after a short row
_VALUE = "value"  # a value cell

# The format's table 3 head: presentation, not definitions.
_T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T3_APPLICANTS = "申请人情况"
_T3_ORGANISATIONS = "法人或其他组织"
_TOP_LEVEL = re.compile(r"^[一二三四五六七八九十]+、")
_FIRST_LEAF = "1."
_UNSAFE = re.compile(r"[\t\n\r\f\v\x1c-\x1e\x85\u2028\u2029]")
# ASCII digits and point to their full-width forms (U+FF10 …), which NFKC folds back.
_FULL_WIDTH_DIGITS = {ord(c): ord(c) + 0xFEE0 for c in "0123456789."}
_HALF_WIDTH_BRACKETS = str.maketrans("（）", "()")


@attrs.frozen
class _Slot:
    """One grid slot of a table row.

    ``text`` is the label (for merged slots, the label that covers them) or
    the value's text; ``blank`` marks a value cell that holds nothing.
    """

    kind: str
    text: str = ""
    blank: bool = False


@attrs.frozen
class _Row:
    slots: tuple[_Slot, ...]


@attrs.frozen
class _TableRows:
    """A table as rows of slots; ``headed`` says its first row is a header row
    (a markdown table needs one, and gets an empty one otherwise)."""

    rows: tuple[_Row, ...]
    headed: bool


def render(report_or_table: Report | Table, layout: str) -> str:
    """The text of a report (or of one table) in one of :data:`gkparse.LAYOUTS`.

    ``parse(render(report, layout))`` has the report's facts, title, body,
    year, edition, preamble and sections. Prose is written as it is, so a
    report whose prose contains tabs, pipes or lines that look like
    headings reads back differently; the publication date is read from the
    text, so it comes back only when a date line ends the last section.
    A cell that was left unknown or missing comes back blank.

    A report that parsing read only in part (a damaged text: cells unknown
    or placed by arithmetic, rows or labels it could not place), with a
    table of one cell, or whose prose holds a cell's edge (a tab, a pipe),
    is written *whole*, so that it reads back with the same facts whatever
    its prose holds: every cell of every table of its edition is written,
    its unknown and missing cells as blanks ("—"); each table stands before
    its section's prose (the prose may hold the rows it could not place,
    and the first reading of a row is kept), a table whose section has no
    heading before everything, and a table without cells not at all; in
    the layouts whose tables a line with tabs would continue (tab, cells),
    the prose's tabs are written as spaces.

    A report's text is checked before it is returned: read back, it must
    give the report's facts. If it does not (the prose next to a table read
    as part of it), the report is written the other way (whole, or as
    read), then whole with its prose's tabs and pipes as spaces, and then
    that with each prose's lines run on into one; the first text that reads
    back right is returned, else the first written.
    """
    if not isinstance(report_or_table, Report):
        return render_with(report_or_table, layout, CLEAN)
    written_in = get_layout(layout)  # raises ValueError for an unknown layout
    facts = report_or_table.facts()
    texts = []
    for way in _ways(report_or_table):
        text = _written(report_or_table, written_in, CLEAN, way)
        if parse(text).facts() == facts:
            return text
        texts.append(text)
    return texts[0]


def render_with(report_or_table: Report | Table, layout_name: str, choices: Choices) -> str:
    """:func:`render`, with ``choices`` deciding how to write each variable thing.

    Every choice keeps the facts: :mod:`gkparse.strategies` uses this to
    write the same report in many realistic ways.
    """
    layout = get_layout(layout_name)  # raises ValueError for an unknown layout
    if isinstance(report_or_table, Report):
        return _written(report_or_table, layout, choices, _ways(report_or_table)[0])
    if not isinstance(report_or_table, Table):
        raise TypeError(f"render() takes a Report or a Table, not {type(report_or_table).__name__}")
    writer = _Writer(layout, choices)
    return _finished("\n".join(writer.table(report_or_table)) + "\n", writer)


def _written(report: Report, layout: Layout, choices: Choices, way: _Way) -> str:
    writer = _Writer(layout, choices, way)
    return _finished("\n".join(writer.report(report)) + "\n", writer)


def _finished(text: str, writer: _Writer) -> str:
    """The converter's habits that apply to the whole text: line ends, a byte order mark."""
    choices = writer.choices
    if choices.chance(15):
        text = text.replace("\n", "\r\n")
    if choices.chance(writer.layout.habits.byte_order_mark):
        text = "\ufeff" + text  # LibreOffice starts its text export with a byte order mark
    return text


# ----------------------------------------------------------------- values
def _dummy_span() -> Span:
    return Span(1, 1, 1, 1, 0, 0)


def _reads_as(cell: Cell, text: str, *, money: bool, header_unit: str | None, unit: bool = True) -> bool:
    """Whether ``text`` in this cell's column reads back as the cell's value and
    state (and unit, unless ``unit`` is False)."""
    if _UNSAFE.search(text):
        return False
    back = make_cell(
        cell.key, GridCell(text, _dummy_span()), Findings(), money=money, header_unit=header_unit
    )
    return (back.value, back.state) == (cell.value, cell.state) and (not unit or back.unit == cell.unit)


def _value_slot(cell: Cell | None, header_unit: str | None) -> _Slot:
    """The text of a value cell: its raw text when that reads back the same,
    else the value written out (with the same unit if the column's header
    allows it); a blank for anything without a value."""
    if cell is None:
        return _Slot(_VALUE, "", blank=True)
    money = cell.key.rsplit(".", 1)[-1] in d.MONEY_COLUMNS
    raw = cell.raw.strip()
    if cell.state in (VALUE, BLANK) and _reads_as(cell, raw, money=money, header_unit=header_unit):
        return _Slot(_VALUE, raw, blank=cell.state == BLANK)
    if cell.state == VALUE and cell.value is not None:
        texts = _value_texts(cell.value, cell.unit, header_unit)
        for same_unit in (True, False):
            for text in texts:
                if _reads_as(cell, text, money=money, header_unit=header_unit, unit=same_unit):
                    return _Slot(_VALUE, text)
    if cell.state == INVALID and not _UNSAFE.search(raw) and read_value(raw).kind == NUMBER:
        return _Slot(_VALUE, raw)  # a number that is wrong for its column stays wrong
    return _Slot(_VALUE, "", blank=True)


def _value_texts(value: int | Decimal, unit: str | None, header_unit: str | None) -> list[str]:
    if isinstance(value, int):
        return [str(value)]
    number = format(value, "f")
    if unit == WAN_YUAN and header_unit != WAN_YUAN:
        return [f"{number}{WAN_YUAN}", number]
    return [number, f"{number}{WAN_YUAN}"]


# ----------------------------------------------------------------- tables
def _cells_by_key(table: Table) -> dict[str, Cell]:
    return {cell.key: cell for cell in table.cells}


def _present(cells: dict[str, Cell], keys: Sequence[str]) -> bool:
    """Whether any of the keys' cells was in the text (a row or table not
    in the text is left out of the rendering, so that it stays missing)."""
    return any(key in cells and cells[key].state != MISSING for key in keys)


def _header_only(table: Table) -> bool | None:
    """None when the table has values to write; True when no cell of it was in
    the text but the parser saw the table (its grids: a header without data
    rows), so that its header is written; False when it was not in the text."""
    if any(cell.state != MISSING for cell in table.cells):
        return None
    return bool(table.grids)


def _best(
    candidates: Sequence[Edition], keys_of: dict[Edition, tuple[str, ...]], present: set[str]
) -> Edition:
    return max(candidates, key=lambda name: len(present & set(keys_of[name])))


def _edition_of_table2(table: Table) -> Edition:
    keys = {cell.key for cell in table.cells}
    return _best(d.EDITIONS, {e: d.active_disclosure_keys(e) for e in d.EDITIONS}, keys)


def _variant_of_table3(table: Table) -> Edition:
    keys = {cell.key for cell in table.cells}
    return _best(d.EDITIONS, {e: d.application_keys(e) for e in d.EDITIONS}, keys)


def _label_row(labels: Sequence[str], width: int) -> _Row:
    """A row of labels, the last one merged across the rest of the width."""
    slots = [_Slot(_LABEL, text) for text in labels]
    slots += [_Slot(_HMERGE, labels[-1])] * (width - len(slots))
    return _Row(tuple(slots))


def _active_disclosure_rows(table: Table, choices: Choices, *, caption: bool) -> _TableRows:
    edition = _edition_of_table2(table)
    cells = _cells_by_key(table)
    blocks = d.ACTIVE_DISCLOSURE_BLOCKS[edition]
    width = 1 + max(len(block.columns) for block in blocks)
    rows: list[_Row] = []
    header_only = _header_only(table)
    if header_only is False:
        return _TableRows((), headed=False)
    if caption and choices.chance(20):
        rows.append(_label_row(d.ACTIVE_DISCLOSURE_CAPTIONS[:1], width))
    for block in blocks:
        prefix = f"{d.ACTIVE_DISCLOSURE}."
        block_keys = [f"{prefix}{r.key}.{c.key}" for r in block.rows for c in block.columns]
        if not header_only and not _present(cells, block_keys):
            continue
        rows.append(_label_row([f"{d.ACTIVE_DISCLOSURE_BLOCK_HEADING}第（{block.item}）项"], width))
        column_labels = [column.label for column in block.columns]
        rows.append(_label_row([d.ACTIVE_DISCLOSURE_HEADER, *column_labels], width))
        header_unit = header_unit_of(column_labels)
        for row in block.rows:
            keys = [f"{prefix}{row.key}.{column.key}" for column in block.columns]
            if not _present(cells, keys):
                continue
            slots = [_Slot(_LABEL, row.label)] + [_value_slot(cells.get(key), header_unit) for key in keys]
            slots += [_Slot(_PAD)] * (width - len(slots))
            rows.append(_Row(tuple(slots)))
    return _TableRows(tuple(rows), headed=False)


def _application_head() -> list[_Row]:
    """The three header rows of table 3, as the format prints them."""
    columns = [column.label for column in d.APPLICATION_COLUMNS]
    note = [_Slot(_LABEL, _T3_NOTE), _Slot(_HMERGE, _T3_NOTE), _Slot(_HMERGE, _T3_NOTE)]
    below_note = [_Slot(_VMERGE, _T3_NOTE), _Slot(_HMERGE, _T3_NOTE), _Slot(_HMERGE, _T3_NOTE)]
    first = [*note, _Slot(_LABEL, _T3_APPLICANTS)] + [_Slot(_HMERGE, _T3_APPLICANTS)] * (len(columns) - 1)
    organisations = [_Slot(_LABEL, _T3_ORGANISATIONS)] + [_Slot(_HMERGE, _T3_ORGANISATIONS)] * (
        len(columns) - 3
    )
    second = [*below_note, _Slot(_LABEL, columns[0]), *organisations, _Slot(_LABEL, columns[-1])]
    third = [
        *below_note,
        _Slot(_VMERGE, columns[0]),
        *(_Slot(_LABEL, label) for label in columns[1:-1]),
        _Slot(_VMERGE, columns[-1]),
    ]
    return [_Row(tuple(first)), _Row(tuple(second)), _Row(tuple(third))]


def _applications_rows(table: Table, choices: Choices, *, repeat: bool) -> _TableRows:
    """Table 3: top-level rows across the three label columns; result rows
    under 三、本年度办理结果, leaves of a group (（三）不予公开 …) under their group.

    A leaf numbered "1." opens the next group of the format; a leaf numbered
    "（N）" stands alone. Noise: a group label on a row of its own.
    """
    if _header_only(table) is False:
        return _TableRows((), headed=True)
    variant = _variant_of_table3(table)
    cells = _cells_by_key(table)
    results, *groups = d.APPLICATION_GROUPS
    width = 3 + len(d.APPLICATION_COLUMNS)
    rows = _application_head()
    results_shown = False
    group: d.Label | None = None
    group_shown = False
    next_groups = iter(groups)

    def own_row(*slots: _Slot) -> None:
        rows.append(_Row((*slots, *[_Slot(_PAD)] * (width - len(slots)))))

    for leaf in d.APPLICATION_ROWS[variant]:
        keys = [f"{d.APPLICATIONS}.{leaf.key}.{column.key}" for column in d.APPLICATION_COLUMNS]
        values = [_value_slot(cells.get(key), None) for key in keys]
        present = _present(cells, keys)
        if _TOP_LEVEL.match(leaf.label):
            results_shown, group = False, None
            if present:
                rows.append(_Row((_Slot(_LABEL, leaf.label), *[_Slot(_HMERGE, leaf.label)] * 2, *values)))
            continue
        if leaf.label.startswith(_FIRST_LEAF):
            group, group_shown = next(next_groups, None), False
        elif not leaf.label[:1].isdigit():
            group = None
        if not present:
            continue
        first = _Slot(_VMERGE if results_shown else _LABEL, results.label)
        if not results_shown and not repeat and choices.chance(30):
            own_row(first, _Slot(_HMERGE, results.label), _Slot(_HMERGE, results.label))
            first = _Slot(_VMERGE, results.label)
        results_shown = True
        if group is None:
            labels = (first, _Slot(_LABEL, leaf.label), _Slot(_HMERGE, leaf.label))
        else:
            middle = _Slot(_VMERGE if group_shown else _LABEL, group.label)
            if not group_shown and not repeat and choices.chance(30):
                own_row(first, middle, _Slot(_HMERGE, group.label))
                first, middle = _Slot(_VMERGE, results.label), _Slot(_VMERGE, group.label)
            group_shown = True
            labels = (first, middle, _Slot(_LABEL, leaf.label))
        rows.append(_Row((*labels, *values)))
    return _TableRows(tuple(rows), headed=True)


def _review_rows(table: Table) -> _TableRows:
    """Table 4: three header rows (行政诉讼 over its two kinds of suit, the
    five columns under each group), then the one row of fifteen values."""
    cells = _cells_by_key(table)
    columns = [column.label for column in d.REVIEW_COLUMNS]
    paths = [tuple(group.label.split(" / ")) for group in d.REVIEW_GROUPS]
    depth = max(len(path) for path in paths)
    head: list[list[_Slot]] = [[] for _ in range(depth + 1)]
    for level in range(depth + 1):
        previous: str | None = None
        for path in paths:
            for index, column in enumerate(columns):
                if level < len(path):
                    text = path[level]
                    same = previous == "/".join(path[: level + 1])
                    head[level].append(_Slot(_HMERGE if same or index else _LABEL, text))
                    previous = "/".join(path[: level + 1])
                elif level == len(path):
                    head[level].append(_Slot(_LABEL, column))
                    previous = None
                else:
                    head[level].append(_Slot(_VMERGE, column))
                    previous = None
    header = tuple(_Row(tuple(slots)) for slots in head)
    header_only = _header_only(table)
    if header_only is not None:
        return _TableRows(header if header_only else (), headed=True)
    data = _Row(tuple(_value_slot(cells.get(key), None) for key in d.review_keys()))
    return _TableRows((*header, data), headed=True)


# ----------------------------------------------------------------- written whole
#: The ways of writing a report (see :func:`render`): its tables as read,
#: after its prose; whole, before its prose; whole, with the prose's cell
#: edges written as spaces; and that, with each prose's lines run on into
#: one (lines of one cell each are a table in the lines layout).
_Way = Literal["as read", "whole", "whole, plain prose", "whole, prose run on"]
_AS_READ: _Way = "as read"
_WHOLE: _Way = "whole"
_WHOLE_PLAIN: _Way = "whole, plain prose"
_WHOLE_RUN_ON: _Way = "whole, prose run on"
_PLAIN_WAYS = frozenset({_WHOLE_PLAIN, _WHOLE_RUN_ON})


def _ways(report: Report) -> tuple[_Way, ...]:
    """The ways to write the report, the one it calls for first."""
    first: tuple[_Way, _Way] = (_WHOLE, _AS_READ) if _written_whole(report) else (_AS_READ, _WHOLE)
    return (*first, _WHOLE_PLAIN, _WHOLE_RUN_ON)


def _written_whole(report: Report) -> bool:
    """Whether the report calls for being written whole (see :func:`render`)."""
    return _read_in_part(report) or _a_lone_cell(report) or _cells_in_prose(report)


#: The findings of a report whose text held nothing of its tables that
#: parsing left unplaced: absent tables, sections and rows, and numbers
#: wrong for their column (which are written back as they were).
_WHOLE_READING = frozenset({"TABLE-MISSING", "SECTION-MISSING", "ROW-MISSING", "CELL-NOT-NUMBER"})


def _read_in_part(report: Report) -> bool:
    """Whether parsing left some of the report's table text unplaced: a cell
    unknown or placed by arithmetic, or a finding about rows, labels or
    runs it could not read. Such a report's prose may hold what a second
    reading would place, so it is written whole (see :func:`render`)."""
    return any(finding.code not in _WHOLE_READING for finding in report.problems) or any(
        cell.state == UNKNOWN or cell.placed_by == ARITHMETIC
        for table in report.tables
        for cell in table.cells
    )


def _cells_in_prose(report: Report) -> bool:
    """Whether the report's prose holds a cell's edge (a tab, a pipe): next to
    a table written in another layout, it would join it."""
    texts = (report.preamble, *(section.text for section in report.sections))
    return any(mark in text for text in texts for mark in _CELL_EDGES)


#: What marks a cell's edge in some layout, and no prose needs.
_CELL_EDGES = ("\t", "|")

#: The layouts whose tables a line with tabs continues past a blank line:
#: written whole in them, the prose goes without its tabs.
_TAB_LAYOUTS = frozenset({"tab", "cells"})


def _a_lone_cell(report: Report) -> bool:
    """Whether a table of the report holds one cell that was in the text: a
    table of one value, written one cell a line, reads as prose."""
    return any(sum(cell.state != MISSING for cell in table.cells) == 1 for table in report.tables)


#: Table 3's rows that tell the format's edition: written only if read.
_EDITION_ROWS = frozenset(
    f"{d.APPLICATIONS}.{row.key}" for row in (d.OTHER_HANDLING, *d.APPLICATION_OTHER_2021)
)


def _blanked(table: Table, edition: Edition | None) -> Table:
    """The table with every cell that holds no value and no blank (unknown,
    missing) written as a blank: it reads back as None, as it was, and
    leaves nothing for a second reading to fill.

    Where the report's edition is not known, only table 3's rows that all
    editions have, and table 4 (the same in both), are filled in: another
    row, or table 2's headers, would tell one.
    """
    if edition is None and table.key == d.ACTIVE_DISCLOSURE:
        return table
    cells = tuple(
        attrs.evolve(cell, raw=PLACEHOLDERS[0], state=BLANK)
        if cell.state in (UNKNOWN, MISSING) and (edition or row_prefix(cell.key) not in _EDITION_ROWS)
        else cell
        for cell in table.cells
    )
    return attrs.evolve(table, cells=cells)


# ----------------------------------------------------------------- noise
def _split_points(text: str) -> list[int]:
    """Where a space or a line break may go inside a label: between two
    characters that are neither white space nor ASCII."""
    return [i for i in range(1, len(text)) if not text[i - 1].isascii() and not text[i].isascii()]


def _noisy_label(text: str, choices: Choices, *, line_breaks: bool) -> str:
    """A label as converters and authors vary it; it still reads as the same label."""
    if not choices.chance(35):
        return text
    if choices.chance(40):
        text = text.translate(_HALF_WIDTH_BRACKETS)
    numbered = re.match(r"^([0-9])\.", text)
    if numbered and choices.chance(50):
        digit = numbered.group(1)
        wide = digit.translate(_FULL_WIDTH_DIGITS)
        form = choices.pick([f"{digit}、", f"{digit}. ", f"{digit}．", f"{wide}．"])
        text = form + text[2:]
    if choices.chance(15):
        text = re.sub(r"^([（(][一二三四五六七八九十]+[）)]|[0-9][.、．] ?)", "", text) or text
    if "采" in text and choices.chance(50):
        text = text.replace("采", "釆")
    if ("“" in text or "，" in text) and choices.chance(50):
        text = text.replace("“", '"').replace("”", '"').replace("，", ", ")
    points = _split_points(text)
    if points and choices.chance(40):
        at = choices.pick(points)
        text = text[:at] + choices.pick([" ", "  ", "\u3000"]) + text[at:]
    points = _split_points(text)
    if line_breaks and points and choices.chance(30):
        at = choices.pick(points)
        text = text[:at] + "\n" + text[at:]
    return text


def _noisy_value(text: str, choices: Choices) -> str:
    """A number as converters vary it: full-width digits, thousands separators."""
    if not text or not choices.chance(20):
        return text
    if text.isdigit() and len(text) > 3 and choices.chance(50):
        text = f"{int(text):,}"
    if choices.chance(50):
        text = text.translate(_FULL_WIDTH_DIGITS)
    return text


# ----------------------------------------------------------------- grids
def _needs_placeholder(row: _Row, pads_rows: bool) -> set[int]:
    """Blank value slots at either edge of a row's values, where a padding
    layout would drop an empty cell: they must not be written empty."""
    if not pads_rows:
        return set()
    values = [i for i, slot in enumerate(row.slots) if slot.kind == _VALUE]
    needed: set[int] = set()
    for order in (values, values[::-1]):
        for index in order:
            if not row.slots[index].blank:
                break
            needed.add(index)
    return needed


def _spans(rows: Sequence[_Row], number: int, index: int) -> tuple[int, int]:
    """The column and row span of the label at ``rows[number].slots[index]``:
    the horizontally merged slots after it, and the rows below whose slots
    under it are all merged into it (a rectangle; any other shape is cut)."""
    slots = rows[number].slots
    width = 1
    while index + width < len(slots) and slots[index + width].kind == _HMERGE:
        width += 1
    height = 1
    while number + height < len(rows):
        below = rows[number + height].slots[index : index + width]
        if len(below) < width or below[0].kind != _VMERGE or any(s.kind != _HMERGE for s in below[1:]):
            break
        height += 1
    return width, height


class _Writer:
    """Writes one report or table as the lines of one layout: the report's
    form is laid out here as a grid, and the layout's writer writes it."""

    def __init__(self, layout: Layout, choices: Choices, way: _Way = _AS_READ) -> None:
        self.layout = layout
        self.choices = choices
        self.habits = layout.habits
        self.way = way
        self.whole = way != _AS_READ

    # ------------------------------------------------------------- report
    def report(self, report: Report) -> list[str]:
        """The preamble, each section with its table, and the tables whose
        section has no heading at the end; written whole (see
        :func:`render`), each table stands before its section's prose, the
        tables without a section before everything, and a table without
        cells (its edition unknown) not at all: its headers would only join
        what stands next to them."""
        placed = {section.key for section in report.sections}
        tables = {
            table.key: _blanked(table, report.edition) if self.whole else table
            for table in report.tables
            if table.cells or not self.whole
        }
        homeless = [table for table in tables.values() if d.TABLE_SECTIONS.get(table.key) not in placed]
        lines = [line for table in homeless for line in self.table_block(table)] if self.whole else []
        lines += self.preamble(report)
        for section in report.sections:
            heading, prose = self.section(section)
            table_key = next((key for key, name in d.TABLE_SECTIONS.items() if name == section.key), None)
            block = self.table_block(tables[table_key]) if table_key in tables else []
            lines += heading + block + prose if self.whole else heading + prose + block
        if not self.whole:
            lines += [line for table in homeless for line in self.table_block(table)]
        return lines

    def preamble(self, report: Report) -> list[str]:
        """The title (unless the preamble opens with it) and the preamble."""
        paragraphs = [line for line in report.preamble.split("\n") if line.strip()]
        squeezed = "".join("".join(line.split()) for line in paragraphs[:4])
        title = report.title
        lines: list[str] = []
        if self.choices.chance(20):
            lines += [""] * self.choices.pick([1, 2])
        if title and not squeezed.startswith("".join(title.split())):
            lines += self.title(title)
        elif title and paragraphs and paragraphs[0] == title:
            lines += self.title(title)
            paragraphs = paragraphs[1:]
        return lines + self.prose(paragraphs)

    def title(self, title: str) -> list[str]:
        """The title line; noisy: spaced out or broken over two lines."""
        if not self.choices.chance(30):
            return [title]
        at = title.find("报告")
        if at > 1 and self.choices.chance(50):
            cut = self.choices.pick(range(1, at + 1))
            return [title[:cut], title[cut:]]
        year = re.search(r"(19|20)[0-9]{2}", title)
        if year and self.choices.chance(50):
            return [f"{title[: year.start()]} {year.group(0)} {title[year.end() :]}"]
        return [title.replace("年度报告", "年 度 报 告")]

    def prose(self, paragraphs: Sequence[str]) -> list[str]:
        """Paragraphs, one a line; blank lines between them unless the layout's
        converter writes none (Tika). Noise: bookmarks, blank and trailing space."""
        lines: list[str] = []
        if self.way == _WHOLE_RUN_ON and paragraphs:
            paragraphs = [" ".join(paragraphs)]
        for paragraph in paragraphs:
            if lines and self.habits.blank_line_between_paragraphs:
                lines.append("")
            if self.choices.chance(10):
                lines.append(self.choices.pick(["", "[bookmark: _GoBack]", "[bookmark: OLE_LINK2]"]))
            # written whole, a cell's edge in the prose (what parsing could
            # not place) would join the prose to the table written before it
            line = paragraph
            if self.way in _PLAIN_WAYS:
                for edge in _CELL_EDGES:
                    line = line.replace(edge, " ")
                line = " ".join(line.split())
            elif self.whole and self.layout.name in _TAB_LAYOUTS:
                line = line.replace("\t", " ").strip()
            if self.choices.chance(10):
                line = self.choices.pick(["[bookmark: OLE_LINK1]", "[bookmark: _Hlk1]"]) + line
            if self.choices.chance(10):
                line += self.choices.pick([" ", "  ", "\u3000"])
            lines.append(line)
        return lines

    def section(self, section: Section) -> tuple[list[str], list[str]]:
        """The heading's lines and the prose's."""
        heading = section.heading
        if self.choices.chance(15):
            heading = self.choices.pick([" ", "\u3000", "[bookmark: OLE_LINK3]"]) + heading
        spaced = self.habits.blank_line_between_paragraphs
        lines = ["", heading] if spaced else [heading]
        paragraphs = [line for line in section.text.split("\n") if line.strip()]
        if paragraphs and spaced:
            lines.append("")
        return lines, self.prose(paragraphs)

    # ------------------------------------------------------------- tables
    def table_rows(self, table: Table, *, repeat: bool) -> _TableRows:
        if table.key == d.ACTIVE_DISCLOSURE:
            return _active_disclosure_rows(table, self.choices, caption=self.habits.rows_marked)
        if table.key == d.APPLICATIONS:
            return _applications_rows(table, self.choices, repeat=repeat)
        if table.key == d.REVIEW_LITIGATION:
            return _review_rows(table)
        raise ValueError(f"unknown table {table.key!r}; known: {', '.join(d.TABLE_KEYS)}")

    def table(self, table: Table) -> list[str]:
        """The lines of one table, nothing around it."""
        repeat = self.habits.repeats_merged_cells and self.choices.chance(25)
        rows = self.table_rows(table, repeat=repeat)
        if not rows.rows:
            return []
        return write_grid(self.grid(rows), self.layout.name, self.choices, repeat_merged=repeat)

    def table_block(self, table: Table) -> list[str]:
        """A table with a blank line before and after it (after a one-cell-per-line
        table, a text line would continue its last cell)."""
        lines = self.table(table)
        return ["", *lines, ""] if lines else []

    def grid(self, rows: _TableRows) -> Grid:
        """The table's rows as a grid: a merged label is one cell with its
        column and row span, covered slots hold no cell of their own."""
        nowhere = _dummy_span()
        covered: set[tuple[int, int]] = set()
        grid_rows = []
        for number, row in enumerate(rows.rows):
            texts = self.texts(row)
            last = max((i for i, slot in enumerate(row.slots) if slot.kind != _PAD), default=-1)
            cells = []
            for index, slot in enumerate(row.slots):
                if (number, index) in covered or index > last:
                    continue
                if slot.kind == _LABEL:
                    width, height = _spans(rows.rows, number, index)
                    covered |= {
                        (number + down, index + across) for down in range(height) for across in range(width)
                    }
                    cells.append(GridCell(texts[index], nowhere, width, height))
                elif slot.kind != _HMERGE:  # a value, or a slot merged into a cell of another shape
                    cells.append(GridCell(texts[index], nowhere))
            grid_rows.append(GridRow(tuple(cells), nowhere))
        return Grid(self.layout.name, tuple(grid_rows), nowhere, 1 if rows.headed else 0)

    def texts(self, row: _Row) -> list[str]:
        """The text of each slot, noise and placeholders included."""
        needed = _needs_placeholder(row, self.layout.pads_rows)
        texts: list[str] = []
        for index, slot in enumerate(row.slots):
            text = slot.text if slot.kind in (_LABEL, _VALUE) else ""
            if slot.kind == _VALUE:
                text = self.value(slot, index in needed)
            elif text:
                text = _noisy_label(text, self.choices, line_breaks=self.habits.line_breaks_in_cells)
            texts.append(text)
        return texts

    def value(self, slot: _Slot, needs_placeholder: bool) -> str:
        if slot.blank and self.whole:
            return slot.text or PLACEHOLDERS[0]  # a blank every layout reads as one
        if slot.blank:
            allowed = list(PLACEHOLDERS)
            if not needs_placeholder:
                allowed += ["", " "]
            text = slot.text if slot.text or not needs_placeholder else PLACEHOLDERS[0]
            return self.choices.pick(allowed) if self.choices.chance(30) else text
        return _noisy_value(slot.text, self.choices)
