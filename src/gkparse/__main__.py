"""``python -m gkparse``: see :mod:`gkparse.cli`."""

import sys

from gkparse.cli import main

sys.exit(main())
