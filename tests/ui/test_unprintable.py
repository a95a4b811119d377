"""Before export, the GUI says which characters the paper cannot print, and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.ui.main_window import MainWindow

from .conftest import settle

pytestmark = pytest.mark.gui


def test_export_names_the_characters_it_cannot_print(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(example_path, confirmed=True)
    view = window.decision_view
    view.doc.decision.framing.title = "Scans for 田中 \U00010000 🇬🇧"  # 田中 is printed
    answers.pdf_path = tmp_path / "paper.pdf"
    answers.print_anyway = False
    window.export_pdf()
    settle(qtbot)
    asked = [a for a in answers.asked if a.startswith("unprintable:")]
    assert asked == [
        "unprintable:Title: U+10000 (linear b syllable b008 a), printed as "
        "[linear b syllable b008 a]\n"
        "Title: U+1F1EC U+1F1E7 (flag GB), printed as [flag: GB]"
    ]
    assert not answers.pdf_path.exists()  # cancelled: nothing written
    answers.print_anyway = True
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_pdf()
    assert answers.pdf_path.exists()


def test_a_paper_every_character_of_which_prints_asks_nothing(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(example_path, confirmed=True)
    answers.pdf_path = tmp_path / "paper.pdf"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_pdf()
    assert not [a for a in answers.asked if a.startswith("unprintable:")]
