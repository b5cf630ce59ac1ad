"""Validation: every finding about one report, or about a body's years.

``validate`` gives the findings of parsing (``Report.problems``) and then
those of each rule; ``iter_findings`` yields the same lazily; ``check``
raises :class:`ValidationError` when there is an error. Findings never
change the report: its facts stay what the text says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from gkparse.report.model import Finding, Report
from gkparse.rules.catalogue import RULES
from gkparse.rules.spec import PairCheck, ReportCheck, Rule
from gkparse.vocabulary import PAIR, REPORT, RuleScope


class ValidationError(ValueError):
    """A report has error findings; ``findings`` holds them all."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = [f"{len(self.findings)} error finding(s):"]
        lines += [f"  {finding.code}: {finding.message}" for finding in self.findings]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Finding, ...]]]:
        """Pickle by the findings, so that the error crosses process boundaries."""
        return (ValidationError, (self.findings,))


def select_rules(rules: Iterable[Rule | str] | None, scope: RuleScope) -> tuple[Rule, ...]:
    """The rules to run: all of :data:`gkparse.RULES` by default; ids pick
    built-in rules and Rule objects (your own) are used as given."""
    by_id = {rule.id: rule for rule in RULES}
    chosen: list[Rule] = []
    for wanted in RULES if rules is None else rules:
        if isinstance(wanted, str) and wanted not in by_id:
            raise ValueError(f"unknown rule {wanted!r}; known: {', '.join(by_id)}")
        chosen.append(by_id[wanted] if isinstance(wanted, str) else wanted)
    return tuple(rule for rule in chosen if rule.scope == scope)


def iter_findings(report: Report, *, rules: Iterable[Rule | str] | None = None) -> Iterator[Finding]:
    """Yield the findings of parsing, then each rule's, as they are made."""
    yield from report.problems
    for rule in select_rules(rules, REPORT):
        if report.edition in rule.editions:
            yield from cast(ReportCheck, rule.check)(rule, report)


def _until_error(findings: Iterable[Finding], fail_fast: bool) -> tuple[Finding, ...]:
    collected = []
    for finding in findings:
        collected.append(finding)
        if fail_fast and finding.severity == "error":
            break
    return tuple(collected)


def validate(
    report: Report, *, rules: Iterable[Rule | str] | None = None, fail_fast: bool = False
) -> tuple[Finding, ...]:
    """Every finding about ``report``: parsing first, then the rules in order.

    ``rules`` selects or extends the rules (ids or Rule objects; default all
    of :data:`gkparse.RULES`). With ``fail_fast=True`` it stops after the
    first error finding.
    """
    return _until_error(iter_findings(report, rules=rules), fail_fast)


def check(report: Report, *, rules: Iterable[Rule | str] | None = None) -> Report:
    """Return ``report`` if it has no error finding, else raise :class:`ValidationError`."""
    errors = [finding for finding in iter_findings(report, rules=rules) if finding.severity == "error"]
    if errors:
        raise ValidationError(errors)
    return report


def _series_findings(reports: Iterable[Report], rules: tuple[Rule, ...]) -> Iterator[Finding]:
    bodies: dict[str, list[Report]] = {}
    for report in reports:
        if report.body is None or report.year is None:
            yield Finding(
                "SERIES-UNPLACED",
                "info",
                f"report {report.title or '(untitled)'!r} has no body or year and is left out of the series",
            )
            continue
        bodies.setdefault(report.body, []).append(report)
    for body, group in bodies.items():
        by_year: dict[int, Report] = {}
        for report in sorted(group, key=lambda r: r.year or 0):
            assert report.year is not None
            if report.year in by_year:
                yield Finding(
                    "SERIES-DUPLICATE",
                    "warning",
                    f"{body}: two reports for {report.year}; the first one is used",
                    years=(report.year,),
                )
                continue
            by_year[report.year] = report
        years = sorted(by_year)
        for earlier, later in itertools.pairwise(years):
            if later != earlier + 1:
                yield Finding(
                    "SERIES-GAP",
                    "warning",
                    f"{body}: no report between {earlier} and {later}; the years are not compared",
                    years=(earlier, later),
                )
                continue
            for rule in rules:
                if by_year[earlier].edition in rule.editions and by_year[later].edition in rule.editions:
                    yield from cast(PairCheck, rule.check)(rule, by_year[earlier], by_year[later])


def validate_series(
    reports: Iterable[Report], *, rules: Iterable[Rule | str] | None = None, fail_fast: bool = False
) -> tuple[Finding, ...]:
    """Findings across reports: each body's reports, by year, two consecutive years at a time.

    Reports are grouped by their ``body`` and ordered by ``year``; a missing
    year is reported (SERIES-GAP), not bridged. Only the pair rules run
    here; each report's own findings come from :func:`validate`.
    """
    return _until_error(_series_findings(reports, select_rules(rules, PAIR)), fail_fast)
