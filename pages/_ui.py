"""Session state, caching and formatting shared by the pages (the only module with st.cache_data)."""

from __future__ import annotations

import gc
import hashlib
import html
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from checks import (
    DECISION_ZH,
    KIND_ZH,
    SCORE_ZH,
    Decision,
    DocumentStatus,
    Finding,
    Verdict,
    build_form,
    checklist_xlsx,
    definitions,
    excerpt,
    failed_form,
    finding_charts,
    findings_csv,
    findings_xlsx,
    fingerprints,
    fmt_amount,
    key_totals,
    load_rules,
    load_templates,
    ranked,
    run_checks,
    scorecard_frame,
)
from library import (
    Library,
    LibraryBusy,
    decision_rows,
    library_scorecard,
    load_decisions,
    open_library,
    save_decisions,
)
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
    pdf: bytes | None = None  # a PDF's bytes, for the page pictures of the inspection form
    content_hash: str = ""  # sha256 of the bytes: what decisions are stored under


@dataclass(frozen=True)
class LoadError:
    """A file that could not be read: its name and the ParseError message (which names the file)."""

    key: str
    name: str
    message: str
    source: Source = "upload"


_GC_LOCK = threading.Lock()
_GC_USERS = [0, gc.get_threshold()]  # analyses running now, the threshold to restore after the last


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Young collections every 50,000 allocations while documents are analysed (issue 16: the cyclic collector
    took a third of the time); the server's own threshold again once no session analyses. No gc.freeze here:
    in a long-running server frozen objects would never be freed."""
    with _GC_LOCK:
        if _GC_USERS[0] == 0:
            _GC_USERS[1] = gc.get_threshold()
            gc.set_threshold(50_000, 20, 20)
        _GC_USERS[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_USERS[0] -= 1
            if _GC_USERS[0] == 0:
                gc.set_threshold(*_GC_USERS[1])


@st.cache_data(max_entries=32, show_spinner=False)
def analyse(name: str, data: bytes) -> tuple[BudgetDocument, list[Finding]]:
    """Parse and check one file; cached on (name, bytes), never on the UploadedFile. Raises ParseError."""
    with _fewer_collections():
        doc = parse(name, data)
        return doc, run_checks(doc)


def file_key(name: str, data: bytes) -> str:
    return f"{name}:{hashlib.sha256(data).hexdigest()[:16]}"


def _state() -> tuple[dict[str, Loaded], dict[str, LoadError]]:
    docs: dict[str, Loaded] = st.session_state.setdefault("docs", {})
    errors: dict[str, LoadError] = st.session_state.setdefault("load_errors", {})
    return docs, errors


def _load(key: str, name: str, data: bytes, source: Source) -> bool:
    """Parse, check and keep one file; False (and a LoadError) when it cannot be read."""
    docs, errors = _state()
    try:
        doc, findings = analyse(name, data)
    except ParseError as exc:
        errors[key] = LoadError(key, name, str(exc), source)
        return False
    pdf = data if name.lower().endswith(".pdf") else None
    docs[key] = Loaded(key, name, doc, findings, source, pdf, content_hash=hashlib.sha256(data).hexdigest())
    st.session_state["doc_picker"] = key  # show the file the analyst just added
    if source == "upload" and st.session_state.get("save_to_library", True):
        _save(key, name, data, doc, findings)
    return True


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
    current, duplicates, seen = [], [], {}
    for f in files or []:
        data = f.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:  # the same content again (same or another name): load it once, say so
            duplicates.append((f.name, seen[digest]))
        else:
            seen[digest] = f.name
            current.append((f.name, data))
    st.session_state["duplicate_uploads"] = duplicates
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
            failed = 0
            for i, (key, name, data) in enumerate(new, 1):
                status.update(label=f"正在解析 {i}/{len(new)}：{plain(name)}")
                failed += not _load(key, name, data, "upload")
            if failed:
                label = f"已解析 {len(new) - failed} 个文件，{failed} 个无法读取"
                status.update(label=label, state="error", expanded=False)
            else:
                status.update(label=f"已解析 {len(new)} 个文件", state="complete")
    else:
        for key, name, data in new:
            with st.spinner(f"正在解析 {plain(name)}…"):
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
        st.warning(plain(message), icon=":material/inventory_2:")


def load_banner() -> None:
    """Main-area notice of unreadable files (count and reasons, as plain text) and of duplicate uploads."""
    errors, docs = load_errors(), current_docs()
    if errors:
        readable = sum(d.source != "sample" for d in docs)
        st.error(f"{len(errors)} 个文件无法读取，已载入 {readable} 个可读文件。支持 .txt / .docx / .pdf；原因如下：",
                 icon=":material/error:")  # fmt: skip
        # the reason without its leading "<file>：" (the 文件 column names the file)
        reasons = pd.DataFrame({"文件": [e.name for e in errors],
                                "原因": [e.message.removeprefix(f"{e.name}：") for e in errors]})  # fmt: skip
        st.dataframe(reasons, hide_index=True, key="load_error_table", width="stretch")
    duplicates = st.session_state.get("duplicate_uploads") or []
    if duplicates:
        pairs = "；".join(f"{plain(name)} 与 {plain(first)}" for name, first in duplicates)
        st.warning(f"以下文件内容相同，只载入一次：{pairs}", icon=":material/content_copy:")


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
                docs[key] = Loaded(
                    key,
                    str(row["file_name"]),
                    doc,
                    findings,
                    "library",
                    content_hash=str(row["content_hash"]),
                )
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
    if linked := focus_doc_key(keys):  # a finding's chart link opens its document
        st.session_state["doc_picker"] = linked
    if st.session_state.get("doc_picker") not in keys:
        st.session_state["doc_picker"] = keys[0]
    labels = {d.key: doc_label(d) for d in docs}
    dupes = {v for v in labels.values() if list(labels.values()).count(v) > 1}
    names = {d.key: d.name for d in docs}

    def show(key: str) -> str:
        return f"{labels[key]}（{names[key]}）" if labels[key] in dupes else labels[key]

    st.selectbox("当前文件", keys, format_func=show, key="doc_picker", width="stretch")
    return selected_doc()


_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark


_AUTOLINK = re.compile(r"(://|@|www\.)", re.IGNORECASE)  # what GFM turns into a link even when escaped


def plain(text: object) -> str:
    """Document text or a file name for an element that renders Markdown (st.caption, st.warning, st.subheader,
    labels): every ASCII punctuation mark backslash-escaped, so it shows as typed; no link, image, emphasis,
    heading, LaTeX or colour directive. A zero-width space inside "://", after "@" and in "www." stops GFM's
    bare-URL links. Streamlit never renders raw HTML in these elements."""
    text = _AUTOLINK.sub(lambda m: m[0][0] + "\u200b" + m[0][1:], str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def chart_text(text: object) -> str:
    """Document text for a plotly label or legend, which reads <a href>, <b>, <br> as markup: shown as typed."""
    return html.escape(str(text), quote=False)


def excerpt_html(lines: Sequence[str], line: int, radius: int = 6) -> str:
    """The excerpt as a <pre> block with the offending line highlighted (for st.html)."""
    mark = "background:#ffe08a;font-weight:600;display:inline-block;width:100%"
    body = "\n".join(
        f'<span style="{mark}">{n:>5} ▶ {html.escape(t)}</span>' if hit else f"{n:>5}   {html.escape(t)}"
        for n, t, hit in excerpt(lines, line, radius)
    )
    style = "white-space:pre-wrap;font-size:0.85rem;line-height:1.45;background:#f6f8fa;padding:0.6rem"
    return f'<pre style="{style}">{body}</pre>'


def project_part(loaded: Loaded, key: str, focus_part: int | None = None) -> BudgetDocument:
    """The part (department or a unit) whose projects a page shows; stops the page when none has any.
    ``focus_part`` (a position in ``doc.parts()``, from a chart link) preselects that part."""
    every = loaded.doc.parts()
    parts = {
        (
            "部门"
            if p.part == "department"
            else f"{p.department_code or ''} {p.department_name or '所属单位'}"
        ): p
        for p in every
        if p.projects
    }
    if not parts:
        st.info("本文件未列出项目绩效目标表。")
        st.stop()
    if focus_part is not None and focus_part < len(every):
        name = next((n for n, p in parts.items() if p is every[focus_part]), None)
        if name is not None:
            st.session_state[key] = name
    name = st.selectbox("部分", list(parts), key=key) if len(parts) > 1 else next(iter(parts))
    return parts[name]


def doc_header(loaded: Loaded) -> None:
    """Department, year, unit and the four headline totals of one document."""
    doc = loaded.doc
    st.subheader(plain(f"{doc.department_code or ''} {doc.department_name or loaded.name}".strip()))
    units = f"，含所属单位 {len(doc.units)} 个" if doc.units else ""
    year = "决算年度" if doc.kind == "final_accounts" else "预算年度"
    st.caption(
        plain(
            f"类型：{KIND_ZH[doc.kind]}　{year}：{doc.budget_year or '未识别'}　原文金额单位：{doc.unit}"
            f"（下列金额换算为万元/亿元）　文件：{loaded.name}{units}"
        )
    )
    cols = st.columns(4)
    for col, (label, amount) in zip(cols, key_totals(doc).items(), strict=True):
        col.metric(label, fmt_amount(amount, doc.unit))


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
            unit=d.doc.unit,
        )
        for d in docs
    ]
    statuses += [DocumentStatus(file=e.name, status="error", error=e.message) for e in errors]
    return statuses, [f for d in docs for f in d.findings], load_rules()


def _export(kind: str) -> bytes:
    """Memoised per set of loaded files, so the page does not rebuild the workbook on every rerun."""
    docs, errors = current_docs(), load_errors()
    stamp = (
        tuple(d.key for d in docs),
        tuple(e.key for e in errors),
        st.session_state.get("decisions_rev", 0),
    )
    memo = st.session_state.get("_exports")
    if memo is None or memo["stamp"] != stamp:
        memo = st.session_state["_exports"] = {"stamp": stamp}
    if kind not in memo:
        statuses, findings, rules = export_inputs(docs, errors)
        decided = decision_map()
        if kind == "xlsx":
            memo[kind] = findings_xlsx(statuses, findings, rules, decisions=decided, scores=True)
        else:
            memo[kind] = findings_csv(statuses, findings, decided)
    return memo[kind]


def export_xlsx() -> bytes:
    """问题清单.xlsx for every loaded file (sheets 汇总, 问题清单, 规则说明)."""
    return _export("xlsx")


def export_csv() -> bytes:
    """问题清单.csv (UTF-8 with BOM) for every loaded file."""
    return _export("csv")


def checklist_bytes(
    docs: Sequence[Loaded], errors: Sequence[LoadError] = (), decisions: Mapping | None = None
) -> bytes:
    """检查表.xlsx: the bureau's inspection form, one sheet per file (unreadable ones included); PDFs with page
    pictures; findings the reviewer ignored are noted under their item instead of making it 否."""
    templates = load_templates()
    forms = [build_form(d.doc, d.findings, templates, source=d.pdf, decisions=decisions) for d in docs]
    forms += [failed_form(e.name, e.message, templates) for e in errors]
    return checklist_xlsx(forms, templates)


def export_checklist() -> Callable[[], bytes]:
    """The form, built only when the analyst clicks (picturing a PDF's pages takes a few seconds)."""
    docs, errors, decided = current_docs(), load_errors(), decision_map()
    return lambda: checklist_bytes(docs, errors, decided)


# --- decisions (确认 / 忽略 / 待定): session copy first, library when it answers ---------------------------
VERDICTS = list(DECISION_ZH)
SCORE_HEADERS = {
    "rank": "年度排名",
    "department_name": "部门名称",
    "file": "文件",
    **SCORE_ZH,
    "findings": "计分问题数",
}
# the score table's columns fitted to the page (pixels): long names are cut with "…" (whole on hover) so that the
# last column (计分问题数) shows without scrolling sideways
SCORE_WIDTHS = {
    "年度排名": st.column_config.NumberColumn(width=72),
    "部门名称": st.column_config.TextColumn(width=170),
    "文件": st.column_config.TextColumn(width=170),
    **{label: st.column_config.NumberColumn(width=76, format="%.1f") for label in SCORE_ZH.values()},
    "计分问题数": st.column_config.NumberColumn(width=90),
}


def decisions_for(loaded: Loaded) -> dict[int, Decision]:
    """The document's decisions by finding index: read from the library once per session (with last year's
    忽略 proposed); a busy or unavailable library gives none and a warning, and is asked again next time."""
    store: dict[str, dict[int, Decision]] = st.session_state.setdefault("decisions", {})
    if loaded.source == "sample":  # the built-in example stays out of the library
        return store.setdefault(loaded.key, {})
    if loaded.key not in store:
        try:
            found = load_decisions(library(), loaded.content_hash, loaded.doc, loaded.findings)
        except Exception as exc:  # LibraryBusy, an unwritable or broken file: decide in the session
            st.session_state["decision_warning"] = f"未能读取文件库中的处理决定：{_reason(exc)}"
            st.session_state.setdefault("decisions_unread", set()).add(loaded.key)
            found = {}
        unsaved = st.session_state.get("unsaved_decisions", {}).get(loaded.key, {})
        store[loaded.key] = {**found, **unsaved}
    return store[loaded.key]


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, LibraryBusy) else f"{type(exc).__name__}: {exc}"


