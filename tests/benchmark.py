"""How parse time grows with the input: ``python -m tests.benchmark``.

Wall-clock times on shared machines are noise, so nothing here is asserted
and everything is a ratio measured in one run: each size against one copy
of the report, and parsing against the naive baseline of splitting the same
text into lines and tab-separated cells (what a one-off script does).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

import gkparse
from tests.helpers import fixture_text, seed_text

SIZES = (1, 4, 16, 64)


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of a few runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def naive(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def main() -> None:
    for name, text in (
        ("seed 002 (tab)", seed_text("002")),
        ("2021 (cells)", fixture_text("report2021_cells.txt")),
    ):
        one = best_of(functools.partial(gkparse.parse, text))
        baseline = best_of(functools.partial(naive, text))
        print(f"{name}: {len(text)} characters, parse / naive split = {one / baseline:.0f}x")
        ratios = []
        for size in SIZES:
            big = text * size
            ratio = best_of(functools.partial(gkparse.parse, big), repeat=3) / one
            ratios.append(ratio / size)
            print(f"  {size:>3} copies: {ratio:6.1f}x the time of one copy ({ratio / size:.2f} per copy)")
        print(f"  time per copy varies by {max(ratios) / min(ratios):.2f}x across sizes (1.00 is linear)")


if __name__ == "__main__":
    main()
