"""What remains of the engine's limits is reported by ``syslead rules check`` first, as an
error naming the table and what to do, and a decision under such a rulebook is refused
with the same words; a rulebook that passes the check assesses every decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.engine.conditions import EngineError
from syslead_desktop.engine.evaluate import assess
from syslead_desktop.engine.grid import MAX_POINTS
from syslead_desktop.engine.verify import verify
from syslead_desktop.services.rulebook_file import load_rulebook

from .test_verify_support import about, check, line_of, tiny, write


def test_a_factor_too_large_to_check_is_an_error_first_and_says_what_to_do(
    tmp_path: Path,
) -> None:
    """A factor whose rules tell apart more combinations than the engine works with is
    reported as an error before anything else is worked out, and it names the factor and
    what to do; a decision under it is refused with the same advice, never half assessed."""
    data = tiny()
    factor = data["factors"][0]
    options = [{"id": f"o{k}", "label": f"O{k}"} for k in range(4)]
    factor["questions"] = [
        {"id": f"q{i}", "text": "?", "options": options} for i in range(12)
    ]  # every option told apart: 4**12 combinations
    factor["rules"][0]["when"] = {
        "count": [{"question": f"q{i}", "in": ["o1", "o3"]} for i in range(12)]
        + [{"question": f"q{i}", "in": ["o2", "o3"]} for i in range(12)],
        "at_least": 12,
    }
    data["safeguards"] = []
    path = write(tmp_path, data)
    report = verify(load_rulebook(path))
    found = about(report, "completeness", "f", "16,777,216 combinations")
    assert f"more than the {MAX_POINTS:,}" in found["message"]
    assert "split the factor" in found["message"]
    assert found["line"] == line_of(path, "rules:")
    for name in ("consistency", "monotonicity", "reachability"):
        assert "too large" in check(report, name)["skipped"]
    loaded = load_rulebook(path)
    answers = {q.id: q.options[0].id for q in loaded.rulebook.all_questions()}
    with pytest.raises(EngineError, match="factor 'f' tells apart 16,777,216 combinations"):
        assess(loaded.rulebook, loaded.hash, answers)


def _generated(tmp_path: Path, questions: list[int]) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        import rulebooks
    finally:
        sys.path.pop(0)
    return rulebooks.write(tmp_path / "generated.yaml", questions)


@pytest.mark.parametrize("questions", [[12, 4, 4, 4, 4], [10] * 10], ids=["12 in one", "10x10"])
def test_a_large_hand_sized_rulebook_passes_and_assesses_every_decision(
    tmp_path: Path, questions: list[int]
) -> None:
    """The benchmarks' rulebooks (bench/rulebooks.py): 244 million and 98 million answer
    combinations, checked and assessed (no timing here: see make bench)."""
    import random

    loaded = load_rulebook(_generated(tmp_path, questions))
    report = verify(loaded)
    assert report.ok, report.to_text()
    combinations = check(report, "completeness")["stats"]["combinations"]
    assert combinations > 5**10
    rng = random.Random(12)
    moved = 0
    for _ in range(5):
        answers = {q.id: rng.choice(q.option_ids()) for q in loaded.rulebook.all_questions()}
        result = assess(loaded.rulebook, loaded.hash, answers)
        for alternative in result.counterfactuals.up + result.counterfactuals.down:
            assert abs(alternative.stance_rank - result.stance_rank) == 1
            moved += 1
    assert moved
