"""What the records and the display read of the model, as protocols.

:mod:`gkparse.report.model` calls :mod:`~gkparse.report.records` and
:mod:`~gkparse.report.display` from its methods, so those modules cannot
import the model back (no import cycle, see ``docs/architecture.md``): they
read a report through these read-only shapes, which the model's classes
satisfy.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from gkparse.grids.span import Span
from gkparse.vocabulary import CellState, Edition, Outcome, PlacedBy, SectionKey, Severity, TableKey, Unit


class CellLike(Protocol):
    """A :class:`gkparse.Cell`."""

    @property
    def key(self) -> str: ...
    @property
    def value(self) -> int | Decimal | None: ...
    @property
    def raw(self) -> str: ...
    @property
    def state(self) -> CellState: ...
    @property
    def unit(self) -> Unit | None: ...
    @property
    def span(self) -> Span | None: ...
    @property
    def placed_by(self) -> PlacedBy: ...
    @property
    def certified_by(self) -> tuple[str, ...]: ...


class FindingLike(Protocol):
    """A :class:`gkparse.Finding`."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def keys(self) -> tuple[str, ...]: ...
    @property
    def expected(self) -> str | None: ...
    @property
    def actual(self) -> str | None: ...
    @property
    def span(self) -> Span | None: ...
    @property
    def outcome(self) -> Outcome | None: ...
    @property
    def years(self) -> tuple[int, ...]: ...


class SectionLike(Protocol):
    """A :class:`gkparse.Section`."""

    @property
    def key(self) -> SectionKey: ...
    @property
    def heading(self) -> str: ...


class TableLike(Protocol):
    """A :class:`gkparse.Table`."""

    @property
    def key(self) -> TableKey: ...
    @property
    def cells(self) -> Sequence[CellLike]: ...


class ReportLike(Protocol):
    """A :class:`gkparse.Report`."""

    @property
    def title(self) -> str | None: ...
    @property
    def body(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def published(self) -> datetime.date | None: ...
    @property
    def edition(self) -> Edition | None: ...
    @property
    def sections(self) -> Sequence[SectionLike]: ...
    @property
    def tables(self) -> Sequence[TableLike]: ...
    @property
    def problems(self) -> Sequence[FindingLike]: ...


class PrettyPrinter(Protocol):
    """What ``_repr_pretty_`` uses of IPython's pretty printer."""

    def text(self, obj: str) -> None: ...
