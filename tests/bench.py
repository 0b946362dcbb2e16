"""`python -m tests.bench`: parse and check timings per seed (median of many runs) with ratios.

Ratios compare against work done in the same run on the same file, so a noisy shared machine moves
numerator and denominator together: parse / (read + split lines), (parse + checks) / parse.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from checks import load_rules, run_checks
from parsing import parse
from parsing.readers import read_lines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
TARGETS = {"parse": 30.0, "parse+checks": 50.0}  # ms, largest seed


def median_ms(func: Callable[..., object], runs: int, *args: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def peak_mib(func: Callable[..., object], *args: object) -> float:
    tracemalloc.start()
    func(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def check(name: str, data: bytes) -> object:
    return run_checks(parse(name, data))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--batch", type=int, default=1000, help="synthetic documents for the batch run (0: skip)"
    )
    parser.add_argument("--no-app", action="store_true", help="skip the browser timings")
    args = parser.parse_args()
    load_rules()
    seeds = sorted(SEEDS.glob("*.txt"))
    print(
        f"{'seed':<28}{'lines':>7}{'read+split ms':>15}{'parse ms':>10}{'ratio':>8}"
        f"{'parse+checks ms':>17}{'ratio':>8}{'findings':>10}{'peak MiB':>10}"
    )
    largest = max(seeds, key=lambda p: p.stat().st_size)
    results = {}
    for path in seeds:
        data = path.read_bytes()
        base = median_ms(read_lines, args.runs, path.name, data)
        parsed = median_ms(parse, args.runs, path.name, data)
        checked = median_ms(check, args.runs, path.name, data)
        findings = len(run_checks(parse(path.name, data)))
        peak = peak_mib(check, path.name, data)
        lines = len(read_lines(path.name, data))
        results[path] = (parsed, checked)
        print(
            f"{path.name:<28}{lines:>7}{base:>15.2f}{parsed:>10.2f}{parsed / base:>8.1f}"
            f"{checked:>17.2f}{checked / parsed:>8.2f}{findings:>10}{peak:>10.1f}"
        )
    parsed, checked = results[largest]
    print(
        f"\nlargest seed {largest.name}: parse {parsed:.1f} ms (target ≤ {TARGETS['parse']:.0f} ms), "
        f"parse+checks {checked:.1f} ms (target ≤ {TARGETS['parse+checks']:.0f} ms)"
    )
    pdf_table(max(3, args.runs // 5))
    from tests.bench_speed import speed_benchmark

    print("\nstart-up and garbage collector")
    speed_benchmark()
    if args.batch:
        from tests.bench_batch import batch_benchmark

        print(f"\nbatch of {args.batch} synthetic disclosures")
        batch_benchmark(args.batch)
    if not args.no_app:
        from tests.bench_app import app_benchmark

        print("\ndashboard in Debian chromium")
        app_benchmark(largest)


def pdf_table(runs: int) -> None:
    """PDF parse time per page (median of runs) and its ratio to the text parse of the same figures."""
    pdfs = sorted((ROOT / "tests" / "data" / "pdf").glob("*.pdf"))
    if not pdfs:
        return
    print(f"\n{'pdf':<36}{'pages':>7}{'parse ms':>10}{'ms/page':>9}{'parse+checks ms':>17}")
    for path in pdfs:
        data = path.read_bytes()
        doc = parse(path.name, data)
        pages = max(doc.pages) if doc.pages else 0
        parsed = median_ms(parse, runs, path.name, data)
        checked = median_ms(check, runs, path.name, data)
        print(f"{path.name[:34]:<36}{pages:>7}{parsed:>10.0f}{parsed / max(pages, 1):>9.1f}{checked:>17.0f}")


if __name__ == "__main__":
    main()
