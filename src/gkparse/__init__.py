"""gkparse: read Chinese government information disclosure annual reports.

Two layers, both public:

- the generic layer turns loosely formatted text tables into grids:
  :func:`parse_table`, :func:`find_tables`, :data:`LAYOUTS`;
- ``render`` writes a report back in any layout, and ``gkparse.strategies``
  (with the ``strategies`` extra) generates reports and their texts for
  hypothesis;
- the report layer turns a report's text into keyed facts and findings:
  :func:`parse`, :class:`Report`, and the cross-footing rules
  (:data:`RULES`) through :func:`validate`, :func:`validate_series`,
  :func:`iter_findings` and :func:`check`.
"""

from gkparse.grid import Grid, GridCell, GridRow, Span
from gkparse.layouts import LAYOUTS, TableSyntaxError
from gkparse.model import Cell, Finding, Report, Section, Table
from gkparse.reading import find_tables, parse_table
from gkparse.rendering import render
from gkparse.report import parse
from gkparse.rules import RULES, Rule
from gkparse.validate import ValidationError, check, iter_findings, validate, validate_series

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``gkparse.strategies`` on first use: it needs hypothesis (the extra)."""
    if name == "strategies":
        import importlib

        return importlib.import_module("gkparse.strategies")
    raise AttributeError(f"module 'gkparse' has no attribute {name!r}")


__all__ = [
    "LAYOUTS",
    "RULES",
    "Cell",
    "Finding",
    "Grid",
    "GridCell",
    "GridRow",
    "Report",
    "Rule",
    "Section",
    "Span",
    "Table",
    "TableSyntaxError",
    "ValidationError",
    "__version__",
    "check",
    "find_tables",
    "iter_findings",
    "parse",
    "parse_table",
    "render",
    "validate",
    "validate_series",
]
