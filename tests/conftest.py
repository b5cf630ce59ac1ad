"""Shared fixtures and hypothesis profiles.

Example counts come from profiles only, never from a test:

- ``dev`` (the default): few examples, for a quick run while working;
- ``ci``: the thorough run, selected by ``.ci/run`` with
  ``--hypothesis-profile=ci`` (or ``HYPOTHESIS_PROFILE=ci``);
- ``deep``: for a long hunt for counterexamples on demand.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
