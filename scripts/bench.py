"""Speed and size figures: the budgets of the Performance issue, measured, not asserted.

    make bench            # or: .venv/bin/python scripts/bench.py [--sizes 100,1000] [--no-lighthouse] [--lighthouse-runs 5]

Prints, for the real data (11 districts) and synthetic data of 1,000: time per stage (validate,
pages, search, maps, images, exports, views, MkDocs) cold (empty cache), warm in a new process (what
`make site` costs on an unchanged tree) and warm in a resident process (what `profiles serve` does on
each edit); the rebuild after one district file changes, both ways, and which files it rewrote; for the
real data, each single edit of scripts/edits.py (seconds resident, outputs re-rendered); compressed bytes and request count of the home page, a
district page, a map embed and a fact card embed (tiles excluded); HTML size of a district page at 11 vs 1,000 districts; and
Lighthouse scores when npm's `lighthouse` can run with Debian's Chromium: five runs per page
(`--lighthouse-runs`), the median run printed with every run's performance score, as Lighthouse's own
advice on variability suggests (one run's score moves by several points on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import synthetic  # noqa: E402
from chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402  (the browser tests' Chromium and flags)
from edits import EDITS  # noqa: E402

from profiles.base.config import load_config  # noqa: E402
from profiles.site.build import Session, Timings, build  # noqa: E402
from profiles.site.serve import preview_config  # noqa: E402

STAGES = ("validate", "history", "pages", "search", "maps", "embeds", "images", "exports", "views", "sync", "mkdocs")
GENERATOR = ("validate", "history", "pages", "search", "maps", "embeds", "images", "exports", "views")
HISTORY_COMMITS = 200  # synthetic data commits: what they add to a warm build (#26's budget: 0.2 s)


def project_around(data: Path, target: Path) -> Path:
    """A throw-away project: our config, overrides and hand-written docs around a data folder."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "profiles").symlink_to(ROOT / "profiles")  # mkdocs.yml names its hooks file by path
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns(
            "index.md", "districts", "embed", "data", "compare", "schema", "vendor", "maps", "views"
        ),
    )
    shutil.copytree(data, target / "data")
    return target


def run_build(
    project: Path, session: Session, *, mkdocs: bool = True, preview: str | None = None
) -> tuple[float, Timings]:
    """A build in this process: what `profiles serve` does on every edit (`session` keeps its cache in
    memory between builds). `preview`: generate as `profiles serve --lang <preview>` does (the languages it
    shows: "zh" alone by default), not every language mkdocs.yml builds."""
    timings = Timings()
    config = load_config(project)
    if preview is not None:
        config = preview_config(config, preview)
    start = time.perf_counter()
    report = build(config, timings=timings, run_mkdocs=mkdocs, session=session)
    if not report.ok:
        raise SystemExit(report.render())
    return time.perf_counter() - start, timings


