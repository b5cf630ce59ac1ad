"""Interpretation: grids read against the format's table definitions.

``rows`` cuts, matches and places rows; ``table2``, ``table3`` and
``table4`` read one table each from the layouts' grids; ``fold`` rebuilds
rows from one-cell-a-line grids. Where no layout reads a table's cells,
``arithmetic`` places them from the text as a stream (``stream``: its
pieces and labels; ``stream_rows``: each row's runs; ``cuts``: every way
to cut a run into cells), certified by the format's sums.
"""

from gkparse.report.interpret.rows import TableReading, finish_table, missing_cells
from gkparse.report.interpret.table2 import read_active_disclosure
from gkparse.report.interpret.table3 import read_applications
from gkparse.report.interpret.table4 import read_review

__all__ = [
    "TableReading",
    "finish_table",
    "missing_cells",
    "read_active_disclosure",
    "read_applications",
    "read_review",
]
