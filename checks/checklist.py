"""The inspection form (检查表): one document's findings laid out item by item as a bureau's form, per template.

Templates are data (data/checklists/*.json): the title, the item rows and the table that maps a finding to its
item (by rule code, missing section, table, section and family). A bureau adds its own form as another file.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.decisions import Decision, decided
from checks.findings import SEVERITY_RANK, Finding
from checks.runner import part_label
from checks.support.lookup import TABLE_ZH
from parsing.model import BudgetDocument
from parsing.sections import SECTION_TITLES

CHECKLIST_DIR = Path(__file__).resolve().parents[1] / "data" / "checklists"
YES, NO, MANUAL = "是", "否", "待核对"
MAX_PICTURES = 3  # page pictures per item row (the text excerpt lists every finding)
QUOTE_CHARS = 40  # characters of the source line quoted in a problem description
EXCERPT_CHARS = 80  # characters per line in the 问题截图 excerpt
_TABLE_KEYS = {name: key for key, name in TABLE_ZH.items()}
# title -> section key; a title two keys share ("名词解释": glossary, final_glossary) names the budget's, which
# both forms map
_SECTION_KEYS = {title: key for key, title in reversed(SECTION_TITLES.items())}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    label: str  # may hold {level}
    manual: str | None = None  # the tool cannot judge this item: the reason, shown instead of 是/否


@dataclass(frozen=True)
class Template:
    """One form layout read from a data file."""

    name: str
    kind: str  # "budget" or "final" (决算)
    title: str  # "{year}年度{area}{level}预算公开情况检查表"
    columns: tuple[str, ...]
    items: tuple[Item, ...]
    mapping: Mapping[str, Any]
    picture_column: str | None = None  # PDF input: a column of page pictures beside the text excerpt

    @classmethod
    def from_file(cls, path: Path) -> Template:
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = tuple(Item(i["key"], i["group"], i["label"], i.get("manual")) for i in raw["items"])
        keys = {i.key for i in items}
        targets = [*raw["map"].get("rules", {}).values(), *raw["map"].get("tables", {}).values(),
                   *raw["map"].get("sections", {}).values(), *raw["map"].get("families", {}).values()]  # fmt: skip
        targets += [k for v in raw["map"].get("missing_sections", {}).values() for k in v]
        unknown = {t for t in targets if t not in keys}
        if unknown:
            raise ValueError(f"{path.name}: mapping names items that are not in the form: {sorted(unknown)}")
        return cls(raw["name"], raw["kind"], raw["title"], tuple(raw["columns"]), items, raw["map"],
                   raw.get("picture_column"))  # fmt: skip


def load_templates(folder: Path = CHECKLIST_DIR) -> dict[str, Template]:
    """Every template in the folder, by kind ("budget", "final"); a later file of the same kind wins."""
    templates = [Template.from_file(p) for p in sorted(folder.glob("*.json"))]
    return {t.kind: t for t in templates}


def document_kind(doc: BudgetDocument) -> str:
    """ "final" when the document calls its tables or itself 决算, else "budget" (the parser's own reading of
    the kind, where the model carries one, comes first)."""
    # BudgetDocument.kind ("budget" | "final_accounts") once the parser detects it
    parsed = getattr(doc, "kind", None)
    if parsed is not None:
        return "final" if parsed == "final_accounts" else "budget"
    titles = [t.title for t in doc.tables.values()] + [doc.title or ""] + list(doc.lines[:5])
    return "final" if any("决算" in t for t in titles) else "budget"


def document_level(doc: BudgetDocument) -> str:
    """ "单位" when most table titles say 单位预算/单位… (a unit's own disclosure), else "部门".

    The parser's level ("department" | "unit"), where the model carries one, comes first; else the document's
    own table titles decide.
    """
    parsed = getattr(doc, "level", None)
    if parsed is not None:
        return "单位" if parsed == "unit" else "部门"
    titles = [re.sub(r"^\d{4}年", "", t.title.strip()) for t in doc.tables.values()]
    unit = sum(t.startswith("单位") for t in titles)
    department = sum(t.startswith("部门") for t in titles)
    return "单位" if unit > department else "部门"


def _area(name: str | None) -> str:
    """The district or county in a department name, for the form title ("" when none is named).

    >>> _area("上海市普陀区商务委员会"), _area("保定市徐水区人民政府办公室"), _area("示例单位")
    ('普陀区', '徐水区', '')
    """
    match = re.search(r"市([\u4e00-\u9fff]{1,6}?[区县])", name or "")
    return match.group(1) if match else ""


@dataclass
class ItemResult:
    item: Item
    label: str
    findings: list[Finding] = field(default_factory=list)
    ignored: list[tuple[Finding, Decision]] = field(default_factory=list)  # the reviewer's 忽略: not a 否

    @property
    def verdict(self) -> str:
        if self.findings:
            return NO
        return MANUAL if self.item.manual else YES


@dataclass
class Form:
    """One filled-in form: header fields and one ItemResult per template item."""

    file: str
    title: str
    level: str
    name: str
    code: str
    url: str
    items: list[ItemResult]
    year: int | None = None
    lines: Sequence[str] = ()
    error: str | None = None
    pictures: dict[int, bytes] = field(
        default_factory=dict
    )  # source line -> PNG of its place on the PDF page


def _ranges(part: BudgetDocument) -> list[tuple[int, int, str, str]]:
    """(first line, last line, "table"|"section", key) of a part's tables, projects and sections; narrow first."""
    spans: list[tuple[int, int, str, str]] = [
        (t.line, t.end_line, "table", k) for k, t in part.tables.items()
    ]
    spans += [(p.line, p.end_line, "table", "项目绩效目标表") for p in part.projects]
    for label, generic in (("政府采购预算表", part.procurement), ("固定资产占用情况表", part.assets),
                           ("organisation", part.organisations)):  # fmt: skip
        if generic is not None:
            last = max((c.line for row in generic.rows for c in row), default=generic.line)
            spans.append((generic.line, last, "table", label))
    spans += [(s.line, s.end_line, "section", s.key) for s in part.sections]
    return sorted(spans, key=lambda s: s[1] - s[0])


def item_keys(finding: Finding, part: BudgetDocument | None, template: Template) -> list[str]:
    """The form items a finding belongs to, by the template's mapping: rule code, missing section, table,
    the place its line falls in (table, project, section), then its family."""
    m = template.mapping
    if finding.code in m.get("rules", {}):
        return [m["rules"][finding.code]]
    section = _SECTION_KEYS.get(finding.row or "")
    if section and finding.code == "STR003":
        missing = m.get("missing_sections", {})
        return list(missing.get(section, [m["sections"][section]]))
    table = _TABLE_KEYS.get(finding.table or "", finding.table)
    if table in m.get("tables", {}):
        return [m["tables"][table]]
    if section in m.get("sections", {}):
        return [m["sections"][section]]
    if part is not None and finding.line:
        for first, last, kind, key in _ranges(part):
            if first <= finding.line <= last:
                if key == "organisation" and m.get("organisation_table"):
                    return [m["organisation_table"]]
                target = m.get("tables" if kind == "table" else "sections", {}).get(key)
                if target:
                    return [target]
    return [m["families"].get(finding.family, template.items[-1].key)]


def _quote(lines: Sequence[str], line: int | None) -> str:
    if not line or not 1 <= line <= len(lines):
        return ""
    text = re.sub(r"\s+", " ", lines[line - 1].replace("\t", " ")).strip()
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def problem_text(number: int, finding: Finding, lines: Sequence[str]) -> str:
    """ "1. 第3页第120行：<message>（原文：“…”）" with the unit part named when it is not the department."""
    where = "".join(
        [f"第{finding.page}页" if finding.page else "", f"第{finding.line}行" if finding.line else ""]
    )
    part = f"【{finding.part}】" if finding.part else ""
    quote = _quote(lines, finding.line)
    said = f"（原文：“{quote}”）" if quote else ""
    return f"{number}. {part}{where + '：' if where else ''}{finding.message}{said}"


def excerpt_text(number: int, finding: Finding, lines: Sequence[str], radius: int = 1) -> str:
    """The source lines around a finding, the finding's line marked with ▶ (the 问题截图 column)."""
    if not finding.line or not 1 <= finding.line <= len(lines):
        return f"{number}. （无原文位置）"
    page = f"第{finding.page}页" if finding.page else ""
    out = [f"{number}. {page}第{finding.line}行前后"]
    for n in range(max(1, finding.line - radius), min(len(lines), finding.line + radius) + 1):
        text = re.sub(r"[ \u3000]+", " ", lines[n - 1].replace("\t", " │ ")).strip()
        text = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"
        out.append(f"{'▶' if n == finding.line else ' '} {n:>5}  {text}")
    return "\n".join(out)


def _new_items(template: Template, level: str) -> list[ItemResult]:
    return [ItemResult(i, i.label.format(level=level)) for i in template.items]


def _title(template: Template, year: int | None, area: str, level: str) -> str:
    return template.title.format(year=year or "    ", area=area, level=level)


def build_form(
    doc: BudgetDocument,
    findings: Iterable[Finding],
    templates: Mapping[str, Template] | None = None,
    url: str = "",
    source: bytes | None = None,
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> Form:
    """One document's form: every finding under its item(s), errors first, then by line; a finding the
    reviewer ignored (`decisions` by file and fingerprint, checks.decisions) is noted under its item, not a 否.
    With the PDF's bytes as `source`, the form also holds a picture of each finding's place on its page."""
    templates = templates or load_templates()
    template = templates.get(document_kind(doc)) or templates["budget"]
    level = document_level(doc)
    items = _new_items(template, level)
    by_key = {r.item.key: r for r in items}
    parts = {part_label(p): p for p in doc.parts()}
    findings = list(findings)
    dismissed = {id(f): d for f, d in decided(findings, decisions) if d is not None and d.ignored}
    ordered = sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.line or 0, f.code))
    for finding in ordered:
        for key in item_keys(finding, parts.get(finding.part), template):
            if id(finding) in dismissed:  # the reviewer's 忽略: noted under the item, not a 否
                by_key[key].ignored.append((finding, dismissed[id(finding)]))
            else:
                by_key[key].findings.append(finding)
    return Form(
        file=doc.file_name,
        title=_title(template, doc.budget_year, _area(doc.department_name), level),
        level=level,
        name=doc.department_name or "",
        code=doc.department_code or "",
        url=url,
        items=items,
        year=doc.budget_year,
        lines=doc.lines,
        pictures=_pictures(doc, ordered, source) if source and doc.pages else {},
    )


