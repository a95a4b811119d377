"""The main window is a shell that hosts views: each brings its own menus and File
actions, and the shell keeps only what they share (File menu, title, unsaved changes)."""

from __future__ import annotations

import ast
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QVBoxLayout

from syslead_desktop import APP_NAME
from syslead_desktop.services import workflow
from syslead_desktop.ui import dialogs
from syslead_desktop.ui.dialogs import file_stem
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.view import View

from .conftest import open_window, settle

pytestmark = pytest.mark.gui


class Tally(QObject):
    """A model with nothing to do with decisions."""

    changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def add(self) -> None:
        self.count += 1
        self.changed.emit(self.count)


class TallyView(View):
    """A trivial view: it takes its model, listens to it, and brings a menu of its own."""

    view_id = "tally"
    title = "Tally"
    in_view_menu = True

    def __init__(self, model: Tally) -> None:
        super().__init__()
        self.model = model
        self.label = QLabel("0")
        QVBoxLayout(self).addWidget(self.label)
        model.changed.connect(lambda n: self.label.setText(str(n)))
        self.menu = QMenu("&Tally")
        self.add_action = QAction("&Add one", self)
        self.add_action.triggered.connect(model.add)
        self.menu.addAction(self.add_action)
        self.file_action = QAction("Export &Tally…", self)

    def menus(self) -> list[QMenu]:
        return [self.menu]

    def file_actions(self) -> list[QAction]:
        return [self.file_action]


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def file_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.file_menu.actions() if not a.isSeparator()]


def test_a_new_view_is_hosted_with_its_own_menus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tally = Tally()
    view = TallyView(tally)
    window.add_view(view)
    going = next(a for a in window.view_menu.actions() if a.text() == "Tally")
    going.trigger()
    assert window.current_view is view and view.isVisible()
    assert "&Tally" in menu_titles(window) and "Export &Tally…" in file_texts(window)
    assert "&Export PDF…" not in file_texts(window), "the wizard's actions leave with it"
    assert window.windowTitle() == f"Tally — {APP_NAME}"
    view.add_action.trigger()
    assert view.label.text() == "1", "the view follows its model"
    window.show_view("decision")
    assert "&Tally" not in menu_titles(window) and "&Export PDF…" in file_texts(window)
    with pytest.raises(ValueError):
        window.add_view(TallyView(tally))  # one id, one view


ADD_A_VIEW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.view import View

class Plain(View):
    view_id = "plain"
    title = "Plain"

app = QApplication([])
window = MainWindow(load_rulebook(), autosave=False)
window.add_view(Plain())
window.show_view("plain")
window.show()
app.processEvents()
loaded = sorted(m for m in sys.modules if m.startswith("syslead_desktop.ui."))
print(window.current_view.view_id, " ".join(loaded))
"""


def test_a_view_needs_nothing_from_the_wizards_code() -> None:
    """Adding and showing a new view never even imports the wizard or its pages."""
    done = subprocess.run(
        [sys.executable, "-c", ADD_A_VIEW], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    shown, *modules = done.stdout.split()
    assert shown == "plain"
    for wizard_module in ("wizard", "pages", "decision_view", "finish_page", "review_page"):
        assert f"syslead_desktop.ui.{wizard_module}" not in modules


def test_the_window_opens_on_home(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    assert window.current_view is window.home
    assert window.windowTitle() == APP_NAME
    assert not window.save_action.isEnabled(), "Home has nothing to save"
    assert "&Export PDF…" not in file_texts(window)


def test_going_home_with_unsaved_changes_asks_first(qtbot, window: MainWindow, answers) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    window.wizard.page_for("framing").title_edit.setText("Half done")  # type: ignore[attr-defined]
    answers.unsaved = "cancel"
    assert not window.go_home()
    assert window.current_view is window.decision_view
    assert answers.asked == ["unsaved:Half done"]
    answers.unsaved = "discard"
    window.home_action.trigger()
    assert window.current_view is window.home and window.windowTitle() == APP_NAME
    assert not window.isWindowModified() and window.doc.decision.framing.title == ""
    assert not window.doc.modified


def test_open_recent_opens_from_the_keyboard(
    qtbot, window: MainWindow, answers, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The submenu was created disabled, and only its entry re-enabled: it never opened."""
    assert window.open_path(example_path, confirmed=True)
    window.new_decision()
    assert window.doc.path is None
    menu = window.recent_menu
    assert menu.isEnabled() and menu.menuAction().isEnabled()
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(menu)
    assert [a.text() for a in menu.actions()] == [f"&1 {example_path.name}"]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.doc.path == example_path.resolve())


def test_open_recent_tells_files_of_the_same_name_apart(
    qtbot, window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Two decisions called decision.syslead.yaml in two folders were two identical
    entries, and a name's own '&' became a mnemonic ('R&D' showed as 'RD')."""
    files = []
    for folder in ("Board 2026", "Board 2027", "R&D"):
        name = "R&D plan.syslead.yaml" if folder == "R&D" else "decision.syslead.yaml"
        path = tmp_path / folder / name
        path.parent.mkdir()
        path.write_bytes(example_path.read_bytes())
        files.append(str(path))
    window.settings = window.settings.model_copy(update={"recent_files": files})
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [
        "&1 decision.syslead.yaml (Board 2026)",
        "&2 decision.syslead.yaml (Board 2027)",
        "&3 R&&D plan.syslead.yaml",
    ]


def test_the_open_dialog_shows_decisions_and_board_papers_first() -> None:
    first = dialogs.DECISION_FILTER.split(";;")[0]
    assert first.startswith("Decisions and board papers")
    for pattern in ("*.syslead.yaml", "*.yaml", "*.yml", "*.pdf"):
        assert pattern in first
    assert dialogs.DECISION_FILTER.endswith("SysLead workshops (*.workshop.yaml)")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("scanning-capacity.syslead.yaml", "scanning-capacity"),
        ("Offer MRI: weekends?", "Offer MRI- weekends"),
        ("plan.yml", "plan"),
        ("...", "board-paper"),
    ],
)
def test_file_names_come_from_the_decision_without_its_suffix(name: str, stem: str) -> None:
    assert file_stem(name, "board-paper") == stem


