"""Loading the lark grammars and building their parsers, once per process.

The ``.lark`` files live in the repository's top-level ``grammars/`` folder:
``lines.lark`` and ``values.lark`` for the generic layer, one file per layout
under ``layouts/``, and the report layer's ``headings.lark``. A wheel carries
them inside the package (``gkparse/grammars``); an editable install does
not, so the loader falls back to the checkout's folder.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import TYPE_CHECKING, Literal

import lark
from lark import Lark

if TYPE_CHECKING:
    from pathlib import Path

#: Grammar files that only hold shared terminals for ``%import``.
LIBRARIES = frozenset({"gk_terminals"})


def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files, in a wheel or in a checkout."""
    from pathlib import Path  # not at import: parsing needs only the folder's name

    return Path(_grammar_folder())


@functools.cache
def _grammar_folder() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(os.path.dirname(here), "grammars")  # the package's own folder
    checkout = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(here))), "grammars")
    for folder in (packaged, checkout):
        if os.path.isfile(os.path.join(folder, "lines.lark")):
            return folder
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
    path = os.path.join(_grammar_folder(), *f"{name}.lark".split("/"))
    if name in LIBRARIES or not os.path.isfile(path):
        raise ValueError(f"unknown grammar {name!r}; known: {', '.join(grammar_names())}")
    with open(path, encoding="utf-8") as file:
        return file.read()


@functools.cache
def build_parser(
    source: str, lexer: Literal["contextual", "basic"] = "contextual", *, cached: bool = True
) -> Lark:
    """The LALR parser for a grammar's source, built once per process.

    Lark's analysis of a grammar is kept in the user's cache folder
    (:func:`cache_dir`), keyed by the grammar, its imports, the options and
    lark's version, so a new process loads it instead of building it again.
    A parser loaded so has no ``grammar`` object; ``cached=False`` builds one
    that has (``hypothesis.extra.lark.from_lark`` needs it).
    """
    return Lark(
        source,
        parser="lalr",
        lexer=lexer,
        import_paths=[_grammar_folder()],
        maybe_placeholders=False,
        cache=_cache_file(source, lexer) if cached else False,
    )


def cache_dir() -> Path | None:
    """Where built parsers are kept: ``$GKPARSE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/gkparse`` (``~/.cache/gkparse``); None when
    ``GKPARSE_CACHE_DIR`` is set empty (no cache)."""
    from pathlib import Path

    folder = _cache_folder()
    return None if folder is None else Path(folder)


def _cache_folder() -> str | None:
    chosen = os.environ.get("GKPARSE_CACHE_DIR")
    if chosen == "":
        return None
    if chosen:
        return chosen
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache_home, "gkparse")


def _cache_file(source: str, lexer: str) -> str | bool:
    """The cache file of one grammar (lark checks its content against the
    grammar and its imports before using it); False when there is no folder
    to keep it in."""
    folder = _cache_folder()
    if folder is None:
        return False
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    # The folder is part of lark's own check (its import path): two installs
    # sharing one cache would otherwise overwrite each other's files.
    identity = f"{lark.__version__}\0{lexer}\0{_grammar_folder()}\0{source}"
    key = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return os.path.join(folder, f"{key}.lark")


def parser(name: str) -> Lark:
    """The LALR parser of a grammar file, e.g. ``parser("values")``."""
    return build_parser(grammar_text(name))
