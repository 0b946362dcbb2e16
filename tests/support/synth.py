"""Synthetic disclosures from the seeds in tests/data: another department, year and scale, changed consistently.

Benchmark and test data, not realistic budgets. A variant rewrites a seed's text:

- department code at the start of every identity cell ("223沧州…" and unit codes "313001…"), the department
  name everywhere (so unit names "…本级" follow), and every year written "YYYY年", "YYYY-MM-DD" or
  "预算年度：YYYY" shifted by the same number of years;
- every amount the parser reads (table cells, project 预算数/财政/其他, 万元 plan points), decimal cells of the
  procurement and asset tables, and "N万元"/"N元" in the text multiplied by one factor and re-rounded to the
  printed decimals. Re-rounding can break a sum by a cent: fine for benchmark data;
- optional plain text replacements last (rename or re-code a project).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from parsing import parse_lines
from parsing.model import Amount

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
YEARS = 4  # budget years per synthetic department
FIRST_YEAR = 2021
COUNTIES = ("沧县", "青县", "东光县", "海兴县", "盐山县", "肃宁县", "南皮县", "吴桥县", "献县", "泊头市",
            "任丘市", "黄骅市", "河间市", "运河区", "新华区", "徐水区", "清苑区", "满城区", "涞水县", "阜平县")  # fmt: skip
KINDS = ("人民政府办公室", "财政局", "教育局", "卫生健康局", "民政局", "司法局", "农业农村局", "水务局",
         "自然资源和规划局", "住房和城乡建设局", "交通运输局", "文化广电和旅游局", "市场监督管理局",
         "应急管理局", "信访局")  # fmt: skip
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_DECIMAL_CELL = re.compile(r"^\t\s*\d[\d,]*\.\d+\s*$")
_TEXT_MONEY = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)(\s*)(万元|元)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年|-\d{1,2}-\d{1,2})")
_BUDGET_YEAR = re.compile(r"(预算年度[:：]\s*)(\d{4})")


@dataclass(frozen=True)
class Variant:
    code: str
    name: str
    year: int
    factor: Decimal = Decimal(1)
    replace: tuple[tuple[str, str], ...] = ()  # (old, new) text replacements, applied last


@dataclass(frozen=True)
class Seed:
    name: str  # file name
    lines: tuple[str, ...]
    code: str
    department: str
    year: int
    money_lines: frozenset[int]  # 0-based lines holding exactly one amount to scale


def scale_number(text: str, factor: Decimal) -> str:
    """The first number in `text` times `factor`, rounded to its printed decimals (half up).

    >>> scale_number("\\t18.00", Decimal("1.1")), scale_number("1,234.5万元", Decimal(2)), scale_number("7", Decimal("0.5"))
    ('\\t19.80', '2,469.0万元', '4')
    """
    found = _NUMBER.search(text)
    if found is None:
        return text
    raw = found[0]
    places = len(raw.partition(".")[2])
    value = (Decimal(raw.replace(",", "")) * factor).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    new = f"{value:,.{places}f}" if "," in raw else f"{value:.{places}f}"
    return text[: found.start()] + new + text[found.end() :]


def _amounts(doc_parts: Sequence) -> list[Amount]:
    amounts: list[Amount] = []
    for part in doc_parts:
        amounts += [a for t in part.tables.values() for r in t.rows for a in r.values.values()]
        for p in part.projects:
            amounts += [p.budget, p.fiscal, p.other, *(pt.amount for pt in p.plan if not pt.is_percent)]
    return [a for a in amounts if a.value is not None and a.line is not None]


@cache
def load_seed(path: Path) -> Seed:
    """Parse a seed once and remember which lines carry amounts."""
    lines = path.read_text(encoding="utf-8").split("\n")
    doc = parse_lines(path.name, lines)
    if not (doc.department_code and doc.department_name and doc.budget_year):
        raise ValueError(f"{path.name}：无法识别部门编码、名称或预算年度，不能作为样本")
    money = {a.line - 1 for a in _amounts(doc.parts()) if a.line}  # type: ignore[operator]
    for part in doc.parts():
        for table in (part.procurement, part.assets):
            cells = [c for row in table.rows for c in row] if table else []
            money |= {c.line - 1 for c in cells if _DECIMAL_CELL.match(lines[c.line - 1])}
    return Seed(path.name, tuple(lines), doc.department_code, doc.department_name, doc.budget_year,
                frozenset(money))  # fmt: skip


def vary(seed: Seed, variant: Variant) -> str:
    """The seed's text rewritten as `variant` (see the module docstring)."""
    shift = variant.year - seed.year
    code = re.compile(rf"^(\t\s*){re.escape(seed.code)}(?=\d{{3}}[^\W\d_]|[^\W\d_])")
    k = variant.factor
    out = []
    for i, line in enumerate(seed.lines):
        if i in seed.money_lines:
            out.append(scale_number(line, k))
            continue
        line = _TEXT_MONEY.sub(lambda m: scale_number(m[1], k) + m[2] + m[3], line)
        line = _YEAR.sub(lambda m: str(int(m[1]) + shift), line)
        line = _BUDGET_YEAR.sub(lambda m: f"{m[1]}{int(m[2]) + shift}", line)
        line = code.sub(lambda m: m[1] + variant.code, line).replace(seed.department, variant.name)
        out.append(line)
    text = "\n".join(out)
    for old, new in variant.replace:
        text = text.replace(old, new)
    return text


def department(index: int) -> tuple[str, str]:
    """Code and name of synthetic department `index` (distinct for every index).

    >>> department(0), department(21)
    (('100', '沧县人民政府办公室'), ('121', '青县财政局'))
    """
    county, kind = COUNTIES[index % len(COUNTIES)], KINDS[index // len(COUNTIES) % len(KINDS)]
    cycle = index // (len(COUNTIES) * len(KINDS))
    return str(100 + index), f"{county}{kind}{'' if cycle == 0 else cycle + 1}"


def generate(folder: Path, count: int, seed: int = 0, seeds: Path = SEEDS) -> list[Path]:
    """Write `count` disclosures into `folder`: departments of YEARS consecutive years, each from one seed,
    amounts scaled by a random factor in [0.7, 1.4) per document (reproducible from `seed`)."""
    rng = random.Random(seed)
    samples = [load_seed(p) for p in sorted(seeds.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        index, offset = divmod(i, YEARS)
        code, name = department(index)
        factor = Decimal(str(round(rng.uniform(0.7, 1.4), 3)))
        text = vary(samples[index % len(samples)], Variant(code, name, FIRST_YEAR + offset, factor))
        path = folder / f"{i:05d}_{code}_{FIRST_YEAR + offset}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
