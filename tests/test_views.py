"""Views: the /compare/ and /data/ pages, their charts, and the search dictionary.

The first tests run on the loaded data (fast); the rest use the real site built once per test session
and read the HTML, the downloads and the search index that MkDocs wrote.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

import profiles.outputs.views
from profiles.ingest.i18n.localize import localize
from profiles.ingest.load import load_dataset
from profiles.model import City, District, Source
from profiles.model.localized import Localized
from profiles.outputs.exports.tables import TABLES, table_of
from profiles.outputs.pages import search_words
from profiles.outputs.views.matrix import TITLE, build_matrix, items, split_part, terms_in
from tests.conftest import ROOT, make_project
from tests.dom import HAN, chinese_outside_lang, markdown_page
from tests.render import render_output

HOSTILE = "<script>alert(1)</script>\"' &amp; {{ 7*7 }}"


@pytest.fixture(scope="module")
def real():
    dataset, report = load_dataset(ROOT / "data", base=ROOT)
    assert report.ok, report.render()
    return dataset


# ---- matrix: derived from the data only ----


def test_structural_parts_are_not_industries_and_qualifiers_are_kept():
    assert split_part("8个战略性产业集群") is None
    assert split_part("六大千亿级") is None
    assert split_part("生物医药与健康（战略性产业集群）") == ("生物医药与健康", "战略性产业集群")
    assert split_part("旅游休闲") == ("旅游休闲", "")


def test_role_text_matches_the_longest_word_once_and_skips_document_titles():
    words = {"互联网", "工业互联网", "数字经济"}
    assert terms_in("发展工业互联网平台，工业互联网", words) == ["工业互联网"]
    assert terms_in("在《广州市数字经济高质量发展规划》中，发展数字经济", words) == ["数字经济"]
    assert terms_in("在《广州市数字经济高质量发展规划》中", words) == []


def test_every_matrix_mark_points_to_an_item_whose_own_words_name_the_industry(real):
    items = {}
    for slug, d in real.districts.items():
        page = f"../districts/{slug}/"
        if d.industrial_system:
            items[page + "#industrial-system"] = [s[0] for s in map(split_part, d.industrial_system.parts) if s]
        items.update({f"{page}#role-{r.id}": TITLE.sub("", r.text) for r in d.roles})
        items.update({f"{page}#park-{p.id}": p.focus for p in d.parks})
        items.update({f"{page}#project-{p.id}": p.focus for p in d.projects})
    matrix = build_matrix(real)
    marks = [(row.term, slug, ev) for row in matrix.rows for slug, evs in row.cells.items() for ev in evs]
    assert len(marks) > 20
    for term, slug, ev in marks:
        assert ev.href.startswith(f"../districts/{slug}/#")
        named = items[ev.href]
        assert term in named, (term, ev)  # a list: exactly one of its entries; a role: a substring


def test_matrix_names_panyu_for_the_car_industries_of_its_gac_park(real):
    rows = {r.term: r for r in build_matrix(real).rows}
    assert [e.href for e in rows["汽车制造"].cells["panyu"]] == ["../districts/panyu/#park-gac-nev-park"]
    assert "huangpu" not in rows["数字经济"].cells  # only named in a plan's title 《…数字经济…规划》


def test_with_many_districts_the_compare_page_stays_bounded_and_says_what_it_left_out(tmp_path):
    # The benchmark's fake districts: 10 goals and 3 enterprises, parks and projects each.
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    project = make_project(tmp_path / "project", synthetic.write(60, tmp_path / "project" / "data"))
    made = render_output("compare", project)
    page = made.text("compare/index.md")
    assert len(page.encode("utf-8")) < 400_000
    assert "上表只列出前 300 行（共 600 行）" in page  # goals; the downloads have them all
    assert "数量一览" not in page  # collection counts are on /data/, not here
    assert len(made.views["compare/index.md"].matrix.districts) == 20


def test_compare_page_escapes_hostile_names_in_its_tables(project):
    path = project / "data" / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("name: 腾讯微信", "name: '<img src=x onerror=alert(1)>'"), "utf-8")
    _, html = markdown_page(render_output("compare", project).text("compare/index.md"))
    assert not html.find_all("img", src="x")
    assert "<img src=x onerror=alert(1)>" in [
        a.text for a in html.find_all("a", href="../districts/haizhu/#enterprise-tencent-wechat")
    ]


def test_a_bar_for_an_investment_the_source_gives_as_a_bound_says_so_and_the_table_flags_the_caution(project):
    from profiles.outputs.charts.data import project_investments

    path = project / "data" / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8").replace(
        "    status: planned\n",
        "    status: planned\n    investment: {value: 200, unit: 亿元, comparator: more_than}\n    caution: 所在区存疑\n",
    )
    path.write_text(text, "utf-8")
    made = render_output("compare", project)
    [bar] = project_investments(made.dataset).points
    assert (bar.name, bar.text, bar.value) == ("琶洲港澳码头直升机场", "200（超过）", 200.0)
    _, html = markdown_page(made.text("compare/index.md"))
    href = "../districts/haizhu/#project-pazhou-heliport"
    [row] = [tr for tr in html.find_all("tr") if tr.find_all("td") and tr.find_all("td")[0].find_all("a", href=href)]
    assert "请注意：所在区存疑" in row.text and "> 200 亿元" in row.text


# ---- the English edition: the same tables, in English ----


def test_a_list_s_translation_pairs_with_its_chinese_items_only_when_both_count_the_same():
    two = Localized("A, B (C, D)", "en", "ok", zh="甲、乙（丙、丁）")
    assert items([two]) == [("甲", "A"), ("乙（丙、丁）", "B (C, D)")]
    three = Localized("A, B and C", "en", "ok", zh="甲、乙、丙")
    assert items([three]) == [("甲", ""), ("乙", ""), ("丙", "")]  # no pairing by guess: the row stays Chinese
    assert items(["甲", "乙"]) == [("甲", ""), ("乙", "")]  # the Chinese edition's list


def test_the_english_matrix_ties_the_same_industries_to_the_same_entries_as_the_chinese(real):
    def ties(matrix):
        return {(r.term, slug, ev.kind, ev.href) for r in matrix.rows for slug, evs in r.cells.items() for ev in evs}

    chinese, english = build_matrix(real), build_matrix(localize(real))
    assert ties(english) == ties(chinese)
    assert [r.term for r in english.rows] == [r.term for r in chinese.rows]
    assert all(r.english for r in english.rows) and not any(r.english for r in chinese.rows)
    assert "Artificial intelligence (AI)" in {r.english for r in english.rows}


@pytest.fixture(scope="module")
def english(real_data_project):
    compare = render_output("compare", real_data_project, lang="en")
    data = render_output("data-page", real_data_project, lang="en")
    return markdown_page(compare.text("compare/index.md")), markdown_page(data.text("data/index.md"))


def test_the_english_compare_page_writes_its_own_words_in_english(english):
    (front, html), _ = english
    assert front["title"].startswith("Comparing the districts") and not HAN.search(front["description"])
    charts = {id(e) for block in html.find_all("section", cls="gz-chart-block") for e in block.iter()}
    # The page's own words; the charts' words, and the cells the formatting filters write (labels, targets,
    # quantities, periods), are their stages' to translate.
    own = [
        e for e in html.iter() if id(e) not in charts and e.tag in ("h1", "h2", "caption", "th", "summary", "p", "dt")
    ]
    assert [(e.tag, found) for e in own if (found := chinese_outside_lang(e))] == []
    assert "S" in [s.text for s in html.find_all("span", cls="gz-mark")]


def test_the_english_numbers_table_reads_periods_and_units_in_english(english):
    (_, html), _ = english
    table = html.find("div", cls="gz-numbers")
    assert chinese_outside_lang(table) == []
    heads = [th.text for th in table.find("thead").find_all("th")]
    assert "GDP (gross regional product), billion yuan" in heads and "Resident population, million people" in heads
    haizhu = next(tr for tr in table.find("tbody").find_all("tr") if tr.find("th").text == "Haizhu District")
    gdp, _, population = haizhu.find_all("td")[:3]
    assert gdp.find("span", lang="en").text == "300.835" and gdp["data-sort"] == "3008.35"  # sorts as before
    assert population.find(cls="gz-cell-when").text == "end of 2023"


def test_the_english_tables_hand_the_script_its_words(english):
    (_, html), _ = english
    script = (Path(profiles.outputs.views.__file__).parent / "static" / "tables.js").read_text("utf-8")
    keys = set(re.findall(r"^    (\w+): \"", script, re.M))
    tables = html.find_all("table", data_gz_words=True)
    assert tables and len(tables) == len(html.find_all("table", data_gz_table=True))
    for table in tables:
        words = json.loads(table["data-gz-words"])
        assert set(words) == keys and not HAN.search("".join(words.values()))
    assert {"sort", "filter", "total", "shown"} <= keys


def test_the_english_data_page_is_english_links_the_shared_files_and_says_they_stay_chinese(english):
    _, (front, html) = english
    assert not HAN.search(front["title"] + front["description"])
    assert chinese_outside_lang(html) == []
    files = [a["href"] for a in html.find_all("a") if a.find_all("code")]
    assert files and all(href.startswith("../../data/") for href in files)
    assert "column names and values are as published" in html.text


def test_the_chinese_pages_carry_no_script_words_and_keep_their_own(real_data_project):
    page = render_output("compare", real_data_project).text("compare/index.md")
    assert "data-gz-words" not in page and "# 各区比较" in page


# ---- search dictionary ----


def test_search_dictionary_cuts_out_short_words_and_never_keeps_a_whole_name(real):
    words = set(search_words(real))
    assert {"大模型", "琶洲", "广汽", "算力"} <= words
    names = {p.name for d in real.districts.values() for p in [*d.parks, *d.projects, *d.enterprises]}
    assert not words & {n for n in names if len(n) > 3}
    assert max(map(len, words)) <= 3


# ---- the built site ----


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


class _Page(HTMLParser):
    """Ids, links (with the table they sit in) and head tags of one built page."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, bool]] = []  # (href, inside a data-gz-table table)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._table = 0
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "table":
            self._table += 1 if "data-gz-table" in a or self._table else 0
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], self._table > 0))
        if tag == "meta" and a.get("content"):
            self.meta[a.get("property") or a.get("name") or ""] = a["content"]
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag):
        if tag == "table" and self._table:
            self._table -= 1
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _page(site: Path, url_path: str) -> _Page:
    return _Page((site / url_path.strip("/") / "index.html").read_text("utf-8"))


