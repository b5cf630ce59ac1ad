"""Runs of candidate lines, found once per text and read once each.

Layouts whose region rule is asked about every line of a text (``lines``,
``aligned``) find, in one pass, the runs of lines that may be their tables,
and read each run on first use: asking at every line then costs no more
than reading the text once. The runs of the last few texts are kept, since
the rule is asked about one text many times in a row, until
:func:`forget_text` drops them (``find_regions`` does, when it is done).
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from gkparse.grids.layouts._base import marks_over
from gkparse.grids.lines import Lines

R = TypeVar("R")

#: How a run is read: the text's lines, the run's first and last index.
ReadRun = Callable[[Lines, int, int], R]
#: Whether a line (the text's lines, its index) may stand in a run.
Candidate = Callable[[Lines, int], bool]


class LineRuns(Generic[R]):
    """The runs of candidate lines of one text (breaks end them), found in
    one pass and kept by their first and last lines in two arrays (a text
    of many short runs makes no object a run), each read on first use: a
    text of prose lines never reads its runs.

    A run holding more of its layout's cell marks than a table may (see
    :func:`~gkparse.grids.layouts._base.marks_over`) is never read: it reads
    as None, no table."""

    def __init__(
        self,
        lines: Lines,
        breaks: frozenset[int],
        candidate: Candidate,
        read: ReadRun[R],
        marks: re.Pattern[str],
    ) -> None:
        self._lines, self._reader, self._marks = lines, read, marks
        self.starts = array("q")
        self.ends = array("q")
        index = 0
        while index < len(lines):
            if index in breaks or not candidate(lines, index):
                index += 1
                continue
            end = index
            while end + 1 < len(lines) and end + 1 not in breaks and candidate(lines, end + 1):
                end += 1
            self.starts.append(index)
            self.ends.append(end)
            index = end + 1
        self._done = bytearray(len(self.starts))
        self._reads: dict[int, R] = {}  # the runs read that are something

    def read_at(self, index: int) -> R | None:
        """The run line ``index`` stands in, read; None if there is none."""
        at = bisect.bisect_right(self.starts, index) - 1
        if at < 0 or self.ends[at] < index:
            return None
        if not self._done[at]:
            self._done[at] = 1
            lines, start, end = self._lines, self.starts[at], self.ends[at]
            if not marks_over(self._marks, lines.source, lines.start(start), lines.end(end)):
                read = self._reader(lines, start, end)
                if read is not None:
                    self._reads[at] = read
        return self._reads.get(at)


class TextCache(Generic[R]):
    """What a layout works out once per text (and breaks), kept for the
    latest few texts, since its region rule is asked about one text many
    times in a row, until :func:`forget_text` drops it."""

    def __init__(self, build: Callable[[Lines, frozenset[int]], R], keep: int = 4) -> None:
        self._build, self._keep = build, keep
        self._latest: list[tuple[Lines, frozenset[int], R]] = []
        self._lock = threading.Lock()
        _CACHES.append(self)

    def forget(self, lines: Lines) -> None:
        """Drop what was worked out for this text."""
        with self._lock:
            self._latest[:] = [entry for entry in self._latest if entry[0] is not lines]

    def get(self, lines: Lines, breaks: frozenset[int]) -> R:
        """What this text gives, worked out on the first call for it."""
        with self._lock:
            for known, known_breaks, built in self._latest:
                if known is lines and known_breaks == breaks:
                    return built
        built = self._build(lines, breaks)
        with self._lock:
            self._latest[:] = [(lines, breaks, built), *self._latest[: self._keep - 1]]
        return built


class RunCache(Generic[R]):
    """One layout's runs of the latest texts, built once per text."""

    def __init__(self, candidate: Candidate, read: ReadRun[R], marks: re.Pattern[str], keep: int = 4) -> None:
        self._runs: TextCache[LineRuns[R]] = TextCache(
            lambda lines, breaks: LineRuns(lines, breaks, candidate, read, marks), keep
        )

    def run_at(self, lines: Lines, first: int, breaks: frozenset[int]) -> R | None:
        """The run line ``first`` stands in, read; None if it is no candidate
        or its run is too large to be a table."""
        return self._runs.get(lines, breaks).read_at(first)


#: Every layout's cache of runs.
_CACHES: list[TextCache[Any]] = []


def forget_text(lines: Lines) -> None:
    """Drop every layout's runs of this text, once its regions are found: a
    run holds its lines, and a million short lines must not outlive their
    parse."""
    for cache in _CACHES:
        cache.forget(lines)
