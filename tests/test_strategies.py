"""``gkparse.strategies``: what the generated reports and texts promise."""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkparse
from gkparse.report import definitions as d
from gkparse.report.model import FAILED, Report
from gkparse.report.render import CLEAN, render_with
from gkparse.strategies import BREAKABLE_RULES, _Noise, layouts, raw_texts, report_texts, reports
from gkparse.vocabulary import Edition
from tests.helpers import SECTIONS, fixture_text, seed_text


def _what_it_says(report: Report) -> tuple[object, ...]:
    """Everything but the raw text of cells and the white space of the preamble."""
    cells = [(cell.key, cell.value, cell.state, cell.unit) for table in report.tables for cell in table.cells]
    return (
        cells,
        report.title,
        report.body,
        report.year,
        report.published,
        report.edition,
        report.sections,
        "".join(report.preamble.split()),
        report.problems,
    )


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@given(data=st.data())
def test_messy_text_parses_to_its_report(layout: str, data: st.DataObject) -> None:
    text, report = data.draw(report_texts(layout))
    back = gkparse.parse(text)
    assert back.facts() == report.facts()
    assert _what_it_says(back) == _what_it_says(report)


@given(pair=report_texts(messy=False))
def test_clean_text_is_the_rendering(pair: tuple[str, Report]) -> None:
    text, report = pair
    assert text in {render_with(report, layout, CLEAN) for layout in gkparse.LAYOUTS}


@pytest.mark.parametrize("layout", gkparse.LAYOUTS)
@given(data=st.data())
def test_parse_never_raises_on_grammar_strings(layout: str, data: st.DataObject) -> None:
    """Strings of a layout's grammar: the table reader reads them or says why,
    and the report parser reads them whatever they are."""
    text = data.draw(raw_texts(layout))
    with contextlib.suppress(gkparse.TableSyntaxError):
        gkparse.parse_table(text, layout)
    report = gkparse.parse(text)
    assert all(finding.severity in ("error", "warning", "info") for finding in gkparse.validate(report))


@given(text=st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    gkparse.validate(gkparse.parse(text))


def test_raw_texts_are_not_all_empty() -> None:
    """from_lark without tab and newline in its alphabet gives only ''."""
    seen: list[str] = []

    @settings(database=None)
    @given(raw_texts("cells"))
    def collect(text: str) -> None:
        seen.append(text)

    collect()
    assert any("\t" in text and "\n" in text for text in seen)


@given(report=reports(consistent=True))
def test_consistent_reports_validate_clean(report: Report) -> None:
    problems = [f for f in gkparse.validate(report) if f.outcome == FAILED or f.severity != "info"]
    assert problems == []


@given(report=reports(consistent=False))
def test_inconsistent_reports_break_a_rule(report: Report) -> None:
    failed = {f.code for f in gkparse.validate(report) if f.outcome == FAILED}
    breakable = {rule for rules in BREAKABLE_RULES.values() for rule in rules}
    assert {code if not code.startswith("TXT") else "TXT" for code in failed} & breakable


@pytest.mark.parametrize("edition", d.EDITIONS)
@given(data=st.data())
def test_reports_of_an_edition(edition: Edition, data: st.DataObject) -> None:
    report = data.draw(reports(edition))
    assert report.edition == edition
    assert report.problems == ()
    assert [s.key for s in report.sections] == SECTIONS
    variants: tuple[Edition, ...] = ("2019",) if edition == "2019" else ("2021", "2019")
    assert any(
        set(report.facts()) == {*d.active_disclosure_keys(edition), *d.application_keys(v), *d.review_keys()}
        for v in variants
    )
    assert report.title == f"{report.body}{report.year}年政府信息公开工作年度报告"


@given(layout=layouts())
def test_layouts(layout: str) -> None:
    assert layout in gkparse.LAYOUTS


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown edition '2020'"):
        reports("2020")
    with pytest.raises(ValueError, match="unknown layout 'semicolon'"):
        report_texts("semicolon")
    with pytest.raises(ValueError, match="unknown layout 'semicolon'"):
        raw_texts("semicolon")


def test_without_hypothesis_the_import_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "gkparse.strategies")
    with pytest.raises(ImportError, match=r"pip install 'gkparse\[strategies\]'"):
        importlib.import_module("gkparse.strategies")


NOISE: dict[str, Callable[[str], object]] = {
    "CRLF line ends": lambda text: "\r\n" in text,
    "bookmarks": lambda text: "[bookmark:" in text,
    "page numbers": lambda text: re.search(r"^(- \d+ -|-\d+-|第\d+页)\r?$", text, re.MULTILINE),
    "half-width brackets": lambda text: re.search(r"\([一二三四五六七]\)", text),
    "1、 numbering": lambda text: "1、" in text,
    "full-width digits": lambda text: re.search("[\uff10-\uff19]", text),
    "spaces in labels": lambda text: re.search(r"(本年|结果|商业) +\S", text),
    "variant characters": lambda text: "釆" in text,
    "group label on its own row": lambda text: re.search(r"（三）不予公开[\t ]*\r?\n", text),
    "merged cells repeated": lambda text: "三、本年度办理结果\t（二）" in text,
    "trailing tabs": lambda text: re.search(r"[0-9]\t\r?\n", text),
    "placeholders": lambda text: re.search(r"\t(—|/|-|--|无|不适用|N/A|&nbsp;|——)[\t\r\n]", text),
}


@pytest.mark.parametrize("noise", NOISE)
def test_noise_happens_and_keeps_the_facts(noise: str) -> None:
    """Each kind of noise the issue lists turns up in some messy renderings
    of a real report (seed 003: 2019 tables, 釆购, blank cells), and none of
    them changes the facts."""
    report = gkparse.parse(seed_text("003"))
    texts = [render_with(report, "tab", _Noise(3, seed)) for seed in range(40)]
    assert any(NOISE[noise](text) for text in texts)
    assert all(gkparse.parse(text).facts() == report.facts() for text in texts if NOISE[noise](text))


def test_title_noise_keeps_the_title() -> None:
    report = gkparse.parse(fixture_text("report2021_tab.txt"))
    assert report.title is not None
    texts = [render_with(report, "cells", _Noise(3, seed)) for seed in range(40)]
    noisy = [text for text in texts if not text.lstrip("\ufeff\r\n").startswith(report.title)]
    assert noisy
    assert all(gkparse.parse(text).title == report.title for text in noisy)
