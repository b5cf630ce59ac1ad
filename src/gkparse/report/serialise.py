"""Reports to and from plain data (JSON-ready dicts) with cattrs: the JSON contract.

A report document is a JSON object with ``schema_version`` (:data:`SCHEMA_VERSION`)
and the report's fields. Two forms:

- **compact** (the default, and the command line's): metadata, preamble,
  sections, every cell with its value, raw text, state, unit and span, and
  the findings of parsing; no grids. Reading it back gives a report equal
  to the original (grids take no part in equality), spans included.
- **full** (``full=True``): the same plus each table's grids, so that
  ``from_json(to_json(report, full=True))`` gives back the report with its
  grids too.

Money is a decimal string (no digit is lost), dates are ISO strings, spans
are arrays ``[line, column, end_line, end_column, start, end]``, and fields
at their default (a count's ``unit``, a finding's empty ``years`` …) are
left out. The published JSON Schema, ``docs/report.schema.json``, is
:func:`gkparse.report.schema.json_schema` (``gkparse --schema``).

Reading is strict: anything that is not such a document raises one
:class:`SerialisationError` (a ``ValueError``) that lists each problem with
its JSON path, e.g. ``expected an integer, got '5' @ $.year``.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, Literal, get_args, get_origin

import attrs

from gkparse.grids.span import Span
from gkparse.report.model import Report, Table, Value

if TYPE_CHECKING:
    import cattrs

# cattrs is imported when a report is first turned into data or read back:
# importing it is a fifth of ``import gkparse``, and parsing needs none of it.

__all__ = [
    "SCHEMA_VERSION",
    "SerialisationError",
    "converter",  # noqa: F822 (built on first use, by __getattr__)
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]

#: The version of the report document's layout; bumped on any change that an
#: older reader could not read.
SCHEMA_VERSION: Final = 1

#: A decimal number as money is written: an optional sign, digits, an optional fraction.
DECIMAL_PATTERN: Final = r"^-?[0-9]+(\.[0-9]+)?$"
#: A date as written: ISO ``YYYY-MM-DD``.
DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_DECIMAL = re.compile(DECIMAL_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_SPAN_FIELDS: Final = ("line", "column", "end_line", "end_column", "start", "end")


class SerialisationError(ValueError):
    """Data that is not a report document.

    ``errors`` lists every problem found, each ending with its JSON path
    (``… @ $.tables[0].cells[3].value``); the message is the first, or all
    of them.
    """

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = tuple(errors)
        if len(self.errors) == 1:
            message = f"not a report document: {self.errors[0]}"
        else:
            message = f"not a report document ({len(self.errors)} problems):\n" + "\n".join(
                f"  {error}" for error in self.errors
            )
        super().__init__(message)

    def __reduce__(self) -> tuple[type[SerialisationError], tuple[tuple[str, ...]]]:
        """Pickle by the errors, so that the error crosses process boundaries."""
        return (SerialisationError, (self.errors,))


class _Invalid(ValueError):
    """A value of the wrong JSON type or form; the message says what was expected."""


def _shown(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False) if _is_json(data) else type(data).__name__
    return text if len(text) <= 40 else text[:37] + "…"


def _is_json(data: object) -> bool:
    try:
        json.dumps(data)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _expect(kind: str, data: object) -> _Invalid:
    return _Invalid(f"expected {kind}, got {_shown(data)}")


def _is_int(data: object) -> bool:
    return isinstance(data, int) and not isinstance(data, bool)


def _structure_str(data: object, _: object) -> str:
    if not isinstance(data, str):
        raise _expect("a string", data)
    return data


def _structure_int(data: object, _: object) -> int:
    if not _is_int(data):
        raise _expect("an integer", data)
    assert isinstance(data, int)
    return data


def _structure_decimal(data: object, _: object) -> Decimal:
    if not isinstance(data, str) or not _DECIMAL.match(data):
        raise _expect('a decimal string such as "138.31"', data)
    try:
        return Decimal(data)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _expect("a decimal string", data) from None


def _structure_date(data: object, _: object) -> datetime.date:
    if not isinstance(data, str) or not _DATE.match(data):
        raise _expect('a date "YYYY-MM-DD"', data)
    try:
        return datetime.date.fromisoformat(data)
    except ValueError:
        raise _expect("a valid date", data) from None


def _unstructure_value(value: Value) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _structure_value(data: object, _: object) -> Value:
    """Counts are JSON integers, money is a decimal string."""
    if data is None:
        return None
    if _is_int(data):
        assert isinstance(data, int)
        return data
    if isinstance(data, str) and _DECIMAL.match(data):
        return Decimal(data)
    raise _expect("an integer, a decimal string or null", data)


def _unstructure_span(span: Span) -> list[int]:
    return [getattr(span, name) for name in _SPAN_FIELDS]


def _structure_span(data: object, _: object) -> Span:
    if not isinstance(data, list) or len(data) != len(_SPAN_FIELDS) or not all(map(_is_int, data)):
        raise _expect("a span [line, column, end_line, end_column, start, end] of 6 integers", data)
    return Span(*data)


def _literal_hook(kind: Any) -> Callable[[object, object], object]:
    choices = get_args(kind)

    def structure(data: object, _: object) -> object:
        if not isinstance(data, str | int) or isinstance(data, bool) or data not in choices:
            raise _expect("one of " + ", ".join(json.dumps(c, ensure_ascii=False) for c in choices), data)
        return data

    return structure


def _tuple_hook(kind: Any, conv: cattrs.Converter) -> Callable[[object, object], tuple[object, ...]]:
    """Homogeneous tuples from JSON arrays only (never from a string or an object)."""
    from cattrs.errors import IterableValidationError, IterableValidationNote

    (item_type, _ellipsis) = get_args(kind)
    item = conv.get_structure_hook(item_type)

    def structure(data: object, _: object) -> tuple[object, ...]:
        if not isinstance(data, list):
            raise _expect("an array", data)
        result, errors = [], []
        for index, element in enumerate(data):
            try:
                result.append(item(element, item_type))
            except Exception as error:  # collected and reported with their paths
                note = IterableValidationNote(f"Structuring @ index {index}", index, item_type)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
        return tuple(result)

    return structure


def _class_hook(cls: Any, conv: cattrs.Converter) -> Callable[[object, object], object]:
    """A model class from a JSON object only; cattrs' own function reads its fields."""
    from cattrs.gen import make_dict_structure_fn

    fields = make_dict_structure_fn(cls, conv)

    def structure(data: object, _: object) -> object:
        if not isinstance(data, dict):
            raise _expect("an object", data)
        return fields(data, cls)

    return structure