def decide(loaded: Loaded, index: int, decision: Decision) -> None:
    """Keep the decision in the session at once, then store every unsaved one in the library."""
    st.session_state.setdefault("decisions", {}).setdefault(loaded.key, {})[index] = decision
    st.session_state.setdefault("unsaved_decisions", {}).setdefault(loaded.key, {})[index] = decision
    st.session_state["decisions_rev"] = st.session_state.get("decisions_rev", 0) + 1
    flush_decisions()


def flush_decisions() -> int:
    """Write the unsaved decisions; on failure keep them (and say so) for the next attempt. Returns how many."""
    unsaved: dict[str, dict[int, Decision]] = st.session_state.get("unsaved_decisions", {})
    docs = st.session_state.get("docs", {})
    rows = [row for key, chosen in unsaved.items() if key in docs and docs[key].source != "sample"
            for row in decision_rows(docs[key].content_hash, docs[key].doc, docs[key].findings, chosen)]  # fmt: skip
    if not rows:
        return 0
    try:
        save_decisions(library(), rows)
    except Exception as exc:
        st.session_state["decision_warning"] = (
            f"{len(rows)} 条处理决定暂存在本次会话中，尚未存入文件库：{_reason(exc)} 下次保存时将自动重试；"
            "导出的问题清单和检查表已包含这些决定。"
        )
        return 0
    unsaved.clear()
    st.session_state.pop("decision_warning", None)
    for key in st.session_state.pop("decisions_unread", set()):  # read them again, now with the stored ones
        st.session_state.get("decisions", {}).pop(key, None)
    return len(rows)


