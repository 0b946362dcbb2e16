"""Text quality: template residue, malformed numbers, units, identity, repeats and section wording.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations

ACCURATE = "财预〔2016〕143号《地方预决算公开操作规程》第四条（内容准确，形式规范）"
