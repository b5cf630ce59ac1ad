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


#: Table 3's columns, left to right, as the spec keys them (written out here,
#: not read from gkparse.definitions, so the tests check the definitions).
T3_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
    "total",
)

#: The outline's six sections in order, as the spec keys them.
SECTIONS = ["overview", "active_disclosure", "applications", "review_litigation", "problems", "other_matters"]
