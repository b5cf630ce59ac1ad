"""Regenerate the converter fixtures in ``tests/fixtures/converters/<case>/``.

For every case (the seeds with tables, and reports generated reproducibly by
``gkparse.strategies.reports()``), build the report as a Word file (python-docx,
with the merged cells of the official template) and as a web page
(``source.html``), run the real converters on them and write their output,
our own renderings of stored web-page text and crawler text, and
``truth.json``. CI reads the committed files and needs none of the converters.

Run from the project root, with an interpreter that has the converters::

    /opt/conv-venv/bin/python -m tests.converters.make [--cases seed_000,gen_2021_yuan] [--list]

A converter that is missing is skipped with a message, and its file is left as
it was. See ``tests/converters/README.md``.
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import gkparse
from gkparse import Report
from tests.converters import template as tpl

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "converters"

#: The seeds that have tables.
SEED_NUMBERS = ("000", "002", "003", "004")
#: ``@hypothesis.seed`` of the generated cases: change it and every gen_* case changes.
HYPOTHESIS_SEED = 20251203
POOL_SIZE = {"2019": 150, "2021": 300}

SOFFICE_TIMEOUT = 300


class Missing(Exception):
    """A converter (a program or a Python package) is not installed."""


# ------------------------------------------------------------------ document
@dataclass(frozen=True)
class HCell:
    """A table cell as the source has it: text and the grid slots it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1


Rows = list[list[HCell]]


@dataclass(frozen=True)
class Block:
    """A paragraph (``kind`` "title", "heading" or "para") or a table (``rows``)."""

    kind: str
    text: str = ""
    rows: tuple[tuple[HCell, ...], ...] = ()


def placed(rows: Sequence[Sequence[HCell]]) -> Iterator[tuple[int, int, HCell]]:
    """(row, column, cell) of every origin cell, placing rowspans as HTML does."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan


def width(rows: Sequence[Sequence[HCell]]) -> int:
    return max((c + cell.colspan for _, c, cell in placed(rows)), default=0)


def _cell_text(report_cells: dict[str, gkparse.Cell], key: str) -> str:
    """What the source shows in a value cell: the raw text of a value, a blank's placeholder, or nothing."""
    cell = report_cells.get(key)
    if cell is None:
        return ""
    raw = cell.raw.strip()
    if cell.state == "value":
        return raw or str(cell.value)
    if cell.state == "blank":
        return raw
    return ""  # unknown, invalid, missing: the source's text is not known


def table2_rows(cells: dict[str, gkparse.Cell]) -> Rows:
    edition = "2019" if "active_disclosure.regulations.made" in cells else "2021"
    rows: Rows = []
    for block in tpl.TABLE2[edition]:
        rows.append([HCell(block.heading, colspan=tpl.TABLE2_WIDTH)])
        rows.append([HCell("信息内容")] + [HCell(label, colspan=span) for label, _, span in block.columns])
        for label, row in block.rows:
            values = [
                HCell(_cell_text(cells, f"active_disclosure.{row}.{column}"), colspan=span)
                for _, column, span in block.columns
            ]
            rows.append([HCell(label), *values])
    return rows


def table3_rows(cells: dict[str, gkparse.Cell]) -> Rows:
    variant = "2019" if "applications.other_handling.natural_person" in cells else "2021"

    def values(row: str) -> list[HCell]:
        return [HCell(_cell_text(cells, f"applications.{row}.{column}")) for _, column in tpl.TABLE3_COLUMNS]

    labels = [label for label, _ in tpl.TABLE3_COLUMNS]
    rows: Rows = [
        [HCell(tpl.TABLE3_CORNER, colspan=3, rowspan=3), HCell("申请人情况", colspan=7)],
        [HCell(labels[0], rowspan=2), HCell("法人或其他组织", colspan=5), HCell(labels[-1], rowspan=2)],
        [HCell(label) for label in labels[1:-1]],
    ]
    rows += [[HCell(label, colspan=3), *values(key)] for key, label in tpl.TABLE3_BEFORE]
    results = tpl.TABLE3_RESULTS[variant]
    for i, row in enumerate(results):
        out: list[HCell] = []
        if i == 0:
            out.append(HCell(tpl.RESULTS, rowspan=len(results)))
        if row.group is None:
            out.append(HCell(row.label, colspan=2))
        else:
            if i == 0 or results[i - 1].group != row.group:
                size = sum(1 for other in results if other.group == row.group)
                out.append(HCell(row.group, rowspan=size))
            out.append(HCell(row.label))
        rows.append(out + values(row.key))
    rows += [[HCell(label, colspan=3), *values(key)] for key, label in tpl.TABLE3_AFTER]
    return rows