@pytest.mark.slow
def test_every_directory_row_links_to_an_element_that_exists_on_its_profile_page(site, real):
    page = _page(site, "compare/")
    targets = [href for href, in_table in page.links if in_table and "#" in href and not href.startswith("#")]
    entries = sum(len(d.enterprises) + len(d.parks) + len(d.projects) for d in real.districts.values())
    assert len(targets) >= entries  # every directory row has its link (and goals, matrix marks too)
    for href in targets:
        url = urljoin("/compare/", href)
        path, anchor = url.split("#")
        assert anchor in _page(site, path).ids, f"{href}: no id {anchor!r} on {path}"


@pytest.mark.slow
def test_data_page_lists_every_download_with_its_true_size(site):
    html = (site / "data" / "index.html").read_text("utf-8")
    listed = dict(re.findall(r'<td><a href="([^"]+)"><code>[^<]*</code></a></td>.*?data-bytes="(\d+)"', html))
    on_disk = {p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"index.html"}
    for rel, size in listed.items():
        assert (site / "data" / rel).stat().st_size == int(size), rel


@pytest.mark.slow
def test_every_download_listed_on_the_data_page_parses(site):
    html = (site / "data" / "index.html").read_text("utf-8")
    listed = re.findall(r'<td><a href="([^"]+)"><code>', html)
    assert {"all.json", "goals.csv", "parks.geojson", "districts/haizhu.json"} <= set(listed)
    for rel in listed:
        raw = (site / "data" / rel).read_bytes()
        if rel.endswith(".csv"):
            assert raw.startswith(b"\xef\xbb\xbf"), rel  # BOM, for Excel
            rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
            assert list(rows[0]) == [c.name for c in TABLES[table_of(Path(rel).stem)]], rel
        elif rel.endswith(".geojson"):
            doc = json.loads(raw)
            assert doc["type"] == "FeatureCollection" and doc["features"], rel
            for f in doc["features"]:
                assert f["type"] == "Feature" and f["geometry"]["type"] in ("Point", "Polygon", "MultiPolygon")
                lon, lat = _first_position(f["geometry"]["coordinates"])
                assert 112.9 < lon < 114.1 and 22.5 < lat < 24.0, (rel, f["id"])  # WGS-84, Guangzhou
        elif rel == "all.json":
            doc = json.loads(raw)
            City.model_validate(doc["city"])
            assert len([District.model_validate(d) for d in doc["districts"]]) == 11
            [Source.model_validate(s) for s in doc["sources"]]
        elif rel == "indicators.json":  # the same rows as indicators.csv
            rows = json.loads(raw)["indicators"]
            assert rows and list(rows[0]) == [c.name for c in TABLES["figures"]]
            assert all(r["source_url"].startswith("http") and r["quote"] for r in rows)
        else:
            doc = json.loads(raw)
            assert District.model_validate(doc["district"]).slug == Path(rel).stem
            [Source.model_validate(s) for s in doc["sources"]]


