"""One engine measurement in a fresh process; prints its figures as one line of JSON.

    engine_child.py assess RULEBOOK --count N      # N random decisions, counterfactuals too
    engine_child.py review RULEBOOK --count N      # N answer changes on the live review page

(``rules check`` is measured as the command itself: see bench/engine_bench.py.)  It uses
only the public API (``load_rulebook``, ``assess`` and the review page), so it also runs
against an older source tree put first on PYTHONPATH, to compare the engine with what it
was (bench/engine_bench.py --baseline-tree).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _spread(times: Sequence[float], cpu: Sequence[float]) -> dict[str, float]:
    """Wall-clock figures, and the median CPU time (steadier on a shared machine)."""
    ms = [t * 1000 for t in times]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "max_ms": round(max(ms), 2),
        "min_ms": round(min(ms), 2),
        "median_cpu_ms": round(statistics.median(cpu) * 1000, 2),
    }


def _answers(rulebook: Any, rng: random.Random) -> dict[str, str]:
    return {q.id: rng.choice(q.option_ids()) for q in rulebook.all_questions()}


def assess(path: Path, count: int) -> dict[str, Any]:
    from syslead_desktop.engine.evaluate import assess as assess_one
    from syslead_desktop.services.rulebook_file import load_rulebook

    loaded = load_rulebook(path)
    rng = random.Random(19)
    times, cpu = [], []
    for _ in range(count + 1):  # the first works out the rulebook's tables as well
        answers = _answers(loaded.rulebook, rng)
        started, started_cpu = time.perf_counter(), time.process_time()
        assess_one(loaded.rulebook, loaded.hash, answers)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    first = round(times[0] * 1000, 2)
    return {"first_ms": first, **_spread(times[1:], cpu[1:]), "count": count}


def review(path: Path, count: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from syslead_desktop.domain.wizard_flow import WizardFlow
    from syslead_desktop.services.rulebook_file import load_rulebook
    from syslead_desktop.ui.document import DecisionDocument
    from syslead_desktop.ui.review_page import ReviewPage

    app = QApplication.instance() or QApplication([])
    loaded = load_rulebook(path)
    rulebook = loaded.rulebook
    doc = DecisionDocument(loaded)
    doc.decision.framing.title = "A benchmark decision"
    rng = random.Random(19)
    doc.decision.answers.update(_answers(rulebook, rng))
    page = ReviewPage("review", WizardFlow(rulebook), doc)
    timed: Callable[[], None] = page.refresh
    started = time.perf_counter()
    timed()  # the first works out the rulebook's tables as well
    first = time.perf_counter() - started
    if page.assessment is None:
        raise SystemExit(f"the review page shows no assessment: {page.view.toPlainText()}")
    questions = rulebook.all_questions()
    times, cpu = [], []
    for _ in range(count):
        question = rng.choice(questions)
        option = rng.choice(
            [o for o in question.option_ids() if o != doc.decision.answers[question.id]]
        )
        started, started_cpu = time.perf_counter(), time.process_time()
        doc.set_answer(question.id, option)  # what an answer change does, then the refresh
        timed()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        app.processEvents()
    return {"first_ms": round(first * 1000, 2), **_spread(times, cpu), "count": count}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="engine_child.py")
    parser.add_argument("what", choices=["assess", "review"])
    parser.add_argument("rulebook", type=Path)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args(argv)
    if args.what == "assess":
        figures = assess(args.rulebook, args.count)
    else:
        figures = review(args.rulebook, args.count)
    print(json.dumps(figures))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
