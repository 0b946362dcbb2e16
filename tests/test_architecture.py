"""The architecture as tests: import contracts (import-linter), no import circle, public faces only,
and a repository that stands alone (nothing reads ../shared)."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("parsing", "checks", "library", "pages")


def _sources(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def test_import_contracts_are_kept():
    """pyproject.toml [tool.importlinter]: layers, independent rule families, streamlit only in the UI."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
    finally:
        os.chdir(cwd)


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan).

    >>> _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(imports.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(imports):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    # A package's __init__ re-exporting its submodules is not a circle of ideas; every other one is.
    imports = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in imports.items()}
    assert _cycles(imports) == []


def test_no_underscore_name_is_imported_across_modules():
    offenders = []
    for path in [*_sources(*PACKAGES), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
                offenders += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and node.module != "pages._ui"]  # fmt: skip
    assert offenders == []


def test_app_imports_only_the_ui_and_streamlit():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m.split(".")[0] for m in modules} - {"__future__"} <= {"streamlit", "pages"}


def test_nothing_reads_beside_the_repository():
    """The repository stands alone: tests, benchmarks and code read tests/data, never ../shared."""
    outside = re.compile(r"""\.parent\s*/\s*["']shared["']|\.\./shared|parents\[\d\]\s*/\s*["']shared["']""")
    files = [*_sources(*PACKAGES, "tests"), ROOT / "app.py", ROOT / "Makefile", ROOT / ".ci" / "run"]
    hits = [str(p.relative_to(ROOT)) for p in files if p != Path(__file__) and outside.search(p.read_text())]
    assert hits == []
