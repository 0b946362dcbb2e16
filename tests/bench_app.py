"""App benchmark (not a test): cold start and upload-to-first-chart in Debian chromium; called from tests/bench.py.

Cold start: from launching `streamlit run app.py` until the first page shows its findings metrics in the
browser. Upload to first chart: on the 支出结构 page, from handing the largest seed to the file chooser
until a plotly chart of the new document is drawn (its department name shown above the charts).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _free_port

TARGET_UPLOAD_S = 1.5


def _healthy(base: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return True
        except OSError:
            time.sleep(0.05)
    return False


def app_benchmark(seed: Path, runs: int = 3) -> dict[str, float] | None:
    """Median cold start and upload-to-first-chart seconds; None when chromium is missing."""
    if not CHROMIUM.exists():
        print("app benchmark skipped: Debian chromium not installed at /usr/bin/chromium")
        return None
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    colds, uploads = [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            env = {**os.environ, "BUDGETSCOPE_LIBRARY": str(Path(tmp) / "bench.duckdb")}
            start = time.monotonic()
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                 f"--server.port={port}", "--server.fileWatcherType=none"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                if not _healthy(base, time.monotonic() + 60):
                    raise RuntimeError("streamlit did not become healthy")
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(base)
                expect(page.get_by_test_id("stMetric").first).to_be_visible()
                colds.append(time.monotonic() - start)
                page.get_by_test_id("stSidebarNav").get_by_role("link", name="支出结构").click()
                expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
                with page.expect_file_chooser() as chooser:
                    page.get_by_test_id("stFileUploaderDropzone").get_by_test_id(
                        "stBaseButton-secondary"
                    ).click()
                start = time.monotonic()
                chooser.value.set_files(str(seed))
                expect(page.get_by_text("中共河北沧州经济开发区工委组织人事部").first).to_be_visible()
                expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
                uploads.append(time.monotonic() - start)
                page.close()
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        browser.close()
    out = {"cold_start_s": statistics.median(colds), "upload_to_chart_s": statistics.median(uploads)}
    print(f"app cold start to first page (median of {runs})   {out['cold_start_s']:.2f} s")
    print(f"upload {seed.name} to first chart        {out['upload_to_chart_s']:.2f} s "
          f"(target < {TARGET_UPLOAD_S} s)")  # fmt: skip
    return out
