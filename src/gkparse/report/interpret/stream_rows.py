"""A table's rows in the stream: each row label found in the format's order, and its runs.

The stream (:mod:`gkparse.report.interpret.stream`) is the table's text as
digit runs, blanks and words. Here each table's stretch of it is found
(from its title), each row label in the format's order, and the cells that
are that row's for sure: the runs between its label and the next, standing
together on one line, with the blanks written next to them, and nothing
between the labels but the table's own words. How the runs are cut into
cells is :mod:`gkparse.report.interpret.arithmetic`'s business.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from gkparse.grids.span import Span
from gkparse.report import definitions as d
from gkparse.report.interpret.cuts import Part, first_cuts
from gkparse.report.interpret.stream import (
    BLANK,
    CELLS,
    DASHES,
    RUN,
    WORD,
    Found,
    Piece,
    Stream,
    unique_starts,
)
from gkparse.report.labels import label_key, ordinal_and_core
from gkparse.vocabulary import TableKey

_UNITS = ("万元", "元")


@attrs.frozen
class Zone:
    """A table's stretch of the stream: pieces ``start`` to ``end`` (exclusive)."""

    table: TableKey
    start: int
    end: int


@attrs.frozen
class RowRuns:
    """A row whose label was found, and the runs that follow it.

    ``runs`` is None when the numbers after the label are not one group
    (words stand between them): the row cannot be read from the stream.
    """

    label: d.Label
    label_span: Span
    runs: tuple[Piece, ...] | None
    unit: str | None
    after: int
    alone: bool = True

    def cuts(self, count: int, sums: int | None = None, limit: int = 16) -> list[tuple[Part, ...]] | None:
        """The row's cuts into ``count`` cells; runs that are not all the
        numbers before the next label are never cut (one cell each)."""
        assert self.runs
        if not self.alone and len(self.runs) != count:
            return []
        return first_cuts(self.runs, count, sums, limit)


def find_zones(stream: Stream) -> tuple[Zone | None, Zone]:
    """Where tables 2 and 3 stand: from the last mention of each one's title
    (a preamble may list the titles before the tables come) to the next's.

    Table 2 is looked for only after its title (its labels, 行政许可 …, are
    common words of the prose); table 3 also without one, to the text's end.
    """
    end = len(stream.pieces)
    applications = stream.find_last(_APPLICATIONS_TITLE)
    active = stream.find_last(_ACTIVE_DISCLOSURE_TITLE, applications)
    table3 = Zone(d.APPLICATIONS, applications or active or 0, end)
    if active is None:
        return None, table3
    return Zone(d.ACTIVE_DISCLOSURE, active, applications or end), table3


def review_zone(stream: Stream, after: int | None) -> Zone | None:
    """Where table 4 stands: after table 3's last numbers, or else from the
    last mention of its title."""
    start = after if after is not None else stream.find_last(_REVIEW_TITLE)
    return None if start is None else Zone(d.REVIEW_LITIGATION, start, len(stream.pieces))


def review_title_after(stream: Stream, after: int) -> int | None:
    """Where table 4's title first stands after piece ``after``: where table 3 ends."""
    return stream.find_text(_REVIEW_TITLE, after)


#: What table 2's title is searched by ("二、主动公开政府信息的情况").
_ACTIVE_DISCLOSURE_TITLE = label_key("主动公开政府信息")

#: What table 3's title is searched by ("三、行政机关收到和处理政府信息公开申请的情况").
_APPLICATIONS_TITLE = label_key("收到和处理政府信息公开申请")

#: What table 4's title is searched by: a word every variant of the title
#: holds ("行政法复议" is a real typo of 行政复议).
_REVIEW_TITLE = label_key("行政诉讼")


