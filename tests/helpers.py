"""Paths and loaders for the test fixtures."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
LAYOUT_FIXTURES = FIXTURES / "layouts"
REPOSITORY = Path(__file__).parent.parent


def seed_text(number: str) -> str:
    """The text of seed ``number`` ("000" … "004")."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def fixture_text(name: str) -> str:
    """A hand-made layout fixture by file name."""
    return (LAYOUT_FIXTURES / name).read_text(encoding="utf-8")
