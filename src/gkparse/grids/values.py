"""What one cell holds: a number, a placeholder, nothing, or text.

The value grammar (``grammars/values.lark``) decides; this module turns its
tree into a :class:`CellValue`. Results are cached per distinct text: a
report repeats "0" hundreds of times.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Final, Literal

import attrs
from lark import Token, Transformer
from lark.exceptions import LarkError

from gkparse.grids.grammars import parser
from gkparse.grids.text import cell_key

ValueKind = Literal["empty", "placeholder", "number", "page_number", "text"]
EMPTY: Final = "empty"
PLACEHOLDER: Final = "placeholder"
NUMBER: Final = "number"
PAGE_NUMBER: Final = "page_number"
TEXT: Final = "text"

_NEGATIVE_SIGNS = frozenset({"DASH", "DECREASE"})
_UNITS = frozenset({"WAN_YUAN", "YUAN", "COUNT_UNIT"})


@attrs.frozen
class CellValue:
    """A cell's text read as a value.

    ``kind`` is empty (nothing, or white space), placeholder (—, /, 无 …:
    "nothing entered"), number, page_number (converter debris) or text.
    For numbers, ``amount`` is exact and signed and ``unit`` is the unit
    written in the cell ("万元", "元", "件" …), if any; ``signed`` tells an
    explicit sign ("+3", "减少2") from a bare number.
    """

    kind: ValueKind
    amount: Decimal | None = None
    unit: str | None = None
    signed: bool = False


@functools.lru_cache(maxsize=4096)
def read_value(text: str) -> CellValue:
    """Read one cell's text; never raises."""
    key = cell_key(text)
    if not key:
        return CellValue(EMPTY)
    try:
        return _ValueReader().transform(parser("values").parse(key))
    except LarkError:
        return CellValue(TEXT)


class _ValueReader(Transformer[Token, CellValue]):
    """The value grammar's tree as a :class:`CellValue`."""

    def start(self, children: list[CellValue]) -> CellValue:
        return children[0]

    def number(self, tokens: list[Token]) -> CellValue:
        amount = Decimal(next(t for t in tokens if t.type == "AMOUNT").replace(",", ""))
        sign = tokens[0].type if tokens[0].type != "AMOUNT" else None
        unit = next((str(t) for t in tokens if t.type in _UNITS), None)
        return CellValue(NUMBER, -amount if sign in _NEGATIVE_SIGNS else amount, unit, sign is not None)

    def placeholder(self, tokens: list[Token]) -> CellValue:
        return CellValue(PLACEHOLDER)

    def page_number(self, tokens: list[Token]) -> CellValue:
        return CellValue(PAGE_NUMBER)


def is_page_number(text: str) -> bool:
    """Whether a line or cell is a page number a converter left ("- 3 -")."""
    return read_value(text).kind == PAGE_NUMBER
