"""Live preview: MkDocs' own server watches docs/; a small thread watches data/ and regenerates docs/.

An invalid edit prints the report and leaves docs/ as it was, so the browser keeps the last good site.
The generator stays usable on its own; MkDocs' own events (profiles/mkdocs_hooks.py) do the rest: the
server polls docs/ every POLL_SECONDS (`faster`), and after each of its builds (`after_build`) the
generated pages' search entries (profiles/outputs/search.py) are merged into its index, as `profiles build`
does, so the preview's search finds them too, and Material's bundle is rewritten to load its on-demand
scripts from our own site (profiles/site/selfhost.py), as a build does. (The preview has no CSP: MkDocs'
live-reload script is inline.)

The preview lives at the server's root, without a public address (no QR codes, the embed codes'
placeholder): the configuration's site URL is set aside, for the generator and for MkDocs alike.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import click

from ..outputs import search
from .build import Session, Timings, generate_docs, validate
from ..base.config import Config
from ..base.problems import BuildError
from .languages import DEFAULT_LANGUAGE
from .selfhost import self_host

# Both watchers (ours on data/, MkDocs' on docs/) poll; at 0.1 s a stat of a few hundred files costs
# under a millisecond and keeps an edit to the browser within about a second. (MkDocs' default is
# 0.5 s, which alone would eat a quarter of the 2 s editors are promised.)
POLL_SECONDS = 0.1


def _fingerprint(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.rglob("*") if p.is_file()))


class SearchEntries:
    """The generated pages' latest search entries, handed from the data watcher to the server's builds."""

    def __init__(self) -> None:
        self.entries: list[dict] = []


LATEST = SearchEntries()  # this process's preview: written by `regenerate`, read by `after_build`


def regenerate(config: Config, session: Session, found: SearchEntries | None = None) -> bool:
    dataset, report, boundaries = validate(config, session)
    if report.problems:
        click.echo(report.render(), err=True)
    if not report.ok:
        click.echo("数据有错误：预览继续显示上一次的正确版本。", err=True)
        return False
    timings = Timings()
    entries = generate_docs(dataset, boundaries, config, timings, session)
    if found is not None:
        # Set a few ms after docs/ changed: MkDocs notices the change, then builds for far longer than that, and
        # reads these only when its build is done.
        found.entries = entries
    click.echo(f"已更新 {len(timings.written)} 个文件。")
    return True


def _watch(
    config: Config, session: Session, stop: threading.Event, found: SearchEntries, interval: float = POLL_SECONDS
) -> None:
    seen = _fingerprint(config.data_dir)
    while not stop.wait(interval):
        now = _fingerprint(config.data_dir)
        if now != seen:
            seen = now
            try:
                regenerate(config, session, found)
            except Exception as exc:  # keep serving whatever happens in one regeneration
                click.echo(f"重新生成失败：{exc}", err=True)


def faster(server, config, builder):
    """MkDocs' `on_serve` event: the server it made, polling every POLL_SECONDS instead of 0.5 s (the
    interval is a constructor argument: an equal server, watching what MkDocs' serve watches)."""
    from mkdocs.livereload import LiveReloadServer  # deferred: MkDocs, only for the preview

    host, port = config.dev_addr
    fast = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=POLL_SECONDS,
    )
    fast.error_handler = server.error_handler
    fast.watch(config.docs_dir)
    if config.config_file_path:
        fast.watch(config.config_file_path)
    return fast


def after_build(site: Path, others: tuple[str, ...] = (), found: SearchEntries = LATEST) -> None:
    """MkDocs' `on_post_build` event in a preview, once every language is built (`others`: those besides the
    default one): the generated pages' entries into the index, one index per language, and Material's on-demand
    scripts from our own site."""
    search.merge_into(site, found.entries)
    search.split_by_language(site, others)
    try:
        self_host(site)  # no unpkg.com in the preview either
    except BuildError as exc:  # a page with a mermaid diagram: say so, keep serving
        click.echo(str(exc), err=True)


def preview_plugins(mkdocs_file: Path, lang: str = DEFAULT_LANGUAGE) -> dict[str, dict]:
    """mkdocs.yml's `plugins`, with the English edition's plugin (`i18n`) building the default language and
    `lang` only: each language is a whole MkDocs build (about 0.6 s more per edit for English), so the preview
    shows Chinese unless asked (`profiles serve --lang en`), whether mkdocs.yml builds English or not.

    As a mapping of name to options (MkDocs' other spelling): the server loads the configuration again for each
    rebuild, and MkDocs empties a list's entries as it reads them."""
    from mkdocs.utils.yaml import yaml_load  # deferred: MkDocs, only for the preview

    with open(mkdocs_file, encoding="utf-8") as f:
        listed = yaml_load(f).get("plugins") or []
    plugins = {}
    for entry in listed:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        plugins[name] = options or {}
    for language in plugins.get("i18n", {}).get("languages") or []:
        if not language.get("default"):
            language["build"] = language.get("locale") == lang
    return plugins


def preview_config(config: Config, lang: str = DEFAULT_LANGUAGE) -> Config:
    """The preview has no public address, and generates only the languages it shows (Chinese, or Chinese and
    `lang`): an edit then redraws one edition's images, not both (#25's single-edit budget)."""
    shown = tuple(code for code in config.languages if code in (DEFAULT_LANGUAGE, lang))
    return dataclasses.replace(config, site_url=None, languages=shown)


def serve(config: Config, port: int, lang: str = DEFAULT_LANGUAGE) -> None:
    config = preview_config(config, lang)
    session = Session(config, resident=True)  # held between rebuilds: the cache's memory and what docs/ holds
    regenerate(config, session, LATEST)
    stop = threading.Event()
    threading.Thread(target=_watch, args=(config, session, stop, LATEST), daemon=True).start()
    from mkdocs.commands.serve import serve as mk_serve  # deferred: MkDocs, only for the preview

    try:
        # site_url "": served at the root, not under the public site_url's path (/gz-profiles/).
        mk_serve(
            str(config.mkdocs_file),
            open_in_browser=False,
            livereload=True,
            dev_addr=f"127.0.0.1:{port}",
            site_url="",
            plugins=preview_plugins(config.mkdocs_file, lang),
        )
    finally:
        stop.set()
