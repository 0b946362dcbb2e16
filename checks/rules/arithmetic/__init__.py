"""Arithmetic inside one table: totals, row sums, 类/款/项 sums, parts and the procurement table.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

REGULATION = "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确）"
HINT_ROUNDING = "各数分别四舍五入到0.01后相加可能出现此差额；如原始数据一致可不作修改。"
HINT_MISMATCH = "核对该单元格及其组成数是否漏填、错填或重复计算。"
