"""A trust's own rulebook: chosen in the wizard, checked first, remembered."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.settings import load_settings
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.pages import FactorPage

from .conftest import open_window, settle

pytestmark = pytest.mark.gui


def adapted(tmp_path: Path, change: Any) -> Path:
    data = yaml.safe_load(load_rulebook().path.read_text(encoding="utf-8"))
    data["id"] = "wyvern-valley"
    change(data)
    path = tmp_path / "wyvern.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def add_question(data: dict[str, Any]) -> None:
    data["factors"][0]["questions"].append(
        {
            "id": "public_told",
            "text": "Has the public been told?",
            "required": False,
            "options": [{"id": "not_yet", "label": "Not yet"}, {"id": "told", "label": "Told"}],
        }
    )
    data["factors"][0]["rules"][0]["when"]["any"].append(
        {"question": "public_told", "is": "not_yet"}
    )
    # keep it monotone and complete: 'told' only ever helps
    data["factors"][0]["rules"][1]["when"]["all"].append({"question": "public_told", "is": "told"})


def test_switch_to_an_adapted_rulebook_keeps_answers(
    qtbot, window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(example_path, confirmed=True)
    before = dict(window.doc.decision.answers)
    path = adapted(tmp_path, add_question)
    window.use_rulebook(path)
    settle(qtbot)
    assert answers.errors == []
    assert window.loaded.rulebook.id == "wyvern-valley"
    assert window.doc.decision.answers == before
    assert window.doc.decision.rulebook.id == "wyvern-valley"
    page = window.wizard.page_for(f"factor:{window.flow.rulebook.factors[0].id}")
    assert isinstance(page, FactorPage) and "public_told" in page.boxes
    assert any("wyvern-valley" in info for info in answers.infos)
    assert load_settings()[0].rulebook_path == str(path.resolve())
    window.use_standard_rulebook()
    settle(qtbot)
    assert window.loaded.rulebook.id == "syslead-core"
    assert load_settings()[0].rulebook_path is None


def break_it(data: dict[str, Any]) -> None:
    data["factors"][0]["rules"] = data["factors"][0]["rules"][:1]  # leaves gaps


def test_a_rulebook_that_fails_its_checks_is_refused(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = adapted(tmp_path, break_it)
    window.use_rulebook(path)
    settle(qtbot)
    assert window.loaded.rulebook.id == "syslead-core"
    assert len(answers.errors) == 1
    message = answers.errors[0]
    broken = load_rulebook().rulebook.factors[0].id
    assert "does not pass its checks" in message and f"'{broken}'" in message
    assert f"syslead rules check {path}" in message and len(message) < 1000
    assert f"{path}:" in message  # the fault is reported against the rulebook's file


def cite_nowhere(data: dict[str, Any]) -> None:
    data["factors"][0]["cite"][0]["locator"] = "Discussion: defining success"


def test_a_rulebook_citing_a_place_its_source_does_not_list_is_refused(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The citations check (#13) guards the wizard as it guards the command line."""
    path = adapted(tmp_path, cite_nowhere)
    window.use_rulebook(path)
    settle(qtbot)
    assert window.loaded.rulebook.id == "syslead-core"
    [message] = answers.errors
    assert "locator 'Discussion: defining success' is not one of the" in message
    assert "that source 'gordon2021' declares" in message and f"{path}:" in message


def test_the_rulebook_is_checked_off_the_ui_thread(
    qtbot, window: MainWindow, answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services import rulebooks

    threads: list[str] = []
    real = rulebooks.ensure_verified

    def recording(loaded: Any) -> None:
        threads.append(threading.current_thread().name)
        real(loaded)

    monkeypatch.setattr(rulebooks, "ensure_verified", recording)
    operation = window.use_rulebook(adapted(tmp_path, add_question))
    assert operation.running or operation.done  # handed to the background helper
    settle(qtbot)
    assert threads and threads[0] != threading.main_thread().name
    assert window.loaded.rulebook.id == "wyvern-valley" and answers.errors == []


START = """
import sys
from syslead_desktop.ui import app, dialogs
dialogs.show_error = lambda _p, title, text: print("ERROR:", title, "|", text, flush=True)
code = app.main(sys.argv[1:])
print("exit", code, flush=True)
"""


def _start(
    args: list[str], env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-c", START, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_starting_with_a_failing_rulebook_is_refused(tmp_path: Path) -> None:
    """``syslead-desktop --rulebook R`` runs the same checks as ``rules check``."""
    path = adapted(tmp_path, break_it)
    done = _start(["--rulebook", str(path), "--self-test-full"])
    assert "exit 2" in done.stdout, (done.stdout, done.stderr)
    assert "fails its checks" in done.stderr and f"{path}:" in done.stderr


def test_a_failing_rulebook_in_the_settings_falls_back_to_the_standard_one(
    tmp_path: Path,
) -> None:
    from syslead_desktop.services.settings import Settings, save_settings

    home = tmp_path / "home"
    home.mkdir()
    path = adapted(tmp_path, break_it)
    save_settings(Settings(rulebook_path=str(path)), home / "settings.yaml")
    env = {"SYSLEAD_USER_DIR": str(home), "SYSLEAD_QUIT_AFTER_FIRST_PAGE": ""}
    script = START.replace(
        "code = app.main(sys.argv[1:])",
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qapp = QApplication([sys.argv[0]])  # first, so that the timers below run\n"
        "def ready():\n"
        "    for w in QApplication.topLevelWidgets():\n"
        "        if getattr(w, 'is_ready', False):\n"
        "            print('using', w.loaded.rulebook.id, flush=True)\n"
        "            QApplication.instance().exit(0)\n"
        "timer = QTimer(); timer.timeout.connect(ready); timer.start(200)\n"
        "QTimer.singleShot(90_000, lambda: QApplication.instance().exit(5))\n"
        "code = app.main(sys.argv[1:])",
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        timeout=120,
        check=False,
    )
    assert "ERROR: Cannot use your chosen rulebook" in done.stdout, (done.stdout, done.stderr)
    assert "fails its checks" in done.stdout and "standard rulebook instead" in done.stdout
    assert "using syslead-core" in done.stdout and "exit 0" in done.stdout


def test_presentation_mode_is_remembered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    base = window.font().pointSizeF()
    window.presentation.trigger()
    assert window.font().pointSizeF() > base
    assert load_settings()[0].presentation_mode is True
    again = open_window(qtbot, new=False)
    assert again.presentation.isChecked()
    window.presentation.trigger()
    assert load_settings()[0].presentation_mode is False
