"""Two windows on one file (issue #11, item 4): the second save notices that the file
was saved by the other window since it was opened, and asks, instead of silently
wiping out the other window's edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from syslead_desktop.services.decision_file import load_decision

from .conftest import open_window, settle

pytestmark = pytest.mark.gui


def test_the_second_save_asks_instead_of_wiping_the_first(
    qtbot, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shared = tmp_path / "shared.syslead.yaml"
    shutil.copy(example_path, shared)
    first, second = open_window(qtbot, new=False), open_window(qtbot, new=False)
    for window in (first, second):
        assert window.open_path(shared, confirmed=True)
    settle(qtbot)
    first.doc.set_framing("title", "First window's edit")
    assert first.save() and load_decision(shared).framing.title == "First window's edit"

    second.doc.set_framing("title", "Second window's edit")
    answers.overwrite = "cancel"
    assert not second.save()
    assert answers.asked[-1].startswith("overwrite:") and "changed on disk" in answers.asked[-1]
    assert load_decision(shared).framing.title == "First window's edit"
    assert second.doc.modified, "the second window's work is still there, unsaved"

    answers.save_path = tmp_path / "second.syslead.yaml"
    answers.overwrite = "save_as"
    assert second.save()
    assert load_decision(answers.save_path).framing.title == "Second window's edit"
    assert load_decision(shared).framing.title == "First window's edit"

    asked = len(answers.asked)
    first.doc.set_framing("title", "First window again")
    assert first.save(), "a window saving over its own last save is not asked"
    assert len(answers.asked) == asked
    for window in (first, second):
        window.doc.set_modified(False)
        window.close()
    settle(qtbot)


def test_a_read_only_file_is_refused_with_a_clear_message(
    qtbot, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked.syslead.yaml"
    shutil.copy(example_path, locked)
    locked.chmod(0o444)
    window = open_window(qtbot, new=False)
    assert window.open_path(locked, confirmed=True)
    window.doc.set_framing("title", "Changed")
    assert not window.save()
    assert answers.errors and "read-only" in answers.errors[-1]
    assert load_decision(locked).framing.title == load_decision(example_path).framing.title
    assert locked.stat().st_mode & 0o777 == 0o444
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)
