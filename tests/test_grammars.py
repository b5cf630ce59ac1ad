"""The grammars build as LALR without conflicts or terminal collisions."""

from __future__ import annotations

import pytest
from lark import Lark

from gkparse.grammars import GRAMMAR_NAMES, grammar_dir, grammar_text, parser


@pytest.mark.parametrize("name", GRAMMAR_NAMES)
def test_grammar_is_strict_lalr(name: str) -> None:
    """strict=True raises on shift/reduce conflicts and regex collisions (via interegular)."""
    Lark(grammar_text(name), parser="lalr", strict=True, import_paths=[str(grammar_dir())])


def test_every_grammar_file_is_known() -> None:
    files = {path.stem for path in grammar_dir().glob("*.lark")}
    assert files == {*GRAMMAR_NAMES, "gk_terminals"}


def test_parsers_are_built_once() -> None:
    assert parser("tab") is parser("tab")


def test_unknown_grammar() -> None:
    with pytest.raises(ValueError, match="unknown grammar 'html'"):
        parser("html")
