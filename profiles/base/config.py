"""Project settings, read once per build: `pyproject.toml` [tool.profiles], the site's public address
(mkdocs.yml `site_url`), and the environment variables that override them (PROFILES_EDIT_BASE,
PROFILES_SITE_URL, PROFILES_NO_CACHE). Nothing else reads the environment or mkdocs.yml for a setting."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .cache import Cache

_URL = re.compile(r"^https?://[^/\s?#]+(/[^\s?#]*)?$")


@dataclass(frozen=True)
class Config:
    root: Path
    data_dir: Path
    docs_dir: Path
    site_dir: Path
    mkdocs_file: Path
    edit_base: str  # where "编辑此页数据" links point, ending in "/"
    maps: dict  # [tool.profiles.outputs.maps]: basemap, tianditu_key …
    # The sources' archived text, to prove quotes (profiles/ingest/quotes.py); None: not configured. It may be absent.
    archive_dir: Path | None = None
    # The site's public root URL ending in "/" (embed codes, QR codes, feeds); None: no public address.
    site_url: str | None = None
    cache_off: bool = False  # PROFILES_NO_CACHE: every build renders everything
    # The editions built, the site's own language first (mkdocs.yml's i18n plugin): ("zh",) or ("zh", "en").
    languages: tuple[str, ...] = ("zh",)

    def cache(self):
        """build/cache/ beside the project: parsed files and drawn images keyed by content (git-ignored)."""
        return Cache(None if self.cache_off else self.root / "build" / "cache")

    @property
    def search_dictionary(self) -> Path:
        """build/jieba_user.dict: where mkdocs.yml gives Material's search our dictionary (`jieba_dict_user`)."""
        return self.root / "build" / "jieba_user.dict"

    @property
    def boundaries_file(self) -> Path:
        return self.data_dir / "boundaries" / "guangzhou.geojson"


class _MkDocsYaml(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it for `site_url`: `!ENV` by MkDocs' own constructor (pyyaml-env-tag);
    other tags (!!python/name:…, !relative) only MkDocs resolves: read as None."""


_MkDocsYaml.add_constructor("!ENV", construct_env_tag)
_MkDocsYaml.add_multi_constructor("!", lambda loader, suffix, node: None)
_MkDocsYaml.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@lru_cache(maxsize=4)  # a pure function of the file's bytes (and the environment !ENV reads)
def _mkdocs_settings(text: bytes, environ: tuple) -> dict:
    try:
        settings = yaml.load(text, Loader=_MkDocsYaml) or {}
    except yaml.YAMLError:
        return {}
    return settings if isinstance(settings, dict) else {}


def _mkdocs_site_url(text: bytes, environ: tuple) -> object:
    return _mkdocs_settings(text, environ).get("site_url")


def editions(mkdocs_file: Path) -> tuple[str, ...]:
    """The languages the site is built in, the default first: mkdocs.yml's i18n plugin (mkdocs-static-i18n) lists
    them (`languages`, each with `locale`, `default` and `build`); without it, Chinese only."""
    if not mkdocs_file.is_file():
        return ("zh",)
    plugins = _mkdocs_settings(mkdocs_file.read_bytes(), tuple(sorted(os.environ.items()))).get("plugins") or []
    for plugin in plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = [lang for lang in plugin["i18n"].get("languages") or [] if isinstance(lang, dict)]
            default = [lang["locale"] for lang in languages if lang.get("default")]
            others = [lang["locale"] for lang in languages if not lang.get("default") and lang.get("build", True)]
            return tuple(default or ["zh"]) + tuple(others)
    return ("zh",)


def normal_url(url: object) -> str | None:
    """An http(s) URL ending in "/", or None."""
    if not isinstance(url, str) or not _URL.match(url.strip()):
        return None
    url = url.strip()
    return url if url.endswith("/") else url + "/"


def site_url(mkdocs_file: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The site's public root URL ending in "/": PROFILES_SITE_URL when set (set but empty: none), else
    mkdocs.yml's `site_url`; None unless it is an http(s) URL."""
    env = os.environ if environ is None else environ
    if "PROFILES_SITE_URL" in env:
        return normal_url(env["PROFILES_SITE_URL"] or None)
    if not mkdocs_file.is_file():
        return None
    return normal_url(_mkdocs_site_url(mkdocs_file.read_bytes(), tuple(sorted(os.environ.items()))))


def _maps(settings: Mapping, env: Mapping[str, str]) -> dict:
    """[tool.profiles.outputs.maps], overridden by PROFILES_BASEMAP and TIANDITU_KEY when set."""
    maps = dict(settings)
    for name, key in (("PROFILES_BASEMAP", "basemap"), ("TIANDITU_KEY", "tianditu_key")):
        if env.get(name):
            maps[key] = env[name]
    return maps


def load_config(root: Path, data_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    env = os.environ if environ is None else environ
    root = root.resolve()
    settings: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        settings = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("profiles", {})
    return Config(
        root=root,
        data_dir=(data_dir or root / settings.get("data_dir", "data")).resolve(),
        docs_dir=root / "docs",
        site_dir=root / "site",
        mkdocs_file=root / "mkdocs.yml",
        edit_base=env.get("PROFILES_EDIT_BASE", settings.get("edit_base", "")),
        maps=_maps(settings.get("maps", {}), env),
        archive_dir=(root / settings["archive_dir"]).resolve() if settings.get("archive_dir") else None,
        site_url=site_url(root / "mkdocs.yml", env),
        cache_off=bool(env.get("PROFILES_NO_CACHE")),
        languages=editions(root / "mkdocs.yml"),
    )
