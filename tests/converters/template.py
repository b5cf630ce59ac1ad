"""The official template of the three tables (editions 2019 and 2021 of the format).

Labels, fact keys and the merged cells of the template, as the format spec
(``report-format.md``) gives them. ``make.py`` builds Word and HTML tables from
it; the fixture test takes the valid fact keys from it.
"""

from __future__ import annotations

from typing import NamedTuple


class Block(NamedTuple):
    """A block of table 2: its heading, column labels (with colspans), rows and column keys."""

    heading: str
    columns: tuple[tuple[str, str, int], ...]  # (label, key, colspan)
    rows: tuple[tuple[str, str], ...]  # (label, key)


TABLE2_WIDTH = 4

TABLE2: dict[str, tuple[Block, ...]] = {
    "2019": (
        Block(
            "第二十条第（一）项",
            (
                ("本年新制作数量", "made", 1),
                ("本年新公开数量", "published", 1),
                ("对外公开总数量", "total_public", 1),
            ),
            (("规章", "regulations"), ("规范性文件", "normative_documents")),
        ),
        Block(
            "第二十条第（五）项",
            (
                ("上一年项目数量", "prev_items", 1),
                ("本年增/减", "change", 1),
                ("处理决定数量", "decisions", 1),
            ),
            (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")),
        ),
        Block(
            "第二十条第（六）项",
            (
                ("上一年项目数量", "prev_items", 1),
                ("本年增/减", "change", 1),
                ("处理决定数量", "decisions", 1),
            ),
            (("行政处罚", "penalties"), ("行政强制", "coercion")),
        ),
        Block(
            "第二十条第（八）项",
            (("上一年项目数量", "prev_items", 1), ("本年增/减", "change", 2)),
            (("行政事业性收费", "fees"),),
        ),
        Block(
            "第二十条第（九）项",
            (("采购项目数量", "items", 1), ("采购总金额", "amount", 2)),
            (("政府集中采购", "procurement"),),
        ),
    ),
    "2021": (
        Block(
            "第二十条第（一）项",
            (("本年制发件数", "issued", 1), ("本年废止件数", "repealed", 1), ("现行有效件数", "in_force", 1)),
            (("规章", "regulations"), ("行政规范性文件", "normative_documents")),
        ),
        Block("第二十条第（五）项", (("本年处理决定数量", "decisions", 3),), (("行政许可", "licensing"),)),
        Block(
            "第二十条第（六）项",
            (("本年处理决定数量", "decisions", 3),),
            (("行政处罚", "penalties"), ("行政强制", "coercion")),
        ),
        Block(
            "第二十条第（八）项",
            (("本年收费金额（单位：万元）", "amount", 3),),
            (("行政事业性收费", "fees"),),
        ),
    ),
}

MONEY_KEYS = ("active_disclosure.procurement.amount", "active_disclosure.fees.amount")

TABLE3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_COLUMNS = (
    ("自然人", "natural_person"),
    ("商业企业", "commercial"),
    ("科研机构", "research"),
    ("社会公益组织", "public_interest"),
    ("法律服务机构", "legal_services"),
    ("其他", "other_org"),
    ("总计", "total"),
)
RESULTS = "三、本年度办理结果"


class Row3(NamedTuple):
    """A row of table 3: key, its group label (None: a row of its own), and its leaf label."""

    key: str
    group: str | None
    label: str


_DENIED = (
    Row3("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    Row3("denied_prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    Row3("denied_security", "（三）不予公开", "3.危及“三安全一稳定”"),
    Row3("denied_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    Row3("denied_internal", "（三）不予公开", "5.属于三类内部事务信息"),
    Row3("denied_process", "（三）不予公开", "6.属于四类过程性信息"),
    Row3("denied_enforcement", "（三）不予公开", "7.属于行政执法案卷"),
    Row3("denied_query", "（三）不予公开", "8.属于行政查询事项"),
    Row3("unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    Row3("unable_needs_making", "（四）无法提供", "2.没有现成信息需要另行制作"),
    Row3("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    Row3("refused_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    Row3("refused_repeat", "（五）不予处理", "2.重复申请"),
    Row3("refused_publication", "（五）不予处理", "3.要求提供公开出版物"),
    Row3("refused_excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    Row3("refused_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
)
_OTHER_2021 = (
    Row3(
        "other_overdue_correction",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    Row3(
        "other_overdue_fee",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    Row3("other_other", "（六）其他处理", "3.其他"),
)
#: The result rows (under 三、本年度办理结果) of each variant of table 3.
TABLE3_RESULTS: dict[str, tuple[Row3, ...]] = {
    "2019": (
        Row3("granted", None, "（一）予以公开"),
        Row3("partly_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        *_DENIED,
        Row3("other_handling", None, "（六）其他处理"),
        Row3("handled_total", None, "（七）总计"),
    ),
    "2021": (
        Row3("granted", None, "（一）予以公开"),
        Row3("partly_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        *_DENIED,
        *_OTHER_2021,
        Row3("handled_total", None, "（七）总计"),
    ),
}
TABLE3_BEFORE = (
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
)
TABLE3_AFTER = (("carried_forward", "四、结转下年度继续办理"),)

TABLE4_GROUPS = (
    ("行政复议", "review"),
    ("未经复议直接起诉", "suit_direct"),
    ("复议后起诉", "suit_after_review"),
)
TABLE4_COLUMNS = (
    ("结果维持", "upheld"),
    ("结果纠正", "corrected"),
    ("其他结果", "other"),
    ("尚未审结", "pending"),
    ("总计", "total"),
)


def table2_keys(edition: str) -> list[str]:
    return [
        f"active_disclosure.{row}.{column}"
        for block in TABLE2[edition]
        for _, row in block.rows
        for _, column, _ in block.columns
    ]


def table3_keys(variant: str) -> list[str]:
    rows = [key for key, _ in TABLE3_BEFORE]
    rows += [row.key for row in TABLE3_RESULTS[variant]]
    rows += [key for key, _ in TABLE3_AFTER]
    return [f"applications.{row}.{column}" for row in rows for _, column in TABLE3_COLUMNS]


def table4_keys() -> list[str]:
    return [
        f"review_litigation.{group}.{column}" for _, group in TABLE4_GROUPS for _, column in TABLE4_COLUMNS
    ]


def valid_keys() -> frozenset[str]:
    """Every fact key of either edition (and of both variants of table 3)."""
    keys = table2_keys("2019") + table2_keys("2021") + table3_keys("2019") + table3_keys("2021")
    return frozenset(keys + table4_keys())
