"""The report layer: the format's tables, its outline, and a report's text read into facts.

``parse`` reads a report; ``render`` writes one back in any layout;
``serialise`` turns one into plain data. The table definitions are data
(``definitions``), the typed vocabulary is ``vocabulary``, and
``interpret`` reads grids against the definitions.
"""

import importlib
from typing import TYPE_CHECKING

from gkparse.report.model import Cell, Finding, Report, Section, Table, Value
from gkparse.report.parse import parse
from gkparse.report.render import render, render_with

if TYPE_CHECKING:
    from gkparse.report.serialise import from_dict, from_json, to_dict, to_json

#: Imported on first use: parsing does not need them (nor json).
_SERIALISE = frozenset({"from_dict", "from_json", "to_dict", "to_json"})


def __getattr__(name: str) -> object:
    if name not in _SERIALISE:
        raise AttributeError(f"module 'gkparse.report' has no attribute {name!r}")
    value = getattr(importlib.import_module("gkparse.report.serialise"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SERIALISE})


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
