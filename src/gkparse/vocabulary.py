"""The report layer's vocabulary: typed names for what cells, findings and
rules can be, and the one helper for dotted fact keys.

Every value here is a ``Literal`` type with its constants, so mypy sees a
typo (``state == "mising"``) and the docs can list the choices.
"""

from __future__ import annotations

from typing import Final, Literal

Edition = Literal["2019", "2021"]
#: The format's editions, oldest first.
EDITIONS: Final[tuple[Edition, ...]] = ("2019", "2021")

SectionKey = Literal[
    "overview", "active_disclosure", "applications", "review_litigation", "problems", "other_matters"
]
#: The report's sections in the order of the format, by key.
SECTION_KEYS: Final[tuple[SectionKey, ...]] = (
    "overview",
    "active_disclosure",
    "applications",
    "review_litigation",
    "problems",
    "other_matters",
)

TableKey = Literal["active_disclosure", "applications", "review_litigation"]

Severity = Literal["error", "warning", "info"]
#: Severities from the least to the most serious.
SEVERITIES: Final[tuple[Severity, ...]] = ("info", "warning", "error")

CellState = Literal["value", "blank", "unknown", "invalid", "missing"]
VALUE: Final = "value"
"""A number was read."""
BLANK: Final = "blank"
"""Nothing was entered: an empty cell or a placeholder (—, /, 无 …)."""
UNKNOWN: Final = "unknown"
"""The row's values could not be placed in its columns; see the row's finding."""
INVALID: Final = "invalid"
"""The cell holds something that is not a number of this column."""
MISSING: Final = "missing"
"""The row or the table is not in the text."""
CELL_STATES: Final[tuple[CellState, ...]] = (VALUE, BLANK, UNKNOWN, INVALID, MISSING)

PlacedBy = Literal["layout", "arithmetic"]
LAYOUT: Final = "layout"
"""The cell's place came from the table's layout: its row label and its column."""
ARITHMETIC: Final = "arithmetic"
"""The cell's digits were cut from a run and placed where the format's own
sums (``certified_by``) leave only one way, or where the digits allow only one."""
PLACED_BY: Final[tuple[PlacedBy, ...]] = (LAYOUT, ARITHMETIC)

Outcome = Literal["failed", "not assessable"]
FAILED: Final = "failed"
"""The check was made and does not hold."""
NOT_ASSESSABLE: Final = "not assessable"
"""The check could not be made: an input cell has no value. Never a pass."""

RuleScope = Literal["report", "pair"]
REPORT: Final = "report"
"""A rule over one report."""
PAIR: Final = "pair"
"""A rule over two reports of one body, years N and N + 1."""

Unit = Literal["万元", "not stated"]
#: The unit of money normalised to 万元.
WAN_YUAN: Final = "万元"
#: A money amount whose unit the report does not state.
UNIT_NOT_STATED: Final = "not stated"


def fact_key(table: str, row: str, column: str) -> str:
    """The dotted fact key of one cell: ``fact_key("applications", "new", "total")``."""
    return f"{table}.{row}.{column}"


def split_key(key: str) -> tuple[str, str, str]:
    """A fact key's table, row and column; a shorter key fills from the left
    and leaves the rest empty (``"applications.new"`` → table and row)."""
    parts = key.split(".", 2)
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def row_prefix(key: str) -> str:
    """The ``table.row`` part of a fact key."""
    return key.rsplit(".", 1)[0]


def column_of(key: str) -> str:
    """The column part of a fact key."""
    return key.rsplit(".", 1)[-1]
