"""`python -m tests.bench_speed`: CLI start-up and the cyclic collector's share of checking (issue 16).

Each figure is a ratio to a floor measured in the same run, so a loaded machine moves both sides:
- `python -m checks --help` against `python -c pass` (target: start ≤ 0.3 s on an idle machine);
- parse + checks of the seeds, repeated, in a fresh process with Python's default collector against one
  with library.batch.tune_gc (gc.freeze after the imports, then the thresholds of library.batch.GC_THRESHOLD).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TARGET = 0.3  # s
LOOP = """
import sys, time
from pathlib import Path
from library.batch import check_file, tune_gc
if sys.argv[1] == "tuned":
    tune_gc()
files = sorted(str(p) for p in Path("tests/data/seeds").glob("*.txt"))
check_file(files[0])  # warm caches alike
start = time.perf_counter()
for _ in range(int(sys.argv[2])):
    for name in files:
        check_file(name)
print(time.perf_counter() - start)
"""


# The largest seed as a CLI worker checks it: rules loaded and one document checked, then tune_gc, then timed.
TUNED = """
import statistics, sys, time
from pathlib import Path
from checks import run_checks
from library.batch import tune_gc
from parsing import parse
from parsing.readers import read_lines
path = Path(sys.argv[1]); data = path.read_bytes(); runs = int(sys.argv[2])
run_checks(parse(path.name, data))
tune_gc()
def median_ms(func):
    times = []
    for _ in range(runs):
        start = time.perf_counter(); func(); times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
floor = median_ms(lambda: read_lines(path.name, data))
parsed = median_ms(lambda: parse(path.name, data))
both = median_ms(lambda: run_checks(parse(path.name, data)))
print(floor, parsed, both)
"""


def tuned_document_ms(path: Path, runs: int) -> dict[str, float]:
    """Median read+split floor, parse and parse + checks of one file in a fresh process with tune_gc, as the
    CLI's workers run (the figures of the main bench process carry the default collector and every seed's
    leftovers)."""
    run = subprocess.run([sys.executable, "-c", TUNED, str(path), str(runs)], cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    floor, parsed, both = (float(x) for x in run.stdout.split())
    return {"floor_ms": floor, "parse_ms": parsed, "parse_checks_ms": both}


# The same document seen for the first time: a fresh process checks another seed (imports, compiled patterns,
# rules loaded), then the timed one once. The parser and rules keep readings of texts they have seen (lru_cache,
# per-content memos); a document timed again and again would only measure those caches.
COLD = """
import sys, time
from pathlib import Path
from checks import run_checks
from library.batch import tune_gc
from parsing import parse
path, other = Path(sys.argv[1]), Path(sys.argv[2])
run_checks(parse(other.name, other.read_bytes()))
tune_gc()
data = path.read_bytes()
start = time.perf_counter()
doc = parse(path.name, data)
middle = time.perf_counter()
run_checks(doc)
print(middle - start, time.perf_counter() - start)
"""


def cold_document_ms(path: Path, other: Path, runs: int) -> dict[str, float]:
    """Median parse and parse + checks of `path` the first time a process sees it (after checking `other`), over
    `runs` fresh processes, as the dashboard meets an upload and a batch worker a new file."""
    parsed, both = [], []
    for _ in range(runs):
        run = subprocess.run([sys.executable, "-c", COLD, str(path), str(other)], cwd=ROOT, capture_output=True,
                             text=True, check=True)  # fmt: skip
        first, total = (float(x) * 1000 for x in run.stdout.split())
        parsed.append(first)
        both.append(total)
    return {"parse_ms": statistics.median(parsed), "parse_checks_ms": statistics.median(both)}


def _best_wall(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def _loop(mode: str, rounds: int) -> float:
    run = subprocess.run([sys.executable, "-c", LOOP, mode, str(rounds)], cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return float(run.stdout)


def speed_benchmark(runs: int = 5, rounds: int = 10) -> dict[str, float]:
    floor = _best_wall([sys.executable, "-c", "pass"], runs)
    start = _best_wall([sys.executable, "-m", "checks", "--help"], runs)
    print(f"{'figure':<44}{'seconds':>10}{'floor s':>10}{'ratio':>8}")
    print(f"{'python -m checks --help (best of ' + str(runs) + ')':<44}{start:>10.3f}{floor:>10.3f}"
          f"{start / floor:>8.1f}   target ≤ {START_TARGET} s")  # fmt: skip
    default = min(_loop("default", rounds) for _ in range(2))
    tuned = min(_loop("tuned", rounds) for _ in range(2))
    documents = rounds * 4
    print(f"{f'check {documents} seed documents, default gc':<44}{default:>10.2f}{default:>10.2f}{1:>8.2f}")
    print(f"{f'check {documents} seed documents, tune_gc':<44}{tuned:>10.2f}{default:>10.2f}"
          f"{tuned / default:>8.2f}   per document {tuned / documents * 1000:.1f} ms")  # fmt: skip
    return {"start_s": start, "floor_s": floor, "default_gc_s": default, "tuned_gc_s": tuned}


if __name__ == "__main__":
    speed_benchmark(*(int(a) for a in sys.argv[1:3]))
