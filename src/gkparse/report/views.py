"""Collections for notebooks: findings, many reports, a report with all its findings.

``gkparse.validate`` returns a plain tuple of findings and a corpus is a
plain list of reports; wrap them to see them as HTML in a notebook and to
get their long records:

- :class:`Findings` — a tuple of findings with ``to_records()`` and an HTML table;
- :class:`Reports` — a tuple of reports with ``to_records()`` and one HTML row each;
- :func:`show` — a report with the rules' findings as well as its own, cells
  named by any of them outlined.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from gkparse.report import display, records
from gkparse.report.model import Finding, Report
from gkparse.report.protocols import PrettyPrinter
from gkparse.rules.engine import validate

__all__ = ["Findings", "ReportView", "Reports", "show"]


class Findings(tuple[Finding, ...]):
    """Findings, as :func:`gkparse.validate` gives them, that show as an HTML table."""

    __slots__ = ()

    def to_records(self) -> list[records.FindingRecord]:
        """One flat record per finding (see :class:`gkparse.report.records.FindingRecord`)."""
        return records.finding_records(self)

    def _repr_html_(self) -> str:
        return display.findings_html(self)

    def _repr_pretty_(self, printer: PrettyPrinter, cycle: bool) -> None:
        lines = [f"{len(self)} finding(s)"]
        lines += [f"  {f.severity:<7} {f.code} (line {f.line or '-'}): {f.message}" for f in self]
        printer.text("\n".join(lines))


class Reports(tuple[Report, ...]):
    """Many reports that show as one HTML table, one row each."""

    __slots__ = ()

    def to_records(self) -> list[records.FactRecord]:
        """The long records of every report, one after the other."""
        return [record for report in self for record in report.to_records()]

    def _repr_html_(self) -> str:
        return display.reports_html(self)

    def _repr_pretty_(self, printer: PrettyPrinter, cycle: bool) -> None:
        printer.text("\n".join([f"{len(self)} report(s)", *(f"  {r!r}" for r in self)]))


@attrs.frozen
class ReportView:
    """A report with the findings to show with it (see :func:`show`)."""

    report: Report
    findings: Findings

    def to_html(self) -> str:
        """The report as HTML, cells named by the findings outlined."""
        return self.report.to_html(self.findings)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: PrettyPrinter, cycle: bool) -> None:
        self.findings._repr_pretty_(printer, cycle)


def show(report: Report, findings: Iterable[Finding] | None = None) -> ReportView:
    """A report to look at in a notebook, with every finding: parsing's and the rules'.

    ``findings`` default to ``gkparse.validate(report)``.
    """
    return ReportView(report, Findings(validate(report) if findings is None else findings))
