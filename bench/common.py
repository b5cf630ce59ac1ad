"""What every section shares: settings, CPU timing, targets, tables and paths.

This module imports only the standard library: the subprocess workers use it
before they import gkparse.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: A JSON object, as written by ``--json``.
JSON = dict[str, Any]

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = REPOSITORY / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
LAYOUT_FIXTURES = FIXTURES / "layouts"
CONVERTER_FIXTURES = FIXTURES / "converters"
CORPUS_FIXTURES = FIXTURES / "corpus"
SHARED_CORPUS = REPOSITORY.parent / "shared" / "corpus"

#: The seed that the scaling, cold start and degenerate sections use as their reference report.
REFERENCE_SEED = "002"


def reference_seed() -> Path:
    """The reference seed's file (the first seed if that one is gone)."""
    chosen = sorted(SEEDS.glob(f"{REFERENCE_SEED}_*.txt")) or sorted(SEEDS.glob("*.txt"))
    if not chosen:
        raise FileNotFoundError(f"no seed reports in {SEEDS}")
    return chosen[0]


def read_text(path: Path) -> str:
    """A fixture's text; bytes that are not UTF-8 become U+FFFD, as a converter's output might."""
    return path.read_text(encoding="utf-8", errors="replace")


@dataclass(frozen=True)
class Settings:
    """How hard to try: ``--quick`` trades precision for a run of about a minute."""

    quick: bool
    #: Generated reports per layout.
    generated: int
    #: The most rounds of one timing (the best round counts).
    rounds: int
    #: CPU seconds after which a timing adds no further round (it always has two, unless one is this slow).
    budget: float
    #: Wall seconds one degenerate measurement may take in its subprocess before it is "timeout".
    timeout: float
    #: Fresh interpreters started for the cold start (the best counts).
    cold_runs: int
    #: Generated reports per layout in the memory section.
    memory_generated: int
    #: Texts per group of fixtures in the memory section (0: all).
    memory_per_group: int
    #: A degenerate input gets another round only while one round takes less CPU seconds than this.
    degenerate_budget: float
    #: Characters of each degenerate shape whose peak memory is measured (tracemalloc).
    degenerate_memory_chars: int

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if quick:
            return cls(
                quick=True,
                generated=100,
                rounds=3,
                budget=2.0,
                timeout=10.0,
                cold_runs=3,
                memory_generated=10,
                memory_per_group=3,
                degenerate_budget=0.5,
                degenerate_memory_chars=200_000,
            )
        return cls(
            quick=False,
            generated=1000,
            rounds=5,
            budget=30.0,
            timeout=60.0,
            cold_runs=7,
            memory_generated=50,
            memory_per_group=0,
            degenerate_budget=2.0,
            degenerate_memory_chars=1_000_000,
        )


def more_rounds(done: int, spent: float, last: float, most: int, budget: float) -> bool:
    """Whether a timing takes another round.

    At most ``most`` rounds; at least two (the first pays for cold caches),
    unless one round alone takes longer than ``budget``; no further round
    once ``budget`` is spent.
    """
    if done >= most or (done >= 1 and last > budget):
        return False
    return done < 2 or spent < budget


def cpu_best(
    function: Callable[[], object],
    *,
    most: int,
    budget: float,
    min_round: float = 0.02,
) -> float:
    """CPU seconds of one call of ``function``: the best of several rounds.

    A round repeats the call until it lasts about ``min_round``, so that a
    call of microseconds is timed over many calls. The first call calibrates
    that; when it alone lasts ``min_round`` it counts as the first round.
    """
    gc.collect()
    start = time.process_time()
    function()
    first = time.process_time() - start
    repeat = 1 if first >= min_round else min(100_000, math.ceil(min_round / max(first, 1e-7)))
    best, spent, last, done = math.inf, first, first, 0
    if repeat == 1:
        best, done = first, 1
    while more_rounds(done, spent, last, most, budget):
        gc.collect()
        start = time.process_time()
        for _ in range(repeat):
            function()
        last = time.process_time() - start
        spent += last
        best = min(best, last / repeat)
        done += 1
    return best


def naive(text: str) -> list[list[str]]:
    """The baseline: what a one-off script does with a report's text."""
    return [line.split("\t") for line in text.splitlines()]


@dataclass(frozen=True)
class Target:
    """A figure against its target: PASS when it is at most ``limit``; a missing figure (timeout) fails."""

    section: str
    name: str
    figure: float | None
    limit: float
    unit: str = "x"

    @property
    def passed(self) -> bool:
        return self.figure is not None and self.figure <= self.limit

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def line(self) -> str:
        if self.figure is None:
            shown = "timeout"
        else:
            shown = f"{self.figure:.3g}{self.unit}" if self.figure < 1000 else f"{self.figure:.0f}{self.unit}"
        return f"  target: {self.name}: {shown} <= {self.limit:g}{self.unit}  {self.verdict}"

    def as_json(self) -> JSON:
        return {
            "section": self.section,
            "name": self.name,
            "figure": self.figure,
            "limit": self.limit,
            "unit": self.unit,
            "passed": self.passed,
        }


@dataclass
class Context:
    """One run: its settings, the targets met so far, the figures for ``--json``, shared results."""

    settings: Settings
    targets: list[Target] = field(default_factory=list)
    figures: JSON = field(default_factory=dict)
    #: CPU seconds of the baseline over each group of section 2, by group name.
    baselines: dict[str, float] = field(default_factory=dict)

    def target(
        self,
        section: str,
        name: str,
        figure: float | None,
        limit: float,
        unit: str = "x",
        *,
        quiet: bool = False,
    ) -> Target:
        """Record a target and, unless ``quiet`` (the section prints it its own way), print its line."""
        target = Target(section, name, figure, limit, unit)
        self.targets.append(target)
        if not quiet:
            say(target.line())
        return target


def say(line: str = "") -> None:
    """Print a line at once: a full run takes minutes."""
    print(line, flush=True)


def heading(number: int, title: str) -> None:
    say()
    say(f"== {number}. {title} ==")


class Columns:
    """A table printed a row at a time, as each is measured: the first column left-aligned
    to ``first`` characters, the others right-aligned to their heading or ``width``."""

    def __init__(self, headers: Sequence[str], first: int, width: int = 8) -> None:
        self.widths = [max(first, len(headers[0])), *(max(width, len(header)) for header in headers[1:])]
        self.row(headers)

    def row(self, cells: Sequence[str]) -> None:
        parts = [cells[0].ljust(self.widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(cells[1:], self.widths[1:], strict=True)]
        say("  " + "  ".join(parts).rstrip())


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows under headers, all at once."""
    columns = Columns(headers, max((len(row[0]) for row in rows), default=0), width=0)
    for row in rows:
        columns.row(row)


def ratio(value: float | None, digits: int = 1) -> str:
    """A ratio for a table: ``12.3x``, or "timeout" when there is none."""
    return "timeout" if value is None else f"{value:.{digits}f}x"


def milliseconds(seconds: float | None) -> str:
    if seconds is None:
        return "timeout"
    return f"{seconds * 1000:.3g}" if seconds < 0.001 else f"{seconds * 1000:.1f}"
