"""Section 6's subprocess: ``python -m bench.worker [--quick] SHAPE...``.

Reads the layout fixtures once (the grammars are built), times parse +
validate of the reference seed, then of each shape at each scale in turn, and
prints one JSON line per measurement as soon as it has it, so that the parent
can give each measurement its own timeout, kill this process when one runs
over and start a new one for the shapes left.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tracemalloc

from bench.common import LAYOUT_FIXTURES, Settings, cpu_best, read_text, reference_seed
from bench.shapes import SCALES, shape

#: CPU seconds a round lasts at least (a fast input is parsed many times a round).
MIN_ROUND = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("shapes", nargs="+", metavar="SHAPE")
    arguments = parser.parse_args()
    builds = [(name, shape(name)) for name in arguments.shapes]
    settings = Settings.make(arguments.quick)

    import gkparse

    def measure(text: str) -> float:
        return cpu_best(
            lambda: gkparse.validate(gkparse.parse(text)),
            most=settings.rounds,
            budget=settings.degenerate_budget,
            min_round=MIN_ROUND,
        )

    for path in LAYOUT_FIXTURES.glob("*_*.*"):  # one report per layout at least: every grammar is built
        if path.suffix != ".json":
            gkparse.validate(gkparse.parse(read_text(path)))
    seed = read_text(reference_seed())
    print(json.dumps({"seed_chars": len(seed), "seed_seconds": measure(seed)}), flush=True)
    for name, build in builds:
        for scale in SCALES:
            text = build(scale)
            line = {"shape": name, "scale": scale, "chars": len(text), "seconds": measure(text)}
            print(json.dumps(line), flush=True)
        text = build(max(1, settings.degenerate_memory_chars // len(build(1))))
        print(json.dumps({"shape": name, "chars": len(text), **peak(text)}), flush=True)


def peak(text: str) -> dict[str, float]:
    """The peak memory of parse + validate of ``text`` (tracemalloc): bytes a
    character, and a multiple of ``sys.getsizeof(text)`` (the limits page's measure)."""
    import gkparse

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        gkparse.validate(gkparse.parse(text))
        most = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return {"peak_per_char": most / len(text), "peak_vs_size": most / sys.getsizeof(text)}


if __name__ == "__main__":
    main()
