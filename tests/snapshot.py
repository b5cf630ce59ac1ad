"""Digests of everything gkparse reads from each fixture text, kept in
``tests/fixtures/snapshot.json``.

Work meant to change nothing a user sees (making gkparse faster, lighter,
tidier) must leave every digest as it was: ``tests/test_snapshot.py`` holds
it to that. A change meant to read some text differently rewrites the
file::

    python -m tests.snapshot

and the file's diff names every text that now reads differently, for the
change's review to account for.

A digest covers the report whole, as it crosses processes (every fact,
section, grid and span, and how each value was placed), and every finding
of :func:`gkparse.validate` with its span. The texts are every text file
under ``tests/fixtures``: the seeds, the layout fixtures, the converters'
renderings of real and generated reports, the corpus and the real reports.
"""

from __future__ import annotations

import hashlib
import json
import sys

import gkparse
from tests.helpers import FIXTURES

SNAPSHOT = FIXTURES / "snapshot.json"

_SUFFIXES = (".txt", ".md", ".html")


def fixture_texts() -> list[str]:
    """Every fixture text, by its path under ``tests/fixtures`` (READMEs left out)."""
    paths = (
        path
        for path in FIXTURES.rglob("*")
        if path.is_file() and path.suffix in _SUFFIXES and not path.name.startswith("README")
    )
    return sorted(path.relative_to(FIXTURES).as_posix() for path in paths)


def digest(text: str) -> str:
    """What gkparse reads from ``text``, hashed."""
    report = gkparse.parse(text)
    findings = gkparse.validate(report)
    _, (state,) = report.__reduce__()  # the report as nested tuples of plain values
    read = repr(state) + "\n" + repr([(finding, finding.span) for finding in findings])
    return hashlib.sha256(read.encode("utf-8")).hexdigest()[:20]


def text_of(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8", errors="replace")


def stored() -> dict[str, str]:
    data: dict[str, str] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


def main() -> None:
    """Rewrite the snapshot from what this checkout reads, and say what changed."""
    old = stored() if SNAPSHOT.exists() else {}
    new = {name: digest(text_of(name)) for name in fixture_texts()}
    SNAPSHOT.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    changed = sorted(name for name in new.keys() & old.keys() if new[name] != old[name])
    for label, names in (("reads differently", changed), ("new", sorted(new.keys() - old.keys()))):
        for name in names:
            print(f"{label}: {name}")
    print(f"{len(new)} texts, {len(changed)} read differently", file=sys.stderr)


if __name__ == "__main__":
    main()
