"""Section 5: cold start, ``import gkparse`` and the first ``parse`` in a fresh interpreter.

Each run is a new ``python -c`` process that imports nothing but ``sys`` and
``time`` before it measures (so no module gkparse needs is imported ahead of
it), reads the reference seed, then times ``import lark``, ``import attrs`` (the
two run-time dependencies gkparse imports at once), the rest of
``import gkparse``, the first ``parse`` (which builds the grammars) and then
a warm ``parse`` of the same text. CPU time; the best run counts, wall time
is shown too.

The processes may write bytecode (``PYTHONDONTWRITEBYTECODE`` is unset for
them), and a first run that is not counted writes it: an installed wheel has
its bytecode, compiled by the installer, and a user's interpreter keeps it.
Without it, compiling gkparse's sources costs more than the rest of its
import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.common import JSON, REPOSITORY, Context, heading, reference_seed, say, table

#: ``import gkparse`` plus the first ``parse`` of a seed, CPU milliseconds.
LIMIT_MS = 100.0

_PROGRAM = """
import sys, time
with open(sys.argv[1], encoding="utf-8") as file:
    text = file.read()
marks = [(time.process_time(), time.perf_counter())]
import lark
marks.append((time.process_time(), time.perf_counter()))
import attrs
marks.append((time.process_time(), time.perf_counter()))
import gkparse
marks.append((time.process_time(), time.perf_counter()))
gkparse.parse(text)
marks.append((time.process_time(), time.perf_counter()))
warm = []
for _ in range(3):
    start = time.process_time()
    gkparse.parse(text)
    warm.append(time.process_time() - start)
import json
names = ("import_lark", "import_attrs", "import_gkparse", "first_parse")
print(json.dumps({
    "cpu": {n: marks[i + 1][0] - marks[i][0] for i, n in enumerate(names)},
    "wall": {n: marks[i + 1][1] - marks[i][1] for i, n in enumerate(names)},
    "warm_parse": min(warm),
}))
"""

_PARTS = ("import_lark", "import_attrs", "import_gkparse", "first_parse")


def _one_run(seed: str) -> JSON:
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, seed],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        env=environment,
        timeout=300,
        check=True,
    )
    result: JSON = json.loads(done.stdout)
    return result


def run_cold(context: Context) -> None:
    path = reference_seed()
    heading(5, f"cold start: fresh interpreter, import gkparse, first parse of {path.name}")
    _one_run(str(path))  # writes the bytecode, as an installer does
    runs = [_one_run(str(path)) for _ in range(context.settings.cold_runs)]

    def total(run: JSON, clock: str) -> float:
        return float(sum(run[clock][part] for part in _PARTS))

    best = min(runs, key=lambda run: total(run, "cpu"))
    rows = [
        [part.replace("_", " "), f"{best['cpu'][part] * 1000:.1f}", f"{best['wall'][part] * 1000:.1f}"]
        for part in _PARTS
    ]
    cold_ms = total(best, "cpu") * 1000
    rows.append(["import + first parse", f"{cold_ms:.1f}", f"{total(best, 'wall') * 1000:.1f}"])
    table([f"step (best of {len(runs)} runs)", "CPU ms", "wall ms"], rows)
    warm = float(best["warm_parse"])
    say(f"  first parse / warm parse of the same text: {best['cpu']['first_parse'] / warm:.1f}x")
    context.figures["cold"] = {"seed": path.name, "best": best, "runs": runs}
    context.target("cold", "import gkparse + first parse (CPU)", cold_ms, LIMIT_MS, " ms")
