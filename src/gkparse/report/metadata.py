"""The report's title, issuing body, year and publication date.

These live in prose, not tables: the title is the first lines of the text
up to the one that names the report (年度报告, 年报), the date a line that
holds only a date, near the end or just under the title.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import attrs

_REPORT_WORDS = ("报告", "年报")
_TITLE_MAX_LINES = 4
_TITLE_MAX_CHARS = 60
#: The preamble's lines that are read: the title's, and the two after it (a date).
PREAMBLE_LINES = _TITLE_MAX_LINES + 2
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年度?")
# Where the body's name ends in a title: the name of the report begins.
_BODY_ENDS = ("关于", "政府信息公开", "政务公开", "信息公开", "年度报告", "工作报告", "年报")
# The statistical period the prose states: "统计期限自2022年1月1日起至2022年12月31日止".
# Also "为2025年1月1日至12月31日", "从2019年1月1日到12月31日止": the year once.
_PERIOD = re.compile(r"(?:自|为|从)((?:19|20)[0-9]{2})年1月1日起?(?:至|到)(?:((?:19|20)[0-9]{2})年)?12月31日")
# A paragraph that opens with the report's year: "2021年,通过县政府门户网站…".
_OPENING_YEAR = re.compile(r"^((?:19|20)[0-9]{2})年[,，]")
_DATE_LINE = re.compile(
    r"^(?:(?:发布|成文|印发)?(?:日期|时间)[:：])?"  # a web page's label: "发布日期：2020-01-31"
    r"[（(]?((?:19|20)[0-9]{2})(?:年([0-9]{1,2})月([0-9]{1,2})日|[-/.]([0-9]{1,2})[-/.]([0-9]{1,2}))[)）]?"
    r"(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$"  # and its time: "2022-02-0816:34" once squeezed
)


@attrs.frozen
class Metadata:
    """What the prose says about the report."""

    title: str | None
    body: str | None
    year: int | None
    published: datetime.date | None
    title_lines: int


_SPACE = re.compile(r"\s+")
#: Markdown's marks around a title line ("**…**", "# …"): no part of it.
_MARKUP_AROUND = "*_#"
#: A title is no sentence: a line holding "。" is the report's prose.
_SENTENCE_END = "。"
#: pandoc markdown's fenced div, around a page's article.
_FENCE = ":::"


def _squeeze(text: str) -> str:
    """The text without white space (no list of its words: a line may be long)."""
    return _SPACE.sub("", text)


def read_metadata(preamble: Sequence[str], closing: Sequence[str], prose: Iterable[str] = ()) -> Metadata:
    """Read the metadata from the lines before section 一 and the last lines.

    ``preamble`` and ``closing`` are non-blank prose lines (of the preamble,
    its first :data:`PREAMBLE_LINES` are all that is read); ``prose`` is all
    the report's prose, line by line, where the year is read when there is no title (a
    web page's text that starts after it): the statistical period it
    states, or else the year a paragraph opens with.
    """
    title_lines: list[str] = []
    for line in preamble[:_TITLE_MAX_LINES]:
        squeezed = _squeeze(line).strip(_MARKUP_AROUND)
        if len(squeezed) > _TITLE_MAX_CHARS or _DATE_LINE.match(squeezed) or _SENTENCE_END in squeezed:
            break
        if squeezed.startswith(_FENCE):
            continue  # pandoc's fenced div (::: {#zoom .article-content}): no text
        title_lines.append(squeezed)
        if any(word in squeezed for word in _REPORT_WORDS):
            break
    if not title_lines or not any(w in title_lines[-1] for w in _REPORT_WORDS):
        title_lines = []
    title = "".join(title_lines) or None
    year_match = _YEAR.search(title or "")
    year = int(year_match.group(1)) if year_match else _prose_year(prose) if title is None else None
    body = _body(title, year_match) or _signature(closing)
    dates = [
        _date(line) for line in (*reversed(closing[-3:]), *preamble[len(title_lines) : len(title_lines) + 2])
    ]
    published = next((date for date in dates if date is not None), None)
    return Metadata(title, body, year, published, len(title_lines))


def _prose_year(prose: Iterable[str]) -> int | None:
    """The year the prose gives the report, if it says so plainly: the
    period it states, or else the year the first paragraph that opens with
    one names (one pass, so the prose can be a stream of lines)."""
    opening_year: int | None = None
    for line in prose:
        if "年" not in line:
            continue  # both forms name a year: "2021年"
        squeezed = _squeeze(line)
        period = _PERIOD.search(squeezed)
        if period and period.group(2) in (None, period.group(1)):
            return int(period.group(1))
        if opening_year is None:
            opening = _OPENING_YEAR.match(squeezed)
            opening_year = int(opening.group(1)) if opening else None
    return opening_year


def _body(title: str | None, year: re.Match[str] | None) -> str | None:
    if title is None:
        return None
    text = title[: year.start()] + title[year.end() :] if year else title
    ends = [text.find(word) for word in _BODY_ENDS if word in text]
    body = text[: min(ends)] if ends else ""
    return body.strip("《》:：，, ") or None


def _signature(closing: Sequence[str]) -> str | None:
    """The body's name signed above the closing date, if there is one."""
    for index in range(len(closing) - 1, 0, -1):
        if _date(closing[index]) is not None:
            name = _squeeze(closing[index - 1])
            return name if 0 < len(name) <= 30 and not name.endswith("。") else None
    return None


def _date(line: str) -> datetime.date | None:
    match = _DATE_LINE.match(_squeeze(line))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups() if part is not None)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
