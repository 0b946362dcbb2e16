"""What the text-quality rules search for: template residue, malformed numbers, 元 amounts and odd table cells,
and the quoted snippet their findings show."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checks.support.lookup import per_part, table_name
from checks.support.sums import INVALID
from parsing.model import Amount, BudgetDocument

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
FILLER_START = re.compile(r"[XxＸｘ×＊*某□■○〇请待单点在此][XxＸｘ×＊*某□■○〇填补输击此处]")
# A template's either/or wording left unchosen ("增加（减少）", "大于（小于）") and its bracketed instructions.
_ALTERNATIVE = re.compile(
    r"(增加|增长|上升|提高|大于|高于|多于|减少|下降|降低|小于|低于|少于)[(（](减少|下降|降低|小于|低于|少于|增加|增长|上升|提高|大于|高于|多于)[)）]"
    r"|[(（](如|若)[^()（）]{1,12}(表述|填写|填列|删除)[)）]|[(（]不涉及的?(不列|删除|不填)[)）]|按上述格式"
)
BAD_NUMBER = re.compile(r"\d[.．]{2,}\d|\d+\.\d+\.\d+\s*万?元|\d[，,]\d{1,2}\s*万元")
# What each of its forms holds, on one line ("..", ".5.", "5,1"): the passages worth the search above. It opens
# with the mark so that the search skips to the marks instead of trying every character.
BAD_NUMBER_PART = re.compile(r"[.．，,](?:(?<=[.．])(?:[.．]|\d+\.)|(?<=\d[，,])\d)")
YUAN = re.compile(r"(?<![万亿千百\d.,])(\d[\d,]*(?:\.\d+)?)\s*元(?![/／每])")
PER_UNIT = re.compile(r"(每|人均|生均|标准|单价|/|／)[^，。；]{0,6}$")


def snippet(text: str, start: int, end: int, pad: int = 10) -> str:
    """The match with `pad` characters either side, on one line."""
    return text[max(0, start - pad) : end + pad].replace("\n", " ")


def fillers(text: str) -> Iterator[re.Match[str]]:
    return _FILLER.finditer(text) if FILLER_START.search(text) else iter(())


def _nil_reasons(text: str) -> Iterator[re.Match[str]]:
    return _NIL_REASON.finditer(text) if "无" in text else iter(())


def _alternatives(text: str) -> Iterator[re.Match[str]]:
    # every form but the last opens a bracket
    wanted = "(" in text or "（" in text or "按上述格式" in text
    return _ALTERNATIVE.finditer(text) if wanted else iter(())


_RESIDUES = (
    (_nil_reasons, "说明文字只写了“无”"),
    (_DOUBLED.finditer, "词句重复粘贴"),
    (fillers, "占位符"),
    (_alternatives, "模板的备选措辞或填写说明未删改"),
)


@lru_cache(maxsize=1 << 12)  # a unit's part and later documents repeat the same paragraphs (名词解释 …)
def residues(text: str) -> tuple[tuple[str, str], ...]:
    """(what, quotes) for each kind of residue in the text; _DOUBLED alone backtracks over every Chinese run."""
    out = []
    for find, what in _RESIDUES:
        quotes = [f"“…{snippet(text, m.start(), m.end())}…”" for m in find(text)]
        if quotes:
            out.append((what, "；".join(quotes)))
    return tuple(out)


def project_texts(doc: BudgetDocument) -> Iterator[tuple[str, str, int]]:
    """(project name, text, line) for the free-text fields of each 绩效目标表."""
    for project in doc.projects:
        yield project.name, project.purpose, project.purpose_line or project.line
        yield project.name, project.goal, project.goal_line or project.line
        for ind in project.indicators:
            yield project.name, f"{ind.level3} {ind.description} {ind.value} {ind.basis}", ind.line


def odd_cells(doc: BudgetDocument) -> tuple[tuple[Amount, str, str, str | None], ...]:
    """(amount, where, row label, project) for every table and project amount that TXT002 or TXT003 may report:
    not a number, or printed in 元. Read once per part: a part holds about a thousand amounts."""
    return per_part("odd_cells", doc, _scan_odd_cells)


def _is_odd(amount: Amount) -> bool:
    return amount.status == INVALID or in_yuan(amount)


def in_yuan(amount: Amount) -> bool:
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
