"""Rule families, one subpackage each; importing this package registers every rule.

A rule's family is the name of the subpackage it lives in (``checks.rules.cross_table`` -> "cross-table").
"""

from __future__ import annotations

import importlib
import pkgutil

for _family in pkgutil.iter_modules(__path__):
    _package = importlib.import_module(f"{__name__}.{_family.name}")
    for _module in pkgutil.iter_modules(_package.__path__):
        importlib.import_module(f"{_package.__name__}.{_module.name}")
