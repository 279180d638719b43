"""Drawing: an `Atlas` holds every boundary of a build, ready to draw any number of images, and
`draw_all` shares a batch of images among worker processes (`start_jobs`: any drawing, such as the
fact cards' images, in the same processes). Imports shapely and Pillow (through
layout.py and render.py): the package's entry point imports this module only when an image must be
drawn.

Output bytes are deterministic (same input → same bytes) so a rebuild does not churn git or caches.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

from ...facts.geo import Geometry
from .layout import BOTTOM, INK, MARGIN, MUTED, PARK_COLOUR, PROJECT_COLOUR, TOP, Layout, Scene
from .points import MapPoint
from .render import Painter, svg

__all__ = [
    "Atlas",
    "Workers",
    "draw_all",
    "start_drawing",
    "start_jobs",
    "worker_atlas",
    "render_png",
    "render_svg",
    "BOTTOM",
    "CJK_FONT_CANDIDATES",
    "INK",
    "MARGIN",
    "MUTED",
    "PARK_COLOUR",
    "PROJECT_COLOUR",
    "TOP",
]

# Where Debian/Ubuntu/Fedora/Arch put a CJK font. PNG text is optional: without one we
# draw no text rather than tofu boxes.
CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


# Below this many images, starting worker processes (each imports Pillow and shapely, ~0.5 s) costs
# more than it saves; above it (a first build, new boundaries) drawing is shared among the cores.
PARALLEL_FROM = 48


def _cpus() -> int:
    """The cores this process may run on (os.process_cpu_count from Python 3.13)."""
    counted = getattr(os, "process_cpu_count", None)
    if counted is not None:
        return counted() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool(boundaries: dict, names: dict[str, str], workers: int) -> ProcessPoolExecutor:
    # forkserver, not fork: `profiles serve` regenerates from a thread, and forking a threaded
    # process can inherit a held lock.
    context = multiprocessing.get_context("forkserver")
    owner = os.getpid()
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(boundaries, names, owner)
    )


class Workers:
    """Drawing processes kept between builds by a resident process (`profiles serve`, the benchmark),
    each holding the atlas of one set of boundaries and labels: an edit's few images are then drawn
    there, side by side, while the build goes on, with no start-up. Dropped (garbage-collected), the
    pool's processes exit."""

    def __init__(self, boundaries: dict, names: dict[str, str]):
        self.count = min(_cpus(), 4)
        self.pool = _pool(boundaries, names, self.count) if self.count >= 2 else None


def start_drawing(
    boundaries: dict,
    names: dict[str, str],
    jobs: list[tuple],
    atlas: Callable[[], Atlas] | None = None,
    workers: Callable[[], Workers] | None = None,
) -> Callable[[], list[tuple[bytes, bytes, bytes]]]:
    """Start drawing (SVG, PNG, 2x PNG) of each (title, highlight, points[, lang]) job; the returned function waits
    and gives them in order. Many jobs are drawn by worker processes while the caller goes on with
    other work; few are drawn here, when the result is asked for, unless `workers` (a resident
    process's, kept warm) are given. Each image depends only on its job and the atlas, never on what
    was drawn before, so the split among processes cannot show.
    `atlas`: where this process gets its atlas when it draws itself (a resident process keeps one)."""

    def here() -> list[tuple[bytes, bytes, bytes]]:
        drawer = atlas() if atlas is not None else Atlas(boundaries, names)
        return [_drawn(drawer, job) for job in jobs]

    return start_jobs(_draw, jobs, here, workers, boundaries, names)


