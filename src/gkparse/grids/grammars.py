"""Loading the lark grammars and building their parsers, once per process.

The ``.lark`` files live in the repository's top-level ``grammars/`` folder:
``lines.lark`` and ``values.lark`` for the generic layer, one file per layout
under ``layouts/``, and the report layer's ``headings.lark``. A wheel carries
them inside the package (``gkparse/grammars``); an editable install does
not, so the loader falls back to the checkout's folder.
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from lark import Lark

#: Grammar files that only hold shared terminals for ``%import``.
LIBRARIES = frozenset({"gk_terminals"})


@functools.cache
def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files, in a wheel or in a checkout."""
    packaged = Path(str(importlib.resources.files("gkparse"))) / "grammars"
    if (packaged / "lines.lark").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "grammars"
    if (checkout / "lines.lark").is_file():
        return checkout
    raise FileNotFoundError(
        f"gkparse grammars not found in {packaged} or {checkout}; the installation is incomplete"
    )


def grammar_names() -> tuple[str, ...]:
    """Every grammar by its path under the grammar folder, without ``.lark``
    (``"lines"``, ``"layouts/tab"`` …), shared-terminal libraries left out."""
    root = grammar_dir()
    names = (path.relative_to(root).with_suffix("").as_posix() for path in root.rglob("*.lark"))
    return tuple(sorted(name for name in names if name not in LIBRARIES))


def grammar_text(name: str) -> str:
    """The source of one grammar, e.g. ``grammar_text("layouts/tab")``."""
    path = grammar_dir() / f"{name}.lark"
    if name in LIBRARIES or not path.is_file():
        raise ValueError(f"unknown grammar {name!r}; known: {', '.join(grammar_names())}")
    return path.read_text(encoding="utf-8")


@functools.cache
def build_parser(source: str) -> Lark:
    """The LALR parser for a grammar's source, built once per process."""
    return Lark(
        source,
        parser="lalr",
        lexer="contextual",
        import_paths=[str(grammar_dir())],
        maybe_placeholders=False,
    )


def parser(name: str) -> Lark:
    """The LALR parser of a grammar file, e.g. ``parser("values")``."""
    return build_parser(grammar_text(name))
