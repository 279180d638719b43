"""Hostile input, read statically: a site built from data where every free-text field is an attack
(tests/fixtures/hostile) contains no markup, script or URL that came from the data, and the downloads
carry the text verbatim but defused for spreadsheets. Source URLs other than http(s) are refused at
file:line. And every page declares a Content-Security-Policy that pins exactly its inline scripts.
The browser half is test_hostile_browser.py.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from profiles.base.config import load_config
from profiles.ingest.load import load_dataset
from profiles.site.build import build
from tests.conftest import SITE_URL
from tests.fixtures.hostile import PAYLOADS, PWN
from tests.fixtures.hostile.sites import hostile_site, real_site

pytestmark = pytest.mark.slow

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite"}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|file):", re.I)
# Elements neither our templates nor Material ever write into a page; each one would have come from data.
NEVER = {"base", "object", "embed", "applet", "frame", "frameset", "style", "textarea", "title"}
# The embed panels' code boxes (the map's, the cards'), and nothing else.
ALLOWED = {("textarea", "data-gz-embed-code"), ("textarea", "data-gz-card-code")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    built = hostile_site(tmp_path_factory)
    assert built.report.ok, built.report.render()
    return built


class Scan(HTMLParser):
    """Everything in one page that could run or load something, and all of its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.text: list[str] = []
        self.json_blocks: list[str] = []
        self._script: dict | None = None
        self._in_head = False
        self._svg = 0  # <title> is also an SVG element: our charts label their bars with it

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self._in_head = self._in_head or tag == "head"
        self._svg += tag == "svg"
        for name, value in a.items():
            cleaned = re.sub(r"[\x00-\x20]", "", value)  # browsers ignore these inside a scheme
            if name.startswith("on") or name == "srcdoc":
                self.findings.append(f"<{tag} {name}={value[:40]!r}>")
            elif name in URL_ATTRS and BAD_SCHEME.match(cleaned):
                self.findings.append(f"<{tag} {name}={value[:40]!r}>")
        allowed = any(tag == t and attr in a for t, attr in ALLOWED)
        if tag in NEVER and not allowed and not (tag == "title" and (self._in_head or self._svg)):
            self.findings.append(f"<{tag}>")
        if tag == "meta" and a.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.findings.append(f"<meta http-equiv={a['http-equiv']!r}>")
        canonical = a.get("rel") == "canonical" and a.get("href", "").startswith(SITE_URL)  # mkdocs.yml's site_url
        oembed = a.get("type") == "application/json+oembed" and re.fullmatch(
            re.escape(SITE_URL) + r"(en/)?embed/[a-z0-9-]+/(card/[a-z0-9-]+/)?oembed\.json", a.get("href", "")
        )
        # Each page's twins by language (the English edition): a path of the site only, made of slugs, no data text.
        twin = (
            a.get("rel") == "alternate"
            and a.get("hreflang") in ("zh", "en", "x-default")
            and re.fullmatch(re.escape(SITE_URL) + r"(en/)?([a-z0-9-]+/)*", a.get("href", ""))
        )
        if tag == "link" and re.match(r"^([a-z]+:)?//", a.get("href", ""), re.I) and not (canonical or oembed or twin):
            self.findings.append(f"<link href={a['href']!r}>")  # every stylesheet and icon is ours
        # Our map frames only, with the one parameter our pages set (?fit=1: the page sizes the frame).
        # (Its address is in data-gz-src: mapframe.js moves it to src once the page has loaded.)
        frame = a.get("src", a.get("data-gz-src", ""))
        if tag == "iframe" and not re.fullmatch(r"(\.\./)*embed/[a-z0-9-]+/(\?fit=1)?", frame):
            self.findings.append(f"<iframe src={frame!r}>")
        if tag == "img" and not a.get("src", "").endswith((".svg", ".png")):
            self.findings.append(f"<img src={a.get('src')!r}>")
        if tag == "script":
            self._script = a

    def handle_endtag(self, tag: str) -> None:
        self._in_head = self._in_head and tag != "head"
        self._svg -= tag == "svg" and self._svg > 0
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            self.text.append(data)
        elif self._script.get("type") == "application/json":
            self.json_blocks.append(data)
        elif "src" in self._script and data.strip():
            self.findings.append("<script src> with a body")
        elif any(word in data for word in ("__pwned", "alert(", "evil.example")):
            self.findings.append(f"inline script carrying data: {data[:60]!r}")


