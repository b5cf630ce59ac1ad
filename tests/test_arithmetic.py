"""Placing by arithmetic (issue 16): runs of digits cut where the format's sums allow one way.

The properties attack the stream reader with generated reports rendered as a
crawler's text (cells run together, or between spaces) and then mangled:
labels dropped, rows swapped or moved, numbers shifted before their label,
page numbers between rows, tables whose own sums are broken. Whatever the
text, a value read is the report's value; what cannot be certified is None.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse import Report
from gkparse.report import definitions as d
from gkparse.report.interpret.cuts import MAX_STEPS, first_cuts, spelled
from gkparse.report.interpret.stream import Stream, read_stream, unique_starts
from gkparse.strategies import reports
from gkparse.vocabulary import ARITHMETIC, LAYOUT
from tests.converters import make
from tests.converters.score import expected, load_truth, same

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FUZZ = Path(__file__).parent / "fixtures" / "fuzz"
RUNS_CASES = sorted(path.parent.name for path in CORPUS.glob("*/found-crawler.txt"))
WRITERS = (make.runs_tight, make.runs_spaced)


def _runs(text: str) -> list[str]:
    return [piece.text for piece in read_stream(text) if piece.kind in ("run", "blank")]


def _cut(text: str, count: int, sums: int | None = None) -> list[list[str]]:
    pieces = [piece for piece in read_stream(text) if piece.kind in ("run", "blank")]
    cuts = first_cuts(pieces, count, sums)
    assert cuts is not None
    return [[part.text for part in cut] for cut in cuts]


# ------------------------------------------------------------------ cutting
def test_a_run_is_cut_without_leading_zeros() -> None:
    assert _cut("1000001", 7) == [["1", "0", "0", "0", "0", "0", "1"]]
    assert _cut("0000000", 7) == [["0"] * 7]
    assert _cut("00000001", 7) == []


def test_white_space_is_always_a_boundary() -> None:
    assert _cut("200 000121", 7, sums=7) == [["20", "0", "0", "0", "0", "1", "21"]]
    assert _cut("12 3", 2) == [["12", "3"]]


def test_the_sum_picks_the_one_cut() -> None:
    assert _cut("713000074", 7, sums=7) == [["71", "3", "0", "0", "0", "0", "74"]]
    assert len(_cut("713000074", 7)) > 1


def test_signs_decimals_and_blanks_are_cells_of_their_own() -> None:
    assert _runs("2648-18538 9116.36 - 增加24513") == ["2648", "-18538", "9116.36", "-", "增加24513"]
    cuts = _cut("2648-18538", 3)
    assert ["2648", "-18", "538"] in cuts
    assert ["2648", "-1", "8538"] in cuts
    assert _cut("9116.36", 2) == []
    assert _cut("- 5", 2) == [["-", "5"]]


def test_a_row_spelled_by_given_values() -> None:
    """A run too long to search is still checked against the values the other
    rows' sums give it: one cut spells them, or none does."""
    pieces = read_stream("2312582142641662511384")
    parts = spelled(pieces, [231, 258, 214, 264, 166, 251, 1384])
    assert parts is not None
    assert [part.text for part in parts] == ["231", "258", "214", "264", "166", "251", "1384"]
    assert spelled(pieces, [231, 258, 214, 264, 166, 251, 1385]) is None
    assert spelled(read_stream("105"), [10, 5]) is not None
    assert spelled(read_stream("10 5"), [105]) is None  # a value never spans two runs
    assert spelled(read_stream("- 5"), [0, 5]) is None  # a blank is no count
    assert spelled(read_stream("007"), [0, 0, 7]) is not None
    assert spelled(read_stream("15"), [1]) is None  # every digit is spelled


def test_a_word_does_not_end_with_a_blank() -> None:
    """Dashes after a word are a blank cell when a number, white space or the
    end follows ("总计——0"); between words they are the word's ("工作——主动")."""
    assert _runs("总计——00 规章—") == ["——", "00", "—"]
    assert _runs("工作——主动公开") == []
    assert _runs("行政许可-5") == ["-5"]


def test_page_numbers_are_debris() -> None:
    assert _runs("1 0 -4- 1") == ["1", "0", "1"]


def test_the_search_is_bounded() -> None:
    """A run with more cuts than any row has is given up on, not searched for hours."""
    pieces = read_stream("1" * 200)
    assert first_cuts(pieces, 60, sums=60) is None
    assert len(first_cuts(pieces, 60) or []) == 17  # the first 17 found: "more than 16"
    assert MAX_STEPS < 10**6