def decision_warning() -> None:
    """The last failure to read or store decisions, as a warning (nothing is lost: the session keeps them)."""
    if message := st.session_state.get("decision_warning"):
        st.warning(message, icon=":material/inventory_2:")


def decision_map() -> dict[tuple[str, str], Decision]:
    """Every loaded document's decisions keyed by (file, fingerprint): what the exports read."""
    out: dict[tuple[str, str], Decision] = {}
    for loaded in current_docs():
        chosen = decisions_for(loaded)
        if chosen:
            prints = fingerprints(loaded.findings)
            out.update({(loaded.findings[i].file, prints[i]): d for i, d in chosen.items()})
    return out


def decision_labels(findings: Sequence[Finding]) -> list[str]:
    """The 处理决定 cell of each finding on screen ("" when undecided), e.g. "忽略：模板无此表"."""
    owners = {id(f): (d, i) for d in current_docs() for i, f in enumerate(d.findings)}
    out = []
    for f in findings:
        loaded, index = owners.get(id(f), (None, -1))
        choice = decisions_for(loaded).get(index) if loaded else None
        out.append("" if choice is None else choice.label + (f"：{choice.reason}" if choice.reason else ""))
    return out


def _save_form(loaded: Loaded, index: int, suffix: str) -> None:
    """Form callback: the three widgets -> a Decision; 忽略 needs a reason."""
    verdict, reason = (
        st.session_state[f"decide_verdict_{suffix}"],
        st.session_state[f"decide_reason_{suffix}"],
    )
    if verdict == Verdict.IGNORED and not reason.strip():
        st.session_state["decide_notice"] = ("warning", "忽略须填写理由，未保存。")
        return
    decide(
        loaded, index, Decision(verdict, reason.strip(), st.session_state[f"decide_note_{suffix}"].strip())
    )
    st.session_state["decide_notice"] = ("success", f"已保存：{DECISION_ZH[verdict]}")