def scan(path: Path) -> Scan:
    s = Scan()
    s.feed(path.read_text("utf-8"))
    s.close()
    return s


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_free_text_field_of_the_model_was_attacked(hostile):
    fields = {re.sub(r"\[\d+\]", "", f).rsplit(".", 1)[-1] for items in hostile.injected.values() for f, _ in items}
    assert fields >= {
        "zh",
        "en",
        "summary",
        "label",
        "name",
        "parts",
        "explanation",
        "note",
        "text",
        "theme",
        "statement",
        "metric",
        "unit",
        "sector",
        "role",
        "focus",
        "description",
        "basis",
        "gaps",
        "items",
        "title",
        "publisher",
        "author",
        "notes",
    }
    assert not fields & {"id", "slug", "code", "sources", "as_of", "status_as_of", "kind", "status", "url"}


def test_no_page_contains_markup_script_or_url_that_came_from_the_data(hostile):
    pages = sorted(hostile.site.rglob("*.html"))
    assert len(pages) >= 5 + 6 + 5  # district pages, their embeds and the city's, home, index, compare, data, 404
    chinese = {p.relative_to(hostile.site).as_posix() for p in pages} - {
        p.relative_to(hostile.site).as_posix() for p in hostile.site.glob("en/**/*.html")
    }
    assert all((hostile.site / "en" / rel).is_file() for rel in chinese)  # the English edition is scanned too
    findings = {p.relative_to(hostile.site).as_posix(): scan(p).findings for p in pages}
    assert {page: f for page, f in findings.items() if f} == {}


def test_the_policy_step_found_only_materials_own_inline_scripts(hostile):
    assert hostile.policy_error is None


def test_the_payloads_are_on_the_pages_as_text(hostile):
    text = words(" ".join(" ".join(scan(p).text) for p in hostile.site.rglob("*.html")))
    shown = [p for p in PAYLOADS if words(p) and words(p) in text]
    assert f"<script>{PWN}</script>" in shown and f'<img src=x onerror="{PWN}">' in shown
    assert "{{ 7*7 }} {% if true %}jinja{% endif %} {# comment #}" in shown  # never evaluated
    assert len(shown) >= len(PAYLOADS) - 4, sorted(set(PAYLOADS) - set(shown))


def test_each_district_page_shows_its_hostile_name_as_text_in_the_page_and_its_title(hostile):
    for path in sorted((hostile.project / "data" / "districts").glob("*.yaml")):
        names = yaml.safe_load(path.read_text("utf-8"))["name"]
        for lang, folder, colon in (("zh", hostile.site, "："), ("en", hostile.site / "en", ":")):
            name = words(names[lang])
            page = folder / "districts" / path.stem / "index.html"
            assert name in words(" ".join(scan(page).text)), page
            [heading] = re.findall(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page.read_text("utf-8"), re.S)
            assert words(html.unescape(heading)) == name, page  # whole: no character in it ended the heading
            [title] = re.findall(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S)
            assert words(html.unescape(title)).startswith(name + colon), page


def test_the_scanner_finds_each_kind_of_injection():
    page = Path(__file__).parent / "fixtures" / "hostile" / "injected.html"
    assert len(scan(page).findings) == 12, scan(page).findings


def test_map_data_blocks_are_whole_json_that_no_string_could_close(hostile):
    embeds = sorted((hostile.site / "embed").glob("*/index.html")) + sorted(hostile.site.glob("en/embed/*/index.html"))
    assert len(embeds) == 2 * (5 + 1)  # in both editions
    for page in embeds:
        block, words = scan(page).json_blocks  # the page's data, and maps.js's words (ours)
        data = json.loads(block)
        assert json.loads(words)
        assert data["features"], page
        assert "</" not in page.read_text("utf-8").split('id="gz-map-data">', 1)[1].split("</script>", 1)[0]


