"""Session state, caching and formatting shared by the pages (the only module with st.cache_data)."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import streamlit as st

from checks import (
    KIND_ZH,
    DocumentStatus,
    Finding,
    excerpt,
    findings_csv,
    findings_xlsx,
    fmt_money,
    key_totals,
    load_rules,
    run_checks,
)
from library import Library, LibraryBusy, open_library
from parsing import BudgetDocument, ParseError, parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_disclosure.txt"
SAMPLE_KEY = "sample"
PASTED_NAME = "粘贴文本"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIBRARY_TIMEOUT = 5.0  # seconds a session waits for a locked library before it gives up with a warning

Source = Literal["sample", "upload", "pasted", "library"]


@dataclass(frozen=True)
class Loaded:
    """One parsed file: its key in session state, file name, document and findings."""

    key: str
    name: str
    doc: BudgetDocument
    findings: list[Finding] = field(default_factory=list)
    source: Source = "upload"


@dataclass(frozen=True)
class LoadError:
    """A file that could not be read: its name and the ParseError message (which names the file)."""

    key: str
    name: str
    message: str
    source: Source = "upload"


@st.cache_data(max_entries=32, show_spinner=False)
def analyse(name: str, data: bytes) -> tuple[BudgetDocument, list[Finding]]:
    """Parse and check one file; cached on (name, bytes), never on the UploadedFile. Raises ParseError."""
    doc = parse(name, data)
    return doc, run_checks(doc)


def file_key(name: str, data: bytes) -> str:
    return f"{name}:{hashlib.sha256(data).hexdigest()[:16]}"


def _state() -> tuple[dict[str, Loaded], dict[str, LoadError]]:
    docs: dict[str, Loaded] = st.session_state.setdefault("docs", {})
    errors: dict[str, LoadError] = st.session_state.setdefault("load_errors", {})
    return docs, errors


def _load(key: str, name: str, data: bytes, source: Source) -> None:
    docs, errors = _state()
    try:
        doc, findings = analyse(name, data)
    except ParseError as exc:
        errors[key] = LoadError(key, name, str(exc), source)
        return
    docs[key] = Loaded(key, name, doc, findings, source)
    st.session_state["doc_picker"] = key  # show the file the analyst just added
    if source == "upload" and st.session_state.get("save_to_library", True):
        _save(key, name, data, doc, findings)


def library() -> Library:
    """The document library ($BUDGETSCOPE_LIBRARY or data/library.duckdb); raises LibraryBusy when locked."""
    return open_library(timeout=LIBRARY_TIMEOUT)


def _save(key: str, name: str, data: bytes, doc: BudgetDocument, findings: list[Finding]) -> None:
    """Store an upload in the library; a locked or broken library becomes a sidebar warning, never a crash."""
    warnings: dict[str, str] = st.session_state.setdefault("library_warnings", {})
    try:
        library().add(name, data, doc, findings)
    except LibraryBusy as exc:
        warnings[key] = f"{name} 未存入文件库：{exc} 可移除后重新上传以再次存入。"
    except Exception as exc:  # the analysis is done; only storing failed
        warnings[key] = f"{name} 未存入文件库：{type(exc).__name__}: {exc}"


def ingest(files: Sequence, pasted_text: str | None = None) -> None:
    """Bring session state in line with the uploader (+ pasted text); the sample only when nothing else."""
    docs, errors = _state()
    current = [(f.name, f.getvalue()) for f in files or []]
    keys = [file_key(name, data) for name, data in current]
    # files the analyst removed from the uploader leave the session
    for store in (docs, errors):
        for key in [k for k, v in store.items() if v.source == "upload" and k not in keys]:
            del store[key]
    warnings: dict[str, str] = st.session_state.setdefault("library_warnings", {})
    for key in [k for k in warnings if k not in docs]:
        del warnings[key]
    new = [(k, n, d) for k, (n, d) in zip(keys, current, strict=True) if k not in docs and k not in errors]
    if len(new) > 1:
        with st.status(f"正在解析 {len(new)} 个文件…", expanded=False) as status:
            for i, (key, name, data) in enumerate(new, 1):
                status.update(label=f"正在解析 {i}/{len(new)}：{name}")
                _load(key, name, data, "upload")
            status.update(label=f"已解析 {len(new)} 个文件", state="complete")
    else:
        for key, name, data in new:
            with st.spinner(f"正在解析 {name}…"):
                _load(key, name, data, "upload")
    if pasted_text is not None:
        for key in [k for k, v in errors.items() if v.source == "pasted"]:
            del errors[key]  # a new attempt replaces the last complaint
        data = pasted_text.encode("utf-8")
        key = file_key(PASTED_NAME, data)
        if key not in docs:
            count = sum(v.source == "pasted" for v in docs.values())
            name = f"{PASTED_NAME}.txt" if not count else f"{PASTED_NAME}-{count + 1}.txt"
            with st.spinner("正在解析粘贴内容…"):
                _load(key, name, data, "pasted")
    others = [k for k, v in docs.items() if v.source != "sample"]
    if current or others:
        docs.pop(SAMPLE_KEY, None)
    elif SAMPLE_KEY not in docs and SAMPLE.exists():
        _load(SAMPLE_KEY, SAMPLE.name, SAMPLE.read_bytes(), "sample")
    for message in warnings.values():
        st.warning(message, icon=":material/inventory_2:")


def save_to_library_checkbox() -> None:
    """The analyst's consent to store uploads (key "save_to_library", on by default); render before ingest."""
    st.checkbox("上传后存入文件库", value=True, key="save_to_library", width="stretch",
                help="勾选后，新上传并解析成功的文件会存入公开文件库（可在“公开文件库”页删除）。")  # fmt: skip


