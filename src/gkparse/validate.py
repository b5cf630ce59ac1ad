"""``validate``: every finding about a report.

For now these are the findings of parsing itself (``Report.problems``):
missing tables and rows, rows whose values do not fit their columns, cells
that are not numbers, labels that match nothing.
"""

from __future__ import annotations

from gkparse.model import Finding, Report


def validate(report: Report) -> tuple[Finding, ...]:
    """All findings about ``report``, most important first within each part."""
    return report.problems
