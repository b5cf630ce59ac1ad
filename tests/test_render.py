"""``render``: a report written back to text in each layout reads back the same."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gkparse
from gkparse.report.model import BLANK, UNKNOWN, VALUE, Cell, Report, Section, Table
from gkparse.report.render import CLEAN, render, render_with
from gkparse.strategies import reports
from tests.helpers import REPOSITORY, fixture_text, seed_text

FUZZ = REPOSITORY / "tests" / "fixtures" / "fuzz"

SOURCES = {
    **{f"seed {number}": seed_text(number) for number in ("000", "001", "002", "003", "004")},
    **{
        name: fixture_text(name)
        for name in (
            "report2021_tab.txt",
            "report2021_cells.txt",
            "report2021_pipe.md",
            "seed002_cells.txt",
            "seed002_pipe.md",
        )
    },
}


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@given(report=reports())
def test_round_trip(layout: str, report: Report) -> None:
    """Every generated report, rendered in every layout, parses back to itself:
    facts, cells (raw text, state, unit), title, body, year, date, edition,
    preamble, sections and (no) problems. Written the way it calls for, so no
    fallback of ``render`` hides a writer's fault."""
    back = gkparse.parse(render_with(report, layout, CLEAN))
    assert back.facts() == report.facts()
    assert back == report


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@pytest.mark.parametrize("name", SOURCES)
def test_real_reports_read_back_the_same(name: str, layout: str) -> None:
    """A parsed seed or fixture, rendered in any layout, says the same again.

    Cells left unknown (seed 004's short rows) come back blank: no value
    either way.
    """
    report = gkparse.parse(SOURCES[name])
    back = gkparse.parse(render(report, layout))
    assert back.facts() == report.facts()
    assert (back.title, back.body, back.year, back.published, back.edition) == (
        report.title,
        report.body,
        report.year,
        report.published,
        report.edition,
    )
    assert back.preamble == report.preamble
    assert back.sections == report.sections


@pytest.mark.parametrize(
    ("name", "layout"), [("report2021_cells.txt", "cells"), ("report2021_pipe.md", "pipe")]
)
def test_tables_look_like_the_converters(name: str, layout: str) -> None:
    """The hand-made fixtures follow Tika and pandoc: rendered again, every
    table row comes out cell for cell as in the fixture."""
    text = fixture_text(name)
    rendered = gkparse.find_tables(render(gkparse.parse(text), layout))
    assert [[row.texts for row in grid.rows] for grid in rendered] == [
        [row.texts for row in grid.rows] for grid in gkparse.find_tables(text)
    ]


def test_tab_layout_looks_like_python_docx() -> None:
    text = render(gkparse.parse(fixture_text("report2021_pipe.md")), "tab")
    block = "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t2\t5\n"
    assert f"\n{block}" in text
    assert "\n行政许可\t1532\t\t\n" in text
    assert "\n\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n" in text
    assert "\n3\t1\t1\t2\t7\t2\t1\t0\t2\t5\t1\t0\t1\t1\t3\n" in text
    assert text.startswith("示例市示例区市场监督管理局2021年政府信息公开工作年度报告\n")
    assert "\n一、总体情况\n" in text
    assert text.endswith("\n示例市示例区市场监督管理局\n\n2022年1月20日\n")


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@pytest.mark.parametrize("key", ["active_disclosure", "applications", "review_litigation"])
def test_one_table(layout: str, key: str) -> None:
    report = gkparse.parse(fixture_text("report2021_tab.txt"))
    table = report.table(key)
    assert table is not None
    back = gkparse.parse(render(table, layout)).table(key)
    assert back is not None
    assert back.cells == table.cells


def _review_table(values: list[str]) -> Table:
    keys = [
        f"review_litigation.{group}.{column}"
        for group in ("review", "suit_direct", "suit_after_review")
        for column in ("upheld", "corrected", "other", "pending", "total")
    ]
    cells = []
    for key, raw in zip(keys, values, strict=True):
        if raw.strip():
            cells.append(Cell(key, int(raw), raw, VALUE))
        else:
            cells.append(Cell(key, None, raw, BLANK))
    return Table("review_litigation", tuple(cells))


def test_blanks_at_the_edge_of_a_padding_layout_get_a_placeholder() -> None:
    """In tab and pipe an empty cell at either end of a row is padding, so an
    empty blank there is written "—"; inside the row, and in cells, it stays empty."""
    table = _review_table(["", "", "1", "", "1", *["0"] * 9, ""])
    assert render(table, "tab").splitlines()[-1] == "—\t—\t1\t\t1\t" + "\t".join(["0"] * 9) + "\t—"
    assert render(table, "cells").splitlines()[-15:-13] == ["\t", "\t"]
    for layout in gkparse.LAYOUTS:
        back = gkparse.parse(render(table, layout)).table("review_litigation")
        assert back is not None
        assert [(c.value, c.state) for c in back.cells] == [(c.value, c.state) for c in table.cells]


def test_cells_without_a_faithful_raw_are_written_from_their_value() -> None:
    """A cell built by hand, its raw text not what the parser would read,
    is written from its value; unknown cells are written blank."""
    table = _review_table(["1", *["0"] * 14])
    cells = list(table.cells)
    cells[0] = Cell(cells[0].key, 7, "seven", VALUE)
    cells[1] = Cell(cells[1].key, None, "", UNKNOWN)
    back = gkparse.parse(render(Table(table.key, tuple(cells)), "tab")).table("review_litigation")
    assert back is not None
    assert [(c.value, c.state) for c in back.cells[:2]] == [(7, VALUE), (None, BLANK)]