def table4_rows(cells: dict[str, gkparse.Cell]) -> Rows:
    columns = [label for label, _ in tpl.TABLE4_COLUMNS]
    return [
        [HCell("行政复议", colspan=5), HCell("行政诉讼", colspan=10)],
        [HCell(label, rowspan=2) for label in columns]
        + [HCell(tpl.TABLE4_GROUPS[1][0], colspan=5), HCell(tpl.TABLE4_GROUPS[2][0], colspan=5)],
        [HCell(label) for label in columns * 2],
        [
            HCell(_cell_text(cells, f"review_litigation.{group}.{column}"))
            for _, group in tpl.TABLE4_GROUPS
            for _, column in tpl.TABLE4_COLUMNS
        ],
    ]


_TABLE_ROWS: dict[str, Callable[[dict[str, gkparse.Cell]], Rows]] = {
    "active_disclosure": table2_rows,
    "applications": table3_rows,
    "review_litigation": table4_rows,
}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def document(report: Report) -> list[Block]:
    """The report as the blocks of a Word file: title, preamble, sections with their prose and tables."""
    title = (report.title or "").strip()
    blocks = [Block("title", title)]
    for line in report.preamble.splitlines():
        # a parsed report's preamble starts with the title's lines
        if line.strip() and not (_squeeze(line) and _squeeze(line) in _squeeze(title)):
            blocks.append(Block("para", line.strip()))
    tables: dict[str, gkparse.Table] = {table.key: table for table in report.tables}
    for section in report.sections:
        blocks.append(Block("heading", section.heading.strip()))
        blocks += [Block("para", line.strip()) for line in section.text.splitlines() if line.strip()]
        table = tables.pop(section.key, None)
        if table is not None:
            blocks.append(_table_block(table))
    blocks += [_table_block(table) for table in tables.values()]
    return blocks


def _table_block(table: gkparse.Table) -> Block:
    rows = _TABLE_ROWS[table.key]({cell.key: cell for cell in table.cells})
    return Block("table", rows=tuple(tuple(row) for row in rows))


# ------------------------------------------------------------ docx and html
def build_docx(blocks: Sequence[Block], path: Path) -> None:
    docx = _module("docx", "python-docx")
    enum_text = _module("docx.enum.text", "python-docx")
    doc = docx.Document()
    for block in blocks:
        if block.kind != "table":
            paragraph = doc.add_paragraph(block.text)
            if block.kind == "title":
                paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
            continue
        table = doc.add_table(rows=len(block.rows), cols=width(block.rows))
        table.style = "Table Grid"
        for r, c, cell in placed(block.rows):
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            target.text = cell.text
        doc.add_paragraph("")
    doc.save(str(path))


def build_html(blocks: Sequence[Block]) -> str:
    title = next((block.text for block in blocks if block.kind == "title"), "")
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title></head>",
        "<body>",
    ]
    for block in blocks:
        if block.kind == "title":
            out.append(f"<h1>{html.escape(block.text)}</h1>")
        elif block.kind == "heading":
            out.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        elif block.kind == "para":
            out.append(f"<p>{html.escape(block.text)}</p>")
        else:
            out.append('<table border="1">')
            for row in block.rows:
                tds = []
                for cell in row:
                    spans = "".join(
                        f' {name}="{n}"'
                        for name, n in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                        if n > 1
                    )
                    tds.append(f"<td{spans}>{html.escape(cell.text)}</td>")
                out.append("<tr>" + "".join(tds) + "</tr>")
            out.append("</table>")
    out += ["</body></html>", ""]
    return "\n".join(out)


