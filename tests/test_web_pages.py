"""The text of report web pages (issue 15): pipe rows without a frame, one cell
per line with pipes or blank lines, a page-flip e-book page, text cut anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse import Report
from gkparse.strategies import reports
from tests.converters import make
from tests.converters.score import expected, load_truth, same


def row_prefix(key: str) -> str:
    return key.rsplit(".", 1)[0]


CORPUS = Path(__file__).parent / "fixtures" / "corpus"
WEB_CASES = sorted(path.name for path in CORPUS.glob("web_*"))
FORMS = (make.web_pipes, make.web_cell_pipe, make.web_bar_lines, make.web_blank_lines)


@pytest.mark.parametrize("case", WEB_CASES)
def test_corpus_web_pages_read_exactly(case: str) -> None:
    truth = load_truth(CORPUS / case)
    report = gkparse.parse((CORPUS / case / "pages.txt").read_text(encoding="utf-8"))
    facts = report.facts()
    want = expected(truth)
    assert {key for key in want if not same(want[key], facts.get(key))} == set()
    assert report.year == truth["year"]


def test_pipe_rows_without_a_frame() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n"
        "行政许可 | 1517 | ||\n其他主动公开文件 | 9 | ||\n"
    )
    grid = gkparse.parse_table(text.split("\n", 1)[1])
    assert grid.layout == "pipe"
    assert grid.rows[2].texts == ("行政许可 ", " 1517 ", " ", "")
    report = gkparse.parse(text)
    assert report.facts()["active_disclosure.licensing.decisions"] == 1517
    assert any(p.code == "LABEL-UNKNOWN" and "其他主动公开文件" in p.message for p in report.problems)


def test_form_5_rows_with_a_leading_pipe_and_no_separator_row() -> None:
    text = (
        "二、主动公开政府信息情况\n| 第二十条第(一)项 | | | |\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 1 | 0 | 4 |\n"
        "| 行政规范性文件 | 6 | 2 | 30 |\n"
    )
    facts = gkparse.parse(text).facts()
    columns = ("issued", "repealed", "in_force")
    assert [facts[f"active_disclosure.regulations.{c}"] for c in columns] == [1, 0, 4]
    assert facts["active_disclosure.normative_documents.in_force"] == 30


def test_page_flip_row_needs_exactly_fifteen_values() -> None:
    head = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n"
        "未经复议直接起诉 复议后起诉\n结果 结果 其他 尚未 总\n"
    )
    good = gkparse.parse(head + " ".join(["1"] * 15) + "\n五、存在的主要问题\n")
    assert good.facts()["review_litigation.suit_after_review.total"] == 1
    bad = gkparse.parse(head + " ".join(["1"] * 16) + "\n五、存在的主要问题\n")
    assert bad.facts()["review_litigation.review.upheld"] is None
    assert "LINES-ROW-COUNT" in {p.code for p in bad.problems}


def test_a_row_cut_short_is_unknown() -> None:
    text = "二、主动公开政府信息情况\n第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 15"
    report = gkparse.parse(text)
    assert report.facts()["active_disclosure.licensing.decisions"] is None
    assert "TEXT-ENDS" in {p.code for p in report.problems}


def _row(key: str) -> str:
    """The row of the format a fact key stands in: table 4 is one row of fifteen."""
    return "review_litigation" if key.startswith("review_litigation.") else row_prefix(key)


def _rows_complete(full: Report, text: str, cut: int) -> set[str]:
    """Rows whose every value cell's line ends inside text[:cut]."""
    ends: dict[str, int] = {}
    for table in full.tables:
        for cell in table.cells:
            if cell.span is not None:
                prefix = _row(cell.key)
                ends[prefix] = max(ends.get(prefix, 0), cell.span.end)
    return {
        prefix for prefix, end in ends.items() if text.find("\n", end) != -1 and text.find("\n", end) < cut
    }


@pytest.mark.parametrize("form", FORMS, ids=[form.__name__ for form in FORMS])
@given(report=reports(), data=st.data())
def test_cut_anywhere(form: object, report: Report, data: st.DataObject) -> None:
    """Generated reports in forms 1-4, cut at a random point: no wrong value,
    and every row whose lines are all in the text read as in the whole text."""
    assert callable(form)
    text = form(make.document(report))
    full = gkparse.parse(text)
    cut = data.draw(st.integers(0, len(text)))
    part = gkparse.parse(text[:cut])
    whole, facts = full.facts(), part.facts()
    wrong = {key for key, value in facts.items() if value is not None and not same(whole.get(key), value)}
    assert wrong == set()
    complete = _rows_complete(full, text, cut)
    missed = {key for key in whole if _row(key) in complete and not same(whole[key], facts.get(key))}
    assert missed == set()
