"""Runs of candidate lines, found once per text and read once each.

Layouts whose region rule is asked about every line of a text (``lines``,
``aligned``) find, in one pass, the runs of lines that may be their tables,
and read each run on first use: asking at every line then costs no more
than reading the text once. The runs of the last few texts are kept, since
the rule is asked about one text many times in a row, until
:func:`forget_text` drops them (``find_regions`` does, when it is done).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from gkparse.grids.lines import Line

R = TypeVar("R")

#: How a run is read: the text's lines, the run's first and last index.
ReadRun = Callable[[Sequence[Line], int, int], R]


class LazyRun(Generic[R]):
    """A run read on first use: a text of prose lines never reads its runs."""

    def __init__(self, lines: Sequence[Line], start: int, end: int, read: ReadRun[R]) -> None:
        self.lines, self.start, self.end, self._reader = lines, start, end, read
        self._read: R | None = None

    def read(self) -> R:
        if self._read is None:
            self._read = self._reader(self.lines, self.start, self.end)
        return self._read


class LineRuns(Generic[R]):
    """The runs of candidate lines of one text (breaks end them), by line."""

    def __init__(
        self,
        lines: Sequence[Line],
        breaks: frozenset[int],
        candidate: Callable[[Line], bool],
        read: ReadRun[R],
    ) -> None:
        self.lines, self.breaks = lines, breaks
        self.run_of: dict[int, LazyRun[R]] = {}
        index = 0
        while index < len(lines):
            if index in breaks or not candidate(lines[index]):
                index += 1
                continue
            end = index
            while end + 1 < len(lines) and end + 1 not in breaks and candidate(lines[end + 1]):
                end += 1
            run = LazyRun(lines, index, end, read)
            for member in range(index, end + 1):
                self.run_of[member] = run
            index = end + 1


class RunCache(Generic[R]):
    """One layout's runs of the latest texts, built once per text."""

    def __init__(self, candidate: Callable[[Line], bool], read: ReadRun[R], keep: int = 4) -> None:
        self._candidate, self._read, self._keep = candidate, read, keep
        self._latest: list[LineRuns[R]] = []
        self._lock = threading.Lock()
        _CACHES.append(self)

    def forget(self, lines: Sequence[Line]) -> None:
        """Drop the runs of this text."""
        with self._lock:
            self._latest[:] = [runs for runs in self._latest if runs.lines is not lines]

    def runs(self, lines: Sequence[Line], breaks: frozenset[int]) -> LineRuns[R]:
        """The runs of this text, built on the first call for it."""
        with self._lock:
            for runs in self._latest:
                if runs.lines is lines and runs.breaks == breaks:
                    return runs
        runs = LineRuns(lines, breaks, self._candidate, self._read)
        with self._lock:
            self._latest[:] = [runs, *self._latest[: self._keep - 1]]
        return runs

    def run_at(self, lines: Sequence[Line], first: int, breaks: frozenset[int]) -> R | None:
        """The run line ``first`` stands in, read; None if it is no candidate."""
        lazy = self.runs(lines, breaks).run_of.get(first)
        return None if lazy is None else lazy.read()


#: Every layout's cache of runs.
_CACHES: list[RunCache[Any]] = []


def forget_text(lines: Sequence[Line]) -> None:
    """Drop every layout's runs of this text, once its regions are found: a
    run holds its lines, and a million short lines must not outlive their
    parse."""
    for cache in _CACHES:
        cache.forget(lines)
