"""Reports as pandas DataFrames (the ``pandas`` extra).

:func:`to_dataframe` gives the long format, one row per fact of each report
(:meth:`gkparse.Report.to_records`), with dtypes that keep what the model
says:

- counts in ``count``, a nullable ``Int64`` column (never float);
- money in ``amount``, an ``object`` column of exact ``decimal.Decimal``
  (pandas has no exact decimal dtype; ``amount.astype(float)`` when exact is
  not needed);
- no value is ``<NA>``/``None``, never ``NaN``, and ``state`` (a categorical
  of value, blank, unknown, invalid, missing) says why;
- ``edition``, ``table``, ``unit`` and ``severity`` are categoricals, text
  columns are pandas' ``string`` dtype, ``year`` and ``line`` ``Int64``.

``wide=True`` gives one row per report and one column per fact key (counts
``Int64``, money ``Decimal``); the states are in the long form only.
:func:`findings_dataframe` gives one row per finding of each report
(:func:`gkparse.validate`). ``report`` numbers the reports in the order
given, since a body or year may be unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gkparse.report import definitions as d
from gkparse.report.model import Report
from gkparse.report.records import FINDING_FIELDS
from gkparse.rules.engine import validate
from gkparse.rules.spec import Rule
from gkparse.vocabulary import CELL_STATES, EDITIONS, PLACED_BY, SEVERITIES, UNIT_NOT_STATED, WAN_YUAN

__all__ = ["findings_dataframe", "to_dataframe"]

_TEXT = "string"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "gkparse's DataFrames need pandas, which is not installed: pip install 'gkparse[pandas]'"
        ) from None
    return pandas


def _reports(reports: Report | Iterable[Report]) -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)


def _category(pd: Any, values: list[Any], categories: Iterable[str]) -> Any:
    return pd.Categorical(values, categories=list(categories))


def to_dataframe(reports: Report | Iterable[Report], *, wide: bool = False) -> Any:
    """The facts of one report or many as a pandas DataFrame: long (one row per fact) or wide.

    Long columns: report, body, year, edition, key, table, row, column,
    row_label, column_label, count, amount, unit, state, raw, line, placed_by,
    certified_by.
    """
    pd = _pandas()
    chosen = _reports(reports)
    if wide:
        return _wide(pd, chosen)
    rows = [(number, record) for number, report in enumerate(chosen) for record in report.to_records()]
    records = [record for _, record in rows]

    def column(name: str) -> list[Any]:
        return [record[name] for record in records]  # type: ignore[literal-required]

    money = [record["column"] in d.MONEY_COLUMNS for record in records]
    values = column("value")
    return pd.DataFrame({
        "report": pd.array([number for number, _ in rows], dtype="int64"),
        "body": pd.array(column("body"), dtype=_TEXT),
        "year": pd.array(column("year"), dtype="Int64"),
        "edition": _category(pd, column("edition"), EDITIONS),
        "key": pd.array(column("key"), dtype=_TEXT),
        "table": _category(pd, column("table"), d.TABLE_KEYS),
        "row": pd.array(column("row"), dtype=_TEXT),
        "column": pd.array(column("column"), dtype=_TEXT),
        "row_label": pd.array(column("row_label"), dtype=_TEXT),
        "column_label": pd.array(column("column_label"), dtype=_TEXT),
        "count": pd.array([None if m else v for m, v in zip(money, values, strict=True)], dtype="Int64"),
        "amount": pd.Series([v if m else None for m, v in zip(money, values, strict=True)], dtype=object),
        "unit": _category(pd, column("unit"), (WAN_YUAN, UNIT_NOT_STATED)),
        "state": _category(pd, column("state"), CELL_STATES),
        "raw": pd.array(column("raw"), dtype=_TEXT),
        "line": pd.array(column("line"), dtype="Int64"),
        "placed_by": _category(pd, column("placed_by"), PLACED_BY),
        "certified_by": pd.array(column("certified_by"), dtype=_TEXT),
    })


def _wide(pd: Any, reports: list[Report]) -> Any:
    keys: dict[str, None] = {}
    for report in reports:
        keys.update(dict.fromkeys(report.facts()))
    facts = [report.facts() for report in reports]
    frame = {
        "report": pd.array(range(len(reports)), dtype="int64"),
        "title": pd.array([r.title for r in reports], dtype=_TEXT),
        "body": pd.array([r.body for r in reports], dtype=_TEXT),
        "year": pd.array([r.year for r in reports], dtype="Int64"),
        "edition": _category(pd, [r.edition for r in reports], EDITIONS),
    }
    for key in keys:
        values = [fact.get(key) for fact in facts]
        if key.rsplit(".", 1)[-1] in d.MONEY_COLUMNS:
            frame[key] = pd.Series(values, dtype=object)
        else:
            frame[key] = pd.array(values, dtype="Int64")
    return pd.DataFrame(frame)


def findings_dataframe(
    reports: Report | Iterable[Report], *, rules: Iterable[Rule | str] | None = None
) -> Any:
    """Every finding of each report (:func:`gkparse.validate`) as a pandas DataFrame.

    Columns: report, body, year, code, severity, outcome, keys (a tuple of
    fact keys; ``explode("keys")`` gives one row per key), message, line,
    expected, actual (exact decimal text), years.
    """
    pd = _pandas()
    chosen = _reports(reports)
    rows = [
        (number, report, finding.to_record())
        for number, report in enumerate(chosen)
        for finding in validate(report, rules=None if rules is None else list(rules))
    ]

    def column(name: str) -> list[Any]:
        return [record[name] for _, _, record in rows]  # type: ignore[literal-required]

    frame = {
        "report": pd.array([number for number, _, _ in rows], dtype="int64"),
        "body": pd.array([report.body for _, report, _ in rows], dtype=_TEXT),
        "year": pd.array([report.year for _, report, _ in rows], dtype="Int64"),
    }
    for name in FINDING_FIELDS:
        if name == "severity":
            frame[name] = pd.Categorical(column(name), categories=list(SEVERITIES), ordered=True)
        elif name == "outcome":
            frame[name] = _category(pd, column(name), ("failed", "not assessable"))
        elif name == "line":
            frame[name] = pd.array(column(name), dtype="Int64")
        elif name in ("keys", "years"):
            frame[name] = pd.Series(column(name), dtype=object)
        else:
            frame[name] = pd.array(column(name), dtype=_TEXT)
    return pd.DataFrame(frame)
