"""The wizard's navigation, with no Qt: which steps exist, their order, and whether each
is complete (and if not, why).  The Qt wizard only asks this model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .decision import Decision
    from .rulebook import Option, PromisedDetail, Question, Rulebook


@dataclass(frozen=True)
class Detail:
    """A detail of the decision that a rulebook answer can promise (``Option.promises``):
    its field's label in the wizard, the step it is given on, and whether it is given."""

    label: str
    step_id: str
    given: Callable[[Decision], bool]


DETAILS: dict[PromisedDetail, Detail] = {
    "review_date": Detail(
        "Review date", "framing", lambda decision: decision.framing.review_date is not None
    ),
}


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
        promise a detail of the decision the decision does not give (the rulebook's
        ``promises``: "A review date is set" with no review date). Shown where the
        answer or the detail is given, and again on the review and board-paper steps."""
        step = self.step(step_id)
        found = []
        for question_id, (option, detail) in self._promises(decision).items():
            if detail.given(decision):
                continue
            asked_here = any(q.id == question_id for q in self.questions(step_id))
            if not (
                asked_here
                or step_id == detail.step_id
                or step.kind in (StepKind.REVIEW, StepKind.FINISH)
            ):
                continue
            where = self.step(detail.step_id)
            place = (
                "on this page"
                if step_id == where.id
                else f"in step {self.index(where.id) + 1}, {where.title}"
            )
            found.append(
                f"You answered “{option.label}”, but no {detail.label.lower()} is given: "
                f"add it under “{detail.label}” {place}."
            )
        return found

    def _promises(self, decision: Decision) -> dict[str, tuple[Option, Detail]]:
        """Each answer given that promises a detail, by question id, in rulebook order."""
        promised = {}
        for question in self.rulebook.questions_by_id.values():
            chosen = decision.answers.get(question.id)
            option = next((o for o in question.options if o.id == chosen), None)
            if option is not None and option.promises is not None:
                promised[question.id] = (option, DETAILS[option.promises])
        return promised

    def first_incomplete(self, decision: Decision) -> str | None:
        for step in self.steps:
            if not self.status(step.id, decision).complete:
                return step.id
        return None