def test_money_is_written_with_its_unit() -> None:
    report = gkparse.parse(seed_text("000"))
    amount = report.cell("active_disclosure.procurement.amount")
    assert (amount.value, amount.unit) == (Decimal("138.31"), "万元")
    for layout in gkparse.LAYOUTS:
        back = gkparse.parse(render(report, layout)).cell("active_disclosure.procurement.amount")
        assert (back.value, back.unit, back.raw.strip()) == (Decimal("138.31"), "万元", "138.31万元")


def test_title_is_written_when_the_preamble_lacks_it() -> None:
    report = Report(
        title="某某区2021年政府信息公开工作年度报告",
        body="某某区",
        year=2021,
        published=None,
        edition=None,
        preamble="",
        sections=(Section("overview", "一、总体情况", "正文。"),),
        tables=(),
    )
    back = gkparse.parse(render(report, "cells"))
    assert (back.title, back.body, back.year) == (report.title, report.body, report.year)
    assert back.preamble == report.title
    assert back.sections == report.sections


def test_unknown_layout_and_wrong_type() -> None:
    report = gkparse.parse(seed_text("002"))
    with pytest.raises(ValueError, match="unknown layout 'semicolon'"):
        render(report, "semicolon")
    with pytest.raises(TypeError, match="takes a Report or a Table"):
        render("text", "tab")  # type: ignore[arg-type]


# ------------------------------------------------------------ parser fixes
def test_pipe_table_with_crlf_line_ends() -> None:
    """Parser fix (grammars/pipe.lark): "\\r\\n" is prepared as " \\n", which left
    a space after the delimiter row's outer pipe, and the pipe grammar
    rejected every markdown table with outer pipes and Windows line ends."""
    grid = gkparse.parse_table("| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n", "pipe")
    assert [row.texts for row in grid.rows] == [(" a ", " b "), (" 1 ", " 2 ")]
    text = fixture_text("report2021_pipe.md")
    plain, windows = gkparse.parse(text), gkparse.parse(text.replace("\n", "\r\n"))
    assert windows.facts() == plain.facts()
    assert gkparse.validate(windows) == gkparse.validate(plain)


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@given(data=st.data())
def test_reports_of_cut_and_shuffled_seeds_read_back_the_same(layout: str, data: st.DataObject) -> None:
    """Any report parse gives, even of real lines cut and shuffled, renders to
    text with the same facts, as long as its prose holds no tab or pipe (text
    that looks like a table row but could not be placed in one: written as
    prose, it may be read as a table once it stands elsewhere)."""
    source = data.draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[source].splitlines(keepends=True)
    report = gkparse.parse("".join(data.draw(st.lists(st.sampled_from(lines), max_size=len(lines)))))
    prose = report.preamble + "".join(section.text for section in report.sections)
    assume("\t" not in prose and "|" not in prose)
    if layout == "lines":
        # One cell a line without tabs: a table with no value and no empty cell
        # (a header on its own) is lines of text like any other.
        shown = [any(c.state != "missing" for c in table.cells) or not table.grids for table in report.tables]
        assume(all(shown))
    assert gkparse.parse(render(report, layout)).facts() == report.facts()


def _read_in_part() -> Report:
    """report2021_tab.txt with its row 二、上年结转… replaced by a row no label
    matches (LABEL-UNKNOWN): a report parsing read only in part."""
    text = fixture_text("report2021_tab.txt")
    start = text.index("二、上年结转")
    row = text[start : text.index("\n", start) + 1]
    return gkparse.parse(
        text.replace(row, "其中：网上申请\t其中：网上申请\t其中：网上申请\t1\t0\t0\t0\t0\t0\t1\n")
    )


def test_a_report_read_in_part_is_written_whole() -> None:
    """Every cell is written, the missing ones as blanks, and each table
    before its section's prose: the prose may hold what parsing could not
    place, and a second reading must not place it."""
    report = _read_in_part()
    assert report.cell("applications.carried_over.total").state == "missing"
    lines = render(report, "tab").splitlines()
    (row,) = [line for line in lines if line.startswith("二、上年结转")]
    assert row.split("\t")[-7:] == ["—"] * 7
    heading = lines.index("三、收到和处理政府信息公开申请情况")
    section = report.section("applications")
    assert section is not None
    prose = lines.index(section.text.splitlines()[0])
    table = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系为"))
    assert heading < table < prose
    for layout in gkparse.LAYOUTS:
        back = gkparse.parse(render(report, layout))
        assert back.facts() == report.facts(), layout
        assert back.cell("applications.carried_over.total").state == "blank", layout


def test_a_report_read_whole_keeps_its_missing_rows_out() -> None:
    """A row that is not in the text, and nothing else amiss: the rendering
    leaves it out, and it reads back missing."""
    text = fixture_text("report2021_tab.txt")
    start = text.index("二、上年结转")
    report = gkparse.parse(text.replace(text[start : text.index("\n", start) + 1], ""))
    assert {finding.code for finding in report.problems} == {"ROW-MISSING"}
    written = render(report, "tab")
    assert "二、上年结转" not in written
    assert gkparse.parse(written) == report


def test_render_falls_back_to_a_text_that_reads_back_right() -> None:
    """Written as read, this damaged text's prose ("行政事业性收费", "9116.36",
    left in the prose by a broken header) joins the table written one cell a
    line after it, and a value appears that was never read; render checks its
    text and writes the report whole instead."""
    report = gkparse.parse((FUZZ / "lines-prose-tail-before-a-table.txt").read_text(encoding="utf-8"))
    fee = "active_disclosure.fees.amount"
    assert report.facts()[fee] is None
    first = gkparse.parse(render_with(report, "lines", CLEAN))
    assert first.facts()[fee] == Decimal("9116.36")
    assert gkparse.parse(render(report, "lines")).facts() == report.facts()
