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
from tests.bench_speed import START_TARGET

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
TARGETS = {"parse": 30.0, "parse+checks": 30.0}  # ms, largest seed (issue 16)
FLOOR_RATIO = 30.0  # largest seed parse + checks ≤ 30× the read-and-split floor (issue 16)
# The checks that read every sentence (issue 12): statements, year roles, text lint, lists, names and wording,
# breakdowns, structure by content, the plan header unit. Together they may add ≤ 10 ms to the largest seed.
SENTENCE_RULES = frozenset(
    {"NAR020", "NAR021", "NAR022", "NAR023", "NAR024", "TXT011", "TXT012", "TXT013", "TXT014", "TXT015",
     "TXT016", "TXT021", "TXT022", "TXT023", "STR011", "STR013", "PLN007"}
)  # fmt: skip
SENTENCE_TARGET_MS = 10.0


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


def checks_ms(name: str, data: bytes, runs: int, rules: list) -> float:
    """Median time of the checks alone (a freshly parsed document each run: no scan is reused across runs)."""
    times = []
    for _ in range(runs):
        doc = parse(name, data)
        start = time.perf_counter()
        run_checks(doc, rules)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def sentence_checks_cost(path: Path, runs: int) -> tuple[float, float]:
    """(ms the sentence checks add to the checks, ms of all checks) on one document."""
    rules = list(load_rules().values())
    without = [rule for rule in rules if rule.code not in SENTENCE_RULES]
    missing = SENTENCE_RULES - {rule.code for rule in rules}
    assert not missing, f"unknown rule codes in SENTENCE_RULES: {sorted(missing)}"
    data = path.read_bytes()
    every = checks_ms(path.name, data, runs, rules)
    return every - checks_ms(path.name, data, runs, without), every


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
    results, floors = {}, {}
    for path in seeds:
        data = path.read_bytes()
        base = median_ms(read_lines, args.runs, path.name, data)
        parsed = median_ms(parse, args.runs, path.name, data)
        checked = median_ms(check, args.runs, path.name, data)
        findings = len(run_checks(parse(path.name, data)))
        peak = peak_mib(check, path.name, data)
        lines = len(read_lines(path.name, data))
        results[path], floors[path] = (parsed, checked), base
        print(
            f"{path.name:<28}{lines:>7}{base:>15.2f}{parsed:>10.2f}{parsed / base:>8.1f}"
            f"{checked:>17.2f}{checked / parsed:>8.2f}{findings:>10}{peak:>10.1f}"
        )
    parsed, checked = results[largest]
    print(
        f"\nlargest seed {largest.name}: parse {parsed:.1f} ms (target ≤ {TARGETS['parse']:.0f} ms), "
        f"parse+checks {checked:.1f} ms (target ≤ {TARGETS['parse+checks']:.0f} ms), "
        f"{checked / floors[largest]:.0f}× the read+split floor (target ≤ {FLOOR_RATIO:.0f}×)"
    )
    added, every = sentence_checks_cost(largest, args.runs)
    print(
        f"sentence checks (issue 12, {len(SENTENCE_RULES)} rules) on {largest.name}: +{added:.1f} ms of "
        f"{every:.1f} ms of checks (target ≤ {SENTENCE_TARGET_MS:.0f} ms, ratio {added / SENTENCE_TARGET_MS:.2f})"
    )
    pdf_table(max(3, args.runs // 5))
    from tests.bench_speed import cold_document_ms, speed_benchmark, tuned_document_ms

    tuned = tuned_document_ms(largest, args.runs)
    other = next(p for p in seeds if p != largest)
    cold = cold_document_ms(largest, other, max(5, args.runs // 2))
    print(
        f"largest seed as a CLI worker runs it (fresh process, tune_gc), checked again and again: parse "
        f"{tuned['parse_ms']:.1f} ms, parse+checks {tuned['parse_checks_ms']:.1f} ms, "
        f"{tuned['parse_checks_ms'] / tuned['floor_ms']:.0f}× its read+split floor ({tuned['floor_ms']:.2f} ms)\n"
        f"the same, first time seen (after {other.name}; median of {max(5, args.runs // 2)} processes): parse "
        f"{cold['parse_ms']:.1f} ms, parse+checks {cold['parse_checks_ms']:.1f} ms, "
        f"{cold['parse_checks_ms'] / tuned['floor_ms']:.0f}× the floor"
    )

    print("\nstart-up and garbage collector")
    start = speed_benchmark()
    first, worker = cold["parse_checks_ms"], tuned["parse_checks_ms"]
    targets = [
        ("largest seed parse + checks, first time", first, "ms", TARGETS["parse+checks"],
         f"{largest.name}, fresh process, tune_gc"),
        ("same / read+split floor", first / tuned["floor_ms"], "×", FLOOR_RATIO,
         f"floor {tuned['floor_ms']:.2f} ms"),
        ("largest seed parse + checks, repeated", worker, "ms", TARGETS["parse+checks"],
         "median of runs in one process, tune_gc"),
        ("same / read+split floor", worker / tuned["floor_ms"], "×", FLOOR_RATIO,
         f"floor {tuned['floor_ms']:.2f} ms, same process"),
        ("largest seed parse + checks, default gc", checked, "ms", TARGETS["parse+checks"],
         "bench process after every seed"),
        ("same / read+split floor", checked / floors[largest], "×", FLOOR_RATIO,
         f"floor {floors[largest]:.2f} ms, same run"),
        ("python -m checks --help", start["start_s"], "s", START_TARGET,
         f"{start['start_s'] / start['floor_s']:.1f}× python -c pass"),
    ]  # fmt: skip
    if args.batch:
        from tests.bench_batch import (
            TARGET_CLI_S,
            TARGET_GROWTH_MIB,
            TARGET_LIBRARY_RATIO,
            batch_benchmark,
            cli_benchmark,
        )  # fmt: skip

        print(f"\nbatch of {args.batch} synthetic disclosures")
        batch_benchmark(args.batch)
        print(f"\npython -m checks on few and {args.batch} synthetic disclosures, 2 jobs")
        cli = cli_benchmark(args.batch, jobs=2)
        small = int(cli["small"])
        plain, library = cli[f"{args.batch}_plain_s"], cli[f"{args.batch}_library_s"]
        targets += [
            (f"batch {args.batch} documents, 2 jobs", plain, "s", TARGET_CLI_S * args.batch / 1000,
             f"{plain / args.batch * 1000:.0f} ms per document"),
            ("--library / plain", cli["library_ratio"], "×", TARGET_LIBRARY_RATIO,
             f"{library:.1f} s vs {plain:.1f} s"),
            (f"parent RSS {args.batch} − {small} documents", cli["rss_growth_mib"], "MiB", TARGET_GROWTH_MIB,
             f"peak {max(cli[f'{args.batch}_plain_rss_mib'], cli[f'{args.batch}_library_rss_mib']):.0f} MiB"),
        ]  # fmt: skip
    print_targets(targets)
    if not args.no_app:
        from tests.bench_app import app_benchmark

        print("\ndashboard in Debian chromium")
        app_benchmark(largest)


def print_targets(rows: list[tuple[str, float, str, float, str]]) -> None:
    """Issue 16's targets: figure, target, figure / target (≤ 1 is met) and the figure's own ratio."""
    print("\nissue 16 targets (ratio = figure / target; ≤ 1.00 met)")
    print(f"{'figure':<40}{'value':>13}{'target':>12}{'ratio':>8}  {'met':<4}  detail")
    for name, value, unit, target, detail in rows:
        ok = "yes" if value <= target else "no"
        print(
            f"{name:<40}{value:>9.2f} {unit:<3}{target:>8.2f} {unit:<3}{value / target:>8.2f}  {ok:<4}  {detail}"
        )


PDF_TARGETS = {"ms/page": 15.0, "floor ratio": 15.0}  # median over the Shanghai budget PDFs


def pdfium_floor(data: bytes) -> int:
    """The least a PDF reader does: every page's plain text with pypdfium2 (no boxes, no tables)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for page in document:
            page.get_textpage().get_text_range()
        return len(document)
    finally:
        document.close()


def pdf_table(runs: int) -> None:
    """PDF read and parse time per page (median of runs), with the ratio of the read to a pypdfium2 plain-text
    floor measured on the same file in the same run."""
    from parsing.readers.pdf import pdf_lines

    root = ROOT / "tests" / "data" / "pdf"
    pdfs = sorted(root.rglob("*.pdf"))
    if not pdfs:
        return
    print(
        f"\n{'pdf':<36}{'pages':>7}{'floor ms/p':>12}{'read ms/p':>11}{'ratio':>8}{'parse ms/p':>12}"
        f"{'parse+checks ms':>17}"
    )
    budget: list[tuple[float, float]] = []
    for path in pdfs:
        data = path.read_bytes()
        pages = pdfium_floor(data)
        floor = median_ms(pdfium_floor, runs, data) / pages
        read = median_ms(pdf_lines, runs, path.name, data) / pages
        parsed = median_ms(parse, runs, path.name, data) / pages
        checked = median_ms(check, runs, path.name, data)
        if path.parent == root:
            budget.append((read, read / floor))
        print(
            f"{path.name[:34]:<36}{pages:>7}{floor:>12.2f}{read:>11.1f}{read / floor:>8.1f}{parsed:>12.1f}"
            f"{checked:>17.0f}"
        )
    if budget:
        per_page = statistics.median(read for read, _ in budget)
        ratio = statistics.median(ratio for _, ratio in budget)
        print(
            f"\nShanghai budget PDFs: read {per_page:.1f} ms/page median (target ≤ {PDF_TARGETS['ms/page']:.0f}), "
            f"{ratio:.1f}× the pypdfium2 plain-text floor (target ≤ {PDF_TARGETS['floor ratio']:.0f}×)"
        )


if __name__ == "__main__":
    main()
