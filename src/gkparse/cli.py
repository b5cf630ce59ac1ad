"""The command line: ``gkparse [FILE ...] [--format summary|json|jsonl|csv] [--min-severity LEVEL]
[--strict] [--series] [--full]``.

The only module of gkparse that reads files or streams. Without FILE it
reads the sample report bundled with the package. Files are read and shown
one at a time; one that cannot be read (missing, a folder, bytes that are
no known text encoding) is reported on standard error, naming the file, and
the others still run. A file that is not a report (empty, binary, or text
with no outline, no tables and none of a report's words) gets an error
finding, NOT-A-REPORT.

Exit status: 0 done (with ``--strict``: and no error finding), 1 with
``--strict`` when a report (or, with ``--series``, the series) has an error
finding, 2 for a usage error or a file that could not be read.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import importlib.resources
import json
import os
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from gkparse import __version__
from gkparse.report.model import Cell, Finding, Report, Table
from gkparse.report.parse import parse
from gkparse.report.records import FACT_FIELDS
from gkparse.report.schema import json_schema
from gkparse.report.serialise import converter, to_dict
from gkparse.rules import rules_markdown, validate, validate_series
from gkparse.vocabulary import BLANK, INVALID, MISSING, NOT_ASSESSABLE, SEVERITIES, UNKNOWN, Severity

SAMPLE = "sample_report.txt"
FORMATS = ("summary", "json", "jsonl", "csv")
#: More files than this, and stderr a terminal: a progress bar.
PROGRESS_AFTER = 3
#: Words every report has; a text with none of them, no outline and no table is not a report.
REPORT_WORDS = ("信息公开", "年度报告")

# How a cell without a value shows in the summary.
_NO_VALUE = {BLANK: "·", UNKNOWN: "?", INVALID: "!", MISSING: "-"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """Bytes that are not text in any encoding gkparse reads; the message says why."""


def read_text(data: bytes) -> str:
    """Decode a report file.

    A byte order mark says the encoding (UTF-8, UTF-16 or UTF-32, as Word's
    "Unicode text" writes); without one, UTF-8, else GB18030. Raises
    :class:`NotText` for bytes that are neither: text that is UTF-8 but for
    a few damaged bytes is an error too, never read as GB18030 mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                reason = f"not valid {encoding.upper()} after its byte order mark (byte {error.start})"
                raise NotText(reason) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first = error.start
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for character in decoded if ord(character) > 127) - bad
    if good > 4 * bad:
        raise NotText(f"invalid UTF-8: {bad} damaged byte sequence(s), the first at byte {first}")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        reason = f"neither UTF-8 nor GB18030 text (byte {error.start} is 0x{data[error.start]:02x})"
        raise NotText(reason) from None


def is_binary(data: bytes) -> bool:
    """NUL bytes and no byte order mark: binary data (or UTF-16 written without a BOM)."""
    return b"\x00" in data and not any(data.startswith(bom) for bom, _ in _BOMS)


def sample_text() -> str:
    """The sample report bundled with the package."""
    return (importlib.resources.files("gkparse") / "samples" / SAMPLE).read_text(encoding="utf-8")


def not_a_report(text: str, report: Report) -> Finding | None:
    """NOT-A-REPORT when the text is empty, or has no outline, no tables and no report words."""
    if not text.strip():
        return Finding("NOT-A-REPORT", "error", "the input is empty: not a report")
    if report.sections or report.tables or any(word in text for word in REPORT_WORDS):
        return None
    return Finding(
        "NOT-A-REPORT",
        "error",
        "no section headings, no tables and none of a report's words (" + "、".join(REPORT_WORDS) + "): "
        "not a report",
    )


_BINARY = Finding(
    "NOT-A-REPORT",
    "error",
    "binary data (NUL bytes): not a report's text; UTF-16 saved without a byte order mark looks like"
    " this too: save it as UTF-8",
)


# ------------------------------------------------------------------ summary


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


def _at_least(findings: Sequence[Finding], level: Severity | None) -> list[Finding]:
    """Findings of ``level`` or worse; with no level, all but the "not assessable" ones."""
    if level is None:
        return [f for f in findings if f.outcome != NOT_ASSESSABLE]
    return [f for f in findings if SEVERITIES.index(f.severity) >= SEVERITIES.index(level)]


def _finding_lines(findings: Sequence[Finding], level: Severity | None) -> list[str]:
    shown = _at_least(findings, level)
    lines = [f"  {f.severity:<7} {f.code}: {f.message}" for f in shown]
    hidden = len(findings) - len(shown)
    if hidden and level is None:
        lines.append(
            f"  … and {hidden} not assessable (a rule's cells are blank; --min-severity info lists them)"
        )
    elif hidden:
        lines.append(f"  … and {hidden} below {level} (--min-severity info lists them)")
    return lines


def summary(report: Report, name: str, findings: Sequence[Finding], level: Severity | None = None) -> str:
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
    lines.extend(_finding_lines(findings, level))
    if report.tables:
        lines.append("(· blank, ? could not be placed, ! not a number, - not in the text)")
    return "\n".join(lines)


# ------------------------------------------------------------------ writers


