"""Score gkparse on converter fixtures: facts read exactly, and wrong values, per converter family.

Usage (from the project root)::

    python -m tests.converters.score [--root tests/fixtures/converters] [--families lines,html] [--verbose]

A fact is exact when the parsed value equals the truth (money compared in 万元;
a blank cell must come back as None). A value is WRONG when it is there but
differs from the truth; None is never wrong. gkparse promises never to guess,
so the number of wrong values must stay 0 (the exit status is 1 otherwise).
Same comparison as the shared corpus's ``tools/score.py``.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import gkparse

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
ROOTS = (FIXTURES / "converters", FIXTURES / "corpus", FIXTURES / "real")

#: Converter family of each rendering, by file name.
FAMILIES: dict[str, str] = {
    "docx-tabs.txt": "tab",
    "markitdown.md": "pipe",
    "pymupdf4llm.md": "pipe",
    "pipe.md": "pipe+html",
    "source.html": "html",
    "docx2txt.txt": "lines",
    "lo-txt.txt": "lines",
    "pdftotext-raw.txt": "lines",
    "plain-pandoc.txt": "grid",
    "plain-pandoc3.txt": "grid",
    "pdftotext-layout.txt": "aligned",
    "pdfplumber.txt": "aligned",
    "pages.txt": "web",
    "web-pipes.txt": "web",
    "web-cell-pipe.txt": "web",
    "web-bar-lines.txt": "web",
    "web-blank-lines.txt": "web",
    "runs-spaced.txt": "runs",
    "runs-tight.txt": "runs",
    "found-crawler.txt": "runs",
}


@dataclass(frozen=True)
class Wrong:
    """A value gkparse read that differs from the truth."""

    case: str
    file: str
    key: str
    got: object
    want: object

    def __str__(self) -> str:
        return f"WRONG {self.case}/{self.file}: {self.key} = {self.got!r}, truth {self.want!r}"


@dataclass(frozen=True)
class FileScore:
    case: str
    file: str
    family: str
    right: int
    total: int
    wrong: tuple[Wrong, ...]
    missed: tuple[str, ...]


def cases(root: Path) -> list[Path]:
    """Case folders under ``root``: those with a truth.json."""
    return sorted(path.parent for path in root.glob("*/truth.json"))


def renderings(case: Path, families: Iterable[str] | None = None) -> list[str]:
    """File names in ``case`` that are scored (of ``families``, if given), in FAMILIES order."""
    chosen = set(families) if families else None
    return [
        name
        for name, family in FAMILIES.items()
        if (case / name).exists() and (chosen is None or family in chosen)
    ]


def load_truth(case: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    return data


def expected(truth: dict[str, object]) -> dict[str, object]:
    """Fact key -> truth value (money in 万元), blanks -> None."""
    facts = truth["facts"]
    units = truth.get("units") or {}
    assert isinstance(facts, dict)
    assert isinstance(units, dict)
    out: dict[str, object] = {}
    for key, value in facts.items():
        out[key] = Decimal(str(value)) / 10000 if units.get(key) == "元" else value
    blank = truth.get("blank") or []
    assert isinstance(blank, list)
    out.update(dict.fromkeys(blank))
    return out


def same(want: object, got: object) -> bool:
    if want is None or got is None:
        return want is None and got is None
    try:
        return Decimal(str(want)) == Decimal(str(got))
    except InvalidOperation:
        return str(want) == str(got)


@functools.lru_cache(maxsize=1024)
def _facts(path: Path) -> dict[str, object]:
    """The facts of one rendering, parsed once per process (the test modules
    of several layouts score the same fixtures)."""
    facts: dict[str, object] = dict(gkparse.parse(path.read_text(encoding="utf-8", errors="replace")).facts())
    return facts


def score_file(case: Path, name: str, want: dict[str, object] | None = None) -> FileScore:
    """Parse one rendering of ``case`` and compare it with the case's truth."""
    if want is None:
        want = expected(load_truth(case))
    facts = _facts(case / name)
    right = [key for key, value in want.items() if key in facts and same(value, facts[key])]
    wrong = tuple(
        Wrong(case.name, name, key, facts[key], value)
        for key, value in want.items()
        if facts.get(key) is not None and not same(value, facts[key])
    )
    missed = tuple(key for key in want if key not in set(right))
    return FileScore(case.name, name, FAMILIES[name], len(right), len(want), wrong, missed)


def score_files(root: Path, families: Iterable[str] | None = None) -> list[FileScore]:
    chosen = list(families) if families else None
    out = []
    for case in cases(root):
        want = expected(load_truth(case))
        out += [score_file(case, name, want) for name in renderings(case, chosen)]
    return out


def score(
    root: Path, families: Iterable[str] | None = None
) -> tuple[dict[str, tuple[int, int, int]], list[Wrong]]:
    """Per family (right, total, wrong) over every case under ``root``, and every wrong value."""
    tally: dict[str, tuple[int, int, int]] = {}
    wrong: list[Wrong] = []
    for result in score_files(root, families):
        r, t, w = tally.get(result.family, (0, 0, 0))
        tally[result.family] = (r + result.right, t + result.total, w + len(result.wrong))
        wrong += result.wrong
    return dict(sorted(tally.items())), wrong


def table(tally: dict[str, tuple[int, int, int]], label: str) -> list[str]:
    width = max((len(name) for name in tally), default=0)
    lines = [
        f"{family:{width}s} {100 * r / max(1, t):6.2f}% of {t} facts exact, {w} wrong"
        for family, (r, t, w) in sorted(tally.items())
    ]
    r, t, w = (sum(v[i] for v in tally.values()) for i in range(3))
    lines.append(f"{label}: {100 * r / max(1, t):.2f}% of {t} facts exact, {w} wrong")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.converters.score", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--root",
        action="append",
        type=Path,
        help=f"a folder of case folders (repeatable; default {ROOTS[0].relative_to(ROOT)})",
    )
    parser.add_argument("--families", default="", help="comma-separated families (default: all)")
    parser.add_argument("--verbose", action="store_true", help="also list files that miss facts")
    parser.add_argument(
        "--by-rendering", action="store_true", help="also tally each rendering (file name) on its own"
    )
    args = parser.parse_args(argv)
    families = [f for f in args.families.split(",") if f] or None
    wrong_total = 0
    for root in args.root or [ROOTS[0]]:
        results = score_files(root, families)
        tally: dict[str, tuple[int, int, int]] = {}
        by_name: dict[str, tuple[int, int, int]] = {}
        for result in results:
            for counts, name in ((tally, result.family), (by_name, result.file)):
                r, t, w = counts.get(name, (0, 0, 0))
                counts[name] = (r + result.right, t + result.total, w + len(result.wrong))
            for item in result.wrong:
                print(item)
            if args.verbose and result.right < result.total:
                print(
                    f"{result.case}/{result.file}: {result.right}/{result.total}; "
                    f"missed e.g. {', '.join(result.missed[:5])}"
                )
            wrong_total += len(result.wrong)
        print(f"# {root}")
        if args.by_rendering:
            print("\n".join(table(by_name, "renderings")[:-1]))
        print("\n".join(table(tally, "total")))
    return 1 if wrong_total else 0


if __name__ == "__main__":
    sys.exit(main())
