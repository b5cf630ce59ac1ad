"""The texts the benchmark reads, in named groups.

- ``seeds``: ``tests/fixtures/seeds/*.txt``;
- ``layouts/<layout>``: ``tests/fixtures/layouts/``, by the layout in the file name;
- ``converters/<converter>`` and ``corpus/<converter>``: every text fixture
  under ``tests/fixtures/converters/`` and ``tests/fixtures/corpus/`` (if
  there), by converter;
- ``shared/<converter>``: the renderings in ``../shared/corpus/*/`` (if there);
- ``generated/<layout>``: reports from ``gkparse.strategies.report_texts(layout)``,
  the same ones in every run (a fixed hypothesis seed).

Folders may be missing or grow: a group holds whatever is there when the run starts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

import gkparse
from bench.common import (
    CONVERTER_FIXTURES,
    CORPUS_FIXTURES,
    LAYOUT_FIXTURES,
    REPOSITORY,
    SEEDS,
    SHARED_CORPUS,
    read_text,
    say,
)

#: Converter outputs by file name stem, and the family each belongs to (as the shared corpus scores them).
FAMILIES = {
    "docx-tabs": "tab",
    "markitdown": "pipe",
    "pymupdf4llm": "pipe",
    "pipe": "pipe+html",
    "docx2txt": "lines",
    "lo-txt": "lines",
    "pdftotext-raw": "lines",
    "plain-pandoc3": "grid",
    "plain-pandoc": "grid",
    "pdftotext-layout": "aligned",
    "pdfplumber": "aligned",
    "pages": "web",
    "web-bar-lines": "web",
    "web-blank-lines": "web",
    "web-cell-pipe": "web",
    "web-pipes": "web",
    "found-crawler": "runs",
    "runs-spaced": "runs",
    "runs-tight": "runs",
}

#: Files in fixture folders that are not a converter's text of a report.
_NOT_TEXTS = {"source.html", "truth.json", "cases.json"}
_NOT_TEXT_SUFFIXES = {".json", ".py", ".sh", ".pdf", ".docx", ".png"}


@dataclass(frozen=True)
class Group:
    """Texts measured together: ``labels[i]`` names ``texts[i]`` (a path or a generated example)."""

    name: str
    kind: str
    texts: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def characters(self) -> int:
        return sum(len(text) for text in self.texts)


def _is_text(path: Path) -> bool:
    return (
        path.is_file()
        and not path.name.startswith(".")
        and not path.name.upper().startswith("README")
        and path.name not in _NOT_TEXTS
        and path.suffix.lower() not in _NOT_TEXT_SUFFIXES
    )


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(REPOSITORY))
    except ValueError:
        return str(path)


def _group(name: str, kind: str, paths: Iterable[Path]) -> Group:
    chosen = sorted(paths)
    return Group(name, kind, tuple(read_text(p) for p in chosen), tuple(_relative(p) for p in chosen))


def converter_of(path: Path, root: Path) -> str:
    """Which converter wrote ``path``: a known converter named by its file or by a folder
    between ``root`` and it (``docx-tabs.txt (tab)``), else its file name."""
    parts = path.relative_to(root).parts
    for part in reversed(parts):
        stem = part.split(".", 1)[0] if part == parts[-1] else part
        if stem in FAMILIES:
            return f"{part} ({FAMILIES[stem]})"
    return path.name


def _by_converter(prefix: str, kind: str, root: Path, paths: Iterable[Path]) -> list[Group]:
    found: dict[str, list[Path]] = {}
    for path in paths:
        found.setdefault(converter_of(path, root), []).append(path)
    return [_group(f"{prefix}/{name}", kind, found[name]) for name in sorted(found)]


def seeds() -> Group:
    return _group("seeds", "seeds", SEEDS.glob("*.txt"))


def layout_fixtures() -> list[Group]:
    found: dict[str, list[Path]] = {}
    for path in filter(_is_text, LAYOUT_FIXTURES.glob("*")):
        layout = path.stem.rsplit("_", 1)[-1]
        found.setdefault(layout if layout in gkparse.LAYOUTS else "other", []).append(path)
    return [_group(f"layouts/{name}", "layouts", found[name]) for name in sorted(found)]


def fixture_corpora() -> list[Group]:
    """``tests/fixtures/converters/**`` and ``tests/fixtures/corpus/**``, per converter, if there."""
    groups = []
    for prefix, root in (("converters", CONVERTER_FIXTURES), ("corpus", CORPUS_FIXTURES)):
        if root.is_dir():
            groups += _by_converter(prefix, prefix, root, filter(_is_text, root.rglob("*")))
    return groups


def shared_corpus() -> list[Group]:
    """The renderings of each case in ``../shared/corpus/*/``, per converter, if there."""
    if not SHARED_CORPUS.is_dir():
        return []
    cases = [case for case in SHARED_CORPUS.iterdir() if case.is_dir() and (case / "truth.json").is_file()]
    paths = [path for case in cases for path in case.iterdir() if _is_text(path)]
    return _by_converter("shared", "shared", SHARED_CORPUS, paths)


@functools.cache
def generated_texts(layout: str, count: int) -> tuple[str, ...]:
    """``count`` texts of ``report_texts(layout)``: hypothesis with a fixed seed, so the same in every run."""
    from gkparse import strategies

    texts: list[str] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(strategies.report_texts(layout))
    def collect(pair: tuple[str, gkparse.Report]) -> None:
        texts.append(pair[0])

    collect()
    return tuple(texts)


def generated(count: int) -> list[Group]:
    """``count`` generated reports per layout of gkparse.LAYOUTS; a layout the strategies
    cannot write yet is reported and left out."""
    groups = []
    for layout in gkparse.LAYOUTS:
        try:
            texts = generated_texts(layout, count)
        except Exception as error:  # a layout in progress must not stop the run
            say(
                f"  generated/{layout}: left out, report_texts({layout!r}) failed: "
                f"{type(error).__name__}: {error}"
            )
            continue
        labels = tuple(f"report_texts({layout!r}) example {index}" for index in range(len(texts)))
        groups.append(Group(f"generated/{layout}", "generated", texts, labels))
    return groups


def all_groups(count: int) -> list[Group]:
    """Every group, non-empty ones only, generated ones last."""
    groups = [seeds(), *layout_fixtures(), *fixture_corpora(), *shared_corpus(), *generated(count)]
    return [group for group in groups if group.texts]
