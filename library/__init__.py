"""Many documents: the DuckDB store and its schema, batch checking, comparison across departments and years,
and the peer view. Built on `checks` (one document -> findings) and `parsing`; never imports streamlit.

The public names below load their module on first use, so `python -m checks --help` does not pay for
DuckDB and pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsing.lazy import lazy_exports

_EXPORTS = {
    "library.batch": ("SUFFIXES", "Progress", "Result", "check_files", "collect_files"),
    "library.compare": (
        "METRIC_ZH", "Match", "department_curve", "department_metrics", "match_lines", "match_projects",
        "metrics_frame", "same_department", "verify_stated_changes", "yoy_pairs",
    ),
    "library.decisions": ("decision_rows", "load_decisions", "save_decisions"),
    "library.outturn": (
        "OUTTURN_ZH", "OUTTURN_GROUP_ZH", "execution_frame", "initial_budget_differences", "library_pairs",
        "outturn_pairs",
    ),
    "library.scorecard": ("library_scorecard",),
    "library.peers": (
        "MIN_PEERS", "RATIO_ZH", "THRESHOLD", "outliers", "peer_table", "peer_view", "raw_from_docs",
    ),
    "library.store": ("Library", "LibraryBusy", "LibraryCorrupt", "LibraryError", "open_library"),
}  # fmt: skip
__all__ = [
    "METRIC_ZH",
    "MIN_PEERS",
    "OUTTURN_GROUP_ZH",
    "OUTTURN_ZH",
    "RATIO_ZH",
    "SUFFIXES",
    "THRESHOLD",
    "Library",
    "LibraryBusy",
    "LibraryCorrupt",
    "LibraryError",
    "Match",
    "Progress",
    "Result",
    "check_files",
    "collect_files",
    "decision_rows",
    "department_curve",
    "department_metrics",
    "execution_frame",
    "initial_budget_differences",
    "library_pairs",
    "library_scorecard",
    "load_decisions",
    "match_lines",
    "match_projects",
    "metrics_frame",
    "open_library",
    "outliers",
    "outturn_pairs",
    "peer_table",
    "peer_view",
    "raw_from_docs",
    "same_department",
    "save_decisions",
    "verify_stated_changes",
    "yoy_pairs",
]

if TYPE_CHECKING:
    from library.batch import SUFFIXES, Progress, Result, check_files, collect_files
    from library.compare import (
        METRIC_ZH,
        Match,
        department_curve,
        department_metrics,
        match_lines,
        match_projects,
        metrics_frame,
        same_department,
        verify_stated_changes,
        yoy_pairs,
    )
    from library.decisions import decision_rows, load_decisions, save_decisions
    from library.outturn import (
        OUTTURN_GROUP_ZH,
        OUTTURN_ZH,
        execution_frame,
        initial_budget_differences,
        library_pairs,
        outturn_pairs,
    )
    from library.peers import MIN_PEERS, RATIO_ZH, THRESHOLD, outliers, peer_table, peer_view, raw_from_docs
    from library.scorecard import library_scorecard
    from library.store import Library, LibraryBusy, LibraryCorrupt, LibraryError, open_library


__getattr__ = lazy_exports(__name__, _EXPORTS)
