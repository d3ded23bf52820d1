"""No import circle among the product's modules (credscan/, agent/).

The graph is read from the source, not from what happens to be imported at run time: every ``import`` and
``from … import`` in a module counts, at module level, under ``if TYPE_CHECKING:`` and inside functions (a
late import that closes a circle is still a circle a reader has to keep in mind). Importing a submodule
does not count as importing its package's ``__init__``: a package that imports its own modules is no
circle. Each test parses every module: under a second.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"credscan": "credscan", "credscan_agent": "agent"}
"""Import name -> folder (the agent is installed as credscan_agent, see pyproject.toml's package-dir)."""


def product_modules(root: Path = ROOT, packages: dict[str, str] = PACKAGES) -> dict[str, Path]:
    """Dotted module name (as imported) -> file, for every module of the product packages."""
    modules: dict[str, Path] = {}
    for package, folder in packages.items():
        for path in sorted((root / folder).rglob("*.py")):
            parts = [package, *path.relative_to(root / folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module name ``module`` imports, anywhere in its source (relative imports resolved).
    ``from package import name`` imports the module ``package.name`` when there is one, else ``package``."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules else base)
    return names


def import_graph(root: Path = ROOT, packages: dict[str, str] = PACKAGES) -> dict[str, set[str]]:
    modules = product_modules(root, packages)
    return {
        name: {
            target for target in imported_names(name, path, modules) if target in modules and target != name
        }
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_among_product_modules() -> None:
    graph = import_graph()
    assert len(graph) > 100  # the walk found the package, not an empty folder
    assert "credscan_agent.service" in graph["credscan.commands.agent"]  # the agent under its installed name
    assert circles(graph) == []


def test_the_records_module_imports_no_pipeline_stage() -> None:
    """model.py is what every stage imports for its records: it must import none of them back."""
    allowed = {"credscan.config", "credscan.limits", "credscan.errors", "credscan.userfiles"}
    assert import_graph()["credscan.model"] <= allowed


@pytest.mark.parametrize(
    "sources",
    [
        # a circle through a type-checking import
        {
            "a": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n",
            "b": "import pkg.a\n",
        },
        # a circle through a late import inside a function, and a relative one
        {"a": "def f():\n    from .b import g\n", "b": "from pkg import a\n"},
        # three modules
        {"a": "import pkg.b\n", "b": "import pkg.c\n", "c": "from pkg.a import x\n"},
    ],
)
def test_the_check_sees_circles_of_every_kind(tmp_path: Path, sources: dict[str, str]) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg import a\n")  # a package importing its module: no circle
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text)
    found = circles(import_graph(tmp_path, {"pkg": "pkg"}))
    assert found == [sorted(f"pkg.{name}" for name in sources)]
