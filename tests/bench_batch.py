"""Batch benchmark (not a test): N synthetic disclosures checked in parallel; called from tests/bench.py.

`python -m tests.bench_batch [COUNT]` runs it alone. The ratio compares the batch wall time with the
single-document time (same machine, same run) × count, so a noisy machine moves both: 1/jobs is ideal.
Peak memory is getrusage maxrss of this process plus that of the largest worker (RUSAGE_CHILDREN reports
the largest child, not a sum); `peak_tree_bound_mib` adds one largest worker per job as an upper bound.

`cli_benchmark` runs `python -m checks FOLDER -o report.json --jobs 2` on SMALL (100) and on `count` synthetic
documents, each without and with `--library` (a fresh library file), and reports the wall time, the
--library / plain ratio and the parent's own peak RSS (VmHWM of the CLI process: workers excluded),
whose growth from SMALL to `count` documents shows whether the parent keeps anything per document.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checks.registry import load_rules
from library.batch import check_file, check_files
from tests.support.synth import YEARS, generate

TARGET_S, TARGET_MIB = 20.0, 1024.0  # for 1,000 documents on 2 cores (issue 16)
TARGET_CLI_S, TARGET_LIBRARY_RATIO, TARGET_GROWTH_MIB = 20.0, 1.3, 50.0  # issue 16, 1,000 documents, 2 jobs
SMALL = 100
ROOT = Path(__file__).resolve().parents[1]
# The CLI in a child process that prints its own peak RSS (KiB) when done: workers are not counted. VmHWM,
# not getrusage: ru_maxrss survives fork and exec, so a child would report this (larger) process's peak.
_CLI = (
    "import re, sys\n"
    "from library.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n"
    "sys.exit(rc)\n"
)


def _mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _progress(done: int, total: int, name: str) -> None:
    if done == total or done % max(1, total // 10) == 0:
        sys.stderr.write(f"  {done}/{total}\n")


def batch_benchmark(
    count: int = 1000, jobs: int | None = None, sample: int = 8, seed: int = 0
) -> dict[str, float]:
    """Generate `count` disclosures into a temp folder, check them with check_files, print and return timings."""
    jobs = jobs or os.cpu_count() or 1
    load_rules()
    with tempfile.TemporaryDirectory(prefix="budgetscope-bench-") as tmp:
        start = time.perf_counter()
        paths = generate(Path(tmp), count, seed=seed)
        generated = time.perf_counter() - start
        # one document of each of the first `sample` departments: the seeds in turn, equally often
        picks = [paths[i] for i in range(0, len(paths), YEARS)][:sample] or paths[:1]
        check_file(os.fspath(picks[0]))  # warm-up: imports, regex caches
        singles = []
        for path in picks:
            start = time.perf_counter()
            check_file(os.fspath(path))
            singles.append(time.perf_counter() - start)
        single = statistics.mean(singles)
        start = time.perf_counter()
        results = check_files(paths, jobs=jobs, progress=_progress)
        wall = time.perf_counter() - start
    self_mib, child_mib = _mib(resource.RUSAGE_SELF), _mib(resource.RUSAGE_CHILDREN)
    out = {
        "documents": float(count),
        "jobs": float(jobs),
        "generate_s": generated,
        "single_ms": single * 1000,
        "wall_s": wall,
        "documents_per_s": count / wall,
        "serial_estimate_s": single * count,
        "ratio": wall / (single * count),
        "ideal_ratio": 1 / jobs,
        "errors": float(sum(status.status == "error" for status, _ in results)),
        "findings": float(sum(len(found) for _, found in results)),
        "peak_self_mib": self_mib,
        "peak_worker_mib": child_mib,
        "peak_mib": self_mib + child_mib,
        "peak_tree_bound_mib": self_mib + jobs * child_mib,
    }
    _print(out)
    return out


def _print(out: dict[str, float]) -> None:
    scale = out["documents"] / 1000
    rows = [
        ("documents / jobs", f"{out['documents']:.0f} / {out['jobs']:.0f}"),
        ("generate", f"{out['generate_s']:.1f} s"),
        ("single document (mean of sample)", f"{out['single_ms']:.0f} ms"),
        ("batch wall time", f"{out['wall_s']:.1f} s (target ≤ {TARGET_S * scale:.0f} s pro rata)"),
        ("documents/s", f"{out['documents_per_s']:.1f}"),
        ("ratio wall / (single × count)", f"{out['ratio']:.2f} (ideal {out['ideal_ratio']:.2f})"),
        ("unreadable / findings", f"{out['errors']:.0f} / {out['findings']:.0f}"),
        ("peak memory self + worker", f"{out['peak_mib']:.0f} MiB (target ≤ {TARGET_MIB:.0f} MiB)"),
        ("bound self + jobs × worker", f"{out['peak_tree_bound_mib']:.0f} MiB"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def _cli_run(folder: Path, work: Path, jobs: int, library: bool) -> tuple[float, float]:
    """Wall seconds and the CLI process's own peak RSS (MiB) for one run over `folder`."""
    args = [str(folder), "-o", str(work / "report.json"), "--jobs", str(jobs)]
    env = {**os.environ, "BUDGETSCOPE_LIBRARY": str(work / f"library-{folder.name}.duckdb")}
    if library:
        args.append("--library")
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _CLI, *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError(f"python -m checks failed ({run.returncode}): {run.stderr[-500:]}")
    return wall, int(run.stdout.split()[-1]) / 1024


def cli_benchmark(count: int = 1000, jobs: int = 2, seed: int = 0) -> dict[str, float]:
    """`python -m checks` on SMALL and `count` synthetic documents, plain and with --library (fresh library)."""
    small = min(SMALL, max(1, count // 10))
    out: dict[str, float] = {"documents": float(count), "jobs": float(jobs), "small": float(small)}
    with tempfile.TemporaryDirectory(prefix="budgetscope-cli-") as tmp:
        work = Path(tmp)
        for n in (small, count):
            folder = work / f"docs{n}"
            folder.mkdir()
            generate(folder, n, seed=seed)
            for library in (False, True):
                wall, rss = _cli_run(folder, work, jobs, library)
                key = f"{n}_{'library' if library else 'plain'}"
                out[f"{key}_s"], out[f"{key}_rss_mib"] = wall, rss
    out["library_ratio"] = out[f"{count}_library_s"] / out[f"{count}_plain_s"]
    out["rss_growth_mib"] = max(
        out[f"{count}_{mode}_rss_mib"] - out[f"{small}_{mode}_rss_mib"] for mode in ("plain", "library")
    )
    _print_cli(out, count)
    return out


def _print_cli(out: dict[str, float], count: int) -> None:
    small = int(out["small"])
    print(f"{'python -m checks, ' + str(int(out['jobs'])) + ' jobs':<34}{'wall s':>9}{'parent RSS MiB':>16}")
    for n in (small, count):
        for mode in ("plain", "library"):
            label = f"{n} documents{' --library' if mode == 'library' else ''}"
            print(f"{label:<34}{out[f'{n}_{mode}_s']:>9.1f}{out[f'{n}_{mode}_rss_mib']:>16.0f}")
    print(f"{count} documents: {out[f'{count}_plain_s']:.1f} s (target ≤ {TARGET_CLI_S * count / 1000:.0f} s); "
          f"--library / plain {out['library_ratio']:.2f} (target ≤ {TARGET_LIBRARY_RATIO}); parent RSS "
          f"{count} vs {small} documents +{out['rss_growth_mib']:.0f} MiB (target ≤ {TARGET_GROWTH_MIB:.0f})")  # fmt: skip


if __name__ == "__main__":
    batch_benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    cli_benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
