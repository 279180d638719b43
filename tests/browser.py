"""Shared pytest fixtures for tests in a real headless Chromium (Playwright, sync API).

Register once in tests/conftest.py:  pytest_plugins = ["tests.browser"]

- `browser`: one Chromium per session: env CHROMIUM (a path), else `chromium` or `chromium-browser`
  on PATH, else /usr/bin/chromium (`chromium_path` and its flags: scripts/chromium.py, which the
  benchmark uses too). Skipped with a message saying what to install when none is found (or playwright is missing) on a developer machine; under CI (env CI set) that
  FAILS. Every test that uses it must carry the `browser` marker (checked at collection).
- `static_server(directory) -> base_url`: a threaded http.server on 127.0.0.1 (port 0),
  quiet, shut down at teardown. Base URL ends with "/".
- `open_page(url, **context_options) -> Opened`: a fresh context and page in which every
  request to a host other than loopback is recorded and aborted (map tiles never load in
  tests), console errors and uncaught page errors are collected. Closed at teardown.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS, chromium_path  # shared with the benchmark

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium_path"]

INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) or set CHROMIUM=/path/to/chromium"
)
# The default basemap's tile servers (AMap): the only outside requests our pages make.
TILE_HOST = re.compile(r"^webrd0[1-4]\.is\.autonavi\.com$")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} — browser tests must run under CI", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped (they fail instead when CI is set)")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """A test that starts Chromium without the `browser` marker would escape `-m "not browser"`."""
    unmarked = [
        i.nodeid for i in items if "browser" in getattr(i, "fixturenames", ()) and not i.get_closest_marker("browser")
    ]
    if unmarked:
        raise pytest.UsageError("these tests use Chromium but lack @pytest.mark.browser:\n  " + "\n  ".join(unmarked))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        named = os.environ.get("CHROMIUM", "").strip()
        _unavailable(
            f"{'CHROMIUM=' + named + ' is not an executable' if named else 'no Chromium found'}; {INSTALL_HINT}"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements.lock
        _unavailable("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture
def static_server() -> Iterator[Callable[[Path | str], str]]:
    running: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(directory: Path | str) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, name="static-server", daemon=True)
        thread.start()
        running.append((httpd, thread))
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for httpd, thread in running:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@dataclass
class Opened:
    """A page opened by `open_page`, with what it tried to do."""

    page: Any
    context: Any
    blocked: list[str] = field(default_factory=list)  # non-loopback URLs, aborted
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors

    def blocked_hosts(self) -> set[str]:
        return {urlsplit(u).hostname or u for u in self.blocked}


def _is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Opened]]:
    contexts: list[Any] = []

    # A deadline, never a measure: a busy two-core machine can take over 5 s to load a page with its map.
    def opener(url: str, *, wait_until: str = "load", timeout_ms: float = 20000, **context_options: Any) -> Opened:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        opened = Opened(page=page, context=context)

        def route(r: Any) -> None:
            if _is_loopback(r.request.url):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        def on_console(msg: Any) -> None:
            if msg.type != "error":
                return
            # An aborted (blocked) tile logs "Failed to load resource": expected, not a bug. So does a
            # tile that a sandboxed (out-of-process) map asked for before the route reached its process.
            where = (msg.location or {}).get("url", "")
            if msg.text.startswith("Failed to load resource") and (
                where in opened.blocked or TILE_HOST.match(urlsplit(where).hostname or "")
            ):
                return
            opened.console_errors.append(f"{msg.text} @ {where}")

        context.route("**/*", route)
        page.on("console", on_console)
        page.on("pageerror", lambda err: opened.page_errors.append(str(err)))
        page.goto(url, wait_until=wait_until)
        return opened

    yield opener
    for context in contexts:
        context.close()


# How many parks and projects a map's marker pane stands for: a marker is one, a cluster or a district
# badge shows its count. Evaluate on the pane: `frame.locator(".leaflet-marker-pane").evaluate(SHOWN)`.
SHOWN = """pane => [...pane.querySelectorAll('.leaflet-marker-icon')].reduce((n, icon) =>
  n + (icon.matches('.gz-cluster, .gz-badge') ? parseInt(icon.textContent, 10) : icon.matches('.gz-marker') ? 1 : 0), 0)"""


# --- an embed's frame in a host page: its height against its content's -----------------------------


def embed_content_height(page: Any, index: int) -> float:
    """The height of embed `index`'s own content (#gz-embed), read inside its frame."""
    frame = page.locator("iframe[data-gz-embed]").nth(index).element_handle().content_frame()
    return frame.evaluate("document.getElementById('gz-embed').getBoundingClientRect().height")


def embed_fits(page: Any, index: int) -> tuple[float, float]:
    """Polls until frame `index` is within 2 px of its content's height; returns (frame, content)."""
    deadline = time.monotonic() + 20
    while True:
        frame = page.locator("iframe[data-gz-embed]").nth(index).bounding_box()["height"]
        content = embed_content_height(page, index)
        if abs(frame - content) <= 2 or time.monotonic() > deadline:
            return frame, content
        page.wait_for_timeout(100)


def embed_height_changes(page: Any, index: int, height: float, seconds: float = 2.0) -> list[float]:
    """Every height other than `height` frame `index` shows, polled until a deadline `seconds` away."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen.append(page.locator("iframe[data-gz-embed]").nth(index).bounding_box()["height"])
        page.wait_for_timeout(100)
    return [h for h in seen if abs(h - height) > 0.5]


def write_story(folder: Path, body: str) -> None:
    """A newsroom's article page, story.html in `folder`, with `body` (paragraphs and embed codes)."""
    (folder / "story.html").write_text(
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>报道</title></head>"
        f"<body><h1>一篇报道</h1>{body}</body></html>",
        encoding="utf-8",
    )


def each_frame_fits_as_the_host_resizes(page: Any, labels: list[str], ready: str) -> None:
    """At 1200, 420 and again 1200 px, each frame (`labels[i]` names frame i in messages) is scrolled to,
    waited for until `ready` matches inside it, then fits its content within 2 px and keeps that height."""
    for width in (1200, 420, 1200):
        page.set_viewport_size({"width": width, "height": 800})
        for i, label in enumerate(labels):
            page.locator("iframe[data-gz-embed]").nth(i).scroll_into_view_if_needed()
            page.frame_locator("iframe[data-gz-embed]").nth(i).locator(ready).wait_for()
            frame, content = embed_fits(page, i)
            assert abs(frame - content) <= 2, (width, label, frame, content)
            assert embed_height_changes(page, i, frame) == [], (width, label)
