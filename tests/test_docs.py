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


def test_the_screenshots_are_there() -> None:
    """docs/data.md shows a clean seed and seed 004 as headless Chromium draws them."""
    page = (REPOSITORY / "docs" / "data.md").read_text(encoding="utf-8")
    for name in ("seed-000.png", "seed-004.png"):
        assert f"(screenshots/{name})" in page
        data = (REPOSITORY / "docs" / "screenshots" / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(data[16:20], "big")
        assert width >= 800


def test_the_notebook_loads_the_seeds_and_plots() -> None:
    """The notebook the docs build executes: valid nbformat 4, no stored outputs, one figure."""
    import json

    notebook = json.loads((REPOSITORY / "docs" / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell["outputs"] == [] for cell in code)
    source = "\n".join("".join(cell["source"]) for cell in code)
    for call in ("gkparse.show(", "gkparse.to_dataframe(", "gkparse.findings_dataframe(", ".plot.bar("):
        assert call in source


def test_the_docs_build_is_configured_to_fail_on_warnings_and_run_the_notebook() -> None:
    run = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
    assert "sphinx-build -W" in run
    conf = (REPOSITORY / "docs" / "conf.py").read_text(encoding="utf-8")
    assert 'nb_execution_mode = "force"' in conf
    assert "nb_execution_raise_on_error = True" in conf
    assert "sphinx.ext.autodoc" in conf
