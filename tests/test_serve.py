"""Live preview, for real: `python -m profiles serve` in its own process on 127.0.0.1, edited like an editor would.

One server for the module (it takes a few seconds to start); each test first writes a valid file with
its own marker and waits for it, so no test depends on what an earlier one left behind.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import pytest

from tests.conftest import ROOT, copy_valid_data, make_project

DEADLINE = 30.0  # seconds a condition may take to hold before a test gives up (a busy machine is slow)
SUMMARY = "summary: 海珠区以数智产业为主线。"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, whatever the env says


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with _NO_PROXY.open(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_for(condition: Callable[[], bool], timeout: float = DEADLINE, interval: float = 0.05) -> bool:
    """Poll `condition()` until it holds (True) or the deadline passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


@dataclass
class Preview:
    process: subprocess.Popen
    district_file: Path
    url: str  # the district's page
    stderr: Path
    original: str

    def generated_page(self) -> str:
        """The district's Markdown as the generator last wrote it into docs/."""
        return (self.district_file.parents[2] / "docs" / "districts" / "haizhu.md").read_text("utf-8")

    def page(self) -> str:
        status, body = fetch(self.url)
        return body if status == 200 else ""

    def stderr_mark(self) -> int:
        return len(self.stderr.read_text("utf-8", "replace"))

    def errors_since(self, offset: int) -> str:
        return self.stderr.read_text("utf-8", "replace")[offset:]

    def write(self, text: str) -> None:
        # Atomic, as editors' editors save: the watcher never reads half a file.
        tmp = self.district_file.with_name("haizhu.yaml.tmp")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, self.district_file)

    def show(self, marker: str) -> bool:
        """Write a valid file whose summary is `marker`; whether the served page comes to show it."""
        assert self.process.poll() is None, self.stderr.read_text("utf-8", "replace")
        self.write(self.original.replace(SUMMARY, f"summary: {marker}"))
        return wait_for(lambda: marker in self.page())


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    base = tmp_path_factory.mktemp("serve")
    project = make_project(base / "project", copy_valid_data(base / "data"))
    port = free_port()
    stdout, stderr = base / "serve.out", base / "serve.err"
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "profiles", "serve", "--root", str(project), "--port", str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    try:
        url = f"http://127.0.0.1:{port}/districts/haizhu/"
        district_file = project / "data" / "districts" / "haizhu.yaml"
        original = district_file.read_text("utf-8")
        assert SUMMARY in original
        started = wait_for(lambda: process.poll() is not None or fetch(url)[0] == 200, timeout=120, interval=0.2)
        assert started and process.poll() is None, stderr.read_text("utf-8", "replace")
        yield Preview(process, district_file, url, stderr, original)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_the_preview_serves_the_district_page_on_loopback(preview):
    assert "海珠区" in preview.page()


def test_every_edit_to_the_district_file_shows_in_the_served_page(preview):
    # How fast is measured by the benchmark (make bench), not asserted here: a test asserts states.
    for marker in ("预览标记。", "预览标记甲。", "预览标记乙。"):
        assert preview.show(marker), f"the edit {marker} never reached the served page"


@pytest.mark.parametrize(
    "breakage, words",
    [
        (lambda text: text.replace("    year: 2025", "    year: 二〇二五", 1), "应为整数"),
        (lambda text: text.replace("summary_sources: [src-a]", "summary_sources: [src-a", 1), "YAML 语法错误"),
    ],
)
def test_an_invalid_edit_prints_the_error_at_file_line_and_keeps_the_last_good_page(preview, breakage, words):
    assert preview.show("最后一次正确的版本。")
    good = preview.original.replace(SUMMARY, "summary: 最后一次正确的版本。")
    broken = breakage(good.replace("最后一次正确的版本。", "这个版本有错误。"))
    assert broken != good
    offset = preview.stderr_mark()
    preview.write(broken)
    # The message is printed once the rebuild has refused the edit: nothing can change after it.
    printed = wait_for(lambda: "预览继续显示上一次的正确版本" in preview.errors_since(offset))
    report = preview.errors_since(offset)
    assert printed, report
    located = [ln for ln in report.splitlines() if re.search(r"data/districts/haizhu\.yaml:\d+:\d+:", ln)]
    assert any(words in ln for ln in located), report
    assert "Traceback" not in report
    assert preview.process.poll() is None, "the preview must survive a bad edit"
    assert "这个版本有错误" not in preview.generated_page()  # docs/ kept the last good version
    page = preview.page()
    assert "最后一次正确的版本。" in page and "这个版本有错误" not in page


