"""The command line: ``python -m bench [--quick] [--only NAME] [--json PATH]``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib
import importlib.metadata
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import JSON, Context, Settings, say

#: The sections in order, by the name ``--only`` takes, with the module and function that run them.
SECTIONS = {
    "baseline": ("bench.throughput", "run_baseline"),
    "parse": ("bench.throughput", "run_parse"),
    "scaling": ("bench.scaling", "run_scaling"),
    "memory": ("bench.memory", "run_memory"),
    "cold": ("bench.coldstart", "run_cold"),
    "degenerate": ("bench.degenerate", "run_degenerate"),
    "batch": ("bench.batch", "run_batch"),
}


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as file:
            for line in file:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> JSON:
    """What the figures were measured on."""
    import gkparse

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": cpus,
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "lark": _version("lark"),
        "hypothesis": _version("hypothesis"),
        "gkparse": gkparse.__version__,
        "gkparse_path": str(Path(gkparse.__file__).parent),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="gkparse's benchmark: CPU time as ratios against baselines measured in the same run.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer reports and rounds: about a minute")
    parser.add_argument(
        "--only", choices=list(SECTIONS), metavar="NAME", help=f"one section: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure to PATH as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _arguments(argv)
    try:
        import gkparse  # noqa: F401
    except ImportError as error:
        print(f"python -m bench: cannot import gkparse: {error}", file=sys.stderr)
        return 2
    settings = Settings.make(arguments.quick)
    context = Context(settings)
    about = machine()
    started = time.perf_counter()
    say(f"gkparse benchmark ({'quick' if settings.quick else 'full'} run), {about['date']}")
    say(
        f"  {about['nproc']} CPUs ({about['cpu']}), Python {about['python']}, lark {about['lark']}, "
        f"hypothesis {about['hypothesis']}, gkparse {about['gkparse']} from {about['gkparse_path']}"
    )
    say(f"  load average at start: {', '.join(f'{x:.2f}' for x in about['load_average'] or ())}")
    say("  CPU time (time.process_time), best of several rounds; figures are ratios within this run")
    chosen = [arguments.only] if arguments.only else list(SECTIONS)
    for name in chosen:
        module_name, function_name = SECTIONS[name]
        module = importlib.import_module(module_name)
        section: Callable[[Context], None] = getattr(module, function_name)
        section(context)
    elapsed = time.perf_counter() - started
    passed = sum(target.passed for target in context.targets)
    say()
    say(f"== targets: {passed} PASS, {len(context.targets) - passed} FAIL; run took {elapsed:.0f} s wall ==")
    for target in context.targets:
        if not target.passed and target.section != "degenerate":
            say(f"  FAIL {target.section}: {target.name}")
    failed_shapes = sum(1 for t in context.targets if t.section == "degenerate" and not t.passed)
    if failed_shapes:
        say(f"  FAIL degenerate: {failed_shapes} shape targets (see section 6)")
    if arguments.json:
        about["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        document = {
            "machine": about,
            "settings": dataclasses.asdict(settings),
            "seconds": elapsed,
            "sections": context.figures,
            "targets": [target.as_json() for target in context.targets],
        }
        arguments.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        say(f"  figures written to {arguments.json}")
    return 0