def load_from_library(pick_key: str) -> None:
    """Button callback: load the library documents picked in widget `pick_key` as Loaded(source="library")."""
    docs, _ = _state()
    picked = [int(i) for i in st.session_state.get(pick_key) or []]
    if not picked:
        _notice("warning", "请先选择要载入的文件。")
        return
    loaded: list[str] = []
    try:
        lib = library()
        stored = lib.documents().set_index("doc_id")
        for doc_id in picked:
            row = stored.loc[doc_id]
            key = f"{row['file_name']}:{row['content_hash'][:16]}"  # as file_key: an upload of it is the same
            if key not in docs:
                doc, findings = lib.load(doc_id)
                docs[key] = Loaded(key, str(row["file_name"]), doc, findings, "library")
            loaded.append(key)
    except LibraryBusy as exc:
        _notice("warning", f"已载入 {len(loaded)} 个文件，其余未能载入：{exc}")
        return
    except Exception as exc:  # a removed or unreadable document must not crash the page
        _notice("warning", f"已载入 {len(loaded)} 个文件，其余未能载入：{type(exc).__name__}: {exc}")
        return
    finally:
        if loaded:
            docs.pop(SAMPLE_KEY, None)
            st.session_state["doc_picker"] = loaded[-1]
    _notice("success", f"已载入 {len(loaded)} 个文件，可在“部门与年度对比”等页面查看。")


def remove_from_library(pick_key: str, confirm_key: str) -> None:
    """Button callback: delete the document picked in `pick_key` once `confirm_key` is ticked."""
    doc_id = st.session_state.get(pick_key)
    if doc_id is None or not st.session_state.get(confirm_key):
        return
    try:
        removed = library().remove(int(doc_id))
    except LibraryBusy as exc:
        _notice("warning", f"未能删除：{exc}")
        return
    except Exception as exc:
        _notice("warning", f"未能删除：{type(exc).__name__}: {exc}")
        return
    st.session_state[confirm_key] = False
    _notice("success" if removed else "warning", "已从文件库删除。" if removed else "文件库中已没有该文件。")


def _notice(kind: Literal["success", "warning"], message: str) -> None:
    st.session_state["library_notice"] = (kind, message)


def pop_library_notice() -> tuple[str, str] | None:
    """The outcome of the last load/remove callback, once: ("success" | "warning", message)."""
    return st.session_state.pop("library_notice", None)


def current_docs() -> list[Loaded]:
    """All loaded documents, in upload order."""
    return list(st.session_state.get("docs", {}).values())


def load_errors() -> list[LoadError]:
    return list(st.session_state.get("load_errors", {}).values())


def selected_doc() -> Loaded | None:
    """The document picked in the sidebar (key "doc_picker"); the first one when nothing is picked."""
    docs = st.session_state.get("docs", {})
    picked = st.session_state.get("doc_picker")
    if picked in docs:
        return docs[picked]
    return next(iter(docs.values()), None)


def doc_label(loaded: Loaded) -> str:
    """Picker label, e.g. "434 保定市徐水区人民政府办公室 2024" ("… 2024 决算" for final accounts); adds the file
    name when no name was read."""
    doc = loaded.doc
    year = str(doc.budget_year) if doc.budget_year else None
    parts = [doc.department_code, doc.department_name, year, "决算" if doc.kind == "final_accounts" else None]
    label = " ".join(p for p in parts if p)
    return label if doc.department_name else f"{label} {loaded.name}".strip()


