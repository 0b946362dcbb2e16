"""Decisions and the scorecard on the real Shanghai PDFs: one department (万里街道) in 2024 and 2025, two others
in 2025. Stored in the library, read back after a round trip, proposed next year, honoured by the exports."""

from __future__ import annotations

import io
import subprocess
import sys
from functools import cache
from pathlib import Path

import duckdb
import openpyxl
import pytest

from checks import run_checks
from checks.checklist import NO, YES, build_form, checklist_xlsx, load_templates
from checks.decisions import CARRIED_ZH, Decision, Verdict, fingerprints
from checks.findings import Finding
from checks.report import DocumentStatus, findings_csv, findings_xlsx
from checks.scorecard import scorecard_frame, scores
from library.decisions import decision_rows, load_decisions, save_decisions
from library.schema import DDL
from library.scorecard import library_scorecard
from library.store import Library, LibraryBusy, open_library
from parsing import BudgetDocument, parse
from tests.conftest import ROOT, seed_path
from tests.support.synth import Variant, load_seed, vary

PDF = ROOT / "tests" / "data" / "pdf"
WANLI = "上海市普陀区人民政府万里街道办事处{}年预算.pdf"


@cache
def checked(name: str) -> tuple[bytes, BudgetDocument, list[Finding]]:
    data = (PDF / name).read_bytes()
    doc = parse(name, data)
    return data, doc, run_checks(doc)


def _index(findings: list[Finding], code: str) -> int:
    return next(i for i, f in enumerate(findings) if f.code == code)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return open_library(tmp_path / "library.duckdb", timeout=20)


