"""Parallel use: every exception pickles, reports pickle compactly, errors cross process pools."""

from __future__ import annotations

import concurrent.futures
import itertools
import multiprocessing
import pickle
from collections.abc import Iterator

import attrs
import pytest

import gkparse
from gkparse.cli import NotText
from tests.helpers import seed_text

SEEDS = ["000", "001", "002", "003", "004"]


def _every_exception_type() -> list[type[BaseException]]:
    """gkparse's own exception classes, found in its modules."""
    import gkparse.cli
    import gkparse.grids.layouts._base
    import gkparse.report.serialise
    import gkparse.rules.engine

    found = set()
    for module in (
        gkparse,
        gkparse.cli,
        gkparse.grids.layouts._base,
        gkparse.report.serialise,
        gkparse.rules.engine,
    ):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__.startswith("gkparse")
                and not value.__name__.startswith("_")  # private: never leaves its module
            ):
                found.add(value)
    return sorted(found, key=lambda kind: kind.__name__)


def _example(kind: type[BaseException]) -> BaseException:
    findings = gkparse.validate(gkparse.parse(seed_text("004")))
    examples: dict[str, BaseException] = {
        "ValidationError": gkparse.ValidationError([f for f in findings if f.severity == "error"]),
        "SerialisationError": gkparse.SerialisationError(["expected a string, got 5 @ $.title"]),
        "TableSyntaxError": gkparse.TableSyntaxError("not a tab table"),
        "NotText": NotText("invalid UTF-8"),
    }
    return examples[kind.__name__]


def test_the_exception_types_are_known() -> None:
    assert [kind.__name__ for kind in _every_exception_type()] == [
        "NotText",
        "SerialisationError",
        "TableSyntaxError",
        "ValidationError",
    ]


@pytest.mark.parametrize("kind", _every_exception_type(), ids=lambda kind: kind.__name__)
def test_every_exception_type_pickles(kind: type[BaseException]) -> None:
    error = _example(kind)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is kind
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error) if hasattr(error, "__dict__") else True


@pytest.mark.parametrize("number", SEEDS)
def test_a_report_pickles_whole_and_compactly(number: str) -> None:
    report = gkparse.parse(seed_text(number))
    data = pickle.dumps(report)
    again = pickle.loads(data)
    assert again == report
    assert [t.grids for t in again.tables] == [t.grids for t in report.tables]
    assert [c.span for t in again.tables for c in t.cells] == [c.span for t in report.tables for c in t.cells]
    assert [f.span for f in again.problems] == [f.span for f in report.problems]
    assert [s.span for s in again.sections] == [s.span for s in report.sections]
    # Smaller than the lossless JSON, and than the report's objects pickled one by one.
    fields = attrs.astuple(report, recurse=False)  # the objects, pickled one by one
    assert len(data) <= len(pickle.dumps(fields))
    if any(table.grids for table in report.tables):
        assert len(data) < len(pickle.dumps(fields)) * 0.75
        assert len(data) < len(gkparse.to_json(report, full=True).encode()) * 0.7


def _texts() -> list[str]:
    return [seed_text(number) for number in SEEDS]


def test_check_raising_inside_pool_workers() -> None:
    reports = [gkparse.parse(text) for text in _texts()]
    expected = [f for f in gkparse.validate(reports[4]) if f.severity == "error"]
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = [pool.apply_async(gkparse.check, (report,)) for report in reports]
        assert results[0].get(timeout=120) == reports[0]
        with pytest.raises(gkparse.ValidationError) as info:
            results[4].get(timeout=120)
    assert info.value.findings == tuple(expected)
    assert [f.span for f in info.value.findings] == [f.span for f in expected]


def test_check_raising_inside_a_process_pool_executor() -> None:
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        parsed = list(pool.map(gkparse.parse, _texts()))
        futures = [pool.submit(gkparse.check, report) for report in parsed]
        outcomes = [future.exception(timeout=120) for future in futures]
    assert parsed == [gkparse.parse(text) for text in _texts()]
    assert [type(outcome).__name__ for outcome in outcomes] == [
        "NoneType",
        "NoneType",
        "NoneType",
        "NoneType",
        "ValidationError",
    ]
    error = outcomes[4]
    assert isinstance(error, gkparse.ValidationError)
    assert len(error.findings) == 20


# ------------------------------------------------------------------ parse_many
def _batch_texts() -> list[str]:
    """The seeds, something that is no report, and the seeds again (more than a chunk)."""
    seeds = [seed_text(number) for number in SEEDS]
    return [*seeds, "", "规章\t0\t0\t0\n", *seeds, *seeds]


@pytest.mark.parametrize("processes", [None, 2])
def test_parse_many_gives_the_reports_of_parse_in_order(processes: int | None) -> None:
    texts = _batch_texts()
    assert list(gkparse.parse_many(texts, processes=processes)) == [gkparse.parse(text) for text in texts]


@pytest.mark.parametrize("processes", [None, 2])
def test_parse_many_validates_when_asked(processes: int | None) -> None:
    texts = _batch_texts()
    results = list(gkparse.parse_many(texts, processes=processes, validate=True))
    assert [report for report, _ in results] == [gkparse.parse(text) for text in texts]
    assert [findings for _, findings in results] == [gkparse.validate(gkparse.parse(text)) for text in texts]


def test_parse_many_takes_an_endless_iterable() -> None:
    """The pool works a few chunks ahead of the caller, never the whole stream."""
    endless = itertools.cycle(_batch_texts())
    first = list(itertools.islice(gkparse.parse_many(endless, processes=2), 25))
    expected = [gkparse.parse(text) for text in itertools.islice(itertools.cycle(_batch_texts()), 25)]
    assert first == expected


def test_parse_many_is_lazy_in_this_process() -> None:
    taken: list[str] = []

    def texts() -> Iterator[str]:
        for text in _batch_texts():
            taken.append(text)
            yield text

    results = gkparse.parse_many(texts())
    assert taken == []
    next(results)
    assert len(taken) == 1


@pytest.mark.parametrize("processes", [None, 2])
def test_parse_many_raises_type_error_for_what_is_not_text(processes: int | None) -> None:
    results = gkparse.parse_many([seed_text("000"), b"bytes"], processes=processes)  # type: ignore[list-item]
    assert next(results).facts()
    with pytest.raises(TypeError, match="parse\\(\\) takes a str, not bytes"):
        next(results)


def test_parse_many_needs_a_process_or_none() -> None:
    with pytest.raises(ValueError, match="processes >= 1 or None, not 0"):
        gkparse.parse_many([], processes=0)
