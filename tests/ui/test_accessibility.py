"""Accessibility and keyboard use, and pages that follow the rulebook."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.pages import FactorPage
from syslead_desktop.ui.widgets import QuestionBox

pytestmark = pytest.mark.gui


def focusable(root: QWidget) -> list[QWidget]:
    """Focusable inputs; a spin box's or combo box's inner editor is part of its parent."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(root)
        and w.isEnabled()
        and not w.inherits("QScrollBar")
        and not (w.parent() is not None and w.parent().inherits("QAbstractSpinBox"))
    ]


def test_every_focusable_widget_on_every_page_has_a_name_and_description(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(example_path, confirmed=True)
    seen = 0
    for step in window.flow.steps:
        assert window.wizard.currentPage().step_id == step.id  # type: ignore[attr-defined]
        qtbot.wait(10)
        for widget in focusable(window):
            info = QAccessible.queryAccessibleInterface(widget)
            name = info.text(QAccessible.Text.Name)
            assert name.strip(), f"{step.id}: {widget.metaObject().className()} has no name"
            description = info.text(QAccessible.Text.Description)
            assert description.strip(), f"{step.id}: {name!r} has no description"
            seen += 1
        window.wizard.next()
    assert seen > 50


def test_tab_moves_through_fields_not_into_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    page = window.wizard.page_for("framing")
    page.title_edit.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(page.title_edit, "Keyboard only")  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    description = QApplication.focusWidget()
    assert description.accessibleName() == "What is proposed"
    qtbot.keyClick(description, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not description, "Tab must leave a text box"
    assert window.doc.decision.framing.title == "Keyboard only"


def test_radio_answers_by_keyboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    window.wizard.next()
    page = window.wizard.currentPage()
    box = next(iter(page.boxes.values()))  # type: ignore[attr-defined]
    first = box.buttons[box.question.options[0].id]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert window.doc.decision.answers[box.question.id] == box.question.options[0].id
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert window.doc.decision.answers[box.question.id] == box.question.options[1].id


def test_a_question_added_in_yaml_appears_in_the_wizard(qtbot, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = load_rulebook().path
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["factors"][0]["questions"].append(
        {
            "id": "brand_new_question",
            "text": "Has the public been told?",
            "required": True,
            "options": [{"id": "no", "label": "Not yet"}, {"id": "yes", "label": "Yes, openly"}],
        }
    )
    custom = tmp_path / "custom.yaml"
    custom.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    window = MainWindow(load_rulebook(custom), autosave=False)
    qtbot.addWidget(window)
    page = window.wizard.page_for(f"factor:{data['factors'][0]['id']}")
    assert isinstance(page, FactorPage)
    assert "brand_new_question" in page.boxes
    labels = [b.text() for b in page.boxes["brand_new_question"].buttons.values()]
    assert labels == ["Not yet", "Yes, openly"]
    assert any(
        isinstance(w, QuestionBox) and w.title_label.text().startswith("Has the public been told?")
        for w in page.findChildren(QuestionBox)
    )
