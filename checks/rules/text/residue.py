"""Text quality: template residue, malformed numbers, mixed money units, truncated indicator names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.support.lookup import per_part, table_name
from checks.support.passages import narrative_passages
from checks.support.sums import INVALID
from checks.support.texts import passages_with
from parsing.model import Amount, BudgetDocument, Paragraph, Section

_NIL_REASON = re.compile(
    r"(主要为|主要是|原因是|原因为|原因|主要用于|用于)[:：]?\s*无(?=$|[。；;，,、\s]|项目|基本|其中|人员|公用|较|与)"
)
# A phrase pasted twice, perhaps with 是/为 and a mark between. The same tries as the plain form
# "([\u4e00-\u9fff]{4,})[是为]?[:：，,、]?\1", in the same order (both marks, 是/为 alone, the mark alone, none) for
# each length from the longest, but as one alternation: the engine skips a branch whose first character does not
# fit instead of entering two optional repeats at every length it backtracks over (the search: -25 %).
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{4,})(?:[是为][:：，,、]?|[:：，,、]|)\1")
_FILLER = re.compile(
    r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|[□■]{2,}|[○〇]{2,}|请填写|待填写|待补充|请输入"
    r"|单击此处|点击此处|在此处?输入|此处填写"
)
# Every placeholder opens with two of these characters ("XX", "某某", "请填", "单击", "在此", "此处" …): a quick test
# before the slow alternation above (one character alone would pass on "单位", "重点", "在" …).
_FILLER_START = re.compile(r"[XxＸｘ×＊*某□■○〇请待单点在此][XxＸｘ×＊*某□■○〇填补输击此处]")
# A template's either/or wording left unchosen ("增加（减少）", "大于（小于）") and its bracketed instructions.
_ALTERNATIVE = re.compile(
    r"(增加|增长|上升|提高|大于|高于|多于|减少|下降|降低|小于|低于|少于)[(（](减少|下降|降低|小于|低于|少于|增加|增长|上升|提高|大于|高于|多于)[)）]"
    r"|[(（](如|若)[^()（）]{1,12}(表述|填写|填列|删除)[)）]|[(（]不涉及的?(不列|删除|不填)[)）]|按上述格式"
)
_BAD_NUMBER = re.compile(r"\d[.．]{2,}\d|\d+\.\d+\.\d+\s*万?元|\d[，,]\d{1,2}\s*万元")
# What each of its forms holds, on one line ("..", ".5.", "5,1"): the passages worth the search above. It opens
# with the mark so that the search skips to the marks instead of trying every character.
_BAD_NUMBER_PART = re.compile(r"[.．，,](?:(?<=[.．])(?:[.．]|\d+\.)|(?<=\d[，,])\d)")
_YUAN = re.compile(r"(?<![万亿千百\d.,])(\d[\d,]*(?:\.\d+)?)\s*元(?![/／每])")
_PER_UNIT = re.compile(r"(每|人均|生均|标准|单价|/|／)[^，。；]{0,6}$")


def narrative(doc: BudgetDocument) -> Iterator[tuple[Section, Paragraph]]:
    """Every paragraph of the narrative sections, in order."""
    for section in doc.sections:
        for paragraph in section.paragraphs:
            yield section, paragraph


def _snippet(text: str, start: int, end: int, pad: int = 10) -> str:
    return text[max(0, start - pad) : end + pad].replace("\n", " ")


def _fillers(text: str) -> Iterator[re.Match[str]]:
    return _FILLER.finditer(text) if _FILLER_START.search(text) else iter(())


def _nil_reasons(text: str) -> Iterator[re.Match[str]]:
    return _NIL_REASON.finditer(text) if "无" in text else iter(())


def _alternatives(text: str) -> Iterator[re.Match[str]]:
    # every form but the last opens a bracket
    wanted = "(" in text or "（" in text or "按上述格式" in text
    return _ALTERNATIVE.finditer(text) if wanted else iter(())


_RESIDUES = (
    (_nil_reasons, "说明文字只写了“无”"),
    (_DOUBLED.finditer, "词句重复粘贴"),
    (_fillers, "占位符"),
    (_alternatives, "模板的备选措辞或填写说明未删改"),
)


@lru_cache(maxsize=1 << 12)  # a unit's part and later documents repeat the same paragraphs (名词解释 …)
def _residues(text: str) -> tuple[tuple[str, str], ...]:
    """(what, quotes) for each kind of residue in the text; _DOUBLED alone backtracks over every Chinese run."""
    out = []
    for find, what in _RESIDUES:
        quotes = [f"“…{_snippet(text, m.start(), m.end())}…”" for m in find(text)]
        if quotes:
            out.append((what, "；".join(quotes)))
    return tuple(out)


def _project_texts(doc: BudgetDocument) -> Iterator[tuple[str, str, int]]:
    """(project name, text, line) for the free-text fields of each 绩效目标表."""
    for project in doc.projects:
        yield project.name, project.purpose, project.purpose_line or project.line
        yield project.name, project.goal, project.goal_line or project.line
        for ind in project.indicators:
            yield project.name, f"{ind.level3} {ind.description} {ind.value} {ind.basis}", ind.line


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
        for what, quotes in _residues(para.text):
            yield Hit(
                message=f"{para.where}：{what}（{quotes}）",
                line=para.line,
                row=para.where,
                hint="补写实际内容（如增减原因、资金用途），删除模板占位文字。",
            )
    # Placeholders are rare: the search over all passages (the project fields among them, stripped) tells whether
    # any project text may hold one.
    if not any(passage.project is not None for passage in passages_with(doc, _FILLER_START)):
        return
    for name, text, line in _project_texts(doc):
        for match in _fillers(text):
            yield Hit(
                message=f"项目“{name}”绩效目标表含占位符“{match.group(0)}”",
                line=line,
                project=name,
                hint="用实际内容替换占位符。",
            )


def _odd_cells(doc: BudgetDocument) -> tuple[tuple[Amount, str, str, str | None], ...]:
    """(amount, where, row label, project) for every table and project amount that TXT002 or TXT003 may report:
    not a number, or printed in 元. Read once per part: a part holds about a thousand amounts."""
    return per_part("odd_cells", doc, _scan_odd_cells)


def _is_odd(amount: Amount) -> bool:
    return amount.status == INVALID or _in_yuan(amount)


def _in_yuan(amount: Amount) -> bool:
    return amount.unit == "元" and "元" in amount.raw  # printed so


def _scan_odd_cells(doc: BudgetDocument) -> tuple[tuple[Amount, str, str, str | None], ...]:
    out: list[tuple[Amount, str, str, str | None]] = []
    for table in doc.tables.values():
        labels: dict[str, str] | None = None
        for row in table.rows:
            for amount in row.values.values():  # _is_odd, inlined: about a thousand amounts, nearly none odd
                if amount.status == INVALID or (amount.unit == "元" and "元" in amount.raw):
                    break
            else:
                continue
            for key, amount in row.values.items():
                if _is_odd(amount):
                    if labels is None:  # Table.column(key).label: first one wins
                        labels = {c.key: c.label for c in reversed(table.columns)}
                    out.append((amount, table_name(table), f"{row.name}·{labels.get(key, key)}", None))
    for project in doc.projects:
        for label, amount in (
            ("预算数", project.budget),
            ("财政资金", project.fiscal),
            ("其他资金", project.other),
        ):
            if _is_odd(amount):
                out.append((amount, "绩效目标表", label, project.name))
        for point in project.plan:
            amount = point.amount
            if _is_odd(amount):
                out.append((amount, "绩效目标表", f"资金支出计划{point.label}", project.name))
    return tuple(out)


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
    for para in passages_with(
        doc, _BAD_NUMBER_PART
    ):  # the narrative, the opening, notes, project texts alike
        for match in _BAD_NUMBER.finditer(para.text):
            yield Hit(
                message=f"{para.label}：数字“{match.group(0)}”格式错误（“…{_snippet(para.text, match.start(), match.end())}…”）",
                line=para.line,
                row=para.field or para.where,
                project=para.project,
            )
    for amount, where, label, project in _odd_cells(doc):
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
        for match in _YUAN.finditer(para.text):
            if _PER_UNIT.search(para.text[: match.start()]):
                continue
            yield Hit(
                message=(
                    f"{para.where}：金额“{match.group(0)}”以元为单位，同段其余金额为万元"
                    f"（“…{_snippet(para.text, match.start(), match.end())}…”）"
                ),
                line=para.line,
                row=para.where,
                hint="统一按万元表述（0元写作0.00万元）。",
            )
    for amount, where, label, project in _odd_cells(doc):
        if not _in_yuan(amount):
            continue
        yield Hit(
            message=f"{where}“{label}”单元格“{amount.raw.strip()}”以元为单位，表格单位为万元",
            line=amount.line,
            table=None if project else where,
            row=label,
            project=project,
        )
