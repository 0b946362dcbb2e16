"""Check many files: find them, parse and check each (across processes when worth it), keep input order."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from checks.findings import Finding
from checks.report import DocumentStatus
from checks.runner import run_checks
from parsing import ParseError, parse

SUFFIXES = (".txt", ".docx", ".pdf")
PARALLEL_FROM = 5  # process start-up costs more than checking a handful of files
Result = tuple[DocumentStatus, list[Finding]]
Progress = Callable[[int, int, str], None]  # (done, total, file name)


GC_THRESHOLD = (50_000, 20, 20)  # young-generation collections every 50,000 allocations instead of 700


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


def _failed(name: str, exc: BaseException) -> Result:
    reason = str(exc) if isinstance(exc, ParseError) else f"{name}：检查失败——{type(exc).__name__}: {exc}"
    return DocumentStatus(file=name, status="error", error=reason), []


CHUNK = 8  # files per worker task at most


def check_file(name: str) -> Result:
    """Read, parse and check one file; anything that goes wrong becomes an "error" status."""
    try:
        if not os.path.isfile(name):  # a FIFO or device would block the read; a symlink loop cannot be read
            raise ParseError(name, "不是普通文件（管道、设备或循环链接）", "not a regular file")
        doc = parse(name, Path(name).read_bytes())
        findings = run_checks(doc)
    except Exception as exc:  # one bad file must not stop the batch
        return _failed(name, exc)
    status = DocumentStatus(
        file=name,
        department_code=doc.department_code,
        department_name=doc.department_name,
        budget_year=doc.budget_year,
        unit=doc.unit,
        kind=doc.kind,
    )
    return status, findings


def check_files(files: Iterable[str | os.PathLike[str]], jobs: int | None = None,
                progress: Progress | None = None) -> list[Result]:  # fmt: skip
    """check_file for each file, in parallel when there are more than a few; results in input order."""
    names = [os.fspath(f) for f in files]
    jobs = jobs or os.cpu_count() or 1
    results: list[Result | None] = [None] * len(names)
    if jobs <= 1 or len(names) < PARALLEL_FROM:
        for i, name in enumerate(names):
            results[i] = check_file(name)
            if progress:
                progress(i + 1, len(names), name)
        return [r for r in results if r is not None]
    # Chunks of a few files per task: fewer round trips to the workers, progress still moves often.
    size = max(1, min(CHUNK, len(names) // (jobs * 4)))
    chunks = [list(range(start, min(start + size, len(names)))) for start in range(0, len(names), size)]
    done = 0
    with ProcessPoolExecutor(max_workers=min(jobs, len(names)), initializer=tune_gc) as pool:
        futures = {pool.submit(_check_chunk, [names[i] for i in chunk]): chunk for chunk in chunks}
        for future in as_completed(futures):
            chunk = futures[future]
            try:
                for i, result in zip(chunk, future.result(), strict=True):
                    results[i] = result
            except Exception as exc:  # a worker that died (BrokenProcessPool) fails its files
                for i in chunk:
                    results[i] = _failed(names[i], exc)
            for i in chunk:
                done += 1
                if progress:
                    progress(done, len(names), names[i])
    return [r for r in results if r is not None]


def _check_chunk(names: list[str]) -> list[Result]:
    return [check_file(name) for name in names]
