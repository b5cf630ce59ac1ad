"""Placing table 3 by the order of its numbers (issue 9: plain pdftotext).

Plain pdftotext writes one cell a line in the order the PDF draws them: the
numbers row by row, but a tall row's labels lines away from its numbers,
and now and then a value of a tall row out of its place. The properties
write generated reports one cell a line: with every label apart from the
numbers, table 3 is read whole; with labels drifting among the numbers and
numbers moved, what is read by order is never a wrong value. Where labels
drift past other rows' numbers the lines layout may misread a row (labels
come first, the spec says); the order is taken only where it agrees with
the layout, and is what these properties hold to the truth.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse import Report
from gkparse.report.interpret.arithmetic import PLACED_IN_ORDER
from gkparse.strategies import reports
from gkparse.vocabulary import ARITHMETIC
from tests.converters import make
from tests.converters.score import expected, load_truth, same

FIXTURES = Path(__file__).parent / "fixtures"
_NUMBER = re.compile(r"[0-9]+")


def _is_table3(block: make.Block) -> bool:
    return block.kind == "table" and "申请人情况" in str(block.rows)


def _reading_order(blocks: Sequence[make.Block], table3: list[str] | None = None) -> str:
    """Every paragraph on a line, every table cell on a line of its own, in
    the source's order; table 3's lines as given in ``table3``."""
    lines: list[str] = []
    for block in blocks:
        if block.kind != "table":
            lines.append(block.text)
        elif _is_table3(block) and table3 is not None:
            lines += table3
        else:
            lines += [cell.text for row in block.rows for cell in row if cell.text]
    return "\n".join(lines) + "\n"


def _table3_lines(blocks: Sequence[make.Block]) -> list[str]:
    block = next(block for block in blocks if _is_table3(block))
    return [cell.text for row in block.rows for cell in row if cell.text]


def _drift_labels(lines: list[str], data: st.DataObject) -> list[str]:
    """Each label line moved a few lines up or down; the numbers keep their order."""
    out = list(lines)
    for text in [line for line in lines if not _NUMBER.fullmatch(line)]:
        at = out.index(text)
        out.pop(at)
        out.insert(max(0, min(len(out), at + data.draw(st.integers(-9, 9)))), text)
    return out


def _move_numbers(lines: list[str], data: st.DataObject) -> list[str]:
    """One or two numbers standing together taken a few lines away."""
    out = list(lines)
    numbers = [i for i, line in enumerate(out) if _NUMBER.fullmatch(line)]
    if len(numbers) < 2:
        return out
    source = data.draw(st.sampled_from(numbers[:-1]))
    size = data.draw(st.integers(1, 2))
    taken = out[source : source + size]
    del out[source : source + size]
    target = data.draw(st.integers(max(0, source - 16), min(len(out), source + 16)))
    out[target:target] = taken
    return out


def _wrong_in_order(report: Report, text: str) -> dict[str, object]:
    """The values placed by the numbers' order that are not the report's.
    (How the lines layout reads labels that drift past other rows' numbers
    is its business: the order is only taken where it agrees with it.)"""
    parsed = gkparse.parse(text)
    rows = {key for f in parsed.problems if f.code == PLACED_IN_ORDER for key in f.keys}
    truth = report.facts()
    return {
        key: (value, truth.get(key))
        for key, value in parsed.facts().items()
        if key.rsplit(".", 1)[0] in rows and value is not None and value != truth.get(key)
    }


def _whole_numbers(report: Report) -> bool:
    """Whether table 3 holds only whole numbers (no blank, no sign): the
    cells the order can read."""
    table = report.table("applications")
    return table is not None and all(
        cell.state == "value" and _NUMBER.fullmatch(cell.raw.strip()) for cell in table.cells
    )


def _interleave_last_rows(numbers: list[str]) -> list[str]:
    """The last two rows' numbers column by column (a0 b0 a1 b1 …), as plain
    pdftotext reads two short rows' cells of a column as one block."""
    last = numbers[-14:]
    return numbers[:-14] + [number for pair in zip(last[:7], last[7:], strict=True) for number in pair]


