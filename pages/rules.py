"""规则说明: the rule catalogue from the registry, with each rule's what / why / example docstring."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from checks import FAMILY_ZH, SEVERITY_ZH, Severity, load_rules, unwrap_doc

SECTION_ZH = {"why": "为什么", "example": "示例", "what": "检查内容", "fix": "如何修改", "note": "说明"}
SECTION_ZH |= {v: v for v in SECTION_ZH.values()}  # the docstrings are written in Chinese: 为什么： / 示例：
_SECTION = re.compile(
    r"^(why|example|what|fix|note|为什么|示例|检查内容|如何修改|说明)s?\s*[:：]\s*", re.IGNORECASE
)


def render_doc(doc: str) -> str:
    """Docstring -> markdown: the summary is 检查内容; lines opening with "为什么：" / "示例：" start a labelled
    paragraph; wrapped lines are joined (without a space between Chinese characters)."""
    paragraphs: list[list[str]] = [["**检查内容：**"]]
    for line in unwrap_doc(doc).splitlines():
        line = line.strip()
        match = _SECTION.match(line)
        if match:
            paragraphs.append([f"**{SECTION_ZH[match.group(1).lower()]}：**", line[match.end() :]])
        elif not line:
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs if p).replace("$", "\\$")


st.title("规则说明")
rules = sorted(load_rules().values(), key=lambda r: r.code)
if not rules:
    st.info("规则库尚无已登记的规则。")
    st.stop()

st.caption(f"共 {len(rules)} 条规则。每条规则有固定编号，编号永不复用；问题清单中的“规则编号”即指此处。")
c1, c2, c3 = st.columns(3)
families = c1.multiselect(
    "类别",
    sorted({r.family for r in rules}),
    format_func=lambda f: FAMILY_ZH.get(f, f),
    key="rules_family",
    placeholder="全部类别",
)
severities = c2.multiselect(
    "严重程度", list(Severity), format_func=lambda s: SEVERITY_ZH[s], key="rules_severity", placeholder="全部"
)
query = c3.text_input("搜索（编号、名称、依据）", key="rules_search").strip().lower()
shown = [
    r
    for r in rules
    if (not families or r.family in families)
    and (not severities or Severity(r.severity) in severities)
    and (not query or query in " ".join((r.code, r.title, r.regulation or "", r.doc)).lower())
]

catalogue = pd.DataFrame(
    {
        "规则编号": [r.code for r in shown],
        "规则名称": [r.title for r in shown],
        "类别": [FAMILY_ZH.get(r.family, r.family) for r in shown],
        "严重程度": [SEVERITY_ZH[Severity(r.severity)] for r in shown],
        "依据": [r.regulation or "" for r in shown],
    }
)
st.dataframe(catalogue, hide_index=True, key="rules_table")

st.subheader(f"规则详解（{len(shown)} 条）")
for rule in shown:
    label = f"{rule.code}　{rule.title}　·　{FAMILY_ZH.get(rule.family, rule.family)}　·　"
    with st.expander(label + SEVERITY_ZH[Severity(rule.severity)]):
        st.markdown(f"**类别：** {FAMILY_ZH.get(rule.family, rule.family)}　**严重程度：** "
                    f"{SEVERITY_ZH[Severity(rule.severity)]}　**标识：** `{rule.slug}`")  # fmt: skip
        if rule.regulation:
            st.markdown(f"**依据：** {rule.regulation}")
        st.markdown(render_doc(rule.doc) if rule.doc else "_（无说明）_")
