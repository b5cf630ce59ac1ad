"""The floor under the parse target: what lark alone takes over the same inputs.

Every table region, the outline and the values are parsed by lark grammars,
and they stay in charge (issue 12). The time lark's own lexers and parsers
take over exactly the inputs gkparse gives them, with no reader, no
interpretation and no validation, is therefore a floor: no work on
gkparse's own code brings parse + validate below it. The inputs are
recorded while the texts are parsed with warm caches (so cell values that
a bulk run finds in its cache are not parsed again), then replayed alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import lark

import gkparse
from bench.common import cpu_best

#: One call into lark: the parser, the method ("parse" or "lex") and the text.
Call = tuple[lark.Lark, str, str]


@contextmanager
def _recording(calls: list[Call]) -> Iterator[None]:
    """Every ``Lark.parse`` and ``Lark.lex`` call made meanwhile, appended to ``calls``."""
    parse, lex = lark.Lark.parse, lark.Lark.lex

    def recorded_parse(self: lark.Lark, text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((self, "parse", text))
        return parse(self, text, *args, **kwargs)

    def recorded_lex(self: lark.Lark, text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((self, "lex", text))
        return lex(self, text, *args, **kwargs)

    setattr(lark.Lark, "parse", recorded_parse)  # noqa: B010 (a method replaced for a while)
    setattr(lark.Lark, "lex", recorded_lex)  # noqa: B010
    try:
        yield
    finally:
        setattr(lark.Lark, "parse", parse)  # noqa: B010
        setattr(lark.Lark, "lex", lex)  # noqa: B010


def lark_calls(texts: Sequence[str]) -> list[Call]:
    """The calls into lark that parse + validate of ``texts`` makes, caches warm."""
    for text in texts:
        gkparse.validate(gkparse.parse(text))
    calls: list[Call] = []
    with _recording(calls):
        for text in texts:
            gkparse.validate(gkparse.parse(text))
    return calls


def _replay(calls: Sequence[Call]) -> None:
    for parser, method, text in calls:
        try:
            if method == "parse":
                parser.parse(text)
            else:
                for _ in parser.lex(text):
                    pass
        except lark.LarkError:
            pass  # a region or a value that is no text of its grammar: lark's time until it said so


def lark_alone(texts: Sequence[str], *, rounds: int, budget: float) -> tuple[float, int]:
    """CPU seconds lark alone takes over the inputs of parse + validate of
    ``texts`` (best of ``rounds``), and how many calls that is."""
    calls = lark_calls(texts)
    return cpu_best(lambda: _replay(calls), most=rounds, budget=budget), len(calls)
