"""Section 6's subprocess: ``python -m bench.worker [--quick] SHAPE``.

Reads the seeds and layout fixtures once (the grammars are built), times
parse + validate of the reference seed, then of the shape at each scale in
turn, and prints one JSON line per measurement as soon as it has it, so that
the parent can give each measurement its own timeout and kill this process
when one runs over.
"""

from __future__ import annotations

import argparse
import json

from bench.common import LAYOUT_FIXTURES, SEEDS, Settings, cpu_best, read_text, reference_seed
from bench.shapes import SCALES, shape

#: Another round of a degenerate input only while one round takes less than this (CPU seconds).
ROUND_BUDGET = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("shape")
    arguments = parser.parse_args()
    build = shape(arguments.shape)
    settings = Settings.make(arguments.quick)

    import gkparse

    def measure(text: str) -> float:
        return cpu_best(
            lambda: gkparse.validate(gkparse.parse(text)), most=settings.rounds, budget=ROUND_BUDGET
        )

    for path in [*SEEDS.glob("*.txt"), *LAYOUT_FIXTURES.glob("*_*.*")]:
        if path.suffix != ".json":
            gkparse.validate(gkparse.parse(read_text(path)))
    seed = read_text(reference_seed())
    print(json.dumps({"seed_chars": len(seed), "seed_seconds": measure(seed)}), flush=True)
    for scale in SCALES:
        text = build(scale)
        print(json.dumps({"scale": scale, "chars": len(text), "seconds": measure(text)}), flush=True)


if __name__ == "__main__":
    main()
