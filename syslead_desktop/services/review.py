"""The review at the review date: what was promised, what happened, what the board should
do next.

:func:`prepare_review` reads a decision the board approved, with what the chief executive
entered for the review (each success measure's actual and result, the factors' questions
answered again: domain/review.py), and works out the report: the measures against their
targets, each action's state at the review date, each factor then and now, and the
recommendation on the review from the rulebook's review rules (engine/review.py).
:func:`render_review` makes the review paper from it (pdf/review_paper.py).

Nothing here reads the clock: the review's date is the review meeting's, or the review
date the decision set, so the same record always gives the same paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.actions import Action
from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..domain.lifecycle import OUTCOME_LABELS, STATUS_LABELS
from ..domain.review import MEASURE_RESULT_LABELS
from ..domain.review_report import (
    ActionOut,
    AnswerOut,
    FactorOut,
    MeasureOut,
    OriginalDecision,
    RatingOut,
    ReviewReport,
    ReviewRuleOut,
)
from ..domain.rulebook import ReviewRule
from ..engine.conditions import EngineError
from ..engine.evaluate import assess, citations, design_of
from ..engine.loader import LoadedRulebook
from ..engine.review import facts_of, review_outcome
from ..errors import SysLeadError
from .workflow import assess_decision

#: Board outcomes a review reports back on (a deferred or refused decision has nothing
#: to review: it comes back, or it ends).
REVIEWABLE = ("approved", "approved_with_amendments")


@dataclass(frozen=True)
class PreparedReview:
    decision: Decision  # with its actions and measures fitted
    loaded: LoadedRulebook
    then: Assessment  # the answers at the decision
    now: Assessment | None  # the factors answered again (None until they all are)
    report: ReviewReport

    @property
    def ready(self) -> bool:
        return not self.report.missing


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def as_at(decision: Decision) -> dt.date | None:
    """The review's date: the review meeting's, else the review date set at the decision."""
    review = decision.review
    return (review.meeting_date if review else None) or decision.framing.review_date


def action_state(action: Action, day: dt.date | None) -> str:
    """What the review rules count an action as on ``day``: done, dropped, overdue or open."""
    if action.status in ("done", "dropped"):
        return action.status
    return "overdue" if day is not None and action.overdue(day) else "open"


def _answers_now(decision: Decision, loaded: LoadedRulebook, source: str) -> dict[str, str]:
    """The factors' answers given again; refuses (one line) an answer the rulebook cannot
    take, so that nothing typed in the file is silently left out of the paper."""
    rb = loaded.rulebook
    given = dict(decision.review.answers) if decision.review else {}
    prefix = f"{source}: " if source else ""
    for qid, option in given.items():
        question = rb.questions_by_id.get(qid)
        if question is None or qid not in rb.factor_of_question:
            what = "a framing question" if question is not None else "no question of"
            raise SysLeadError(
                f"{prefix}review.answers.{qid}: {what} {rb.id} {rb.version}; only the factors' "
                "questions are answered again at the review"
            )
        if option not in question.option_ids():
            raise SysLeadError(
                f"{prefix}review.answers.{qid}: unknown option '{option}' (the options are: "
                f"{', '.join(question.option_ids())})"
            )
    return given


def _missing(decision: Decision, loaded: LoadedRulebook, given: dict[str, str]) -> list[str]:
    out: list[str] = []
    resolution = decision.resolution
    if decision.status not in ("decided", "closed") or resolution is None:
        out.append(
            "the board's resolution: a review paper reports back on a decision the board "
            f"approved, and this one is {STATUS_LABELS[decision.status].lower()} (record "
            "the resolution with 'syslead status FILE --set decided')"
        )
    elif resolution.outcome not in REVIEWABLE:
        out.append(
            f"a decision the board approved: it was {OUTCOME_LABELS[resolution.outcome].lower()}, "
            "so there is nothing to report back on"
        )
    if as_at(decision) is None:
        out.append("the review date (framing.review_date, or review.meeting_date)")
    for n, measure in enumerate(decision.measures, start=1):
        if measure.result is None:
            short = measure.text if len(measure.text) <= 60 else measure.text[:59] + "…"
            out.append(
                f"whether success measure {n} was met (measures[{n - 1}].result: met, "
                f"partly_met or not_met): “{short}”"
            )
    questions = [q for f in loaded.rulebook.factors for q in f.questions if q.required]
    unanswered = [q.id for q in questions if q.id not in given]
    if unanswered:
        out.append(
            f"the factors answered again (review.answers): {len(unanswered)} of "
            f"{len(questions)} questions still to answer, starting with '{unanswered[0]}'"
        )
    return out


def _rating(a: Assessment, factor_id: str) -> RatingOut:
    f = a.factor(factor_id)
    return RatingOut(rating=f.rating, label=f.rating_label, colour=f.colour, rank=f.rating_rank)


def _factors(
    decision: Decision,
    loaded: LoadedRulebook,
    then: Assessment,
    now: Assessment | None,
    given: dict[str, str],
) -> list[FactorOut]:
    rb = loaded.rulebook
    notes_now = decision.review.notes if decision.review else {}
    out = []
    for factor in rb.factors:
        answers = []
        for q in factor.questions:
            before, after = decision.answers.get(q.id), given.get(q.id)
            answers.append(
                AnswerOut(
                    question=q.id,
                    text=q.text,
                    then=before,
                    then_label=q.option(before).label if before in q.option_ids() else "",
                    now=after,
                    now_label=q.option(after).label if after in q.option_ids() else "",
                    changed=after is not None and after != before,
                )
            )
        was = _rating(then, factor.id)
        is_ = _rating(now, factor.id) if now is not None else None
        move = None
        if is_ is not None:
            move = "worse" if is_.rank < was.rank else "better" if is_.rank > was.rank else "same"
        out.append(
            FactorOut(
                id=factor.id,
                title=factor.title,
                then=was,
                now=is_,
                move=move,
                answers=answers,
                notes_then=decision.notes.get(factor.id, ""),
                notes_now=notes_now.get(factor.id, ""),
            )
        )
    return out


def _original(decision: Decision, then: Assessment) -> OriginalDecision:
    paper, resolution = decision.board_paper, decision.resolution
    return OriginalDecision(
        meeting=(resolution.meeting if resolution and resolution.meeting else paper.meeting),
        meeting_date=_iso(paper.meeting_date),
        agenda_item=paper.agenda_item,
        status=decision.status,
        outcome=resolution.outcome if resolution else None,
        outcome_label=OUTCOME_LABELS[resolution.outcome] if resolution else "",
        resolution_date=_iso(resolution.date) if resolution else None,
        minute_reference=resolution.minute_reference if resolution else "",
        amendments=resolution.amendments if resolution else "",
        stance=then.stance,
        stance_label=then.stance_label,
    )


def prepare_review(
    decision: Decision, loaded: LoadedRulebook, source: str = "", *, strict: bool = True
) -> PreparedReview:
    """The review of ``decision``. With ``strict``, a one-line ``SysLeadError`` names the
    first thing still to enter (``report.missing`` lists them all otherwise)."""
    assessed = assess_decision(decision, loaded, source)
    fitted, then = assessed.decision, assessed.assessment
    rb = loaded.rulebook
    given = _answers_now(fitted, loaded, source)
    missing = _missing(fitted, loaded, given)
    if rb.review is None:
        missing.insert(0, f"review rules: rulebook {rb.id} {rb.version} has none")
    if strict and missing:
        more = f" (and {len(missing) - 1} more: run 'syslead review FILE')"
        more = more if len(missing) > 1 else ""
        prefix = f"{source}: " if source else ""
        raise SysLeadError(f"{prefix}not ready for a review paper: it needs {missing[0]}{more}")
    now: Assessment | None = None
    if not any(m.startswith("the factors answered again") for m in missing):
        answers = {**fitted.answers, **given}
        try:
            now = assess(rb, loaded.hash, answers, with_counterfactuals=False)
        except EngineError as exc:
            raise SysLeadError(f"{source}: cannot assess the answers given again ({exc})") from None
    day = as_at(fitted)
    states = [action_state(a, day) for a in fitted.actions]
    factors = _factors(fitted, loaded, then, now, given)
    outcome: str | None = None
    fired: tuple[ReviewRule, ...] = ()
    stance_change = None
    if now is not None and rb.review is not None and all(m.result for m in fitted.measures):
        facts = facts_of(
            [m.result or "" for m in fitted.measures],
            states,
            [f.move or "same" for f in factors],
            then.stance,
            now.stance,
            rb.stance_ids(),
        )
        stance_change = facts.stance_change
        try:
            result = review_outcome(rb, facts)
        except EngineError as exc:
            raise SysLeadError(f"{source}: cannot recommend on the review ({exc})") from None
        outcome, fired = result.outcome, result.rules
    chosen = rb.review.outcome(outcome) if rb.review is not None and outcome else None
    review = fitted.review
    report = ReviewReport(
        id=fitted.id,
        title=fitted.framing.title,
        as_at=_iso(day),
        meeting=(review.meeting if review and review.meeting else fitted.board_paper.meeting),
        meeting_date=_iso(day),
        agenda_item=review.agenda_item if review else "",
        original=_original(fitted, then),
        measures=[
            MeasureOut(
                text=m.text,
                target=m.target,
                actual=m.actual,
                result=m.result,
                result_label=MEASURE_RESULT_LABELS.get(m.result or "", "Not assessed"),
                comment=m.comment,
            )
            for m in fitted.measures
        ],
        measure_counts={
            key: sum(1 for m in fitted.measures if (m.result or "not_assessed") == key)
            for key in (*MEASURE_RESULT_LABELS, "not_assessed")
        },
        actions=[
            ActionOut(
                id=a.id,
                text=a.text,
                owner=a.owner.text(),
                due=_iso(a.due),
                status=a.status,
                status_label=a.status_label,
                state=state,
                reason=a.reason,
                latest_on=_iso(a.latest.on) if a.latest else None,
                latest_note=a.latest.note if a.latest else "",
            )
            for a, state in zip(fitted.actions, states, strict=True)
        ],
        action_counts={k: states.count(k) for k in ("done", "open", "overdue", "dropped")},
        factors=factors,
        stance_now=now.stance if now else None,
        stance_now_label=now.stance_label if now else "",
        stance_change=stance_change,
        outcome=outcome,
        outcome_label=chosen.label if chosen else "",
        outcome_summary=chosen.summary if chosen else "",
        board_ask=chosen.board_ask if chosen else "",
        rules=[r.id for r in fired],
        reasons=[
            ReviewRuleOut(
                id=r.id,
                outcome=r.outcome,
                reason=r.reason,
                citations=citations(rb, r.cite),
                design=design_of(rb, r.design),
            )
            for r in fired
        ],
        next_review_date=_iso(review.next_review_date) if review else None,
        missing=missing,
    )
    return PreparedReview(fitted, loaded, then, now, report)


def ready_for_next_review(decision: Decision) -> Decision:
    """``decision``, reported back on already, made ready for its further review: the
    review paper's meeting and date become the next review's (the date it proposed), and
    what was entered for the last review (each measure's actual and result, the factors
    answered again, what happened and was proposed) is cleared; the measures' targets
    stay. The last review is not lost: its paper is filed in the register."""
    from ..domain.review import Review

    last = decision.review
    if last is None:
        return decision
    ready = decision.model_copy(deep=True)
    ready.review = Review(meeting=last.meeting, meeting_date=last.next_review_date)
    for measure in ready.measures:
        measure.actual, measure.result, measure.comment = "", None, ""
    return ready


def render_review(
    prepared: PreparedReview, record: bytes | None = None, check: Callable[[], None] | None = None
) -> bytes:
    """The review paper as PDF bytes (reportlab is imported only now)."""
    if not prepared.ready:
        raise SysLeadError(f"not ready for a review paper: it needs {prepared.report.missing[0]}")
    from .pdf.review_paper import render_review_pdf

    return render_review_pdf(prepared, record=record, check=check)
