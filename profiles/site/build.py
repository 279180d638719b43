"""The whole build: validate → generate in memory → sync changed files into docs/ → MkDocs into a
temporary folder → swap it in for site/. A failure at any step leaves the previous site/ untouched.

A build reads its settings from `Config` and changes neither the environment nor the working directory:
what MkDocs would take from them (the pages' date, SOURCE_DATE_EPOCH; the search dictionary's path,
relative to mkdocs.yml) it is given through its own plugin events (`_Build`)."""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..facts import geo
from ..outputs import search
from ..base import vcs
from ..base.config import Config
from ..outputs.csp import apply_csp
from ..model.dataset import Dataset
from .generate import MANAGED, generate
from ..ingest.load import load_dataset
from ..engine.output import Outputs
from ..base.problems import BuildError, Report
from . import languages
from .selfhost import self_host


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)  # docs/ files rewritten by the last sync
    removed: list[str] = field(default_factory=list)
    rendered: dict[str, list[str]] = field(default_factory=dict)  # output name -> keys re-rendered (not cached)

    def lap(self, name: str, start: float) -> float:
        now = time.perf_counter()
        self.stages[name] = self.stages.get(name, 0.0) + now - start
        return now


def validate(config: Config, session: Session | None = None) -> tuple[Dataset, Report, dict]:
    boundaries, digest = {}, None
    if config.boundaries_file.exists():
        raw = config.boundaries_file.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        # A resident process parses the file again only when its bytes change.
        make = lambda: geo.load_boundaries(config.boundaries_file, raw)  # noqa: E731
        boundaries = session.cache.keep("boundaries", make, digest) if session else make()
    cache = session.cache if session else config.cache()
    dataset, report = load_dataset(
        config.data_dir,
        base=config.root,
        boundaries=boundaries,
        cache=cache,
        boundaries_digest=digest,
        archive_dir=config.archive_dir,
    )
    cache.flush()
    return dataset, report, boundaries


def _existing(docs: Path, managed) -> list[str]:
    """Files now under the managed parts of docs/, as paths relative to it."""
    found = []
    for top in managed:
        base = docs / top
        if base.is_file():
            found.append(top)
        for folder, _, names in os.walk(base):
            rel = os.path.relpath(folder, docs).replace(os.sep, "/")
            found.extend(f"{rel}/{name}" for name in names)
    return found


class Session:
    """What a resident process (`profiles serve`, the benchmark) keeps between rebuilds of one project:
    the cache with its in-memory entries, and what it last wrote into docs/. A one-off build makes a
    fresh one and drops it."""

    def __init__(self, config: Config, *, resident: bool = False):
        self.cache = config.cache()
        # Builds again and again (serve, the benchmark): image workers are kept warm in the cache.
        self.resident = resident
        # path under docs/ -> (bytes, size, mtime_ns) as this session last wrote or verified it: a
        # rebuild then compares in memory and only stats each file, instead of reading ~5,000 files
        # back at a thousand districts. A file changed behind our back has another mtime.
        self.synced: dict[str, tuple[bytes, int, int]] = {}


def sync(
    out: Outputs, docs: Path, managed=MANAGED, known: dict[str, tuple[bytes, int, int]] | None = None
) -> tuple[list[str], list[str]]:
    """Write the files whose bytes differ into docs/, and delete managed files no longer produced.
    `known` (a session's `synced`) remembers what was written, and is updated.

    Unchanged files keep their mtime, so MkDocs' live reload and rsync-style deploys see only real edits.
    """
    written, removed = [], []
    known = {} if known is None else known
    folders: set[Path] = set()  # made by this sync
    root = str(docs)
    for rel in sorted(out.files):
        data, name = out.files[rel], os.path.join(root, rel)  # strings: 5,000 Path objects cost ~0.1 s
        try:
            st = os.stat(name)
            last = known.get(rel)
            if last is not None and (last[0] is data or last[0] == data) and last[1:] == (st.st_size, st.st_mtime_ns):
                continue
            if st.st_size == len(data):
                with open(name, "rb") as f:
                    if f.read() == data:
                        known[rel] = (data, st.st_size, st.st_mtime_ns)
                        continue
        except OSError:
            pass  # not there yet
        dst = docs / rel
        if dst.parent not in folders:
            dst.parent.mkdir(parents=True, exist_ok=True)
            folders.add(dst.parent)
        tmp = dst.with_name(dst.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dst)  # readers (mkdocs serve) never see a half-written file
        st = dst.stat()
        known[rel] = (data, st.st_size, st.st_mtime_ns)
        written.append(rel)
    for rel in sorted(_existing(docs, managed)):
        if rel not in out.files:
            (docs / rel).unlink()
            known.pop(rel, None)
            removed.append(rel)
    return written, removed


