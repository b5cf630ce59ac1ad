"""How reports, tables and findings show in a notebook and a terminal.

HTML (``_repr_html_``) lays each table out like the official form, with its
Chinese labels: table 2 block by block, table 3 with its applicant columns
and result groups, table 4 as one row under its two-level header. A cell
shows its value; a cell without one shows why (``·`` blank, ``?`` could not
be placed, ``!`` not a number, ``-`` not in the text), so a blank never
looks like ``0``. Cells that a finding names are outlined in the finding's
severity colour, with the messages on hover. Every text is escaped.

The plain text forms (``__repr__``, ``_repr_pretty_``) are short: title,
year, edition, counts and findings.

This module reads the model through :mod:`gkparse.report.protocols` (the
model calls it, so it cannot import the model).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from gkparse.report import definitions as d
from gkparse.report.protocols import CellLike, FindingLike, ReportLike, TableLike
from gkparse.report.records import labels
from gkparse.vocabulary import (
    ARITHMETIC,
    BLANK,
    CELL_STATES,
    INVALID,
    MISSING,
    SEVERITIES,
    UNKNOWN,
    Edition,
    split_key,
)

__all__ = [
    "STYLE",
    "cell_counts",
    "finding_repr",
    "findings_html",
    "report_html",
    "report_repr",
    "report_text",
    "reports_html",
    "table_html",
    "table_repr",
]

#: How a cell without a value shows, by state.
NO_VALUE = {BLANK: "·", UNKNOWN: "?", INVALID: "!", MISSING: "-"}
_STATE_WORDS = {
    "value": "a value",
    BLANK: "blank: nothing entered",
    UNKNOWN: "unknown: the row's values could not be placed in its columns",
    INVALID: "invalid: not a number of this column",
    MISSING: "missing: the row or table is not in the text",
}

#: The style sheet, scoped to ``.gkparse``.
STYLE = """<style>
.gkparse { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif;
  font-size: 13px; color: #222; }
.gkparse table { border-collapse: collapse; margin: 4px 0 12px 0; }
.gkparse caption { text-align: left; font-weight: bold; padding: 4px 0; }
.gkparse th, .gkparse td { border: 1px solid #bbb; padding: 2px 6px; }
.gkparse th { background: #f3f3f3; font-weight: normal; text-align: left; }
.gkparse td { text-align: right; font-variant-numeric: tabular-nums; min-width: 2.5em; }
.gkparse td.gk-blank { color: #999; background: repeating-linear-gradient(45deg, #fff, #fff 3px, #f2f2f2 3px,
  #f2f2f2 6px); text-align: center; }
.gkparse td.gk-unknown { background: #fff3c4; text-align: center; font-weight: bold; }
.gkparse td.gk-invalid { background: #ffd9d9; text-align: center; font-weight: bold; }
.gkparse td.gk-missing { color: #bbb; background: #fafafa; text-align: center; }
.gkparse .gk-flag-error { outline: 2px solid #d62728; outline-offset: -2px; }
.gkparse .gk-flag-warning { outline: 2px solid #ff7f0e; outline-offset: -2px; }
.gkparse .gk-flag-info { outline: 1px dashed #1f77b4; outline-offset: -2px; }
.gkparse .gk-group th { font-weight: bold; }
.gkparse dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 4px 0; }
.gkparse dt { color: #666; }
.gkparse dd { margin: 0; }
.gkparse .gk-sev-error { color: #d62728; font-weight: bold; }
.gkparse .gk-sev-warning { color: #c25e00; }
.gkparse .gk-sev-info { color: #1f77b4; }
.gkparse .gk-legend { color: #666; font-size: 12px; }
.gkparse td.gk-arithmetic { font-style: italic; }
.gkparse table.gk-findings td, .gkparse table.gk-reports td { text-align: left; }
.gkparse table.gk-findings td:nth-child(2) { white-space: nowrap; }
</style>"""

_LEGEND = (
    '<p class="gk-legend">· blank &nbsp; ? could not be placed &nbsp; ! not a number &nbsp; '
    "- not in the text &nbsp; <i>italic</i>: placed by arithmetic &nbsp; "
    "outlined: named by a finding (hover for the message)</p>"
)


def _e(text: object) -> str:
    import html  # not at import: its table of entities costs a fresh process a millisecond

    return html.escape(str(text), quote=True)


def _worst(findings: Sequence[FindingLike]) -> str:
    return max((f.severity for f in findings), key=SEVERITIES.index)


class _Flags:
    """Which findings name which cell, row or table."""

    def __init__(self, findings: Iterable[FindingLike]) -> None:
        self.by_key: dict[str, list[FindingLike]] = {}
        for finding in findings:
            for key in finding.keys:
                self.by_key.setdefault(key, []).append(finding)

    def of_cell(self, key: str) -> list[FindingLike]:
        table, row, _column = split_key(key)
        return [
            *self.by_key.get(key, ()),
            *self.by_key.get(f"{table}.{row}", ()),
        ]

    def of_table(self, key: str) -> list[FindingLike]:
        return list(self.by_key.get(key, ()))


def _flag_attributes(findings: Sequence[FindingLike], classes: list[str], title: list[str]) -> None:
    if findings:
        classes.append(f"gk-flag-{_worst(findings)}")
        title.extend(f"{f.severity} {f.code}: {f.message}" for f in findings)


def _shown(cell: CellLike) -> str:
    return NO_VALUE.get(cell.state, "") if cell.value is None else str(cell.value)


def _td(cell: CellLike | None, flags: _Flags) -> str:
    if cell is None:
        return "<td></td>"
    classes = [f"gk-{cell.state}"]
    title = [_STATE_WORDS[cell.state]]
    if cell.raw.strip():
        title.append(f"raw: {cell.raw.strip()}")
    if cell.unit is not None:
        title.append(f"unit: {cell.unit}")
    if cell.span is not None:
        title.append(f"line {cell.span.line}")
    if cell.placed_by == ARITHMETIC:
        classes.append("gk-arithmetic")
        rules = ", ".join(cell.certified_by) or "the only cut of its digits"
        title.append(f"placed by arithmetic: {rules}")
    _flag_attributes(flags.of_cell(cell.key), classes, title)
    return (
        f'<td class="{" ".join(classes)}" data-key="{_e(cell.key)}" data-state="{cell.state}"'
        f' title="{_e(chr(10).join(title))}">{_e(_shown(cell))}</td>'
    )


def _caption(table: TableLike, flags: _Flags) -> str:
    classes: list[str] = []
    title: list[str] = []
    _flag_attributes(flags.of_table(table.key), classes, title)
    attributes = f' class="{" ".join(classes)}" title="{_e(chr(10).join(title))}"' if classes else ""
    return f"<caption{attributes}>{_e(d.TABLE_TITLES.get(table.key, table.key))}</caption>"


def _row(label: str, cells: Sequence[CellLike | None], flags: _Flags) -> str:
    return f"<tr><th>{_e(label)}</th>" + "".join(_td(cell, flags) for cell in cells) + "</tr>"


def _active_disclosure(by_key: Mapping[str, CellLike], edition: Edition, flags: _Flags) -> list[str]:
    rows = []
    for block in d.ACTIVE_DISCLOSURE_BLOCKS[edition]:
        heading = f"第二十条第（{block.item}）项"
        rows.append(
            f'<tr class="gk-block"><th>{_e(heading)}</th>'
            + "".join(f"<th>{_e(column.label)}</th>" for column in block.columns)
            + "</tr>"
        )
        for row in block.rows:
            cells = [by_key.get(f"{d.ACTIVE_DISCLOSURE}.{row.key}.{c.key}") for c in block.columns]
            rows.append(_row(row.label, cells, flags))
    return rows


#: Table 3's result groups, by the first row under each.
_GROUP_STARTS = {
    "granted": "results",
    "denied_state_secret": "denied",
    "unable_not_held": "unable",
    "refused_complaint": "refused",
    "other_overdue_correction": "other",
}


def _applications(by_key: Mapping[str, CellLike], flags: _Flags) -> list[str]:
    variant: Edition = "2021" if any(".other_overdue_correction." in key for key in by_key) else "2019"
    groups = {group.key: group.label for group in d.APPLICATION_GROUPS}
    columns = d.APPLICATION_COLUMNS
    organisations = columns[1:-1]
    rows = [
        f'<tr><th rowspan="3"></th><th colspan="{len(columns)}">申请人情况</th></tr>',
        f'<tr><th rowspan="2">{_e(columns[0].label)}</th>'
        f'<th colspan="{len(organisations)}">法人或其他组织</th>'
        f'<th rowspan="2">{_e(columns[-1].label)}</th></tr>',
        "<tr>" + "".join(f"<th>{_e(column.label)}</th>" for column in organisations) + "</tr>",
    ]
    for row in d.APPLICATION_ROWS[variant]:
        if row.key in _GROUP_STARTS:
            group = groups[_GROUP_STARTS[row.key]]
            rows.append(f'<tr class="gk-group"><th colspan="{len(columns) + 1}">{_e(group)}</th></tr>')
        cells = [by_key.get(f"{d.APPLICATIONS}.{row.key}.{column.key}") for column in columns]
        rows.append(_row(row.label, cells, flags))
    return rows


def _review(by_key: Mapping[str, CellLike], flags: _Flags) -> list[str]:
    review, suit, direct, after = d.REVIEW_HEADERS[:4]
    width = len(d.REVIEW_COLUMNS)
    cells = [
        by_key.get(f"{d.REVIEW_LITIGATION}.{group.key}.{column.key}")
        for group in d.REVIEW_GROUPS
        for column in d.REVIEW_COLUMNS
    ]
    return [
        f'<tr><th colspan="{width}" rowspan="2">{_e(review)}</th>'
        f'<th colspan="{2 * width}">{_e(suit)}</th></tr>',
        f'<tr><th colspan="{width}">{_e(direct)}</th><th colspan="{width}">{_e(after)}</th></tr>',
        "<tr>" + "".join(f"<th>{_e(column.label)}</th>" for column in d.REVIEW_COLUMNS) * 3 + "</tr>",
        "<tr>" + "".join(_td(cell, flags) for cell in cells) + "</tr>",
    ]


def _generic(table: TableLike, edition: Edition | None, flags: _Flags) -> list[str]:
    """Any table, one row a row key (for cells the form's layouts do not place)."""
    rows: dict[str, list[CellLike]] = {}
    for cell in table.cells:
        rows.setdefault(split_key(cell.key)[1], []).append(cell)
    lines = []
    for row, cells in rows.items():
        label = labels(cells[0].key, edition)[0] or row
        header = "".join(f"<th>{_e(labels(c.key, edition)[1] or split_key(c.key)[2])}</th>" for c in cells)
        lines.append(f'<tr class="gk-block"><th></th>{header}</tr>')
        lines.append(_row(label, cells, flags))
    return lines


def _table_body(table: TableLike, edition: Edition | None, flags: _Flags) -> str:
    by_key = {cell.key: cell for cell in table.cells}
    if table.key == d.ACTIVE_DISCLOSURE:
        # Table 2's rows and columns depend on the edition: the report's, else the one its keys fit.
        editions = [edition] if edition is not None else list(d.EDITIONS)
        fits = [e for e in editions if set(by_key) == set(d.active_disclosure_keys(e))]
        rows = _active_disclosure(by_key, fits[0], flags) if fits else []
    elif table.key == d.APPLICATIONS:
        rows = _applications(by_key, flags)
    elif table.key == d.REVIEW_LITIGATION:
        rows = _review(by_key, flags)
    else:
        rows = []
    placed = sum(row.count("data-key=") for row in rows)
    if placed != len(table.cells):  # the form's layout does not hold these keys: show them all plainly
        rows = _generic(table, edition, flags)
    return "\n".join(rows)


def table_html(
    table: TableLike,
    edition: Edition | None = None,
    findings: Iterable[FindingLike] = (),
    *,
    style: bool = True,
) -> str:
    """One table laid out like the official form, as an HTML fragment."""
    flags = _Flags(findings)
    body = f'<table class="gk-table" data-table="{_e(table.key)}">{_caption(table, flags)}\n'
    body += _table_body(table, edition, flags) + "\n</table>"
    return (STYLE + f'<div class="gkparse">{body}</div>') if style else body


def cell_counts(tables: Iterable[TableLike]) -> Counter[str]:
    """How many cells of each state the tables hold."""
    return Counter(cell.state for table in tables for cell in table.cells)


def _counts_text(counts: Counter[str]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{counts[state]} {state}" for state in CELL_STATES if counts[state])
    return f"{total} cells" + (f" ({parts})" if parts else "")


def _findings_text(findings: Sequence[FindingLike]) -> str:
    if not findings:
        return "no findings"
    by_severity = Counter(f.severity for f in findings)
    parts = ", ".join(f"{by_severity[s]} {s}" for s in reversed(SEVERITIES) if by_severity[s])
    return f"{len(findings)} finding(s): {parts}"


def findings_html(findings: Sequence[FindingLike], *, style: bool = True) -> str:
    """Findings as an HTML table: severity, code, outcome, line, keys, message."""
    rows = [
        "<tr><th>severity</th><th>code</th><th>outcome</th><th>line</th><th>keys</th><th>message</th></tr>"
    ]
    for f in findings:
        line = f.span.line if f.span is not None else ""
        rows.append(
            f'<tr class="gk-finding" data-code="{_e(f.code)}">'
            f'<td class="gk-sev-{f.severity}">{_e(f.severity)}</td><td>{_e(f.code)}</td>'
            f"<td>{_e(f.outcome or '')}</td><td>{line}</td><td>{_e(', '.join(f.keys))}</td>"
            f"<td>{_e(f.message)}</td></tr>"
        )
    body = f'<table class="gk-findings"><caption>{_e(_findings_text(findings))}</caption>' + "".join(rows)
    body += "</table>"
    return (STYLE + f'<div class="gkparse">{body}</div>') if style else body


def report_html(report: ReportLike, findings: Sequence[FindingLike] | None = None) -> str:
    """A report as HTML: its metadata, its tables like the official form, its findings.

    ``findings`` default to the report's own (``report.problems``); pass
    ``gkparse.validate(report)`` to see the rules' findings too.
    """
    shown = list(report.problems if findings is None else findings)
    metadata = [
        ("title", report.title or "-"),
        ("body", report.body or "-"),
        ("year", report.year or "-"),
        ("published", report.published or "-"),
        ("edition", report.edition or "none"),
        ("sections", ", ".join(section.heading for section in report.sections) or "-"),
        ("cells", _counts_text(cell_counts(report.tables))),
    ]
    parts = [
        '<dl class="gk-metadata">'
        + "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in metadata)
        + "</dl>"
    ]
    parts += [table_html(table, report.edition, shown, style=False) for table in report.tables]
    parts.append(_LEGEND)
    parts.append(findings_html(shown, style=False))
    return STYLE + '<div class="gkparse gk-report">' + "\n".join(parts) + "</div>"


def reports_html(reports: Sequence[ReportLike]) -> str:
    """Many reports as one HTML table, one row each."""
    rows = [
        "<tr><th>#</th><th>title</th><th>body</th><th>year</th><th>edition</th>"
        "<th>cells</th><th>problems</th></tr>"
    ]
    for number, report in enumerate(reports):
        rows.append(
            f"<tr><td>{number}</td><th>{_e(report.title or '-')}</th><td>{_e(report.body or '-')}</td>"
            f"<td>{_e(report.year or '-')}</td><td>{_e(report.edition or 'none')}</td>"
            f"<td>{_e(_counts_text(cell_counts(report.tables)))}</td>"
            f"<td>{_e(_findings_text(report.problems))}</td></tr>"
        )
    caption = f"<caption>{len(reports)} report(s)</caption>"
    body = f'<table class="gk-reports">{caption}' + "".join(rows) + "</table>"
    return STYLE + f'<div class="gkparse">{body}</div>'


def report_repr(report: ReportLike) -> str:
    """A report on one line: title, year, edition, cell counts, problems."""
    return (
        f"<Report {report.title!r} year={report.year!r} edition={report.edition!r}: "
        f"{_counts_text(cell_counts(report.tables))}, {_findings_text(report.problems)}>"
    )


def report_text(report: ReportLike) -> str:
    """A report in a few lines, for IPython's pretty printer."""
    problems = report.problems
    lines = [
        f"Report {report.title or '(untitled)'}",
        f"  body {report.body or '-'} · year {report.year or '-'} · published {report.published or '-'}"
        f" · edition {report.edition or 'none'}",
        f"  {len(report.sections)} section(s), {len(report.tables)} table(s), "
        + _counts_text(cell_counts(report.tables)),
        f"  {_findings_text(problems)} of parsing"
        + (": " + ", ".join(sorted({f.code for f in problems})) if problems else ""),
    ]
    return "\n".join(lines)


def table_repr(table: TableLike) -> str:
    """A table on one line: its key and cell counts."""
    return f"<Table {table.key!r}: {_counts_text(cell_counts([table]))}>"


def finding_repr(finding: FindingLike) -> str:
    """A finding as attrs would show it, with its line."""
    parts = [f"code={finding.code!r}", f"severity={finding.severity!r}", f"message={finding.message!r}"]
    if finding.keys:
        parts.append(f"keys={finding.keys!r}")
    for name in ("expected", "actual", "outcome"):
        if getattr(finding, name) is not None:
            parts.append(f"{name}={getattr(finding, name)!r}")
    if finding.years:
        parts.append(f"years={finding.years!r}")
    parts.append(f"line={finding.span.line if finding.span is not None else None!r}")
    return f"Finding({', '.join(parts)})"