def _groups(pieces: Sequence[Piece], start: int, end: int, first_only: bool = False) -> list[list[int]]:
    """The runs among ``pieces[start:end]``, in groups that stand together.

    Runs stand together when no word stands between them (page numbers are
    debris) and they are on one line: where a converter lays a table out in
    two dimensions, a number on another line may belong to another row or
    column, and reading order says nothing of which.
    """
    groups: list[list[int]] = []
    for index in range(start, end):
        if pieces[index].kind not in CELLS:
            continue
        if groups:
            last = groups[-1][-1]
            apart = pieces[index].span.line != pieces[last].span.line
            if apart or any(pieces[i].kind == WORD for i in range(last + 1, index)):
                if first_only:
                    break
                groups.append([index])
                continue
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _row_group(
    pieces: Sequence[Piece], start: int, end: int, line: int, last_row: bool
) -> tuple[list[int], bool] | None:
    """A row's runs, and whether they are all the runs before the next label.

    After the table's last label, the first group; else the only group, or
    the group on the label's own line (the next row's numbers may stand
    before its label); None when no group is the row's for sure.
    """
    groups = _groups(pieces, start, end, first_only=last_row)
    if len(groups) <= 1:
        return (groups[0] if groups else []), True
    on_line = [group for group in groups if pieces[group[0]].span.line == line]
    return (on_line[0], False) if len(on_line) == 1 else None


def find_rows(stream: Stream, zone: Zone, labels: Sequence[d.Label], words: Words) -> list[RowRuns]:
    """The rows whose labels stand in the zone in the format's order, with their runs.

    A row's runs are those between its label and the next label found (the
    next label's ordinal, glued to the runs as in ``00000002.其他``, taken
    off); after the last label, the first runs that stand together.
    """
    found: list[tuple[d.Label, Found]] = []
    floor = stream.start_of(zone.start)
    shorts = unique_starts(tuple(labels), shortest=1)
    for label in labels:
        place = stream.find_label(label, floor, shorts.get(label.key, ""))
        if place is None or place.first >= zone.end:
            continue
        found.append((label, place))
        floor = place.end
    rows = []
    pieces = stream.pieces
    for index, (label, place) in enumerate(found):
        label_span = pieces[place.first].span.through(pieces[place.last].span)
        following = found[index + 1][1] if index + 1 < len(found) else None
        end = following.first if following else zone.end
        ordinal = following.ordinal if following else ""
        if ordinal and pieces[end - 1].text == ordinal:  # "1" | ".属于国家秘密"
            end, ordinal = end - 1, ""
        chosen = _row_group(pieces, place.last + 1, end, label_span.end_line, following is None)
        if chosen is None:
            rows.append(RowRuns(label, label_span, None, None, place.last + 1))
            continue
        group, alone = chosen
        runs = [pieces[i] for i in group]
        if ordinal and group and group[-1] == end - 1:  # "00000002" | ".其他"
            runs = _without_ordinal(runs, ordinal)
        with_blanks = _with_blanks(stream, place, following, group, runs, words)
        if with_blanks is None or _sign_or_blank(with_blanks):
            rows.append(RowRuns(label, label_span, None, None, place.last + 1))
            continue
        runs = with_blanks
        after_runs = group[-1] + 1 if group else place.last + 1
        if group and stream.delimited(place.last, group[-1]):
            runs = []  # the layout's to read
        unit = _unit_after(pieces, after_runs)
        rows.append(RowRuns(label, label_span, tuple(runs), unit, after_runs, alone))
    return rows


def _sign_or_blank(cells: Sequence[Piece]) -> bool:
    """Whether a dash ends a blank glued to the number after it ("—-1",
    "收费-20"): it may be the number's sign as well."""
    return any(
        first.kind == BLANK
        and first.text[-1] in _SIGNS
        and second.kind == RUN
        and first.span.end == second.span.start
        for first, second in itertools.pairwise(cells)
    )


