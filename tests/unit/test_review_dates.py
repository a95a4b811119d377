"""A review date before the meeting is refused with a clear message, wherever it is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from syslead_desktop.domain.wizard_flow import WizardFlow
from syslead_desktop.errors import FileFormatError
from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from tests.cli_runner import syslead


def _early_review(example_path: Path, tmp_path: Path) -> Path:
    decision = load_decision(example_path)
    decision.framing.review_date = dt.date(2021, 12, 10)  # five years before the meeting
    path = tmp_path / "early.syslead.yaml"
    save_decision(path, decision)
    return path


def test_loading_names_the_field_the_line_and_both_dates(
    example_path: Path, tmp_path: Path
) -> None:
    path = _early_review(example_path, tmp_path)
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip().startswith("review_date:")
    )
    with pytest.raises(FileFormatError) as caught:
        load_decision(path)
    assert str(caught.value) == (
        f"{path}:{line}: framing.review_date: the review date (2021-12-10) is before the "
        "meeting date (2026-12-10); a decision is reviewed after it is taken"
    )
    # a recovery draft is taken back as typed, to be put right in the wizard
    assert load_decision(path, check_dates=False).framing.review_date == dt.date(2021, 12, 10)


def test_render_refuses_it_in_one_line(example_path: Path, tmp_path: Path) -> None:
    path = _early_review(example_path, tmp_path)
    result = syslead("render", str(path), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "review date (2021-12-10) is before" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_the_wizard_will_not_export_it(example_path: Path) -> None:
    decision = load_decision(example_path)
    flow = WizardFlow(load_rulebook().rulebook)
    assert flow.status("review", decision).complete
    decision.framing.review_date = dt.date(2026, 1, 1)
    status = flow.status("review", decision)
    assert not status.complete and status.reason.startswith("The review date (2026-01-01)")
