"""Sphinx configuration for the gkparse documentation.

Build with::

    pip install sphinx myst-parser furo
    sphinx-build docs docs/_build
"""

project = "gkparse"
author = "gkparse developers"
copyright = "gkparse developers"

extensions = ["myst_parser"]

source_suffix = {".md": "markdown"}
root_doc = "index"

# Let links such as [ROW-VALUE-COUNT](findings.md#row-value-count) resolve
# the way they do on GitHub.
myst_heading_anchors = 3

html_theme = "furo"
html_title = "gkparse"

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
