"""Sphinx configuration for the gkparse documentation.

Build with::

    pip install -e '.[docs]'
    sphinx-build -W docs docs/_build

The API reference (``api.md``) comes from the docstrings (autodoc); the
notebook ``notebooks/explore.ipynb`` is executed on every build (MyST-NB),
and an error in it fails the build.
"""

project = "gkparse"
author = "gkparse developers"
copyright = "gkparse developers"

extensions = ["myst_nb", "sphinx.ext.autodoc"]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

# Let links such as [ROW-VALUE-COUNT](findings.md#row-value-count) resolve
# the way they do on GitHub.
myst_heading_anchors = 3

html_theme = "furo"
html_title = "gkparse"

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**/.ipynb_checkpoints", "jupyter_execute"]

# The notebook runs on every build; a cell that raises fails it.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True
# The model's attrs fields are documented in its docstrings and pages.
autodoc_default_options = {"undoc-members": False}
html_extra_path = ["report.schema.json"]
