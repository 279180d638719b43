"""What changed, and when: the data's history read from git, told entity by entity with the `profiles diff`
engine, on /changes/ (and /changes/<slug>/), in each district's 「更新记录」, on the home page, in Atom feeds
(/changes/feed.xml, /districts/<slug>/feed.xml), and as each fact's first appearance (「收录于」).

Stages, each a module, data flowing one way:

| stage | module |
| --- | --- |
| the git calls (commits, trees, blobs), shared with the rest of the build | `profiles/base/vcs.py` |
| a commit's data as a diff side: files parsed once per blob; unreadable ones stand in as their last readable version | `states.py` |
| one step (a commit against its first parent) with the diff engine, written for readers; cached by the pair | `steps.py` |
| the steps placed in time and on today's pages; first appearances | `timeline.py` |
| an entry told in a page's language: the English edition's words around the data's old (Chinese) texts | `words.py` |
| /changes/ pages; Atom feeds (feedgen) | `pages.py`, `feeds.py` |

`read()` is the one entry point the build uses (generate.context): the `History` it returns travels in `ctx`; the
English pass puts `History.edition(dataset)` there, which tells entries with the edition's names (pages show
`History.recent()` / `told()`; the feeds, one file for both editions, stay Chinese).
A checkout without history — `git clone --depth 1`, a tarball, no git — builds too: `UNAVAILABLE`, and the pages
say so. The deploy workflow fetches the whole history.
"""

from __future__ import annotations

from pathlib import Path

from ...base import vcs
from ...base.cache import Cache
from ...model.dataset import Dataset
from .feeds import FEEDS
from .pages import CHANGES
from .states import Reader
from .steps import Step, step
from .timeline import UNAVAILABLE, Entry, History, Recent, timeline

__all__ = ["CHANGES", "FEEDS", "UNAVAILABLE", "Entry", "History", "Recent", "read"]


def read(root: Path, data_dir: Path, cache: Cache, dataset: Dataset, edit_base: str, site_url: str | None) -> History:
    """The history of `data_dir` in the repository `root` is in, as this build shows it."""
    repo = vcs.repository(root)
    try:
        data = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return UNAVAILABLE  # the data lives outside the project: not its history
    if repo is None or repo.shallow:
        return UNAVAILABLE
    # The commits that changed the data, by the commit checked out: a warm build asks git only what HEAD is.
    commits = cache.memo("history-log", lambda: vcs.commits(root, data), data, repo.head)
    reader = Reader(root, data, cache)  # reads git only for a step the cache lacks
    steps: list[Step] = [
        cache.memo("history-step", lambda c=c: step(reader, c.parent, c.sha), data, c.parent, c.sha) for c in commits
    ]  # a step never changes: cached by its pair of commits (and the code, as every cache entry is)
    return timeline(commits, steps, dataset, edit_base, site_url, data)