def run_cli(project: Path, *, mkdocs: bool = True) -> tuple[float, Timings]:
    """A build in a new process: what `make site` costs (imports, then the cache read from build/cache/)."""
    args = [sys.executable, "-m", "profiles", "build", "--root", str(project), "--timings"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run(args + ([] if mkdocs else ["--no-mkdocs"]), capture_output=True, text=True, env=env)
    total = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    timings = Timings()
    for line in proc.stdout.splitlines():
        name, _, value = line.strip().partition(":")
        if value.strip().endswith(" ms"):
            timings.stages[name] = float(value.strip()[:-3]) / 1000
        elif name == "rewritten":
            timings.written = [""] * int(value.split()[0])
    return total, timings


def stage_line(label: str, total: float, timings: Timings, n: int) -> str:
    parts = "  ".join(f"{s} {timings.stages.get(s, 0) * 1000:6.0f}" for s in STAGES if s in timings.stages)
    gen = sum(timings.stages.get(s, 0) for s in GENERATOR)
    return f"{label:<30} total {total:6.2f} s | generator {gen * 1000 / n:6.2f} ms/district | ms: {parts}"


def edit_one(project: Path, n: int) -> None:
    """Reword one district's summary (the edit an editor makes most)."""
    first = sorted((project / "data" / "districts").glob("*.yaml"))[0]
    first.write_text(first.read_text("utf-8").replace("summary: ", f"summary: （修改{n}）", 1), "utf-8")


EDIT_RUNS = 3  # each edit made this many times, each from the state the last one left (never a cached state)


def edit_table(project: Path, session: Session, label: str, preview: str | None = None) -> None:
    """Each single edit of scripts/edits.py, as `profiles serve` regenerates: seconds resident (generation, no
    MkDocs), the median of EDIT_RUNS (each run edits anew: a park moved further, another project added), with
    every run's time, and which outputs the first run re-rendered."""
    config = load_config(project)
    slugs = sorted(p.stem for p in (config.data_dir / "districts").glob("*.yaml"))
    slug = "haizhu" if "haizhu" in slugs else slugs[0]  # haizhu has goals, parks and projects to edit
    shown = {None: "every language mkdocs.yml builds", "zh": "as `profiles serve` previews: Chinese"}.get(
        preview, f"as `profiles serve --lang {preview}` previews"
    )
    print(
        f"{label} single edits (district {slug}), resident, {shown}: median of {EDIT_RUNS} runs in seconds | "
        "outputs re-rendered"
    )
    for name, edit in EDITS.items():
        times, shown = [], ""
        for run in range(EDIT_RUNS):
            edit(config.data_dir, slug)
            seconds, timings = run_build(project, session, mkdocs=False, preview=preview)
            times.append(seconds)
            if run == 0:
                shown = "; ".join(f"{output}: {', '.join(keys)}" for output, keys in timings.rendered.items())
        runs = ", ".join(f"{t:.3f}" for t in times)
        print(f"  {name:<24} {statistics.median(times):5.3f} s ({runs}) | {shown}")


def bench_dataset(label: str, data: Path, workdir: Path, n: int, single_edits: bool = False) -> Path:
    project = project_around(data, workdir / label.split()[0] / str(n))
    session = Session(load_config(project), resident=True)  # what a resident process (serve) holds between builds
    total, timings = run_build(project, session)
    print(stage_line(f"{label} cold", total, timings, n))
    shutil.rmtree(project / "site")
    total, timings = run_cli(project)
    print(stage_line(f"{label} warm, new process", total, timings, n))
    total, timings = run_build(project, session)
    print(stage_line(f"{label} warm, resident", total, timings, n))
    # One district file changes: only its outputs and the aggregates should be rewritten.
    edit_one(project, 1)
    gen, timings = run_cli(project, mkdocs=False)
    print(
        f"{label} one file changed, new process: {sum(timings.stages.get(s, 0) for s in GENERATOR) * 1000:.0f} ms "
        f"generation ({gen:.2f} s with start-up), {len(timings.written)} file(s) rewritten"
    )
    run_build(project, session, mkdocs=False)  # the resident process catches up (as serve would have)
    edit_one(project, 2)
    start = time.perf_counter()
    _, timings = run_build(project, session, mkdocs=False)
    gen = time.perf_counter() - start
    print(
        f"{label} one file changed, resident: generation {gen * 1000:.0f} ms, rewrote {len(timings.written)} "
        "file(s): " + ", ".join(timings.written[:12]) + (" …" if len(timings.written) > 12 else "")
    )
    if single_edits:
        edit_table(project, session, label)  # `profiles serve --lang en`, or a resident build of the whole site
        preview_session = Session(preview_config(load_config(project)), resident=True)
        run_build(project, preview_session, mkdocs=False, preview="zh")  # the preview's first build
        edit_table(project, preview_session, label, preview="zh")  # what an editor waits for
    return project


def _git(repo: Path, *args: str, day: int = 0) -> None:
    stamp = f"{1_767_196_800 + day * 3600} +0800"  # from 2026-01-01, one commit an hour: reproducible dates
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org")
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def history_project(workdir: Path, commits: int) -> Path:
    """The real data in a repository of its own: imported, then `commits` synthetic edits, one district's summary
    each (each a step of the history: an entry on /changes/, its district's list and both feeds)."""
    project = project_around(ROOT / "data", workdir)
    (project / ".gitignore").write_text((ROOT / ".gitignore").read_text("utf-8"), "utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Import the data")
    files = sorted((project / "data" / "districts").glob("*.yaml"))
    for n in range(commits):
        path = files[n % len(files)]
        path.write_text(path.read_text("utf-8").replace("summary: ", f"summary: （第{n}次修订）", 1), "utf-8")
        _git(project, "commit", "-q", "-a", "-m", f"Edit {n}", day=n + 1)
    return project


def bench_history(workdir: Path, commits: int = HISTORY_COMMITS, runs: int = 7) -> None:
    """What a history of `commits` data commits adds to a warm build (make site on an unchanged tree, a new
    process): the same data with its import commit only against it with `commits` more, each built cold once, then
    warm `runs` times, the two interleaved so both see the same load; the fastest of each is compared (on a shared
    machine the other runs measure the neighbours), the medians printed beside."""
    projects = {
        0: history_project(workdir / "history-0", 0),
        commits: history_project(workdir / f"history-{commits}", commits),
    }
    for n, project in projects.items():
        cold, _ = run_cli(project)
        print(f"history, {n} data commits after the import: cold build {cold:.2f} s")
    warm: dict[int, list[tuple[float, Timings]]] = {n: [] for n in projects}
    for _ in range(runs):
        for n, project in projects.items():
            warm[n].append(run_cli(project))

    def best(n: int, stage: str | None = None) -> float:
        values = sorted(total if stage is None else t.stages.get(stage, 0.0) for total, t in warm[n])
        return values[0]

    def median(n: int) -> float:
        return sorted(total for total, _ in warm[n])[len(warm[n]) // 2]

    base, more = 0, commits
    stages = "  ".join(f"{s} {(best(more, s) - best(base, s)) * 1000:+.0f}" for s in ("history", "pages", "mkdocs"))
    print(
        f"history: {commits} synthetic data commits add {(best(more) - best(base)) * 1000:+.0f} ms to a warm build "
        f"(fastest of {runs}: {best(base):.2f} → {best(more):.2f} s; medians {median(base):.2f} → {median(more):.2f} s; "
        f"ms by stage: {stages}) — budget +200 ms"
    )


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as a real host would (Lighthouse measures transfer sizes)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _local_only(base: str, seen: list[str]):
    """A route handler (one parameter: Playwright passes two to handlers that take two) that lets our
    own requests through, records them, and aborts tiles, which the figures exclude."""

    def route(r):
        if r.request.url.startswith(base):
            seen.append(r.request.url)
            r.continue_()
        else:
            r.abort()

    return route


def page_weight(site: Path, base: str, paths: dict[str, str], chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for label, path in paths.items():
            page = browser.new_page()
            seen: list[str] = []
            page.route("**/*", _local_only(base, seen))
            page.goto(base + path, wait_until="load")
            # Our map frames start after the page's load (mapframe.js): count them once their maps are
            # drawn, and whatever else the page fetches (the search index) once the network is quiet.
            for i in range(page.locator("iframe[data-gz-embed]").count()):
                page.locator("iframe[data-gz-embed]").nth(i).scroll_into_view_if_needed()
                page.frame_locator("iframe[data-gz-embed]").nth(i).locator("html[data-map-ready]").wait_for()
            page.wait_for_load_state("networkidle")
            total = 0
            for url in seen:
                rel = url[len(base) :].split("?", 1)[0].split("#", 1)[0]
                file = site / rel.lstrip("/")
                file = file / "index.html" if file.is_dir() else file
                if file.is_file():
                    total += len(gzip.compress(file.read_bytes(), 6, mtime=0))
            print(f"{label:<14} {len(seen):3d} requests, {total / 1024:6.1f} KB compressed (tiles excluded)")
            page.close()
        browser.close()


def lighthouse(base: str, paths: dict[str, str], workdir: Path, chromium: str, runs: int = 5) -> None:
    tool = ROOT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        if not shutil.which("npm"):
            print("lighthouse: npm not available, skipped")
            return
        tool.parent.parent.parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tool.parent.parent.parent), "lighthouse@12"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0 or not tool.exists():
            print("lighthouse: could not be installed from npm, skipped")
            return
    for label, path in paths.items():
        reports = []
        for n in range(runs):
            out = workdir / f"lh-{label}-{n}.json"
            proc = subprocess.run(
                [
                    str(tool),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless " + " ".join(CHROMIUM_ARGS),
                ],
                capture_output=True,
                text=True,
                timeout=300,
                env={**os.environ, "CHROME_PATH": chromium},
            )
            if proc.returncode != 0 or not out.exists():
                print(f"lighthouse {label}: run {n + 1} failed ({proc.stderr.strip().splitlines()[-1:] or ['?']})")
                continue
            reports.append(json.loads(out.read_text("utf-8")))
        if reports:
            print(lighthouse_line(label, reports))


def lighthouse_line(label: str, reports: list[dict]) -> str:
    """The median run by performance score (Lighthouse's own advice on variability: several runs, the
    median), with every run's performance score beside it."""

    def perf(report: dict) -> float:
        return report["categories"]["performance"]["score"] or 0

    ranked = sorted(reports, key=perf)
    report = ranked[(len(ranked) - 1) // 2]
    scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
    runs = (
        f" (median of {len(ranked)}: {', '.join(str(round(perf(r) * 100)) for r in ranked)})" if len(ranked) > 1 else ""
    )
    weak = [
        f"{a} {round(report['audits'][a]['score'] * 100)}"
        for c in report["categories"].values()
        for a in (r["id"] for r in c["auditRefs"] if r["weight"])
        if report["audits"][a].get("score") is not None and report["audits"][a]["score"] < 0.9
    ]
    return (
        f"lighthouse {label:<10} perf {scores.get('performance')} / a11y {scores.get('accessibility')} / "
        f"best {scores.get('best-practices')} / seo {scores.get('seo')}{runs} | {metrics_line(report['audits'])}"
        + (f"  (below 90: {', '.join(weak)})" if weak else "")
    )


def metrics_line(audits: dict) -> str:
    """The measured values behind the performance score, CLS first (the issue's budget is on it: ≤ 0.02)."""

    def value(audit: str) -> float:
        return (audits.get(audit) or {}).get("numericValue") or 0.0

    return (
        f"CLS {value('cumulative-layout-shift'):.3f}, FCP {value('first-contentful-paint') / 1000:.1f} s, "
        f"LCP {value('largest-contentful-paint') / 1000:.1f} s, TBT {value('total-blocking-time'):.0f} ms, "
        f"SI {value('speed-index') / 1000:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000", help="synthetic district counts, comma-separated")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="runs per page; the median is printed")
    parser.add_argument("--history-only", action="store_true", help="only the change history's line")
    args = parser.parse_args()
    if args.history_only:
        with tempfile.TemporaryDirectory(prefix="gz-bench-") as tmp:
            bench_history(Path(tmp))
        return
    with tempfile.TemporaryDirectory(prefix="gz-bench-") as tmp:
        work = Path(tmp)
        bench_history(work)
        real = bench_dataset("real", ROOT / "data", work, 11, single_edits=True)
        page_html = {}
        page_html[11] = (real / "site" / "districts" / "haizhu" / "index.html").stat().st_size
        for n in [int(x) for x in args.sizes.split(",") if x]:
            data = synthetic.write(n, work / f"data-{n}")
            project = bench_dataset("synthetic", data, work, n)
            page_html[n] = (project / "site" / "districts" / "d0000" / "index.html").stat().st_size
        sizes = ", ".join(f"{n} districts: {b / 1024:.1f} KB" for n, b in page_html.items())
        print(f"district page HTML size: {sizes}")
        server, base = serve(real / "site")
        paths = {
            "home": "/",
            "district": "/districts/haizhu/",
            "compare": "/compare/",  # the district x indicator table and the charts (#24)
            "embed": "/embed/haizhu/",
            "card": "/embed/haizhu/card/goal-gdp-growth-2025/",  # a fact card embed (profiles/outputs/embeds/cards.py)
        }
        if (real / "site" / "en" / "index.html").is_file():  # the English edition (#25), when mkdocs.yml builds it
            paths |= {"en home": "/en/", "en district": "/en/districts/haizhu/", "en embed": "/en/embed/haizhu/"}
        chromium = chromium_path()
        try:
            if chromium is None:
                print("page weight and lighthouse: no Chromium found (set CHROMIUM=/path/to/chromium), skipped")
            else:
                page_weight(real / "site", base, paths, chromium)
                if not args.no_lighthouse:
                    lighthouse(base, paths, work, chromium, args.lighthouse_runs)
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
