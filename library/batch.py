"""Check many files: find them, parse and check each (across processes when worth it), keep input order."""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from checks.findings import Finding
from checks.report import DocumentStatus
from checks.runner import run_checks
from parsing import BudgetDocument, ParseError, parse
from parsing.model import trusted

SUFFIXES = (".txt", ".docx", ".pdf")
PARALLEL_FROM = 5  # process start-up costs more than checking a handful of files
Result = tuple[DocumentStatus, list[Finding]]
Progress = Callable[[int, int, str], None]  # (done, total, file name)
Checked = tuple[Result, Any]  # with what `prepare` returned (library.prepared.Prepared), or None
Prepare = Callable[[str, bytes, BudgetDocument, list[Finding]], Any]  # file name, bytes, document, findings
Render = Callable[[DocumentStatus, list[Finding]], Any]  # such as checks.report_stream.render_json


# Young collections only after 500,000 more allocations than frees (Python's default: 700). A document leaves
# about 30 objects in cycles and checking one nets about 1,100 allocations, so a worker collects every few
# hundred documents; at 50,000 the collector still took about 15 % of a worker's CPU on synthetic documents.
GC_THRESHOLD = (500_000, 50, 100)


def tune_gc() -> None:
    """For a batch process: what is loaded so far leaves the cyclic collector's sight (gc.freeze) and young
    collections run less often. Parsing and checking allocate many short-lived objects and few cycles; the
    collector took 30–40 % of batch wall time (issue 16). Not for a long-running server: frozen objects
    are never collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _hidden(name: str) -> bool:
    """Dot files and Office lock files ("~$报告.docx").

    >>> _hidden(".DS_Store"), _hidden("~$a.docx"), _hidden("a.txt")
    (True, True, False)
    """
    return name.startswith((".", "~$"))


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly, plus *.txt/*.docx/*.pdf found under folders (sorted, hidden ones skipped).

    A path that does not exist raises FileNotFoundError; a file reached twice is kept once. Under folders
    only regular files count: a FIFO would block the read, a symlink loop cannot be resolved. A path named
    directly is kept whatever it is, and check_file reports one that is not a regular file.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                candidates += [
                    Path(folder, n)
                    for n in sorted(names)
                    if not _hidden(n) and n.lower().endswith(SUFFIXES) and os.path.isfile(Path(folder, n))
                ]
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            raise FileNotFoundError(path)
        for file in candidates:
            try:
                key = file.resolve()
            except (OSError, RuntimeError):  # a symlink loop named directly
                key = file.absolute()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def failed_result(name: str, exc: BaseException) -> Result:
    """The "error" status of a file that could not be read, parsed or checked, with its one-line reason."""
    reason = str(exc) if isinstance(exc, ParseError) else f"{name}：检查失败——{type(exc).__name__}: {exc}"
    return DocumentStatus(file=name, status="error", error=reason), []


def read_and_check(name: str) -> tuple[bytes, BudgetDocument, list[Finding]]:
    """A regular file's bytes, its document and its findings; raises on a file that cannot be read or parsed."""
    if not os.path.isfile(name):  # a FIFO or device would block the read; a symlink loop cannot be read
        raise ParseError(name, "不是普通文件（管道、设备或循环链接）", "not a regular file")
    data = Path(name).read_bytes()
    doc = parse(name, data)
    return data, doc, run_checks(doc)


def document_status(name: str, doc: BudgetDocument) -> DocumentStatus:
    """The report's status line of a file that was read."""
    return DocumentStatus(
        file=name,
        department_code=doc.department_code,
        department_name=doc.department_name,
        budget_year=doc.budget_year,
        unit=doc.unit,
        kind=doc.kind,
    )


def prepared_for(prepare: Prepare | None, name: str, data: bytes, doc: BudgetDocument,
                 findings: list[Finding]) -> Any:  # fmt: skip
    """What `prepare` (library.prepared.prepare) returns for the document; None without it or when it fails
    (the report keeps the document, the library leaves it out)."""
    if prepare is None:
        return None
    try:
        return prepare(name, data, doc, findings)
    except Exception:
        return None


CHUNK = 8  # files per worker task at most
WINDOW = 4  # chunks in flight per worker: results come back in input order, the parent holds only a few


def check_file(name: str) -> Result:
    """Read, parse and check one file; anything that goes wrong becomes an "error" status."""
    return _check(name, None)[0]


def _check(name: str, prepare: Prepare | None) -> Checked:
    """check_file, and with `prepare` (library.prepared.prepare) the document ready for the library (None when
    the file is unreadable or cannot be prepared): the file is read and parsed once for both."""
    try:
        data, doc, findings = read_and_check(name)
    except Exception as exc:  # one bad file must not stop the batch
        return failed_result(name, exc), None
    return (document_status(name, doc), findings), prepared_for(prepare, name, data, doc, findings)


def check_files(files: Iterable[str | os.PathLike[str]], jobs: int | None = None,
                progress: Progress | None = None) -> list[Result]:  # fmt: skip
    """check_file for each file, in parallel when there are more than a few; results in input order."""
    return [result for result, _ in iter_checked(files, jobs, progress)]