def start_jobs(
    work: Callable[[Any, dict], Any],
    jobs: list,
    here: Callable[[], list],
    workers: Callable[[], Workers] | None = None,
    boundaries: dict | None = None,
    names: dict[str, str] | None = None,
) -> Callable[[], list]:
    """Start `work(job, kept)` (a module-level function: a worker imports it by name) on each job, as
    `start_drawing` does the maps: in `workers` when given (a resident process's, kept warm, whatever
    they drew before), else in a pool of this call's own when there are many jobs, else not at all:
    the returned function then calls `here` (the same results, made in this process). It waits and
    gives the results in the jobs' order. `kept`: a dict the worker process keeps between jobs, for
    what `work` may reuse (a result must not depend on it). `boundaries` and `names`: the atlas of an
    own pool's workers (none without boundaries: `work` then must not need one)."""
    kept = workers() if workers is not None else None
    count = kept.count if kept is not None and kept.pool is not None else min(len(jobs) // PARALLEL_FROM, _cpus(), 4)
    if count < 2:
        return here
    try:
        pool = kept.pool if kept is not None and kept.pool is not None else _pool(boundaries or {}, names or {}, count)
        drawn = pool.map(functools.partial(_keeping, work), jobs, chunksize=max(1, len(jobs) // (count * 8)))
    except (OSError, BrokenProcessPool, RuntimeError):
        return here  # workers could not start (say, a script read from stdin): draw them here instead

    def collect() -> list:
        try:
            return list(drawn)
        except (OSError, BrokenProcessPool):
            return here()
        finally:
            if pool is not (kept.pool if kept is not None else None):
                pool.shutdown()

    return collect


def draw_all(
    boundaries: dict,
    names: dict[str, str],
    jobs: list[tuple],
    atlas: Callable[[], Atlas] | None = None,
    workers: Callable[[], Workers] | None = None,
) -> list[tuple[bytes, bytes, bytes]]:
    """(SVG, PNG, 2x PNG) of each job, in order (`start_drawing`, waited for)."""
    return start_drawing(boundaries, names, jobs, atlas, workers)()


# A worker process's own state (set by its initializer, read by its jobs; never in the build's process).
_worker_atlas: "Atlas | None" = None
_worker_kept: "dict[str, Any] | None" = None  # what the jobs of a worker reuse (`start_jobs`)


def _start_worker(boundaries: dict, names: dict[str, str], owner: int) -> None:
    global _worker_atlas, _worker_kept
    _worker_kept = {}
    _worker_atlas = Atlas(boundaries, names) if boundaries else None  # none: the pool draws no map
    threading.Thread(target=_exit_with, args=(owner,), name="exit-with-owner", daemon=True).start()


def _exit_with(owner: int, every: float = 1.0) -> None:
    """A worker waits for jobs on a queue it also holds the writing end of: if the process that owns
    its pool is killed (a `profiles serve` stopped by SIGTERM keeps its pool to the end), no one tells it
    to stop. So it looks every second whether its owner is still there, and exits when it is not."""
    while True:
        time.sleep(every)
        if _gone(owner):
            os._exit(0)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # PermissionError: the id names another user's process now
        return True
    try:  # killed but not yet waited for by its parent: a zombie (Linux says so in /proc)
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1][:3] == b" Z "
    except (OSError, IndexError):
        return False


def _keeping(work: Callable[[Any, dict], Any], job: Any) -> Any:
    return work(job, _worker_kept)


def _drawn(atlas: "Atlas", job: tuple) -> tuple[bytes, bytes, bytes]:
    """(SVG, PNG, 2x PNG) of a (title, highlight, points[, lang]) job (Chinese without a language)."""
    title, highlight, points, *rest = job
    lang = rest[0] if rest else "zh"
    return atlas.svg(title, highlight, points, lang=lang), *atlas.pngs(title, highlight, points, lang=lang)


def _draw(job: tuple, kept: dict) -> tuple[bytes, bytes, bytes]:
    return _drawn(_worker_atlas, job)


def worker_atlas() -> "Atlas | None":
    """In a drawing process, the atlas its pool was started with (None without boundaries, and in the
    build's own process): for jobs of other outputs that place a map (the share images)."""
    return _worker_atlas


class Atlas:
    """All boundaries of a build, ready to draw any number of map images.

        atlas = Atlas(boundaries, names)      # once per build
        atlas.svg(title, highlight, points)   # bytes, UTF-8 (lang="en": the English edition's words)
        atlas.png(title, highlight, points)   # bytes
        atlas.pngs(title, highlight, points)  # (png, its 2x twin), from one drawing

    highlight is the slug of the district in focus (its neighbours drawn faintly around
    it), or None for the city map (every boundary). Same bytes as render_svg/render_png.
    """

    def __init__(self, boundaries: dict[str, Geometry], names: dict[str, str] | None = None):
        self._layout = Layout(boundaries, names)  # names: slug -> label (defaults to the slug)
        self._painter = Painter(CJK_FONT_CANDIDATES)  # read now, not at import: tests swap it
        self._last: tuple[tuple, Scene] | None = None

    def _scene(
        self,
        title: str,
        highlight: str | None,
        points: list[MapPoint],
        width: int,
        titled: bool = True,
        lang: str = "zh",
    ) -> Scene:
        # Callers draw the SVG and then the PNGs of the same map: lay it out once for all.
        key = (title, highlight, tuple(points), width, titled, lang)
        if self._last is None or self._last[0] != key:
            self._last = key, self._layout.scene(title, highlight, points, width, titled, lang)
        return self._last[1]

    def svg(
        self, title: str, highlight: str | None, points: list[MapPoint], width: int = 800, *, lang: str = "zh"
    ) -> bytes:
        return svg(self._scene(title, highlight, points, width, lang=lang)).encode("utf-8")

    def png(
        self, title: str, highlight: str | None, points: list[MapPoint], width: int = 800, *, lang: str = "zh"
    ) -> bytes:
        return self._painter.png(self._scene(title, highlight, points, width, lang=lang))

    def pngs(
        self, title: str, highlight: str | None, points: list[MapPoint], width: int = 800, *, lang: str = "zh"
    ) -> tuple[bytes, bytes]:
        """`png` and its 2x twin (map@2x.png), from one drawing."""
        return self._painter.pngs(self._scene(title, highlight, points, width, lang=lang))

    def image(
        self,
        title: str,
        highlight: str | None,
        points: list[MapPoint],
        width: int,
        scale: int,
        titled: bool = True,
        lang: str = "zh",
    ):
        """The map as an RGB Pillow image `width` * `scale` pixels wide, for a frame to place (the share
        images, profiles/outputs/share/: untitled, their frame sets the title); `lang`: its legend's words."""
        return self._painter.image(self._scene(title, highlight, points, width, titled, lang), scale)


def render_svg(
    title: str,
    boundaries: dict[str, Geometry],
    highlight: str | None,
    points: list[MapPoint],
    width: int = 800,
    names: dict[str, str] | None = None,  # slug -> label for boundaries (defaults to the slug)
) -> str:
    """One self-contained SVG (no external fonts, images or links); text escaped. For many, use an Atlas."""
    return svg(Layout(boundaries, names).scene(title, highlight, points, width))


def render_png(title, boundaries, highlight, points, width=800, names=None) -> bytes:
    """The same drawing as render_svg (same arguments), as PNG with no metadata; text only if a CJK font exists."""
    return Atlas(boundaries, names).png(title, highlight, points, width)
