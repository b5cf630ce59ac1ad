"""Nothing read is lost, nothing is invented, on any input (issue 17).

Whatever ``parse`` makes of a text, even a damaged one, comes back the same
through JSON and through pickle, and with the same facts when it is
rendered into a layout and parsed again: a ``None`` stays ``None`` and a
value stays the same value.
"""

from __future__ import annotations

import pickle

import pytest
from fuzz.checks import same_facts
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.strategies import _mutate, mutated_texts
from tests.helpers import REPOSITORY

SOURCES = sorted(
    [
        *(REPOSITORY / "tests" / "fixtures" / "seeds").glob("*.txt"),
        *(REPOSITORY / "tests" / "fixtures" / "corpus").glob("pingtan_*/*.txt"),
        *(REPOSITORY / "tests" / "fixtures" / "corpus").glob("pingtan_*/*.md"),
    ]
)
TEXTS = [path.read_text(encoding="utf-8") for path in SOURCES]


def test_the_sources_are_real_reports() -> None:
    assert len(TEXTS) >= 10
    assert all(gkparse.parse(text).facts() for text in TEXTS[:3])


@given(mutated_texts(TEXTS))
def test_mutated_real_texts_keep_their_facts_through_json_and_pickle(text: str) -> None:
    report = gkparse.parse(text)
    again = gkparse.from_json(gkparse.to_json(report))
    assert again == report
    assert again.facts() == report.facts()
    assert [cell.placed_by for table in again.tables for cell in table.cells] == [
        cell.placed_by for table in report.tables for cell in table.cells
    ]
    unpickled = pickle.loads(pickle.dumps(report))
    assert unpickled == report
    assert [(cell.placed_by, cell.certified_by) for table in unpickled.tables for cell in table.cells] == [
        (cell.placed_by, cell.certified_by) for table in report.tables for cell in table.cells
    ]


@given(mutated_texts(TEXTS), st.sampled_from(gkparse.LAYOUTS))
def test_mutated_real_texts_keep_their_facts_through_render(text: str, layout: str) -> None:
    """A damaged text's report is rendered whole (every cell written, its
    unplaced ones blank, each table before the prose that may hold what
    parsing could not place), so nothing the rendering adds is read."""
    report = gkparse.parse(text)
    again = gkparse.parse(gkparse.render(report, layout)).facts()
    assert same_facts(report.facts(), again)
    if report.edition is not None:  # then the keys are the edition's, in both
        assert again == report.facts()


def test_each_mutation_changes_one_stretch() -> None:
    text = "一二三四五六七八九十"
    assert _mutate(text, [("delete", 0.2, 0.2, 0.0)], "") == "一二五六七八九十"
    assert _mutate(text, [("duplicate", 0.2, 0.2, 1.0)], "") == text + "三四"
    assert _mutate(text, [("reverse", 0.2, 0.2, 0.0)], "") == "一二四三五六七八九十"
    assert _mutate(text, [("replace", 0.2, 0.2, 0.0)], "|0") == "一二|0五六七八九十"


def test_mutated_texts_need_a_text() -> None:
    with pytest.raises(ValueError, match="at least one text"):
        mutated_texts([])


def test_same_facts_reads_an_absent_key_as_none() -> None:
    assert same_facts({"a.b.c": None}, {})
    assert same_facts({}, {"a.b.c": None})
    assert not same_facts({"a.b.c": 0}, {})
    assert not same_facts({"a.b.c": 0}, {"a.b.c": None})
    assert not same_facts({}, {"a.b.c": 72})
