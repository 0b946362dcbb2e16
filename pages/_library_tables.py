"""The 公开文件库 page's tables, from the library's frames (no widgets): stored documents, department × year,
peer ratios with their outliers highlighted."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from checks import KIND_ZH, fmt_number
from library import RATIO_ZH

DOC_ZH = {"doc_id": "编号", "department_code": "部门编码", "department_name": "部门名称", "budget_year": "年度",
          "kind": "类型", "file_name": "文件名", "units": "所属单位数", "findings": "问题数", "errors": "错误", "warnings": "警告",
          "added_at": "存入时间（UTC）"}  # fmt: skip
FLAG = "background-color: #ffe08a; font-weight: 600"


def doc_labels(stored: pd.DataFrame) -> dict[int, str]:
    """A pick label per stored document: department code and name, year, kind, file name and number."""
    return {
        int(r.doc_id): " ".join(
            str(x)
            for x in (r.department_code, r.department_name, r.budget_year, KIND_ZH.get(r.kind))
            if pd.notna(x)
        )
        + f"（{r.file_name}，#{r.doc_id}）"
        for r in stored.itertuples()
    }


def blanks(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty text (the grid would print None); whole numbers without a decimal point."""

    def cell(v: object) -> object:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        return int(v) if isinstance(v, float) and v.is_integer() else v

    return frame.astype(object).map(cell)


def year_grid(matrix: pd.DataFrame) -> pd.DataFrame:
    """Department × year findings counts, a column per year ("2024年"), Chinese headers."""
    grid = blanks(matrix.rename(columns=lambda y: f"{y}年" if not isinstance(y, str) else y).reset_index())
    return grid.rename(columns={"department_code": "部门编码", "department_name": "部门名称"})


def documents_table(stored: pd.DataFrame) -> pd.DataFrame:
    """The stored documents with Chinese headers and kinds ("未记录" when none was stored)."""
    table = blanks(
        stored[list(DOC_ZH)].assign(
            kind=stored["kind"].map(lambda k: KIND_ZH.get(k, "未记录"), na_action=None)
        )
    )
    return table.rename(columns=DOC_ZH)


def peer_view(peers: pd.DataFrame) -> Styler:
    """The peer table with ratios as text (a missing one blank) and each outlying ratio highlighted."""
    view = peers[["label", "file_name", *RATIO_ZH, "outliers"]].copy()
    for name in RATIO_ZH:  # text, so a missing ratio shows blank (the grid would print None)
        view[name] = [fmt_number(v, 0 if name == "findings" else 2) for v in view[name]]
    flags = peers[[f"{name}_outlier" for name in RATIO_ZH]].set_axis(list(RATIO_ZH), axis=1)

    def highlight(column: pd.Series) -> list[str]:
        if column.name not in flags:
            return [""] * len(column)
        return [FLAG if flagged else "" for flagged in flags[column.name]]

    return view.style.apply(highlight)
