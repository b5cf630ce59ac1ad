"""Labels reduced to what identifies them, so that converters' variants compare equal."""

from __future__ import annotations

import functools
import re
import unicodedata

# Line breaks that markdown converters keep inside a cell (markitdown,
# pymupdf4llm: "（六）其他<br>处理"), and HTML's non-breaking space.
_MARKUP_BREAKS = re.compile(r"<br\s*/?>|&nbsp;", re.IGNORECASE)

# Characters that converters and authors swap for one another in labels.
_LABEL_VARIANTS = str.maketrans(
    {
        "釆": "采",  # 釆购 for 采购
        "、": ".",  # "1、" for "1."
        "。": ".",
        "“": None,
        "”": None,
        "\u2018": None,  # left single quotation mark
        "\u2019": None,  # right single quotation mark
        '"': None,
        "'": None,
        "「": None,
        "」": None,
        "\u200b": None,  # zero-width space
    }
)


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label reduced to what identifies it.

    Full-width and half-width forms are unified (NFKC), white space and line
    breaks inside the label are removed, quotes are dropped and variant
    characters replaced, so "（三） 不予公开" and "(三)不予公开" compare equal;
    a ``<br>`` inside a cell is a line break like any other.
    """
    folded = unicodedata.normalize("NFKC", _MARKUP_BREAKS.sub(" ", text)).translate(_LABEL_VARIANTS)
    return "".join(folded.split())


#: A label's ordinal after :func:`label_key`: "1.", "(三)", "四.".
_ORDINAL = re.compile(r"^([0-9]+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.)")


def ordinal_and_core(label: str) -> tuple[str, str]:
    """A label keyed, cut into its ordinal ("2", "(三)", or "") and the rest."""
    key = label_key(label)
    match = _ORDINAL.match(key)
    if match is None:
        return "", key
    return match.group(1).rstrip("."), key[match.end() :]


_PLACEHOLDER_LABEL = re.compile(r"Col[0-9]+")


def placeholder_label(text: str) -> bool:
    """A header cell a converter made up for an empty one (pymupdf4llm's "Col3")."""
    return _PLACEHOLDER_LABEL.fullmatch(text.strip()) is not None
