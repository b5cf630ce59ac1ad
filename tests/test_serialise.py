"""The JSON contract: reports to plain data and JSON and back, a schema, one clear error."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.report.model import Report
from gkparse.report.schema import json_schema
from gkparse.report.serialise import (
    SCHEMA_VERSION,
    SerialisationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from gkparse.strategies import report_texts, reports
from tests.helpers import REPOSITORY, fixture_text, seed_text

SCHEMA_FILE = REPOSITORY / "docs" / "report.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def text_of(name: str) -> str:
    return fixture_text(name) if "." in name else seed_text(name)


def _spans(report: Report) -> list[object]:
    return [
        *(cell.span for table in report.tables for cell in table.cells),
        *(finding.span for finding in report.problems),
        *(section.span for section in report.sections),
    ]


def _grids(report: Report) -> list[object]:
    return [(table.grids, [row.span for grid in table.grids for row in grid.rows]) for table in report.tables]


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004", "report2021_pipe.md"])
def test_round_trip(name: str) -> None:
    report = gkparse.parse(text_of(name))
    again = from_json(to_json(report))
    assert again == report
    assert again.facts() == report.facts()
    assert _spans(again) == _spans(report)
    assert all(table.grids == () for table in again.tables)
    for document in (to_dict(report), to_dict(report, full=True)):
        VALIDATOR.validate(document)
    full = from_json(to_json(report, full=True))
    assert full == report
    assert _spans(full) == _spans(report)
    assert _grids(full) == _grids(report)


@given(reports())
def test_round_trip_of_generated_reports(report: Report) -> None:
    document = to_json(report)
    assert document == to_json(report, full=True)  # generated reports have no grids
    VALIDATOR.validate(json.loads(document))
    again = from_json(document)
    assert again == report
    assert _spans(again) == _spans(report)


@given(report_texts())
def test_lossless_round_trips_of_parsed_texts(case: tuple[str, Report]) -> None:
    """Through the full JSON form and through pickle, grids and spans included."""
    report = gkparse.parse(case[0])
    VALIDATOR.validate(to_dict(report))  # the full form's grids: validated for the seeds above
    for again in (from_json(to_json(report, full=True)), pickle.loads(pickle.dumps(report))):
        assert again == report
        assert _grids(again) == _grids(report)
        assert _spans(again) == _spans(report)


def test_compact_and_full_forms() -> None:
    report = gkparse.parse(seed_text("004"))
    compact, full = to_dict(report), to_dict(report, full=True)
    assert compact["schema_version"] == full["schema_version"] == SCHEMA_VERSION == 1
    assert all("grids" not in table for table in compact["tables"])
    assert all(table["grids"] for table in full["tables"])
    assert {key: value for key, value in full.items() if key != "tables"} == {
        key: value for key, value in compact.items() if key != "tables"
    }
    assert len(to_json(report)) < len(to_json(report, full=True)) * 2 / 3
    for document in (compact, full):
        VALIDATOR.validate(document)


def test_plain_data_types() -> None:
    data = to_dict(gkparse.parse(seed_text("000")))
    assert json.loads(json.dumps(data)) == data
    cells = {cell["key"]: cell for table in data["tables"] for cell in table["cells"]}
    assert cells["active_disclosure.procurement.amount"]["value"] == "138.31"
    assert cells["active_disclosure.procurement.amount"]["unit"] == "万元"
    assert cells["active_disclosure.procurement.items"]["value"] == 51
    assert "unit" not in cells["active_disclosure.procurement.items"]  # a count: no unit, left out
    span = cells["active_disclosure.procurement.items"]["span"]
    assert len(span) == 6
    assert all(isinstance(number, int) for number in span)
    assert data["published"] == "2021-01-28"


def test_json_keeps_chinese() -> None:
    assert "咸丰路街道办事处" in to_json(gkparse.parse(seed_text("000")))


def test_top_level_names() -> None:
    assert gkparse.to_json is to_json
    assert gkparse.from_json is from_json
    assert gkparse.to_dict is to_dict
    assert gkparse.from_dict is from_dict
    assert gkparse.SerialisationError is SerialisationError
    assert issubclass(SerialisationError, ValueError)


def test_the_published_schema_is_up_to_date() -> None:
    """docs/report.schema.json is ``gkparse --schema``; regenerate it when the model changes."""
    written = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert written == json_schema()
    jsonschema.Draft202012Validator.check_schema(written)


def _seed_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(gkparse.parse(seed_text("004")), full=True))
    return data


def _edited(edit: str) -> str:
    data = _seed_document()
    exec(edit, {"data": data})
    return json.dumps(data, ensure_ascii=False)


BAD = [
    ("nothing", "not JSON: Expecting value (line 1, column 1) @ $"),
    ('{"title": ', "not JSON: Expecting value (line 1, column 11) @ $"),
    ("[]", "expected a JSON object, got [] @ $"),
    ('"report"', 'expected a JSON object, got "report" @ $'),
    ("{}", "required field missing @ $.schema_version"),
    (
        '{"schema_version": 2}',
        "unknown schema version 2: this gkparse reads version 1 @ $.schema_version",
    ),
    (
        '{"schema_version": "1"}',
        'unknown schema version "1": this gkparse reads version 1 @ $.schema_version',
    ),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply @ $"),
    (_edited("data['extra'] = 1"), "extra fields found (extra) @ $"),
    (_edited("del data['title']"), "required field missing @ $.title"),
    (_edited("data['year'] = '2020'"), 'expected an integer, got "2020" @ $.year'),
    (_edited("data['year'] = True"), "expected an integer, got true @ $.year"),
    (_edited("data['title'] = 5"), "expected a string, got 5 @ $.title"),
    (_edited("data['published'] = '2021-02-30'"), 'expected a valid date, got "2021-02-30" @ $.published'),
    (_edited("data['edition'] = '2020'"), 'expected one of "2019", "2021", got "2020" @ $.edition'),
    (_edited("data['tables'] = 'abc'"), 'expected an array, got "abc" @ $.tables'),
    (_edited("data['tables'] = {}"), "expected an array, got {} @ $.tables"),
    (_edited("data['sections'][0] = []"), "expected an object, got [] @ $.sections[0]"),
    (
        _edited("data['tables'][0]['cells'][0]['value'] = [1]"),
        "expected an integer, a decimal string or null, got [1] @ $.tables[0].cells[0].value",
    ),
    (
        _edited("data['tables'][0]['cells'][0]['value'] = 1.5"),
        "expected an integer, a decimal string or null, got 1.5 @ $.tables[0].cells[0].value",
    ),
    (
        _edited("data['tables'][0]['cells'][0]['state'] = 'empty'"),
        'expected one of "value", "blank", "unknown", "invalid", "missing", got "empty"'
        " @ $.tables[0].cells[0].state",
    ),
    (
        _edited("data['tables'][1]['cells'][2]['span'] = [1, 2]"),
        "expected a span [line, column, end_line, end_column, start, end] of 6 integers, got [1, 2]"
        " @ $.tables[1].cells[2].span",
    ),
    (
        _edited("data['tables'][0]['grids'][0]['rows'][1]['cells'][0]['text'] = None"),
        "expected a string, got null @ $.tables[0].grids[0].rows[1].cells[0].text",
    ),
    (
        _edited("data['problems'][0]['keys'] = 'applications.granted'"),
        'expected an array, got "applications.granted" @ $.problems[0].keys',
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[message for _, message in BAD])
def test_bad_input_is_one_clear_error_naming_the_path(text: str, message: str) -> None:
    with pytest.raises(SerialisationError) as info:
        from_json(text)
    assert info.value.errors == (message,)
    assert str(info.value) == f"not a report document: {message}"
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, SerialisationError)
    assert again.errors == info.value.errors


def test_every_problem_is_listed() -> None:
    data = _seed_document()
    data["year"] = "2020"
    del data["sections"][0]["heading"]
    data["tables"][0]["cells"][3]["raw"] = 7
    with pytest.raises(SerialisationError) as info:
        from_dict(data)
    assert info.value.errors == (
        'expected an integer, got "2020" @ $.year',
        "required field missing @ $.sections[0].heading",
        "expected a string, got 7 @ $.tables[0].cells[3].raw",
    )
    assert str(info.value).splitlines()[0] == "not a report document (3 problems):"


def test_not_text_at_all() -> None:
    with pytest.raises(SerialisationError, match=r"expected JSON text \(str or bytes\), got int @ \$"):
        from_json(5)  # type: ignore[arg-type]
    with pytest.raises(SerialisationError, match=r"not UTF-8 JSON text"):
        from_json(b"\xff\xfe\x00")
    with pytest.raises(SerialisationError, match=r"expected a JSON object, got null @ \$"):
        from_dict(None)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


SEED_DOCUMENT = _seed_document()
SEED_PATHS = _paths(SEED_DOCUMENT)[1:]


@given(st.sampled_from(SEED_PATHS), JSON)
def test_any_damage_is_a_serialisation_error_or_a_report(path: tuple[str | int, ...], value: object) -> None:
    data = json.loads(json.dumps(SEED_DOCUMENT))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    errors: tuple[str, ...] = ()
    try:
        report = from_dict(data)
    except SerialisationError as error:
        errors = error.errors or ("(none)",)
    else:
        assert isinstance(report, Report)
    assert all(" @ $" in message for message in errors)


@given(JSON)
def test_any_json_value_is_a_serialisation_error(value: object) -> None:
    with pytest.raises(SerialisationError):
        from_json(json.dumps(value))


def test_import_leaves_cattrs_and_the_process_pool_until_they_are_used() -> None:
    """Parsing needs neither; they were a third of the cold start."""
    program = (
        "import sys, gkparse\n"
        "loaded = lambda: sorted(m for m in ('cattrs', 'concurrent.futures') if m in sys.modules)\n"
        "print(loaded())\n"
        "gkparse.to_json(gkparse.parse(''))\n"
        "print(loaded())\n"
        "from gkparse.report.serialise import converter\n"
        "print(isinstance(converter, __import__('cattrs').Converter))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "['cattrs']", "True"]
