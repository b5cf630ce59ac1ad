"""Section 3: a seed report concatenated 1, 10 and 100 times; time against one copy."""

from __future__ import annotations

import math
import time

import gkparse
from bench.common import Context, heading, milliseconds, ratio, read_text, reference_seed, table
from bench.throughput import parse_and_validate

COPIES = (1, 10, 100)
#: Parse + validate of 100 copies, as a multiple of one copy (100 is linear).
LIMIT = 110.0
#: CPU seconds a round lasts at least: one copy is parsed several times a round, so that it is not noise.
MIN_ROUND = 0.2


def _timed(context: Context, text: str) -> tuple[float, float]:
    """CPU seconds of parse, and of parse + validate, of ``text``: as in section 2, each round
    parses and then validates, repeated within the round so that it lasts at least ``MIN_ROUND``."""
    start = time.process_time()
    gkparse.validate(gkparse.parse(text))
    repeat = max(1, math.ceil(MIN_ROUND / max(time.process_time() - start, 1e-6)))
    parse_seconds, both_seconds = parse_and_validate(context, [text] * repeat)
    return parse_seconds / repeat, both_seconds / repeat


def run_scaling(context: Context) -> None:
    path = reference_seed()
    text = read_text(path)
    if not text.endswith("\n"):
        text += "\n"
    heading(3, f"scaling: {path.name} ({len(text)} chars) concatenated x1, x10, x100")
    gkparse.validate(gkparse.parse(text))  # grammars built before any timing
    rows = []
    figures = {}
    first: tuple[float, float] | None = None
    for copies in COPIES:
        big = text * copies
        parse_seconds, both_seconds = _timed(context, big)
        first = first or (parse_seconds, both_seconds)
        parse_ratio, both_ratio = parse_seconds / first[0], both_seconds / first[1]
        figures[f"x{copies}"] = {
            "characters": len(big),
            "parse_seconds": parse_seconds,
            "parse_validate_seconds": both_seconds,
            "parse_ratio": parse_ratio,
            "parse_validate_ratio": both_ratio,
        }
        rows.append(
            [
                f"x{copies}",
                str(len(big)),
                milliseconds(parse_seconds),
                ratio(parse_ratio),
                milliseconds(both_seconds),
                ratio(both_ratio),
                f"{both_ratio / copies:.2f}",
            ]
        )
    table(["input", "chars", "parse ms", "vs x1", "parse+validate ms", "vs x1", "per copy"], rows)
    context.figures["scaling"] = {"seed": path.name, "sizes": figures}
    context.target(
        "scaling", "parse + validate of x100, vs x1", figures["x100"]["parse_validate_ratio"], LIMIT
    )
