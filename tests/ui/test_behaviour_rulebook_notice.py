"""Opening work made with another rulebook version: a notice a board member can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.services.decision_file import load_decision, reconcile, save_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow


def _old_decision(example_path: Path) -> tuple[object, str]:
    old = load_decision(example_path)
    old.rulebook.version = "0.9.0"
    changed = next(iter(old.answers))
    old.answers[changed] = "withdrawn_option"
    old.answers["retired_q"] = "whatever"
    return old, changed


def test_set_aside_answers_are_named_in_words(example_path: Path) -> None:
    loaded = load_rulebook()
    old, changed = _old_decision(example_path)
    fitted = reconcile(old, loaded.rulebook, loaded.hash)  # type: ignore[arg-type]
    question = loaded.rulebook.questions_by_id[changed]
    text = "\n\n".join(fitted.notices)
    assert "version 0.9.0 of the rulebook" in text
    assert f"you are using version {loaded.rulebook.version}" in text
    assert "2 answers no longer fit this rulebook and have been set aside:" in text
    assert "• an answer to a question this rulebook no longer asks (“retired_q”)" in text
    assert f"• the answer to “{question.text}”" in text
    assert "this question needs answering again" in text
    assert "Set aside: retired_q" not in text
    assert f"{changed} (" not in text, "a question still asked is named by its words"
    assert "retired_q" not in fitted.decision.answers and changed not in fitted.decision.answers


def test_one_answer_set_aside_reads_as_one(example_path: Path) -> None:
    loaded = load_rulebook()
    old = load_decision(example_path)
    old.answers["retired_q"] = "whatever"
    notices = reconcile(old, loaded.rulebook, loaded.hash).notices
    assert notices == [
        "One answer no longer fits this rulebook and has been set aside:\n"
        "• an answer to a question this rulebook no longer asks (“retired_q”)"
    ]


def test_same_version_but_edited_rulebook_does_not_repeat_the_version(
    example_path: Path,
) -> None:
    loaded = load_rulebook()
    old = load_decision(example_path)
    old.rulebook.version = loaded.rulebook.version
    old.rulebook.hash = "0" * 64
    notices = reconcile(old, loaded.rulebook, loaded.hash).notices
    assert len(notices) == 1
    assert "differently edited copy of rulebook version" in notices[0]


def test_another_rulebook_is_named_by_its_title(example_path: Path) -> None:
    loaded = load_rulebook()
    old = load_decision(example_path)
    old.rulebook.id = "another-trust-book"
    notices = reconcile(old, loaded.rulebook, loaded.hash).notices
    assert "another rulebook ('another-trust-book'" in notices[0]
    assert f"“{loaded.rulebook.title}”" in notices[0]


def test_the_window_shows_the_readable_notice(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old, _changed = _old_decision(example_path)
    path = tmp_path / "old.syslead.yaml"
    save_decision(path, old)  # type: ignore[arg-type]
    assert window.open_path(path, confirmed=True)
    assert len(answers.infos) == 1
    info = answers.infos[0]
    assert info.startswith("Made with a different rulebook: ")
    assert "no longer asks (“retired_q”)" in info and "needs answering again" in info


@pytest.mark.parametrize("change", ["version", "id", "hash"])
def test_nothing_is_said_to_be_set_aside_when_nothing_was(example_path: Path, change: str) -> None:
    """The notice said answers 'have been set aside' when every one had been kept."""
    loaded = load_rulebook()
    old = load_decision(example_path)
    if change == "version":
        old.rulebook.version = "0.9.0"
    elif change == "id":
        old.rulebook.id = "another-trust-book"
    else:
        old.rulebook.hash = "0" * 64
    fitted = reconcile(old, loaded.rulebook, loaded.hash)
    assert not fitted.dropped
    assert len(fitted.notices) == 1
    assert "set aside" not in fitted.notices[0]
    assert fitted.notices[0].endswith("Every answer given still applies and is kept.")


def test_answers_set_aside_are_not_also_said_to_be_kept(example_path: Path) -> None:
    loaded = load_rulebook()
    old = load_decision(example_path)
    old.rulebook.id = "another-trust-book"
    old.answers["retired_q"] = "whatever"
    notices = reconcile(old, loaded.rulebook, loaded.hash).notices
    assert len(notices) == 2
    assert "still applies" not in notices[0] and "set aside" not in notices[0]
    assert notices[1].startswith("One answer no longer fits this rulebook")


def test_a_decision_made_under_rulebook_1_0_0_opens_with_its_answers_kept(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = load_decision(example_path)
    old.rulebook.version = "1.0.0"
    path = tmp_path / "made-under-1.0.0.syslead.yaml"
    save_decision(path, old)
    assert window.open_path(path, confirmed=True)
    assert answers.infos == [
        "Made with a different rulebook: This decision was made with version 1.0.0 of "
        f"the rulebook; you are using version {window.flow.rulebook.version}. Every answer "
        "given still applies and is kept."
    ]
    assert window.doc.decision.answers == old.answers


def test_a_differently_edited_copy_of_the_same_version_is_not_called_another_version(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The notice's title said 'another rulebook version' over a text saying the version
    was the same (a copy edited differently, as a recovered draft met after an update)."""
    old = load_decision(example_path)
    old.rulebook.hash = "sha256:" + "0" * 64
    path = tmp_path / "edited-copy.syslead.yaml"
    save_decision(path, old)
    assert window.open_path(path, confirmed=True)
    version = window.flow.rulebook.version
    assert answers.infos == [
        "Made with a different rulebook: This decision was made with a differently edited "
        f"copy of rulebook version {version}. Every answer given still applies and is kept."
    ]
