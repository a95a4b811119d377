"""What Home shows for each recent decision, read from the file itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from syslead_desktop.services.decision_file import load_decision, new_decision, save_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.summary import long_date, read_summaries, read_summary
from syslead_desktop.services.workflow import assess_decision


def test_a_complete_decision_shows_its_recommendation(example_path: Path) -> None:
    loaded = load_rulebook()
    decision = load_decision(example_path)
    summary = read_summary(example_path, loaded)
    assert summary.state == "ok"
    assert summary.title == decision.framing.title
    assert summary.status == decision.status
    assert summary.recommendation == assess_decision(decision, loaded).assessment.stance_label
    assert summary.meeting_date == decision.board_paper.meeting_date
    assert summary.updated == decision.updated


def test_an_unfinished_decision_says_so(tmp_path: Path) -> None:
    loaded = load_rulebook()
    path = tmp_path / "new.syslead.yaml"
    save_decision(path, new_decision(loaded.rulebook, loaded.hash, dt.date(2027, 1, 5)))
    summary = read_summary(path, loaded)
    assert summary.recommendation is None and summary.progress.startswith("Not finished")
    assert summary.updated == dt.date(2027, 1, 5)


def test_missing_and_unreadable_files_never_raise(tmp_path: Path) -> None:
    loaded = load_rulebook()
    bad = tmp_path / "bad.syslead.yaml"
    bad.write_text("framing: [\n", encoding="utf-8")
    missing, unreadable = read_summaries([tmp_path / "gone.syslead.yaml", bad], loaded)
    assert missing.state == "missing"
    assert unreadable.state == "unreadable" and "bad.syslead.yaml" in unreadable.problem


def test_long_date() -> None:
    assert long_date(dt.date(2027, 3, 3)) == "3 March 2027"