def _hash(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_fingerprints_survive_the_library_round_trip_and_tell_findings_apart(library):
    data, doc, findings = checked(WANLI.format(25))
    library.add(doc.file_name, data, doc, findings)
    _, stored = library.load(int(library.documents()["doc_id"][0]))
    assert fingerprints(stored) == fingerprints(findings)
    assert len(set(fingerprints(findings))) == len(findings) == 4
    # the two ARI002 differ by table only; the same defect one line lower keeps its fingerprint
    moved = [f.model_copy(update={"line": (f.line or 0) + 1, "page": None}) for f in findings]
    assert fingerprints(moved) == fingerprints(findings)


def test_decisions_round_trip_and_replace(library):
    data, doc, findings = checked(WANLI.format(24))
    header = _index(findings, "XTB008")  # the 三公 table's title without the year
    restated = _index(findings, "NAR022")  # 住房公积金 350.35 vs 352.67
    chosen = {header: Decision(Verdict.IGNORED, "上海模板的三公表题不写年度", "科长同意"),
              restated: Decision(Verdict.CONFIRMED, note="已通知部门")}  # fmt: skip
    assert save_decisions(library, decision_rows(_hash(data), doc, findings, chosen)) == 2
    assert load_decisions(library, _hash(data), doc, findings) == chosen
    again = {restated: Decision(Verdict.PENDING, note="待复核")}
    save_decisions(library, decision_rows(_hash(data), doc, findings, again))
    assert load_decisions(library, _hash(data), doc, findings) == {**chosen, **again}
    # not stored as a document: decisions need only the content hash
    assert library.documents().empty


def _seed_year(year: int) -> tuple[bytes, BudgetDocument, list[Finding]]:
    """Seed 000 as the same department's disclosure of `year` (tests/support/synth: consistent changes)."""
    name = "223沧州经济开发区群众工作中心"
    data = vary(load_seed(seed_path("000")), Variant("223", name, year)).encode("utf-8")
    doc = parse(f"223_{year}.txt", data)
    return data, doc, run_checks(doc)


def test_next_year_proposes_last_years_ignored_finding(library):
    data24, doc24, found24 = _seed_year(2024)
    first = found24[0]
    chosen = {0: Decision(Verdict.IGNORED, "去年已说明"), 1: Decision(Verdict.CONFIRMED)}
    save_decisions(library, decision_rows(_hash(data24), doc24, found24, chosen))
    data25, doc25, found25 = _seed_year(2025)
    proposed = load_decisions(library, _hash(data25), doc25, found25)
    only = next(
        i for i, f in enumerate(found25) if (f.code, f.table, f.row) == (first.code, first.table, first.row)
    )
    assert proposed == {only: Decision(Verdict.IGNORED, "去年已说明", carried=True)}
    assert proposed[only].label == f"{CARRIED_ZH}（待确认）" and not proposed[only].ignored
    # another department of 2025 gets nothing; the reviewer's own decision replaces the proposal
    data, doc, found = checked("上海市普陀区商务委员会25年预算.pdf")
    assert load_decisions(library, _hash(data), doc, found) == {}
    save_decisions(library, decision_rows(_hash(data25), doc25, found25, {only: Decision(Verdict.CONFIRMED)}))
    assert load_decisions(library, _hash(data25), doc25, found25) == {only: Decision(Verdict.CONFIRMED)}


def test_an_older_library_file_gains_the_decisions_table(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(DDL.split("CREATE TABLE IF NOT EXISTS decisions")[0])
        assert "decisions" not in {
            t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    data, doc, findings = checked(WANLI.format(24))
    library = open_library(path)
    save_decisions(library, decision_rows(_hash(data), doc, findings, {0: Decision(Verdict.CONFIRMED)}))
    assert load_decisions(library, _hash(data), doc, findings) == {0: Decision(Verdict.CONFIRMED)}


def test_a_locked_library_raises_busy_and_keeps_nothing_half_written(library):
    data, doc, findings = checked(WANLI.format(24))
    script = f"import duckdb, time; c = duckdb.connect({str(library.path)!r}); print('held', flush=True); time.sleep(3)"
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
        with pytest.raises(LibraryBusy, match="正被其他程序占用"):
            save_decisions(Library(library.path, timeout=0.5),
                           decision_rows(_hash(data), doc, findings, {0: Decision(Verdict.IGNORED, "x")}))  # fmt: skip
    assert load_decisions(library, _hash(data), doc, findings) == {}


def _status(doc: BudgetDocument) -> DocumentStatus:
    return DocumentStatus(file=doc.file_name, department_code=doc.department_code,
                          department_name=doc.department_name, budget_year=doc.budget_year, unit=doc.unit)  # fmt: skip


def test_exports_honour_an_ignored_finding():
    _, doc, findings = checked(WANLI.format(24))
    ignored = _index(findings, "XTB008")
    key = (doc.file_name, fingerprints(findings)[ignored])
    decisions = {key: Decision(Verdict.IGNORED, "已在部门网站单独公开", '=HYPERLINK("x")')}
    # the form: the 三公 table's item (its only finding is this XTB008) turns 是, the ignored finding noted
    templates = load_templates()
    plain, decided_form = (build_form(doc, findings, templates, decisions=d) for d in (None, decisions))
    before = {r.item.key: r for r in plain.items}
    after = {r.item.key: r for r in decided_form.items}
    changed = [k for k in before if before[k].verdict != after[k].verdict]
    assert [(k, before[k].verdict, after[k].verdict, len(after[k].ignored)) for k in changed] == [
        ("table:three_public", NO, YES, 1)]  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(checklist_xlsx([decided_form], templates)))
    texts = [c.value for row in book.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("另有 1 条经审核忽略：已在部门网站单独公开" in t for t in texts)
    # the findings sheet keeps the row with the decision; the note is text, never a formula
    book = openpyxl.load_workbook(io.BytesIO(findings_xlsx([_status(doc)], findings, decisions=decisions)))
    sheet = book["问题清单"]
    head = [c.value for c in sheet[1]]
    assert head[-3:] == ["处理决定", "忽略理由", "备注"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(findings) == 4
    decided_rows = [r[-3:] for r in rows if r[-3]]
    assert decided_rows == [["忽略", "已在部门网站单独公开", '=HYPERLINK("x")']]
    note = next(r for r in sheet.iter_rows(min_row=2) if r[-3].value)[-1]
    assert note.data_type == "s"
    csv = findings_csv([_status(doc)], findings, decisions).decode("utf-8-sig").splitlines()
    assert csv[0].endswith("处理决定,忽略理由,备注")
    decided_csv = [r for r in csv if "忽略,已在部门网站单独公开" in r]
    assert len(decided_csv) == 1 and decided_csv[0].endswith(''',"'=HYPERLINK(""x"")"''')  # never a formula


def test_scorecard_of_one_year_by_hand():
    names = [WANLI.format(25), "上海市普陀区人民政府办公室25年预算.pdf", "上海市普陀区商务委员会25年预算.pdf"]
    docs = {n: checked(n)[1:] for n in names}
    findings = [f for _, found in docs.values() for f in found]
    frame = scorecard_frame([_status(d) for d, _ in docs.values()], findings)
    got = {
        r.file: (r.rank, r.completeness, r.accuracy, r.indicator, r.text, r.overall)
        for r in frame.itertuples()
    }
    # 办公室: one cross-table warning (4) + one info (1) -> accuracy 100·40/45
    assert got[names[1]] == (1, 100.0, 88.9, 100.0, 100.0, round(25 + 0.35 * 88.9 + 25 + 15, 1))
    # 商务委员会: a narrative warning (accuracy 100·40/44) and a text warning (text 100·40/44)
    assert got[names[2]][:6] == (2, 100.0, 90.9, 100.0, 90.9, 95.5)
    # 万里 2025: 3 errors + 1 warning in accuracy (34 points: 100·40/74 = 54.1), nothing in completeness
    assert got[names[0]] == (3, 100.0, 54.1, 100.0, 100.0, round(25 + 0.35 * 54.1 + 25 + 15, 1))
    assert scores([])["overall"] == 100.0


def test_library_scorecard_ranks_a_year_and_leaves_out_ignored_findings(library):
    for name in [WANLI.format(24), WANLI.format(25), "上海市普陀区人民政府办公室25年预算.pdf"]:
        data, doc, found = checked(name)
        library.add(name, data, doc, found)
    frame = library_scorecard(library, 2025)
    assert [(r.file, r.rank, r.completeness) for r in frame.itertuples()] == [
        ("上海市普陀区人民政府办公室25年预算.pdf", 1, 100.0), (WANLI.format(25), 2, 100.0)]  # fmt: skip
    data, doc, found = checked(WANLI.format(25))
    chosen = {_index(found, "ARI003"): Decision(Verdict.IGNORED, "1 元为舍入")}
    save_decisions(library, decision_rows(_hash(data), doc, found, chosen))
    frame = library_scorecard(library, 2025)
    assert frame.loc[frame["file"] == WANLI.format(25), "accuracy"].item() == 62.5  # 100·40/(40+24)
    assert library_scorecard(library)["budget_year"].tolist() == [2024, 2025, 2025]


def test_budgets_and_final_accounts_of_a_year_rank_apart(library):
    final = "final_accounts/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
    for name in [WANLI.format(24), final]:
        data, doc, found = checked(name)
        library.add(doc.file_name, data, doc, found)
    both = library_scorecard(library, 2024)
    # both of 2024, each alone in its kind: both first, 预算 listed before 决算
    assert [(r.kind, r.rank, r.budget_year) for r in both.itertuples()] == [
        ("budget", 1, 2024),
        ("final_accounts", 1, 2024),
    ]
    only = library_scorecard(library, 2024, "final_accounts")
    assert only["file"].tolist() == [checked(final)[1].file_name]
    assert library_scorecard(library, 2024, "budget")["file"].tolist() == [WANLI.format(24)]
    # the loaded frame (no kind given for the budget) ranks the same way
    statuses = [
        _status(checked(WANLI.format(24))[1]),
        {**_status(checked(final)[1]).model_dump(), "kind": "final_accounts"},
    ]
    findings = [f for n in (WANLI.format(24), final) for f in checked(n)[2]]
    assert scorecard_frame(statuses, findings)["rank"].tolist() == [1, 1]
