"""Sections 1 and 2: the baseline, then parse and parse + validate, per group of texts."""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence

import gkparse
from bench.common import Columns, Context, cpu_best, heading, milliseconds, more_rounds, naive, ratio, say
from bench.floor import lark_alone
from bench.inputs import Group, all_groups

#: Parse + validate over the seeds and the shared corpus's renderings, as a multiple of the baseline.
AGGREGATE_LIMIT = 50.0
#: Parse + validate over the generated reports of each layout, as a multiple of the baseline.
LAYOUT_LIMIT = 100.0


def _split_all(texts: Sequence[str]) -> None:
    for text in texts:
        naive(text)


def baseline_of(context: Context, group: Group) -> float:
    """CPU seconds of the baseline over the whole group (measured once per run)."""
    if group.name not in context.baselines:
        settings = context.settings
        context.baselines[group.name] = cpu_best(
            lambda: _split_all(group.texts),
            most=max(5, settings.rounds),
            budget=settings.budget,
            min_round=0.05,
        )
    return context.baselines[group.name]


def parse_and_validate(context: Context, texts: Sequence[str]) -> tuple[float, float]:
    """CPU seconds of parsing all ``texts``, and of parsing and validating them: best rounds.

    A round parses every text, then validates every report; parse + validate is
    the best sum of one round's two times.
    """
    settings = context.settings
    parse_times: list[float] = []
    both_times: list[float] = []
    spent, last = 0.0, 0.0
    while more_rounds(len(parse_times), spent, last, settings.rounds, settings.budget):
        gc.collect()
        start = time.process_time()
        reports = [gkparse.parse(text) for text in texts]
        parsed = time.process_time()
        for report in reports:
            gkparse.validate(report)
        last = time.process_time() - start
        del reports
        spent += last
        parse_times.append(parsed - start)
        both_times.append(last)
    return min(parse_times), min(both_times)


def _groups(context: Context) -> list[Group]:
    say(f"  reading fixtures; generating {context.settings.generated} reports per layout (fixed seed) ...")
    start = time.perf_counter()
    groups = all_groups(context.settings.generated)
    texts = sum(len(group.texts) for group in groups)
    say(f"  {len(groups)} groups, {texts} texts ({time.perf_counter() - start:.0f} s)")
    return groups


def _warm_up(groups: Sequence[Group]) -> None:
    """Build the grammars (once per process) before any timing: read the seeds and layout fixtures once."""
    for group in groups:
        if group.kind in ("seeds", "layouts"):
            for text in group.texts:
                gkparse.validate(gkparse.parse(text))


def run_baseline(context: Context) -> None:
    heading(1, 'baseline: [l.split("\\t") for l in text.splitlines()]')
    groups = _groups(context)
    columns = Columns(["group", "texts", "chars", "us/text", "ns/char"], max(len(g.name) for g in groups))
    figures = {}
    for group in groups:
        seconds = baseline_of(context, group)
        per_text = seconds / len(group.texts)
        per_char = seconds / max(1, group.characters)
        columns.row(
            [
                group.name,
                str(len(group.texts)),
                str(group.characters),
                f"{per_text * 1e6:.1f}",
                f"{per_char * 1e9:.2f}",
            ]
        )
        figures[group.name] = {
            "texts": len(group.texts),
            "characters": group.characters,
            "seconds": seconds,
            "seconds_per_text": per_text,
        }
    context.figures["baseline"] = figures


def run_parse(context: Context) -> None:
    heading(2, "parse, and parse + validate, as a multiple of the baseline over the same texts")
    groups = _groups(context)
    _warm_up(groups)
    columns = Columns(
        ["group", "texts", "chars", "ms/report", "parse", "parse+validate", "reports/s"],
        max(len(g.name) for g in groups),
    )
    figures = {}
    for group in groups:
        base = baseline_of(context, group)
        parse_seconds, both_seconds = parse_and_validate(context, group.texts)
        figures[group.name] = {
            "texts": len(group.texts),
            "characters": group.characters,
            "baseline_seconds": base,
            "parse_seconds": parse_seconds,
            "parse_validate_seconds": both_seconds,
            "parse_ratio": parse_seconds / base,
            "parse_validate_ratio": both_seconds / base,
            "reports_per_second": len(group.texts) / both_seconds,
        }
        columns.row(
            [
                group.name,
                str(len(group.texts)),
                str(group.characters),
                milliseconds(both_seconds / len(group.texts)),
                ratio(parse_seconds / base, 0),
                ratio(both_seconds / base, 0),
                f"{len(group.texts) / both_seconds:.1f}",
            ]
        )
    context.figures["parse"] = figures

    aggregate = [g for g in groups if g.kind in ("seeds", "shared")]
    base = sum(figures[g.name]["baseline_seconds"] for g in aggregate)
    both = sum(figures[g.name]["parse_validate_seconds"] for g in aggregate)
    names = "the seeds and the shared corpus" if any(g.kind == "shared" for g in aggregate) else "the seeds"
    if not any(g.kind == "shared" for g in aggregate):
        say("  (../shared/corpus is not there: the aggregate target covers the seeds only)")
    context.target("parse", f"parse + validate over {names}", both / base if base else None, AGGREGATE_LIMIT)
    _floor(context, [text for group in aggregate for text in group.texts], base, both)
    for group in groups:
        if group.kind == "generated":
            context.target(
                "parse",
                f"parse + validate, {group.name}",
                figures[group.name]["parse_validate_ratio"],
                LAYOUT_LIMIT,
            )


def _floor(context: Context, texts: Sequence[str], base: float, both: float) -> None:
    """What lark alone takes over the aggregate's inputs (``bench.floor``):
    the part of the ratio that gkparse's own code cannot remove."""
    if not base:
        return
    alone, calls = lark_alone(texts, rounds=context.settings.rounds, budget=context.settings.budget)
    own = ratio((both - alone) / base, 0)
    say(
        f"  floor: lark alone over the same inputs ({calls} calls into lark): {ratio(alone / base, 0)} "
        f"the baseline, {alone / both:.0%} of parse + validate; gkparse's own work {own}"
    )
    context.figures["parse_floor"] = {
        "lark_seconds": alone,
        "lark_calls": calls,
        "lark_ratio": alone / base,
        "own_ratio": (both - alone) / base,
    }
