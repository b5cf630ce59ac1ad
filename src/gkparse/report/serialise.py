"""Reports to and from plain data (JSON-ready dicts) with cattrs.

One module-level converter, built from cattrs' JSON preconf, with explicit
hooks for what cattrs does not know: ``Decimal`` (written as a string, so
no digit is lost) and the ``int | Decimal | None`` union of cell values.
Dates are ISO strings. Spans are kept, so a round trip gives back a report
equal in every field, spans included.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from cattrs.preconf.json import make_converter

from gkparse.report.model import Report, Value

converter = make_converter()

converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, lambda data, _: Decimal(str(data)))
converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
converter.register_structure_hook(datetime.date, lambda data, _: datetime.date.fromisoformat(data))


def _unstructure_value(value: Value) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _structure_value(data: Any, _: object) -> Value:
    """Counts are JSON integers, money is a decimal string."""
    if data is None or isinstance(data, int):
        return data
    if isinstance(data, str):
        return Decimal(data)
    raise TypeError(f"a cell value is an integer, a decimal string or null, not {data!r}")


# A predicate, not a type key: the annotation resolves to an equal union
# object that need not hash the same as ``Value``.
converter.register_unstructure_hook_func(lambda t: t == Value, _unstructure_value)
converter.register_structure_hook_func(lambda t: t == Value, _structure_value)


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: dicts, lists, strings, integers and None."""
    data: dict[str, Any] = converter.unstructure(report)
    return data


def from_dict(data: dict[str, Any]) -> Report:
    """A report back from :func:`to_dict`'s data; raises cattrs' errors on bad data."""
    return converter.structure(data, Report)


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as JSON (Chinese text as is, not escaped)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str) -> Report:
    """A report back from :func:`to_json`."""
    return from_dict(json.loads(text))
