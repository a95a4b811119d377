"""The engine's modules import one another in one direction only: no cycles.

An import cycle (``evaluate`` importing ``counterfactuals``, which imported ``evaluate``
back) forces a function-level import somewhere and makes the layering unreadable.  This
reads each module's imports from its source and looks for a cycle among them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "syslead_desktop" / "engine"


def _engine_imports(path: Path) -> set[str]:
    """The engine modules ``path`` imports, wherever in the file the import is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[:2] == ["syslead_desktop", "engine"] and len(parts) > 2:
                found.add(parts[2])
    return found


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in ENGINE.glob("*.py") if p.stem != "__init__"}
    return {name: _engine_imports(path) & modules.keys() for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_engine_has_no_import_cycle() -> None:
    graph = _graph()
    assert "counterfactuals" in graph["evaluate"]
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(graph) == ["a", "b", "c", "a"]
