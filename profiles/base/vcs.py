"""Every git call the generator makes, in one place: what the data's history says (its commits, the files of a
commit, their bytes), the dates the pages show, and `git archive` for `profiles diff`.

Nothing here writes to the repository, its index or its working tree. Each function answers "unknown" (None, or
an empty result) when git is missing, the folder is not a repository, or git fails: a tarball builds too. A
shallow clone (`git clone --depth 1`) has commits whose parents are missing, so `repository` says so and the
history is not read from it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 120


def git(root: Path, *args: str, binary: bool = False, stdin: bytes | None = None) -> subprocess.CompletedProcess | None:
    """`git ARGS` in `root`; None when git cannot be run at all. The caller reads returncode."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin if binary else (stdin.decode() if stdin is not None else None),
            capture_output=True,
            text=not binary,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _out(root: Path, *args: str) -> str | None:
    proc = git(root, *args)
    return proc.stdout if proc is not None and proc.returncode == 0 else None


@dataclass(frozen=True)
class Repository:
    head: str  # the commit checked out
    shallow: bool  # a shallow clone: the oldest commits it holds have parents it does not


def repository(root: Path) -> Repository | None:
    """The repository `root` is in (one git call), or None: no git, no repository, no commit yet."""
    out = _out(root, "rev-parse", "--is-shallow-repository", "--verify", "--quiet", "HEAD")
    lines = (out or "").split()
    return Repository(head=lines[1], shallow=lines[0] == "true") if len(lines) == 2 else None


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None  # the first parent; None for a root commit
    time: str  # the committer's date, ISO 8601 with its offset: 2026-12-02T09:30:26+08:00
    subject: str  # the message's first line
    files: tuple[str, ...] = ()  # the files it changed under the path asked for, relative to the root

    @property
    def date(self) -> str:
        return self.time[:10]


def commits(root: Path, path: str) -> list[Commit]:
    """Every commit reachable from HEAD that changed something under `path` (relative to `root`), oldest first,
    each compared with its first parent, with the files it changed there (one git call). Merges are left out:
    each commit on a merged branch is listed itself, so a merge would repeat what they did (a merge that edited
    data while resolving a conflict is not seen)."""
    out = _out(
        root, "log", "--no-merges", "--reverse", "--date-order", "--relative", "--name-only",
        "--format=%x1e%H%x1f%P%x1f%cI%x1f%s", "--", path,
    )  # fmt: skip
    found = []
    for record in (out or "").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        fields = head.split("\x1f")
        if len(fields) == 4:
            sha, parents, time, subject = fields
            files = tuple(name for name in names.split("\n") if name)
            found.append(Commit(sha, parents.split()[0] if parents else None, time, subject, files))
    return found


def tree(root: Path, commit: str, path: str) -> dict[str, str]:
    """The files under `path` at `commit`: their path relative to `root` -> blob id (one git call)."""
    proc = git(root, "ls-tree", "-r", "-z", commit, "--", path, binary=True)  # names relative to `root`
    if proc is None or proc.returncode != 0:
        return {}
    files = {}
    for record in proc.stdout.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob":
            files[name.decode("utf-8", "surrogateescape")] = parts[2].decode()
    return files


def blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The bytes of each blob id (one `git cat-file --batch` for all); ids git does not have are left out."""
    if not ids:
        return {}
    proc = git(root, "cat-file", "--batch", binary=True, stdin="".join(f"{i}\n" for i in ids).encode())
    if proc is None or proc.returncode != 0:
        return {}
    out, data, at = {}, proc.stdout, 0
    for ident in ids:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        out[ident] = data[at : at + size]
        at += size + 1
    return out


def first_parent(root: Path, commit: str) -> str | None:
    out = _out(root, "rev-parse", "--verify", "--quiet", f"{commit}^1")
    return out.strip() or None if out is not None else None


def file_dates(root: Path, path: str) -> dict[str, str]:
    """File name (without folders) -> the date (YYYY-MM-DD) of the last commit that touched it under `path`."""
    out = _out(root, "log", "--format=@%cs", "--name-only", "--", path)
    result: dict[str, str] = {}
    day = ""
    for line in (out or "").splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line:
            result.setdefault(Path(line).name, day)
    return result


def last_commit_epoch(root: Path) -> str | None:
    """Seconds since 1970 of the last commit (MkDocs stamps the sitemap with it), or None."""
    out = _out(root, "log", "-1", "--format=%ct")
    return out.strip() or None if out is not None else None


def is_commit(root: Path, ref: str) -> bool:
    proc = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return proc is not None and proc.returncode == 0


def archive(root: Path, ref: str, path: str) -> tuple[bytes | None, str]:
    """`git archive --format=tar REF -- PATH`, run in `root`: the tar's bytes, its names relative to `root` (git
    archives a subfolder's tree when run in one), and ""; or None and git's message."""
    proc = git(root, "archive", "--format=tar", ref, "--", path, binary=True)
    if proc is None:
        return None, "git 无法运行"
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace").strip()
    return proc.stdout, ""
