"""Coverage-guided fuzzing of parse → validate → render and the JSON round trip.

Run it from the repository (``fuzz/README.md``)::

    pip install -e '.[fuzz]'
    python -m fuzz.fuzz_parse fuzz/found tests/fixtures/seeds -max_total_time=600

The first folder collects the inputs the fuzzer finds interesting; the
others seed it with real reports. A crash writes ``crash-<hash>`` in the
current folder: copy it into ``tests/fixtures/fuzz/`` and the regression
test runs it from then on.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from fuzz.checks import check_text, text_of


def test_one_input(data: bytes) -> None:
    """One fuzzer input through every check."""
    check_text(text_of(data))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
