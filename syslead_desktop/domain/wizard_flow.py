"""The wizard's navigation, with no Qt: which steps exist, their order, and whether each
is complete (and if not, why).  The Qt wizard only asks this model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decision import Decision
    from .rulebook import Question, Rulebook


# A rulebook question with this id asks whether a date is set to review the decision; its
# option REVIEW_SET says one is, and the date itself is the decision's framing.review_date.
REVIEW_QUESTION = "review_date"
REVIEW_SET = "set"


class StepKind(StrEnum):
    WELCOME = "welcome"
    FRAMING = "framing"
    FACTOR = "factor"
    REVIEW = "review"
    FINISH = "finish"


@dataclass(frozen=True)
class Step:
    id: str  # "welcome", "framing", "factor:<id>", "review", "finish"
    kind: StepKind
    title: str
    factor_id: str | None = None


@dataclass(frozen=True)
class StepStatus:
    complete: bool
    reason: str = ""  # why not complete, in plain words
    missing: tuple[str, ...] = ()  # ids of unanswered questions or empty fields


class WizardFlow:
    """The ordered steps for one rulebook, and the rules for moving between them."""

    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook
        self.steps: list[Step] = [
            Step("welcome", StepKind.WELCOME, "Welcome"),
            Step("framing", StepKind.FRAMING, rulebook.framing.title),
            *(Step(f"factor:{f.id}", StepKind.FACTOR, f.title, f.id) for f in rulebook.factors),
            Step("review", StepKind.REVIEW, "Review the assessment"),
            Step("finish", StepKind.FINISH, "Board paper"),
        ]
        self._index = {step.id: i for i, step in enumerate(self.steps)}

    def step(self, step_id: str) -> Step:
        return self.steps[self._index[step_id]]

    def index(self, step_id: str) -> int:
        return self._index[step_id]

    def next_id(self, step_id: str) -> str | None:
        i = self._index[step_id] + 1
        return self.steps[i].id if i < len(self.steps) else None

    def previous_id(self, step_id: str) -> str | None:
        i = self._index[step_id] - 1
        return self.steps[i].id if i >= 0 else None

    def questions(self, step_id: str) -> list[Question]:
        step = self.step(step_id)
        if step.kind is StepKind.FRAMING:
            return list(self.rulebook.framing.questions)
        if step.kind is StepKind.FACTOR and step.factor_id:
            return list(self.rulebook.factor(step.factor_id).questions)
        return []

    def status(self, step_id: str, decision: Decision) -> StepStatus:
        step = self.step(step_id)
        if step.kind in (StepKind.WELCOME, StepKind.FINISH):
            return StepStatus(True)
        if step.kind is StepKind.REVIEW:
            pending = [
                s.title
                for s in self.steps
                if s.kind in (StepKind.FRAMING, StepKind.FACTOR)
                and not self.status(s.id, decision).complete
            ]
            if pending:
                return StepStatus(False, "Complete these pages first: " + ", ".join(pending) + ".")
            from .decision import date_problem

            dates = date_problem(decision)
            if dates is not None:
                where, reason = dates
                return StepStatus(False, reason[0].upper() + reason[1:] + ".", (where,))
            return StepStatus(True)
        missing = [
            q.id
            for q in self.questions(step_id)
            if q.required and decision.answers.get(q.id) not in q.option_ids()
        ]
        needs_title = step.kind is StepKind.FRAMING and not decision.framing.title.strip()
        if not missing and not needs_title:
            return StepStatus(True)
        parts = []
        if needs_title:
            parts.append("give the decision a title")
        if missing:
            count = len(missing)
            parts.append(f"answer {count} more question{'s' if count > 1 else ''}")
        reason = " and ".join(parts)
        reason = reason[0].upper() + reason[1:] + " to continue"
        if missing:
            texts = {q.id: q.text.rstrip("?.") for q in self.questions(step_id)}
            named = [f"“{texts[qid]}”" for qid in missing[:3]]
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            reason += ": " + "; ".join(named) + more
        return StepStatus(
            False,
            reason + ".",
            (("title",) if needs_title else ()) + tuple(missing),
        )

    def warnings(self, step_id: str, decision: Decision) -> list[str]:
        """What a step should point out without stopping anyone going on: answers that
        contradict the decision's own details. Shown where the answer or the detail is
        given, and again on the review and board-paper steps."""
        question = self.rulebook.questions_by_id.get(REVIEW_QUESTION)
        if (
            question is None
            or decision.answers.get(REVIEW_QUESTION) != REVIEW_SET
            or decision.framing.review_date is not None
        ):
            return []
        step = self.step(step_id)
        asked_here = any(q.id == REVIEW_QUESTION for q in self.questions(step_id))
        if not asked_here and step.kind not in (
            StepKind.FRAMING,
            StepKind.REVIEW,
            StepKind.FINISH,
        ):
            return []
        answer = next(o.label for o in question.options if o.id == REVIEW_SET)
        framing = self.step("framing")
        return [
            f"You answered “{answer}”, but no review date is given: add it under "
            f"“Review date” in step {self.index(framing.id) + 1}, {framing.title}."
        ]

    def first_incomplete(self, decision: Decision) -> str | None:
        for step in self.steps:
            if not self.status(step.id, decision).complete:
                return step.id
        return None
