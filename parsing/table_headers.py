"""A standard table's identity: the row above its header (`<code><name>` | 预算年度：YYYY | 单位：万元) or a caption
line under its title."""

from __future__ import annotations

import re

from parsing.blocks import Row as RawRow
from parsing.model import Header, trusted
from parsing.text import find_year, normalise_label

_CODE_NAME = re.compile(r"^(\d{3,})\s*(.+)$")


def parse_header(row: RawRow) -> Header | None:
    """Identity row: `<code><name>` | 预算年度：YYYY | 单位：万元."""
    cells = [(t, line) for t, line in zip(row.keys, row.lines, strict=True) if t]
    if not any("预算年度" in t for t, _ in cells):
        return None
    code = name = unit = None
    year = None
    lines: dict[str, int] = {}
    for text, line in cells:
        if "预算年度" in text:
            year, lines["year"] = find_year(text), line
        elif text.startswith("单位:"):
            unit, lines["unit"] = text.partition(":")[2] or None, line
        elif text.isdigit() and code is None:
            code, lines["code"] = text, line
        elif name is None:
            match = _CODE_NAME.match(text)
            code, name = (match.group(1), match.group(2)) if match else (code, text)
            lines.update({"name": line, **({"code": line} if match and match.group(1) else {})})
    fields = {"code": code, "name": name, "year": year, "unit": unit, "line": row.line, "field_lines": lines}
    return trusted(Header, fields, set(fields))  # every field typed above: not validated again


def caption_header(caption: str, title: str, line: int) -> Header:
    """Identity from a caption line under the title ("编制部门：上海市普陀区人民政府办公室 单位：元").

    >>> h = caption_header("编制部门：上海市普陀区人民政府办公室 单位：元", "2025年部门收入预算总表", 9)
    >>> (h.name, h.unit, h.year)
    ('上海市普陀区人民政府办公室', '元', 2025)
    """
    key = normalise_label(caption)
    match = re.match(r"^(?:编制(?:部门|单位):(?P<name>.*?))?(?:单位:(?P<unit>万元|元))?$", key)
    name = match["name"] if match else None
    unit = match["unit"] if match else None
    return Header(name=name or None, unit=unit, year=find_year(title), line=line)
