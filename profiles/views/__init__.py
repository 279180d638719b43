"""Cross-district views: the /compare/ page (goals by theme, industry × district matrix, directories
of enterprises, parks and projects, charts) and the /data/ downloads page.

Same escaping rules as profiles.pages: data sits in HTML blocks under Jinja autoescape; front matter
goes through `yaml_str`. The sorting/filtering script is our own static file, copied to
assets/views/ (the generator owns that folder, see generate.MANAGED); pages are complete without it.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..dataset import Dataset
from ..pages import label, md, num, quantity_text, target_text, yaml_str
from . import compare, matrix
from .charts import fmt, stacked_bars
from .downloads import data_page, human_size

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT = "assets/views/tables.js"  # under docs/; mkdocs.yml loads it through extra_javascript


def codespans(text: str) -> Markup:
    """Field descriptions use Markdown `code`; inside an HTML block we render it ourselves, after escaping."""
    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(escape(text))))


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(
    md=md, yaml_str=yaml_str, num=num, target=target_text, qty=quantity_text, label=label, chartnum=fmt,
    sortkey=compare.sort_key, filesize=human_size, codespans=codespans,
)


def _charts(dataset: Dataset, themes: list[compare.ThemeGroup]) -> dict:
    counts = compare.district_counts(dataset)
    owners = list(dict.fromkeys(o for g in themes for o in g.owners))
    money = compare.investments(dataset)
    return {
        "counts": stacked_bars(
            "chart-counts", "各区已收录的条目数", "每个区已收录的发展目标、龙头企业、产业园区和重大项目条数，按行政区划代码排列。",
            [(c.name, c.values) for c in counts], compare.COUNT_SERIES, "条",
        ),
        "themes": stacked_bars(
            "chart-themes", "各主题的发展目标数", "每个主题下的发展目标条数，按提出目标的区（或全市）分段。",
            [(g.theme, [sum(r.owner_name == o for r in g.rows) for o in owners]) for g in themes], owners, "项",
        ) if themes else None,
        "money": stacked_bars(
            "chart-money", "已公布投资额的重大项目", "来源写明投资额（以元计）的项目，按投资额从大到小排列。",
            [(r.item.name, [float(compare.sort_key(r.item.investment))]) for r in money], ["投资额"], "亿元",
        ) if money else None,
        "count_rows": counts,
        "money_rows": money,
        "owners": owners,
    }


def render_compare(dataset: Dataset) -> str:
    themes = compare.goal_groups(dataset)
    return _ENV.get_template("compare.md.j2").render(
        themes=themes,
        matrix=matrix.build_matrix(dataset),
        kinds=matrix.KINDS,
        enterprises=compare.directory(dataset, "enterprises"),
        parks=compare.directory(dataset, "parks"),
        projects=compare.directory(dataset, "projects"),
        city_enterprises=compare.city_enterprises(dataset),
        charts=_charts(dataset, themes),
        city_parts=dataset.city.industrial_system.parts if dataset.city else [],
    )


def render_data_page(dataset: Dataset, paths: list[Path], out_dir: Path) -> str:
    return _ENV.get_template("data.md.j2").render(page=data_page(paths, out_dir, dataset.root))


def write_views(dataset: Dataset, out_dir: Path, export_paths: list[Path]) -> None:
    """Write compare/index.md, data/index.md (beside the downloads) and the table script under out_dir."""
    pages = {
        "compare/index.md": render_compare(dataset).encode("utf-8"),
        "data/index.md": render_data_page(dataset, export_paths, out_dir).encode("utf-8"),
        SCRIPT: (STATIC / "tables.js").read_bytes(),
    }
    for rel, data in pages.items():
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