def test_the_suggested_pdf_name_drops_the_decision_suffix(
    qtbot, window: MainWindow, answers, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    suggested: list[str] = []
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda _p, s: suggested.append(s))
    assert window.open_path(example_path, confirmed=True)
    window.export_pdf()
    assert [Path(s).name for s in suggested] == ["scanning-capacity.pdf"]


def test_closing_during_an_export_cancels_it_at_once(
    qtbot, answers, tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    assert window.open_path(example_path, confirmed=True)
    rendering, release = threading.Event(), threading.Event()
    real_render = workflow.render_assessed

    def slow_render(assessed, *check):  # type: ignore[no-untyped-def]
        rendering.set()
        release.wait(60)
        return real_render(assessed, *check)

    monkeypatch.setattr(workflow, "render_assessed", slow_render)
    answers.pdf_path = tmp_path / "paper.pdf"
    window.export_pdf()
    assert rendering.wait(30)
    op = window.decision_view.export_op
    assert op is not None and op.running
    started = time.monotonic()
    assert window.close()
    assert time.monotonic() - started < 2, "closing must not wait for the render"
    assert op.cancel_requested
    release.set()
    settle(qtbot)
    assert not answers.pdf_path.exists(), "a cancelled export writes nothing"
    assert answers.errors == []
    QApplication.processEvents()


UI = Path(__file__).resolve().parents[2] / "syslead_desktop" / "ui"


def _view_modules() -> dict[str, ast.Module]:
    """Every module under ui/ that defines a view (a subclass of View), by dotted name."""
    found = {}
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.ClassDef)
            and any(isinstance(b, ast.Name) and b.id == "View" for b in node.bases)
            for node in ast.walk(tree)
        ):
            parts = path.relative_to(UI.parent.parent).with_suffix("").parts
            found[".".join(parts)] = tree
    return found


def _imported(module: str, tree: ast.Module) -> set[str]:
    """The modules ``tree`` imports, anywhere in it (inside functions too), absolute."""
    package = module.rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = (
                (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            )
            names.add(target or "")
            names.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_view_imports_another_view() -> None:
    """No view reaches into another: what two views share lives in a module of its own
    (widgets, dialogs, a model), and only the shell knows them all. (The review view took
    the wizard's file_stem from decision_view, the schedule its column widths from the
    actions view.)"""
    views = _view_modules()
    assert len(views) >= 8, sorted(views)  # the scan finds them
    reaching = {
        module: sorted(
            other for other in views if other != module and other in _imported(module, tree)
        )
        for module, tree in views.items()
    }
    assert {m: o for m, o in reaching.items() if o} == {}


def test_going_home_builds_no_wizard_for_the_empty_decision(
    qtbot, window: MainWindow, answers, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Going Home put an empty decision in place, and the wizard was built again for it at
    once, every page, out of sight: about a second at 200% on a busy laptop, with the
    window title already saying 'Untitled decision' over the old wizard."""
    from syslead_desktop.ui import wizard as wizard_module

    built: list[object] = []

    class Counted(wizard_module.DecisionWizard):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(wizard_module, "DecisionWizard", Counted)
    assert window.open_path(example_path, confirmed=True)
    assert len(built) == 1
    assert window.go_home()
    assert built[1:] == [], "no wizard is built while Home is shown"
    assert window.windowTitle() == APP_NAME
    window.new_decision()
    assert len(built) == 2 and window.wizard is built[1]
    assert window.wizard.currentPage().step_id == "welcome"  # type: ignore[attr-defined]
    assert window.wizard.page_for("framing").title_edit.text() == ""  # type: ignore[attr-defined]


def test_a_window_grown_by_its_view_stays_on_the_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At 200% the register view's minimum width grew the window where it stood, its
    right edge and buttons off the screen: it is moved back inside."""
    free = window.screen().availableGeometry()
    window.showNormal()
    window.setGeometry(free.left() + 100, free.top() + 60, free.width() // 2, free.height() // 2)
    qtbot.waitUntil(lambda: window.geometry().left() == free.left() + 100)
    window.setMinimumWidth(free.width() - 40)  # as a wide view does
    qtbot.waitUntil(lambda: free.contains(window.frameGeometry()), timeout=5000)
    assert window.width() >= free.width() - 40
    window.setMinimumWidth(0)


def test_the_position_kept_for_recovery_builds_no_wizard(
    qtbot, window: MainWindow, answers, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The error hook asks where the user is as it writes the draft; with the decision
    replaced while another view was shown, asking would have built a whole wizard inside
    the error hook."""
    assert window.open_path(example_path, confirmed=True)
    view = window.decision_view
    window.show_view("home")
    window.doc.replace(window.doc.decision, window.doc.path)  # replaced out of sight
    assert view.position() is None
    assert view._stale, "still to be built when it is next shown"
    window.show_view(view.view_id)
    assert view.position() == "welcome"