# ------------------------------------------------------------------ labels
def test_a_label_takes_its_ordinal_off_the_run_before_it() -> None:
    text = "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
    stream = Stream(text, read_stream(text))
    label = d.APPLICATION_ROWS["2021"][5]
    assert label.key == "denied_prohibited"
    found = stream.find_label(label, 0)
    assert found is not None
    assert found.ordinal == "2"


def test_a_phrase_inside_a_wrapped_label_is_no_label() -> None:
    """pdftotext -layout wraps "5.要求行政机关确认或重新出具已获取信息" around its
    numbers: the phrase after them would take the next row's numbers. The
    row is found by its start instead: its ordinal and the first character,
    which no other row of that ordinal starts with."""
    text = "（五）不予处理 5.要 0 0 3 3 0 2 8 求行政机关确认或重新出具已获取信息 （六）其他处理 3 0 0 3 0 0 6"
    facts = gkparse.parse(f"三、收到和处理政府信息公开申请情况\n{text}\n").facts()
    assert facts["applications.refused_confirmation.research"] == 3
    assert facts["applications.refused_confirmation.total"] == 8
    assert facts["applications.other_handling.total"] == 6
    wrong_start = text.replace("5.要", "4.无")
    facts = gkparse.parse(f"三、收到和处理政府信息公开申请情况\n{wrong_start}\n").facts()
    assert facts["applications.refused_excessive.total"] == 8
    assert facts["applications.refused_confirmation.total"] is None


def test_a_short_start_needs_its_own_ordinal() -> None:
    """ "1.属" is 1.属于国家秘密, the one row of ordinal 1 starting so; "属" after
    another ordinal is no start of it, nor one ordinal's start shared by two
    rows ("属" after 5, 6, 7 and 8 is unique to each)."""
    starts = unique_starts(d.APPLICATION_ROWS["2021"], shortest=1)
    assert starts["denied_state_secret"] == "属"
    assert starts["denied_internal"] == "属"
    assert starts["granted"] == "予"
    for ordinal, want in (("1", 1), ("9", None)):
        text = f"（三）不予公开 {ordinal}.属 0 0 1 0 0 0 1 （六）其他处理 3 0 0 3 0 0 6"
        facts = gkparse.parse(f"三、收到和处理政府信息公开申请情况\n{text}\n").facts()
        assert facts["applications.denied_state_secret.total"] == want
        assert facts["applications.other_handling.total"] == 6


