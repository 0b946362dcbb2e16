"""Real browser: the app asks nothing of the internet (icons, fonts, favicon), also for hostile document text."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.app.test_escaping import HOST, NAME, _hostile_seed
from tests.e2e.test_browser import PAGES, open_page, settle, upload


@pytest.mark.e2e
def test_every_page_loads_offline_and_shows_document_text_as_typed(page: Page, app_url: str, tmp_path: Path):
    page.set_default_timeout(90_000)
    own = urlsplit(app_url).netloc
    outside: list[str] = []

    def note(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            outside.append(request.url)

    page.on("request", note)
    hostile = tmp_path / "hostile.txt"
    hostile.write_bytes(_hostile_seed())
    page.goto(app_url)
    settle(page, "问题清单")
    upload(page, hostile)
    heading = page.get_by_role("heading", level=3).filter(has_text="223 ![d]")
    expect(heading).to_be_visible()
    assert heading.inner_text().replace("\u200b", "") == f"223 {NAME}"  # the name as typed
    for title, _ in PAGES:
        open_page(page, title)
        assert page.locator(f"img[src*='{HOST}'], a[href*='{HOST}']").count() == 0, title
    favicon = page.locator("link[rel='shortcut icon']").get_attribute("href") or ""
    assert not favicon.startswith("http") or urlsplit(favicon).netloc == own, favicon
    assert outside == []