def _pictures(doc: BudgetDocument, findings: Sequence[Finding], source: bytes) -> dict[int, bytes]:
    """PNG strips of the PDF page at each finding's source line (lines whose text is not found are left out)."""
    from parsing.readers.snapshot import line_pictures  # deferred: renders with pdfplumber / pypdfium2

    wanted = sorted({(f.page, f.line) for f in findings if f.page and f.line and f.line <= len(doc.lines)})
    try:
        pictures = line_pictures(source, [(page, doc.lines[line - 1]) for page, line in wanted])
    except Exception:  # a picture is a courtesy: the text excerpt stays
        return {}
    return {line: png for (_, line), png in zip(wanted, pictures, strict=True) if png}


def failed_form(file: str, reason: str, templates: Mapping[str, Template] | None = None) -> Form:
    """The form of a file that could not be read: every item 待核对, the reason in the header."""
    templates = templates or load_templates()
    template = templates["budget"]
    return Form(file, _title(template, None, "", "部门"), "部门", "", "", "", _new_items(template, "部门"),
                error=reason)  # fmt: skip


def sheet_names(forms: Sequence[Form]) -> list[str]:
    """Unique Excel sheet names (≤ 31 characters, no []:*?/\\): the department name, else the file name.

    >>> sheet_names([Form("a/b.txt", "", "部门", "", "", "", []), Form("b.txt", "", "部门", "", "", "", [])])
    ['b', 'b (2)']
    """
    names: list[str] = []
    for form in forms:
        base = f"{form.name} {form.year or ''}".strip() if form.name else Path(form.file).stem
        base = _SHEET_BAD.sub("_", base).strip("'") or "文件"
        name, n = base[:31], 1
        while name in names:
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        names.append(name)
    return names


