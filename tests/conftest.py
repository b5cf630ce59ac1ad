"""Shared fixtures and hypothesis profiles.

CI sets ``CI=true`` and hypothesis then loads its deterministic built-in
``ci`` profile; elsewhere the ``dev`` profile runs more examples.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=300, deadline=None)
if not os.environ.get("CI"):
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