def _left_unknown(report: Report) -> set[str]:
    """The cells PLACED-IN-ORDER says the sums cannot place."""
    told = (f.message for f in report.problems if f.code == "PLACED-IN-ORDER")
    return {
        key
        for message in told
        if "left unknown: " in message
        for key in message.split("left unknown: ")[1].split("; ")[0].split(", ")
    }


@given(report=reports(consistent=True), labels_first=st.booleans(), interleaved=st.booleans())
def test_numbers_apart_from_every_label_are_read_in_order(
    report: Report, labels_first: bool, interleaved: bool
) -> None:
    """All of table 3's labels before its numbers, or after them: no label
    says which numbers are its row's, and the order says it for all, also
    where the last two rows' numbers stand interleaved; except cells that
    another order keeping every sum gives differently (a row's numbers moved
    to the next row with their total), which the finding names."""
    blocks = make.document(report)
    lines = _table3_lines(blocks)
    labels = [line for line in lines if not _NUMBER.fullmatch(line)]
    numbers = [line for line in lines if _NUMBER.fullmatch(line)]
    if interleaved and len(numbers) >= 14:
        numbers = _interleave_last_rows(numbers)
    text = _reading_order(blocks, labels + numbers if labels_first else numbers + labels)
    read = gkparse.parse(text)
    facts = read.facts()
    table3 = {key: value for key, value in report.facts().items() if key.startswith("applications.")}
    assert all(facts.get(key) in (None, value) for key, value in table3.items())
    if _whole_numbers(report):
        unknown = {key for key in table3 if facts.get(key) is None}
        assert unknown <= _left_unknown(read)


@given(report=reports(consistent=None), data=st.data(), moves=st.integers(0, 3))
def test_labels_drifting_and_numbers_out_of_order_read_no_wrong_value(
    report: Report, data: st.DataObject, moves: int
) -> None:
    blocks = make.document(report)
    lines = _drift_labels(_table3_lines(blocks), data)
    for _ in range(moves):
        lines = _move_numbers(lines, data)
    assert _wrong_in_order(report, _reading_order(blocks, lines)) == {}


@pytest.mark.parametrize(
    "path",
    [
        "corpus/pingtan_2020/pdftotext-raw.txt",
        "corpus/pingtan_2022/pdftotext-raw.txt",
        "real/pingtan_2024/pdftotext-raw.txt",
        "real/pingtan_2019/pdftotext-raw.txt",
        "converters/seed_000/pdftotext-raw.txt",
    ],
)
def test_plain_pdftotext_reads_table_3_by_order(path: str) -> None:
    text = (FIXTURES / path).read_text(encoding="utf-8")
    report = gkparse.parse(text)
    want = expected(load_truth((FIXTURES / path).parent))
    facts = report.facts()
    table3 = [key for key in want if key.startswith("applications.")]
    assert [key for key in table3 if facts.get(key) is not None and not same(want[key], facts[key])] == []
    finding = next(f for f in report.problems if f.code == PLACED_IN_ORDER)
    assert finding.severity == "warning"
    unknown = [key for key in table3 if facts.get(key) is None]
    assert len(unknown) <= 0.05 * len(table3)
    assert all(key in finding.message for key in unknown)
    placed = {cell.key for table in report.tables for cell in table.cells if cell.placed_by == ARITHMETIC}
    assert {key.rsplit(".", 1)[0] for key in placed} >= set(finding.keys)


def test_a_number_drawn_out_of_place_is_named() -> None:
    """pingtan 2022: 部分公开's 8 is drawn before 予以公开's other numbers."""
    report = gkparse.parse((FIXTURES / "corpus/pingtan_2022/pdftotext-raw.txt").read_text(encoding="utf-8"))
    finding = next(f for f in report.problems if f.code == PLACED_IN_ORDER)
    assert "'8' on line 168" in finding.message
    cell = report.cell("applications.partly_granted.natural_person")
    assert (cell.value, cell.span and cell.span.line) == (8, 168)
