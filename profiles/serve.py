"""Live preview: MkDocs' own server watches docs/; a small thread watches data/ and regenerates docs/.

An invalid edit prints the report and leaves docs/ as it was, so the browser keeps the last good site.
No MkDocs hook is involved, so the generator stays usable on its own (Zensical ignores hooks).
District pages opt out of Material's search indexer (profiles/search.py): after each of the server's builds their
entries are merged into its index, as `profiles build` does, so the preview's search finds them too, and
Material's bundle is rewritten to load its on-demand scripts from our own site (profiles/selfhost.py), as a build
does. (The preview has no CSP: MkDocs' live-reload script is inline.)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import click

from . import search
from .build import Session, Timings, generate_docs, validate
from .config import Config
from .problems import BuildError
from .selfhost import self_host

# Both watchers (ours on data/, MkDocs' on docs/) poll; at 0.1 s a stat of a few hundred files costs
# under a millisecond and keeps an edit to the browser within about a second.
POLL_SECONDS = 0.1


def _fingerprint(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.rglob("*") if p.is_file()))


class SearchEntries:
    """The generated pages' latest search entries, handed from the data watcher to the server's builder."""

    def __init__(self) -> None:
        self.entries: list[dict] = []


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


def serve(config: Config, port: int) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The preview lives at the server's root: MkDocs would mount it under the path of mkdocs.yml's public
    # site_url (/gz-profiles/). An empty PROFILES_SITE_URL is "no public address" (its !ENV default unused).
    os.environ.setdefault("PROFILES_SITE_URL", "")
    session = Session(config, resident=True)  # held between rebuilds: the cache's memory and what docs/ holds
    found = SearchEntries()
    regenerate(config, session, found)
    stop = threading.Event()
    threading.Thread(target=_watch, args=(config, session, stop, found), daemon=True).start()
    from mkdocs.commands import serve as mk  # deferred: MkDocs, only for the preview

    class _Server(mk.LiveReloadServer):
        # MkDocs' default is 0.5 s, which alone would eat a quarter of the 2 s editors are promised.
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **{"polling_interval": POLL_SECONDS, **kwargs})

    mk.LiveReloadServer = _Server  # mkdocs==1.6.1 is pinned; serve() has no option for the interval
    mk_build = mk.build

    def build_and_index(mk_config, **kwargs):
        mk_build(mk_config, **kwargs)
        site = Path(mk_config.site_dir)
        search.merge_into(site, found.entries)
        try:
            self_host(site)  # no unpkg.com in the preview either
        except BuildError as exc:  # a page with a mermaid diagram: say so, keep serving
            click.echo(str(exc), err=True)

    mk.build = build_and_index  # the server's builder calls serve's module-level `build`
    mk_serve = mk.serve
    os.chdir(config.root)
    try:
        mk_serve(str(config.mkdocs_file), open_in_browser=False, livereload=True, dev_addr=f"127.0.0.1:{port}")
    finally:
        stop.set()
