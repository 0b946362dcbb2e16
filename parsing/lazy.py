"""Package attributes loaded on first use (PEP 562), so that importing a package stays cheap: `python -m checks
--help` must not pay for pandas or DuckDB."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for `package` that imports the module holding a name (module → its names) when the
    name is first asked for.

    >>> getattr_ = lazy_exports("demo", {"json": ("dumps",)})
    >>> getattr_("dumps")([1])
    '[1]'
    >>> getattr_("loads")
    Traceback (most recent call last):
    AttributeError: module 'demo' has no attribute 'loads'
    """
    home = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(home[name]), name)

    return __getattr__
