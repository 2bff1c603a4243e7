"""Headless Chromium (Debian's, driven by playwright) with the network cut off.

Used by tests/test_browser.py and scripts/screenshot.py. Playwright is a dev
dependency and the browser comes from ``apt-get install chromium`` (never from
``playwright install``, which downloads one); when either is missing, :func:`launch`
raises :class:`BrowserMissing` with what to do.

>>> ARGS[0], CHROMIUM.name
('--headless', 'chromium')
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}


class BrowserMissing(RuntimeError):
    """Chromium or playwright is not installed; the message says how to install it."""


@dataclass
class Tab:
    """A page in a fresh offline context, and what it tried to do.

    Attributes:
        page: The playwright page.
        blocked: URLs the page asked for that were refused (anything not file:, data:,
            blob: or an allowed origin).
        dialogs: Messages of alert/confirm/prompt dialogs (dismissed).
        errors: Uncaught script errors and console errors (such as a
            Content-Security-Policy violation).
    """

    page: Any
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """Start headless Chromium; stop it when the block ends.

    Raises:
        BrowserMissing: playwright or /usr/bin/chromium is not installed.
    """
    if not CHROMIUM.is_file():
        raise BrowserMissing(
            f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
            "(make test does this as root via scripts/ensure-chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserMissing(
            "playwright is missing: run `make install` (pip install -e '.[dev]'); "
            "never `playwright install`, the browser comes from apt"
        ) from exc
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def offline_tab(browser: Any, allow: tuple[str, ...] = ()) -> Iterator[Tab]:
    """A new page whose requests other than file:, data:, blob: (and URLs starting with
    one of ``allow``) are aborted and recorded; dialogs are dismissed and recorded."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    tab = Tab(page=None)
    local = ("file:", "data:", "blob:", *allow)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(local):
            route.continue_()
        else:
            tab.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    tab.page = context.new_page()
    tab.page.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    # Console errors include Content-Security-Policy violations.
    tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    try:
        yield tab
    finally:
        context.close()


def open_graph(tab: Tab, page: Path, timeout_s: float = 120) -> dict[str, Any]:
    """Load a graph page and wait until its layout has settled; the page's stats.

    Polls with ``evaluate``: the page's Content-Security-Policy forbids the string
    evaluation that playwright's ``wait_for_function`` needs.
    """
    tab.page.goto(page.resolve().as_uri())
    deadline = time.monotonic() + timeout_s
    while not tab.page.evaluate("!!(window.kg && window.kg.stats.settled)"):
        if time.monotonic() > deadline or tab.errors:
            raise AssertionError(f"{page.name} did not settle in {timeout_s} s: {tab.errors}")
        time.sleep(0.05)
    stats: dict[str, Any] = tab.page.evaluate("window.kg.stats")
    return stats
