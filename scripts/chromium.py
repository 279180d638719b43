"""Which Chromium, started how: the one list the browser tests (tests/browser.py) and the benchmark
(scripts/bench.py, Playwright and Lighthouse) share. Imports nothing beyond the standard library, so a
script can use it without pytest."""

from __future__ import annotations

import os
import shutil

CHROMIUM = "/usr/bin/chromium"  # Debian's, where CI installs it
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium to use: env CHROMIUM, else one on PATH, else Debian's; None when none exists."""
    named = os.environ.get("CHROMIUM", "").strip()
    if named:
        return named if os.access(named, os.X_OK) else None
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
