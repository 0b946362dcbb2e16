"""Checks: document -> findings (pure Python, no streamlit)."""

from __future__ import annotations

from checks.findings import Finding, Hit, Severity
from checks.registry import RULES, Rule, load_rules, register
from checks.runner import run_checks

__all__ = ["RULES", "Finding", "Hit", "Rule", "Severity", "load_rules", "register", "run_checks"]
