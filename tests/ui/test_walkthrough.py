"""A chief executive's whole journey, driven through the wizard's own buttons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPlainTextEdit, QWizard

from syslead_desktop.domain.wizard_flow import StepKind
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.pages import FactorPage, FramingPage

pytestmark = pytest.mark.gui


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def next_button(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.wizard.button(QWizard.WizardButton.NextButton)


def test_complete_a_decision_and_export_it(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = window.wizard
    title = "Share pathology capacity with Westmoor A < B & C"
    for step in window.flow.steps:
        page = wizard.currentPage()
        assert page.step_id == step.id  # type: ignore[attr-defined]
        if step.kind in (StepKind.FRAMING, StepKind.FACTOR):
            assert not next_button(window).isEnabled(), f"{step.id} should wait for answers"
            assert page.reason.isVisible() and page.reason.text()  # type: ignore[attr-defined]
            required = [q for q in window.flow.questions(step.id) if q.required]
            if required:  # the reason names what is still to answer
                assert required[0].text.rstrip("?.") in page.reason.text()  # type: ignore[attr-defined]
            if isinstance(page, FramingPage):
                page.title_edit.setText(title)
            assert isinstance(page, FramingPage | FactorPage)
            for box in page.boxes.values():
                box.choose(box.question.options[-1].id)
            assert next_button(window).isEnabled()
            assert not page.reason.isVisible()  # type: ignore[attr-defined]
        if step.kind is StepKind.REVIEW:
            assert page.assessment is not None  # type: ignore[attr-defined]
            assert "Factor ratings" in page.view.toPlainText()  # type: ignore[attr-defined]
        if step.kind is StepKind.FINISH:
            break
        qtbot.mouseClick(next_button(window), qtbot_button())
    assert window.isWindowModified()
    answers.pdf_path = tmp_path / "paper.pdf"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), qtbot_button())
    assert title in pdf_text(answers.pdf_path)
    assert window.wizard.page_for("finish").open_button.isEnabled()  # type: ignore[attr-defined]
    assert window.isVisible(), "Finish exports; it must not close the window"


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_gui_and_cli_give_the_same_pdf(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(example_path, confirmed=True)
    answers.pdf_path = tmp_path / "gui.pdf"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_pdf()
    cli_pdf = tmp_path / "cli.pdf"
    subprocess.run(
        [sys.executable, "-m", "syslead_desktop", "render", str(example_path), "-o", str(cli_pdf)],
        check=True,
    )
    assert pdf_text(answers.pdf_path) == pdf_text(cli_pdf)
    assert answers.pdf_path.read_bytes() == cli_pdf.read_bytes()


def test_save_a_draft_and_reopen_it(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(example_path, confirmed=True)
    window.wizard.next()
    window.wizard.page_for("framing").title_edit.setText("Zoë’s revised plan – £2m ✓")  # type: ignore[attr-defined]
    assert window.isWindowModified() and "*" not in window.windowTitle().replace("[*]", "")
    answers.save_path = tmp_path / "draft.syslead.yaml"
    assert window.save_as()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("draft.syslead.yaml")
    saved = window.doc.decision.model_copy(deep=True)
    assert load_decision(answers.save_path) == saved
    window.new_decision()
    assert window.doc.path is None
    assert window.open_path(answers.save_path)
    assert window.doc.decision == saved
    assert window.wizard.page_for("framing").title_edit.text() == "Zoë’s revised plan – £2m ✓"  # type: ignore[attr-defined]


def test_unsaved_changes_prompt(qtbot, window: MainWindow, answers) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    window.wizard.page_for("framing").title_edit.setText("Unsaved")  # type: ignore[attr-defined]
    answers.unsaved = "cancel"
    assert not window.close()
    assert window.isVisible() and answers.asked == ["unsaved:Unsaved"]
    answers.unsaved = "discard"
    assert window.close()
    assert not window.isVisible()


def test_long_and_hostile_text_is_accepted(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    page = window.wizard.page_for("framing")
    text = "Ἀθῆναι Привет <b>not bold</b> " + "x" * 50_000
    page.title_edit.setText(text[:200])  # type: ignore[attr-defined]
    assert window.doc.decision.framing.title == text[:200]
    description = next(
        w for w in page.findChildren(QPlainTextEdit) if w.accessibleName() == "What is proposed"
    )
    description.setPlainText(text)
    assert window.doc.decision.framing.description == text
