"""Loading the lark grammars and building their parsers, once per process.

The ``.lark`` files live in the repository's top-level ``grammars/`` folder.
A wheel carries them inside the package (``gkparse/grammars``); an editable
install does not, so the loader falls back to the checkout's folder.
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from lark import Lark

GRAMMAR_NAMES = ("outline", "tab", "cells", "pipe", "value")


@functools.cache
def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files, in a wheel or in a checkout."""
    packaged = Path(str(importlib.resources.files("gkparse"))) / "grammars"
    if (packaged / "outline.lark").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "grammars"
    if (checkout / "outline.lark").is_file():
        return checkout
    raise FileNotFoundError(
        f"gkparse grammars not found in {packaged} or {checkout}; the installation is incomplete"
    )


def grammar_text(name: str) -> str:
    """The source of one grammar, e.g. ``grammar_text("tab")``."""
    return (grammar_dir() / f"{name}.lark").read_text(encoding="utf-8")


@functools.cache
def parser(name: str) -> Lark:
    """The LALR parser for one grammar, built on first use and then reused."""
    if name not in GRAMMAR_NAMES:
        raise ValueError(f"unknown grammar {name!r}; known: {', '.join(GRAMMAR_NAMES)}")
    return Lark(
        grammar_text(name),
        parser="lalr",
        lexer="contextual",
        import_paths=[str(grammar_dir())],
        maybe_placeholders=False,
    )
