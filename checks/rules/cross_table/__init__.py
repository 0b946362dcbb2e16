"""Cross-table identities: one quantity stated by several tables must agree.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

REGULATION = "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确）"
FUNDS = (
    ("一般公共预算", ("一般公共预算",), "general", "general_expense"),
    ("政府性基金", ("政府性基金", "政府基金"), "fund", "fund_expense"),
    ("国有资本经营", ("国有资本",), "capital", "capital_expense"),
)
