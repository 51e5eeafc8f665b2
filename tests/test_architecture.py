"""The code's rooms, checked from the code itself: packages by the product's parts, imports
that only go down the layers and never round in a circle, modules small enough to read."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from testing.server import REPO_ROOT

COMPONENTS = REPO_ROOT / "components"
# Layers, highest first: a module may import from its own layer and the ones below.
LAYERS = {
    "pages": 5,  # app.py and views/
    "components.ui": 4,
    "components.session": 3,
    "components.publish": 3,
    "components.map": 2,
    "components.facts": 2,
    "components.yourdata": 2,
    "components.server": 2,
    "components.data": 1,
    "components.text": 1,
}
MAX_LOOSE_MODULES = 10
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    """Every module of the app by its dotted name (app.py and views/ as pages)."""
    found = {"app": REPO_ROOT / "app.py"}
    for path in [*COMPONENTS.rglob("*.py"), *(REPO_ROOT / "views").glob("*.py")]:
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> Iterator[str]:
    """The components' modules a file imports, at its top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "components" or node.module.startswith("components."):
                for alias in node.names:
                    yield f"{node.module}.{alias.name}"
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("components"))


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        graph[name] = {target for target in _imports(path) if target in modules and target != name}
    return graph


def _layer(module: str) -> int:
    if module == "app" or module.startswith("views."):
        return LAYERS["pages"]
    for prefix, rank in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return rank
    raise AssertionError(f"{module} is in no layer: put it in a package of its part")


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports, if there is one (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read_from_the_code() -> None:
    graph = _graph()
    assert "components.ui.explorer" in graph["components.ui.explorer"] | {"components.ui.explorer"}
    assert "components.map.builder" in graph["components.ui.explorer"]
    assert len(graph) > 60


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{source} → {target}"
        for source, targets in _graph().items()
        for target in targets
        if _layer(target) > _layer(source)
    ]
    assert upward == []


def test_no_circle_of_imports_between_modules_or_packages() -> None:
    graph = _graph()
    assert _cycle(graph) is None
    packages: dict[str, set[str]] = {}
    for source, targets in graph.items():
        packages.setdefault(_package(source), set()).update(
            _package(target) for target in targets if _package(target) != _package(source)
        )
    assert _cycle(packages) is None


def test_components_has_few_loose_modules_and_none_too_long() -> None:
    loose = [path.name for path in COMPONENTS.glob("*.py") if path.name != "__init__.py"]
    assert len(loose) <= MAX_LOOSE_MODULES, loose
    long = {
        str(path.relative_to(REPO_ROOT)): lines
        for path in COMPONENTS.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