class _PageReader(HTMLParser):
    """Blocks of a web page: paragraphs and tables of (text, colspan, rowspan) cells."""

    _PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] | None = None
        self._rows: list[list[HCell]] | None = None
        self._cell: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = (int(attributes.get("colspan") or 1), int(attributes.get("rowspan") or 1))
            self._text = []
        elif tag in self._PARAGRAPHS and self._rows is None:
            self._text = []
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if (
            tag in ("td", "th")
            and self._rows is not None
            and self._cell is not None
            and self._text is not None
        ):
            text = " ".join("".join(self._text).split())
            self._rows[-1].append(HCell(text, *self._cell))
            self._cell, self._text = None, None
        elif tag == "table" and self._rows is not None:
            self.blocks.append(Block("table", rows=tuple(tuple(row) for row in self._rows)))
            self._rows = None
        elif tag in self._PARAGRAPHS and self._rows is None and self._text is not None:
            text = "".join(self._text).strip()
            if text:
                self.blocks.append(Block("title" if tag == "h1" else "para", text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def read_page(page: str) -> list[Block]:
    reader = _PageReader()
    reader.feed(page)
    reader.close()
    return reader.blocks


# ------------------------------------------------------- web-page text forms
_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})
_NUMBER = re.compile(r"[+\-]?[0-9][0-9,.]*")


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _row_cells(rows: Sequence[Sequence[HCell]]) -> Iterator[tuple[list[str], int]]:
    """Each row's origin cell texts (folded) and how many grid slots merged cells cover in it."""
    n = width(rows)
    for row in rows:
        yield [_fold(cell.text) for cell in row], n - len(row)


def web_pipes(blocks: Sequence[Block]) -> str:
    """One table row per line, ``a | b | c |``, merged slots as a trailing run ``| |||``."""
    lines: list[str] = []
    for block in blocks:
        if block.kind != "table":
            lines.append(_fold(block.text))
            continue
        for texts, extra in _row_cells(block.rows):
            lines.append(" | ".join(texts) + " |" + (" " + "|" * extra if extra else ""))
    return "\n".join(lines) + "\n"


def web_cell_pipe(blocks: Sequence[Block]) -> str:
    """One cell per line ending in `` |``; a line of bare pipes after a row with merged slots."""
    lines: list[str] = []
    for block in blocks:
        if block.kind != "table":
            lines.append(_fold(block.text))
            continue
        for texts, extra in _row_cells(block.rows):
            lines += [f"{text} |" for text in texts]
            if extra:
                lines.append("|" * extra)
    return "\n".join(lines) + "\n"


def web_bar_lines(blocks: Sequence[Block]) -> str:
    """One cell per line, each followed by a line holding only ``|``."""
    lines: list[str] = []
    for block in blocks:
        if block.kind != "table":
            lines.append(_fold(block.text))
            continue
        for texts, _ in _row_cells(block.rows):
            for text in texts:
                lines += [text, "|"]
    return "\n".join(lines) + "\n"


def web_blank_lines(blocks: Sequence[Block]) -> str:
    """Paragraphs and cells each on a line with a blank line between; numbers in tables 3 and 4 indented."""
    items: list[str] = []
    tables = 0
    for block in blocks:
        if block.kind != "table":
            items.append(_fold(block.text))
            continue
        tables += 1
        for texts, _ in _row_cells(block.rows):
            items += [f"  {text}" if tables > 1 and _NUMBER.fullmatch(text) else text for text in texts]
    return "\n\n".join(items) + "\n"


