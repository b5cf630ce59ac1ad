"""The model: frozen, slotted, equal by content, keyed by the spec's fact keys."""

from __future__ import annotations

import attrs
import pytest

import gkparse
from gkparse.report.model import MISSING, Cell
from tests.helpers import fixture_text, seed_text


def test_frozen_and_slotted() -> None:
    report = gkparse.parse(seed_text("000"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.title = "x"  # type: ignore[misc]
    assert not hasattr(report, "__dict__")
    assert isinstance(report.sections, tuple)
    assert isinstance(report.tables[0].cells, tuple)


def test_equality_ignores_spans_and_padding() -> None:
    one = Cell("a.b.c", 1, "1", "value")
    two = Cell("a.b.c", 1, " 1 ", "value", span=gkparse.Span(1, 1, 1, 2, 0, 1))
    assert one == two
    assert hash(one) == hash(two)
    assert one != Cell("a.b.c", 1, "01", "value")


def test_reports_share_their_fact_keys() -> None:
    """A key is one string however many reports hold it: a notebook keeping
    thousands of reports keeps a few hundred keys."""
    one, two = gkparse.parse(seed_text("000")), gkparse.parse(seed_text("002"))
    assert all(
        left.key is right.key
        for table in one.tables
        for left in table.cells
        if (right := two.cell(left.key)) is not None
    )
    assert Cell("a." + "b.c", 1, "1", "value").key is Cell("a.b" + ".c", 1, "1", "value").key


def test_blank_zero_and_placeholder_stay_distinct() -> None:
    text = seed_text("003")
    report = gkparse.parse(text.replace("→", "").replace("\t \n", "\t/\n", 1))
    cells = [report.cell(f"applications.new.{c}") for c in ("natural_person", "commercial")]
    assert [(c.value, c.state) for c in cells] == [(1, "value"), (None, "blank")]


def test_cell_and_table_lookup() -> None:
    report = gkparse.parse(seed_text("000"))
    assert report.cell("applications.new.total").value == 0
    with pytest.raises(KeyError):
        report.cell("applications.new.nobody")
    with pytest.raises(KeyError):
        report.cell("nothing.at.all")
    table = report.table("review_litigation")
    assert table is not None
    assert len(table.cells) == 15
    assert report.table("elsewhere") is None


def test_missing_table_with_known_edition() -> None:
    text = fixture_text("report2021_tab.txt")
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、")
    report = gkparse.parse(text[:start] + text[end:])
    table = report.table("review_litigation")
    assert table is not None
    assert {cell.state for cell in table.cells} == {MISSING}
    assert all(report.facts()[cell.key] is None for cell in table.cells)
    assert ("TABLE-MISSING", "warning", ("review_litigation",)) in [
        (f.code, f.severity, f.keys) for f in gkparse.validate(report)
    ]
    assert ("SECTION-MISSING", "info", ("review_litigation",)) in [
        (f.code, f.severity, f.keys) for f in gkparse.validate(report)
    ]