def test_static_map_images_are_svg_without_script_or_handlers(hostile):
    svgs = sorted(hostile.site.rglob("*.svg"))
    assert len(svgs) >= 5 + 1
    for path in svgs:
        for el in ET.parse(path).iter():
            tag = el.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "a", "image", "use"), (path, tag)
            assert not [k for k in el.attrib if k.rsplit("}", 1)[-1].startswith("on")], (path, el.attrib)


def test_json_downloads_carry_the_hostile_text_verbatim(hostile):
    data = json.loads((hostile.site / "data" / "all.json").read_text("utf-8"))
    for district in data["districts"]:
        source = yaml.safe_load(
            (hostile.project / "data" / "districts" / f"{district['slug']}.yaml").read_text("utf-8")
        )
        assert district["summary"] == source["summary"].strip()
        assert district["projects"][0]["location"]["basis"] == source["projects"][0]["location"]["basis"].strip()


def test_csv_cells_a_spreadsheet_would_run_as_a_formula_are_defused(hostile):
    defused = 0
    for path in sorted((hostile.site / "data").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        for row in rows[1:]:
            for value in row:
                if re.fullmatch(r"-?\d+(\.\d+)?", value):
                    continue  # a number, written as a number
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, value[:40])
                defused += value.startswith(("'=", "'+", "'-", "'@"))
    assert defused >= 10  # the corpus put formulas first in many fields: they were there to defuse


BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:/evil.example",
    "https://example.com/a b",
    'https://example.com/"onmouseover="alert(1)',
    "java\tscript:alert(1)",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_source_url_that_is_not_http_is_refused_with_file_and_line(data_dir, url):
    path = data_dir / "sources.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("    published: 2025-02-07", f"    published: 2025-02-07\n    url: {json.dumps(url)}"), "utf-8"
    )
    line = path.read_text("utf-8").splitlines().index(f"    url: {json.dumps(url)}") + 1
    _, report = load_dataset(data_dir, base=data_dir.parent)
    assert [p.format() for p in report.errors] == [
        f"data/sources.yaml:{line}:10: sources[1].url: 网址只接受 http:// 或 https:// 开头的地址 — "
        "例如 url: https://www.gz.gov.cn/ (Value error, url-scheme)"
    ]


def test_a_paragraph_separator_in_a_name_is_a_message_not_a_traceback(project):
    path = project / "data" / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("zh: 海珠区", 'zh: "海珠\\P区"'), "utf-8")
    report = build(load_config(project), run_mkdocs=False)  # either refused with a message, or drawn
    assert report.ok or report.errors


# The Content-Security-Policy: statically, on the real site (the browser half is in test_hostile_browser.py).


def _policy(page: str) -> str:
    return (
        re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1).replace("&#39;", "'")
    )


def test_every_page_declares_a_policy_before_anything_loads_that_pins_exactly_its_inline_scripts(tmp_path_factory):
    from profiles.outputs.csp import inline_scripts, sha256_source

    real = real_site(tmp_path_factory)
    assert real.policy_error is None
    pages = sorted(real.site.rglob("*.html"))
    for page in pages:
        text = page.read_text("utf-8")
        head = text.split("</head>", 1)[0]
        assert head.index("Content-Security-Policy") < min(head.find(t) for t in ("<script", "<link") if t in head), (
            page
        )
        policy = _policy(text)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, page
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
        pinned = set(re.findall(r"'sha256-[^']+'", script_src))
        assert pinned == {sha256_source(s) for s in inline_scripts(text)}, page
    assert len(pages) > 20


def test_the_policy_step_is_idempotent_and_refuses_an_inline_script_it_does_not_know(tmp_path_factory, tmp_path):
    from profiles.outputs.csp import apply_csp
    from profiles.site.build import BuildError

    site = shutil.copytree(real_site(tmp_path_factory).site, tmp_path / "site")
    assert apply_csp(site) == []  # already applied: no page changes
    page = site / "about" / "index.html"
    page.write_text(
        re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text("utf-8")).replace(
            "</body>", f"<script>{PWN}</script></body>"
        ),
        "utf-8",
    )
    with pytest.raises(BuildError, match=r"^about/index.html: 有一段不认识的内联脚本"):
        apply_csp(site)


def test_the_build_itself_declares_the_policy(tmp_path_factory):
    assert real_site(tmp_path_factory).had_policy