def _is_literal(kind: Any) -> bool:
    return bool(get_origin(kind) == Literal)


def _is_homogeneous_tuple(kind: Any) -> bool:
    arguments: tuple[object, ...] = get_args(kind)
    return get_origin(kind) is tuple and len(arguments) == 2 and arguments[1] == Ellipsis


def _make_converter() -> cattrs.Converter:
    from cattrs.preconf.json import make_converter

    conv = make_converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_unstructure_hook(Span, _unstructure_span)
    conv.register_structure_hook(Span, _structure_span)
    # A predicate, not a type key: the annotation resolves to an equal union
    # object that need not hash the same as ``Value``.
    conv.register_unstructure_hook_func(lambda t: t == Value, _unstructure_value)
    conv.register_structure_hook_func(lambda t: t == Value, _structure_value)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(lambda t: attrs.has(t) and t is not Span, _class_hook)
    return conv


@functools.cache
def _converters() -> tuple[cattrs.Converter, cattrs.Converter]:
    """The full form's converter (it reads both forms) and the compact form's
    (the same, without the tables' grids), built on first use."""
    from cattrs.gen import make_dict_unstructure_fn, override

    full = _make_converter()
    compact = full.copy()
    without_grids = make_dict_unstructure_fn(
        Table, compact, _cattrs_omit_if_default=True, grids=override(omit=True)
    )
    compact.register_unstructure_hook(Table, without_grids)
    return full, compact


def __getattr__(name: str) -> cattrs.Converter:
    """``converter``: the full form's cattrs converter (it reads both forms)."""
    if name == "converter":
        return _converters()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _format(error: BaseException, kind: type | None) -> str:
    import cattrs

    if isinstance(error, _Invalid):
        return str(error)
    if isinstance(error, KeyError):
        return "required field missing"
    return cattrs.v.format_exception(error, kind)


def to_dict(report: Report, *, full: bool = False) -> dict[str, Any]:
    """The report as plain data (dicts, lists, strings, integers and None).

    Compact by default (no grids); ``full=True`` keeps the grids too.
    """
    body: dict[str, Any] = _converters()[0 if full else 1].unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **body}


def from_dict(data: object) -> Report:
    """A report back from :func:`to_dict`'s data, compact or full.

    Raises :class:`SerialisationError` for anything else: not an object, a
    missing or unknown ``schema_version``, missing or extra fields, a field
    of the wrong type.
    """
    if not isinstance(data, dict):
        raise SerialisationError([f"{_expect('a JSON object', data)} @ $"])
    if "schema_version" not in data:
        raise SerialisationError(["required field missing @ $.schema_version"])
    version = data["schema_version"]
    if version != SCHEMA_VERSION or not _is_int(version):
        raise SerialisationError(
            [
                f"unknown schema version {_shown(version)}: this gkparse reads version {SCHEMA_VERSION}"
                " @ $.schema_version"
            ]
        )
    import cattrs
    from cattrs.errors import BaseValidationError

    body = {key: value for key, value in data.items() if key != "schema_version"}
    try:
        return _converters()[0].structure(body, Report)
    except BaseValidationError as error:
        raise SerialisationError(cattrs.transform_error(error, "$", _format)) from None
    except RecursionError:
        raise SerialisationError(["nested too deeply @ $"]) from None
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as error:
        raise SerialisationError([f"invalid report data ({error}) @ $"]) from None


def to_json(report: Report, *, full: bool = False, indent: int | None = None) -> str:
    """The report as JSON (Chinese text as is, not escaped); see :func:`to_dict`."""
    return json.dumps(to_dict(report, full=full), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Report:
    """A report back from :func:`to_json`; :class:`SerialisationError` for bad input."""
    if not isinstance(text, str | bytes | bytearray):
        raise SerialisationError([f"expected JSON text (str or bytes), got {type(text).__name__} @ $"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SerialisationError(
            [f"not JSON: {error.msg} (line {error.lineno}, column {error.colno}) @ $"]
        ) from None
    except UnicodeDecodeError as error:
        raise SerialisationError([f"not UTF-8 JSON text: {error.reason} @ $"]) from None
    except RecursionError:
        raise SerialisationError(["nested too deeply @ $"]) from None
    return from_dict(data)
