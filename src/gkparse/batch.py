"""``parse_many``: many texts in, their reports out, in order, here or in worker processes.

Why: a research corpus is thousands of reports, and parsing is CPU work
that one process does on one core. A process pool parses them side by side;
the reports come back pickled as nested tuples of plain values (see
``Report.__reduce__``), in chunks, so that a result costs its worker more
than it costs the caller to receive it. Strings in, objects out: no I/O.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, cast, overload

from gkparse.report.model import Finding, Report
from gkparse.report.parse import parse
from gkparse.rules.engine import validate as validate_report

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["parse_many"]

#: Texts sent to a worker at once: enough to make a round trip between
#: processes cheap next to the parsing, few enough to keep every worker busy.
CHUNK = 8

#: Chunks handed out per worker before the first result is taken: the pool
#: never holds more than this many of an endless stream of texts.
AHEAD = 4

Validated = tuple[Report, tuple[Finding, ...]]


@overload
def parse_many(
    texts: Iterable[str], *, processes: int | None = None, validate: Literal[False] = False
) -> Iterator[Report]: ...


@overload
def parse_many(
    texts: Iterable[str], *, processes: int | None = None, validate: Literal[True]
) -> Iterator[Validated]: ...


def parse_many(
    texts: Iterable[str], *, processes: int | None = None, validate: bool = False
) -> Iterator[Report] | Iterator[Validated]:
    """Parse each text, yielding the reports in the order of ``texts``.

    ``processes=None`` parses in this process, one text at a time, as the
    results are taken. ``processes=N`` parses in a pool of ``N`` worker
    processes, a few chunks of texts ahead of the caller, so an endless
    iterable is fine. With ``validate=True`` each result is a pair
    ``(report, gkparse.validate(report))``.

    Like :func:`gkparse.parse`, nothing raises on a text's content; an item
    that is not a ``str`` raises :class:`TypeError` when its result is
    reached, and ``processes`` below 1 raises :class:`ValueError`.

    Example::

        reports = list(gkparse.parse_many(texts, processes=4))
    """
    if processes is not None and processes < 1:
        raise ValueError(f"parse_many() needs processes >= 1 or None, not {processes}")
    results: Iterator[Report | Validated]
    if processes is None:
        results = (_parse_one(text, validate) for text in texts)
    else:
        results = _in_pool(iter(texts), processes, validate)
    return cast("Iterator[Report] | Iterator[Validated]", results)  # the overloads say which


def _parse_one(text: str, validate: bool) -> Report | Validated:
    report = parse(text)
    return (report, validate_report(report)) if validate else report


def _parse_chunk(texts: list[str], validate: bool) -> list[Report | Validated | TypeError]:
    """A worker's job: one chunk of texts, parsed in order; an item that is
    not text gives its error, raised when the caller reaches it."""
    results: list[Report | Validated | TypeError] = []
    for text in texts:
        try:
            results.append(_parse_one(text, validate))
        except TypeError as error:
            results.append(error)
    return results


def _in_pool(texts: Iterator[str], processes: int, validate: bool) -> Iterator[Report | Validated]:
    """The results of a pool of ``processes`` workers, in order, never more
    than ``AHEAD`` chunks a worker in flight."""
    # Imported here: a process that never asks for a pool does not pay for it at import.
    from concurrent.futures import ProcessPoolExecutor

    chunks = iter(lambda: list(itertools.islice(texts, CHUNK)), [])
    pool = ProcessPoolExecutor(max_workers=processes)
    try:
        pending: collections.deque[Future[list[Report | Validated | TypeError]]]
        pending = collections.deque()
        for chunk in itertools.islice(chunks, processes * AHEAD):
            pending.append(pool.submit(_parse_chunk, chunk, validate))
        while pending:
            done = pending.popleft().result()
            chunk = next(chunks, [])
            if chunk:
                pending.append(pool.submit(_parse_chunk, chunk, validate))
            for result in done:
                if isinstance(result, TypeError):
                    raise result
                yield result
    finally:  # also when the caller stops early: what is not started is dropped
        pool.shutdown(wait=True, cancel_futures=True)
