"""Disbursement plans (资金支出计划): completeness, cumulative reading, totals and timing.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

REGULATION = (
    "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确）；资金支出计划按累计进度填列（推断）"
)
TABLE = "项目绩效目标表"
COLUMN = "资金支出计划"
