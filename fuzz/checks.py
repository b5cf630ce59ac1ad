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
        assert again.facts() == report.facts(), f"render into {layout} and parse changed the facts"
    return report


def text_of(data: bytes) -> str:
    """The fuzzer's bytes as a text, as a user's file would be read: UTF-8,
    undecodable bytes replaced."""
    return data.decode("utf-8", errors="replace")