def _png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _text_lines(text: str, width: int) -> int:
    """Lines a wrapped cell of `width` character columns takes (CJK counts double)."""
    return sum(max(1, -(-_display_width(line) // width)) for line in text.split("\n"))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _row_pictures(form: Form, result: ItemResult) -> list[bytes]:
    lines = dict.fromkeys(f.line for f in result.findings if f.line in form.pictures)
    return [form.pictures[line] for line in list(lines)[:MAX_PICTURES]]


def _write_form(
    book: Any, sheet: Any, form: Form, columns: Sequence[str], picture_column: str | None
) -> None:
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}),
        "label": book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "valign": "vcenter"}),
        "field": book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"}),
        "head": book.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "align": "center",
                                 "valign": "vcenter", "text_wrap": True}),
        "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "group": book.add_format({"border": 1, "bold": True, "align": "center", "valign": "vcenter",
                                  "text_wrap": True}),
        "no": book.add_format({"border": 1, "align": "center", "valign": "top", "bold": True,
                               "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        "yes": book.add_format({"border": 1, "align": "center", "valign": "top"}),
        "excerpt": book.add_format({"border": 1, "text_wrap": True, "valign": "top", "font_name": "Consolas",
                                    "font_size": 9}),
    }  # fmt: skip
    pictured = bool(form.pictures and picture_column)
    columns = [*columns, picture_column] if pictured and picture_column else list(columns)
    for col, width in enumerate((12, 44, 12, 70, 70, 70)[: len(columns)]):
        sheet.set_column(col, col, width)
    sheet.merge_range(0, 0, 0, 4, form.title, fmt["title"])
    header = [
        (f"{form.level}名称", form.name, f"{form.level}编码", form.code),
        ("公开网址", form.url, "文件", Path(form.file).name),
    ]
    for row, (l1, v1, l2, v2) in enumerate(header, start=1):
        sheet.write_string(row, 0, l1, fmt["label"])
        sheet.write_string(row, 1, v1, fmt["field"])
        sheet.write_string(row, 2, l2, fmt["label"])
        sheet.merge_range(row, 3, row, 4, v2, fmt["field"])
    start = 3
    if form.error:
        sheet.write_string(start, 0, "读取结果", fmt["label"])
        sheet.merge_range(start, 1, start, 4, f"文件无法读取，以下各项未能检查：{form.error}", fmt["field"])
        start += 1
    for col, label in enumerate(columns):
        sheet.write_string(start, col, label, fmt["head"])
    sheet.freeze_panes(start + 1, 0)
    row = start + 1
    groups: list[tuple[str, int, int]] = []
    for result in form.items:
        verdict = MANUAL if form.error else result.verdict
        problems = "\n".join(problem_text(n, f, form.lines) for n, f in enumerate(result.findings, 1))
        if not problems and verdict == MANUAL:
            problems = "文件无法读取，未检查" if form.error else result.item.manual or ""
        if result.ignored:
            reasons = "；".join(dict.fromkeys(d.reason for _, d in result.ignored if d.reason))
            note = (
                f"（另有 {len(result.ignored)} 条经审核忽略{'：' + reasons if reasons else ''}，见问题清单）"
            )
            problems = f"{problems}\n{note}" if problems else note
        shots = "\n".join(excerpt_text(n, f, form.lines) for n, f in enumerate(result.findings, 1))
        sheet.write_string(row, 1, result.label, fmt["cell"])
        sheet.write_string(row, 2, verdict, fmt["no"] if verdict == NO else fmt["yes"])
        sheet.write_string(row, 3, problems, fmt["cell"])
        sheet.write_string(row, 4, shots, fmt["excerpt"])
        text_px = 20 * max(_text_lines(problems, 66), _text_lines(shots, 80), 1)
        picture_px = 0
        if pictured:
            sheet.write_string(row, 5, "", fmt["cell"])
            for png in _row_pictures(form, result):
                sheet.insert_image(row, 5, "原文.png", {"image_data": io.BytesIO(png), "x_scale": 0.5, "y_scale": 0.5,
                                   "x_offset": 4, "y_offset": 4 + picture_px, "object_position": 1})  # fmt: skip
                picture_px += _png_size(png)[1] // 2 + 6
        sheet.set_row(row, min(409, 0.75 * max(text_px, picture_px + 8)))
        if groups and groups[-1][0] == result.item.group:
            groups[-1] = (result.item.group, groups[-1][1], row)
        else:
            groups.append((result.item.group, row, row))
        row += 1
    for group, first, last in groups:
        if first == last:
            sheet.write_string(first, 0, group, fmt["group"])
        else:
            sheet.merge_range(first, 0, last, 0, group, fmt["group"])


def checklist_xlsx(forms: Sequence[Form], templates: Mapping[str, Template] | None = None) -> bytes:
    """One sheet per form in the bureau's layout (header, then 检查内容 | 符合要求（是/否） | 问题说明 | 问题截图)."""
    import xlsxwriter  # deferred: only exports need it

    templates = templates or load_templates()
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
               "in_memory": True}  # fmt: skip
    book = xlsxwriter.Workbook(buf, options)
    for form, name in zip(forms, sheet_names(forms), strict=True):
        kind = "final" if "决算" in form.title else "budget"
        template = templates.get(kind) or templates["budget"]
        _write_form(book, book.add_worksheet(name), form, template.columns, template.picture_column)
    if not forms:
        book.add_worksheet("检查表").write_string(0, 0, "没有可生成检查表的文件")
    book.close()
    return buf.getvalue()
