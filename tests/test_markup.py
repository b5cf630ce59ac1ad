"""An HTML page's prose: lines of text at the same offsets, its tables untouched."""

from __future__ import annotations

import datetime
import re

from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.grids.markup import is_page, page_prose
from gkparse.grids.text import prepare
from tests.converters import score

REAL = score.ROOTS[2]

_TABLE = (
    '<table><tr><td colspan="2">第二十条第（一）项</td></tr>'
    "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
    "<tr><td><p>规章</p></td><td>1</td><td>&nbsp;</td><td>5</td></tr></table>"
)

#: A page on one line, as a CMS stores it: every paragraph a <p>.
_PAGE = (
    "<!DOCTYPE html><html><head><title>示例区2021年政府信息公开工作年度报告</title>"
    "<style>p { margin: 0 }</style></head><body>"
    "<h1>示例区2021年政府信息公开工作年度报告</h1>\t<p>发布日期：2022-01-20</p>"
    "<p>一、总体情况</p><p>本机关公开信息&lt;12&gt;条&nbsp;。</p><!-- <p>三、旧稿</p> -->"
    "<p><span>二、主动公开政府信息情况</span>&nbsp;&nbsp;&nbsp;&nbsp;</p>"
    f"{_TABLE}<p>三、收到和处理政府信息公开申请情况</p><script>var p = '<p>五、问题</p>';</script>"
    "<p>六、其他需要报告的事项</p><p>无。</p></body></html>"
)


def test_a_page_on_one_line_has_its_sections_and_title() -> None:
    report = gkparse.parse(_PAGE)
    assert report.title == "示例区2021年政府信息公开工作年度报告"
    assert report.year == 2021
    assert report.published == datetime.date(2022, 1, 20)  # "发布日期：2022-01-20"
    assert [section.key for section in report.sections] == [
        "overview",
        "active_disclosure",
        "applications",
        "other_matters",
    ]
    overview = report.section("overview")
    assert overview is not None
    assert overview.text == "本机关公开信息 <12 >条 。"  # white space collapsed, as a browser does
    assert report.facts()["active_disclosure.regulations.issued"] == 1
    assert report.facts()["active_disclosure.regulations.in_force"] == 5


def test_spans_are_offsets_into_the_page() -> None:
    report = gkparse.parse(_PAGE)
    cell = report.cell("active_disclosure.regulations.in_force")
    assert cell.span is not None
    assert _PAGE[cell.span.start : cell.span.end] == "5"
    heading = report.section("applications")
    assert heading is not None
    assert heading.span is not None
    assert _PAGE[heading.span.start : heading.span.end] == "三、收到和处理政府信息公开申请情况"


def test_the_tables_are_left_as_they_are() -> None:
    prose = page_prose(_PAGE)
    start = _PAGE.index("<table>")
    end = _PAGE.index("</table>") + len("</table>")
    assert prose[start:end] == _PAGE[start:end]
    assert "\t" not in prose
    assert "五、问题" not in prose  # a script's text
    assert "三、旧稿" not in prose  # a comment's text


def test_what_is_no_page_is_left_alone() -> None:
    """A rendered report or a markdown file opens with text or a table."""
    for text in (_TABLE + "\n一、总体情况\n", "# 年报\n\n<p>一、总体情况</p>\n", "一、总体情况<br>\n"):
        assert not is_page(text)
        assert prepare(text) == (text if text.endswith("\n") else text + "\n")
    assert is_page("  <p>一、总体情况</p>")
    assert is_page("<!-- saved from url=(0045)https://www.example.gov.cn/ -->\n<html><body>")
    markdown = "<!-- converted -->\n| 规章 | 1<br>2 | 3 |\n| --- | --- | --- |\n"
    assert not is_page(markdown)  # no paragraph, no body: its <br> stays in its cell


def test_markup_that_never_closes() -> None:
    """A comment, a script or a table left open runs to the end of the text."""
    for opened, hidden in (("<!-- ", True), ("<script>", True), ("<table><tr><td>", False)):
        text = f"<p>一、总体情况</p>{opened}<p>二、主动公开</p>"
        prose = page_prose(text)
        assert len(prose) == len(text)
        assert ("二、主动公开" in prose) is not hidden


_MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br/>",
        "<table>",
        "</table>",
        "<td>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "&nbsp;",
        "&#20013;",
        "\t",
        "\n",
        "一、总体情况",
        "0",
        "<",
        ">",
        "&",
    ]
)


@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_a_page_keeps_its_length_and_its_line_breaks(body: str) -> None:
    text = "<p>" + body
    prose = page_prose(text)
    assert len(prose) == len(text)
    assert [m.start() for m in re.finditer("\n", text)] == [
        m.start() for m in re.finditer("\n", prose) if text[m.start()] == "\n"
    ]
    gkparse.parse(text)  # and the report layer takes it


def test_date_lines_of_web_pages() -> None:
    """A page's date line under the title, with its label and time."""
    for line, want in (
        ("发布日期：2020-01-31", datetime.date(2020, 1, 31)),
        ("发布时间: 2022-02-08 16:34", datetime.date(2022, 2, 8)),
        ("2021年3月8日", datetime.date(2021, 3, 8)),
        ("发布日期：2020-13-31", None),
        ("2020-01-31是", None),
    ):
        report = gkparse.parse(f"某局2020年政府信息公开工作年度报告\n{line}\n一、总体情况\n好。\n")
        assert report.published == want, line


def test_title_lines_as_converters_write_them() -> None:
    """Markdown's marks around a title are no part of it; pandoc's fenced
    div is no text; a sentence (a preamble opening with 根据…。) is no title."""
    title = "某局2021年政府信息公开工作年度报告"
    tail = "\n一、总体情况\n好。\n"
    for head in (f"# {title}", f"**{title}**", f"::: {{#zoom .article-content}}\n{title}"):
        assert gkparse.parse(head + tail).title == title, head
    sentence = "根据《条例》规定编制本报告。本报告中所列数据统计期限为2025年1月1日至12月31日。"
    report = gkparse.parse(sentence + tail)
    assert report.title is None
    assert report.year == 2025  # from the statistical period, as for a text without a title


def test_a_real_page_on_one_line_reads_whole() -> None:
    """The Shanghai 2019 report as its site stores it (one line of <p> and
    <table>): its metadata, its six sections, and every fact of its truth."""
    case = REAL / "shanghai_bangongting_2019"
    report = gkparse.parse((case / "source.html").read_text(encoding="utf-8"))
    assert report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert (report.year, report.published, report.body) == (
        2019,
        datetime.date(2020, 1, 31),
        "上海市人民政府办公厅",
    )
    assert len(report.sections) == 6
    result = score.score_file(case, "source.html", score.expected(score.load_truth(case)))
    assert (len(result.wrong), len(result.missed)) == (0, 0)
