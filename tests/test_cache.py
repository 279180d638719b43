"""The content cache (profiles/base/cache.py) and what is cached with it: a cached result is always what a
fresh run would give, and editing one district recomputes only that district."""

from __future__ import annotations

from pathlib import Path

from profiles.base.cache import LOCK, Cache, code_salt
from profiles.base.config import load_config
from profiles.site.build import Session, Timings, build, validate


def test_a_value_put_is_read_back_from_memory_without_the_disk(tmp_path):
    cache = Cache(tmp_path / "c")
    cache.put("kind", b"key", {"a": 1})
    cache.flush()
    files = [p for p in (tmp_path / "c").rglob("*") if p.is_file()]
    assert files  # written to disk as well
    for path in files:
        path.unlink()
    assert cache.get("kind", b"key") == {"a": 1} and cache.hits == 1


def test_the_disk_copy_is_read_by_another_cache_as_a_new_process_would(tmp_path):
    first = Cache(tmp_path / "c")
    first.put("kind", b"key", [1, 2])
    first.flush()  # written by a thread: on disk once flushed
    assert Cache(tmp_path / "c").get("kind", b"key") == [1, 2]


def test_two_caches_share_no_memory(tmp_path):
    Cache(None).put("kind", b"key", 1)
    first = Cache(tmp_path / "a")
    first.put("kind", b"key", 1)
    assert Cache(tmp_path / "b").get("kind", b"key") is None


def test_no_folder_means_no_caching_even_in_memory(tmp_path):
    cache = Cache(None)
    cache.put("kind", b"key", 1)
    assert cache.get("kind", b"key") is None


def test_a_kept_value_is_made_once_per_key_and_a_churning_kind_never_pushes_out_another(tmp_path):
    cache = Cache(tmp_path / "c")
    made: list[str] = []

    def keep(kind: str, key: bytes):
        return cache.keep(kind, lambda: made.append(f"{kind}:{key.decode()}") or object(), key)

    workers = keep("workers", b"boundaries")
    for n in range(20):  # the search segmenter's words change at every edit
        keep("segmenter", str(n).encode())
    assert keep("workers", b"boundaries") is workers
    assert made.count("workers:boundaries") == 1
    keep("segmenter", b"18")  # the one before the last is still there (an edit undone)
    assert made.count("segmenter:18") == 1 and made.count("segmenter:0") == 1
    keep("segmenter", b"0")  # long gone: made again
    assert made.count("segmenter:0") == 2


def test_warnings_of_a_cached_district_are_still_reported_with_their_line(project):
    path = project / "data" / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("    status: unknown\n", "", 1), "utf-8")
    config = load_config(project)
    session = Session(config)
    first = validate(config, session)[1].render()
    assert "haizhu.yaml:12:" in first and "已过" in first
    assert validate(config)[1].render() == first  # now from the cache on disk
    assert validate(config, session)[1].render() == first  # now from the session's memory


def test_editing_one_district_re_renders_only_that_districts_results(project):
    (project / "data" / "districts" / "tianhe.yaml").write_text(
        'slug: tianhe\nname: {zh: 天河区, en: Tianhe District}\ncode: "440106"\nsummary: 天河区。\n'
        "summary_sources: [src-a]\n",
        "utf-8",
    )
    assert build(load_config(project), run_mkdocs=False).ok
    path = project / "data" / "districts" / "haizhu.yaml"
    path.write_text(
        path.read_text("utf-8").replace("海珠区以数智产业为主线。", "海珠区以数智产业为主线（改）。"), "utf-8"
    )
    timings = Timings()
    build(load_config(project), timings=timings, run_mkdocs=False)
    assert timings.rendered["page"] == ["districts/haizhu.md"] and timings.rendered["export-part"] == ["haizhu"]
    assert "districts/haizhu.md" in timings.written and "data/districts/haizhu.json" in timings.written
    build(load_config(project), timings=timings, run_mkdocs=False)
    assert timings.rendered == {} and timings.written == []


def test_the_project_fixture_caches_in_its_own_build_folder(project):
    assert load_config(project).cache().folder == Path(project) / "build" / "cache"


def test_the_salt_is_made_of_the_code_and_the_lock_file_beside_it(tmp_path):
    assert LOCK.name == "requirements.lock" and LOCK.is_file()
    relocked = tmp_path / "requirements.lock"
    relocked.write_bytes(LOCK.read_bytes().replace(b"pillow==", b"pillow==99.", 1))
    assert code_salt(LOCK) == code_salt() != code_salt(relocked)


def test_a_changed_lock_file_invalidates_every_cached_output(project, tmp_path):
    """After `make lock` upgrades a library, a warm build must read back nothing the old one cached."""
    config = load_config(project)
    relocked = tmp_path / "requirements.lock"
    relocked.write_bytes(LOCK.read_bytes() + b"pillow==99.0.0\n")
    session, cold = Session(config), Timings()
    assert build(config, timings=cold, run_mkdocs=False, session=session).ok
    session.cache = Cache(config.cache().folder, salt=code_salt(LOCK))  # a new process, the same lock
    warm = Timings()
    assert build(config, timings=warm, run_mkdocs=False, session=session).ok
    assert warm.rendered == {} and session.cache.misses == 0 and session.cache.hits > 0
    session.cache = Cache(config.cache().folder, salt=code_salt(relocked))  # a new process after `make lock`
    relocked_build = Timings()
    assert build(config, timings=relocked_build, run_mkdocs=False, session=session).ok
    assert session.cache.hits == 0 and session.cache.misses > 0
    assert relocked_build.rendered == cold.rendered  # every output made again, as on an empty cache
