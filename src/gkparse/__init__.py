"""gkparse: read Chinese government information disclosure annual reports.

Two layers, both public:

- the generic layer turns loosely formatted text tables into grids:
  :func:`parse_table`, :func:`find_tables`, :data:`LAYOUTS`;
- the report layer turns a report's text into keyed facts and findings:
  :func:`parse`, :func:`validate`, :class:`Report`.
"""

from gkparse.grid import Grid, GridCell, GridRow, Span
from gkparse.layouts import LAYOUTS, TableSyntaxError
from gkparse.model import Cell, Finding, Report, Section, Table
from gkparse.reading import find_tables, parse_table
from gkparse.report import parse
from gkparse.validate import validate

__version__ = "0.1.0"

__all__ = [
    "LAYOUTS",
    "Cell",
    "Finding",
    "Grid",
    "GridCell",
    "GridRow",
    "Report",
    "Section",
    "Span",
    "Table",
    "TableSyntaxError",
    "__version__",
    "find_tables",
    "parse",
    "parse_table",
    "validate",
]
