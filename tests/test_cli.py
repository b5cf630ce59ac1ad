"""The command line: the bundled sample, files, stdin, formats, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gkparse.cli import main
from tests.helpers import SEEDS, seed_text


def seed_path(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return str(path)


def test_no_arguments_reads_the_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "title:     汉沽街道办事处2019年政府信息公开工作年度报告" in out
    assert "edition:   2019" in out
    assert "normative_documents  made=19  published=19  total_public=19" in out
    assert "info    SECTION-MISSING" in out


def test_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([seed_path("000"), seed_path("001"), "--format", "json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["file"] == seed_path("000")
    assert first["report"]["body"] == "咸丰路街道办事处"


def test_stdin_and_gb18030(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = seed_text("000").encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["-"]) == 0
    assert "body:      咸丰路街道办事处" in capsys.readouterr().out


def test_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([seed_path("000"), "--strict"]) == 0
    assert main([seed_path("004"), "--strict"]) == 1
    assert main([seed_path("004")]) == 0
    capsys.readouterr()


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.txt")]) == 2
    assert "gkparse:" in capsys.readouterr().err


def test_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--format", "xml"])
    assert exit_info.value.code == 2
    capsys.readouterr()


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gkparse", "--format", "json"], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout)["report"]["year"] == 2019


def test_rules_page(capsys: pytest.CaptureFixture[str]) -> None:
    from gkparse.rules import rules_markdown

    assert main(["--rules"]) == 0
    assert capsys.readouterr().out == rules_markdown()


def test_series(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import FIXTURES, LAYOUT_FIXTURES

    earlier = FIXTURES / "series" / "report2020_tab.txt"
    later = LAYOUT_FIXTURES / "report2021_tab.txt"
    assert main([str(earlier), str(later), "--series", "--strict"]) == 0
    assert "== series: 0 finding(s)" in capsys.readouterr().out
    broken = tmp_path / "2020.txt"
    broken.write_text(
        earlier.read_text(encoding="utf-8").replace(
            "四、结转下年度继续办理\t\t9\t", "四、结转下年度继续办理\t\t8\t"
        ),
        encoding="utf-8",
    )
    assert main([str(broken), str(later), "--series", "--strict", "--format", "json"]) == 1
    series = json.loads(capsys.readouterr().out.splitlines()[-1])["series"]
    assert [f["code"] for f in series] == ["YEAR-CHAIN"]
    assert series[0]["years"] == [2020, 2021]


def test_one_unreadable_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "absent.txt"), seed_path("000")]) == 2
    captured = capsys.readouterr()
    assert "absent.txt" in captured.err
    assert "body:      咸丰路街道办事处" in captured.out


def test_closed_pipe_is_quiet() -> None:
    result = subprocess.run(
        f"{sys.executable} -m gkparse {seed_path('000')} {seed_path('003')} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("== ")
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ formats


def test_json_carries_every_finding_rule_findings_included(capsys: pytest.CaptureFixture[str]) -> None:
    import gkparse

    assert main([seed_path("004"), "--format", "json", "--strict"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    report = gkparse.parse(seed_text("004"))
    findings = gkparse.validate(report)
    assert [f["code"] for f in data["findings"]] == [f.code for f in findings]
    assert any(f.get("outcome") == "not assessable" for f in data["findings"])  # rule findings are there
    assert data["findings"][0]["severity"] == "error"
    assert data["findings"][0]["span"][0] == 47
    assert gkparse.from_dict(data["report"]) == report
    assert all("grids" not in table for table in data["report"]["tables"])


def test_json_full_and_min_severity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([seed_path("004"), "--format", "json", "--full", "--min-severity", "error"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in data["findings"]} == {"error"}
    assert len(data["findings"]) == 20
    assert all(table["grids"] for table in data["report"]["tables"])


def test_jsonl_writes_one_record_per_fact(capsys: pytest.CaptureFixture[str]) -> None:
    import gkparse

    assert main([seed_path("000"), seed_path("001"), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    report = gkparse.parse(seed_text("000"))
    assert len(lines) == len(report.facts())  # seed 001 has no tables: no facts
    amount = next(line for line in lines if line["key"] == "active_disclosure.procurement.amount")
    assert amount["file"] == seed_path("000")
    assert amount["line"] == report.cell(amount["key"]).span.line  # type: ignore[union-attr]
    assert (amount["value"], amount["unit"], amount["state"], amount["row_label"]) == (
        "138.31",
        "万元",
        "value",
        "政府集中采购",
    )


def test_csv_writes_the_long_records_of_all_files(capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    import gkparse
    from gkparse.report.records import FACT_FIELDS

    assert main([seed_path("003"), seed_path("004"), "--format", "csv", "--strict"]) == 1
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    reports = [gkparse.parse(seed_text(n)) for n in ("003", "004")]
    assert len(rows) == sum(len(r.facts()) for r in reports)
    assert list(rows[0]) == ["file", *FACT_FIELDS]
    by_key = {(row["file"], row["key"]): row for row in rows}
    blank = by_key[seed_path("003"), "applications.new.commercial"]
    assert (blank["value"], blank["state"]) == ("", "blank")
    assert by_key[seed_path("003"), "applications.new.natural_person"]["value"] == "1"
    assert by_key[seed_path("004"), "applications.granted.total"]["state"] == "unknown"
    # The records carry no findings: the error findings that make --strict fail are on stderr.
    assert captured.err.count("error ROW-VALUE-COUNT") == 20


def test_min_severity_and_the_not_assessable_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "findings: 41" in out
    assert "  … and 40 not assessable (a rule's cells are blank; --min-severity info lists them)" in out
    assert "not assessable, no value" not in out
    assert main(["--min-severity", "info"]) == 0
    out = capsys.readouterr().out
    assert out.count("info    T") == 40
    assert main(["--min-severity", "warning"]) == 0
    out = capsys.readouterr().out
    assert "SECTION-MISSING" not in out
    assert "  … and 41 below warning (--min-severity info lists them)" in out


def test_schema_option_prints_the_published_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import REPOSITORY

    assert main(["--schema"]) == 0
    assert capsys.readouterr().out == (REPOSITORY / "docs" / "report.schema.json").read_text(encoding="utf-8")


# ------------------------------------------------------------------ inputs that are not reports


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the input is empty: not a report"),
        ("blank.txt", b"  \n\n\t\n", "the input is empty: not a report"),
        ("binary.bin", bytes(range(256)) * 4, "binary data (NUL bytes)"),
        ("utf16.txt", seed_text("000").encode("utf-16-le"), "UTF-16 saved without a byte order mark"),
        ("list.txt", "购物清单\n苹果 3\n梨 2\n".encode(), "no section headings, no tables"),
    ],
)
def test_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = _write(tmp_path, name, data)
    assert main([path]) == 0
    assert main([path, "--strict"]) == 1
    out = capsys.readouterr().out
    assert "error   NOT-A-REPORT: " in out
    assert message in out
    assert "findings: 1\n" in out
    assert main([path, "--format", "json"]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["code"], finding["severity"]) == ("NOT-A-REPORT", "error")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "gb18030"])
def test_encodings_with_a_byte_order_mark_are_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    text = seed_text("000")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = _write(tmp_path, "report.txt", data)
    assert main([path, "--format", "json", "--strict"]) == 0
    import gkparse

    assert gkparse.from_dict(json.loads(capsys.readouterr().out)["report"]) == gkparse.parse(text)


def test_read_text() -> None:
    from gkparse.cli import NotText, read_text

    assert read_text("规章".encode("utf-16")) == "规章"
    assert read_text("规章".encode()) == "规章"
    assert read_text("规章".encode("gb18030")) == "规章"
    damaged = seed_text("000").encode()
    with pytest.raises(NotText, match=r"invalid UTF-8: 1 damaged byte sequence\(s\), the first at byte 100"):
        read_text(damaged[:100] + b"\xff" + damaged[100:])
    with pytest.raises(NotText, match=r"neither UTF-8 nor GB18030 text \(byte 0 is 0xff\)"):
        read_text(b"\xff\xff\xff")
    with pytest.raises(NotText, match=r"not valid UTF-16 after its byte order mark"):
        read_text(b"\xff\xfe\x00\xd8")


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gkparse", *arguments], capture_output=True, text=True, check=False
    )


def test_never_a_traceback(tmp_path: Path) -> None:
    damaged = seed_text("000").encode()
    cases = {
        _write(tmp_path, "empty.txt", b""): (0, ""),
        _write(tmp_path, "binary.bin", b"\x00\x01\x02\xff"): (0, ""),
        _write(tmp_path, "utf16.txt", seed_text("000").encode("utf-16-le")): (0, ""),
        _write(tmp_path, "bad.txt", damaged[:100] + b"\xff" + damaged[100:]): (
            2,
            "bad.txt: cannot be read as text: invalid UTF-8: 1 damaged byte sequence(s),"
            " the first at byte 100",
        ),
        str(tmp_path): (2, f"gkparse: {tmp_path}: is a folder, not a file"),
        str(tmp_path / "absent.txt"): (2, f"gkparse: {tmp_path / 'absent.txt'}: No such file or directory"),
    }
    for path, (status, message) in cases.items():
        result = _run(path)
        assert result.returncode == status, path
        assert "Traceback" not in result.stderr
        assert message in result.stderr
    result = _run(*cases, "--strict")
    assert result.returncode == 2
    assert result.stdout.count("NOT-A-REPORT") == 3


def test_series_with_nothing_to_compare(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [seed_path(n) for n in ("000", "001", "002", "003", "004")]
    assert main([*paths, "--series"]) == 0
    out = capsys.readouterr().out
    assert (
        "== series: nothing to compare: no body has reports for two consecutive years (5 report(s), 5 bodies)"
        in out
    )
    assert "0 finding(s)" not in out
    assert main([*paths, "--series", "--format", "json"]) == 0
    series = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert series == {"series": [], "compared": 0}


def test_series_counts_the_pairs_compared(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import FIXTURES, LAYOUT_FIXTURES

    earlier = FIXTURES / "series" / "report2020_tab.txt"
    later = LAYOUT_FIXTURES / "report2021_tab.txt"
    assert main([str(earlier), str(later), "--series"]) == 0
    assert "== series: 0 finding(s), 1 pair(s) of consecutive years compared" in capsys.readouterr().out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    paths = [seed_path(n) for n in ("000", "001", "002", "003", "004")]
    assert main([*paths, "--format", "jsonl"]) == 0
    shown = terminal.getvalue()
    assert "[" + "." * 24 + "] 0/5 " in shown
    assert "] 4/5 " in shown
    assert shown.endswith("\r\x1b[K")
    capsys.readouterr()
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(paths[:3]) == 0  # a few files: no bar
    assert quiet.getvalue() == ""
    capsys.readouterr()
