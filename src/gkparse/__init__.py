"""gkparse: read Chinese government information disclosure annual reports.

Two layers, both public, both re-exported here:

- the generic layer (:mod:`gkparse.grids`) turns loosely formatted text
  tables into grids: :func:`parse_table`, :func:`find_tables`,
  :data:`LAYOUTS`, and :func:`register_layout` (with :class:`Layout`,
  :class:`GridReader`, :class:`Habits`, :func:`grid_slots`) for a layout of
  your own;
- the report layer (:mod:`gkparse.report`) turns a report's text into keyed
  facts and findings: :func:`parse` (:func:`parse_many` for many texts,
  in worker processes if asked), :class:`Report`, :func:`render`, and
  the cross-footing rules (:mod:`gkparse.rules`, :data:`RULES`) through
  :func:`validate`, :func:`validate_series`, :func:`iter_findings` and
  :func:`check`; :mod:`gkparse.vocabulary` names cell states, outcomes,
  editions and fact keys.

``gkparse.strategies`` (with the ``strategies`` extra) generates reports and
their texts for hypothesis.
"""

import importlib
from typing import TYPE_CHECKING

from gkparse import _moved, vocabulary
from gkparse.grids import (
    LAYOUTS,
    Choices,
    Grid,
    GridCell,
    GridReader,
    GridRow,
    Habits,
    Layout,
    Positions,
    Span,
    TableSyntaxError,
    find_tables,
    parse_table,
)
from gkparse.grids import register as register_layout
from gkparse.grids import unregister as unregister_layout
from gkparse.grids.layouts import Slot
from gkparse.grids.layouts import get as get_layout
from gkparse.grids.layouts import slots as grid_slots
from gkparse.report import Cell, Finding, Report, Section, Table, parse, render
from gkparse.rules import (
    RULES,
    Rule,
    ValidationError,
    check,
    iter_findings,
    validate,
    validate_series,
)

if TYPE_CHECKING:
    from gkparse.batch import parse_many
    from gkparse.report.frames import findings_dataframe, to_dataframe
    from gkparse.report.serialise import (
        SCHEMA_VERSION,
        SerialisationError,
        from_dict,
        from_json,
        to_dict,
        to_json,
    )
    from gkparse.report.views import Findings, Reports, ReportView, show

__version__ = "0.1.0"

_moved.install()


#: Names imported on first use, by module: parsing needs none of them, and
#: a fresh process that only parses starts sooner without them.
_LAZY = {
    "parse_many": "gkparse.batch",
    "findings_dataframe": "gkparse.report.frames",
    "to_dataframe": "gkparse.report.frames",
    "SCHEMA_VERSION": "gkparse.report.serialise",
    "SerialisationError": "gkparse.report.serialise",
    "from_dict": "gkparse.report.serialise",
    "from_json": "gkparse.report.serialise",
    "to_dict": "gkparse.report.serialise",
    "to_json": "gkparse.report.serialise",
    "Findings": "gkparse.report.views",
    "Reports": "gkparse.report.views",
    "ReportView": "gkparse.report.views",
    "show": "gkparse.report.views",
}


def __getattr__(name: str) -> object:
    """A name of :data:`_LAZY` on first use, or ``gkparse.strategies`` (it
    needs hypothesis, the extra)."""
    if name == "strategies":
        return importlib.import_module("gkparse.strategies")
    if name not in _LAZY:
        raise AttributeError(f"module 'gkparse' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "LAYOUTS",
    "RULES",
    "SCHEMA_VERSION",
    "Cell",
    "Choices",
    "Finding",
    "Findings",
    "Grid",
    "GridCell",
    "GridReader",
    "GridRow",
    "Habits",
    "Layout",
    "Positions",
    "Report",
    "ReportView",
    "Reports",
    "Rule",
    "Section",
    "SerialisationError",
    "Slot",
    "Span",
    "Table",
    "TableSyntaxError",
    "ValidationError",
    "__version__",
    "check",
    "find_tables",
    "findings_dataframe",
    "from_dict",
    "from_json",
    "get_layout",
    "grid_slots",
    "iter_findings",
    "parse",
    "parse_many",
    "parse_table",
    "register_layout",
    "render",
    "show",
    "to_dataframe",
    "to_dict",
    "to_json",
    "unregister_layout",
    "validate",
    "validate_series",
    "vocabulary",
]