def runs_spaced(blocks: Sequence[Block]) -> str:
    """A crawler's get_text(" "): paragraphs on lines, each table on one line, cells between spaces."""
    lines: list[str] = []
    for block in blocks:
        if block.kind != "table":
            lines.append(block.text)
        else:
            lines.append(" ".join(cell.text for row in block.rows for cell in row if cell.text))
    return "\n".join(lines) + "\n"


def runs_tight(blocks: Sequence[Block]) -> str:
    """A crawler's get_text(): the title, then the whole article on one line, nothing between cells."""
    title = "".join(block.text for block in blocks if block.kind == "title")
    body = "".join(
        block.text if block.kind != "table" else "".join(cell.text for row in block.rows for cell in row)
        for block in blocks
        if block.kind != "title"
    )
    return f"{title}\n{body}\n"


WEB_WRITERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "web-pipes.txt": web_pipes,
    "web-cell-pipe.txt": web_cell_pipe,
    "web-bar-lines.txt": web_bar_lines,
    "web-blank-lines.txt": web_blank_lines,
    "runs-spaced.txt": runs_spaced,
    "runs-tight.txt": runs_tight,
}


# ---------------------------------------------------------------- converters
def _module(name: str, package: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise Missing(f"Python package {package} is not installed ({error})") from error


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Missing(f"program {name} is not on PATH")
    return path


def _run(argv: Sequence[str], timeout: int = 120) -> str:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(list(argv), capture_output=True, timeout=timeout, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(
            f"{argv[0]} exited with {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}"
        )
    return done.stdout.decode("utf-8")


def _pandoc3() -> str:
    """pandoc 3.x: the one inside pypandoc_binary, or the system's if it is 3.x (2.x prints [TABLE])."""
    try:
        pypandoc = importlib.import_module("pypandoc")
        path = str(pypandoc.get_pandoc_path())
        if _run([path, "--version"]).startswith("pandoc 3"):
            return path
    except (ImportError, OSError, RuntimeError):
        pass
    system = shutil.which("pandoc")
    if system and _run([system, "--version"]).startswith("pandoc 3"):
        return system
    raise Missing("pandoc 3.x is not installed (pip install pypandoc_binary); pandoc 2.x prints [TABLE]")


class Work:
    """The intermediate files of one case, made on first use: doc.html, doc.docx, doc.pdf."""

    def __init__(self, folder: Path, blocks: Sequence[Block], page: str, profile: Path) -> None:
        self.folder = folder
        self.blocks = blocks
        self.page = page
        self.profile = profile
        self._docx: Path | None = None
        self._pdf: Path | None = None

    @property
    def html(self) -> Path:
        path = self.folder / "doc.html"
        if not path.exists():
            path.write_text(self.page, encoding="utf-8")
        return path

    @property
    def docx(self) -> Path:
        if self._docx is None:
            path = self.folder / "doc.docx"
            build_docx(self.blocks, path)
            self._docx = path
        return self._docx

    def soffice(self, target: str, source: Path) -> Path:
        soffice = _program("soffice")
        outdir = self.folder / target.split(":", maxsplit=1)[0]
        outdir.mkdir(exist_ok=True)
        _run(
            [
                soffice,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--convert-to",
                target,
                str(source),
                "--outdir",
                str(outdir),
            ],
            timeout=SOFFICE_TIMEOUT,
        )
        out = outdir / (source.stem + "." + target.split(":", maxsplit=1)[0])
        if not out.exists() or not out.stat().st_size:
            raise RuntimeError(f"LibreOffice wrote no {out.name}")
        return out

    @property
    def pdf(self) -> Path:
        if self._pdf is None:
            self._pdf = self.soffice("pdf", self.docx)
        return self._pdf


def docx_tabs(work: Work) -> str:
    """python-docx: paragraphs one per line, table rows with cells joined by tabs (as tools/docx_tabs.py)."""
    docx = _module("docx", "python-docx")
    table_class = _module("docx.table", "python-docx").Table
    paragraph_class = _module("docx.text.paragraph", "python-docx").Paragraph
    doc = docx.Document(str(work.docx))
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(paragraph_class(child, doc).text)
        elif tag == "tbl":
            lines += ["\t".join(cell.text for cell in row.cells) for row in table_class(child, doc).rows]
            lines.append("")
    return "\n".join(lines) + "\n"


def docx2txt(work: Work) -> str:
    return str(_module("docx2txt", "docx2txt").process(str(work.docx)))


def lo_txt(work: Work) -> bytes:
    return work.soffice("txt:Text (encoded):UTF8", work.docx).read_bytes()


def pdftotext_layout(work: Work) -> str:
    return _run([_program("pdftotext"), "-layout", "-enc", "UTF-8", str(work.pdf), "-"])


def pdftotext_raw(work: Work) -> str:
    return _run([_program("pdftotext"), "-enc", "UTF-8", str(work.pdf), "-"])


def pdfplumber(work: Work) -> str:
    module = _module("pdfplumber", "pdfplumber")
    with module.open(str(work.pdf)) as pdf:
        return "\n".join((page.extract_text() or "") for page in pdf.pages) + "\n"


def plain_pandoc(work: Work) -> str:
    return _run([_pandoc3(), "-f", "html", "-t", "plain", "--wrap=none", str(work.html)])


def pipe_md(work: Work) -> str:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pandoc = _pandoc3()
    target = "markdown-simple_tables-multiline_tables-grid_tables+pipe_tables"
    return _run([pandoc, "-f", "html", "-t", target, "--wrap=none", str(work.html)])


def markitdown(work: Work) -> str:
    command = Path(sys.executable).parent / "markitdown"
    if command.exists():
        return _run([str(command), str(work.docx)])
    module = _module("markitdown", "markitdown[docx,pdf]")
    return str(module.MarkItDown().convert(str(work.docx)).text_content) + "\n"


def pymupdf4llm(work: Work) -> str:
    return str(_module("pymupdf4llm", "pymupdf4llm").to_markdown(str(work.pdf)))


CONVERTERS: dict[str, Callable[[Work], str | bytes]] = {
    "docx-tabs.txt": docx_tabs,
    "docx2txt.txt": docx2txt,
    "lo-txt.txt": lo_txt,
    "pdftotext-layout.txt": pdftotext_layout,
    "pdftotext-raw.txt": pdftotext_raw,
    "pdfplumber.txt": pdfplumber,
    "plain-pandoc.txt": plain_pandoc,
    "pipe.md": pipe_md,
    "markitdown.md": markitdown,
    "pymupdf4llm.md": pymupdf4llm,
}


# --------------------------------------------------------------------- truth
def truth(report: Report, notes: str) -> dict[str, Any]:
    facts: dict[str, int | str] = {}
    units: dict[str, str] = {}
    blank: list[str] = []
    unit_not_stated: list[str] = []
    left_out: dict[str, int] = {}
    for table in report.tables:
        for cell in table.cells:
            if cell.state == "value" and cell.value is not None:
                facts[cell.key] = str(cell.value) if isinstance(cell.value, Decimal) else int(cell.value)
                if cell.key in tpl.MONEY_KEYS:
                    if cell.unit == "万元":
                        units[cell.key] = "万元"
                    else:
                        unit_not_stated.append(f"{cell.key} ({cell.raw.strip()!r})")
            elif cell.state == "blank":
                blank.append(cell.key)
            else:
                left_out[cell.state] = left_out.get(cell.state, 0) + 1
    extra = []
    if unit_not_stated:
        extra.append(
            "Money with no unit stated (kept as written, no units entry): " + ", ".join(unit_not_stated) + "."
        )
    if left_out:
        states = ", ".join(f"{n} {state}" for state, n in sorted(left_out.items()))
        extra.append(f"Cells left out of facts and blank ({states}): their source text is not known.")
    return {
        "edition": report.edition,
        "year": report.year,
        "body": report.body,
        "facts": dict(sorted(facts.items())),
        "units": dict(sorted(units.items())),
        "blank": sorted(blank),
        "notes": " ".join([notes, *extra]),
    }


# --------------------------------------------------------------------- cases
@dataclass(frozen=True)
class Case:
    name: str
    report: Report
    notes: str


def seed_cases() -> list[Case]:
    cases = []
    for number in SEED_NUMBERS:
        (path,) = sorted(SEEDS.glob(f"{number}_*.txt"))
        report = gkparse.parse(path.read_text(encoding="utf-8"))
        notes = (
            f"Built by tests/converters/make.py from tests/fixtures/seeds/{path.name}: the report as "
            "gkparse.parse reads the seed (its title, preamble, sections' prose and the three tables, "
            "values as their raw text), written into the official template's merged cells."
        )
        cases.append(Case(f"seed_{number}", report, notes))
    return cases


def _collect(edition: str) -> list[Report]:
    """The reports one derandomised hypothesis run of reports(edition) generates, in order."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from gkparse.strategies import reports

    pool: list[Report] = []

    @seed(HYPOTHESIS_SEED)
    @settings(
        max_examples=POOL_SIZE[edition],
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(reports(edition=edition))
    def collect(report: Report) -> None:
        pool.append(report)

    collect()
    return pool


@dataclass(frozen=True)
class Features:
    edition: str
    table3: str
    money: str  # wan (…万元), yuan (…元), bare (a number, no unit in the cell), blank
    money_value: Decimal | None
    negative_change: bool
    plus_change: bool
    blanks: int
    distinct: int


def features(report: Report) -> Features:
    cells = {cell.key: cell for table in report.tables for cell in table.cells}
    money, money_value = "blank", None
    for key in tpl.MONEY_KEYS:
        cell = cells.get(key)
        if cell is not None and cell.state == "value" and isinstance(cell.value, Decimal):
            raw = cell.raw.strip()
            money = "wan" if raw.endswith("万元") else "yuan" if raw.endswith("元") else "bare"
            money_value = cell.value
    changes = [cell for key, cell in cells.items() if key.endswith(".change") and cell.state == "value"]
    return Features(
        edition=report.edition or "",
        table3="2019" if "applications.other_handling.natural_person" in cells else "2021",
        money=money,
        money_value=money_value,
        negative_change=any(isinstance(c.value, int) and c.value < 0 for c in changes),
        plus_change=any(c.raw.strip().startswith(("+", "增加")) for c in changes),
        blanks=sum(cell.state == "blank" for cell in cells.values()),
        distinct=len({cell.value for cell in cells.values() if cell.state == "value"}),
    )


#: Generated cases: name, what it covers, and what a report must have (first one wins).
GENERATED: tuple[tuple[str, str, Callable[[Features], bool]], ...] = (
    (
        "gen_2019_wan_blanks",
        "edition 2019, procurement amount in 万元 in the cell, blank cells",
        lambda f: f.edition == "2019" and f.money == "wan" and bool(f.money_value) and f.blanks > 0,
    ),
    (
        "gen_2019_yuan_negative",
        "edition 2019, procurement amount in 元 in the cell, a negative 本年增/减",
        lambda f: f.edition == "2019" and f.money == "yuan" and bool(f.money_value) and f.negative_change,
    ),
    (
        "gen_2019_bare_plus",
        "edition 2019, procurement amount with no unit stated, a 本年增/减 written with a plus",
        lambda f: f.edition == "2019" and f.money == "bare" and bool(f.money_value) and f.plus_change,
    ),
    (
        "gen_2019_full",
        "edition 2019, every cell filled in",
        lambda f: f.edition == "2019" and f.blanks == 0 and f.negative_change,
    ),
    (
        "gen_2021_wan_blanks",
        "edition 2021, fee amount with 万元 in the cell, blank cells",
        lambda f: f.edition == "2021" and f.table3 == "2021" and f.money == "wan" and f.blanks > 0,
    ),
    (
        "gen_2021_yuan",
        "edition 2021, fee amount in 元 in the cell",
        lambda f: f.edition == "2021" and f.table3 == "2021" and f.money == "yuan" and bool(f.money_value),
    ),
    (
        "gen_2021_header_unit",
        "edition 2021, fee amount as a bare number (万元 from the header), every cell filled in",
        lambda f: f.edition == "2021" and f.table3 == "2021" and f.money == "bare" and f.blanks == 0,
    ),
    (
        "gen_2021_table3_2019",
        "edition 2021 keeping the 2019 table 3 (one （六）其他处理 row)",
        lambda f: f.edition == "2021" and f.table3 == "2019",
    ),
)


def generated_cases(wanted: set[str] | None) -> list[Case]:
    names = [name for name, _, _ in GENERATED if wanted is None or name in wanted]
    if not names:
        return []
    pools = {edition: _collect(edition) for edition in POOL_SIZE}
    taken: set[int] = set()
    cases = []
    for name, covers, wants in GENERATED:
        # every case is chosen (so later choices do not depend on --cases), only the wanted are kept
        found = None
        for informative in (12, 4, 0):
            for index, report in enumerate(pools["2019"] + pools["2021"]):
                f = features(report)
                if index not in taken and f.distinct >= informative and wants(f):
                    found = index, report
                    break
            if found:
                break
        if found is None:
            raise SystemExit(
                f"no generated report fits {name} ({covers}): change HYPOTHESIS_SEED or POOL_SIZE"
            )
        index, report = found
        taken.add(index)
        if name in names:
            notes = (
                f"Built by tests/converters/make.py from a report of gkparse.strategies.reports(edition="
                f"{report.edition!r}) (hypothesis seed {HYPOTHESIS_SEED}, example {index} of the pool): "
                f"{covers}. Written into the official template's merged cells; "
                "values as the report's raw text."
            )
            cases.append(Case(name, report, notes))
    return cases


# ---------------------------------------------------------------------- main
def make_case(case: Case, profile: Path) -> list[str]:
    """Write every file of one case; return the messages of converters that were skipped or failed."""
    folder = OUT / case.name
    folder.mkdir(parents=True, exist_ok=True)
    blocks = document(case.report)
    page = build_html(blocks)
    (folder / "source.html").write_text(page, encoding="utf-8")
    page_blocks = read_page(page)
    for name, writer in WEB_WRITERS.items():
        (folder / name).write_text(writer(page_blocks), encoding="utf-8")
    problems = []
    with tempfile.TemporaryDirectory(prefix=f"gk-{case.name}-") as scratch:
        work = Work(Path(scratch), blocks, page, profile)
        for name, converter in CONVERTERS.items():
            try:
                output = converter(work)
            except Missing as error:
                problems.append(f"{case.name}: skipped {name}: {error}")
                continue
            except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as error:
                problems.append(f"{case.name}: FAILED {name}: {error}")
                continue
            if isinstance(output, bytes):
                (folder / name).write_bytes(output)
            else:
                with (folder / name).open("w", encoding="utf-8", newline="") as handle:
                    handle.write(output)
    data = truth(case.report, case.notes)
    (folder / "truth.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return problems


def all_names() -> list[str]:
    return [f"seed_{n}" for n in SEED_NUMBERS] + [name for name, _, _ in GENERATED]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.converters.make", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--cases", default="", help="comma-separated case names (default: every case)")
    parser.add_argument("--list", action="store_true", help="list the case names and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(all_names()))
        return 0
    wanted = {name.strip().rstrip("/") for name in args.cases.split(",") if name.strip()} or None
    unknown = (wanted or set()) - set(all_names())
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}; known: {', '.join(all_names())}")
    cases = [case for case in seed_cases() if wanted is None or case.name in wanted]
    cases += generated_cases(wanted)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gk-lo-profile-") as profile:
        for case in cases:
            print(f"== {case.name}", file=sys.stderr, flush=True)
            problems += make_case(case, Path(profile))
    for problem in problems:
        print(problem, file=sys.stderr)
    failed = [p for p in problems if "FAILED" in p]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
