"""Old module paths of gkparse 0.1's flat layout, kept until the next minor release.

Importing one gives the module that now holds its names, with a
``DeprecationWarning`` that says where. Nothing here is loaded unless an
old path is imported.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import warnings
from types import ModuleType

#: Old module → the module that holds its names now.
MOVED = {
    "gkparse.grid": "gkparse.grids",
    "gkparse.layouts": "gkparse.grids.layouts",
    "gkparse.values": "gkparse.grids.values",
    "gkparse.normalise": "gkparse.grids.text",
    "gkparse.grammars": "gkparse.grids.grammars",
    "gkparse.reading": "gkparse.grids.reading",
    "gkparse.outline": "gkparse.report.outline",
    "gkparse.model": "gkparse.report.model",
    "gkparse.definitions": "gkparse.report.definitions",
    "gkparse.metadata": "gkparse.report.metadata",
    "gkparse.interpret": "gkparse.report.interpret",
    "gkparse.rendering": "gkparse.report.render",
    "gkparse.serialise": "gkparse.report.serialise",
    "gkparse.validate": "gkparse.rules.engine",
}


class _MovedFinder:
    """Finds the old paths and loads each as the new module, with a warning.

    The import system asks only for these methods; not deriving from
    ``importlib.abc`` spares every ``import gkparse`` the import of
    ``importlib.resources`` it pulls in (a fifth of gkparse's own import time).
    """

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.load_module(spec.name)

    def load_module(self, fullname: str) -> ModuleType:
        """The new module of an old path, with the warning (also the import
        system's older entry point)."""
        new = MOVED[fullname]
        warnings.warn(
            f"{fullname} has moved to {new}; import from gkparse or {new} "
            "(the old path goes in the next minor release)",
            DeprecationWarning,
            stacklevel=3,
        )
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module is the new one, already loaded."""


def install() -> None:
    """Put the finder in front of the import system, once."""
    if not any(isinstance(finder, _MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _MovedFinder())
