"""Text quality: template residue, malformed numbers, mixed money units (TXT001–003) and the narrative they read."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.marks import (
    BAD_NUMBER,
    BAD_NUMBER_PART,
    FILLER_START,
    PER_UNIT,
    YUAN,
    fillers,
    in_yuan,
    odd_cells,
    project_texts,
    residues,
    snippet,
)
from checks.support.passages import narrative_passages
from checks.support.sums import INVALID
from checks.support.texts import passages_with
from parsing.model import BudgetDocument, Paragraph, Section


# Kept in this module, not beside its helpers in marks.py: identity.py imports it from here, and that import is what
# registers TXT001–003 before TXT006 (rules register as their modules are first imported; findings follow that order).
def narrative(doc: BudgetDocument) -> Iterator[tuple[Section, Paragraph]]:
    """Every paragraph of the narrative sections, in order."""
    for section in doc.sections:
        for paragraph in section.paragraphs:
            yield section, paragraph


@register(
    "TXT001",
    "template-residue",
    title="模板残留或占位文字",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def template_residue(doc: BudgetDocument) -> Iterator[Hit]:
    """说明和项目表中残留模板文字或占位符，包括未作取舍的备选措辞和填写说明。

    为什么：“主要为无”“增减变化的主要原因是无”、重复的“主要原因是：主要原因…”或“XXX”“××”，说明模板是机械填写的
    ；操作规程要求的解释并没有写出来。“增加（减少）”“大于（小于）”这类备选措辞和“（如持平作持平表述）”这类填写说明
    同样是模板残留。开篇、各章节、表注和项目表文字都读。
    示例：“项目支出487.78万元，主要为无”和“公务接待费…主要原因是：主要原因本单位无此项支出”各报告一条，“比上年增加
    （减少）2.00万元”也报告一条；“主要原因是无此项支出”（真实原因）不报告。
    """
    for para in narrative_passages(doc):  # the project fields: placeholders only, below
        for what, quotes in residues(para.text):
            yield Hit(
                message=f"{para.where}：{what}（{quotes}）",
                line=para.line,
                row=para.where,
                hint="补写实际内容（如增减原因、资金用途），删除模板占位文字。",
            )
    # Placeholders are rare: the search over all passages (the project fields among them, stripped) tells whether
    # any project text may hold one.
    if not any(passage.project is not None for passage in passages_with(doc, FILLER_START)):
        return
    for name, text, line in project_texts(doc):
        for match in fillers(text):
            yield Hit(
                message=f"项目“{name}”绩效目标表含占位符“{match.group(0)}”",
                line=line,
                project=name,
                hint="用实际内容替换占位符。",
            )


@register(
    "TXT002",
    "malformed-number",
    title="数字格式错误",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def malformed_numbers(doc: BudgetDocument) -> Iterator[Hit]:
    """无法读取的数字：文字中的“2..5”“12.5.0万元”，或无法读取的金额单元格。

    为什么：格式错误的金额无法相加或比较，所有用到它的勾稽关系都无法核实。标题、开篇、各章节、表注和项目表文字都读。
    示例：绩效目标表中预算数“2..5”（财政资金 2.5），报告一条；“2.50”不报告。
    """
    for para in passages_with(doc, BAD_NUMBER_PART):  # the narrative, the opening, notes, project texts alike
        for match in BAD_NUMBER.finditer(para.text):
            yield Hit(
                message=f"{para.label}：数字“{match.group(0)}”格式错误（“…{snippet(para.text, match.start(), match.end())}…”）",
                line=para.line,
                row=para.field or para.where,
                project=para.project,
            )
    for amount, where, label, project in odd_cells(doc):
        if amount.status != INVALID:
            continue
        owner = f"项目“{project}”" if project else where
        yield Hit(
            message=f"{owner}“{label}”单元格“{amount.raw.strip()}”不是有效数字",
            line=amount.line,
            table=None if project else where,
            row=label,
            project=project,
            hint="核对原表数字（例如多打的小数点）。",
        )


@register(
    "TXT003",
    "mixed-money-unit",
    title="金额单位与全文不一致",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def mixed_money_units(doc: BudgetDocument) -> Iterator[Hit]:
    """以万元为单位的文件中，在万元金额之间出现以元表示的金额。

    为什么：“公务接待费0元，较上年减少0.14万元”一句之内混用单位；金额不为零时读者会差一万倍，即使是“0元”也说明
    这句话不是对照表格写的。标题、开篇、各章节和表注都读；项目表中的单价以元为单位，不读。
    示例：“（二）公务接待费0元，较上年减少0.14万元”，报告一条；“每人每月500元”（单价）不报告。
    """
    if doc.unit != "万元":
        return
    for para in narrative_passages(
        doc
    ):  # the narrative, the opening and table notes; project cells state unit prices
        if "万元" not in para.text:
            continue
        for match in YUAN.finditer(para.text):
            if PER_UNIT.search(para.text[: match.start()]):
                continue
            yield Hit(
                message=(
                    f"{para.where}：金额“{match.group(0)}”以元为单位，同段其余金额为万元"
                    f"（“…{snippet(para.text, match.start(), match.end())}…”）"
                ),
                line=para.line,
                row=para.where,
                hint="统一按万元表述（0元写作0.00万元）。",
            )
    for amount, where, label, project in odd_cells(doc):
        if not in_yuan(amount):
            continue
        yield Hit(
            message=f"{where}“{label}”单元格“{amount.raw.strip()}”以元为单位，表格单位为万元",
            line=amount.line,
            table=None if project else where,
            row=label,
            project=project,
        )