def decision_form(finding: Finding) -> None:
    """确认 / 忽略（须填理由）/ 待定 and a note for one finding, below it on 问题清单."""
    owner = next(((d, i) for d in current_docs() for i, f in enumerate(d.findings) if f is finding), None)
    if owner is None:
        return
    loaded, index = owner
    current = decisions_for(loaded).get(index)
    suffix = f"{loaded.content_hash[:12]}_{fingerprints(loaded.findings)[index]}"
    if current is not None and current.carried:
        st.info(f"去年已忽略此问题（理由：{current.reason or '未填写'}），请确认是否仍然忽略。",
                icon=":material/history:")  # fmt: skip
    with st.form(f"decide_{suffix}", border=True):
        st.markdown("**处理决定**")
        st.radio("处理决定", VERDICTS, index=VERDICTS.index(current.verdict) if current else 2,
                 format_func=DECISION_ZH.get, horizontal=True, key=f"decide_verdict_{suffix}",
                 label_visibility="collapsed")  # fmt: skip
        st.text_input("忽略理由（选择“忽略”时必填）", value=current.reason if current else "",
                      key=f"decide_reason_{suffix}")  # fmt: skip
        st.text_area("备注", value=current.note if current else "", key=f"decide_note_{suffix}", height=68)
        st.form_submit_button("保存处理决定", on_click=_save_form, args=(loaded, index, suffix),
                              icon=":material/save:")  # fmt: skip
    if notice := st.session_state.pop("decide_notice", None):
        (st.success if notice[0] == "success" else st.warning)(notice[1])
    decision_warning()


