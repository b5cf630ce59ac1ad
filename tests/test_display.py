"""Notebook display: HTML structure, escaping, highlighted cells; short reprs."""

from __future__ import annotations

from html.parser import HTMLParser

import gkparse
from gkparse.report.model import Cell, Finding, Report, Table
from tests.helpers import seed_text


class _Cells(HTMLParser):
    """Every element with its attributes, and the text of each data cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: dict[str, dict[str, str | None]] = {}
        self.texts: dict[str, str] = {}
        self._current: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        key = attributes.get("data-key")
        if tag == "td" and key is not None:
            self.cells[key] = attributes
            self._current = key
            self.texts[key] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._current = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._current is not None:
            self.texts[self._current] += data


def _parsed(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    parser.close()
    return parser


def _classes(attributes: dict[str, str | None]) -> set[str]:
    return set((attributes.get("class") or "").split())


def test_report_html_lays_out_every_cell_once() -> None:
    report = gkparse.parse(seed_text("000"))
    page = _parsed(report._repr_html_())
    assert set(page.cells) == set(report.facts())
    assert [a.get("data-table") for tag, a in page.tags if tag == "table" and a.get("data-table")] == [
        "active_disclosure",
        "applications",
        "review_litigation",
    ]
    assert page.texts["active_disclosure.procurement.amount"] == "138.31"
    assert page.texts["applications.new.total"] == "0"
    text = "".join(page.text)
    labels = ["主动公开政府信息情况", "第二十条第（九）项", "政府集中采购", "采购总金额", "申请人情况"]
    labels += ["法人或其他组织", "（三）不予公开", "行政复议", "未经复议直接起诉", "咸丰路街道办事处"]
    for label in labels:
        assert label in text


def test_blank_is_distinct_from_zero_and_unknown_is_marked() -> None:
    blank = _parsed(gkparse.parse(seed_text("003"))._repr_html_())
    assert blank.cells["applications.new.commercial"]["data-state"] == "blank"
    assert "gk-blank" in _classes(blank.cells["applications.new.commercial"])
    assert blank.texts["applications.new.commercial"] == "·"
    assert blank.texts["applications.new.natural_person"] == "1"
    unknown = _parsed(gkparse.parse(seed_text("004"))._repr_html_())
    cell = unknown.cells["applications.granted.natural_person"]
    assert (cell["data-state"], unknown.texts["applications.granted.natural_person"]) == ("unknown", "?")
    assert "gk-unknown" in _classes(cell)


def test_cells_named_by_a_finding_are_highlighted_with_the_message() -> None:
    report = gkparse.parse(seed_text("004"))
    page = _parsed(report.to_html(gkparse.validate(report)))
    granted = page.cells["applications.granted.total"]  # ROW-VALUE-COUNT names the row
    assert "gk-flag-error" in _classes(granted)
    assert "error ROW-VALUE-COUNT: applications.granted: row" in (granted.get("title") or "")
    new = page.cells["applications.new.total"]
    assert not any(name.startswith("gk-flag") for name in _classes(new))
    flagged = {key for key, attributes in page.cells.items() if "gk-flag-error" in _classes(attributes)}
    assert flagged == {
        cell.key
        for table in report.tables
        for cell in table.cells
        if cell.key.rsplit(".", 1)[0] in {key for f in report.problems for key in f.keys}
    }
    rows = [a for tag, a in page.tags if tag == "tr" and a.get("data-code")]
    assert len(rows) == 54
    shown = gkparse.show(report)
    assert shown._repr_html_() == page_html(report)


def page_html(report: Report) -> str:
    return report.to_html(gkparse.validate(report))


def test_html_is_escaped() -> None:
    evil = "<script>alert('x')</script>&"
    cell = Cell("applications.new.total", None, evil, "invalid")
    table = Table("applications", (cell,))
    finding = Finding("CELL-NOT-NUMBER", "warning", evil, ("applications.new.total",))
    report = Report(evil, evil, 2020, None, None, evil, (), (table,), (finding,))
    for html in (report._repr_html_(), table.to_html([finding]), finding._repr_html_(),
                 gkparse.Reports([report])._repr_html_()):
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;" in html
    page = _parsed(report._repr_html_())
    assert "CELL-NOT-NUMBER" in (page.cells["applications.new.total"].get("title") or "")


def test_findings_and_reports_show_as_html_tables() -> None:
    reports = gkparse.Reports(gkparse.parse(seed_text(n)) for n in ("000", "004"))
    page = _parsed(reports._repr_html_())
    assert sum(1 for tag, _ in page.tags if tag == "tr") == 3
    assert "南岗区保健路街道办事处" in "".join(page.text)
    assert len(reports.to_records()) == sum(len(r.facts()) for r in reports)
    findings = gkparse.Findings(gkparse.validate(reports[1]))
    rows = [a for tag, a in _parsed(findings._repr_html_()).tags if tag == "tr" and a.get("data-code")]
    assert [a["data-code"] for a in rows] == [f.code for f in findings]


class _Printer:
    def __init__(self) -> None:
        self.out = ""

    def text(self, obj: str) -> None:
        self.out += obj


def test_short_reprs() -> None:
    report = gkparse.parse(seed_text("004"))
    assert repr(report) == (
        "<Report '南岗区保健路街道办事处2020年政府信息公开年度报告' year=2020 edition='2019': "
        "198 cells (58 value, 140 unknown), 20 finding(s): 20 error>"
    )
    assert len(repr(gkparse.parse(seed_text("000")))) < 200
    assert repr(report.tables[1]) == "<Table 'applications': 161 cells (21 value, 140 unknown)>"
    printer = _Printer()
    report._repr_pretty_(printer, False)
    assert printer.out.splitlines() == [
        "Report 南岗区保健路街道办事处2020年政府信息公开年度报告",
        "  body 南岗区保健路街道办事处 · year 2020 · published 2021-01-28 · edition 2019",
        "  6 section(s), 3 table(s), 198 cells (58 value, 140 unknown)",
        "  20 finding(s): 20 error of parsing: ROW-VALUE-COUNT",
    ]


def test_finding_repr_shows_the_line() -> None:
    finding = gkparse.parse(seed_text("004")).problems[0]
    assert repr(finding).startswith("Finding(code='ROW-VALUE-COUNT', severity='error', message=")
    assert repr(finding).endswith("keys=('applications.granted',), expected='7', actual='6', line=47)")
    assert repr(Finding("X", "info", "m")) == "Finding(code='X', severity='info', message='m', line=None)"


def test_a_table_alone_shows_as_the_form_of_its_edition() -> None:
    from tests.helpers import fixture_text

    for report in (gkparse.parse(seed_text("000")), gkparse.parse(fixture_text("report2021_tab.txt"))):
        for table in report.tables:
            page = _parsed(table._repr_html_())
            assert set(page.cells) == {cell.key for cell in table.cells}
            blocks = [a for tag, a in page.tags if tag == "tr" and a.get("class") == "gk-block"]
            if table.key == "active_disclosure":  # laid out block by block, not as plain rows
                assert len(blocks) == (5 if report.edition == "2019" else 4)
