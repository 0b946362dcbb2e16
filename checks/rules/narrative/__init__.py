"""Narrative vs tables: every amount, change and share the 情况说明 states, checked against the tables.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

ACCURATE = "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确）"
