"""Start-up stays in two steps: the first page (Home's frame) is on screen before the
rulebook, the models, the engine and the wizard are even imported. A new view or a new
import at the top of a module that the first page needs would quietly undo that, so
this test names every SysLead module the first page may load and fails on any other,
and on any module that loads after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

#: What showing the first page may import from SysLead itself.
FIRST_PAGE = {
    "syslead_desktop",
    "syslead_desktop.errors",
    "syslead_desktop.locations",
    "syslead_desktop.ui",
    "syslead_desktop.ui.app",
    "syslead_desktop.ui.dialogs",
    "syslead_desktop.ui.errorhook",
    "syslead_desktop.ui.home",
    "syslead_desktop.ui.home.model",
    "syslead_desktop.ui.home.view",
    "syslead_desktop.ui.main_window",
    "syslead_desktop.ui.operations",
    "syslead_desktop.ui.style",
    "syslead_desktop.ui.view",
}
#: Loaded only once the first page is up (the second step), never before it.
AFTER = [
    "pydantic",
    "yaml",
    "platformdirs",
    "syslead_desktop.domain",
    "syslead_desktop.engine",
    "syslead_desktop.services",
    "syslead_desktop.ui.document",
    "syslead_desktop.ui.decision_view",
    "syslead_desktop.ui.wizard",
    "syslead_desktop.ui.busy",  # made when the first background work starts
    "syslead_desktop.ui.pages",
    "syslead_desktop.ui.home.entry_list",
]

PROBE = """
import json, sys
from syslead_desktop.ui import app
try:
    app.main(sys.argv[1:])
finally:
    print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
"""


def modules_after(flag: str) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, flag], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "self-test ok" in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def loaded(modules: set[str], name: str) -> bool:
    """Whether the module or package ``name`` was imported (importing any module of a
    package imports the package; pydantic's plugin loader is a stand-in put in
    sys.modules by without_pydantic_plugins, not an import of pydantic)."""
    return name in modules


def test_the_first_page_imports_only_what_it_needs() -> None:
    first = modules_after("--self-test")
    ours = {m for m in first if m.split(".")[0] == "syslead_desktop"}
    assert ours == FIRST_PAGE, (
        "the first page's imports changed; a module added here delays every start: "
        f"new {sorted(ours - FIRST_PAGE)}, gone {sorted(FIRST_PAGE - ours)}"
    )
    early = [prefix for prefix in AFTER if loaded(first, prefix)]
    assert early == [], f"loaded before the first page is shown: {early}"


def test_what_loads_after_the_first_page_really_does_load_then() -> None:
    """So that the list above means something: the full start does load all of it."""
    full = modules_after("--self-test-full")
    assert [prefix for prefix in AFTER if not loaded(full, prefix)] == []


FIRST_PAGE_QT = """
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.style import STYLE_SHEET

app = QApplication([])
app.setStyleSheet(STYLE_SHEET)
window = MainWindow(None, autosave=False)
window.show()
app.processEvents()
print("Qt namespace built:", "Qt" in vars(QtCore))
"""


def test_the_first_page_never_builds_the_qt_namespace() -> None:
    """Importing ``Qt`` from PySide6.QtCore builds every one of its enums (about 25 ms):
    operations.py named Qt.ConnectionType at its top, and being part of the first page
    it put that in front of every start."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAGE_QT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Qt namespace built: False" in done.stdout


START_QT = """
import sys
from pathlib import Path
import PySide6.QtCore as QtCore
from syslead_desktop.ui import app
code = app.main(["--self-test"])
print("Qt namespace built:", "Qt" in vars(QtCore), flush=True)
sys.exit(code)
"""


def test_the_whole_start_never_builds_the_qt_namespace(tmp_path: Path) -> None:
    """The same through ``main`` as the user starts it, up to the first page shown: its
    handler for a window coming up (``fit_dialog_to_screen``) named Qt and asked the main
    window's ``type()``, which built every enum at each start (start-up ratio 1.57 rather
    than 1.31 in ``make bench``)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SYSLEAD_USER_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", START_QT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "self-test ok" in done.stdout
    assert "Qt namespace built: False" in done.stdout
