"""The report layer: the format's tables, its outline, and a report's text read into facts.

``parse`` reads a report; ``render`` writes one back in any layout;
``serialise`` turns one into plain data. The table definitions are data
(``definitions``), the typed vocabulary is ``vocabulary``, and
``interpret`` reads grids against the definitions.
"""

from gkparse.report.model import Cell, Finding, Report, Section, Table, Value
from gkparse.report.parse import parse
from gkparse.report.render import render, render_with
from gkparse.report.serialise import from_dict, from_json, to_dict, to_json

__all__ = [
    "Cell",
    "Finding",
    "Report",
    "Section",
    "Table",
    "Value",
    "from_dict",
    "from_json",
    "parse",
    "render",
    "render_with",
    "to_dict",
    "to_json",
]
