"""Reopening work: from a board paper PDF, and from an older rulebook version."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from syslead_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_open_a_board_paper_pdf_reopens_its_decision(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    expected = assess_decision(load_decision(example_path), load_rulebook()).decision
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(render_assessed(assess_decision(load_decision(example_path), load_rulebook())))
    assert window.open_path(pdf, confirmed=True)
    assert window.doc.decision == expected
    assert window.doc.path is None, "saving must not overwrite the PDF"
    assert answers.errors == []


def test_an_altered_pdf_is_refused_with_a_reason(
    window: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "not-ours.pdf"
    fake.write_bytes(b"%PDF-1.4\n% not a real paper\n")
    assert not window.open_path(fake, confirmed=True)
    assert len(answers.errors) == 1 and "not-ours.pdf" in answers.errors[0]


def test_older_rulebook_version_is_announced_and_answers_kept(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = load_decision(example_path)
    old.rulebook.version = "0.9.0"
    old.answers["retired_question"] = "whatever"
    kept_question = next(iter(load_decision(example_path).answers))
    path = tmp_path / "old.syslead.yaml"
    save_decision(path, old)
    assert window.open_path(path, confirmed=True)
    assert len(answers.infos) == 1
    assert "0.9.0" in answers.infos[0] and "retired_question" in answers.infos[0]
    assert "retired_question" not in window.doc.decision.answers
    assert window.doc.decision.answers[kept_question] == old.answers[kept_question]
    assert window.isWindowModified(), "the refitted decision needs saving"


def test_opening_a_file_in_a_shown_window_shows_the_new_wizard(
    window: MainWindow, example_path: Path
) -> None:
    assert window.open_path(example_path, confirmed=True)
    assert window.wizard.isVisible() and window.wizard.currentPage().isVisible()


def test_start_shows_home_before_the_rulebook_is_read(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.ui.home.view import HomeView

    window = MainWindow(None, autosave=False)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.current_view, HomeView) and window.current_view.isVisible()
    assert not window.home.new_button.isEnabled(), "nothing to start until the rulebook is read"
    save = next(a for a in window.menuBar().actions()[0].menu().actions() if "Save" in a.text())
    assert not save.isEnabled(), "nothing to save until the rulebook is read"
    with qtbot.waitSignal(window.ready):
        window.finish_loading(load_rulebook())
    assert window.home.new_button.isEnabled() and not save.isEnabled(), "Home has nothing to save"
    window.home.new_button.click()
    assert window.wizard.isVisible() and save.isEnabled()
    assert window.wizard.currentPage().step_id == "welcome"  # type: ignore[attr-defined]
