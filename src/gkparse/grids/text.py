"""Normalising text before parsing, and cell text before reading its value.

Text normalisation never changes the length of the text, so every offset the
grammars report is an offset into the string the user passed in.
"""

from __future__ import annotations

import re
import unicodedata

from gkparse.grids.markup import is_page, page_prose

# One character for one character: line breaks that the grammars do not know
# become "\n" or a space, so offsets stay the offsets of the caller's string.
_SAME_LENGTH = str.maketrans(
    {
        "\r": "\n",  # a lone carriage return ends a line; "\r\n" is handled first
        "\f": "\n",  # pdftotext's page break
        "\v": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\ufeff": " ",  # byte order mark
    }
)
# Whether a text holds any of them: most do not, and translating would copy
# the whole text for nothing.
_TRANSLATED = re.compile("[" + "".join(chr(code) for code in _SAME_LENGTH) + "]")


def prepare(text: str) -> str:
    """The text the grammars read: same length as ``text``, ending with "\\n".

    "\\r\\n" becomes " \\n" (the carriage return turns into trailing white
    space), other line breaks become "\\n", and a final "\\n" is added when
    missing, just past the end of the caller's text. An HTML page has the
    markup outside its tables blanked, its paragraphs made lines
    (:mod:`gkparse.grids.markup`).
    """
    prepared = text.replace("\r\n", " \n")
    if _TRANSLATED.search(prepared):
        prepared = prepared.translate(_SAME_LENGTH)
    if is_page(prepared):
        prepared = page_prose(prepared)
    return prepared if prepared.endswith("\n") else prepared + "\n"


# A line break that markdown converters keep inside a cell: a number wrapped
# in a narrow cell ("14<br>39<br>4", pymupdf4llm) is still one number.
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def cell_key(text: str) -> str:
    """A cell's text as the value grammar reads it: NFKC, outer space and
    markdown ``<br>`` breaks removed."""
    return _CELL_BREAK.sub("", unicodedata.normalize("NFKC", text)).strip()
