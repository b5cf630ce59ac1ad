"""Hypothesis strategies: realistic annual reports, and their text in every layout.

Why: people who build their own extraction pipelines want to fuzz them with
report text as converters really write it, and know what the text says;
gkparse's own tests use the same strategies to check that the parser holds
for every report that can exist.

- :func:`reports` builds :class:`~gkparse.Report` objects, model first;
- :func:`layouts` is one of :data:`gkparse.LAYOUTS`;
- :func:`report_texts` gives ``(text, report)`` pairs: the report rendered in
  a layout, with realistic noise that does not change what it says;
- :func:`raw_texts` gives strings from the layout grammars, for robustness.

Install with the ``strategies`` extra: ``pip install 'gkparse[strategies]'``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.extra.lark import from_lark
except ImportError as error:  # pragma: no cover - exercised by a test that hides hypothesis
    raise ImportError(
        "gkparse.strategies needs hypothesis, which the 'strategies' extra installs: "
        "pip install 'gkparse[strategies]'"
    ) from error

from gkparse.grids.grammars import build_parser
from gkparse.grids.layouts import LAYOUTS, Choices
from gkparse.grids.layouts import get as get_layout
from gkparse.report import definitions as d
from gkparse.report.model import Cell, Report, Section, Table
from gkparse.report.render import PLACEHOLDERS, render, render_with
from gkparse.rules import RULES, Rule
from gkparse.rules.spec import break_instance, instance_keys, instances, satisfy
from gkparse.vocabulary import (
    BLANK,
    REPORT,
    SECTION_KEYS,
    UNIT_NOT_STATED,
    VALUE,
    WAN_YUAN,
    Edition,
    TableKey,
    Unit,
    column_of,
    split_key,
)

__all__ = ["layouts", "mutated_texts", "raw_texts", "report_texts", "reports"]

T = TypeVar("T")

#: Rules whose equation generates consistent tables and breaks them, per edition.
_EQUATIONS: dict[Edition, tuple[Rule, ...]] = {
    edition: tuple(
        rule
        for rule in RULES
        if rule.equation is not None and rule.scope == REPORT and edition in rule.editions
    )
    for edition in d.EDITIONS
}

#: The cross-footing rules that ``reports(consistent=False)`` may break: every
#: equation rule of the catalogue, T2-NONNEG, and the figures quoted in prose.
BREAKABLE_RULES: dict[str, tuple[str, ...]] = {
    edition: (
        *(rule.id for rule in _EQUATIONS[edition] if rule.id.startswith("T3") or rule.id.startswith("T4")),
        "T2-NONNEG",
        *(rule.id for rule in _EQUATIONS[edition] if rule.id.startswith("T2")),
        "TXT",
    )
    for edition in d.EDITIONS
}

_YEARS: dict[Edition, tuple[int, ...]] = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024, 2025)}
_PLACES = (
    "示例市示例区",
    "银川市兴庆区",
    "铜川市新区",
    "北京市东城区",
    "成都市武侯区",
    "杭州市西湖区",
    "广州市天河区",
    "某某县",
    "江苏省",
    "某某市",
)
_UNITS = (
    "人民政府",
    "市场监督管理局",
    "教育局",
    "自然资源局",
    "生态环境局",
    "交通运输局",
    "卫生健康委员会",
    "财政局",
    "住房和城乡建设局",
    "前进街街道办事处",
    "咸丰路街道办事处",
    "人民政府办公室",
)
_ORDINALS = "一二三四五六"
_HEADINGS = {
    "overview": ("总体情况", "概述", "总体情况概述"),
    "active_disclosure": ("主动公开政府信息情况", "主动公开政府信息的情况"),
    "applications": (
        "收到和处理政府信息公开申请情况",
        "行政机关收到和处理政府信息公开申请的情况",
        "收到和处理政府信息公开申请的情况",
    ),
    "review_litigation": (
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
    ),
    "problems": ("存在的主要问题及改进情况", "存在的主要问题和改进措施"),
    "other_matters": ("其他需要报告的事项",),
}
# Prose, by section. None of it quotes a table figure (those sentences are
# built from the cells), starts with an ordinal, or holds a tab or a pipe.
_PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，现公布{body}{year}年政府信息公开工作年度报告。",
    "本报告全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项六个部分组成。",
    "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    "如对本报告有任何疑问，请与{body}办公室联系。",
)
_OVERVIEW = (
    "{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "扎实推进政府信息公开工作。",
    "（一）主动公开情况。全年通过门户网站主动公开政府信息{n}条，发布政策解读材料{m}篇。",
    "（三）政府信息管理。严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则。",
    "（四）平台建设。持续优化政府门户网站信息公开专栏，新增“政策解读”“办事服务”等子栏目。",
    "（五）监督保障。将政府信息公开工作纳入年度绩效考核，每季度开展一次网站内容检查。",
)
_ACTIVE = ("{year}年，本机关按照《条例》第二十条的规定主动公开政府信息，相关数据统计如下。",)
_APPLICATIONS = ("{year}年，本机关收到和处理政府信息公开申请的情况统计如下。",)
_REVIEW = ("被纠正的案件主要是答复告知内容不够完整，本机关已按复议决定重新作出答复。",)
_PROBLEMS = (
    "（一）存在的主要问题",
    "{year}年，本机关政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读形式较为单一；"
    "二是信息发布的及时性有待提高。",
    "（二）改进措施",
    "下一步，本机关将进一步完善政府信息公开工作机制，加强业务培训，提升依法公开能力。",
)
_OTHER = (
    "（一）信息处理费收取情况。本年度未收取信息处理费。",
    "（二）人大代表建议和政协提案办理情况。全年承办人大代表建议{n}件、政协委员提案{m}件，均已按期办结。",
    "本机关无其他需要报告的事项。",
)
_PROSE = {
    "overview": _OVERVIEW,
    "active_disclosure": _ACTIVE,
    "applications": _APPLICATIONS,
    "review_litigation": _REVIEW,
    "problems": _PROBLEMS,
    "other_matters": _OTHER,
}


class _Noise:
    """The :class:`gkparse.rendering.Choices` of messy text.

    Hundreds of small choices go into one text; drawing each from hypothesis
    would cost more than parsing the text. Hypothesis draws the noise level
    (1 to 3: how often each kind of noise happens) and a seed, and a seeded
    random generator makes the choices, so that an example is reproducible
    and its level shrinks.
    """

    def __init__(self, level: int, seed: int) -> None:
        self._level = level
        self._random = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return options[self._random.randrange(len(options))]

    def chance(self, percent: int) -> bool:
        return self._random.randrange(200) < percent * self._level


def layouts() -> st.SearchStrategy[str]:
    """One of :data:`gkparse.LAYOUTS`.

    Example: your table reader copes with every layout::

        @given(layouts(), reports())
        def test_my_reader(layout, report):
            text = gkparse.render(report.table("review_litigation"), layout)
            assert my_reader(text)[0] == report.cell("review_litigation.review.upheld").value
    """
    return st.sampled_from(LAYOUTS)


def reports(edition: str | None = None, consistent: bool | None = None) -> st.SearchStrategy[Report]:
    """Reports of the format's ``edition`` ("2019", "2021"; None: either).

    Each is a report ``gkparse.parse`` can give: a title "<body><year>年政府信息公开工作年度报告",
    a preamble, all six sections with prose, and all three tables with a
    cell for every fact key of the edition (2021 reports sometimes keep the
    2019 table 3). Counts run from 0 to large, cells may be blank
    (placeholders such as "—" or "/", whole total columns, whole tables),
    money comes with "万元", in "元" or without a unit, changes are signed.
    ``problems`` is empty: parsing the report's text finds nothing wrong.

    ``consistent=True`` satisfies every cross-footing rule (T3-COLUMN,
    T3-HANDLED, T3-ROW, T4-GROUP, T2-NONNEG, T2-PUBLISHED, T2-ITEMS, and the
    figures quoted in sections 一 and 四); ``False`` breaks at least one of
    them, with its cells filled in (see :data:`BREAKABLE_RULES`); None: either.

    Example: your own checker of 勾稽关系 accepts every consistent report::

        @given(reports(consistent=True))
        def test_my_checker(report):
            assert my_checker(report.facts()) == []
    """
    known = {name: name for name in d.EDITIONS}
    if edition is not None and edition not in known:
        raise ValueError(f"unknown edition {edition!r}; known: {', '.join(d.EDITIONS)}")
    return _reports(known[edition] if edition is not None else None, consistent)


def report_texts(layout: str | None = None, messy: bool = True) -> st.SearchStrategy[tuple[str, Report]]:
    """``(text, report)``: a report from :func:`reports` and its text in ``layout``
    (None: any of :data:`gkparse.LAYOUTS`).

    With ``messy`` the text carries the noise converters and authors add,
    none of which changes what the report says: spaces and line breaks
    inside labels, full- and half-width brackets and digits, "1." / "1、"
    numbering, variant characters (釆购, ASCII quotes), ``[bookmark: …]``
    lines, page numbers between table rows, group labels on their own row
    or sharing a row, merged cells repeated, trailing tabs, CRLF line ends,
    a byte order mark, titles spaced out or broken over two lines, and
    every kind of placeholder for a blank. ``gkparse.parse(text)`` gives
    the report's facts, cell states and units, title, body, year, edition,
    publication date and sections (the raw text of cells, and the white
    space of the preamble, may differ).

    Example: fuzz your own extractor against what the text really says::

        @given(report_texts())
        def test_my_extractor(pair):
            text, report = pair
            assert my_extractor(text)["year"] == report.year
    """
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    return _report_texts(layout, messy)


def raw_texts(layout: str | None = None) -> st.SearchStrategy[str]:
    """Strings the grammar of ``layout`` (None: any layout) accepts, from
    ``hypothesis.extra.lark.from_lark``, over an alphabet of report
    characters, tabs, line breaks and delimiters: table-shaped noise.

    Example: your function never raises on anything table-like::

        @given(raw_texts("pipe"))
        def test_my_function_is_total(text):
            my_function(text)
    """
    if layout is None:
        return st.one_of(*(raw_texts(name) for name in LAYOUTS))
    return from_lark(build_parser(get_layout(layout).grammar, cached=False), alphabet=_ALPHABET)


def mutated_texts(texts: Sequence[str], most: int = 4) -> st.SearchStrategy[str]:
    """One of ``texts`` (real reports, as your converters left them) with up
    to ``most`` mutations of stretches of it: deleted, duplicated elsewhere,
    reversed, or replaced by a few characters of report text (digits, CJK,
    tabs, pipes, line breaks). The mutations are what crawlers, converters
    and careless edits do to a file; what ``parse`` makes of the result is
    anybody's guess, but it must keep its promises on it.

    Example: whatever ``parse`` reads from a damaged file survives JSON::

        @given(mutated_texts([Path("report.txt").read_text()]))
        def test_json_keeps_the_facts(text):
            report = gkparse.parse(text)
            assert gkparse.from_json(gkparse.to_json(report)).facts() == report.facts()
    """
    if not texts:
        raise ValueError("mutated_texts() needs at least one text to mutate")
    return st.builds(
        _mutate,
        st.sampled_from(list(texts)),
        st.lists(
            st.tuples(st.sampled_from(_MUTATIONS), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)),
            max_size=most,
        ),
        st.text(_ALPHABET, max_size=8),
    )


_MUTATIONS = ("delete", "duplicate", "reverse", "replace")


def _mutate(text: str, mutations: list[tuple[str, float, float, float]], noise: str) -> str:
    for kind, at, size, to in mutations:
        start = int(at * len(text))
        end = min(len(text), start + int(size * min(len(text), 400)))
        piece = text[start:end]
        if kind == "delete":
            text = text[:start] + text[end:]
        elif kind == "duplicate":
            where = int(to * len(text))
            text = text[:where] + piece + text[where:]
        elif kind == "reverse":
            text = text[:start] + piece[::-1] + text[end:]
        else:
            text = text[:start] + noise + text[end:]
    return text


def _label_characters() -> str:
    labels: list[str] = [
        d.ACTIVE_DISCLOSURE_BLOCK_HEADING,
        d.ACTIVE_DISCLOSURE_HEADER,
        *d.APPLICATION_HEADERS,
    ]
    for blocks in d.ACTIVE_DISCLOSURE_BLOCKS.values():
        for block in blocks:
            labels += [label.label for label in (*block.rows, *block.columns)]
    for rows in d.APPLICATION_ROWS.values():
        labels += [row.label for row in rows]
    labels += [label.label for label in (*d.APPLICATION_GROUPS, *d.REVIEW_GROUPS, *d.REVIEW_COLUMNS)]
    return "".join(labels)


# Report characters plus the layouts' delimiters, white space and debris.
_EXTRA_CHARACTERS = "\t\n\r \u3000\xa0\ufeff|-:\\/.,+0123456789\uff10\uff11\uff12万元—第页[]#*"
_ALPHABET = st.sampled_from(sorted(set(_label_characters() + _EXTRA_CHARACTERS)))


# ----------------------------------------------------------------- reports
class _Counts:
    """Counts for the tables, from a seeded generator.

    A report has some two hundred counts; drawing each from hypothesis would
    cost more than parsing the report. Hypothesis draws the scale (shrinking
    to 0: every count 0) and the seed.
    """

    def __init__(self, scale: int, seed: int) -> None:
        self.scale = scale
        self._random = random.Random(seed)

    def __call__(self, low: int = 0) -> int:
        """A count from ``low`` up to the scale, or 0 (one time in four: reports are full of zeros)."""
        if self.scale == 0 or self._random.randrange(4) == 0:
            return max(low, 0)
        return self._random.randint(low, self.scale)


@st.composite
def _money(draw: st.DrawFn, scale: int, header_unit: str | None) -> tuple[Decimal, str, Unit]:
    """A money amount: its value in 万元, its raw text and its unit."""
    form = draw(st.sampled_from(["wan", "bare", "yuan"]))
    if form == "yuan":
        yuan = draw(st.integers(0, scale * 10_000))
        return Decimal(yuan).scaleb(-4), f"{yuan}元", WAN_YUAN
    places = draw(st.integers(0, 2))
    number = format(Decimal(draw(st.integers(0, scale * 10**places))).scaleb(-places), "f")
    unit: Unit = WAN_YUAN if form == "wan" or header_unit == WAN_YUAN else UNIT_NOT_STATED
    raw = f"{number}{WAN_YUAN}" if form == "wan" else number
    return Decimal(number), raw, unit


def _signed_raw(draw: st.DrawFn, value: int) -> str:
    if value > 0:
        return draw(st.sampled_from([str(value), f"+{value}", f"增加{value}"]))
    if value < 0:
        return draw(st.sampled_from([str(value), f"减少{-value}"]))
    return "0"


def _free_counts(count: _Counts, keys: dict[TableKey, tuple[str, ...]]) -> dict[str, int]:
    """A count for every count cell (money is drawn with the cells); signed
    columns may be negative. The rules are not yet satisfied."""
    values: dict[str, int] = {}
    for table_keys in keys.values():
        for key in table_keys:
            column = column_of(key)
            if column not in d.MONEY_COLUMNS:
                values[key] = count(-count.scale) if column in d.SIGNED_COLUMNS else count()
    return values


def _rows(keys: dict[TableKey, tuple[str, ...]]) -> dict[TableKey, list[str]]:
    return {
        table: list(dict.fromkeys(split_key(key)[1] for key in table_keys))
        for table, table_keys in keys.items()
    }


def _satisfy(values: dict[str, int], keys: dict[TableKey, tuple[str, ...]], edition: Edition) -> None:
    """Derive each equation's solved term, over and over, until every equation
    rule of the catalogue holds (a few rounds: the equations share cells)."""
    rows = _rows(keys)
    for _ in range(10):
        before = dict(values)
        for rule in _EQUATIONS[edition]:
            assert rule.equation is not None
            for key, _label in instances(rule.equation, rows[rule.equation.table]):
                satisfy(rule.equation, key, rows[rule.equation.table], values)
        if values == before:
            return
    raise AssertionError("the catalogue's equations did not settle")  # pragma: no cover


def _keys(edition: Edition, variant: Edition) -> dict[TableKey, tuple[str, ...]]:
    return {
        d.ACTIVE_DISCLOSURE: d.active_disclosure_keys(edition),
        d.APPLICATIONS: d.application_keys(variant),
        d.REVIEW_LITIGATION: d.review_keys(),
    }


@st.composite
def _blanks(draw: st.DrawFn, keys: dict[TableKey, tuple[str, ...]]) -> set[str]:
    """The cells left blank: none, a few, the total columns, or a whole table."""
    every = [key for table in keys.values() for key in table]
    mode = draw(st.sampled_from(["none", "some", "totals", "table"]))
    blank: set[str] = set()
    if mode == "none":
        return blank
    if mode == "totals":
        blank |= {key for key in every if key.endswith(".total") and not key.startswith(d.ACTIVE_DISCLOSURE)}
    if mode == "table":
        blank |= set(keys[draw(st.sampled_from(sorted(keys)))])
    return blank | draw(st.sets(st.sampled_from(every), max_size=12))


def _break(
    draw: st.DrawFn,
    rule_id: str,
    edition: Edition,
    keys: dict[TableKey, tuple[str, ...]],
    values: dict[str, int],
) -> tuple[str, ...]:
    """Break one rule in ``values``; the keys the rule then reads (they must not be blank)."""
    delta = draw(st.integers(1, 9))
    rule = next((rule for rule in _EQUATIONS[edition] if rule.id == rule_id), None)
    if rule is not None and rule.equation is not None:
        rows = _rows(keys)[rule.equation.table]
        instance = draw(st.sampled_from([key for key, _ in instances(rule.equation, rows)]))
        break_instance(rule.equation, instance, rows, values, delta)
        left, right = instance_keys(rule.equation, instance, rows)
        return tuple(key for key, _ in left + right)
    if rule_id == "T2-NONNEG":
        counts = [
            key
            for key in keys[d.ACTIVE_DISCLOSURE]
            if column_of(key) not in d.MONEY_COLUMNS | d.SIGNED_COLUMNS
        ]
        key = draw(st.sampled_from(counts))
        values[key] = -delta
        return (key,)
    raise ValueError(f"unknown rule {rule_id!r}")  # pragma: no cover


def _cells(
    draw: st.DrawFn,
    edition: Edition,
    keys: dict[TableKey, tuple[str, ...]],
    values: dict[str, int],
    blank: set[str],
    scale: int,
) -> tuple[Table, ...]:
    placeholder = draw(st.sampled_from(PLACEHOLDERS))
    header_unit = WAN_YUAN if edition == "2021" else None
    tables = []
    for table, table_keys in keys.items():
        cells = []
        for key in table_keys:
            column = key.rsplit(".", 1)[1]
            money = column in d.MONEY_COLUMNS
            if key in blank:
                cells.append(Cell(key, None, placeholder, BLANK, UNIT_NOT_STATED if money else None))
            elif money:
                amount, raw, unit = draw(_money(scale, header_unit))
                cells.append(Cell(key, amount, raw, VALUE, unit))
            else:
                value = values[key]
                raw = _signed_raw(draw, value) if column in d.SIGNED_COLUMNS else str(value)
                cells.append(Cell(key, value, raw, VALUE))
        tables.append(Table(table, tuple(cells)))
    return tuple(tables)


def _figure(tables: Sequence[Table], key: str) -> int | None:
    for table in tables:
        for cell in table.cells:
            if cell.key == key:
                return cell.value if isinstance(cell.value, int) else None
    return None


def _quotes(
    draw: st.DrawFn, tables: Sequence[Table], year: int, wrong: bool
) -> tuple[str | None, str | None]:
    """Sentences of sections 一 and 四 that quote table figures (TXT-*); with
    ``wrong``, one quoted figure differs from its cell."""
    t3, t4 = d.APPLICATIONS, d.REVIEW_LITIGATION
    new = _figure(tables, f"{t3}.new.total")
    over = _figure(tables, f"{t3}.carried_over.total")
    forward = _figure(tables, f"{t3}.carried_forward.total")
    review = _figure(tables, f"{t4}.review.total")
    direct = _figure(tables, f"{t4}.suit_direct.total")
    after = _figure(tables, f"{t4}.suit_after_review.total")
    suits = None if direct is None or after is None else direct + after
    figures = {"new": new, "over": over, "forward": forward, "review": review, "suits": suits}
    quoted = {name for name, value in figures.items() if value is not None and draw(st.booleans())}
    if wrong:
        name = draw(st.sampled_from(sorted(name for name, value in figures.items() if value is not None)))
        quoted.add(name)
        figures[name] = (figures[name] or 0) + draw(st.integers(1, 9))
    parts = []
    if "new" in quoted:
        parts.append(f"全年共收到政府信息公开申请{figures['new']}件")
    if "over" in quoted:
        parts.append(f"上年结转{figures['over']}件")
    if "forward" in quoted:
        parts.append(f"结转下年度继续办理{figures['forward']}件")
    overview = "（二）依申请公开情况。" + "，".join(parts) + "。" if parts else None
    cases = []
    if "review" in quoted:
        cases.append(f"行政复议{figures['review']}件")
    if "suits" in quoted:
        cases.append(f"行政诉讼{figures['suits']}件")
    review_text = f"{year}年，本机关发生政府信息公开" + "、".join(cases) + "。" if cases else None
    return overview, review_text


def _prose(draw: st.DrawFn, options: Sequence[str], **fields: object) -> list[str]:
    """Some of ``options``, in order, filled in."""
    chosen = [option for option in options if draw(st.booleans())]
    return [option.format(**fields) for option in chosen]


@st.composite
def _reports(draw: st.DrawFn, wanted: Edition | None, consistent: bool | None) -> Report:
    edition: Edition = wanted if wanted is not None else draw(st.sampled_from(d.EDITIONS))
    consistent = draw(st.booleans()) if consistent is None else consistent
    # Some 2021-edition reports still print the 2019 table 3 (one 其他处理 row).
    variant: Edition = "2019" if edition == "2019" or draw(st.integers(0, 9)) == 9 else "2021"
    year = draw(st.sampled_from(_YEARS[edition]))
    body = draw(st.sampled_from(_PLACES)) + draw(st.sampled_from(_UNITS))
    title = f"{body}{year}年政府信息公开工作年度报告"
    scale = draw(st.sampled_from([0, 3, 30, 500, 100_000]))
    count = _Counts(scale, draw(st.integers(0, 2**32 - 1)))

    keys = _keys(edition, variant)
    values = _free_counts(count, keys)
    _satisfy(values, keys, edition)
    blank = draw(_blanks(keys))
    broken: list[str] = []
    if not consistent:
        broken = draw(
            st.lists(st.sampled_from(BREAKABLE_RULES[edition]), min_size=1, max_size=3, unique=True)
        )
        for rule in broken:
            if rule != "TXT":
                blank -= set(_break(draw, rule, edition, keys, values))
        if "TXT" in broken:
            quotable = [f"{d.APPLICATIONS}.{row}.total" for row in ("new", "carried_over", "carried_forward")]
            blank -= {draw(st.sampled_from(quotable))}
    tables = _cells(draw, edition, keys, values, blank, scale)
    overview_quote, review_quote = _quotes(draw, tables, year, "TXT" in broken)

    fields = {"body": body, "year": year, "n": count(), "m": count()}
    texts = {key: _prose(draw, _PROSE[key], **fields) for key in SECTION_KEYS}
    if overview_quote:
        texts["overview"].insert(min(1, len(texts["overview"])), overview_quote)
    if review_quote:
        texts["review_litigation"].insert(0, review_quote)
    published = None
    if draw(st.booleans()):
        published = datetime.date(year + 1, draw(st.integers(1, 3)), draw(st.integers(1, 28)))
        texts["other_matters"] += [body, f"{published.year}年{published.month}月{published.day}日"]
    sections = tuple(
        Section(
            key,
            f"{_ORDINALS[index]}、{draw(st.sampled_from(_HEADINGS[key]))}",
            "\n".join(texts[key]),
        )
        for index, key in enumerate(SECTION_KEYS)
    )
    preamble = "\n".join([title, *_prose(draw, _PREAMBLE, **fields)])
    return Report(
        title=title,
        body=body,
        year=year,
        published=published,
        edition=edition,
        preamble=preamble,
        sections=sections,
        tables=tables,
        problems=(),
    )


@st.composite
def _report_texts(draw: st.DrawFn, layout_name: str | None, messy: bool) -> tuple[str, Report]:
    report = draw(_reports(None, None))
    name = layout_name or draw(layouts())
    choices: Choices = _Noise(draw(st.integers(1, 3)), draw(st.integers(0, 2**32 - 1)))
    text = render_with(report, name, choices) if messy else render(report, name)
    return text, report
