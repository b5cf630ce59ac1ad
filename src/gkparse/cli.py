"""The command line: ``gkparse [FILE ...] [--format summary|json] [--strict] [--series]``.

The only module of gkparse that reads files or streams. Without FILE it
reads the sample report bundled with the package. Files are read and shown
one at a time; one that cannot be read is reported on standard error and the
others still run. Exit status: 0 done, 1 with ``--strict`` when a report (or,
with ``--series``, the series) has an error finding, 2 for a usage error or
a file that could not be read.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gkparse import __version__
from gkparse.report.model import Cell, Finding, Report, Table
from gkparse.report.parse import parse
from gkparse.report.serialise import converter, to_dict
from gkparse.rules import rules_markdown, validate, validate_series
from gkparse.vocabulary import BLANK, INVALID, MISSING, UNKNOWN

SAMPLE = "sample_report.txt"

# How a cell without a value shows in the summary.
_NO_VALUE = {BLANK: "·", UNKNOWN: "?", INVALID: "!", MISSING: "-"}


def read_text(data: bytes) -> str:
    """Decode a report file: UTF-8 (with or without BOM), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def sample_text() -> str:
    """The sample report bundled with the package."""
    return (importlib.resources.files("gkparse") / "samples" / SAMPLE).read_text(encoding="utf-8")


def _shown(cell: Cell) -> str:
    if cell.value is None:
        return _NO_VALUE.get(cell.state, "")
    return f"{cell.value} {cell.unit}" if cell.unit else str(cell.value)


def _table_lines(table: Table) -> list[str]:
    """One line a row: ``row  column=value  column=value …``."""
    rows: dict[str, list[str]] = {}
    for cell in table.cells:
        row, _, column = cell.key[len(table.key) + 1 :].rpartition(".")
        rows.setdefault(row, []).append(f"{column}={_shown(cell)}")
    width = max((len(row) for row in rows), default=0)
    return [f"  {row:<{width}}  " + "  ".join(values) for row, values in rows.items()]


def summary(report: Report, name: str, findings: Sequence[Finding]) -> str:
    """A report as a person reads it in a terminal."""
    lines = [
        f"== {name}",
        f"title:     {report.title or '-'}",
        f"body:      {report.body or '-'}",
        f"year:      {report.year or '-'}",
        f"published: {report.published or '-'}",
        f"edition:   {report.edition or 'none'}",
        "sections:  " + (", ".join(section.key for section in report.sections) or "-"),
    ]
    for table in report.tables:
        lines.append(f"table {table.key}:")
        lines.extend(_table_lines(table))
    lines.append(f"findings: {len(findings)}")
    lines.extend(f"  {f.severity:<7} {f.code}: {f.message}" for f in findings)
    lines.append("(· blank, ? could not be placed, ! not a number, - not in the text)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = argparse.ArgumentParser(
        prog="gkparse",
        description="Read government information disclosure annual reports (政府信息公开工作年度报告).",
    )
    arguments.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="report text files; '-' reads standard input; none: the bundled sample",
    )
    arguments.add_argument("--format", choices=("summary", "json"), default="summary", help="output format")
    arguments.add_argument(
        "--strict", action="store_true", help="exit 1 when any report has an error finding"
    )
    arguments.add_argument(
        "--series", action="store_true", help="also check the reports as years of one body (YEAR-CHAIN …)"
    )
    arguments.add_argument(
        "--rules", action="store_true", help="print the rules as a Markdown table and exit"
    )
    arguments.add_argument("--version", action="version", version=f"gkparse {__version__}")
    options = arguments.parse_args(argv)
    if options.rules:
        print(rules_markdown(), end="")
        return 0

    names = options.files or [None]
    failed = unreadable = False
    reports = []
    try:
        for name in names:
            try:
                text = _read(name)
            except OSError as error:
                print(f"gkparse: {error}", file=sys.stderr)
                unreadable = True
                continue
            report = parse(text)
            reports.append(report)
            findings = validate(report)
            failed = failed or any(f.severity == "error" for f in findings)
            shown = name or f"{SAMPLE} (bundled sample)"
            if options.format == "json":
                print(json.dumps({"file": shown, "report": to_dict(report)}, ensure_ascii=False))
            else:
                print(summary(report, shown, findings))
        if options.series:
            findings = validate_series(reports)
            failed = failed or any(f.severity == "error" for f in findings)
            print(_series_output(findings, options.format))
    except BrokenPipeError:  # the reader went away (``gkparse … | head``): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if unreadable:
        return 2
    return 1 if options.strict and failed else 0


def _read(name: str | None) -> str:
    """A report's text: a file, standard input ("-"), or the bundled sample (None)."""
    if name is None:
        return sample_text()
    return read_text(sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes())


def _series_output(findings: Sequence[Finding], output: str) -> str:
    if output == "json":
        return json.dumps({"series": converter.unstructure(list(findings))}, ensure_ascii=False)
    lines = [f"== series: {len(findings)} finding(s)"]
    lines.extend(f"  {f.severity:<7} {f.code}: {f.message}" for f in findings)
    return "\n".join(lines)
