"""Display width: how many terminal columns a text takes.

Converters that draw tables with characters (pandoc's grid tables) line
columns up by display width, not by character count: a CJK character takes
two columns (``unicodedata.east_asian_width`` wide or full-width), a
combining mark none, anything else one.
"""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=4096)  # a report holds a few hundred distinct characters, read many times
def char_width(char: str) -> int:
    """The display width of one character."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The display width of ``text`` (no line breaks in it)."""
    if text.isascii():  # every ASCII character takes one column
        return len(text)
    return sum(map(char_width, text))


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))
