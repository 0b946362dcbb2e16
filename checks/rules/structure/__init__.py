"""Completeness: the standard tables, their notes and 序号, the standard sections and headings.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

COMPLETE = "财预〔2016〕143号《地方预决算公开操作规程》第三条（公开内容全面、真实、完整）"
FORMAT = "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确，形式规范）"
