"""Valid HTML: the Nu HTML Checker (vnu.jar, from the npm package `vnu-jar` pinned in package-lock.json; `make vnu`
installs it with Java) finds no error in any page of the real site, other than the few listed below by name, each
upstream's and each with its reason. One JVM run checks the whole folder (and a canary page with a known error,
which proves the checker ran and was read)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    """An error that is not ours: its exact message, a piece of the markup it points at (the checker's extract),
    and why it stays."""

    message: str
    extract: str
    reason: str


AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
ALLOWED = (
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        "Material's base.html (upstream, on every page, outside any block overrides/ may fill): its drawer toggle, "
        "a checkbox with autocomplete=off so that a browser does not restore it open on a reload or going back; "
        "reported and kept upstream (squidfunk/mkdocs-material#1513).",
    ),
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        "Material's base.html (upstream, on every page): its search toggle, the same as the drawer's.",
    ),
    Allowed(
        "A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”.",
        '<link rel="expect" href="#gz-embed" blocking="render">',
        "The checker's own lag (upstream): the HTML standard lets <link rel=expect> carry blocking=render since "
        "2024 (whatwg/html#9970, render-blocking until the element is parsed); vnu 26.9.27 still allows it on "
        "stylesheets only. The map embeds hold their first paint with it until <main> is parsed "
        "(profiles/outputs/maps/templates/embed.html, commit 1a03417: part of the fix for CLS 0.7 in the home page's map "
        "frame; tests/test_maps.py asserts it). Not ours to drop.",
    ),
)

# A page the checker must fault (a stray </p>): run with the site, it proves the errors are read.
CANARY = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>canary</title></head><body></p></body></html>'
)
CANARY_MESSAGE = "No “p” element in scope but a “p” end tag seen."


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The checker's command line, or a skip saying what to install (a failure under CI), before any build."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        missing = " and ".join(
            n for n, ok in (("java", java), (str(VNU_JAR.relative_to(ROOT)), VNU_JAR.is_file())) if not ok
        )
        reason = f"the Nu HTML Checker needs {missing}: `make vnu` installs it (make test does)"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(reason + " — under CI this test must run", pytrace=False)
        pytest.skip(reason)
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--skip-non-html"]


def _check(vnu: list[str], *paths: Path) -> list[dict]:
    """The checker's messages (errors only) for every HTML file under `paths`: one JVM run."""
    proc = subprocess.run([*vnu, *map(str, paths)], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: it found errors
    return json.loads(proc.stderr)["messages"]  # vnu writes its JSON report to stderr


def _allowance(message: dict) -> Allowed | None:
    return next(
        (a for a in ALLOWED if message.get("message") == a.message and a.extract in message.get("extract", "")), None
    )


def test_the_nu_html_checker_finds_no_error_of_ours_on_any_page(vnu, public_project, tmp_path):
    real_site = public_project / "site"  # the build with both languages (and oEmbed, at its public address)
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100  # every page: home, districts, changes, compare, embeds, cards …
    assert len([p for p in pages if p.relative_to(real_site).parts[0] == "en"]) * 2 == len(pages)  # every page in both
    canary = tmp_path / "canary" / "index.html"
    canary.parent.mkdir()
    canary.write_text(CANARY, encoding="utf-8")

    messages = _check(vnu, real_site, canary.parent)

    def where(m: dict) -> str:
        url = m.get("url", "")
        return url.split(real_site.as_posix() + "/", 1)[-1] if real_site.as_posix() in url else url

    canaries = [m for m in messages if m.get("url", "").endswith("/canary/index.html")]
    assert [m["message"] for m in canaries] == [CANARY_MESSAGE], canaries
    used = defaultdict(set)
    ours = defaultdict(list)
    for m in messages:
        if m in canaries:
            continue
        allowed = _allowance(m)
        if allowed is not None:
            used[allowed].add(where(m))
            continue
        ours[m.get("message", m.get("type"))].append(f"{where(m)}:{m.get('lastLine', '?')}: {m.get('extract', '')!r}")
    if ours:
        report = "\n".join(
            f"{len(found)}× {message}\n    " + "\n    ".join(sorted(found)[:5])
            for message, found in sorted(ours.items())
        )
        pytest.fail(f"the Nu HTML Checker found errors in our markup:\n{report}", pytrace=False)
    # An entry no page needs any more (upstream fixed it) is removed, so the list never hides a new error.
    assert [a.extract for a in ALLOWED if not used[a]] == []