# --- finding ↔ chart links ----------------------------------------------------------------------------
# A link carries its place in the URL (st.page_link navigates like the sidebar: the uploads stay; st.switch_page
# would rerun without them). The query is user input: every value is checked before it selects anything.
PAGE_FILES = {"composition": "pages/composition.py", "projects": "pages/projects.py"}
_FOCUS_CHECKS = {
    "focus_doc": re.compile(r"[0-9a-f]{16}"),  # the file's content hash (its key's tail)
    "focus_part": re.compile(r"\d{1,3}"),  # position in doc.parts()
    "focus_code": re.compile(r"\d{3,7}"),  # 功能分类 code
    "focus_project": re.compile(r"\d{1,4}"),  # Project.index
    "focus_rule": re.compile(r"[A-Z]{3}\d{3}"),  # the finding's rule, named on the page
    "focus_chart": re.compile(r"function|economic|three|plan"),  # which chart of the page
    "focus_row": re.compile(r"\d{1,6}"),  # the “三公” chart: the drawn row's line
}


def hover_note(findings: Sequence[Finding]) -> str:
    """The hover line a chart element with findings gets: "<br>⚠ 问题：" and their titles, each once (plain text in
    plotly's markup); "" without findings."""
    titles = list(dict.fromkeys(f.title for f in findings))
    return "<br>⚠ 问题：" + "；".join(chart_text(t) for t in titles) if titles else ""


