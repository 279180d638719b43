"""Fake-but-valid data for the benchmark: N districts laid out on a grid of squares, each with goals,
enterprises, parks and projects, written as YAML the real loader validates.

    python scripts/synthetic.py 1000 /tmp/synthetic-data

The numbers are invented on purpose and the folder is only ever written to a temporary place: this is
load-testing material, never site content.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

LON0, LAT0, CELL = 100.0, 22.0, 0.05  # a grid in southern China, inside the model's lon/lat ranges


def _slug(i: int) -> str:
    return f"d{i:04d}"


def _box(i: int, cols: int) -> tuple[float, float, float, float]:
    x, y = i % cols, i // cols
    x0, y0 = LON0 + x * CELL, LAT0 + y * CELL
    return x0, y0, x0 + CELL, y0 + CELL


def district_yaml(i: int, cols: int) -> str:
    slug = _slug(i)
    x0, y0, x1, y1 = _box(i, cols)
    cx, cy = round((x0 + x1) / 2, 3), round((y0 + y1) / 2, 3)
    goals = "".join(
        f"""  - id: goal-{g}
    theme: 主题{g % 5}
    statement: 第{i}区目标{g}
    metric: 指标{g}
    target: {{comparator: at_least, value: {g + 1}, unit: 亿元}}
    year: 2030
    sources: [src-synthetic]
"""
        for g in range(10)
    )
    enterprises = "".join(
        f"""  - id: firm-{e}
    name: 企业{i}-{e}
    sector: 行业{e}
    role: 在本区的业务{e}
    sources: [src-synthetic]
"""
        for e in range(3)
    )
    parks = "".join(
        f"""  - id: park-{p}
    name: 园区{i}-{p}
    kind: industrial_park
    focus: [产业{p}]
    location: {{lon: {cx + 0.01 * (p - 1):.3f}, lat: {cy:.3f}, precision: approximate}}
    sources: [src-synthetic]
"""
        for p in range(3)
    )
    projects = "".join(
        f"""  - id: project-{p}
    name: 项目{i}-{p}
    category: industry
    location: {{lon: {cx:.3f}, lat: {cy + 0.01 * (p - 1):.3f}, precision: approximate}}
    status: planned
    status_as_of: "2030"
    investment: {{value: {10 * (p + 1)}, unit: 亿元}}
    sources: [src-synthetic]
"""
        for p in range(3)
    )
    return f"""slug: {slug}
name: {{zh: 合成区{i}, en: Synthetic {i}}}
code: "{900000 + i}"
summary: 合成的测试区 {i}。
summary_sources: [src-synthetic]
goals:
{goals}enterprises:
{enterprises}parks:
{parks}projects:
{projects}"""


def write(n: int, folder: Path) -> Path:
    cols = max(1, math.ceil(math.sqrt(n)))
    (folder / "districts").mkdir(parents=True, exist_ok=True)
    (folder / "boundaries").mkdir(exist_ok=True)
    registry = "".join(
        f'  - {{slug: {_slug(i)}, zh: 合成区{i}, en: Synthetic {i}, code: "{900000 + i}"}}\n' for i in range(n)
    )
    (folder / "registry.yaml").write_text("districts:\n" + registry, "utf-8")
    (folder / "sources.yaml").write_text(
        "sources:\n  - id: src-synthetic\n    title: 合成数据\n    publisher: 基准测试\n    published: 2025-01-01\n",
        "utf-8",
    )
    (folder / "city.yaml").write_text(
        'name: {zh: 合成市, en: Synthetic}\ncode: "900000"\nsummary: 合成数据。\nsummary_sources: [src-synthetic]\n'
        'industrial_system: {label: "1", name: 合成体系, sources: [src-synthetic]}\n',
        "utf-8",
    )
    features = []
    for i in range(n):
        (folder / "districts" / f"{_slug(i)}.yaml").write_text(district_yaml(i, cols), "utf-8")
        x0, y0, x1, y1 = _box(i, cols)
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        features.append(
            {
                "type": "Feature",
                "properties": {"slug": _slug(i), "name": f"合成区{i}", "adcode": str(900000 + i)},
                "geometry": {"type": "Polygon", "coordinates": [[[round(a, 5), round(b, 5)] for a, b in ring]]},
            }
        )
    (folder / "boundaries" / "guangzhou.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n", "utf-8"
    )
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
