"""No regular expression of gkparse backtracks catastrophically (issue 17).

Every regex literal in ``src/`` and every ``/regex/`` terminal of the lark
grammars is checked with regexploit, which finds the patterns whose matching
time grows as a power of the input's length (ReDoS). A text of a million
characters must not meet one.
"""

from __future__ import annotations

import ast
import re
import warnings

import pytest

from tests.helpers import REPOSITORY

with warnings.catch_warnings():  # regexploit imports sre_parse, deprecated since Python 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    from regexploit.ast.sre import SreOpParser
    from regexploit.languages.python_node_visitor import PythonNodeVisitor
    from regexploit.redos import find

_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
_TERMINAL = re.compile(r"(?<![\w\"])/((?:[^/\n\\]|\\.)+)/[imslux]*")


def _patterns() -> list[tuple[str, str, int]]:
    found: list[tuple[str, str, int]] = []
    for path in sorted((REPOSITORY / "src").rglob("*.py")):
        visitor = PythonNodeVisitor()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += [(path.name, regex.pattern, regex.flags) for regex in visitor.patterns]
    for path in sorted((REPOSITORY / "grammars").rglob("*.lark")):
        grammar = _COMMENT.sub("", path.read_text(encoding="utf-8"))
        found += [(path.name, match.group(1), 0) for match in _TERMINAL.finditer(grammar)]
    return found


PATTERNS = _patterns()


def test_the_patterns_are_found() -> None:
    names = {name for name, _, _ in PATTERNS}
    assert {"stream.lark", "values.lark", "headings.lark", "labels.py"} <= names
    assert len(PATTERNS) > 50


@pytest.mark.parametrize(
    ("name", "pattern", "flags"), PATTERNS, ids=[f"{n}:{p[:30]}" for n, p, _ in PATTERNS]
)
def test_no_pattern_backtracks_catastrophically(name: str, pattern: str, flags: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = SreOpParser().parse_sre(pattern, flags)
        except re.error:
            pytest.skip("a string that is no regex")
        assert [redos.starriness for redos in find(parsed)] == []
