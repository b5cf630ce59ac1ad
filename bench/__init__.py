"""gkparse's benchmark, run on demand: ``python -m bench [--quick] [--only NAME] [--json PATH]``.

Everything is measured in one process (or in subprocesses started by it) on
one machine and printed as a ratio against a baseline measured in the same
run, because absolute times on a shared machine are noise. Times are CPU
time (:func:`time.process_time`), best of several rounds. Nothing here is a
test: no figure makes anything fail, each target is printed PASS or FAIL.

Sections (``--only`` takes the name):

- ``baseline``: ``[l.split("\\t") for l in text.splitlines()]`` over each group of texts;
- ``parse``: parse, and parse + validate, per group, as a multiple of the baseline;
- ``scaling``: a seed report concatenated x1, x10, x100;
- ``memory``: peak and retained memory per report (tracemalloc);
- ``cold``: ``import gkparse`` and the first ``parse`` in a fresh interpreter;
- ``degenerate``: hostile inputs at three sizes, each in a subprocess with a timeout.

See ``docs/performance.md``.
"""