def generate_docs(
    dataset: Dataset, boundaries: dict, config: Config, timings: Timings, session: Session | None = None
) -> list[dict]:
    """Generate in memory, then sync into docs/; returns the search entries for `search.merge_into`."""
    session = session or Session(config)
    out = Outputs()
    laps: dict[str, float] = {}
    entries, dictionary, done = generate(
        dataset, boundaries, config, out, laps=laps, cache=session.cache, resident=session.resident
    )
    timings.rendered = done.rendered
    for name, seconds in laps.items():
        timings.stages[name] = timings.stages.get(name, 0.0) + seconds
    start = time.perf_counter()
    write_dictionary(config, dictionary)  # before docs/ changes: the preview's MkDocs reads it on its rebuild
    timings.written, timings.removed = sync(out, config.docs_dir, known=session.synced)
    session.cache.flush()  # the cache's entries on disk before the build returns
    timings.lap("sync", start)
    return entries


def write_dictionary(config: Config, text: str) -> Path:
    """The search dictionary (profiles/outputs/search.py `DICTIONARY`) where mkdocs.yml gives it to Material's
    search, rewritten only when its text changed."""
    path = config.search_dictionary
    if not path.is_file() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return path


def source_date_epoch(config: Config) -> str:
    """The time of the last commit: MkDocs stamps the sitemap with it, so one commit builds one site."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    return vcs.last_commit_epoch(config.root) or "0"


class _Build:
    """What a build gives MkDocs through its plugin events (mkdocs.plugins: any object whose `on_*`
    methods are registered), instead of through the environment and the working directory."""

    def __init__(self, epoch: str):
        # MkDocs dates each page (the sitemap's <lastmod>, its .gz's mtime) by SOURCE_DATE_EPOCH, else today.
        self.day = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")

    def on_config(self, config):
        return search.dictionary_beside_config(config)

    on_config.mkdocs_priority = 100  # mkdocs.plugins.event_priority: before Material's search reads the path

    def on_pre_page(self, page, config, files):
        page.update_date = self.day
        return page


def mkdocs_build(config: Config, site_dir: Path) -> tuple[str, ...]:
    """MkDocs into `site_dir`, every language mkdocs.yml builds; returns the languages other than the default
    one (their pages are under <lang>/: the English edition, profiles/site/languages.py)."""
    from mkdocs.commands.build import build as mk_build  # deferred: MkDocs, only when site/ is built
    from mkdocs.config import load_config as mk_load_config  # deferred: MkDocs
    from mkdocs.exceptions import MkDocsException  # deferred: MkDocs

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    search.pristine_jieba()  # Material's search loads our user dictionary into jieba's one global tokenizer
    try:
        mk_config = mk_load_config(str(config.mkdocs_file), site_dir=str(site_dir), strict=True)
        mk_config.plugins["profiles/site/build"] = _Build(source_date_epoch(config))
        mk_build(mk_config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs 构建失败（严格模式）：{exc}") from None
    return languages.other_languages(mk_config)


def make_site(config: Config, entries: list[dict]) -> None:
    """MkDocs over docs/ as it is, then our steps after it, into a temporary folder swapped in for site/:
    the generated pages' search entries merged into the index (`entries`, from `generate_docs`), one index per
    language, Material's on-demand scripts from our own site, the Content-Security-Policy."""
    tmp_site = Path(tempfile.mkdtemp(prefix=".site-", dir=config.root))
    try:
        others = mkdocs_build(config, tmp_site)
        search.merge_into(tmp_site, entries)
        search.split_by_language(tmp_site, others)
        self_host(tmp_site)  # Material's on-demand scripts from our own site, not unpkg.com
        apply_csp(tmp_site)  # checks every page first, then writes; a BuildError keeps site/ as it was
        swap_in(tmp_site, config.site_dir)
    finally:
        shutil.rmtree(tmp_site, ignore_errors=True)


def swap_in(new_site: Path, site: Path) -> None:
    """Replace site/ by new_site in two renames: at no moment is site/ half-written."""
    old = site.with_name(f".site-old-{os.getpid()}")
    new_site.chmod(0o755)  # mkdtemp makes it 0700: a web server running as another user would get 403
    if site.exists():
        os.replace(site, old)
    try:
        os.replace(new_site, site)
    except BaseException:  # interrupted between the renames: put the old site back
        if old.exists() and not site.exists():
            os.replace(old, site)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(
    config: Config, *, timings: Timings | None = None, run_mkdocs: bool = True, session: Session | None = None
) -> Report:
    """One build. `session`: what a resident caller keeps between builds (none: a fresh one)."""
    timings = timings or Timings()
    session = session or Session(config)
    start = time.perf_counter()
    dataset, report, boundaries = validate(config, session)
    timings.lap("validate", start)
    if not report.ok:
        return report
    entries = generate_docs(dataset, boundaries, config, timings, session)
    if run_mkdocs:
        start = time.perf_counter()
        make_site(config, entries)
        timings.lap("mkdocs", start)
    return report
