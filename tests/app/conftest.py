"""AppTest fixture: the app from app.py in navigation mode (PagesManager workaround for Streamlit 1.67)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGES = [
    "pages/findings.py",
    "pages/composition.py",
    "pages/projects.py",
    "pages/indicators.py",
    "pages/compare.py",
    "pages/outturn.py",
    "pages/library.py",
    "pages/rules.py",
]
LIBRARY = "library.duckdb"  # in each test's tmp_path: uploads never reach the repository's data/


class _NavigationOnly(PagesManager):
    """AppTest re-detects pages/ on every run and then skips app.py (and its sidebar); force st.navigation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def app(monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv("BUDGETSCOPE_LIBRARY", str(tmp_path / LIBRARY))
    # restore the class attribute the workaround flips, so other tests see Streamlit's default
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", _NavigationOnly)
    at = AppTest.from_file(str(APP), default_timeout=60)
    return at.run()


def shown(source: str) -> str:
    """What a Markdown element shows for `source`: backslash escapes resolved, zero-width spaces dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source).replace("\u200b", "")
