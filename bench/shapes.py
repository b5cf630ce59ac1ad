"""Degenerate inputs for section 6: each a function of the scale (1, 4 or 16) giving the text.

Most shapes are about ``BASE_CHARS`` characters at scale 1 (the size of a
seed report, so that a quadratic path shows while x16 stays bounded); the
one-row tables have ``BASE_CELLS`` cells at scale 1, so 40,000 at x16.
Standard library only: the worker builds the text in its own process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

BASE_CHARS = 3000
BASE_CELLS = 2500
SCALES = (1, 4, 16)

Shape = Callable[[int], str]


def _run(character: str) -> Shape:
    """``character * n + "x"``: one line that is a run of one character."""
    return lambda scale: character * (BASE_CHARS * scale) + "x"


def _repeat(unit: str, head: str = "", tail: str = "") -> Shape:
    """``unit`` repeated to about ``BASE_CHARS * scale`` characters, between ``head`` and ``tail``."""
    return lambda scale: head + unit * max(1, BASE_CHARS * scale // len(unit)) + tail


def _tab_row(scale: int) -> str:
    return "\t".join(["0"] * (BASE_CELLS * scale)) + "\n"


def _pipe_row(scale: int) -> str:
    cells = BASE_CELLS * scale
    row = "| " + " | ".join(["0"] * cells) + " |\n"
    return row + "|" + " --- |" * cells + "\n" + row


def _cells_row(scale: int) -> str:
    return "\t0\n" * (BASE_CELLS * scale) + "\n"


def _grid_row(scale: int) -> str:
    cells = BASE_CELLS * scale
    border = "+" + "---+" * cells + "\n"
    return border + "|" + " 0 |" * cells + "\n" + border


def _html_row(scale: int) -> str:
    return "<table><tr>" + "<td>0</td>" * (BASE_CELLS * scale) + "</tr></table>\n"


def _lines_row(scale: int) -> str:
    return " ".join(["0"] * (BASE_CELLS * scale)) + "\n"


_SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"


def _reports(scale: int) -> str:
    """The seed reports run together, again and again, cut at ``BASE_CHARS * scale`` characters."""
    seeds = "".join(path.read_text(encoding="utf-8") for path in sorted(_SEEDS.glob("*.txt")))
    size = BASE_CHARS * scale
    return (seeds * (size // len(seeds) + 1))[:size]


_PIPE_HEADER = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | --- | --- | --- |\n"

#: The shapes, by name, in the order printed.
SHAPES: dict[str, Shape] = {
    "spaces": _run(" "),
    "tabs": _run("\t"),
    "NBSP": _run("\u00a0"),
    "U+3000": _run("\u3000"),
    "pipes": _run("|"),
    "dashes": _run("-"),
    "digits": _run("0"),
    "blank lines": _repeat("\n"),
    "short lines": _repeat("1\n"),
    "section headings": _repeat("三、收到和处理政府信息公开申请情况\n"),
    "labels": _repeat("（一）予以公开\n"),
    "table rows (tab)": _repeat("规章\t0\t0\t0\n"),
    "table rows (pipe)": _repeat("| 规章 | 0 | 0 | 0 |\n", head=_PIPE_HEADER),
    "outline numbers": _repeat("一、"),
    "HTML tags": _repeat("<td>0</td>"),
    "a page's paragraphs": _repeat("<p>一、总体情况</p><p>&nbsp;</p>"),
    "grid rules": _repeat("+----", tail="+\n"),
    "reports run together": _reports,
}

#: One row of ``BASE_CELLS * scale`` cells, by layout; a layout of gkparse.LAYOUTS not here is skipped.
WIDE_ROWS: dict[str, Shape] = {
    "tab": _tab_row,
    "pipe": _pipe_row,
    "cells": _cells_row,
    "grid": _grid_row,
    "html": _html_row,
    "lines": _lines_row,
}


def wide_row_name(layout: str) -> str:
    return f"one row, {BASE_CELLS * SCALES[-1]} cells ({layout})"


def shape(name: str) -> Shape:
    """The shape called ``name``: one of :data:`SHAPES` or a :func:`wide_row_name`."""
    if name in SHAPES:
        return SHAPES[name]
    for layout, row in WIDE_ROWS.items():
        if name == wide_row_name(layout):
            return row
    raise KeyError(name)
