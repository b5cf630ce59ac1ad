"""``parse`` accepts any string and never raises; bad input gives findings."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from tests.helpers import REPOSITORY, seed_text

# Text that looks like report text: CJK, digits, table delimiters, line breaks.
report_pieces = st.sampled_from(
    [
        *"\t\n\r |-:一二三四五六、（）()0123456789.,，万元规章总计申请公开复议诉讼其他处理第二十条项",
        *("\u3000", "\xa0", "\ufeff", "\x00", "[bookmark: x]", "—", "三、收到和处理政府信息公开申请情况\n"),
    ]
)
report_like = st.lists(report_pieces, max_size=300).map("".join)


def check(report: gkparse.Report) -> None:
    facts = report.facts()
    assert all(value is None or isinstance(value, int | type(value)) for value in facts.values())
    for finding in gkparse.validate(report):
        assert finding.severity in ("error", "warning", "info")


@given(st.text())
def test_any_text(text: str) -> None:
    check(gkparse.parse(text))


@given(report_like)
def test_report_like_text(text: str) -> None:
    check(gkparse.parse(text))


@given(st.data())
def test_seeds_cut_and_shuffled(data: st.DataObject) -> None:
    """Real report lines, some dropped, some repeated: still a report."""
    lines = seed_text(data.draw(st.sampled_from(["000", "002", "003", "004"]))).splitlines(keepends=True)
    kept = data.draw(st.lists(st.sampled_from(lines), max_size=len(lines)))
    check(gkparse.parse("".join(kept)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "\r\n" * 3,
        "\ufeff",
        "\x00" * 100,
        "\t" * 1000,
        "|" * 1000,
        "| --- |\n" * 10,
        "一、" * 1000,
        "x" * 1_000_000,
        "规章\t" * 50_000,
        "\x00\x01\x02\x7f\udcff",
        bytes(range(256)).decode("latin-1"),
    ],
)
def test_edge_cases(text: str) -> None:
    check(gkparse.parse(text))


def test_crlf_and_bom_read_like_lf() -> None:
    text = seed_text("002")
    plain = gkparse.parse(text)
    windows = gkparse.parse("\ufeff" + text.replace("\n", "\r\n"))
    assert windows.facts() == plain.facts()
    assert windows.sections == plain.sections
    assert (windows.title, windows.body, windows.year) == (plain.title, plain.body, plain.year)
    cell = windows.cell("applications.new.total")
    assert cell.span is not None
    assert ("\ufeff" + text.replace("\n", "\r\n"))[cell.span.start : cell.span.end] == "0"


@pytest.mark.parametrize("value", [None, b"text", 12, ["text"]])
def test_only_str(value: object) -> None:
    with pytest.raises(TypeError, match="parse\\(\\) takes a str"):
        gkparse.parse(value)  # type: ignore[arg-type]


def test_a_number_of_thousands_of_digits_is_invalid_and_everything_goes_on() -> None:
    """No report counts to 10**40: a longer number is an invalid cell with a
    finding, and validation, rendering and JSON go on (no int/str limit hit)."""
    digits = "9" * 5000
    text = (
        "一、总体情况\n全年收到申请" + digits + "件。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t" + digits + "\t2\t3\n"
    )
    report = gkparse.parse(text)
    cell = report.cell("active_disclosure.regulations.made")
    assert (cell.value, cell.state) == (None, "invalid")
    assert any(f.code == "CELL-NOT-NUMBER" and "5000 digits" in f.message for f in report.problems)
    gkparse.validate(report)
    assert gkparse.from_json(gkparse.to_json(report)) == report
    assert gkparse.parse(gkparse.render(report, "tab")).facts() == report.facts()


def test_nothing_of_a_parse_outlives_it() -> None:
    """The layouts' runs of a text are dropped once its regions are found: a
    million short lines must not stay in memory until the next texts come."""
    from gkparse.grids.layouts._runs import _CACHES

    assert len(_CACHES) >= 2  # the lines and aligned layouts
    report = gkparse.parse(seed_text("000") + "1\n" * 1000)
    assert report.facts()
    assert [cache._latest for cache in _CACHES] == [[] for _ in _CACHES]


@pytest.mark.parametrize(
    "text",
    [
        seed_text("000"),
        seed_text("003"),
        "规章\t0\t0\t0\n" * 200,
        "<table><tr><td>0</td></tr></table>",
        "1\n" * 500,
        (REPOSITORY / "tests/fixtures/fuzz/unreadable-table-without-an-edition.txt").read_text("utf-8"),
    ],
    ids=["seed 000", "seed 003", "tab rows", "html", "short lines", "a table the grammar rejects"],
)
def test_a_parse_makes_no_reference_cycle(text: str) -> None:
    """What lets parse pause the cycle collector: everything it makes is
    freed by reference counting, so the collector finds nothing after it."""
    gkparse.parse(text)  # grammars and caches built
    gc.collect()
    gc.disable()
    try:
        report = gkparse.parse(text)
        gkparse.validate(report)
        del report
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_parse_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        gkparse.parse(seed_text("001"))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
