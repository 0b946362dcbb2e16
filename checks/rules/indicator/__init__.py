"""Performance indicators (绩效指标): values 细化、量化, categories, copies, descriptions.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

REGULATION = (
    "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（细化、量化；地方参照）"
)
TABLE = "项目绩效目标表"
