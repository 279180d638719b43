"""The command line: `python -m profiles validate|build|serve`. Thin: it turns known errors into plain
messages and exit codes; the work lives in the stage modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import BuildError, Timings, build, validate
from .config import load_config
from .problems import Report

ROOT = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
                    help="项目根目录（含 pyproject.toml、mkdocs.yml）。")
DATA = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                    help="数据目录（默认 <root>/data）。")


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


@main.command("serve")
@ROOT
@click.option("--port", default=8000, show_default=True)
def serve_cmd(root: Path, port: int) -> None:
    """本地预览：数据文件一改，页面自动更新；改错时打印错误并继续显示上一次的正确版本。"""
    from .serve import serve

    serve(load_config(root), port)
