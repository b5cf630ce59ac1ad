"""The format's three tables, as data.

Everything gkparse knows about the 2019 and 2021 editions of the annual
report's tables is written here: which rows and columns exist, the key of
each, and the phrases that identify their labels (after
:func:`gkparse.report.labels.label_key`; the longest phrase found in a label
wins). The interpreter (``gkparse.report.interpret``) reads these; it holds no labels of
its own. Source: ``shared/spec/report-format.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from gkparse.vocabulary import EDITIONS, Edition, TableKey, fact_key

__all__ = ["EDITIONS"]  # re-exported: the definitions are read with their editions


@attrs.frozen
class Label:
    """A row or column: its key, its label in the format, and the phrases
    that identify it in a normalised label."""

    key: str
    label: str
    phrases: tuple[str, ...]


@attrs.frozen
class Block:
    """A block of table 2 ("第二十条第（N）项"): its rows and columns."""

    item: str
    rows: tuple[Label, ...]
    columns: tuple[Label, ...]


def _l(key: str, label: str, *phrases: str) -> Label:
    return Label(key, label, phrases or (label,))


# ---------------------------------------------------------------- table 2
ACTIVE_DISCLOSURE: TableKey = "active_disclosure"

_MADE = _l("made", "本年新制作数量", "新制作")
_PUBLISHED = _l("published", "本年新公开数量", "新公开")
_TOTAL_PUBLIC = _l("total_public", "对外公开总数量", "公开总数")
_PREV_ITEMS = _l("prev_items", "上一年项目数量", "上一年项目", "上年项目")
_CHANGE = _l("change", "本年增/减", "增/减", "增减", "增(减)")
_DECISIONS_2019 = _l("decisions", "处理决定数量", "处理决定")
_ITEMS = _l("items", "采购项目数量", "采购项目")
_PROCUREMENT_AMOUNT = _l("amount", "采购总金额", "总金额", "采购金额")
_ISSUED = _l("issued", "本年制发件数", "制发件数", "制发")
_REPEALED = _l("repealed", "本年废止件数", "废止件数", "废止")
_IN_FORCE = _l("in_force", "现行有效件数", "现行有效")
_DECISIONS_2021 = _l("decisions", "本年处理决定数量", "本年处理决定")
_FEE_AMOUNT = _l("amount", "本年收费金额（单位：万元）", "收费金额")

_REGULATIONS = _l("regulations", "规章")
_NORMATIVE_2019 = _l("normative_documents", "规范性文件")
_NORMATIVE_2021 = _l("normative_documents", "行政规范性文件", "规范性文件")
_LICENSING = _l("licensing", "行政许可")
_OTHER_SERVICES = _l("other_services", "其他对外管理服务事项", "对外管理服务")
_PENALTIES = _l("penalties", "行政处罚")
_COERCION = _l("coercion", "行政强制")
_FEES = _l("fees", "行政事业性收费", "事业性收费")
_PROCUREMENT = _l("procurement", "政府集中采购", "集中采购")

ACTIVE_DISCLOSURE_BLOCKS: Mapping[Edition, tuple[Block, ...]] = MappingProxyType({
    "2019": (
        Block("一", (_REGULATIONS, _NORMATIVE_2019), (_MADE, _PUBLISHED, _TOTAL_PUBLIC)),
        Block("五", (_LICENSING, _OTHER_SERVICES), (_PREV_ITEMS, _CHANGE, _DECISIONS_2019)),
        Block("六", (_PENALTIES, _COERCION), (_PREV_ITEMS, _CHANGE, _DECISIONS_2019)),
        Block("八", (_FEES,), (_PREV_ITEMS, _CHANGE)),
        Block("九", (_PROCUREMENT,), (_ITEMS, _PROCUREMENT_AMOUNT)),
    ),
    "2021": (
        Block("一", (_REGULATIONS, _NORMATIVE_2021), (_ISSUED, _REPEALED, _IN_FORCE)),
        Block("五", (_LICENSING,), (_DECISIONS_2021,)),
        Block("六", (_PENALTIES, _COERCION), (_DECISIONS_2021,)),
        Block("八", (_FEES,), (_FEE_AMOUNT,)),
    ),
})

#: Columns that hold money (exact decimals, normalised to 万元).
MONEY_COLUMNS = frozenset({"amount"})
#: Columns whose counts carry a sign.
SIGNED_COLUMNS = frozenset({"change"})

#: Words of table 2 that are neither rows nor columns.
ACTIVE_DISCLOSURE_BLOCK_HEADING = "第二十条"
ACTIVE_DISCLOSURE_HEADER = "信息内容"
ACTIVE_DISCLOSURE_CAPTIONS = ("主动公开政府信息情况",)

# ---------------------------------------------------------------- table 3
APPLICATIONS: TableKey = "applications"

APPLICATION_COLUMNS: tuple[Label, ...] = (
    _l("natural_person", "自然人"),
    _l("commercial", "商业企业"),
    _l("research", "科研机构"),
    _l("public_interest", "社会公益组织"),
    _l("legal_services", "法律服务机构"),
    _l("other_org", "其他"),
    _l("total", "总计"),
)

_NEW = _l("new", "一、本年新收政府信息公开申请数量", "本年新收")
_CARRIED_OVER = _l("carried_over", "二、上年结转政府信息公开申请数量", "上年结转")
_RESULTS_2019_HEAD = (
    _l("granted", "（一）予以公开", "予以公开"),
    _l("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _l("denied_state_secret", "1.属于国家秘密", "国家秘密"),
    _l("denied_prohibited", "2.其他法律行政法规禁止公开", "禁止公开"),
    _l("denied_security", "3.危及“三安全一稳定”", "三安全一稳定"),
    _l("denied_third_party", "4.保护第三方合法权益", "第三方合法权益"),
    _l("denied_internal", "5.属于三类内部事务信息", "内部事务信息"),
    _l("denied_process", "6.属于四类过程性信息", "过程性信息"),
    _l("denied_enforcement", "7.属于行政执法案卷", "行政执法案卷"),
    _l("denied_query", "8.属于行政查询事项", "行政查询事项"),
    _l("unable_not_held", "1.本机关不掌握相关政府信息", "不掌握相关政府信息"),
    _l("unable_needs_making", "2.没有现成信息需要另行制作", "另行制作"),
    _l("unable_unclear", "3.补正后申请内容仍不明确", "仍不明确"),
    _l("refused_complaint", "1.信访举报投诉类申请", "信访举报投诉"),
    _l("refused_repeat", "2.重复申请", "重复申请"),
    _l("refused_publication", "3.要求提供公开出版物", "公开出版物"),
    _l("refused_excessive", "4.无正当理由大量反复申请", "大量反复申请"),
    _l(
        "refused_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "重新出具已获取信息",
        "确认或重新出具",
    ),
)
OTHER_HANDLING = _l("other_handling", "（六）其他处理", "其他处理")
APPLICATION_OTHER_2021 = (
    _l(
        "other_overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "逾期不补正",
    ),
    _l(
        "other_overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "收费通知",
        "缴纳费用",
    ),
    _l("other_other", "3.其他", "其他"),
)
_HANDLED_TOTAL = _l("handled_total", "（七）总计", "总计")
_CARRIED_FORWARD = _l("carried_forward", "四、结转下年度继续办理", "结转下年度", "结转下一年度")

#: Table 3's rows, top to bottom, for each edition of the table.
APPLICATION_ROWS: Mapping[Edition, tuple[Label, ...]] = MappingProxyType({
    "2019": (_NEW, _CARRIED_OVER, *_RESULTS_2019_HEAD, OTHER_HANDLING, _HANDLED_TOTAL, _CARRIED_FORWARD),
    "2021": (
        _NEW,
        _CARRIED_OVER,
        *_RESULTS_2019_HEAD,
        *APPLICATION_OTHER_2021,
        _HANDLED_TOTAL,
        _CARRIED_FORWARD,
    ),
})

#: Group labels: no numbers of their own, numbers belong to the leaf rows.
#: 其他处理 is a group in the 2021 table and a leaf row in the 2019 one.
APPLICATION_GROUPS: tuple[Label, ...] = (
    _l("results", "三、本年度办理结果", "本年度办理结果", "办理结果"),
    _l("denied", "（三）不予公开", "不予公开"),
    _l("unable", "（四）无法提供", "无法提供"),
    _l("refused", "（五）不予处理", "不予处理"),
    _l("other", "（六）其他处理", "其他处理"),
)
#: The group a leaf must stand in to be read (3.其他 only under 其他处理).
APPLICATION_LEAF_GROUPS: Mapping[str, str] = MappingProxyType({"other_other": "other"})

#: Header and caption words of table 3: a row holding one is not a data row.
#: (总计 and 其他 are left out: the rows （七）总计 and 3.其他 hold them too.)
#: Header words that are also the whole phrase of a row label ("（七）总计",
#: "3.其他"): alone in a cell, they may be either.
BARE_HEADER_WORDS = frozenset({"总计", "其他"})

APPLICATION_HEADERS = (
    "申请人情况",
    "勾稽关系",
    "法人或其他组织",
    "收到和处理政府信息公开申请情况",
    *(column.label for column in APPLICATION_COLUMNS if column.key not in ("other_org", "total")),
)

# ---------------------------------------------------------------- table 4
REVIEW_LITIGATION: TableKey = "review_litigation"

REVIEW_GROUPS: tuple[Label, ...] = (
    _l("review", "行政复议"),
    _l("suit_direct", "行政诉讼 / 未经复议直接起诉", "未经复议直接起诉"),
    _l("suit_after_review", "行政诉讼 / 复议后起诉", "复议后起诉"),
)
REVIEW_COLUMNS: tuple[Label, ...] = (
    _l("upheld", "结果维持"),
    _l("corrected", "结果纠正"),
    _l("other", "其他结果"),
    _l("pending", "尚未审结"),
    _l("total", "总计"),
)
REVIEW_HEADERS = (
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    *(column.label for column in REVIEW_COLUMNS),
)

# ---------------------------------------------------------------- all tables
TABLE_KEYS: tuple[TableKey, ...] = (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION)

TABLE_TITLES: Mapping[TableKey, str] = MappingProxyType({
    ACTIVE_DISCLOSURE: "主动公开政府信息情况",
    APPLICATIONS: "收到和处理政府信息公开申请情况",
    REVIEW_LITIGATION: "政府信息公开行政复议、行政诉讼情况",
})

#: The section each table belongs to in the outline.
TABLE_SECTIONS: Mapping[TableKey, str] = MappingProxyType({key: key for key in TABLE_KEYS})


def _phrases(labels: tuple[Label, ...]) -> tuple[str, ...]:
    return tuple(phrase for label in labels for phrase in label.phrases)


#: Words that tell which table a row belongs to. Words shared by tables
#: (总计, 其他) are left out: they tell nothing.
TABLE_MARKERS: Mapping[TableKey, tuple[str, ...]] = MappingProxyType({
    ACTIVE_DISCLOSURE: (
        ACTIVE_DISCLOSURE_BLOCK_HEADING,
        ACTIVE_DISCLOSURE_HEADER,
        *ACTIVE_DISCLOSURE_CAPTIONS,
        *{
            phrase
            for blocks in ACTIVE_DISCLOSURE_BLOCKS.values()
            for block in blocks
            for phrase in _phrases(block.rows) + _phrases(block.columns)
        },
    ),
    APPLICATIONS: (
        *APPLICATION_HEADERS,
        *(p for p in _phrases(APPLICATION_ROWS["2021"] + (OTHER_HANDLING,)) if p not in ("其他", "总计")),
    ),
    REVIEW_LITIGATION: tuple(h for h in REVIEW_HEADERS if h != "总计"),
})


def active_disclosure_keys(edition: Edition) -> tuple[str, ...]:
    """Table 2's fact keys in one edition, in the order of the format."""
    return tuple(
        fact_key(ACTIVE_DISCLOSURE, row.key, column.key)
        for block in ACTIVE_DISCLOSURE_BLOCKS[edition]
        for row in block.rows
        for column in block.columns
    )


def application_keys(variant: Edition) -> tuple[str, ...]:
    """Table 3's fact keys for its 2019 or 2021 rows, row by row."""
    return tuple(
        fact_key(APPLICATIONS, row.key, column.key)
        for row in APPLICATION_ROWS[variant]
        for column in APPLICATION_COLUMNS
    )


def review_keys() -> tuple[str, ...]:
    """Table 4's fifteen fact keys, group by group."""
    return tuple(
        fact_key(REVIEW_LITIGATION, group.key, column.key)
        for group in REVIEW_GROUPS
        for column in REVIEW_COLUMNS
    )
