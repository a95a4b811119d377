"""The core never imports Qt: checked by importing it in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "syslead_desktop"
CORE = ["domain", "engine", "services"]


def test_no_qt_import_statements_outside_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in names):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, syslead_desktop\n"
        "import syslead_desktop.cli\n"
        f"for sub in {CORE!r}:\n"
        "    pkg = importlib.import_module('syslead_desktop.' + sub)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


LAYERS = ["ui", "services", "engine", "domain"]  # each may import only those after it


def _imported_packages(path: Path) -> set[str]:
    """SysLead's own packages a module imports (relative or absolute, anywhere in it)."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module[: len(module) - node.level])
                parts = [*base, *(node.module or "").split(".")] if node.module else base
            else:
                parts = (node.module or "").split(".")
            names = [".".join(parts)]
            if not node.module:
                names = [".".join([*parts, alias.name]) for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "syslead_desktop" and len(pieces) > 1:
                found.add(pieces[1])
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    """The same rule as the import-linter layers contract in pyproject.toml, read from
    the source: the engine never reaches up into services (it used to, for YAML)."""
    offenders = []
    for rank, layer in enumerate(LAYERS):
        beside = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "errors", "locations"}
        above = set(LAYERS[:rank]) | (beside if layer != "ui" else set())
        for path in (PACKAGE / layer).rglob("*.py"):
            for package in _imported_packages(path) & above:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {package}")
    assert offenders == []


def test_the_layers_contract_is_declared() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    assert layers == [
        "syslead_desktop.ui | syslead_desktop.cli",
        "syslead_desktop.services",
        "syslead_desktop.engine",
        "syslead_desktop.domain",
    ]


#: Modules beside the layers that the core itself uses.
BASE_MODULES = {"__init__", "__main__", "errors", "locations"}


def _config() -> dict:  # type: ignore[type-arg]
    import tomllib

    return tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_module_beside_the_layers_is_kept_out_of_the_core() -> None:
    """cli_register.py and cli_workshop.py sat in no layer, so the core could have
    imported them unseen: each module beside the layers must be forbidden to the core."""
    contracts = _config()["tool"]["importlinter"]["contracts"]
    contract = next(
        c for c in contracts if c["name"] == "The core never imports the CLI or the GUI"
    )
    assert contract["source_modules"] == [f"syslead_desktop.{layer}" for layer in CORE]
    beside = {p.stem for p in PACKAGE.glob("*.py")} - BASE_MODULES
    missing = {f"syslead_desktop.{m}" for m in beside} - set(contract["forbidden_modules"])
    assert missing == set(), f"add these to the contract in pyproject.toml: {sorted(missing)}"
    assert "syslead_desktop.ui" in contract["forbidden_modules"]


def test_mypy_strict_covers_every_module() -> None:
    mypy = _config()["tool"]["mypy"]
    assert mypy["strict"] is True
    assert mypy["files"] == ["syslead_desktop"], "ui/, cli.py and the modules beside it"
