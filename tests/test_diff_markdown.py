"""The Markdown report is inert: a pull request whose every free-text field is an attack (the hostile corpus of
tests/fixtures/hostile, compared with the valid fixture) yields a report with no mention, no cross-reference, no
HTML, no image, no link but our pages and the sources' own URLs, and no way out of a table cell or the code fence."""

from __future__ import annotations

import html as html_lib
import json
import re

import markdown as python_markdown
import pytest

from profiles.outputs.diff import run
from profiles.outputs.diff.markdown import MARKER, inert
from profiles.outputs.diff.render import render
from tests.conftest import ROOT, copy_valid_data
from tests.fixtures.hostile import write_hostile_data

SITE = "https://example.org/gz/"
LINK = re.compile(r"\]\(<(https?://[^>]*)>\)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-diff")
    base = copy_valid_data(tmp / "base" / "data")
    head = tmp / "head" / "data"
    write_hostile_data(head)
    result = run(ROOT, str(base), str(head), ROOT / "data")
    urls = {s.url for s in result_sources(head) if s.url}
    return result.report, render(result.report, "markdown", SITE), render(result.report, "text"), urls


def result_sources(data):
    from profiles.ingest.load import load_dataset

    dataset, _ = load_dataset(data)
    return dataset.sources.values()


def cells(row: str) -> int:
    """Table cells in a row, honouring backslash escapes (as GFM splits a row)."""
    count, i = 0, 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        count += row[i] == "|"
        i += 1
    return count - 1


def test_the_hostile_pull_request_changes_every_text_and_the_report_shows_them(hostile):
    report, md, _, _ = hostile
    assert len(report.changes) > 20 and "window.\\_\\_pwned" in md, "the attacks are in the report, as text"


def prose(md: str) -> list[str]:
    """The lines GitHub scans for references: not our headings, not the code fence, not link destinations."""
    lines = md.splitlines()
    start = lines.index("```geojson")
    lines = lines[:start] + lines[lines.index("```", start + 1) + 1 :]
    return [LINK.sub("]()", line) for line in lines if not line.startswith("#")]


def test_no_mention_no_issue_or_commit_reference(hostile):
    _, md, _, _ = hostile
    assert not re.search(r"[@＠](?!\u200b)", md)
    assert not any(re.search(r"[#＃](?!\u200b)", line) for line in prose(md))
    assert not any(re.search(r"(?i)\bgh-\d", line) for line in prose(md))


def test_no_html_no_image_and_links_only_to_our_pages_and_the_sources_own_urls(hostile):
    report, md, _, urls = hostile
    without_links = LINK.sub("]()", md.replace(MARKER, ""))
    assert "<" not in without_links and ">" not in without_links.replace("&gt;", "").replace("→", "")
    assert not re.search(r"(?<!\\)!\[", md)
    pages = {f"{SITE}districts/{slug}/" for slug in report.districts}
    destinations = {html_lib.unescape(url) for url in LINK.findall(md)}  # GitHub decodes entities in them too
    assert destinations <= pages | urls and pages <= destinations
    assert "://" not in without_links and not re.search(r"(?i)www\.", without_links), "no bare URL to autolink"
    html = python_markdown.markdown(md, extensions=["tables", "fenced_code"])
    assert not re.search(r"<(img|script|iframe|svg|style|base|meta|link|details)\b", html, re.I)
    hrefs = set(re.findall(r'<a href="([^"]*)"', html))
    assert {html_lib.unescape(h) for h in hrefs} <= pages | urls


def test_no_way_out_of_a_table_cell_or_the_code_fence(hostile):
    _, md, _, _ = hostile
    lines = md.splitlines()
    assert [line for line in lines if line.startswith(("```", "~~~"))] == ["```geojson", "```"]
    rows = [line for line in lines if line.startswith("|")]
    assert rows and all(cells(row) == 5 for row in rows), [r for r in rows if cells(r) != 5][:1]
    start = lines.index("```geojson")
    block = "\n".join(lines[start + 1 : lines.index("```", start + 1)])
    names = {f["properties"]["name"] for f in json.loads(block)["features"]}
    assert names and not any(c in "".join(names) for c in "<>`")


def test_the_text_report_carries_no_control_or_direction_characters(hostile):
    _, _, text, _ = hostile
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u2028]", text)


@pytest.mark.parametrize(
    "hostile_text, shown",
    [
        ("@octocat", "@\u200boctocat"),
        ("see #12 and GH-7", "see \\#\u200b12 and GH\u200b-7"),
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("![p](https://t.example/p.png)", "\\!\\[p\\]\\(https:\u200b//t.example/p.png\\)"),
        ("a | b\n| c", "a \\| b \\| c"),
        ("www.evil.example", "w\u200bww.evil.example"),
        ("fix deadbeef1", "fix dead\u200bbeef1"),
        ("```", "\\`\\`\\`"),
        ("$x$", "\\$x\\$"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_one_string_made_inert(hostile_text, shown):
    assert inert(hostile_text) == shown
