"""Section 6: degenerate (hostile) inputs at x1, x4, x16, each shape in its own subprocess.

The worker (:mod:`bench.worker`) reports one measurement at a time; each
gets ``Settings.timeout`` wall seconds, after which the worker is killed and
that size and the larger ones print "timeout". Figures: how the time grows
(linear is x4 and x16; the target allows x6.5 per x4 step) and the cost per
character at x16 as a multiple of the reference seed's cost per character,
measured in the same worker.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import tempfile
import threading
from typing import IO

import gkparse
from bench.common import JSON, REPOSITORY, Columns, Context, heading, milliseconds, ratio, say
from bench.shapes import BASE_CELLS, BASE_CHARS, SCALES, SHAPES, WIDE_ROWS, wide_row_name

#: Each x4 step of the input may grow the time at most this much.
STEP_LIMIT = 6.5
#: Cost per character at x16, as a multiple of a seed report's.
COST_LIMIT = 10.0
#: Extra wall seconds for the worker to start (import, grammars, the seed's timing).
STARTUP_SECONDS = 60.0


def _reader(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _run_worker(context: Context, name: str) -> tuple[JSON | None, dict[int, JSON | None], str]:
    """The worker's seed line and its measurement per scale (None: timeout), and what went wrong."""
    command = [sys.executable, "-m", "bench.worker", *(["--quick"] if context.settings.quick else []), name]
    results: dict[int, JSON | None] = dict.fromkeys(SCALES)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            command, cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8"
        )
        assert process.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
        seed: JSON | None = None
        problem = ""
        try:
            for step in ("seed", *SCALES):
                wait = context.settings.timeout + (STARTUP_SECONDS if step == "seed" else 0.0)
                line = lines.get(timeout=wait)
                if line is None:
                    problem = "worker stopped"
                    break
                data: JSON = json.loads(line)
                if step == "seed":
                    seed = data
                else:
                    results[int(data["scale"])] = data
        except queue.Empty:
            problem = "timeout"
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            process.stdout.close()
        if problem == "worker stopped":
            errors.seek(0)
            tail = errors.read().strip().splitlines()[-1:]
            problem = f"worker stopped: {tail[0] if tail else 'no message'}"
    return seed, results, problem


def _names() -> list[str]:
    names = list(SHAPES)
    for layout in gkparse.LAYOUTS:
        if layout in WIDE_ROWS:
            names.append(wide_row_name(layout))
        else:
            say(f"  skipped: a one-row table in layout {layout!r} (no way to write one known here)")
    return names


def run_degenerate(context: Context) -> None:
    heading(
        6,
        f"degenerate inputs: x1 = {BASE_CHARS} chars ({BASE_CELLS} cells for one-row tables), "
        f"then x4, x16; parse + validate",
    )
    say(f"  each shape in a subprocess; {context.settings.timeout:g} s wall per measurement, then 'timeout'")
    figures: JSON = {}
    failed_steps, failed_costs = [], []
    names = _names()
    columns = Columns(
        [
            "shape",
            "chars x1",
            "ms x1",
            "ms x4",
            "ms x16",
            "x4/x1",
            "x16/x1",
            "worst step",
            "cost/char",
            "",
            "",
        ],
        max(len(name) for name in names),
        width=4,
    )
    for name in names:
        seed, results, problem = _run_worker(context, name)
        times = {scale: None if r is None else float(r["seconds"]) for scale, r in results.items()}
        chars = {scale: None if r is None else int(r["chars"]) for scale, r in results.items()}
        one, four, sixteen = (times[scale] for scale in SCALES)
        up4 = four / one if one and four is not None else None
        up16 = sixteen / one if one and sixteen is not None else None
        step = None if up4 is None or up16 is None else max(up4, up16 / up4)
        cost = None
        if seed is not None and sixteen is not None and chars[SCALES[-1]]:
            seed_cost = float(seed["seed_seconds"]) / int(seed["seed_chars"])
            cost = sixteen / int(chars[SCALES[-1]] or 1) / seed_cost
        step_target = context.target("degenerate", f"{name}: worst x4 step", step, STEP_LIMIT, quiet=True)
        cost_target = context.target("degenerate", f"{name}: cost/char vs seed", cost, COST_LIMIT, quiet=True)
        if not step_target.passed:
            failed_steps.append(name)
        if not cost_target.passed:
            failed_costs.append(name)
        figures[name] = {
            "characters": chars,
            "seconds": times,
            "x4_over_x1": up4,
            "x16_over_x1": up16,
            "worst_x4_step": step,
            "cost_per_char_vs_seed": cost,
            "problem": problem,
        }
        columns.row(
            [
                name,
                str(chars[1] or ""),
                milliseconds(one),
                milliseconds(four),
                milliseconds(sixteen),
                ratio(up4),
                ratio(up16),
                ratio(step),
                ratio(cost),
                step_target.verdict,
                cost_target.verdict,
            ]
        )
        if problem and problem != "timeout":
            say(f"    ({name}: {problem})")
    context.figures["degenerate"] = figures
    total = len(names)
    say(
        f"  target: each x4 step <= x{STEP_LIMIT:g}: {total - len(failed_steps)}/{total} shapes PASS"
        + (f"; FAIL: {', '.join(failed_steps)}" if failed_steps else "")
    )
    say(
        f"  target: cost/char at x16 <= {COST_LIMIT:g}x a seed's: "
        f"{total - len(failed_costs)}/{total} shapes PASS"
        + (f"; FAIL: {', '.join(failed_costs)}" if failed_costs else "")
    )