def _json_value(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


class _Output:
    """Writes each report in the chosen format; keeps the progress bar out of the way."""

    def __init__(self, options: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.format: str = options.format
        self.level: Severity | None = options.min_severity
        self.full: bool = options.full
        self.out, self.err = out, err
        self.progress: _Progress | None = None
        self.csv = csv.writer(out, lineterminator="\n") if self.format == "csv" else None
        if self.csv is not None:
            self.csv.writerow(("file", *FACT_FIELDS))

    def write(self, text: str) -> None:
        if self.progress is not None:
            self.progress.clear()
        print(text, file=self.out, flush=self.progress is not None)

    def warn(self, text: str) -> None:
        if self.progress is not None:
            self.progress.clear()
        print(f"gkparse: {text}", file=self.err)

    def report(self, name: str, report: Report, findings: Sequence[Finding]) -> None:
        if self.format == "summary":
            self.write(summary(report, name, findings, self.level))
            return
        if self.format == "json":
            shown = findings if self.level is None else _at_least(findings, self.level)
            line = {
                "file": name,
                "report": to_dict(report, full=self.full),
                "findings": converter.unstructure(list(shown)),
            }
            self.write(json.dumps(line, ensure_ascii=False))
            return
        for finding in _at_least(findings, self.level or "error"):  # records carry no findings: say them here
            self.warn(f"{name}: {finding.severity} {finding.code}: {finding.message}")
        rows = report.to_records()
        if self.csv is not None:
            if self.progress is not None:
                self.progress.clear()
            for row in rows:
                values: Mapping[str, object] = row
                self.csv.writerow((name, *("" if values[f] is None else values[f] for f in FACT_FIELDS)))
        else:
            lines = [
                json.dumps({"file": name, **{k: _json_value(v) for k, v in row.items()}}, ensure_ascii=False)
                for row in rows
            ]
            if lines:
                self.write("\n".join(lines))

    def series(self, reports: Sequence[Report], findings: Sequence[Finding]) -> None:
        compared = _pairs_compared(reports)
        if self.format == "json":
            line = {"series": converter.unstructure(list(findings)), "compared": compared}
            self.write(json.dumps(line, ensure_ascii=False))
            return
        if compared:
            lines = [
                f"== series: {len(findings)} finding(s), {compared} pair(s) of consecutive years compared"
            ]
        else:
            bodies = len({r.body for r in reports if r.body is not None and r.year is not None})
            lines = [
                f"== series: nothing to compare: no body has reports for two consecutive years"
                f" ({len(reports)} report(s), {bodies} bod{'y' if bodies == 1 else 'ies'})"
            ]
        lines.extend(_finding_lines(findings, self.level or "info"))
        text = "\n".join(lines)
        if self.format == "summary":
            self.write(text)
        else:  # csv and jsonl hold facts only
            self.warn(text)


def _pairs_compared(reports: Sequence[Report]) -> int:
    """How many pairs of consecutive years of one body the series rules compare."""
    years: dict[str, set[int]] = {}
    for report in reports:
        if report.body is not None and report.year is not None:
            years.setdefault(report.body, set()).add(report.year)
    return sum(1 for found in years.values() for year in found if year + 1 in found)


class _Progress:
    """A one-line progress bar on a terminal."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream

    def show(self, done: int, name: str) -> None:
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {done}/{self.total} {name[-50:]}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


# ------------------------------------------------------------------ main


def _arguments() -> argparse.ArgumentParser:
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
    arguments.add_argument(
        "--format",
        choices=FORMATS,
        default="summary",
        help="summary (for people), json (one line per file: report and findings), "
        "jsonl (one line per fact), csv (one row per fact)",
    )
    arguments.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default=None,
        help="show findings of this severity or worse (default: all but 'not assessable' in the summary,"
        " all in json, errors on stderr with csv and jsonl)",
    )
    arguments.add_argument(
        "--strict", action="store_true", help="exit 1 when any report has an error finding"
    )
    arguments.add_argument(
        "--series", action="store_true", help="also check the reports as years of one body (YEAR-CHAIN …)"
    )
    arguments.add_argument("--full", action="store_true", help="json: the lossless form, grids included")
    arguments.add_argument(
        "--rules", action="store_true", help="print the rules as a Markdown table and exit"
    )
    arguments.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of a report document and exit"
    )
    arguments.add_argument("--version", action="version", version=f"gkparse {__version__}")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    options = _arguments().parse_args(argv)
    if options.rules:
        print(rules_markdown(), end="")
        return 0
    if options.schema:
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        return 0
    try:
        return _run(options)
    except BrokenPipeError:  # the reader went away (``gkparse … | head``): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def _run(options: argparse.Namespace) -> int:
    names: list[str | None] = options.files or [None]
    output = _Output(options, sys.stdout, sys.stderr)
    if len(names) > PROGRESS_AFTER and sys.stderr.isatty():
        output.progress = _Progress(len(names), sys.stderr)
    failed = unreadable = False
    reports = []
    for done, name in enumerate(names):
        shown = f"{SAMPLE} (bundled sample)" if name is None else name
        if output.progress is not None:
            output.progress.show(done, shown)
        try:
            text, finding = _read(name)
        except (OSError, NotText) as error:
            output.warn(f"{shown}: {_reason(error)}")
            unreadable = True
            continue
        report = parse(text)
        findings = validate(report)
        finding = finding or not_a_report(text, report)
        if finding is not None:  # what parsing found missing follows from it
            findings = (finding,)
        else:
            reports.append(report)
        failed = failed or any(f.severity == "error" for f in findings)
        output.report(shown, report, findings)
    if output.progress is not None:
        output.progress.clear()
    if options.series:
        findings = validate_series(reports)
        failed = failed or any(f.severity == "error" for f in findings)
        output.series(reports, findings)
    if unreadable:
        return 2
    return 1 if options.strict and failed else 0


def _reason(error: OSError | NotText) -> str:
    if isinstance(error, NotText):
        return f"cannot be read as text: {error}"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return error.strerror or str(error)


def _read(name: str | None) -> tuple[str, Finding | None]:
    """A report's text (a file, standard input "-", or the bundled sample for None), and
    NOT-A-REPORT for binary data."""
    if name is None:
        return sample_text(), None
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    if is_binary(data):
        return "", _BINARY
    return read_text(data), None

