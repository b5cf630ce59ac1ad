"""Every input the fuzz harness or the properties found once runs through the same checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.checks import check_text, text_of

from tests.helpers import REPOSITORY

FOUND = sorted(
    path for path in (REPOSITORY / "tests" / "fixtures" / "fuzz").iterdir() if path.suffix != ".md"
)


def test_there_are_regression_inputs() -> None:
    assert FOUND


@pytest.mark.parametrize("path", FOUND, ids=[path.name for path in FOUND])
def test_found_input_passes_every_check(path: Path) -> None:
    check_text(text_of(path.read_bytes()))
