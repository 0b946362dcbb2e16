"""Identity across tables: every table header names the same unit, year and money unit (§3 item 15)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import REGULATION
from checks.support.lookup import per_part, table_name
from parsing.layouts import layout_for
from parsing.model import BudgetDocument, GenericTable, Header, Table
from parsing.text import normalise_label
from parsing.units import FACTORS

_CODE_NAME = re.compile(r"^(?P<code>\d{3,})?(?P<name>.+)$")
FIELDS = (("code", "单位编码"), ("name", "单位名称"), ("year", "预算年度"), ("unit", "金额单位"))


def _generic_header(table: GenericTable) -> Header | None:
    """The identity row of 政府采购 / 固定资产 tables: `<code><name>` | 单位：万元 (code often omitted)."""
    cells = [c for c in (table.rows[0] if table.rows else []) if c.text.strip()]
    first = normalise_label(cells[0].text) if cells else ""
    match = _CODE_NAME.match(first)
    if not match or ":" in first or "项目" in first or len(cells) > 4:
        return None
    unit = next(
        (normalise_label(c.text).partition(":")[2] for c in cells if "单位:" in normalise_label(c.text)), None
    )
    return Header(code=match["code"], name=match["name"], unit=unit or None, line=cells[0].line)


def _converted(table: Table) -> bool:
    """The parser converted the table's figures from the unit its header states (parsing/units.py)."""
    printed = table.header.unit if table.header else None
    return any(a.unit == printed for r in table.rows for a in r.values.values() if a.value is not None)


def _converted_titles(doc: BudgetDocument) -> frozenset[str]:
    """Tables whose figures the parser converted: worked out once per part, and only when a header's unit differs
    (it scans every cell)."""
    return per_part("converted_titles", doc, _scan_converted_titles)


def _scan_converted_titles(doc: BudgetDocument) -> frozenset[str]:
    return frozenset(table_name(t) for t in doc.tables.values() if _converted(t))


def _same(key: str, got: object, want: object) -> bool:
    """Equal; names also when one contains the other ("…（含所属单位）", "…本级" in a unit's own tables)."""
    if type(got) is type(want) and got == want:
        return True  # most headers: equal values read the same
    a, b = (normalise_label(str(v)).replace("(含所属单位)", "") for v in (got, want))
    return a == b or (key == "name" and (a in b or b in a))


@register(
    "XTB008",
    "header-identity",
    title="各表表头单位编码、名称、年度或金额单位不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def header_identity(doc: BudgetDocument) -> Iterator[Hit]:
    """每张表的表头都重复同样的单位编码、单位名称、预算年度和金额单位（绩效目标表：金额单位）。

    为什么：表头写着其他单位、其他年度或其他金额单位的表，是从其他公开文件复制来的，数字也可能如此。以本部分多
    数表头的写法为准；政府采购和固定资产表头可以不写编码。在表头或表题中自注元或万元的标准表，会换算为文件单位
    （parsing/units.py）：这是版式惯例（上海的“三公”表以万元列示），不算矛盾。
    只要求已识别的版式在每个表头重复名称和年度；自相矛盾的表头总是报告。
    示例：九个表头都是“434保定市徐水区人民政府办公室 | 预算年度：2024 | 单位：万元”，通过；有一个写“预算年度：
    2023”，不通过。
    """
    reference = {
        "code": doc.department_code,
        "name": doc.department_name,
        "year": doc.budget_year,
        "unit": doc.unit,
    }
    headers = [(table_name(t), t.header, True) for t in doc.tables.values() if t.header]
    headers += [(g.title, h, False) for g in (doc.procurement, doc.assets) if g and (h := _generic_header(g))]
    layout = layout_for(doc.layout)
    mixed_units = layout.mixed_money_units
    for title, header, standard in headers:
        for key, label in FIELDS:
            want, got = reference[key], getattr(header, key)
            if want is None or (got is None and (not standard or key == "unit" or not layout.specific)):
                continue  # a header of an unrecognised layout need not repeat what its cover says
            if key == "unit" and standard and {got, want} <= FACTORS.keys() and mixed_units:
                continue  # a layout convention: stated in its own header and converted (parsing/units.py)
            if got is None:
                yield Hit(
                    message=f"{title}表头缺少{label}（其他表为“{want}”）",
                    line=header.field_lines.get(key, header.line),
                    table=title,
                    column=label,
                    severity=Severity.WARNING,
                )
            elif not _same(key, got, want):
                number = Decimal if key == "year" else None
                # figures in their own unit, consistent once converted: a presentation issue, not wrong numbers
                restated = key == "unit" and title in _converted_titles(doc)
                yield Hit(
                    message=f"{title}表头{label}为“{got}”，其他表为“{want}”"
                    + ("（本表金额按表头单位换算后与其他表一致）" if restated else ""),
                    line=header.field_lines.get(key, header.line),
                    table=title,
                    column=label,
                    expected=number(want) if number else None,
                    actual=number(got) if number else None,
                    severity=Severity.WARNING if restated else None,
                    hint="核对该表是否取自其他单位或其他年度的公开文件。",
                )
    for project in doc.projects:
        if project.unit and doc.unit and project.unit != doc.unit:
            yield Hit(
                message=f"项目{project.index}“{project.name}”绩效目标表金额单位为“{project.unit}”，"
                f"其他表为“{doc.unit}”",
                line=project.unit_line or project.line,
                project=project.name,
                column="金额单位",
                hint="核对该表金额单位；预算数等金额按哪个单位填列应与其他表一致。",
            )
