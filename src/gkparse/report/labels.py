"""Labels reduced to what identifies them, so that converters' variants compare equal."""

from __future__ import annotations

import functools
import unicodedata

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
    characters replaced, so "（三） 不予公开" and "(三)不予公开" compare equal.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_LABEL_VARIANTS)
    return "".join(folded.split())


