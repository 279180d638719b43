"""The package's import graph: stages import the stages below them, never above, so there is no cycle;
an import inside a function is a deliberate deferral of a heavy dependency and says so."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "profiles"


def _modules(package: Path) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, node: ast.ImportFrom | ast.Import, modules: dict[str, Path]) -> set[str]:
    """The package's modules one import statement loads (a name imported from a package counts as its
    submodule when there is one, else as the package)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in modules}
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if node.level:
        here = here[: len(here) - node.level + 1]
        target = ".".join(here + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    out = set()
    for alias in node.names:
        if f"{target}.{alias.name}" in modules:
            out.add(f"{target}.{alias.name}")
        elif target in modules:
            out.add(target)
    return out


def import_graph(package: Path) -> dict[str, set[str]]:
    """module -> modules of the package it imports, at any depth of its code (deferred imports too)."""
    modules = _modules(package)
    graph = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _imported(name, path, node, modules)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph(PACKAGE)) == []


def test_the_cycle_finder_finds_a_cycle_through_a_deferred_import(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import thing\n")
    (package / "b.py").write_text("def thing():\n    from . import c  # deferred\n")
    (package / "c.py").write_text("from pkg.a import thing\n")
    (package / "d.py").write_text("from . import a, b\n")
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_every_import_inside_a_function_says_what_it_defers():
    undocumented = []
    for name, path in sorted(_modules(PACKAGE).items()):
        lines = path.read_text("utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and "# deferred:" not in lines[node.lineno - 1]:
                    undocumented.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert undocumented == []


ROOT = PACKAGE.parent
ENTRY_POINTS = {"__init__.py", "__main__.py", "cli.py", "mkdocs_hooks.py"}


def _layers() -> list[str]:
    """The layers import-linter checks, top first, as folder names (the entry points' line left out)."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [layer.removeprefix("profiles.") for layer in layers if "|" not in layer]


def _readme_rows() -> list[tuple[str, str]]:
    """(layer, the whole row) of each row of the README's map of the code."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| `")]
    return [(cells[0].strip("| `/"), " | ".join(cells)) for cells in rows]


def test_only_the_entry_points_stand_at_the_package_root():
    assert {p.name for p in PACKAGE.glob("*.py")} == ENTRY_POINTS
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(_layers())


def test_the_readme_maps_every_layer_in_the_order_import_linter_checks():
    assert [layer for layer, _ in _readme_rows()] == _layers()


def test_the_readme_names_every_module_and_package_of_each_layer():
    for layer, row in _readme_rows():
        folder = PACKAGE / layer
        names = {p.name for p in folder.glob("*.py") if p.name != "__init__.py"}
        names |= {f"{p.name}/" for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__"}
        unnamed = {n for n in names if f"`{n}`" not in row}
        assert unnamed == set(), layer
