"""The cross-footing rules (勾稽关系): the catalogue (data), the engine, the docs page."""

from gkparse.rules.catalogue import (
    PROSE_FIGURES,
    RULES,
    T2_ITEMS,
    T2_NONNEG,
    T2_PUBLISHED,
    T3_COLUMN,
    T3_HANDLED,
    T3_ROW,
    T4_GROUP,
    Y_INFORCE,
    Y_ITEMS,
    YEAR_CHAIN,
)
from gkparse.rules.docs import rules_markdown
from gkparse.rules.engine import ValidationError, check, iter_findings, validate, validate_series
from gkparse.rules.spec import Equation, Rule, Term

__all__ = [
    "PROSE_FIGURES",
    "RULES",
    "T2_ITEMS",
    "T2_NONNEG",
    "T2_PUBLISHED",
    "T3_COLUMN",
    "T3_HANDLED",
    "T3_ROW",
    "T4_GROUP",
    "YEAR_CHAIN",
    "Y_INFORCE",
    "Y_ITEMS",
    "Equation",
    "Rule",
    "Term",
    "ValidationError",
    "check",
    "iter_findings",
    "rules_markdown",
    "validate",
    "validate_series",
]
