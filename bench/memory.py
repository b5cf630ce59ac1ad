"""Section 4: peak and retained memory of parse + validate, per report (tracemalloc).

Both are multiples of the text's own size: ``sys.getsizeof`` of the ``str``
(CPython stores report text, almost all of it CJK, in 2 bytes a character).
The peak is the most memory allocated at once during parse + validate; the
retained memory is what is still allocated afterwards while the report and
its findings are kept. Each text is read once right before it is measured,
so that the caches (grammars, cell values, labels) already hold what it
needs: they are bounded, and in a bulk run, full, each value a text adds
evicts another. Measured after other texts instead, a text's peak counted
its values coming back into the caches, up to three times the figure.
The retained memory is then the report and its findings themselves: a
floor under the peak.

The texts: the seeds, the fixtures (all of them; the first few of each group
with ``--quick``) and ``Settings.memory_generated`` generated reports per
layout (the first examples of a shorter hypothesis run than section 2's).
"""

from __future__ import annotations

import gc
import statistics
import sys
import tracemalloc

import gkparse
from bench.common import Columns, Context, heading, say
from bench.inputs import Group, fixture_corpora, generated, layout_fixtures, seeds, shared_corpus

#: Peak memory of one report's parse + validate, as a multiple of the text's size.
PEAK_LIMIT = 20.0


def _measure(text: str) -> tuple[float, float]:
    """Peak and retained bytes of parse + validate of ``text``, as multiples of its size."""
    gc.collect()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    report = gkparse.parse(text)
    findings = gkparse.validate(report)
    current, peak = tracemalloc.get_traced_memory()
    size = sys.getsizeof(text)
    del report, findings
    return (peak - before) / size, (current - before) / size


def _groups(context: Context) -> list[Group]:
    settings = context.settings
    fixtures = [seeds(), *layout_fixtures(), *fixture_corpora(), *shared_corpus()]
    if settings.memory_per_group:
        fixtures = [_first(group, settings.memory_per_group) for group in fixtures]
    sample = generated(settings.memory_generated)
    return [group for group in [*fixtures, *sample] if group.texts]


def _first(group: Group, count: int) -> Group:
    return Group(group.name, group.kind, group.texts[:count], group.labels[:count])


def run_memory(context: Context) -> None:
    heading(4, "memory per report: peak and retained, as a multiple of the text's size (sys.getsizeof)")
    groups = _groups(context)
    if context.settings.memory_per_group:
        say(f"  --quick: the first {context.settings.memory_per_group} texts of each group of fixtures")
    columns = Columns(
        ["group", "texts", "peak median", "peak max", "retained median", "retained max", "peak"],
        max(len(group.name) for group in groups),
    )
    figures = {}
    worst_peak, worst_label = 0.0, ""
    tracemalloc.start()
    try:
        for group in groups:
            peaks, kept = [], []
            for label, text in zip(group.labels, group.texts, strict=True):
                gkparse.validate(gkparse.parse(text))  # the caches hold what this text needs
                peak, retained = _measure(text)
                peaks.append(peak)
                kept.append(retained)
                if peak > worst_peak:
                    worst_peak, worst_label = peak, label
            figures[group.name] = {
                "texts": len(group.texts),
                "peak_median": statistics.median(peaks),
                "peak_max": max(peaks),
                "retained_median": statistics.median(kept),
                "retained_max": max(kept),
            }
            columns.row(
                [
                    group.name,
                    str(len(group.texts)),
                    f"{statistics.median(peaks):.1f}x",
                    f"{max(peaks):.1f}x",
                    f"{statistics.median(kept):.1f}x",
                    f"{max(kept):.1f}x",
                    "PASS" if max(peaks) <= PEAK_LIMIT else "FAIL",
                ]
            )
    finally:
        tracemalloc.stop()
    say(f"  largest peak: {worst_label}")
    floor = max(figures[group]["retained_max"] for group in figures)
    middle = statistics.median(figures[group]["retained_median"] for group in figures)
    say(
        f"  floor: the report and its findings alone (retained) are {middle:.1f}x a text's size "
        f"(median of the groups' medians), up to {floor:.1f}x"
    )
    context.figures["memory"] = {"groups": figures, "worst_peak": worst_peak, "worst": worst_label}
    context.target("memory", "largest peak of any report, vs its text's size", worst_peak, PEAK_LIMIT)
