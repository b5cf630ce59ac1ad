"""Records (the long format) and DataFrames: one flat row per fact, exact values, states kept."""

from __future__ import annotations

import math
import sys
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given

import gkparse
from gkparse.report.records import FACT_FIELDS, FINDING_FIELDS, labels
from gkparse.strategies import reports
from tests.helpers import seed_text

SEEDS = ["000", "001", "002", "003", "004"]


def _seed(number: str) -> gkparse.Report:
    return gkparse.parse(seed_text(number))


@pytest.mark.parametrize("number", SEEDS)
def test_records_of_each_seed(number: str) -> None:
    report = _seed(number)
    records = report.to_records()
    facts = report.facts()
    assert len(records) == len(facts)
    assert {record["key"]: record["value"] for record in records} == facts
    assert [record["key"] for record in records] == list(facts)
    for record in records:
        assert tuple(record) == FACT_FIELDS
        metadata = (report.body, report.year, report.edition)
        assert (record["body"], record["year"], record["edition"]) == metadata
        assert f"{record['table']}.{record['row']}.{record['column']}" == record["key"]
        cell = report.cell(record["key"])
        assert (record["state"], record["raw"], record["unit"]) == (cell.state, cell.raw, cell.unit)
        assert record["line"] == (cell.span.line if cell.span else None)


def test_record_values_and_labels() -> None:
    records = {record["key"]: record for record in _seed("000").to_records()}
    money = records["active_disclosure.procurement.amount"]
    assert money["value"] == Decimal("138.31")
    labelled = (money["row_label"], money["column_label"], money["unit"])
    assert labelled == ("政府集中采购", "采购总金额", "万元")
    assert money["raw"] == "138.31万元"
    new = records["applications.new.total"]
    assert (new["value"], new["state"], new["row_label"], new["column_label"]) == (
        0,
        "value",
        "一、本年新收政府信息公开申请数量",
        "总计",
    )
    assert records["review_litigation.suit_direct.upheld"]["row_label"] == "行政诉讼 / 未经复议直接起诉"


def test_labels_follow_the_edition() -> None:
    assert labels("active_disclosure.licensing.decisions", "2019") == ("行政许可", "处理决定数量")
    assert labels("active_disclosure.licensing.decisions", "2021") == ("行政许可", "本年处理决定数量")
    assert labels("active_disclosure.regulations.issued") == ("规章", "本年制发件数")
    assert labels("applications.nothing.total") == (None, None)


def test_seed_003_blanks_are_blank() -> None:
    records = {record["key"]: record for record in _seed("003").to_records()}
    assert records["applications.new.commercial"]["state"] == "blank"
    assert records["applications.new.commercial"]["value"] is None
    assert records["applications.new.natural_person"]["value"] == 1
    blank = [record for record in records.values() if record["state"] == "blank"]
    assert len(blank) > 100
    assert all(record["value"] is None for record in blank)


def test_seed_004_unplaced_cells_are_unknown() -> None:
    report = _seed("004")
    records = report.to_records()
    unknown = {record["key"] for record in records if record["state"] == "unknown"}
    assert len(unknown) == 140
    assert "applications.granted.natural_person" in unknown
    assert all(record["value"] is None for record in records if record["state"] == "unknown")


@given(reports())
def test_records_of_generated_reports(report: gkparse.Report) -> None:
    records = report.to_records()
    assert {record["key"]: record["value"] for record in records} == report.facts()
    assert [record["state"] for record in records] == [c.state for t in report.tables for c in t.cells]


def test_finding_records() -> None:
    report = _seed("004")
    findings = gkparse.Findings(gkparse.validate(report))
    records = findings.to_records()
    assert len(records) == len(findings) == 54
    first = records[0]
    assert tuple(first) == FINDING_FIELDS
    assert first == {
        "code": "ROW-VALUE-COUNT",
        "severity": "error",
        "outcome": None,
        "keys": ("applications.granted",),
        "message": findings[0].message,
        "line": 47,
        "expected": "7",
        "actual": "6",
        "years": (),
    }
    assert findings[0].to_record() == first
    assert findings[0].line == 47


# ------------------------------------------------------------------ DataFrames


def test_long_dataframe_dtypes_and_values() -> None:
    seeds = [_seed(number) for number in SEEDS]
    frame = gkparse.to_dataframe(seeds)
    assert len(frame) == sum(len(report.facts()) for report in seeds)
    assert str(frame["count"].dtype) == "Int64"
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["line"].dtype) == "Int64"
    assert frame["amount"].dtype == object
    assert isinstance(frame["state"].dtype, pd.CategoricalDtype)
    assert list(frame["state"].cat.categories) == ["value", "blank", "unknown", "invalid", "missing"]
    assert isinstance(frame["table"].dtype, pd.CategoricalDtype)
    amounts = [value for value in frame["amount"] if value is not None]
    assert amounts
    assert all(isinstance(value, Decimal) for value in amounts)
    first = frame[frame["report"] == 0].set_index("key")
    assert first.loc["active_disclosure.procurement.amount", "amount"] == Decimal("138.31")
    assert first.loc["applications.new.total", "count"] == 0
    # Every count of the first seed is an exact int, as facts() says.
    facts = seeds[0].facts()
    for key, value in facts.items():
        column = "amount" if isinstance(value, Decimal) else "count"
        if value is not None:
            assert first.loc[key, column] == value


def test_no_nan_where_a_blank_is_stated() -> None:
    frame = gkparse.to_dataframe([_seed(number) for number in SEEDS])
    blank = frame[frame["state"] == "blank"]
    assert len(blank) > 100
    assert blank["count"].isna().all()
    assert all(value is None for value in blank["amount"])
    assert not any(isinstance(value, float) and math.isnan(value) for value in frame["amount"])
    assert frame["count"].dtype != float
    # A 0 stays a 0, distinct from a blank.
    zero = frame[(frame["state"] == "value") & (frame["count"] == 0)]
    assert len(zero) > 0


def test_wide_dataframe() -> None:
    seeds = [_seed(number) for number in SEEDS]
    wide = gkparse.to_dataframe(seeds, wide=True)
    assert len(wide) == 5
    assert wide.loc[0, "body"] == "咸丰路街道办事处"
    assert str(wide["applications.new.total"].dtype) == "Int64"
    assert wide["active_disclosure.procurement.amount"].dtype == object
    assert wide.loc[0, "active_disclosure.procurement.amount"] == Decimal("138.31")
    assert wide.loc[0, "applications.new.total"] == 0
    assert wide["applications.new.commercial"].isna()[3]  # seed 003: blank


def test_findings_dataframe() -> None:
    frame = gkparse.findings_dataframe([_seed("003"), _seed("004")])
    assert len(frame) == 41 + 54
    assert list(frame.columns) == ["report", "body", "year", *FINDING_FIELDS]
    assert list(frame["severity"].cat.categories) == ["info", "warning", "error"]
    assert frame["severity"].cat.ordered
    assert str(frame["line"].dtype) == "Int64"
    errors = frame[frame["severity"] == "error"]
    assert set(errors["report"]) == {1}
    assert set(errors["code"]) == {"ROW-VALUE-COUNT"}
    assert (frame["outcome"] == "not assessable").sum() == 40 + 34


def test_a_single_report_is_accepted() -> None:
    report = _seed("000")
    assert len(gkparse.to_dataframe(report)) == len(report.facts())


def test_missing_pandas_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'gkparse\[pandas\]'"):
        gkparse.to_dataframe(_seed("000"))
    with pytest.raises(ImportError, match=r"need pandas"):
        gkparse.findings_dataframe(_seed("000"))
