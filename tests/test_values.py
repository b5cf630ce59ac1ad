"""What a cell holds: every value form the format's cells are seen with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkparse.grids.values import EMPTY, NUMBER, PAGE_NUMBER, PLACEHOLDER, TEXT, CellValue, read_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", CellValue(NUMBER, Decimal(0))),
        ("12", CellValue(NUMBER, Decimal(12))),
        (" 1 ", CellValue(NUMBER, Decimal(1))),
        ("1,234", CellValue(NUMBER, Decimal(1234))),
        ("\uff11\uff12", CellValue(NUMBER, Decimal(12))),  # full-width digits
        ("138.31万元", CellValue(NUMBER, Decimal("138.31"), "万元")),
        ("251000元", CellValue(NUMBER, Decimal(251000), "元")),
        ("+3", CellValue(NUMBER, Decimal(3), None, True)),
        ("+1036", CellValue(NUMBER, Decimal(1036), None, True)),
        ("-2", CellValue(NUMBER, Decimal(-2), None, True)),
        ("－2", CellValue(NUMBER, Decimal(-2), None, True)),  # full-width hyphen
        ("减少2", CellValue(NUMBER, Decimal(-2), None, True)),
        ("增加5", CellValue(NUMBER, Decimal(5), None, True)),
        ("49.5", CellValue(NUMBER, Decimal("49.5"))),
        ("3件", CellValue(NUMBER, Decimal(3), "件")),
    ],
)
def test_numbers(text: str, expected: CellValue) -> None:
    assert read_value(text) == expected


@pytest.mark.parametrize("text", ["&nbsp;", "—", "——", "-", "--", "/", "无", "不适用", "N/A", "n/a"])
def test_placeholders_mean_nothing_entered(text: str) -> None:
    assert read_value(text).kind == PLACEHOLDER


@pytest.mark.parametrize("text", ["", " ", "\xa0", "\u3000", "\t"])
def test_empty(text: str) -> None:
    assert read_value(text).kind == EMPTY


@pytest.mark.parametrize("text", ["-3-", "- 4 -", "第5页"])
def test_page_numbers(text: str) -> None:
    assert read_value(text).kind == PAGE_NUMBER


@pytest.mark.parametrize("text", ["规章", "见附件", "௪൬", "1 2", "1.2.3", "12abc"])
def test_text(text: str) -> None:
    """Non-ASCII digits (Tamil, Malayalam) are not numbers: only 0-9 and full-width."""
    assert read_value(text).kind == TEXT