def chart_link_buttons(owner: Loaded, finding: Finding) -> None:
    """On 问题清单, under the selected finding: one link per chart that shows its place (a 功能分类 or 经济分类 科目,
    a “三公” item, a project's plan curve); it opens that page with the document, part and place selected."""
    for link in dict.fromkeys(finding_charts(owner.doc, finding)):
        query = {"focus_doc": owner.key.rpartition(":")[2], "focus_part": str(link.part_index),
                 "focus_rule": finding.code}  # fmt: skip
        if link.code:
            query["focus_code"] = link.code
        if link.project is not None:
            query["focus_project"] = str(link.project)
        if link.chart != "function":
            query["focus_chart"] = link.chart
        if link.row is not None:
            query["focus_row"] = str(link.row)
        st.page_link(PAGE_FILES[link.page], label=plain(f"在图中查看：{link.label}"), icon=":material/insights:",
                     query_params=query)  # fmt: skip


# The frame of this script is same-origin (Streamlit's component sandbox allows it): it scrolls its own place on
# the page into view. Delayed: the charts above it are still being laid out when it loads.
_SCROLL_HERE = (
    "<script>setTimeout(() => window.frameElement && "
    "window.frameElement.scrollIntoView({block: 'start', behavior: 'instant'}), 400)</script>"
)


def focus_note(rule: str, where: str, shown: str = "图中以黑框和“⚠”标出。", scroll: bool = True) -> None:
    """Say where the finding a chart was opened from sits (`where` follows "位于") and how the chart shows it;
    `scroll`: bring the note into view (a chart further down the page). Shown as plain text."""
    if scroll:
        scroll_here()
    st.info(plain(f"问题清单中选中的问题（{rule}）位于{where}，{shown}"), icon=":material/insights:")


def scroll_here() -> None:
    """Bring this point of the page into view: a chart link's target further down (经济分类, “三公”) would otherwise
    open at the top of the page. Fixed markup, no user text."""
    components.html(_SCROLL_HERE, height=0)


def _focus_query() -> dict[str, str]:
    """The focus values of the URL that pass their check."""
    out = {}
    for name, pattern in _FOCUS_CHECKS.items():
        value = st.query_params.get(name)
        if isinstance(value, str) and pattern.fullmatch(value):
            out[name] = value
    return out


def focus_doc_key(keys: Sequence[str]) -> str | None:
    """The loaded document a chart link names, if any."""
    digest = _focus_query().get("focus_doc")
    return next((k for k in keys if digest and k.rpartition(":")[2] == digest), None)


def take_focus() -> dict[str, str | int] | None:
    """The place a chart link opened this page on — part (int), code, project (int), rule (code and title) — taken
    from the URL (cleared: the next run shows the page as the user leaves it); None without a link."""
    found = _focus_query()
    for name in _FOCUS_CHECKS:
        if name in st.query_params:
            del st.query_params[name]
    if "focus_doc" not in found:
        return None
    rule = load_rules().get(found.get("focus_rule", ""))
    return {"part": int(found.get("focus_part", 0)), "code": found.get("focus_code"),
            "project": int(found["focus_project"]) if "focus_project" in found else None,
            "chart": found.get("focus_chart", "function"), "row": int(found.get("focus_row", 0)) or None,
            "rule": f"{rule.code} {rule.title}" if rule else "所选问题"}  # fmt: skip


