"""Recording the board's resolution in the register, and a new version superseding the
decision it replaces once the board approves it (linked both ways, in both records)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from syslead_desktop.domain.lifecycle import StatusRequest
from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.register.record import record_status
from syslead_desktop.services.status import new_version_of, read_record
from tests.cli_runner import syslead
from tests.register_support import MEETING, render_to, rulebook, variant

from .test_pdf_support import page_texts

LATER = MEETING + dt.timedelta(days=63)


def decided(outcome: str, on: dt.date, minute: str) -> StatusRequest:
    return StatusRequest(
        to="decided", on=on, by="Sam Clerk", outcome=outcome, minute_reference=minute
    )


@pytest.fixture
def filed_and_decided(tmp_path: Path) -> tuple[Library, str]:
    """A decision filed and approved at the December meeting."""
    library = Library(tmp_path / "register")
    paper = render_to(
        variant("Share a collective staff bank across the system"), tmp_path / "a.pdf"
    )
    filed = library.file(paper, by="Sam Clerk")
    recorded = record_status(
        library, library.root / filed.path, decided("approved", MEETING, "BD/26/142"), rulebook()
    )
    assert recorded.superseded is None and recorded.notices == ()
    return library, recorded.decision.id


def new_version(library: Library, old_id: str, folder: Path) -> Path:
    """The new version's paper, as issued for a later meeting, filed."""
    with RegisterIndex.open(library) as index:
        old_paper = library.root / index.find(old_id).paper
    draft = new_version_of(read_record(old_paper), today=LATER - dt.timedelta(days=14))
    draft.framing.title = "Share a collective staff bank across the system: revised"
    draft.board_paper.meeting_date = LATER
    from syslead_desktop.domain.lifecycle import change_status

    issued = change_status(
        draft, StatusRequest(to="submitted", on=LATER - dt.timedelta(days=7), by="CEO office")
    )
    filed = library.file(render_to(issued, folder / "v2.pdf"))
    return library.root / filed.path


def test_recording_the_resolution_files_the_record_copy(
    filed_and_decided: tuple[Library, str],
) -> None:
    library, decision_id = filed_and_decided
    with RegisterIndex.open(library) as index:
        entry = index.find(decision_id)
        assert entry.status == "decided" and entry.outcome == "approved"
        assert entry.minute_reference == "BD/26/142"
        assert [p["status"] for p in entry.papers] == ["submitted", "decided"]
        assert [e.id for e in index.entries(text="BD/26/142")] == [decision_id], "by its minute"
    cover = page_texts(library.root / entry.paper)[0]
    assert "Board decision" in cover and "BD/26/142" in cover


def test_an_approved_new_version_supersedes_the_earlier_decision_both_ways(
    filed_and_decided: tuple[Library, str], tmp_path: Path
) -> None:
    library, old_id = filed_and_decided
    paper = new_version(library, old_id, tmp_path)
    recorded = record_status(
        library, paper, decided("approved_with_amendments", LATER, "BD/27/015"), rulebook()
    )
    new_id = recorded.decision.id
    assert recorded.superseded is not None and recorded.superseded.decision_id == old_id
    assert recorded.superseded.status == "superseded"
    old_record = read_record(library.root / recorded.superseded.path)
    assert old_record.status == "superseded" and old_record.superseded_by == new_id
    last = old_record.history[-1]
    assert (last.status, last.on, last.by) == ("superseded", LATER, "Sam Clerk")
    assert "approved with amendments as its new version" in last.note
    assert old_record.resolution is not None, "the earlier resolution stays on the record"
    assert read_record(library.root / recorded.filed.path).supersedes == old_id
    with RegisterIndex.open(library) as index:
        old, new = index.find(old_id), index.find(new_id)
        assert (old.status, old.superseded_by) == ("superseded", new_id)
        assert (new.status, new.supersedes) == ("decided", old_id)
        assert [e.id for e in index.chain(old)] == [old_id, new_id]
        assert old.review is None, "a superseded decision's review is no longer due"
    cover = page_texts(library.root / recorded.superseded.path)[0]
    assert "Superseded by" in cover


@pytest.mark.parametrize("outcome", ["deferred", "not_approved"])
def test_a_new_version_not_approved_leaves_the_earlier_decision_standing(
    filed_and_decided: tuple[Library, str], tmp_path: Path, outcome: str
) -> None:
    library, old_id = filed_and_decided
    paper = new_version(library, old_id, tmp_path)
    recorded = record_status(library, paper, decided(outcome, LATER, "BD/27/016"), rulebook())
    assert recorded.superseded is None
    with RegisterIndex.open(library) as index:
        assert index.find(old_id).status == "decided"