def _with_blanks(
    stream: Stream, place: Found, following: Found | None, group: list[int], runs: list[Piece], words: Words
) -> list[Piece] | None:
    """A row's cells with the blanks written as words next to them
    ("30无二、上年结转", "规章---行政规范性文件"); None if a word between the
    label and the next one (after the table's last label: before its
    numbers) is neither a blank nor the table's words: it may be a cell the
    stream cannot read, or no row of the table at all.
    """
    pieces = stream.pieces
    items: list[tuple[str, int]] = []  # the words between the label and the next, keyed, with their piece
    stop = following.first if following is not None else group[0] if group else place.last + 1
    if any("&nbsp;" in pieces[i].text.lower() for i in range(place.last, min(stop + 1, len(pieces)))):
        return None  # an entity next to the numbers: a blank cell, or padding?
    if following is not None and place.last == following.first:
        items.append((stream.keyed(place.end, following.start), place.last))
    else:
        items.append((stream.keyed(place.end, stream.start_of(place.last + 1)), place.last))
        items += [
            (label_key(pieces[i].text), i) for i in range(place.last + 1, stop) if pieces[i].kind == WORD
        ]
        if following is not None:
            items.append((stream.keyed(stream.start_of(following.first), following.start), following.first))
            text, index = items[-1]
            items[-1] = (_ORDINAL_END.sub("", text), index)  # the next label's own
    before: list[Piece] = []
    after: list[Piece] = []
    for position, (text, index) in enumerate(items):
        if group and index == group[0] - 1:
            marks, rest = _trailing_blanks(text)
            before = [Piece(BLANK, mark, pieces[index].span) for mark in marks]
            items[position] = (rest, index)
        elif (group and index == group[-1] + 1) or (not group and position == 0):
            marks, rest = _leading_blanks(text)
            after = [Piece(BLANK, mark, pieces[index].span) for mark in marks]
            items[position] = (rest, index)
            if following is None:
                return after  # what follows the table's last blanks is not the table's
            break
    if any(not words.explains(text) for text, _ in items):
        return None
    if following is None and group and group[-1] + 1 < len(pieces):
        # the table's last row: blanks after its numbers on their line, glued
        # or not ("24不适用三、收到和处理…", "5 17 13 不适用")
        word = pieces[group[-1] + 1]
        if word.kind == WORD and word.span.line == pieces[group[-1]].span.end_line:
            if word.text.lower().startswith("&nbsp;"):
                return None  # a blank cell, or padding?
            marks, rest = _leading_blanks(label_key(word.text))
            if rest and not (words.opens(rest) or _opens_heading(rest)):
                return None  # a sentence goes on after the numbers: "行政规范性文件698件，动态更新…"
            after = [Piece(BLANK, mark, word.span) for mark in marks]
    return [*before, *runs, *after]


def _opens_heading(text: str) -> bool:
    """Whether a keyed text opens with a heading's ordinal: "三.", "(二)"."""
    ordinal, _ = ordinal_and_core(text)
    return bool(ordinal) and not ordinal.isdigit()


class Words:
    """The words a table's text holds besides its numbers, keyed: its row
    and group labels, its headers. A word between two row labels is one of
    them, or pieces of them run together or wrapped ("度办理结", "制作")."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(sorted({label_key(p) for p in phrases} - {""}, key=len, reverse=True))
        self._joined = "\x00".join(self.phrases)

    def opens(self, word: str) -> bool:
        """Whether ``word`` starts with one of the table's words, or is the start of one."""
        return any(word.startswith(p) or p.startswith(word) for p in self.phrases)

    def explains(self, word: str) -> bool:
        """Whether ``word`` is made of the table's words (the first may be the
        end of one, the last the start of one)."""
        if not word or word in self._joined:
            return True
        if len(word) > _LONGEST_WORD:
            return False
        size = len(word)
        rest_ok = [False] * (size + 1)  # rest_ok[i]: word[i:] is made of the table's words
        rest_ok[size] = True
        for i in range(size - 1, -1, -1):
            rest_ok[i] = any(word.startswith(p, i) and rest_ok[i + len(p)] for p in self.phrases) or any(
                p.startswith(word[i:]) for p in self.phrases
            )
        return rest_ok[0] or any(
            rest_ok[j] and any(p.endswith(word[:j]) for p in self.phrases) for j in range(1, size)
        )


