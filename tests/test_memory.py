"""Memory in proportion to the text: what a parse holds per line, per region
and per stream, whatever the text's shape (issue 17).

Peaks are measured with tracemalloc on inputs a few hundred kilobytes long,
as a multiple of the text's size (``sys.getsizeof``); the benchmark's
degenerate section gives the 1 MB figures.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.grids import find_tables
from gkparse.grids.grammars import parser
from gkparse.grids.layouts import MAX_REGION_MARKS
from gkparse.grids.lines import _TERMINAL_KINDS, Line, classify_lines
from gkparse.grids.span import Span
from gkparse.grids.text import prepare
from gkparse.report import definitions as d
from gkparse.report.interpret import arithmetic, order
from tests.helpers import FIXTURES, seed_text


def _lines_from_tokens(prepared: str) -> list[Line]:
    """The lines as the grammar's tokens give them, one object each: the
    oracle the compact :class:`~gkparse.grids.lines.Lines` must agree with."""
    found = []
    for token in parser("lines").lex(prepared):
        if token.type == "BOOKMARK":
            continue
        text = str(token)[:-1]
        line, column, start = token.line or 0, token.column or 0, token.start_pos or 0
        span = Span(line, column, line, column + len(text), start, start + len(text))
        found.append(Line(_TERMINAL_KINDS[token.type], text.rstrip(), span))
    return found


_LINE_PIECES = st.sampled_from(
    [
        "规章",
        "\t",
        "|",
        " --- ",
        "\n",
        "\r\n",
        "\r",
        "[bookmark: OLE_LINK1]",
        " ",
        "\u3000",
        "0",
        "-",
        "\f",
        "\ufeff",
    ]
)


@given(st.lists(_LINE_PIECES, max_size=60).map("".join))
def test_lines_are_the_grammar_tokens_lines(text: str) -> None:
    prepared = prepare(text)
    lines = classify_lines(prepared)
    expected = _lines_from_tokens(prepared)
    assert list(lines) == expected
    assert [lines.kind(i) for i in range(len(lines))] == [line.kind for line in expected]
    assert lines[-1] == expected[-1]
    assert lines[1:3] == tuple(expected[1:3])


def test_a_line_number_is_its_index_plus_one_and_a_span_its_text() -> None:
    prepared = prepare(seed_text("002"))
    lines = classify_lines(prepared)
    for index, line in enumerate(lines):
        assert line.span.line == index + 1
        assert prepared[line.span.start : line.span.end].rstrip() == line.text
    with pytest.raises(IndexError):
        lines[len(lines)]


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
def test_equal_cell_texts_of_a_table_are_one_object(layout: str) -> None:
    """A table's cells are mostly the same few numbers and words; a report
    keeps its grids, so each distinct text is kept once."""
    report = gkparse.parse(gkparse.render(gkparse.parse(seed_text("000")), layout))
    for grid in (grid for table in report.tables for grid in table.grids):
        texts = [cell.text for row in grid.rows for cell in row.cells if cell.text]
        assert len({id(text) for text in texts}) == len(set(texts))


def test_a_text_without_odd_line_breaks_is_not_copied() -> None:
    text = seed_text("000")
    assert prepare(text) is text
    assert prepare("a\fb\n") == "a\nb\n"


def _peak(function: Callable[[], object]) -> int:
    gc.collect()  # garbage of earlier tests is not this call's
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        function()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


_SEEDS = "".join(seed_text(number) for number in ("000", "001", "002", "003", "004"))

#: Shapes that made an object a line, a cell or a regex turn before, and real
#: reports run together (a report keeps every cell it read, with its span).
SHAPES = {
    "reports run together": (_SEEDS * (200_000 // len(_SEEDS) + 1))[:200_000],
    "a run of tabs": "\t" * 100_000 + "x",
    "blank lines": "\n" * 100_000,
    "short lines": "1\n" * 50_000,
    "tab rows": "规章\t0\t0\t0\n" * 20_000,
    "one wide pipe row": "| " + " | ".join(["0"] * 40_000) + " |\n|" + " --- |" * 40_000 + "\n",
    "one wide aligned row": "0  " * 60_000 + "\n",
    "a page's paragraphs on one line": "<p>一、总体情况</p><p>&nbsp;</p>" * 8_000,
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_degenerate_text_peaks_within_twenty_times_its_size(text: str) -> None:
    gkparse.parse(text[:1000])  # grammars built
    peak = _peak(lambda: gkparse.validate(gkparse.parse(text)))
    assert peak <= 20 * sys.getsizeof(text)


def test_a_long_line_of_chinese_peaks_within_twenty_bytes_a_character() -> None:
    """Lowering a line of Chinese (to look for an HTML tag) took fourteen
    bytes a character at its peak: tags are matched without lowering."""
    text = "一、" * 50_000
    gkparse.parse(text[:1000])
    assert _peak(lambda: gkparse.validate(gkparse.parse(text))) <= 20 * len(text)


def test_a_region_too_large_for_a_table_is_kept_as_text_with_a_finding() -> None:
    rows = "规章\t0\t0\t0\n" * (MAX_REGION_MARKS // 4 + 1)
    text = seed_text("000") + "\n五、其他需要报告的事项\n" + rows
    report = gkparse.parse(text)
    (finding,) = [f for f in report.problems if f.code == "TABLE-TOO-LARGE"]
    assert finding.severity == "warning"
    assert finding.span is not None
    assert text.splitlines()[finding.span.line - 1] == "规章\t0\t0\t0"
    assert report.facts() == gkparse.parse(seed_text("000")).facts()  # the seed's tables still read
    other = next(s for s in report.sections if s.key == "other_matters")
    assert other.text.count("规章\t0\t0\t0") == MAX_REGION_MARKS // 4 + 1  # nothing lost
    assert find_tables(rows) == ()


def test_a_region_just_within_the_bound_is_read() -> None:
    rows = "规章\t0\t0\t0\n" * (MAX_REGION_MARKS // 4)
    (grid,) = find_tables(rows)
    assert len(grid.rows) == MAX_REGION_MARKS // 4


def test_the_stream_reads_a_window_of_a_long_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_STREAM_CHARS, the arithmetic reads that many characters from
    the line of the first word naming a table, with spans of the whole text."""
    seed = seed_text("004")
    padding = "前言。\n" * 20
    monkeypatch.setattr(arithmetic, "MAX_STREAM_CHARS", len(seed) + 10)
    prepared = prepare(padding + seed + seed)
    start, end = arithmetic._window(prepared, prepared.index("主动公开政府信息"))
    assert prepared[start - 1] == "\n"
    assert prepared[end - 1] == "\n"
    assert len(seed) + 10 <= end - start < len(seed) + 10 + 200
    whole = arithmetic.read_tables(prepare(padding + seed), list(d.TABLE_KEYS), None)
    windowed = arithmetic.read_tables(prepared, list(d.TABLE_KEYS), None)
    for key, reading in whole.items():
        assert [(c.key, c.value, c.span) for c in windowed[key].cells] == [
            (c.key, c.value, c.span) for c in reading.cells
        ]


def test_the_orders_that_hold_are_folded_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading table 3 by order tries hundreds of orders on pingtan 2022's
    plain pdftotext text (issue 12): they are folded one at a time, so the
    reading adds little to the parse's peak (before, it tripled it)."""
    text = (FIXTURES / "corpus" / "pingtan_2022" / "pdftotext-raw.txt").read_text(encoding="utf-8")
    report = gkparse.parse(text)  # the caches hold what the text needs
    assert any(finding.code == "PLACED-IN-ORDER" for finding in report.problems)
    with_order = _peak(lambda: gkparse.parse(text))
    monkeypatch.setattr(order, "read_in_order", lambda stream, zone: None)
    without = _peak(lambda: gkparse.parse(text))
    assert with_order <= 1.5 * without