def test_the_command_says_what_it_superseded(
    filed_and_decided: tuple[Library, str], tmp_path: Path
) -> None:
    library, old_id = filed_and_decided
    paper = new_version(library, old_id, tmp_path)
    result = syslead(
        "status",
        str(paper),
        "--set",
        "decided",
        "--outcome",
        "approved",
        "--date",
        LATER.isoformat(),
        "--by",
        "Sam Clerk",
        "--library",
        str(library.root),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["status"] == "decided" and out["superseded"]["id"] == old_id
    assert out["superseded"]["status"] == "superseded"
    shown = json.loads(
        syslead("register", "show", old_id[:8], "--library", str(library.root), "--json").stdout
    )
    assert shown["status"] == "superseded" and shown["superseded_by"] == out["id"]


def test_superseded_by_hand_is_linked_both_ways_too(
    filed_and_decided: tuple[Library, str], tmp_path: Path
) -> None:
    """Marked superseded with a named later decision (``--superseded-by``), which itself
    does not name the earlier one: the register links them both ways all the same."""
    library, old_id = filed_and_decided
    other = variant("Share a collective staff bank: a different plan", meeting=LATER)
    filed = library.file(render_to(other, tmp_path / "other.pdf"))
    with RegisterIndex.open(library) as index:
        old_paper = library.root / index.find(old_id).paper
    request = StatusRequest(
        to="superseded", on=LATER, by="Sam Clerk", superseded_by=filed.decision_id
    )
    record_status(library, old_paper, request, rulebook())
    with RegisterIndex.open(library) as index:
        old, new = index.find(old_id), index.find(filed.decision_id)
        assert (old.status, old.superseded_by) == ("superseded", new.id)
        assert new.supersedes == old_id, "the later one shows the earlier one"
        assert [e.id for e in index.chain(new)] == [old_id, new.id]
        listed = {e.id: e for e in index.entries()}
        assert listed[new.id].supersedes == old_id


def test_a_cover_running_onto_a_second_page_is_read_filed_and_verified(tmp_path: Path) -> None:
    """The cover prints the fingerprint as its last row: with long implications, or the
    trust's logo and a full "Board decision" box, it is on page 2, and the paper was
    refused as altered (only page 1 was read), so it could not be filed or moved on."""
    from syslead_desktop.services.pdf.archive import check_record
    from syslead_desktop.services.trust_profile import save_profile

    from .test_pdf_support import page_texts
    from .test_trust_profile import profile

    long = variant("Share a collective staff bank across the system")
    long.board_paper.financial_implications = "The cost is met from the contingency. " * 60
    paper = render_to(long, tmp_path / "long.pdf")
    assert "Record fingerprint" not in page_texts(paper)[0], "the cover runs onto page 2"
    assert check_record(paper).intact
    verified = syslead("verify", str(paper))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    library = Library(tmp_path / "register")
    filed = library.file(paper)

    save_profile(profile())  # the logo on the cover, then a resolution in full
    request = StatusRequest(
        to="decided",
        on=MEETING,
        by="Sam Clerk",
        outcome="approved_with_amendments",
        minute_reference="BD/26/142",
        amendments="Review at six months, not twelve.",
        dissent="The finance director voted against.",
    )
    recorded = record_status(library, library.root / filed.path, request, rulebook())
    copy = library.root / recorded.filed.path
    assert read_record(copy).resolution is not None
    assert syslead("verify", str(copy)).returncode == 0


def test_a_proposal_not_approved_has_no_review_due(
    filed_and_decided: tuple[Library, str], tmp_path: Path
) -> None:
    library = filed_and_decided[0]
    soon = dt.date.today() + dt.timedelta(days=5)
    paper = render_to(
        variant("Accept flat cash", meeting=dt.date.today() - dt.timedelta(days=3), review=soon),
        tmp_path / "flat.pdf",
    )
    filed = library.file(paper)
    with RegisterIndex.open(library) as index:
        assert filed.decision_id in [e.id for e in index.entries(due_within=30)]
    turned_down = decided("not_approved", dt.date.today() - dt.timedelta(days=3), "BD/26/150")
    record_status(library, library.root / filed.path, turned_down, rulebook())
    with RegisterIndex.open(library) as index:
        assert filed.decision_id not in [e.id for e in index.entries(due_within=30)]
        assert index.find(filed.decision_id).review is None
