"""The JSON Schema of a report document, generated from the model.

:func:`json_schema` walks the model's attrs classes and their type
annotations, so the schema follows the model; ``docs/report.schema.json``
is its output (``gkparse --schema``), and a test checks that the file is up
to date and that every document :func:`gkparse.to_dict` writes validates
against it.
"""

from __future__ import annotations

import datetime
import inspect
import re
import types
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from gkparse.grids.grid import Grid, GridCell, GridRow
from gkparse.grids.span import Span
from gkparse.report.model import Cell, Finding, Report, Section, Table, Value
from gkparse.report.serialise import DATE_PATTERN, DECIMAL_PATTERN, SCHEMA_VERSION

__all__ = ["json_schema"]

_CLASSES: tuple[type, ...] = (Report, Section, Table, Cell, Finding, Grid, GridRow, GridCell)

#: A Sphinx role in a docstring (``:func:`gkparse.parse```), for plain text.
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")

_DECIMAL = {"type": "string", "pattern": DECIMAL_PATTERN}


def _description(cls: type) -> str:
    """The first paragraph of a class's docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    return _ROLE.sub(r"\1", text).replace("``", "")


_SIMPLE: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    Decimal: _DECIMAL,
    datetime.date: {"type": "string", "pattern": DATE_PATTERN},
    Span: {"$ref": "#/$defs/Span"},
}


def _type(kind: Any) -> dict[str, Any]:
    if kind == Value:
        return {"anyOf": [{"type": "integer"}, _DECIMAL, {"type": "null"}]}
    if kind in _SIMPLE:
        return dict(_SIMPLE[kind])
    if kind in _CLASSES:
        return {"$ref": f"#/$defs/{kind.__name__}"}
    origin = get_origin(kind)
    if origin is Literal:
        return {"enum": list(get_args(kind))}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(kind)[0])}
    if origin in (Union, types.UnionType):
        choices = [_type(arg) for arg in get_args(kind) if arg is not type(None)]
        if type(None) in get_args(kind):
            choices.append({"type": "null"})
        return choices[0] if len(choices) == 1 else {"anyOf": choices}
    raise TypeError(f"no JSON Schema for {kind!r}")  # pragma: no cover - a new field type


def _object(cls: type, *, omit: tuple[str, ...] = ()) -> dict[str, Any]:
    fields = [field for field in attrs.fields(attrs.resolve_types(cls)) if field.name not in omit]
    return {
        "type": "object",
        "description": _description(cls),
        "properties": {field.name: _type(field.type) for field in fields},
        "required": [field.name for field in fields if field.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report document, compact or full."""
    report = _object(Report)
    report["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **report["properties"]}
    report["required"] = ["schema_version", *report["required"]]
    definitions: dict[str, Any] = {cls.__name__: _object(cls) for cls in _CLASSES if cls is not Report}
    definitions["Table"]["description"] += " The compact form leaves out ``grids``."
    definitions["Span"] = {
        "description": "Where a piece of text stands in the source: [line, column, end_line, end_column,"
        " start, end]; lines and columns count from 1, start and end are 0-based offsets, end exclusive.",
        "type": "array",
        "prefixItems": [{"type": "integer"}] * 6,
        "items": False,
        "minItems": 6,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gkparse report document",
        **{key: value for key, value in report.items() if key != "description"},
        "description": f"One annual report as gkparse.to_dict writes it (schema version {SCHEMA_VERSION}). "
        + _description(Report),
        "$defs": dict(sorted(definitions.items())),
    }
