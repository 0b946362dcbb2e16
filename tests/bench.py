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
