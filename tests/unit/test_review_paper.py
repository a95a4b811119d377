"""The review paper (#16): prepared from the same record at the review date, its sections
(what was promised, what happened, what the board should do next), tagged like the first
paper, verifiable with ``syslead verify``, and linked to the first paper in the register."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pikepdf
import pytest

from syslead_desktop.cli import main
from syslead_desktop.domain.decision import Decision
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.decision_file import decision_to_text, load_decision
from syslead_desktop.services.pdf.paper_check import EXACT, verify_paper
from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.review import PreparedReview, prepare_review, render_review
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests import pdfua
from tests.conftest import EXAMPLES

from .test_pdf_support import flat, page_texts

REVIEW_EXAMPLE = EXAMPLES / "scanning-capacity-review.syslead.yaml"


def at_review() -> Decision:
    return load_decision(REVIEW_EXAMPLE)


@pytest.fixture(scope="module")
def prepared() -> PreparedReview:
    return prepare_review(at_review(), load_rulebook())


@pytest.fixture(scope="module")
def review_pdf(prepared: PreparedReview, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.pdf"
    path.write_bytes(render_review(prepared))
    return path


def test_the_review_reports_what_was_promised_and_what_happened(prepared: PreparedReview) -> None:
    r = prepared.report
    assert r.missing == [] and prepared.ready
    assert r.as_at == "2027-06-30" and r.agenda_item == "PUB27/06/5.1"
    assert r.original.outcome == "approved" and r.original.minute_reference == "BD/26/141"
    assert r.original.stance_label == prepared.then.stance_label
    assert [m.result for m in r.measures] == ["met", "partly_met", "met"]
    assert r.measures[1].target == "Under six weeks every month"
    assert r.measure_counts == {"met": 2, "partly_met": 1, "not_met": 0, "not_assessed": 0}
    states = {a.id: a.state for a in r.actions}
    assert states["C-NED-SESSION"] == "done" and states["C-COORDINATION"] == "dropped"
    assert states["C-RECIPROCITY-WRITING"] == "overdue", "in progress, past due at the review"
    assert sum(r.action_counts.values()) == len(r.actions)
    regulatory = next(f for f in r.factors if f.id == "regulatory")
    assert regulatory.move == "better" and regulatory.then.label != regulatory.now.label  # type: ignore[union-attr]
    changed = [a for a in regulatory.answers if a.changed]
    assert [a.question for a in changed] == ["regulator_briefed"]
    assert changed[0].then_label and changed[0].now_label and changed[0].then != changed[0].now
    assert r.outcome == "change" and r.rules == ["V-CHANGE"] and r.outcome_label == "Change"
    assert r.reasons[0].design is not None, "marked as the rulebook's own design"
    assert r.board_ask.startswith("agree that the arrangement continues with the changes")


def test_the_review_paper_s_sections(review_pdf: Path) -> None:
    pages = [flat(t) for t in page_texts(review_pdf)]
    text = " ".join(pages)
    assert "Review: Offer weekend MRI capacity to Harrowfield Hospitals" in pages[0]
    assert (
        "Decision reviewed Board of Directors, 10 December 2026, agenda item PUB26/12/4.2"
        in (pages[0])
    )
    assert "Approved on 10 December 2026 (minute BD/26/141)" in pages[0]
    sections = [
        "1. Executive summary",
        "2. The decision under review",
        "3. Success measures",
        "4. Actions",
        "5. The five factors, answered again",
        "6. The recommendation on the review",
        "7. Recommendation",
        "Appendix A. Reasoning trace",
        "Appendix B. Strength of the evidence",
        "Appendix C. Sources",
        "Appendix D. Rulebook and record",
    ]
    at = [text.index(title) for title in sections]
    assert at == sorted(at), "in order"
    # what was promised, and what happened
    assert "Of its three success measures, two were met and one was partly met." in text
    assert "Under six weeks every month" in text and "Partly met" in text
    assert "Dropped: The ICB's diagnostics programme office took on the reporting" in text
    assert "Overdue" in text
    # the factors then and now, changes shown
    assert "At the decision Now" in text and "Changed" in text and "Stronger" in text
    assert "One answer changed." in text and "No answer changed." in text
    # what the board should do next
    assert "What has not gone as intended" in text and "What is proposed" in text
    assert "Add a locum radiographer from September" in text
    assert "The Board is asked to note this report on the success measures and actions" in text
    # the further review the chief executive proposes is put to the Board, not lost
    assert "Next review proposed 16 December 2027" in pages[0]
    assert text.count("It is asked to set the next review for 16 December 2027.") == 2
    assert "Tool design, building on the finding that interviewees saw defining success" in text
    reader = pikepdf.open(review_pdf)
    info = reader.docinfo
    assert str(info["/Subject"]) == "Review paper: Change"
    assert str(info["/SysLeadPaper"]) == "review"


def test_the_factors_then_and_now_are_never_split(review_pdf: Path) -> None:
    """Section 5's heading, its lead and its five-row table are on one page: the table
    split, leaving 'Regulatory exposure' alone at the top of the next page."""
    pages = [flat(t) for t in page_texts(review_pdf)]
    page = next(p for p in pages if "5. The five factors, answered again" in p)
    lead = page.index("Each factor's questions were answered again for this review.")
    for factor in (
        "Agreed success definition Strong Strong No change",
        "Regulatory exposure Mixed Strong Stronger",
    ):
        assert page.index(factor) > lead, factor


def test_a_further_review_is_asked_for_only_while_the_arrangement_goes_on(
    prepared: PreparedReview,
) -> None:
    from syslead_desktop.services.pdf.review_paper import ask_text

    r = prepared.report
    assert r.next_review_date == "2027-12-16"
    for outcome, asked in (("change", True), ("continue", True), ("stop", False)):
        text = ask_text(r.model_copy(update={"outcome": outcome}))
        assert ("set the next review for 16 December 2027" in text) is asked, outcome
    unset = ask_text(r.model_copy(update={"next_review_date": None}))
    assert "next review" not in unset


def test_the_summary_counts_in_plain_words(prepared: PreparedReview) -> None:
    """'All three of its success measures were met', not 'Of its three..., three were met'."""
    from syslead_desktop.services.pdf.review_paper import actions_sentence, measures_sentence

    r = prepared.report

    def measures(n: int, **counts: int) -> str:
        full = {"met": 0, "partly_met": 0, "not_met": 0, "not_assessed": 0, **counts}
        return measures_sentence(
            r.model_copy(update={"measures": r.measures[:n], "measure_counts": full})
        )

    def actions(n: int, **counts: int) -> str:
        full = {"done": 0, "open": 0, "overdue": 0, "dropped": 0, **counts}
        return actions_sentence(
            r.model_copy(update={"actions": r.actions[:n], "action_counts": full})
        )

    assert measures(3, met=2, partly_met=1) == (
        "Of its three success measures, two were met and one was partly met."
    )
    assert measures(3, met=3) == "All three of its success measures were met."
    assert measures(2, not_met=2) == "None of its two success measures was met, even in part."
    assert measures(1, partly_met=1) == "Its one success measure was partly met."
    assert measures(0) == "No success measures were agreed when the decision was taken."
    assert actions(6, done=3, open=0, overdue=2, dropped=1) == (
        "Of its six actions, three are done, two are still open (both overdue) and one was dropped."
    )
    assert actions(4, done=4) == "All four of its actions are done."
    assert actions(5, overdue=5) == "All five of its actions are still open, and overdue."
    assert actions(1, dropped=1) == "Its one action was dropped."
    assert (
        actions(3, open=1, overdue=2) == "Of its three actions, three are still open (two overdue)."
    )


def test_the_summary_gives_the_reason_of_the_rule_that_decided(tmp_path: Path) -> None:
    """With no success measures agreed, the review recommends change because there is
    nothing to show what the arrangement achieved, and its summary says so (it gave the
    change outcome's words, 'part of what was promised has happened and part has not')."""
    decision = at_review()
    decision.framing.success_measures, decision.measures = [], []
    prepared = prepare_review(decision, load_rulebook())
    assert prepared.report.rules == ["V-CHANGE-NO-MEASURES"]
    out = tmp_path / "no-measures.pdf"
    out.write_bytes(render_review(prepared))
    text = flat(" ".join(page_texts(out)))
    summary = text.split("1. Executive summary", 1)[1].split("2. The decision under review", 1)[0]
    assert "No success measures were agreed, so the review cannot show what the" in summary
    assert "part has not" not in text


def test_the_review_paper_is_tagged_like_the_first_paper(review_pdf: Path) -> None:
    report = pdfua.check(review_pdf)
    assert report.failures == []
    assert len(report.elements) > 200


def test_the_review_paper_verifies_and_a_changed_page_is_caught(
    review_pdf: Path, tmp_path: Path
) -> None:
    checked = verify_paper(review_pdf)
    assert checked.intact and checked.reason == EXACT, checked.reason
    edited = tmp_path / "edited.pdf"
    with pikepdf.open(review_pdf) as pdf:
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            for stream in streams:
                data = stream.read_bytes()
                if b"(Partly) Tj" in data:  # the result badge: "Partly met" made "Fully met"
                    stream.write(data.replace(b"(Partly) Tj", b"(Fully) Tj", 1))
        pdf.save(edited)
    result = verify_paper(edited)
    assert result.verdict == "altered" and "differs from what SysLead produces" in result.reason
    assert "Fully" in result.reason


def test_the_same_record_gives_the_same_review_paper(
    prepared: PreparedReview, review_pdf: Path
) -> None:
    again = prepare_review(at_review(), load_rulebook())
    assert render_review(again) == review_pdf.read_bytes()


def test_what_is_still_to_enter_is_said_before_the_paper_is_made(tmp_path: Path) -> None:
    loaded = load_rulebook()
    draft = load_decision(EXAMPLES / "scanning-capacity.syslead.yaml")
    with pytest.raises(SysLeadError, match="not ready for a review paper: it needs the board's"):
        prepare_review(draft, loaded, "d.yaml")
    missing = prepare_review(draft, loaded, strict=False).report.missing
    assert any("the board's resolution" in m for m in missing)
    assert any("whether success measure 1 was met (measures[0].result" in m for m in missing)
    assert any("the factors answered again (review.answers)" in m for m in missing)

    deferred = at_review()
    assert deferred.resolution is not None
    deferred.resolution.outcome = "deferred"
    got = prepare_review(deferred, loaded, strict=False).report.missing
    assert got and "it was deferred, so there is nothing to report back on" in got[0]

    bad = at_review()
    assert bad.review is not None
    bad.review.answers["direction"] = "trust_first"
    with pytest.raises(SysLeadError, match="only the factors' questions are answered again"):
        prepare_review(bad, loaded, "d.yaml")
    bad.review.answers.pop("direction")
    bad.review.answers["ned_session"] = "someday"
    with pytest.raises(SysLeadError, match="unknown option 'someday'"):
        prepare_review(bad, loaded, "d.yaml")


def test_review_from_a_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``syslead review``: without -o it says what the review recommends (or what is still
    to enter), with -o it writes the paper; then it is filed beside the first paper."""
    path = tmp_path / "d.syslead.yaml"
    path.write_text(REVIEW_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["review", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1 and data["outcome"] == "change" and data["missing"] == []
    assert data["output"] is None

    draft = tmp_path / "draft.syslead.yaml"
    draft.write_text(
        (EXAMPLES / "scanning-capacity.syslead.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert main(["review", str(draft)]) == 1
    assert "Not ready for a review paper:" in capsys.readouterr().err
    assert main(["review", str(draft), "-o", str(tmp_path / "no.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not ready for a review paper" in err
    assert not (tmp_path / "no.pdf").exists()

    # the first paper and the review paper, filed: one decision with both papers
    first = tmp_path / "first.pdf"
    decided = at_review()
    decided.review = None
    for m in decided.measures:
        m.actual, m.result, m.comment = "", None, ""
    decided.updated = dt.date(2026, 12, 10)
    first.write_bytes(render_assessed(assess_decision(decided, load_rulebook())))
    review = tmp_path / "review.pdf"
    assert main(["review", str(path), "-o", str(review)]) == 0
    capsys.readouterr()
    library = tmp_path / "register"
    after = dt.date(2027, 7, 15)  # a fortnight after the review date
    assert main(["register", "file", str(first), "--library", str(library)]) == 0
    with RegisterIndex.open(Library(library)) as index:
        [entry] = index.entries(today=after)
    assert (entry.review_date, entry.review) == (dt.date(2027, 6, 30), "overdue")
    assert main(["register", "file", str(review), "--library", str(library)]) == 0
    capsys.readouterr()
    with RegisterIndex.open(Library(library)) as index:
        [entry] = index.entries(today=after)
    # reported back on: the review due now is the further one the review paper proposed
    assert (entry.review_date, entry.review) == (dt.date(2027, 12, 16), None)
    with RegisterIndex.open(Library(library)) as index:
        [entry] = index.entries()
    assert [p["kind"] for p in entry.papers] == ["board", "review"], entry.papers
    assert entry.recommendation == "Proceed with conditions", "the decision's own, not the review's"
    assert main(["register", "show", entry.id[:8], "--library", str(library), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [p["kind"] for p in shown["papers"]] == ["board", "review"]
    assert main(["verify", str(library / entry.papers[1]["path"])]) == 0

    # progress recorded after the review paper: one change after another, none lost
    short, lib = entry.id[:8], ["--library", str(library)]
    for action, change in (
        ("C-RECIPROCITY-WRITING", ["--status", "done", "--note", "Signed in July"]),
        ("own-1", ["--note", "Second quarterly report given"]),
    ):
        assert (
            main(["actions", "update", short, action, *change, "--date", "2027-07-20", *lib]) == 0
        )
    capsys.readouterr()
    assert main(["actions", "show", short, "--json", *lib]) == 0
    shown = {a["id"]: a for a in json.loads(capsys.readouterr().out)["actions"]}
    assert shown["C-RECIPROCITY-WRITING"]["status"] == "done"
    assert shown["own-1"]["updates"][-1]["note"] == "Second quarterly report given"


def test_the_review_paper_comes_after_the_paper_it_reports_back_on() -> None:
    """Filed in the same second, the papers' names (ending in their fingerprints) used to
    decide which came first, so the review paper was listed before the board paper about
    half the time."""
    from syslead_desktop.services.register.entry import PaperRow

    def row(name: str, kind: str) -> PaperRow:
        summary = json.dumps({"status": "decided", "kind": kind})
        filings = [{"filed_at": "2027-06-30T10:00:00+00:00", "filed_by": "Sam", "sha256": name}]
        return PaperRow(f"papers/2027/{name}.pdf", name, 3, 1, 0, summary, filings)

    board, review = row("2026-12-10_offer_decided_fff", "board"), row("2026-12-10_a", "review")
    assert [r.summary["kind"] for r in sorted([review, board], key=PaperRow.order)] == [
        "board",
        "review",
    ]
    assert max([review, board], key=PaperRow.order) is review, "the latest paper"


def test_the_example_review_file_is_what_the_app_would_save() -> None:
    """The worked example stays in the current format, written as SysLead writes it."""
    decision = at_review()
    text = REVIEW_EXAMPLE.read_text(encoding="utf-8")
    body = decision_to_text(decision).split("\n", 2)[2]
    assert body in text and decision.schema_version == 3


def test_what_the_review_rests_on_names_what_its_rules_build_on(
    prepared: PreparedReview,
) -> None:
    """Appendix B of the review paper says what the review rules that fired build on, as
    the rulebook gives it: a rule built on the factors answered again is not said to rest
    on the success-in-advance finding (#13)."""
    import dataclasses

    from syslead_desktop.services.pdf.review_paper import resting

    [fired] = prepared.report.reasons
    assert fired.design is not None
    assert f"building on {fired.design.builds_on}." in " ".join(resting(prepared).split())
    rb = load_rulebook().rulebook
    assert rb.review is not None
    gone = next(r for r in rb.review.rules if r.id == "V-STOP-CASE-GONE")
    assert gone.design is not None
    other = fired.model_copy(
        update={"design": fired.design.model_copy(update={"builds_on": gone.design.builds_on})}
    )
    report = prepared.report.model_copy(update={"reasons": [other]})
    text = resting(dataclasses.replace(prepared, report=report))
    assert f"building on {gone.design.builds_on}." in text
    assert "success" not in text.split(". The study")[0]
