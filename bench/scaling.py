"""Section 3: a seed report concatenated 1, 10 and 100 times; time against one copy."""

from __future__ import annotations

import functools

import gkparse
from bench.common import Context, cpu_best, heading, milliseconds, ratio, read_text, reference_seed, table

COPIES = (1, 10, 100)
#: Parse + validate of 100 copies, as a multiple of one copy (100 is linear).
LIMIT = 110.0


def _parse_validate(text: str) -> object:
    return gkparse.validate(gkparse.parse(text))


def run_scaling(context: Context) -> None:
    settings = context.settings
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
        # Fewer rounds for the big inputs: each is seconds long.
        most = settings.rounds if copies < 100 else max(1, settings.rounds // 2)
        parse_seconds = cpu_best(functools.partial(gkparse.parse, big), most=most, budget=settings.budget)
        both_seconds = cpu_best(functools.partial(_parse_validate, big), most=most, budget=settings.budget)
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
