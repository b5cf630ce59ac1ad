"""The grammars build as LALR without conflicts or terminal collisions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lark import Lark

import gkparse
from gkparse.grids import grammars
from gkparse.grids.grammars import build_parser, cache_dir, grammar_dir, grammar_names, grammar_text, parser


@pytest.mark.parametrize("name", grammar_names())
def test_grammar_is_strict_lalr(name: str) -> None:
    """strict=True raises on shift/reduce conflicts and regex collisions (via interegular)."""
    Lark(grammar_text(name), parser="lalr", strict=True, import_paths=[str(grammar_dir())])


def test_every_grammar_file_is_known() -> None:
    layouts = {f"layouts/{name}" for name in gkparse.LAYOUTS}
    assert set(grammar_names()) == {"lines", "values", "headings", "stream", *layouts}


def test_each_layout_has_its_own_grammar_file() -> None:
    for name in gkparse.LAYOUTS:
        assert list((grammar_dir() / "layouts").rglob(f"{name}.lark")) == [
            grammar_dir() / "layouts" / f"{name}.lark"
        ]


def test_parsers_are_built_once() -> None:
    assert parser("layouts/tab") is parser("layouts/tab")
    assert build_parser(grammar_text("values")) is parser("values")


def test_unknown_grammar() -> None:
    with pytest.raises(ValueError, match="unknown grammar 'html'"):
        parser("html")
    with pytest.raises(ValueError, match="unknown grammar 'gk_terminals'"):
        parser("gk_terminals")


def test_built_parsers_are_kept_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKPARSE_CACHE_DIR", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    source = grammar_text("values") + "\n// a variant only this test builds\n"
    first = build_parser.__wrapped__(source)
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1
    again = build_parser.__wrapped__(source)  # loaded from the file
    assert again.parse("12").children == first.parse("12").children


def test_installs_with_their_own_grammar_folders_keep_their_own_cache_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lark checks a cache file against the grammars' folder too: two installs
    sharing one file would rebuild and overwrite it in turn."""
    monkeypatch.setenv("GKPARSE_CACHE_DIR", str(tmp_path / "cache"))
    other = tmp_path / "grammars"
    shutil.copytree(grammar_dir(), other)
    source = grammar_text("values")
    build_parser.__wrapped__(source)
    monkeypatch.setattr(grammars, "_grammar_folder", lambda: str(other))
    build_parser.__wrapped__(source)
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_an_empty_cache_folder_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKPARSE_CACHE_DIR", "")
    assert cache_dir() is None
    assert build_parser.__wrapped__(grammar_text("values")).parse("3") is not None
