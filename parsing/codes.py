"""Classification codes: 功能分类 类 names -> codes (for tables that print names only) and code levels."""

from __future__ import annotations

import re
from functools import lru_cache

from parsing.text import normalise_label

# 政府收支分类科目, 功能分类 类 (names vary slightly between editions: each alias maps to one code).
FUNCTION_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "文化和旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_LEVELS = {3: 1, 5: 2, 7: 3}  # code length -> level


@lru_cache(maxsize=1 << 12)  # row names repeat across tables and documents; every uncoded row asks
def strip_ordinal(name: str) -> str:
    """Drop a leading Chinese ordinal.

    >>> strip_ordinal("二十、住房保障支出")
    '住房保障支出'
    """
    return _ORDINAL.sub("", normalise_label(name))


@lru_cache(maxsize=1 << 12)
def function_class_code(name: str) -> str | None:
    """The 类 code of a class printed by name only.

    >>> function_class_code("二十、住房保障支出"), function_class_code("本年支出合计")
    ('221', None)
    """
    return FUNCTION_CLASSES.get(strip_ordinal(name))


@lru_cache(maxsize=1 << 12)  # asked for every row's code cell; codes repeat from table to table
def is_code(text: str) -> bool:
    """A 3/5/7-digit classification code.

    >>> is_code("2010302"), is_code("30101"), is_code("2024"), is_code("")
    (True, True, False, False)
    """
    return bool(_CODE.match(text))


def code_level(code: str | None) -> int | None:
    """1 类, 2 款, 3 项 by code length.

    >>> code_level("201"), code_level("20103"), code_level("2010302"), code_level(None)
    (1, 2, 3, None)
    """
    if not code:
        return None
    return _LEVELS.get(len(code))


def code_part(text: str, first: bool) -> str:
    """One cell of a code printed in 类 | 款 | 项 columns; a 款 or 项 printed without its leading zero is padded
    (a spreadsheet export drops it: "301 | 2" is 30102).

    >>> code_part(" 301 ", True), code_part("2", False), code_part("02", False), code_part("", False)
    ('301', '02', '02', '')
    """
    part = normalise_label(text)
    return part.zfill(2) if not first and len(part) == 1 and part.isdigit() else part
