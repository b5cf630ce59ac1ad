"""Section 6: degenerate (hostile) inputs at x1, x4, x16, measured in a subprocess.

The worker (:mod:`bench.worker`) reports one measurement at a time; each
gets ``Settings.timeout`` wall seconds, after which the worker is killed,
that size and the larger ones of the shape print "timeout", and a new worker
takes the shapes left. Figures: how the time grows
(linear is x4 and x16; the target allows x6.5 per x4 step), the cost per
character at x16 as a multiple of the reference seed's cost per character,
measured in the same worker, and the peak memory of parse + validate of the
shape at ``Settings.degenerate_memory_chars`` characters (1 MB; 200,000 with
``--quick``), as a multiple of the text's size (``sys.getsizeof``).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from typing import IO

import gkparse
from bench.common import JSON, REPOSITORY, Columns, Context, heading, milliseconds, ratio, say
from bench.shapes import BASE_CELLS, BASE_CHARS, SCALES, SHAPES, WIDE_ROWS, wide_row_name

#: Each x4 step of the input may grow the time at most this much.
STEP_LIMIT = 6.5
#: Cost per character at x16, as a multiple of a seed report's.
COST_LIMIT = 10.0
#: Peak memory at 1 MB, as a multiple of the text's size.
PEAK_LIMIT = 20.0
#: The memory measurement's timeout, in measurements' timeouts: it reads 1 MB
#: under tracemalloc, which slows parsing about threefold.
MEMORY_TIMEOUT = 5
#: Extra wall seconds for the worker to start (import, grammars, the seed's timing).
STARTUP_SECONDS = 60.0


class _Worker:
    """A running :mod:`bench.worker`: its JSON lines, each awaited with a timeout."""

    def __init__(self, context: Context, names: Sequence[str], errors: IO[str]) -> None:
        command = [sys.executable, "-m", "bench.worker", *(["--quick"] if context.settings.quick else [])]
        self._errors = errors
        self._process = subprocess.Popen(
            [*command, *names],
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        #: What went wrong: "" while all is well, then "timeout" or "worker stopped: <its last words>".
        self.problem = ""

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def line(self, timeout: float) -> JSON | None:
        """The next measurement, or None (and :attr:`problem` says why)."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.problem = "timeout"
            return None
        if line is None:
            self._process.wait()
            self._errors.flush()
            self._errors.seek(0)
            last = self._errors.read().strip().splitlines()[-1:]
            self.problem = f"worker stopped: {last[0] if last else f'exit status {self._process.returncode}'}"
            return None
        data: JSON = json.loads(line)
        return data

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


Measured = tuple[str, JSON | None, dict[int, JSON | None], JSON | None, str]


def _measure(context: Context, names: Sequence[str]) -> Iterator[Measured]:
    """Per shape: the seed's line, the line of each scale and the memory line
    (None: none came), and what went wrong.

    One worker measures the shapes in turn; after a timeout or a crash it is
    stopped and a new one takes the shapes left.
    """
    pending = list(names)
    while pending:
        with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
            yield from _one_worker(context, pending, errors)


def _one_worker(context: Context, pending: list[str], errors: IO[str]) -> Iterator[Measured]:
    """Measure the shapes of ``pending`` with one worker, taking each off the list as it is done."""
    worker = _Worker(context, pending, errors)
    try:
        seed = worker.line(context.settings.timeout + STARTUP_SECONDS)
        if seed is None:  # the worker did not start: nothing can be measured
            while pending:
                yield pending.pop(0), None, dict.fromkeys(SCALES), None, worker.problem
        while pending and not worker.problem:
            results: dict[int, JSON | None] = dict.fromkeys(SCALES)
            for scale in SCALES:
                results[scale] = worker.line(context.settings.timeout)
                if results[scale] is None:
                    break
            memory = None if worker.problem else worker.line(context.settings.timeout * MEMORY_TIMEOUT)
            yield pending.pop(0), seed, results, memory, worker.problem
    finally:
        worker.stop()


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
    say(
        f"  in a subprocess; {context.settings.timeout:g} s wall per measurement, then 'timeout'; "
        "cost/char: at x16, as a multiple of the reference seed's"
    )
    figures: JSON = {}
    failed_steps, failed_costs, failed_peaks = [], [], []
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
            "peak",
            "B/char",
            "",
        ],
        max(len(name) for name in names),
        width=4,
    )
    for name, seed, results, memory, problem in _measure(context, names):
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
        peak = None if memory is None else float(memory["peak_vs_size"])
        per_char = None if memory is None else float(memory["peak_per_char"])
        peak_target = context.target("degenerate", f"{name}: peak vs size", peak, PEAK_LIMIT, quiet=True)
        if not peak_target.passed:
            failed_peaks.append(name)
        figures[name] = {
            "characters": chars,
            "seconds": times,
            "x4_over_x1": up4,
            "x16_over_x1": up16,
            "worst_x4_step": step,
            "cost_per_char_vs_seed": cost,
            "memory_characters": None if memory is None else int(memory["chars"]),
            "peak_vs_size": peak,
            "peak_bytes_per_char": per_char,
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
                ratio(cost, 2),
                step_target.verdict,
                cost_target.verdict,
                ratio(peak),
                "" if per_char is None else f"{per_char:.1f}",
                peak_target.verdict,
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
    say(
        f"  target: peak memory at {context.settings.degenerate_memory_chars:,} chars <= {PEAK_LIMIT:g}x "
        f"the text's size: {total - len(failed_peaks)}/{total} shapes PASS"
        + (f"; FAIL: {', '.join(failed_peaks)}" if failed_peaks else "")
    )
