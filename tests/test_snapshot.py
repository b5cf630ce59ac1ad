"""Every fixture text reads as it did when ``tests/fixtures/snapshot.json``
was last written: facts, findings, grids and spans (see ``tests/snapshot.py``)."""

from __future__ import annotations

import pytest

from tests.snapshot import digest, fixture_texts, stored, text_of

_STORED = stored()


def test_every_fixture_text_has_a_digest() -> None:
    assert sorted(_STORED) == fixture_texts(), "a fixture came or went: run python -m tests.snapshot"


@pytest.mark.parametrize("name", fixture_texts())
def test_a_fixture_text_reads_as_the_snapshot_says(name: str) -> None:
    assert digest(text_of(name)) == _STORED.get(name), (
        f"{name} reads differently; if the change means it to, run python -m tests.snapshot"
    )
