"""What every text must get from gkparse, whatever it holds.

The fuzz harness (``fuzz/fuzz_parse.py``) and the regression test
(``tests/test_fuzz_regressions.py``) run the same checks: ``parse`` returns
a report, ``validate`` its findings, the report comes back the same
through JSON and pickle, and its facts come back the same when it is
rendered into each layout and parsed again. A failing check raises
``AssertionError``.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping

import gkparse


def check_text(text: str) -> gkparse.Report:
    """Run the checks on one text; the report, for more checks by the caller."""
    report = gkparse.parse(text)
    for finding in gkparse.validate(report):
        assert finding.severity in ("error", "warning", "info"), finding
    again = gkparse.from_json(gkparse.to_json(report))
    assert again == report, "to_json → from_json changed the report"
    assert again.facts() == report.facts(), "to_json → from_json changed the facts"
    assert pickle.loads(pickle.dumps(report)) == report, "pickling changed the report"
    for layout in gkparse.LAYOUTS:
        again = gkparse.parse(gkparse.render(report, layout))
        assert same_facts(report.facts(), again.facts()), f"render into {layout} and parse changed the facts"
    return report


def same_facts(before: Mapping[str, object], after: Mapping[str, object]) -> bool:
    """Whether every fact has the same value in both: a None stays None, a
    value stays the same value. A key one of them lacks counts as None: a
    report whose edition is unknown has the keys of the tables it read, and
    a table of nothing but blanks may read back as no table, or the other way."""
    return all(before.get(key) == after.get(key) for key in {*before, *after})


def text_of(data: bytes) -> str:
    """The fuzzer's bytes as a text, as a user's file would be read: UTF-8,
    undecodable bytes replaced."""
    return data.decode("utf-8", errors="replace")
