"""Reports to plain data and JSON and back, unchanged."""

from __future__ import annotations

import json

import cattrs
import pytest

import gkparse
from gkparse.report.serialise import from_dict, from_json, to_dict, to_json
from tests.helpers import fixture_text, seed_text


def text_of(name: str) -> str:
    return fixture_text(name) if "." in name else seed_text(name)


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004", "report2021_pipe.md"])
def test_round_trip(name: str) -> None:
    report = gkparse.parse(text_of(name))
    again = from_json(to_json(report))
    assert again == report
    assert again.facts() == report.facts()
    assert [c.span for t in again.tables for c in t.cells] == [c.span for t in report.tables for c in t.cells]


def test_plain_data_types() -> None:
    data = to_dict(gkparse.parse(seed_text("000")))
    assert json.loads(json.dumps(data)) == data
    cells = {cell["key"]: cell for table in data["tables"] for cell in table["cells"]}
    assert cells["active_disclosure.procurement.amount"]["value"] == "138.31"
    assert cells["active_disclosure.procurement.items"]["value"] == 51
    assert data["published"] == "2021-01-28"


def test_json_keeps_chinese() -> None:
    assert "咸丰路街道办事处" in to_json(gkparse.parse(seed_text("000")))


def test_bad_data_says_where() -> None:
    data = to_dict(gkparse.parse(seed_text("000")))
    data["tables"][0]["cells"][0]["value"] = [1]
    with pytest.raises(cattrs.ClassValidationError) as info:
        from_dict(data)
    (message,) = cattrs.transform_error(info.value)
    assert (
        message
        == "invalid value for type, expected int | decimal.Decimal | None @ $.tables[0].cells[0].value"
    )