def _phrases(labels: Iterable[d.Label]) -> list[str]:
    return [text for label in labels for text in (label.label, *label.phrases)]


_ITEMS = "一二三四五六七八九十"

#: The words of each table besides its numbers.
WORDS: Mapping[TableKey, Words] = {
    d.ACTIVE_DISCLOSURE: Words(
        [
            *_phrases(
                row
                for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values()
                for block in blocks
                for row in block.rows
            ),
            *_phrases(
                c for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values() for block in blocks for c in block.columns
            ),
            *(f"{d.ACTIVE_DISCLOSURE_BLOCK_HEADING}第（{item}）项" for item in _ITEMS),
            d.ACTIVE_DISCLOSURE_HEADER,
            "（单位：万元）",
            "万元",
            "元",
        ]
    ),
    d.APPLICATIONS: Words(
        [
            *_phrases(
                (*d.APPLICATION_ROWS["2021"], d.OTHER_HANDLING, *d.APPLICATION_GROUPS, *d.APPLICATION_COLUMNS)
            ),
            *d.APPLICATION_HEADERS,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        ]
    ),
}

#: Longer words between two labels are prose, never made of a table's words.
_LONGEST_WORD = 200

#: Placeholders that may also be a number's sign.
_SIGNS = "-\u2212"

#: Words that stand for a blank cell when written next to numbers (keyed).
_BLANK_WORDS = ("不适用", "n/a", "N/A", "无", "空", "/", "\\")


def _leading_blanks(text: str) -> tuple[list[str], str]:
    """The blanks a text starts with ("不适用三、收到…": one), and the rest."""
    marks: list[str] = []
    while text:
        dashes = len(text) - len(text.lstrip(DASHES))
        size = dashes or next((len(word) for word in _BLANK_WORDS if text.startswith(word)), 0)
        if not size:
            break
        marks.append(text[:size])
        text = text[size:]
    return marks, text


def _trailing_blanks(text: str) -> tuple[list[str], str]:
    """The blanks a text ends with ("规章----": a run of dashes), and the rest."""
    marks: list[str] = []
    while text:
        dashes = len(text) - len(text.rstrip(DASHES))
        size = dashes or next((len(word) for word in _BLANK_WORDS if text.endswith(word)), 0)
        if not size:
            break
        marks.insert(0, text[len(text) - size :])
        text = text[: len(text) - size]
    return marks, text


#: An ordinal at the end of a word, which the label after it owns ("无二." of "无二、上年结转").
_ORDINAL_END = re.compile(r"([0-9]*\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.)$")


def _without_ordinal(runs: list[Piece], ordinal: str) -> list[Piece]:
    """The runs with the next label's ordinal taken off the last one."""
    run = runs[-1]
    text = run.text[: -len(ordinal)]
    if not text:
        return runs[:-1]
    span = attrs.evolve(
        run.span, end_column=run.span.end_column - len(ordinal), end=run.span.end - len(ordinal)
    )
    return [*runs[:-1], Piece(RUN, text, span)]


def _unit_after(pieces: Sequence[Piece], index: int) -> str | None:
    """A unit written right after a row's last run ("73802895.90元")."""
    if index < len(pieces) and pieces[index].kind == WORD:
        return next((unit for unit in _UNITS if pieces[index].text.startswith(unit)), None)
    return None


# ----------------------------------------------------------------- checking sums
def first_group_of(stream: Stream, zone: Zone, count: int) -> list[int] | None:
    """The first runs together in the zone that hold digits enough for
    ``count`` cells (a year or a figure of the prose before the table holds fewer)."""
    start = zone.start
    while start < zone.end:
        groups = _groups(stream.pieces, start, zone.end, first_only=True)
        if not groups:
            return None
        if sum(len(stream.pieces[index].text) for index in groups[0]) >= count:
            return groups[0]
        start = groups[0][-1] + 1
    return None