def test_the_error_names_the_line_the_editor_broke(preview):
    assert preview.show("行号检查。")
    good = preview.original.replace(SUMMARY, "summary: 行号检查。")
    lines = good.splitlines(keepends=True)
    line = next(i for i, ln in enumerate(lines, 1) if ln.strip() == "year: 2025")
    lines[line - 1] = lines[line - 1].replace("2025", "明年")
    offset = preview.stderr_mark()
    preview.write("".join(lines))
    assert wait_for(lambda: "预览继续显示" in preview.errors_since(offset))
    assert f"data/districts/haizhu.yaml:{line}:" in preview.errors_since(offset)


def test_fixing_the_error_brings_the_preview_back(preview):
    offset = preview.stderr_mark()
    preview.write(preview.original.replace("    year: 2025", "    year: 二〇二五", 1))
    assert wait_for(lambda: "预览继续显示" in preview.errors_since(offset))
    assert preview.show("改正之后。"), "after a fix the preview must follow edits again"


@pytest.mark.browser
def test_an_open_browser_tab_reloads_by_itself_after_an_edit(preview, open_page):
    assert preview.show("浏览器里的旧版本。")
    opened = open_page(preview.url)
    assert "浏览器里的旧版本。" in opened.page.inner_text("body")
    preview.write(preview.original.replace(SUMMARY, "summary: 浏览器里的新版本。"))
    # No reload from the test: MkDocs' live-reload script in the page must fetch the new version.
    opened.page.wait_for_function(
        "document.body !== null && document.body.innerText.includes('浏览器里的新版本。')", timeout=DEADLINE * 1000
    )
    assert not opened.page_errors, opened.page_errors


def test_the_preview_indexes_district_pages_for_search_like_the_full_build(preview):
    index = preview.url.replace("districts/haizhu/", "search/search_index.json")

    def indexed(marker: str) -> bool:
        status, body = fetch(index)
        docs = json.loads(body)["docs"] if status == 200 and body else []
        return any(d["location"].startswith("districts/haizhu/") and marker in d["text"] for d in docs)

    assert preview.show("previewsearchone。") is not None
    assert wait_for(lambda: indexed("previewsearchone"), timeout=15) is not None
    assert preview.show("previewsearchtwo。") is not None
    assert wait_for(lambda: indexed("previewsearchtwo"), timeout=15) is not None, "an edit is indexed again"


def test_the_preview_loads_materials_on_demand_scripts_from_our_own_site_like_the_full_build(preview):
    status, page = fetch(preview.url)
    assert status == 200
    bundle = re.search(r'src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"', page).group(1)
    status, text = fetch(urljoin(preview.url, bundle))
    assert status == 200 and "resize-observer-polyfill/ResizeObserver.js" in text
    assert "unpkg.com" not in text


def test_the_preview_builds_chinese_only_unless_asked_for_english():
    from profiles.site.serve import preview_plugins

    def english(plugins) -> bool:
        return next(lang for lang in plugins["i18n"]["languages"] if lang["locale"] == "en")["build"]

    chinese_only, both = preview_plugins(ROOT / "mkdocs.yml"), preview_plugins(ROOT / "mkdocs.yml", "en")
    assert not english(chinese_only) and english(both)
    assert list(chinese_only) == ["search", "i18n"]  # mkdocs.yml's plugins, in order, their options kept
    assert chinese_only["search"]["jieba_dict_user"] == "build/jieba_user.dict"


def test_after_each_build_the_preview_gives_each_language_its_own_index(tmp_path):
    from profiles.site.serve import SearchEntries, after_build

    (tmp_path / "search").mkdir()
    index = {"config": {}, "docs": [{"location": "en/", "title": "Home", "text": ""}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    found = SearchEntries()
    found.entries = [{"location": "districts/x/", "title": "x", "text": ""}]
    after_build(tmp_path, ("en",), found)
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert [d["location"] for d in zh["docs"]] == ["districts/x/"] and [d["location"] for d in en["docs"]] == ["en/"]


def test_the_preview_generates_only_the_languages_it_shows(tmp_path):
    import dataclasses

    from profiles.base.config import load_config
    from profiles.site.serve import preview_config

    both = dataclasses.replace(load_config(tmp_path), languages=("zh", "en"), site_url="https://example.org/")
    assert preview_config(both).languages == ("zh",) and preview_config(both).site_url is None
    assert preview_config(both, "en").languages == ("zh", "en")
