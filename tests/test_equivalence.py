"""The same report written in each layout gives the same facts."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

import gkparse
from gkparse.report.model import VALUE, WAN_YUAN
from tests.helpers import LAYOUT_FIXTURES, fixture_text, seed_text

REPORT_2021 = ("report2021_tab.txt", "report2021_cells.txt", "report2021_pipe.md")


def expected_2021() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (LAYOUT_FIXTURES / "report2021_expected.json").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize("name", REPORT_2021)
def test_2021_report_in_each_layout_gives_the_expected_facts(name: str) -> None:
    expected = expected_2021()
    facts = expected["facts"]
    assert isinstance(facts, dict)
    report = gkparse.parse(fixture_text(name))
    assert report.facts() == {k: Decimal(v) if isinstance(v, str) else v for k, v in facts.items()}
    assert len(report.facts()) == 200
    assert report.title == expected["title"]
    assert report.body == expected["body"]
    assert report.year == expected["year"]
    assert report.edition == expected["edition"]
    assert report.published == datetime.date.fromisoformat(str(expected["published"]))
    fee = report.cell("active_disclosure.fees.amount")
    assert (fee.state, fee.unit) == (VALUE, WAN_YUAN)


def test_2021_layouts_agree_on_sections_and_cells() -> None:
    tab, cells, pipe = (gkparse.parse(fixture_text(name)) for name in REPORT_2021)
    assert tab.sections == cells.sections == pipe.sections
    assert tab.tables == cells.tables == pipe.tables


def test_2021_findings_by_layout() -> None:
    """The python-docx tab file repeats merged value cells under a merged
    header: the header's slots show it, so the value is read once, certain."""
    tab, cells, pipe = (gkparse.parse(fixture_text(name)) for name in REPORT_2021)
    assert gkparse.validate(cells) == gkparse.validate(pipe) == gkparse.validate(tab) == ()
    assert tab.facts() == cells.facts()


@pytest.mark.parametrize("name", ["seed002_cells.txt", "seed002_pipe.md"])
def test_seed_002_relaid_out_gives_the_same_report(name: str) -> None:
    original = gkparse.parse(seed_text("002"))
    relaid = gkparse.parse(fixture_text(name))
    assert relaid.facts() == original.facts()
    assert relaid.sections == original.sections
    assert (relaid.title, relaid.body, relaid.year, relaid.edition) == (
        original.title,
        original.body,
        original.year,
        original.edition,
    )
    assert gkparse.validate(relaid) == ()
