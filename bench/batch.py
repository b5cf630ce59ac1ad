"""Section 7: ``gkparse.parse_many`` here and in a process pool; what a report costs to cross processes.

A pool's workers spend CPU time in other processes, so this section times
wall seconds: the one section whose figures move with the machine's load.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable

import gkparse
from bench.common import Context, heading, milliseconds, ratio, say, table
from bench.inputs import seeds as seed_group

#: Texts per run: the seeds repeated, enough that a pool's start is a small part.
TEXTS = 400
QUICK_TEXTS = 100


def _wall(texts: list[str], processes: int | None) -> float:
    start = time.perf_counter()
    for _ in gkparse.parse_many(texts, processes=processes):
        pass
    return time.perf_counter() - start


def _best(function: Callable[[], object], repeat: int) -> float:
    """Best wall seconds of one call of ``function``, over ``repeat`` calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run_batch(context: Context) -> None:
    seeds = list(seed_group().texts)
    count = QUICK_TEXTS if context.settings.quick else TEXTS
    texts = [seeds[index % len(seeds)] for index in range(count)]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    heading(7, f"batch: parse_many over {count} seed texts, wall time; a report across processes")
    for text in seeds:
        gkparse.parse(text)  # grammars built before any timing
    rows = []
    figures: dict[str, object] = {}
    serial = _wall(texts, None)
    for processes in sorted({None, 1, cpus}, key=lambda n: 0 if n is None else n):
        seconds = serial if processes is None else _wall(texts, processes)
        name = "this process" if processes is None else f"{processes} worker(s)"
        figures[name] = {"seconds": seconds, "reports_per_second": count / seconds}
        rows.append([name, f"{seconds:.2f}", f"{count / seconds:.0f}", ratio(serial / seconds, 2)])
    table(["where", "wall s", "reports/s", "speed-up"], rows)
    report = gkparse.parse(seeds[0])
    data = pickle.dumps(report)
    parse_seconds = _best(lambda: gkparse.parse(seeds[0]), 20)
    load_seconds = _best(lambda: pickle.loads(data), 50)
    say(
        f"  one report pickled: {len(data)} bytes for {len(seeds[0])} characters; "
        f"unpickling {milliseconds(load_seconds)} ms, parsing {milliseconds(parse_seconds)} ms "
        f"({load_seconds / parse_seconds:.0%} of a parse: a pool's caller receives up to "
        f"{parse_seconds / load_seconds:.0f} workers' results)"
    )
    figures["pickle"] = {
        "bytes": len(data),
        "characters": len(seeds[0]),
        "unpickle_seconds": load_seconds,
        "parse_seconds": parse_seconds,
    }
    context.figures["batch"] = figures
