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
from parsing.read import read_lines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TARGETS = {"parse": 30.0, "parse+checks": 50.0}  # ms, largest seed


def median_ms(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def peak_mib(func: Callable[[], object]) -> float:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    load_rules()
    seeds = sorted(SEEDS.glob("*.txt"))
    print(f"{'seed':<28}{'lines':>7}{'read+split ms':>15}{'parse ms':>10}{'ratio':>8}"
          f"{'parse+checks ms':>17}{'ratio':>8}{'findings':>10}{'peak MiB':>10}")
    largest = max(seeds, key=lambda p: p.stat().st_size)
    results = {}
    for path in seeds:
        data = path.read_bytes()
        base = median_ms(lambda: read_lines(path.name, data), args.runs)
        parsed = median_ms(lambda: parse(path.name, data), args.runs)
        checked = median_ms(lambda: run_checks(parse(path.name, data)), args.runs)
        findings = len(run_checks(parse(path.name, data)))
        peak = peak_mib(lambda: run_checks(parse(path.name, data)))
        lines = len(read_lines(path.name, data))
        results[path] = (parsed, checked)
        print(f"{path.name:<28}{lines:>7}{base:>15.2f}{parsed:>10.2f}{parsed / base:>8.1f}"
              f"{checked:>17.2f}{checked / parsed:>8.2f}{findings:>10}{peak:>10.1f}")
    parsed, checked = results[largest]
    print(f"\nlargest seed {largest.name}: parse {parsed:.1f} ms (target ≤ {TARGETS['parse']:.0f} ms), "
          f"parse+checks {checked:.1f} ms (target ≤ {TARGETS['parse+checks']:.0f} ms)")


if __name__ == "__main__":
    main()
