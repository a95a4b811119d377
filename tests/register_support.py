"""Board papers for the register tests: real papers of variations on the example decision."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from syslead_desktop.domain.decision import Decision
from syslead_desktop.domain.lifecycle import StatusRequest, change_status
from syslead_desktop.engine.loader import LoadedRulebook
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests.conftest import EXAMPLE

#: A meeting's papers: title, a word found only in its description, partner, review date.
MEETING = dt.date(2026, 12, 10)
PAPERS: list[dict[str, Any]] = [
    {
        "title": "Offer weekend MRI capacity to Harrowfield Hospitals",
        "word": "tomography",
        "partner": "Severnside Imaging Partnership",
        "review": dt.date(2027, 6, 30),
        "agenda": "PUB26/12/4.2",
    },
    {
        "title": "Share a collective staff bank across the system",
        "word": "rostering",
        "partner": "Marches Community Health",
        "review": MEETING + dt.timedelta(days=20),
        "agenda": "PUB26/12/4.3",
    },
    {
        "title": "Accept flat cash so that the mental health trust gets more",
        "word": "psychiatric",
        "partner": "Cotswold Mind NHS Foundation Trust",
        "review": MEETING + dt.timedelta(days=200),
        "agenda": "PUB26/12/4.4",
    },
]


@cache
def rulebook() -> LoadedRulebook:
    return load_rulebook()


def variant(
    title: str,
    word: str = "",
    partner: str = "",
    review: dt.date | None = None,
    agenda: str = "",
    meeting: dt.date = MEETING,
    submitted: bool = True,
    **changes: Any,
) -> Decision:
    """The example decision, retitled, with an identity of its own, issued for its meeting
    (``submitted``) or still a draft."""
    decision = load_decision(EXAMPLE)
    decision.id = uuid.uuid5(uuid.NAMESPACE_URL, f"syslead-test:{title}").hex
    decision.framing.title = title
    if word:
        decision.framing.description += f" The plan covers {word} arrangements."
    if partner:
        decision.framing.partners = [partner]
    decision.framing.review_date = review
    decision.board_paper.meeting_date = meeting
    decision.board_paper.agenda_item = agenda
    for key, value in changes.items():
        setattr(decision, key, value)
    if submitted:
        request = StatusRequest(to="submitted", on=meeting - dt.timedelta(days=7), by="CEO office")
        decision = change_status(decision, request)
    return decision


def render_to(decision: Decision, path: Path) -> Path:
    path.write_bytes(render_assessed(assess_decision(decision, rulebook())))
    return path


def meeting_papers(folder: Path) -> list[Path]:
    """The three papers of one meeting, rendered into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        render_to(variant(**spec), folder / f"paper-{n}.pdf") for n, spec in enumerate(PAPERS, 1)
    ]


def followed_up(
    title: str,
    agenda: str,
    minute: str,
    meeting: dt.date = MEETING,
    late: dt.date | None = None,
    noted: dt.date | None = None,
) -> Decision:
    """A decided decision with its actions fitted, named and partly done: the first done,
    the second (Tom Ellery's) due on ``late`` (default: five weeks after the meeting)
    with a note on ``noted`` (26 days after), the last dropped, and one of the chief
    executive's own."""
    from syslead_desktop.domain.actions import add_note, edit_action, move_action, new_action

    decision = assess_decision(variant(title, agenda=agenda, meeting=meeting), rulebook()).decision
    decision = change_status(
        decision,
        StatusRequest(to="decided", on=meeting, outcome="approved", minute_reference=minute),
    )
    day = meeting - dt.timedelta(days=2)
    actions = decision.actions
    actions[0] = move_action(
        edit_action(actions[0], owner_name="Dame Ann Lowe"), "done", day, note="Held"
    )
    actions[1] = add_note(
        edit_action(
            actions[1], owner_name="Tom Ellery", due=late or meeting + dt.timedelta(days=36)
        ),
        noted or meeting + dt.timedelta(days=26),
        "Meeting with the regional team booked",
    )
    actions[-1] = move_action(actions[-1], "dropped", meeting, reason="The ICB office does it")
    actions.append(new_action(actions, '=SUM(A1) "quoted", and\na new line', owner="Priya Raman"))
    return decision
