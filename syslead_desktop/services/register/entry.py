"""One decision in the register, as the CLI, the exports and the register view show it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

#: Home and ``register list --due-within`` look this many days ahead by default.
DUE_SOON_DAYS = 30
#: The version of the ``--json`` shape of a register entry (docs/cli.md).
ENTRY_SCHEMA_VERSION = 1
OPEN_STATUSES = ("submitted", "decided")


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def review_state(
    review: dt.date | None, status: str, today: dt.date, days: int, outcome: str | None = None
) -> str | None:
    """``overdue``, ``due`` (within ``days``) or None, for a decision still open. A
    proposal the board did not approve has nothing to review."""
    if review is None or status not in OPEN_STATUSES or outcome == "not_approved":
        return None
    if review < today:
        return "overdue"
    if review <= today + dt.timedelta(days=days):
        return "due"
    return None


@dataclass(frozen=True)
class Entry:
    """A decision in the register: the details of its latest filed paper."""

    id: str
    title: str
    meeting: str
    meeting_date: dt.date | None
    agenda_item: str
    status: str
    status_label: str
    outcome: str | None
    outcome_label: str
    recommendation: str
    stance: str
    direction: str | None
    direction_label: str
    review_date: dt.date | None
    review: str | None  # overdue / due / None, as of the day the entry was read
    rulebook: dict[str, str]
    supersedes: str | None
    superseded_by: str | None
    paper: str
    filed_at: str
    filed_by: str
    data: dict[str, Any] = field(repr=False, compare=False)

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def resolution(self) -> dict[str, Any] | None:
        return self.data.get("resolution")

    @property
    def minute_reference(self) -> str:
        return (self.resolution or {}).get("minute_reference", "")  # type: ignore[no-any-return]

    @property
    def resolution_date(self) -> dt.date | None:
        return _day((self.resolution or {}).get("date"))

    @property
    def problems(self) -> list[str]:
        return list(self.data.get("problems", []))

    @property
    def papers(self) -> list[dict[str, Any]]:
        return list(self.data.get("papers", []))

    @property
    def year(self) -> int | None:
        return self.meeting_date.year if self.meeting_date else None

    def to_json(self) -> dict[str, Any]:
        """The stable ``--json`` shape of a register entry (docs/cli.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "meeting": self.meeting,
            "meeting_date": _iso(self.meeting_date),
            "agenda_item": self.agenda_item,
            "status": self.status,
            "outcome": self.outcome,
            "outcome_label": self.outcome_label,
            "resolution_date": _iso(self.resolution_date),
            "minute_reference": self.minute_reference,
            "recommendation": self.recommendation,
            "stance": self.stance,
            "direction": self.direction,
            "direction_label": self.direction_label,
            "review_date": _iso(self.review_date),
            "review": self.review,
            "rulebook": self.rulebook,
            "supersedes": self.supersedes,
            "superseded_by": self.superseded_by,
            "trust": self.data.get("trust", ""),
            "paper": self.paper,
            "filed_at": self.filed_at,
            "filed_by": self.filed_by,
            "problems": self.problems,
        }

    def to_full_json(self) -> dict[str, Any]:
        """``register show``: the entry, and what the paper says in full."""
        d = self.data
        return {
            **self.to_json(),
            "description": d.get("description", ""),
            "partners": d.get("partners", []),
            "resolution": self.resolution,
            "history": d.get("history", []),
            "conditions": d.get("conditions", []),
            "papers": self.papers,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Links:
    """The links between versions named by the other side's record (see the index)."""

    later: dict[str, str]  # a decision's id -> the later decision that supersedes it
    earlier: dict[str, str]  # a decision's id -> the earlier decision it supersedes


def entry_from_row(data: dict[str, Any], links: Links, today: dt.date) -> Entry:
    review = _day(data.get("review_date"))
    superseded_by = data.get("superseded_by") or links.later.get(data["id"])
    supersedes = data.get("supersedes") or links.earlier.get(data["id"])
    return Entry(
        id=data["id"],
        title=data.get("title", ""),
        meeting=data.get("meeting", ""),
        meeting_date=_day(data.get("meeting_date")),
        agenda_item=data.get("agenda_item", ""),
        status=data["status"],
        status_label=data.get("status_label", data["status"].capitalize()),
        outcome=data.get("outcome"),
        outcome_label=data.get("outcome_label", ""),
        recommendation=data.get("recommendation", ""),
        stance=data.get("stance", ""),
        direction=data.get("direction"),
        direction_label=data.get("direction_label", ""),
        review_date=review,
        review=review_state(review, data["status"], today, DUE_SOON_DAYS, data.get("outcome")),
        rulebook=data.get("rulebook", {}),
        supersedes=supersedes,
        superseded_by=superseded_by,
        paper=data.get("paper", ""),
        filed_at=data.get("filed_at", ""),
        filed_by=data.get("filed_by", ""),
        data=data,
    )


@dataclass
class PaperRow:
    """One filed paper of a decision, while the decision's row is worked out."""

    path: str
    sha256: str
    history_len: int
    intact: int
    mtime_ns: int
    summary_json: str
    filings: list[dict[str, str]] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, Any]:
        return json.loads(self.summary_json)  # type: ignore[no-any-return]

    def filed(self) -> tuple[str, str]:
        """When and by whom the paper was filed (the first filing), else its file's time."""
        if self.filings:
            return self.filings[0]["filed_at"], self.filings[0]["filed_by"]
        stamp = dt.datetime.fromtimestamp(self.mtime_ns / 1e9, dt.UTC).replace(microsecond=0)
        return stamp.isoformat(), ""

    def progress(self) -> int:
        """How many progress entries its record's actions hold: a record copy made to
        record progress holds one more than the paper it was made from."""
        actions = self.summary.get("actions", [])
        return sum(len(a.get("updates", [])) for a in actions if isinstance(a, dict))

    def order(self) -> tuple[int, int, bool, str, int, str]:
        """Earlier in the decision's life first, so the last is the decision's latest paper:
        less status history; less progress recorded on its actions; the board paper before
        the review paper that reports back on it (made from the same record); filed
        earlier; written earlier.

        Filing times are kept to the second, and record copies made one after another
        (progress on two actions, say) are often filed within one: their names, which end
        in their fingerprints, used to decide, so the latest paper could be an earlier
        copy, and the next change was made to it, losing the one before. Progress comes
        before the kind of paper, so that progress recorded after the review paper (its
        record copy is a board paper) is the latest."""
        review = self.summary.get("kind") == "review"
        return (
            self.history_len,
            self.progress(),
            review,
            self.filed()[0],
            self.mtime_ns,
            self.path,
        )

    def matches_ledger(self) -> bool:
        return any(f["sha256"] == self.sha256 for f in self.filings)

    def problems(self) -> list[str]:
        found = []
        if not self.intact:
            found.append(f"{self.path}: the attached record does not match its fingerprint")
        if not self.filings:
            found.append(f"{self.path}: not in the filing ledger (copied in by hand?)")
        elif not self.matches_ledger():
            found.append(f"{self.path}: differs from the paper filed under this name")
        return found

    def to_json(self) -> dict[str, Any]:
        at, by = self.filed()
        return {
            "path": self.path,
            "sha256": self.sha256,
            "status": self.summary["status"],
            "kind": self.summary.get("kind", "board"),
            "intact": bool(self.intact),
            "filed_at": at,
            "filed_by": by,
            "in_ledger": bool(self.filings),
            "matches_ledger": self.matches_ledger(),
        }