# --- scorecard ------------------------------------------------------------------------------------------
def scoreboard() -> tuple[list[str], list[int], pd.DataFrame, str]:
    """The kinds (预算/决算) and, for the kind picked in widget "score_kind", the budget years on offer; for the
    year picked in widget "score_year", the scores of the library's documents of that year and kind and of the
    loaded ones not stored there (ranked), and where they come from; the loaded documents alone, with the
    reason, when the library does not answer. A 预算 and a 决算 never share a ranking."""
    docs = [d for d in current_docs() if d.source != "sample"]
    try:
        lib = library()
        stored_docs = lib.documents()
        hashes = set(stored_docs["content_hash"])
        stored_pairs = {
            (k if isinstance(k, str) else "budget", int(y))
            for k, y in zip(stored_docs["kind"], stored_docs["budget_year"], strict=True)
            if pd.notna(y)
        }
    except Exception as exc:
        lib, hashes, stored_pairs = None, set(), set()
        note = f"仅本次载入的文件（文件库不可用：{_reason(exc)}）"
    extra = [d for d in docs if d.content_hash not in hashes]
    pairs = stored_pairs | {(d.doc.kind, d.doc.budget_year) for d in extra if d.doc.budget_year}
    kinds = [k for k in KIND_ZH if any(kind == k for kind, _ in pairs)]
    kind = st.session_state.get("score_kind")
    kind = kind if kind in kinds else (kinds[0] if kinds else None)
    years = sorted({y for k, y in pairs if k == kind}, reverse=True)
    year = st.session_state.get("score_year")
    year = year if year in years else (years[0] if years else None)
    chosen = [d for d in extra if d.doc.budget_year == year and d.doc.kind == kind]
    statuses, findings, _ = export_inputs(chosen)
    loaded = scorecard_frame(statuses, findings, decision_map())
    stored = pd.DataFrame()
    if lib is not None:
        note = "文件库中的文件" + ("及本次载入、未存入文件库的文件" if extra else "")
        try:
            stored = library_scorecard(lib, year, kind).drop(columns="doc_id") if year is not None else stored
        except Exception as exc:
            note = f"仅本次载入的文件（文件库不可用：{_reason(exc)}）"
    frames = [f for f in (stored, loaded) if not f.empty]
    return kinds, years, (ranked(pd.concat(frames, ignore_index=True)) if frames else loaded), note


def scorecard_section() -> None:
    """评分与排名 on the comparison page: the documents of one year ranked (chart and table), definitions."""
    import plotly.express as px

    st.header("评分与排名")
    kinds, years, shown, source = scoreboard()  # reads the kind and year picked below (last run's values)
    if not years:
        st.info("文件库和已载入的文件中没有识别出预算年度的文件，暂无评分。")
        return
    left, right = st.columns([1, 2])
    with left:
        if len(kinds) > 1:
            kind = st.radio("类型", kinds, format_func=KIND_ZH.get, key="score_kind", horizontal=True,
                            help="预算与决算分开排名，不相互比较。")  # fmt: skip
        else:  # one kind loaded: nothing to pick
            kind = kinds[0]
            other = "决算" if kind == "budget" else "预算"
            st.caption(f"类型：{KIND_ZH[kind]}（未载入{other}；预算与决算分开排名）")
    with right:
        year = st.selectbox("预算年度", years, key="score_year", width="stretch")
    computed = None if shown.empty else (int(shown["budget_year"].iloc[0]), shown["kind"].iloc[0])
    if computed != (year, kind):  # the kind or the year was just changed
        kinds, years, shown, source = scoreboard()
    shown = shown.copy()
    shown["文件"] = [f"{r.rank}. {r.department_name or r.file}" for r in shown.itertuples()]
    st.caption(
        f"{year} 年度{KIND_ZH[kind]}共 {len(shown)} 个文件（预算与决算分开排名）；来源：{source}。已忽略的问题不计分。"
    )
    long = shown.melt(
        "文件", [*SCORE_ZH][::-1], var_name="得分项", value_name="得分"
    )  # horizontal: last on top
    long["得分项"] = long["得分项"].map(SCORE_ZH)
    fig = px.bar(long, x="得分", y="文件", color="得分项", barmode="group", orientation="h", range_x=[0, 100],
                 category_orders={"文件": list(shown["文件"])}, labels={"文件": ""})  # fmt: skip
    fig.update_layout(height=160 + 110 * len(shown), margin={"t": 10, "l": 10, "r": 10, "b": 10},
                      legend={"traceorder": "reversed", "title": ""})  # fmt: skip
    st.plotly_chart(fig, key="score_fig", width="stretch")
    table = shown[["rank", "department_name", "file", *SCORE_ZH, "findings"]].rename(columns=SCORE_HEADERS)
    st.dataframe(table.fillna({"部门名称": ""}), hide_index=True, key="score_table", width="stretch",
                 column_config=SCORE_WIDTHS)  # fmt: skip
    with st.expander("评分口径"):
        st.dataframe(
            pd.DataFrame(definitions(), columns=["得分项", "定义"]), hide_index=True, key="score_defs"
        )
