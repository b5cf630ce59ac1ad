"""The built wheel carries its grammars: install it in a fresh venv and parse."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPOSITORY, SEEDS

pytestmark = pytest.mark.slow

SCRIPT = """
import sys, gkparse
text = open(sys.argv[1], encoding="utf-8").read()
report = gkparse.parse(text)
assert "site-packages" in gkparse.__file__, gkparse.__file__
print(report.facts()["active_disclosure.procurement.items"], report.edition)
"""


def test_wheel_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPOSITORY)],
        check=True,
    )
    (wheel,) = dist.glob("gkparse-*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    (seed,) = SEEDS.glob("000_*.txt")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [str(python), "-c", SCRIPT, str(seed)], cwd=outside, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["51", "2019"]
    cli = subprocess.run(
        [str(environment / "bin" / "gkparse")], cwd=outside, capture_output=True, text=True, check=False
    )
    assert cli.returncode == 0
    assert "汉沽街道办事处" in cli.stdout


def test_editable_install_finds_the_checkout_grammars() -> None:
    from gkparse.grids.grammars import grammar_dir

    assert (grammar_dir() / "lines.lark").is_file()
