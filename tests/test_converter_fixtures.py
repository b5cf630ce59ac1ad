"""The committed converter fixtures and the real-report corpus: gkparse never reads a wrong value.

``tests/fixtures/converters`` is written by ``python -m tests.converters.make``
(real converters run on reports built as Word files and web pages);
``tests/fixtures/corpus`` is a copy of the shared real-report corpus, and
``tests/fixtures/real`` holds real reports found elsewhere, rendered here. A value
that gkparse reads and that differs from the case's truth.json is a wrong
value; None (not read) is never wrong.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.converters import make, score
from tests.converters.template import MONEY_KEYS, valid_keys

ROOTS = {"converters": score.ROOTS[0], "corpus": score.ROOTS[1], "real": score.ROOTS[2]}
CASES = [(label, case) for label, root in ROOTS.items() for case in score.cases(root)]
IDS = [f"{label}/{case.name}" for label, case in CASES]
DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")

#: Cases on which gkparse reads a wrong value today: (root label, case) -> the file and key.
KNOWN_WRONG: dict[tuple[str, str], str] = {}


def _params() -> list[object]:
    params: list[object] = []
    for (label, case), case_id in zip(CASES, IDS, strict=True):
        reason = KNOWN_WRONG.get((label, case.name))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


def test_fixture_roots_have_cases() -> None:
    assert len(score.cases(ROOTS["converters"])) == len(make.all_names())
    assert {case.name for case in score.cases(ROOTS["converters"])} == set(make.all_names())
    assert len(score.cases(ROOTS["corpus"])) >= 7
    assert (ROOTS["corpus"] / "cases.json").exists()
    assert score.cases(ROOTS["real"])


@pytest.mark.parametrize(("label", "case"), CASES, ids=IDS)
def test_truth_is_well_formed(label: str, case: Path) -> None:
    truth = score.load_truth(case)
    facts, units, blank = truth["facts"], truth.get("units", {}), truth.get("blank", [])
    assert isinstance(facts, dict)
    assert isinstance(units, dict)
    assert isinstance(blank, list)
    assert truth["edition"] in ("2019", "2021")
    assert isinstance(truth["year"], int)
    assert facts, "a case without facts scores nothing"
    unknown = (set(facts) | set(blank)) - valid_keys()
    assert not unknown, f"not fact keys: {sorted(unknown)}"
    assert not set(facts) & set(blank), "a key is both a fact and blank"
    assert len(set(blank)) == len(blank)
    for key, value in facts.items():
        if key in MONEY_KEYS:
            assert isinstance(value, str), key
            assert DECIMAL.fullmatch(value), (key, value)
            Decimal(value)
        else:
            assert isinstance(value, int), (key, value)
            assert not isinstance(value, bool), key
    assert set(units) <= set(facts) & set(MONEY_KEYS)
    assert set(units.values()) <= {"万元", "元"}
    assert score.renderings(case), "no rendering to score"
    if label == "converters":
        names = set(make.WEB_WRITERS) | set(make.CONVERTERS) | {"source.html"}
        assert names <= {path.name for path in case.iterdir()}


@pytest.mark.parametrize("case", _params())
def test_no_wrong_values(case: Path) -> None:
    want = score.expected(score.load_truth(case))
    wrong = [item for name in score.renderings(case) for item in score.score_file(case, name, want).wrong]
    assert not wrong, "\n".join(str(item) for item in wrong)
