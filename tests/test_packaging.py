"""The package as pip installs it: every package the code imports at run time is a declared dependency, and
the package installed alone (no checkout beside it) builds a map page with its clusters."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "profiles"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return {_norm(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0]) for d in deps}


def imported_modules() -> set[str]:
    """Top-level modules the package imports (at module level or deferred), other than itself and the standard library."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "profiles" and n not in sys.stdlib_module_names}


def test_every_package_the_code_imports_is_a_declared_dependency():
    dists, wanted = importlib.metadata.packages_distributions(), declared()
    undeclared = {
        module: dists.get(module, ["(no installed distribution)"])
        for module in imported_modules()
        if not any(_norm(d) in wanted for d in dists.get(module, []))
    }
    assert undeclared == {}


def test_the_package_installed_alone_builds_a_map_page_with_clusters(tmp_path):
    source = tmp_path / "source"  # pip builds in the tree it installs: a copy, so the checkout stays clean
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(PACKAGE, source / "profiles", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
    subprocess.run([*pip, "--target", str(target), str(source)], check=True, capture_output=True)
    project = tmp_path / "project"  # a data folder and its configuration; no `profiles/` beside them
    project.mkdir()
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, project)
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", project / "data")
    shutil.copytree(ROOT / "data" / "boundaries", project / "data" / "boundaries")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "profiles", "build", "--no-mkdocs", "--root", str(project)],
        cwd=tmp_path,  # not the checkout: only the installed copy can be imported
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import profiles; print(profiles.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
    page = (project / "docs" / "embed" / "haizhu" / "index.html").read_text("utf-8")
    assert "leaflet.markercluster.js" in page  # the page loads the cluster plugin …
    assert "markerClusterGroup" in (project / "docs" / "assets" / "maps" / "maps.js").read_text(
        "utf-8"
    )  # … and uses it
    vendored = project / "docs" / "assets" / "vendor" / "leaflet-markercluster" / "leaflet.markercluster.js"
    assert vendored.stat().st_size > 10_000