def _first_position(coords):
    while isinstance(coords[0], list):
        coords = coords[0]
    return coords[0], coords[1]


@pytest.mark.slow
@pytest.mark.parametrize("word", ["大模型", "琶洲", "低空经济", "广汽", "产业园"])
def test_search_index_starts_a_token_wherever_a_searched_word_occurs(site, word):
    # The browser matches a query against the start of indexed tokens, so a word hidden inside a
    # longer token (人工智能大模型应用示范区) cannot be found. Check every occurrence in the index.
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    occurrences = 0
    for doc in index["docs"]:
        for field in ("title", "text"):
            tokens = [t for t in separator.split(re.sub(r"<[^>]+>", " ", doc[field])) if t]
            starts, joined = set(), ""
            for t in tokens:
                starts.add(len(joined))
                joined += t
            for m in re.finditer(word, joined):
                occurrences += 1
                assert m.start() in starts, f"{word} hidden inside a token on {doc['location']}"
    assert occurrences > 0


@pytest.mark.slow
@pytest.mark.parametrize("path", ["compare/", "data/"])
def test_new_pages_have_a_title_a_description_and_open_graph_tags(site, path):
    page = _page(site, path)
    assert page.title.endswith(" - 广州区情") and len(page.title) > 10
    assert page.meta["description"] == page.meta["og:description"] and len(page.meta["description"]) > 20
    assert page.meta["og:title"] in page.title


@pytest.mark.slow
def test_table_script_is_served_from_the_site_and_loaded_by_the_compare_page(site):
    assert (site / "assets" / "views" / "tables.js").read_text("utf-8").startswith("/* 广州区情")
    scripts = re.findall(r'<script src="([^"]+)"', (site / "compare" / "index.html").read_text("utf-8"))
    assert "../assets/views/tables.js" in scripts
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)
