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
