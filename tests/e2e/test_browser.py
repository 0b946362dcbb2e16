"""Real browser: upload a seed, visit every page, download the .xlsx, compare two years of one department."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import seed_path
from tests.e2e.conftest import ARTIFACTS
from tests.library.test_compare import next_year_lines

SHOTS = ARTIFACTS / "screenshots"
PAGES = [  # (sidebar link text, slug for the screenshot)
    ("问题清单", "findings"),
    ("支出结构", "composition"),
    ("项目与支出计划", "projects"),
    ("绩效指标质量", "indicators"),
    ("部门与年度对比", "compare"),
    ("公开文件库", "library"),
    ("规则说明", "rules"),
]


def settle(page: Page, title: str) -> None:
    """Wait until the page titled `title` has finished its script run and shows no exception."""
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    page.wait_for_timeout(300)  # let charts draw after the last delta
    expect(page.get_by_test_id("stException")).to_have_count(0)


def full_screenshot(page: Page, name: str) -> Path:
    """The whole page: the main area scrolls inside stMain, so grow the viewport to its height first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1400, "height": 1000}
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 15000)})
    page.wait_for_timeout(600)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def upload(page: Page, *files: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_test_id("stBaseButton-secondary").click()
    chooser.value.set_files([str(f) for f in files])


def open_page(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    settle(page, title)


@pytest.mark.e2e
def test_upload_visit_every_page_and_download(page: Page, app_url: str, tmp_path: Path):
    page.set_default_timeout(90_000)
    page.goto(app_url)
    settle(page, "问题清单")
    upload(page, seed_path("002"))
    expect(page.get_by_role("heading", name="313 中共河北沧州经济开发区工委组织人事部")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="警告")).to_be_visible()
    settle(page, "问题清单")

    for n, (title, slug) in enumerate(PAGES, 1):
        open_page(page, title)
        if slug == "projects":  # project 4 plans 572.00 of 372.00 万元: the overrun is annotated on the curve
            expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
            pick = page.get_by_role("combobox", name="项目", exact=True)
            pick.focus()
            pick.press(
                "ArrowDown"
            )  # opens the list; a plain click only focuses it right after the page loads
            page.get_by_role("option", name="4. 城乡居民养老保险发放及缴费补贴县级配套").click()
            settle(page, title)
            curve = page.get_by_test_id("stPlotlyChart").last
            expect(curve.get_by_text("资金支出计划超过预算数")).to_be_visible()
        if slug == "indicators":
            expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
        if slug == "compare":
            expect(page.get_by_text("请在左侧上传两个或更多文件")).to_be_visible()
        assert full_screenshot(page, f"{n}_{slug}").stat().st_size > 10_000

    open_page(page, "问题清单")
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text=".xlsx").get_by_role("button").click()
    assert download.value.suggested_filename == "问题清单.xlsx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)  # openpyxl wants the .xlsx suffix
    book = openpyxl.load_workbook(saved, read_only=True)
    assert "问题清单" in book.sheetnames
    assert book["问题清单"].max_row > 1


@pytest.mark.e2e
def test_year_over_year_in_the_browser(page: Page, app_url: str, tmp_path: Path):
    page.set_default_timeout(90_000)
    later = tmp_path / "455_2024.txt"
    later.write_text("\n".join(next_year_lines()), encoding="utf-8")
    page.goto(app_url)
    settle(page, "问题清单")
    upload(page, seed_path("001"), later)
    expect(page.get_by_role("heading", name="455 沧州渤海新区南大港产业园区政法工作办公室")).to_be_visible()
    open_page(page, "部门与年度对比")
    expect(page.get_by_role("heading", name="年度对比", exact=True)).to_be_visible()
    page.get_by_role("tab", name="增减说明核对").click()
    expect(page.get_by_text("计算值 = 本年表格 − 上年表格")).to_be_visible()  # only with stated changes found
    full_screenshot(page, "7_compare_yoy")