def iter_checked(files: Iterable[str | os.PathLike[str]], jobs: int | None = None,
                 progress: Progress | None = None, prepare: Prepare | None = None,
                 render: Render | None = None) -> Iterator[Checked]:  # fmt: skip
    """Each file's result (with `prepare`, a picklable function such as library.prepared.prepare, also what it
    returns for the parsed document and its findings) in input order, as soon as it and
    the files before it are done. At most WINDOW chunks per worker are in flight, so memory does not grow
    with the number of files when the caller consumes the results as they come.

    With `render` (picklable, such as checks.report_stream.render_json), a result carries what it returns for
    the status and findings in place of the findings, made where the file was checked: the parent neither
    rebuilds the Findings nor lays them out. Where `render` raises, the result keeps its findings."""
    names = [os.fspath(f) for f in files]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(names) < PARALLEL_FROM:
        for i, name in enumerate(names):
            checked = _rendered(_check(name, prepare), render)
            if progress:
                progress(i + 1, len(names), name)
            yield checked
        return
    # Chunks of a few files per task: fewer round trips to the workers, progress still moves often.
    size = max(1, min(CHUNK, len(names) // (jobs * 4)))
    chunks = iter([names[start : start + size] for start in range(0, len(names), size)])
    done, pending = 0, deque()
    with ProcessPoolExecutor(max_workers=min(jobs, len(names)), initializer=tune_gc) as pool:
        for chunk in islice(chunks, jobs * WINDOW):
            pending.append((chunk, pool.submit(_check_chunk, chunk, prepare, render)))
        while pending:
            chunk, future = pending.popleft()
            try:
                out = future.result()
            except Exception as exc:  # a worker that died (BrokenProcessPool) fails its files
                out = [_rendered((failed_result(name, exc), None), render) for name in chunk]
            del future
            for following in islice(chunks, 1):
                try:
                    pending.append((following, pool.submit(_check_chunk, following, prepare, render)))
                except Exception as exc:  # the pool is broken: the remaining files fail, the batch goes on
                    failed = [_rendered((failed_result(n, exc), None), render) for n in following]
                    pending.append((following, _done(failed)))
            for name, checked in zip(chunk, out, strict=True):
                done += 1
                if progress:
                    progress(done, len(names), name)
                yield checked


def _done(value: list[Checked]) -> Future[list[Checked]]:
    future: Future[list[Checked]] = Future()
    future.set_result(value)
    return future


def _check_chunk(
    names: list[str], prepare: Prepare | None = None, render: Render | None = None
) -> list[Checked]:
    """A worker's task; findings not rendered travel to the parent as plain rows (_Findings)."""
    out = []
    for name in names:
        checked = _check(name, prepare)
        rendered = _rendered(checked, render)
        if rendered is checked:
            (status, findings), prepared = checked
            rendered = (status, _Findings(findings)), prepared
        out.append(rendered)
    return out


def _rendered(checked: Checked, render: Render | None) -> Checked:
    """`checked` with what `render` returns for its status and findings in place of the findings (iter_checked);
    as it was without `render` or when `render` raises (the caller meets the error where it used to)."""
    (status, findings), prepared = checked
    if render is None:
        return checked
    try:
        return (status, render(status, findings)), prepared
    except Exception:
        return checked


_FIELDS = tuple(Finding.model_fields)


class _Findings(list):
    """Findings on their way from a worker to the parent, pickled as rows of their field values and their
    fields-set names (one copy per distinct set), and unpickled as a plain list of Findings equal in every
    field and fields set. A pickled Finding carries its field names and pydantic's state: unpickling a
    document's ~100 findings cost the parent about 0.7 ms, the rows about 0.45 ms."""

    def __reduce__(self) -> tuple[Callable[..., list[Finding]], tuple[Any, ...]]:
        rows, index, given = [], [], {}  # type: ignore[var-annotated]
        for f in self:
            state = f.__dict__
            if type(f) is not Finding or f.__pydantic_extra__ is not None or f.__pydantic_private__ is not None \
                    or tuple(state) != _FIELDS:  # fmt: skip
                return list, (list(self),)  # anything unusual goes as pickle sends it
            rows.append(tuple(state.values()))
            index.append(given.setdefault(frozenset(f.__pydantic_fields_set__), len(given)))
        return _rebuilt, (rows, list(given), index)


def _rebuilt(rows: list[tuple], given: list[frozenset[str]], index: list[int]) -> list[Finding]:
    """The Findings of _Findings.__reduce__, each with a fields set of its own.

    >>> import pickle
    >>> found = [Finding(code="X", family="text", severity="info", title="t", message="m", other_lines=[3]),
    ...          Finding(code="Y", family="text", severity="error", title="u", message="n", page=2)]
    >>> back = pickle.loads(pickle.dumps(_Findings(found)))
    >>> type(back) is list and back == found, [f.model_fields_set == g.model_fields_set for f, g in zip(back, found)]
    (True, [True, True])
    """
    return [trusted(Finding, dict(zip(_FIELDS, row, strict=True)), set(given[i]))
            for row, i in zip(rows, index, strict=True)]  # fmt: skip