def doc_picker() -> Loaded | None:
    """The sidebar select box over the loaded documents (key "doc_picker")."""
    docs = current_docs()
    if not docs:
        return None
    keys = [d.key for d in docs]
    if st.session_state.get("doc_picker") not in keys:
        st.session_state["doc_picker"] = keys[0]
    labels = {d.key: doc_label(d) for d in docs}
    dupes = {v for v in labels.values() if list(labels.values()).count(v) > 1}
    names = {d.key: d.name for d in docs}

    def show(key: str) -> str:
        return f"{labels[key]}（{names[key]}）" if labels[key] in dupes else labels[key]

    st.selectbox("当前文件", keys, format_func=show, key="doc_picker", width="stretch")
    return selected_doc()


def excerpt_html(lines: Sequence[str], line: int, radius: int = 6) -> str:
    """The excerpt as a <pre> block with the offending line highlighted (for st.html)."""
    mark = "background:#ffe08a;font-weight:600;display:inline-block;width:100%"
    body = "\n".join(
        f'<span style="{mark}">{n:>5} ▶ {html.escape(t)}</span>' if hit else f"{n:>5}   {html.escape(t)}"
        for n, t, hit in excerpt(lines, line, radius)
    )
    style = "white-space:pre-wrap;font-size:0.85rem;line-height:1.45;background:#f6f8fa;padding:0.6rem"
    return f'<pre style="{style}">{body}</pre>'


def project_part(loaded: Loaded, key: str) -> BudgetDocument:
    """The part (department or a unit) whose projects a page shows; stops the page when none has any."""
    parts = {
        (
            "部门"
            if p.part == "department"
            else f"{p.department_code or ''} {p.department_name or '所属单位'}"
        ): p
        for p in loaded.doc.parts()
        if p.projects
    }
    if not parts:
        st.info("本文件未列出项目绩效目标表。")
        st.stop()
    name = st.selectbox("部分", list(parts), key=key) if len(parts) > 1 else next(iter(parts))
    return parts[name]


def doc_header(loaded: Loaded) -> None:
    """Department, year, unit and the four headline totals of one document."""
    doc = loaded.doc
    st.subheader(f"{doc.department_code or ''} {doc.department_name or loaded.name}".strip())
    units = f"，含所属单位 {len(doc.units)} 个" if doc.units else ""
    year = "决算年度" if doc.kind == "final_accounts" else "预算年度"
    kind = f"类型：{KIND_ZH[doc.kind]}　"
    st.caption(
        f"{kind}{year}：{doc.budget_year or '未识别'}　金额单位：{doc.unit}　文件：{loaded.name}{units}"
    )
    cols = st.columns(4)
    for col, (label, amount) in zip(cols, key_totals(doc).items(), strict=True):
        col.metric(label, fmt_money(amount, doc.unit))


def export_inputs(
    docs: Sequence[Loaded], errors: Sequence[LoadError] = ()
) -> tuple[list[DocumentStatus], list[Finding], dict]:
    """What the downloads are built from: a status per file (unreadable ones too), all findings, all rules."""
    statuses = [
        DocumentStatus(
            file=d.name,
            department_code=d.doc.department_code,
            department_name=d.doc.department_name,
            budget_year=d.doc.budget_year,
            kind=d.doc.kind,
        )
        for d in docs
    ]
    statuses += [DocumentStatus(file=e.name, status="error", error=e.message) for e in errors]
    return statuses, [f for d in docs for f in d.findings], load_rules()


def _export(kind: str) -> bytes:
    """Memoised per set of loaded files, so the page does not rebuild the workbook on every rerun."""
    docs, errors = current_docs(), load_errors()
    stamp = (tuple(d.key for d in docs), tuple(e.key for e in errors))
    memo = st.session_state.get("_exports")
    if memo is None or memo["stamp"] != stamp:
        memo = st.session_state["_exports"] = {"stamp": stamp}
    if kind not in memo:
        statuses, findings, rules = export_inputs(docs, errors)
        if kind == "xlsx":
            memo[kind] = findings_xlsx(statuses, findings, rules)
        else:
            memo[kind] = findings_csv(statuses, findings)
    return memo[kind]


def export_xlsx() -> bytes:
    """问题清单.xlsx for every loaded file (sheets 汇总, 问题清单, 规则说明)."""
    return _export("xlsx")


def export_csv() -> bytes:
    """问题清单.csv (UTF-8 with BOM) for every loaded file."""
    return _export("csv")
