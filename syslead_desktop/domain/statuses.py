"""The names of a decision's statuses and of the board's outcomes (docs/decision-file.md).

Plain constants, free of pydantic, so that the command line can offer them as choices
without loading the models; :mod:`.lifecycle` holds the rules for moving between them.
"""

from typing import Literal

Status = Literal["draft", "submitted", "decided", "closed", "superseded"]
STATUSES: tuple[Status, ...] = ("draft", "submitted", "decided", "closed", "superseded")
STATUS_LABELS: dict[str, str] = {
    "draft": "Draft",
    "submitted": "Submitted",
    "decided": "Decided",
    "closed": "Closed",
    "superseded": "Superseded",
}

Outcome = Literal["approved", "approved_with_amendments", "deferred", "not_approved"]
OUTCOMES: tuple[Outcome, ...] = ("approved", "approved_with_amendments", "deferred", "not_approved")
OUTCOME_LABELS: dict[str, str] = {
    "approved": "Approved",
    "approved_with_amendments": "Approved with amendments",
    "deferred": "Deferred",
    "not_approved": "Not approved",
}
