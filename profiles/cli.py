"""The command line: `python -m profiles validate|build|serve`. Thin: it turns known errors into plain
messages and exit codes; the work lives in the stage modules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .base.config import load_config
from .base.problems import Report
from .ingest.load import display_path
from .outputs.diff import SideError, render, run
from .outputs.schema import contributing_drifted, drift, update_contributing, write_schemas
from .site.build import BuildError, Timings, build, validate
from .site.linkcheck import check_site
from .site.scaffold import KINDS, ScaffoldError, add
from .site.serve import serve

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="项目根目录（含 pyproject.toml、mkdocs.yml）。",
)
DATA = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="数据目录（默认 <root>/data）。",
)


def _print_report(report: Report, quiet_ok: bool = False) -> None:
    if report.problems or not quiet_ok:
        click.echo(report.render(), err=bool(report.errors))


@click.group()
def main() -> None:
    """广州区情：校验数据、生成页面与地图、构建网站。"""


@main.command("validate")
@ROOT
@DATA
def validate_cmd(root: Path, data_dir: Path | None) -> None:
    """校验所有数据文件，列出全部问题后退出（有错误时退出码为 1）。"""
    _, report, _ = validate(load_config(root, data_dir))
    _print_report(report)
    sys.exit(0 if report.ok else 1)


@main.command("build")
@ROOT
@DATA
@click.option("--no-mkdocs", is_flag=True, help="只生成 docs/ 里的页面和地图，不运行 MkDocs。")
@click.option("--timings", "show_timings", is_flag=True, help="打印各阶段耗时。")
def build_cmd(root: Path, data_dir: Path | None, no_mkdocs: bool, show_timings: bool) -> None:
    """校验 → 生成页面、地图、下载文件 → MkDocs 构建 site/（失败时保留原来的 site/）。"""
    timings = Timings()
    try:
        report = build(load_config(root, data_dir), timings=timings, run_mkdocs=not no_mkdocs)
    except BuildError as exc:
        click.echo(f"构建失败：{exc}\n原来的 site/ 保持不变。", err=True)
        sys.exit(1)
    _print_report(report, quiet_ok=True)
    if not report.ok:
        click.echo("数据有错误，没有构建；原来的 site/ 保持不变。", err=True)
        sys.exit(1)
    if show_timings:
        for name, seconds in timings.stages.items():
            click.echo(f"{name:>10}: {seconds * 1000:8.1f} ms")
        click.echo(f"rewritten: {len(timings.written)} file(s), removed: {len(timings.removed)}")
        counts = ", ".join(f"{name} {len(keys)}" for name, keys in timings.rendered.items())
        click.echo(f"re-rendered: {counts or 'nothing (every output from the cache)'}")


@main.command("serve")
@ROOT
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="预览的语言：zh 只构建中文（更快）；en 同时构建英文版（/en/，需要 docs/en/ 里的英文页面）。",
)
def serve_cmd(root: Path, port: int, lang: str) -> None:
    """本地预览：数据文件一改，页面自动更新；改错时打印错误并继续显示上一次的正确版本。"""
    serve(load_config(root), port, lang)


@main.command("schema")
@ROOT
@click.option(
    "--check", is_flag=True, help="只检查，不写文件：schema/ 或 CONTRIBUTING.md 与数据模型不一致时退出码为 1。"
)
def schema_cmd(root: Path, check: bool) -> None:
    """根据数据模型生成 schema/*.schema.json 和 CONTRIBUTING.md 里的字段说明。"""
    root = root.resolve()
    contributing = root / "CONTRIBUTING.md"
    try:
        if check:
            stale = [f"schema/{name}" for name in drift(root / "schema")]
            if not contributing.is_file():
                stale.append("CONTRIBUTING.md（文件不存在）")
            elif contributing_drifted(contributing):
                stale.append("CONTRIBUTING.md（字段说明一段）")
            if stale:
                click.echo(
                    "这些文件与数据模型 profiles/model/ 不一致：\n  "
                    + "\n  ".join(stale)
                    + "\n请运行 python -m profiles schema 重新生成，并把它们和模型的修改一起提交。",
                    err=True,
                )
                sys.exit(1)
            click.echo("schema/ 和 CONTRIBUTING.md 的字段说明与数据模型一致。")
            return
        changed = [f"schema/{name}" for name in write_schemas(root / "schema")]
        if contributing.is_file() and update_contributing(contributing):
            changed.append("CONTRIBUTING.md")
    except ValueError as exc:  # CONTRIBUTING.md without its markers
        click.echo(f"{exc}：请恢复这两行标记，字段说明会生成在两者之间。", err=True)
        sys.exit(1)
    click.echo("已更新：" + "、".join(changed) if changed else "已是最新，没有文件需要更新。")


@main.command("new")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("--district", default=None, help="区的拼音编号（文件名），例如 haizhu；添加来源时不需要。")
@click.option("--id", "item_id", default=None, help="新条目的编号，例如 pazhou-ai-zone；不写则留空待填。")
@ROOT
@DATA
def new_cmd(kind: str, district: str | None, item_id: str | None, root: Path, data_dir: Path | None) -> None:
    """在数据文件里添加一个待填写的新条目（园区、项目、目标、企业或来源），其余内容保持不变。"""
    config = load_config(root, data_dir)
    try:
        path, line = add(config.data_dir, kind, district, item_id)
    except ScaffoldError as exc:
        click.echo(f"没有添加：{exc}", err=True)
        sys.exit(1)
    shown = display_path(path, config.root)
    click.echo(
        f"已添加到 {shown}:{line}\n请把标着 TODO 的项换成来源里的内容，然后运行 python -m profiles validate"
        "（或 make serve 边改边看）；没填完之前校验会报错，不能合并。"
    )


@main.command("check")
@ROOT
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="构建好的网站目录（默认 <root>/site）。",
)
def check_cmd(root: Path, site_dir: Path | None) -> None:
    """检查构建好的网站：站内链接、锚点、嵌入框、脚本、样式和图片都存在，网址格式正确（不联网）。有问题时退出码为 1。"""
    config = load_config(root)
    site = site_dir if site_dir is not None else config.site_dir
    shown = str(site_dir).rstrip("/") if site_dir is not None else "site"
    sources = config.data_dir / "sources.yaml"
    findings = check_site(
        site,
        sources_file=sources,
        shown=shown,
        sources_shown=display_path(sources, config.root),
        site_url=config.site_url,
    )
    for finding in findings:
        click.echo(finding.format(), err=True)
    click.echo(f"共 {len(findings)} 个问题 / {len(findings)} problem(s)", err=bool(findings))
    sys.exit(1 if findings else 0)


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text：终端阅读；markdown：贴到 GitHub；json：给程序读（键名见 CONTRIBUTING.md）。",
)
@click.option(
    "--map",
    "map_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="把前后对比地图写到这个文件（.svg 或 .png），可写多次。",
)
@click.option("--site-url", default=None, help="网站地址，Markdown 里链接改动所在区的页面（默认 PROFILES_SITE_URL）。")
@ROOT
@DATA
def diff_cmd(
    base: str,
    head: str | None,
    fmt: str,
    map_files: tuple[Path, ...],
    site_url: str | None,
    root: Path,
    data_dir: Path | None,
) -> None:
    """按含义比较两版数据：BASE、HEAD 是 git 版本（如 main）或 data/ 文件夹，HEAD 默认为工作区。
    退出码：0 没有数据改动，1 有改动，2 出错。"""
    bad = [str(p) for p in map_files if p.suffix not in render.MAP_SUFFIXES]
    if bad:
        click.echo(f"地图文件只能是 .svg 或 .png：{'、'.join(bad)}", err=True)
        sys.exit(2)
    config = load_config(root, data_dir)
    try:
        outcome = run(config.root, base, head, config.data_dir)
    except SideError as exc:
        click.echo(str(exc), err=True)
        shown = render.error(exc.lines, fmt)
        if shown is not None:
            click.echo(shown, nl=False)
        sys.exit(2)
    for path in map_files:
        path.write_bytes(render.map_image(outcome.report, path.suffix))
    site = site_url if site_url is not None else os.environ.get("PROFILES_SITE_URL", "")
    click.echo(render.render(outcome.report, fmt, site), nl=False)
    sys.exit(outcome.exit_code)
