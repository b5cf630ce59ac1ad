"""Every Python example in the docs and the README runs, as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.helpers import REPOSITORY

BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = [*sorted((REPOSITORY / "docs").glob("*.md")), REPOSITORY / "README.md"]
EXAMPLES = [
    pytest.param(block, id=f"{page.name}:{number}")
    for page in PAGES
    for number, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")), start=1)
]


@pytest.mark.parametrize("code", EXAMPLES)
def test_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPOSITORY)
    exec(compile(code, "<docs example>", "exec"), {"__name__": "docs_example"})


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 5
    assert Path(os.getcwd()).exists()
