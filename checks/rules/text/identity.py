"""Text quality: years and department names in the text that contradict the document's own identity."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.mentions import PREAMBLE, TITLE, identity_lines, mentions, same_entity
from checks.rules.text.residue import narrative
from parsing.model import BudgetDocument
from parsing.text import normalise_label

# "2024年预算…", "2024年，我部门…" state this year's figures; "较2023年", "截至2023年" are comparisons.
# The year's guard ("not after 较, 比 …") looks back from behind the year: a pattern that opens with "20" lets the search
# skip to the next "20" instead of trying every character.
_YEAR_CLAIM = re.compile(
    r"(20\d{2})(?<![较比与同至止于从自到\d]20\d{2})年度?[,，]?(?!(预算)?(执行|决算))"
    r"(?=(部门|单位)?(预算|支出预算|收入预算)|我(部门|单位)|本(部门|单位)|\"?三公|机关运行经费|政府采购预算)"
)
_CUTOFF = re.compile(r"截[止至](时间|日期)?[:：]?(?P<y>20\d{2})[-年./](?P<m>\d{1,2})[-月./](?P<d>\d{1,2})")
_SME = re.compile(r"(?P<y>20\d{2})年.*预留")


def _wrong_year(doc: BudgetDocument, year: int) -> bool:
    return doc.budget_year is not None and year != doc.budget_year


@register(
    "TXT006",
    "year-mismatch",
    title="文字中的年度与预算年度不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def year_mismatch(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中给出的本预算年度与预算年度不符；资产表的截止时间不是上年末；时效指标的期限早于预算年度。

    为什么：2023 年的公开文件中出现“2024年预算…”，或截止时间年份不对，说明文字或表格是从其他年度带过来的，其中
    的数字也可能是。
    示例：预算年度 2023，文字为“2024年预算收入181.17万元”，报告一条；“较2022年减少187.17万元”（比较）和截止时
    间 2022-12-31 不报告。
    """
    if doc.budget_year is None:
        return
    years: set[str] = set()
    for text, line in identity_lines(doc):
        for match in (TITLE.match(text), PREAMBLE.search(text)):
            if match and _wrong_year(doc, int(match["year"])) and match["year"] not in years:
                years.add(match["year"])
                yield Hit(
                    message=f"标题或开篇写“{match['year']}年”预算，预算年度为{doc.budget_year}",
                    line=line,
                    expected=Decimal(doc.budget_year),
                    actual=Decimal(match["year"]),
                )
                break
    own_name = normalise_label(doc.department_name or "")
    for section, para in narrative(doc):
        key = normalise_label(para.text)
        # "2021年，<department>安排政府采购预算…" claims the year just like "2021年本部门…"
        claims = key.replace(own_name, "本部门") if own_name else key
        for match in _YEAR_CLAIM.finditer(claims):
            if _wrong_year(doc, int(match.group(1))):
                yield Hit(
                    message=f"{section.title}：“{claims[match.start() : match.end() + 8]}…”的年度与预算年度{doc.budget_year}不符",
                    line=para.line,
                    row=section.title,
                    expected=Decimal(doc.budget_year),
                    actual=Decimal(match.group(1)),
                )
    for cell in (c for row in (doc.assets.rows if doc.assets else []) for c in row):
        match = _CUTOFF.search(normalise_label(cell.text))
        if match and (int(match["y"]), int(match["m"]), int(match["d"])) != (doc.budget_year - 1, 12, 31):
            yield Hit(
                message=f"固定资产占用情况表截止时间为“{cell.text.strip()}”，应为上年末{doc.budget_year - 1}-12-31",
                line=cell.line,
                table="固定资产占用情况表",
                expected=Decimal(doc.budget_year - 1),
                actual=Decimal(match["y"]),
            )
    yield from _stale_deadlines(doc)
    for cell in (c for row in (doc.procurement.rows[:4] if doc.procurement else []) for c in row):
        match = _SME.search(normalise_label(cell.text))
        if match and _wrong_year(doc, int(match["y"])):
            yield Hit(
                message=f"政府采购预算表表头“{cell.text.strip()[:20]}”的年度与预算年度{doc.budget_year}不符",
                line=cell.line,
                table="政府采购预算表",
                expected=Decimal(doc.budget_year),
                actual=Decimal(match["y"]),
            )


@register(
    "TXT008",
    "department-name-mismatch",
    title="文字中的单位名称与表头不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def department_name_mismatch(doc: BudgetDocument) -> Iterator[Hit]:
    """标题、前言或国有资产说明中的单位名称与表头中的不一致。

    为什么：“XXX2024年部门预算信息公开情况说明”或“XXX（含所属单位）上年末固定资产…”中出现其他部门的名称，是从
    其他公开文件照抄的，其中的数字也可能是照抄的。
    示例：表头为沧州经济开发区群众工作中心，而文字为“中共河北沧州经济开发区工委组织人事部（含所属单位）上年末
    …”，报告一条；简称如“南大港产业园区政法工作办公室”或“…本级”单位名称，不报告。
    """
    if not doc.department_name:
        return
    reported: set[str] = set()
    for name, line, where in mentions(doc):
        if same_entity(name, doc.department_name) or name in reported:
            continue
        reported.add(name)
        yield Hit(
            message=f"{where}中的单位名称“{name}”与表头单位“{doc.department_name}”不符",
            line=line,
            row=where,
        )


_DEADLINE = re.compile(r"(20\d{2})年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?(?:前|之前|以前|完成|截止)")


def _stale_deadlines(doc: BudgetDocument) -> Iterator[Hit]:
    """A 时效 indicator that sets a deadline in a year before the budget year (copied from last year's table)."""
    for project in doc.projects:
        for ind in project.indicators:
            if "时效" not in ind.level2:
                continue
            for text in (ind.value, ind.description):
                match = _DEADLINE.search(normalise_label(text))
                if match and int(match.group(1)) < doc.budget_year:  # type: ignore[operator]
                    yield Hit(
                        message=f"项目“{project.name}”时效指标“{ind.level3}”的期限“{match.group(0)}”早于预算年度"
                        f"{doc.budget_year}",
                        line=ind.line,
                        project=project.name,
                        row=ind.level3,
                        expected=Decimal(doc.budget_year),  # type: ignore[arg-type]
                        actual=Decimal(match.group(1)),
                    )
                    break