# ------------------------------------------------------------------ regressions
def test_a_sentence_after_the_last_rows_numbers_is_prose() -> None:
    """A label and a number in a sentence ("现行有效行政规范性文件698件，…") are
    no row, however neatly 698 cuts into three cells: what follows a table's
    last numbers on their line is a blank, a word of the table or a heading."""
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 1 0 3\n现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    facts = gkparse.parse(text).facts()
    assert [facts[f"active_disclosure.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [
        1,
        0,
        3,
    ]
    assert [
        facts[f"active_disclosure.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")
    ] == [
        None,
        None,
        None,
    ]
    ends_the_table = text.replace("件，动态更新本年度制发的规范性文件88件。", "")
    facts = gkparse.parse(ends_the_table).facts()
    assert facts["active_disclosure.normative_documents.in_force"] == 8


_T2 = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
_T3 = "三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量"
_NEXT = "二、上年结转政府信息公开申请数量1000001"


def test_a_table_whose_numbers_cannot_be_cut_is_there_with_unknown_cells() -> None:
    """A crawler's table 4 (pingtan 2024): one cut keeps the groups' sums,
    but 17 digits for 15 cells cut too many ways to trust it. The table is
    in the text, so it is read as unknown cells and the finding says why;
    it is not reported missing."""
    header = "结果维持结果纠正其他结果尚未审结总计"
    text = (
        f"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼{header}未经复议直接起诉复议后起诉"
        f"{header}{header}21317000001324019五、存在的主要问题及改进情况"
    )
    report = gkparse.parse(text)
    review = report.table("review_litigation")
    assert review is not None
    assert len(review.cells) == 15
    assert {cell.value for cell in review.cells} == {None}
    assert [f for f in report.problems if f.code == "TABLE-MISSING" and "review_litigation" in f.keys] == []
    (ambiguous,) = [f for f in report.problems if f.code == "ROW-CUT-AMBIGUOUS"]
    assert ambiguous.keys == ("review_litigation",)
    assert "one way to cut them fits the table's sums (2 1 3 1 7 0 0 0 0 0 13 2 4 0 19)" in ambiguous.message


def test_digits_set_apart_from_their_label_are_read_only_if_they_fill_every_column() -> None:
    """A crawler keeps the space after a label ("规章 000行政规范性文件…").
    Three zeros can only be three cells (no number starts with 0), but 100
    set apart may be one cell among blanks, or 10 and 0, or 1, 0 and 0."""
    columns = ("issued", "repealed", "in_force")
    for digits, want in (("000", [0, 0, 0]), ("0—0", [0, None, 0]), ("100", [None, None, None])):
        facts = gkparse.parse(_T2 + f"规章 {digits}第二十条第（五）项").facts()
        assert [facts.get(f"active_disclosure.regulations.{column}") for column in columns] == want


#: Texts the properties below found read wrong once, each with a fact and the
#: one value it may have (None: it cannot be told from the text).
REGRESSIONS = [
    # "--" is one blank: 2, blank, 1; never -1 in a column that has no sign
    (
        _T2 + "规章--03行政规范性文件2--1第二十条第（五）项",
        "active_disclosure.normative_documents.in_force",
        1,
    ),
    # two labels in one word: the first takes nothing of the second's numbers
    (
        _T2 + "规章000第二十条第（六）项信息内容本年处理决定数量行政处罚&nbsp;行政强制221第二十条第（八）项",
        "active_disclosure.penalties.decisions",
        None,
    ),
    # "—-1": a blank "—-" and 1, or a blank and -1
    (
        _T2.replace("本年制发件数本年废止件数现行有效件数", "本年新制作数量本年新公开数量对外公开总数量")
        + "规章—00规范性文件0—-1第二十条第（五）项",
        "active_disclosure.normative_documents.total_public",
        None,
    ),
    # the last row's blank glued to the next section: 24 and a blank, not 2 and 4
    (
        "二、主动公开政府信息情况第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购24/"
        "三、收到和处理政府信息公开申请情况",
        "active_disclosure.procurement.items",
        24,
    ),
    # "—14—" glued to numbers is a blank, 14 and a blank, not a page number
    (
        "三、收到和处理政府信息公开申请情况（七）总计21182317—14—四、结转下年度继续办理010011—",
        "applications.handled_total.natural_person",
        21,
    ),
    # "-20": a blank and 20, or -2 and 0
    (
        "二、主动公开政府信息情况第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费-20第二十条第（九）项",
        "active_disclosure.fees.change",
        None,
    ),
    # the last row's numbers do not come after the next section's heading
    (
        _T2 + "规章000第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费—"
        "三、收到和处理政府信息公开申请情况2021年，本机关收到和处理政府信息公开申请的情况统计如下。",
        "active_disclosure.fees.amount",
        None,
    ),
    # a blank written 无 glued to the next label is a cell, not nothing
    (_T3 + "152515230无" + _NEXT, "applications.new.total", None),
    # an entity after a label: padding, or a blank cell?
    (_T2 + "规章&nbsp;130规范性文件123030第二十条第（五）项", "active_disclosure.regulations.published", 1),
    # an entity between numbers: padding, or a blank cell?
    (_T3 + "0160007&nbsp;" + _NEXT, "applications.new.total", None),
    # a long run whose published sum is broken: a cut may keep it by chance
    (_T3 + "30236619842400" + _NEXT, "applications.new.natural_person", None),
    # "-019": a blank, 0 and 19, never "-0", 1 and 9 (nobody writes -0)
    (
        "二、主动公开政府信息情况第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量"
        "行政处罚0015行政强制-019第二十条第（八）项",
        "active_disclosure.coercion.decisions",
        19,
    ),
    # the last row's 不适用 after a space is its blank total, so 17 is not cut
    # into 1 and 7 to make a total of 13 (a generated report breaking its sums)
    (
        (FUZZ / "runs-last-row-blank-word-after-a-space.txt").read_text(encoding="utf-8"),
        "applications.carried_forward.legal_services",
        17,
    ),
    # a blank glued to the header word before it is a blank, not part of the word
    (
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        "——00000000——00000五、存在的主要问题及改进情况",
        "review_litigation.review.upheld",
        None,
    ),
]


@pytest.mark.parametrize(("text", "key", "value"), REGRESSIONS)
def test_regressions_read_no_wrong_value(text: str, key: str, value: object) -> None:
    assert gkparse.parse(text).facts().get(key) in (None, value)


# ------------------------------------------------------------------ the corpus
@pytest.mark.parametrize("case", RUNS_CASES)
def test_crawler_text_of_real_pages_reads_without_a_wrong_value(case: str) -> None:
    truth = load_truth(CORPUS / case)
    report = gkparse.parse((CORPUS / case / "found-crawler.txt").read_text(encoding="utf-8"))
    facts, want = report.facts(), expected(truth)
    assert [key for key in want if facts.get(key) is not None and not same(want[key], facts[key])] == []
    exact = sum(1 for key in want if same(want[key], facts.get(key)))
    assert exact >= 0.9 * len(want)


def test_placement_is_recorded_and_explained() -> None:
    report = gkparse.parse((CORPUS / "pingtan_2022" / "found-crawler.txt").read_text(encoding="utf-8"))
    cell = report.cell("applications.new.natural_person")
    rules = ("T3-ROW", "T3-COLUMN", "T3-HANDLED")
    assert (cell.value, cell.raw, cell.placed_by, cell.certified_by) == (71, "71", ARITHMETIC, rules)
    assert report_text_at(cell) == "71"
    fee = report.cell("active_disclosure.fees.amount")
    assert (str(fee.value), fee.placed_by, fee.certified_by) == ("9116.36", ARITHMETIC, ())
    codes = {(f.code, f.severity) for f in report.problems}
    assert ("PLACED-BY-ARITHMETIC", "info") in codes
    ambiguous = next(f for f in report.problems if f.code == "ROW-CUT-AMBIGUOUS")
    assert ambiguous.keys == ("active_disclosure.normative_documents",)
    assert "8855698" in ambiguous.message
    record = next(r for r in report.to_records() if r["key"] == "applications.new.total")
    assert (record["placed_by"], record["certified_by"]) == (ARITHMETIC, "T3-ROW T3-COLUMN T3-HANDLED")
    shown = report.table("applications")._repr_html_()  # type: ignore[union-attr]
    assert 'class="gk-value gk-arithmetic"' in shown
    assert "placed by arithmetic: T3-ROW, T3-COLUMN, T3-HANDLED" in shown
    again = gkparse.from_json(gkparse.to_json(report)).cell("applications.new.natural_person")
    assert (again.placed_by, again.certified_by) == (ARITHMETIC, rules)
    unpickled = pickle.loads(pickle.dumps(report)).cell("applications.new.natural_person")
    assert (unpickled.placed_by, unpickled.certified_by) == (ARITHMETIC, rules)


def report_text_at(cell: gkparse.Cell) -> str:
    text = (CORPUS / "pingtan_2022" / "found-crawler.txt").read_text(encoding="utf-8")
    assert cell.span is not None
    return text[cell.span.start : cell.span.end]


def test_a_table_that_breaks_its_own_column_sums_is_read_row_by_row() -> None:
    """pingtan 2020's published table 3 breaks T3-HANDLED; each row has one cut."""
    report = gkparse.parse((CORPUS / "pingtan_2020" / "found-crawler.txt").read_text(encoding="utf-8"))
    assert report.facts()["applications.handled_total.natural_person"] == 20
    assert report.cell("applications.handled_total.natural_person").certified_by == ("T3-ROW",)
    failed = {f.code for f in gkparse.validate(report) if f.outcome == "failed"}
    assert "T3-HANDLED" in failed


def test_long_totals_are_spelled_from_the_rows_they_sum() -> None:
    """Crawler text of a generated report: 一、本年新收 and （七）总计 run 22 digits
    together, too many cuts to search, and no leaf row alone is sure. What
    T3-HANDLED and T3-COLUMN give the totals from the leaves' few candidates,
    and only that, is spelled by their digits: it places both totals and the
    leaves the rules then check. One digit changed, nothing is spelled."""
    case = CORPUS.parent / "converters" / "gen_2021_table3_2019"
    text = (case / "runs-tight.txt").read_text(encoding="utf-8")
    want = expected(load_truth(case))
    report = gkparse.parse(text)
    for key in ("handled_total.total", "new.total", "granted.total", "denied_state_secret.research"):
        cell = report.cell(f"applications.{key}")
        assert same(want[cell.key], cell.value), key
        assert (cell.placed_by, cell.certified_by) == (ARITHMETIC, ("T3-ROW", "T3-COLUMN", "T3-HANDLED"))
    broken = gkparse.parse(
        text.replace("（七）总计2312582142641662511384", "（七）总计2312582142641662511385")
    )
    assert broken.facts()["applications.handled_total.total"] is None
    assert broken.facts()["applications.new.total"] is None
    assert all(
        value is None or same(want[key], value) for key, value in broken.facts().items() if key in want
    )


def test_the_layout_reading_wins_and_is_never_overridden() -> None:
    report = gkparse.parse((CORPUS / "pingtan_2022" / "pipe.md").read_text(encoding="utf-8"))
    assert {cell.placed_by for table in report.tables for cell in table.cells} == {LAYOUT}


# ------------------------------------------------------------------ attacks
def _table3(blocks: Sequence[make.Block]) -> int:
    return next(
        i for i, block in enumerate(blocks) if block.kind == "table" and "申请人情况" in str(block.rows)
    )


def _data_rows(block: make.Block) -> list[int]:
    return [i for i, row in enumerate(block.rows) if len(row) >= 8 and i >= 3]


Mangle = Callable[
    [tuple[tuple[make.HCell, ...], ...], list[int], st.DataObject], list[tuple[make.HCell, ...]]
]


def _drop_label(
    rows: tuple[tuple[make.HCell, ...], ...], data_rows: list[int], data: st.DataObject
) -> list[tuple[make.HCell, ...]]:
    out = list(rows)
    i = data.draw(st.sampled_from(data_rows))
    row = out[i]
    out[i] = (*row[:-8], make.HCell(""), *row[-7:])
    return out


def _swap_rows(
    rows: tuple[tuple[make.HCell, ...], ...], data_rows: list[int], data: st.DataObject
) -> list[tuple[make.HCell, ...]]:
    out = list(rows)
    i, j = data.draw(st.lists(st.sampled_from(data_rows), min_size=2, max_size=2, unique=True))
    out[i], out[j] = (*out[i][:-8], *out[j][-8:]), (*out[j][:-8], *out[i][-8:])
    return out


def _move_row(
    rows: tuple[tuple[make.HCell, ...], ...], data_rows: list[int], data: st.DataObject
) -> list[tuple[make.HCell, ...]]:
    out = list(rows)
    i = data.draw(st.sampled_from(data_rows))
    moved = out[i][-8:]
    out[i] = out[i][:-8]
    j = data.draw(st.sampled_from(data_rows))
    out.insert(j, moved)
    return out


def _shift_numbers(
    rows: tuple[tuple[make.HCell, ...], ...], data_rows: list[int], data: st.DataObject
) -> list[tuple[make.HCell, ...]]:
    out = list(rows)
    i = data.draw(st.sampled_from(data_rows))
    row = out[i]
    out[i] = (*row[:-8], *row[-7:], row[-8])
    return out


def _page_number(
    rows: tuple[tuple[make.HCell, ...], ...], data_rows: list[int], data: st.DataObject
) -> list[tuple[make.HCell, ...]]:
    out = list(rows)
    i = data.draw(st.sampled_from(data_rows))
    out[i] = (*out[i], make.HCell(f"-{data.draw(st.integers(1, 99))}-"))
    return out


MANGLES: tuple[Mangle, ...] = (_drop_label, _swap_rows, _move_row, _shift_numbers, _page_number)


def _assert_no_wrong_value(report: Report, text: str) -> None:
    facts = gkparse.parse(text).facts()
    truth = report.facts()
    wrong = {
        key: (value, truth.get(key))
        for key, value in facts.items()
        if value is not None and value != truth.get(key)
    }
    assert wrong == {}, text


@given(report=reports(), writer=st.sampled_from(WRITERS))
def test_crawler_text_of_generated_reports_reads_no_wrong_value(
    report: Report, writer: Callable[[Sequence[make.Block]], str]
) -> None:
    text = writer(make.document(report))
    _assert_no_wrong_value(report, text)
    parsed = gkparse.parse(text)
    placed = [cell for table in parsed.tables for cell in table.cells if cell.placed_by == ARITHMETIC]
    assert all(cell.state in ("value", "blank") for cell in placed)


@given(report=reports(consistent=False), writer=st.sampled_from(WRITERS))
def test_tables_that_break_their_own_sums_read_no_wrong_value(
    report: Report, writer: Callable[[Sequence[make.Block]], str]
) -> None:
    _assert_no_wrong_value(report, writer(make.document(report)))


@given(
    report=reports(),
    writer=st.sampled_from(WRITERS),
    mangle=st.sampled_from(MANGLES),
    data=st.data(),
)
def test_mangled_streams_read_no_wrong_value(
    report: Report, writer: Callable[[Sequence[make.Block]], str], mangle: Mangle, data: st.DataObject
) -> None:
    blocks = make.document(report)
    index = _table3(blocks)
    block = blocks[index]
    rows = mangle(block.rows, _data_rows(block), data)
    blocks[index] = dataclasses.replace(block, rows=tuple(rows))
    _assert_no_wrong_value(report, writer(blocks))
