"""The board secretary's whole round, end to end with the ``syslead`` command, as the README
tells a new user to do it: set up the trust profile once, file a meeting's papers, record
the board's resolutions, find a decision again by a word in it, see which reviews are due,
and export the decision log."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from syslead_desktop.services.trust_profile import save_profile
from tests.cli_runner import syslead
from tests.register_support import render_to, variant

from .test_pdf_support import page_texts
from .test_trust_profile import NAME, profile

TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=10)
RESOLUTIONS = [  # outcome, minute reference, amendments
    ("approved", "BD/26/141", ""),
    ("approved_with_amendments", "BD/26/142", "Review at six months, not twelve."),
    ("deferred", "BD/26/143", ""),
]


def ok(*args: str) -> str:
    result = syslead(*args)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def ok_json(*args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(ok(*args, "--json"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The chief executives' papers for one board meeting, issued (submitted)."""
    folder = tmp_path_factory.mktemp("meeting")
    specs = [
        ("Offer weekend MRI capacity to Harrowfield Hospitals", "tomography", 200),
        ("Share a collective staff bank across the system", "rostering", 20),  # due soon
        ("Accept flat cash so that the mental health trust gets more", "psychiatric", -5),
    ]
    papers = []
    for n, (title, word, review_in) in enumerate(specs, 1):
        decision = variant(
            title,
            word=word,
            review=TODAY + dt.timedelta(days=review_in),
            agenda=f"PUB{MEETING:%y/%m}/4.{n}",
            meeting=MEETING,
        )
        papers.append(render_to(decision, folder / f"item-4-{n}.pdf"))
    return papers


def test_the_board_secretary_s_round(meeting: list[Path], tmp_path: Path) -> None:
    # 1. The trust profile, set up once from the file the governance team shares.
    shared = tmp_path / "trust-profile.yaml"
    save_profile(profile(), shared)
    ok("profile", "import", str(shared))
    assert ok_json("profile", "show")["profile"]["name"] == NAME

    # 2. The register: a (shared) folder, chosen once as the default.
    library = tmp_path / "Board register"
    assert ok_json("register", "use", str(library))["library"] == str(library)

    # 3. File the meeting's papers.
    filed = ok_json("register", "file", *map(str, meeting))["filed"]
    assert [f["already_filed"] for f in filed] == [False, False, False]
    ids = [f["id"] for f in filed]

    # 4. Record the board's resolutions, by register id, from the minutes.
    for decision_id, (outcome, minute, amendments) in zip(ids, RESOLUTIONS, strict=True):
        extra = ["--amendments", amendments] if amendments else []
        changed = ok_json(
            "status",
            decision_id[:8],
            "--set",
            "decided",
            "--outcome",
            outcome,
            "--date",
            MEETING.isoformat(),
            "--minute",
            minute,
            "--by",
            "Sam Clerk",
            *extra,
        )
        assert changed["status"] == "decided" and changed["filed"]["already_filed"] is False
        assert changed["history"][-1] == {
            "status": "decided",
            "on": MEETING.isoformat(),
            "by": "Sam Clerk",
            "meeting": "Board of Directors",
            "note": "",
        }
    listed = ok_json("register", "list")
    assert listed["count"] == 3
    by_id = {d["id"]: d for d in listed["decisions"]}
    assert [by_id[i]["outcome"] for i in ids] == [o for o, _m, _a in RESOLUTIONS]
    assert [by_id[i]["minute_reference"] for i in ids] == [m for _o, m, _a in RESOLUTIONS]
    record_copy = library / by_id[ids[1]]["paper"]
    cover = page_texts(record_copy)[0]
    assert NAME in cover and "Board decision" in cover and "Approved with amendments" in cover
    assert "Review at six months, not twelve." in cover and "DRAFT" not in cover
    shown = ok_json("register", "show", ids[1][:6])
    assert [p["status"] for p in shown["papers"]] == ["submitted", "decided"]
    assert shown["resolution"]["minute_reference"] == "BD/26/142"
    assert "Amendments:       Review at six months, not twelve." in ok(
        "register", "show", ids[1][:6]
    )

    # 5. Find a decision again by a word in it.
    found = ok_json("register", "search", "rostering")
    assert [d["id"] for d in found["decisions"]] == [ids[1]] and found["query"] == "rostering"
    assert "Share a collective staff bank" in ok("register", "search", "staff", "bank")

    # 6. See which reviews are due: the deferred one is not yet decided for good, the
    #    approved ones are followed up (overdue first).
    due = ok_json("register", "list", "--due-within", "30")["decisions"]
    assert [(d["id"], d["review"]) for d in due] == [(ids[2], "overdue"), (ids[1], "due")]
    assert "OVERDUE" in ok("register", "list", "--due-within", "30")

    # 7. Export the decision log for the board's records.
    log_csv, log_xlsx = tmp_path / "decision-log.csv", tmp_path / "decision-log.xlsx"
    assert ok_json("register", "export", "--csv", str(log_csv))["count"] == 3
    ok("register", "export", "--xlsx", str(log_xlsx))
    rows = list(csv.DictReader(io.StringIO(log_csv.read_text(encoding="utf-8-sig"))))
    assert [r["Minute reference"] for r in rows] == ["BD/26/141", "BD/26/142", "BD/26/143"]
    assert [r["Board decision"] for r in rows] == [
        "Approved",
        "Approved with amendments",
        "Deferred",
    ]
    assert {r["Meeting date"] for r in rows} == {MEETING.isoformat()}
    from openpyxl import load_workbook

    sheet = load_workbook(log_xlsx)["Decision log"]
    assert [c.value for c in sheet["K"]][1:] == ["BD/26/141", "BD/26/142", "BD/26/143"]

    # 8. Any copy of a paper can be checked against the filing ledger.
    verified = syslead("verify", str(record_copy), "--library", str(library), "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["register"]["matches"]
    stranger = render_to(
        variant(
            "Offer weekend MRI capacity to Harrowfield Hospitals",
            word="tomography",
            meeting=MEETING,
            review=TODAY + dt.timedelta(days=200),
            agenda="PUB99/99/9.9",
        ),
        tmp_path / "edited.pdf",
    )
    differs = syslead("verify", str(stranger), "--library", str(library))
    assert (
        differs.returncode == 1
        and "NOT AS FILED: differs from the paper filed on" in differs.stdout
    )

    # The index is derived: rebuilt from the files, everything is found the same.
    assert ok_json("register", "rebuild")["decisions"] == 3
    assert ok_json("register", "list")["decisions"] == listed["decisions"]


def test_register_errors_are_one_line(tmp_path: Path) -> None:
    cases = [
        ("register", "list"),  # no register chosen yet
        ("register", "list", "--library", str(tmp_path)),  # not a register
        ("register", "file", str(tmp_path / "none.pdf"), "--library", str(tmp_path / "r")),
        ("status", str(tmp_path / "none.pdf"), "--set", "decided"),
        ("register", "list", "--due-within", "soon"),
    ]
    for args in cases:
        result = syslead(*args)
        assert result.returncode == 2, (args, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if args[-1] != "soon":  # argparse's own usage errors come with the usage
            assert len(lines) == 1 and lines[0].startswith("syslead: error:"), args
        assert "error:" in lines[-1], args


def test_status_on_a_decision_file_saves_it_in_the_current_format(
    example_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "d.syslead.yaml"
    path.write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    result = ok_json(
        "status", str(path), "--set", "submitted", "--date", "2026-12-01", "--by", "Priya Raman"
    )
    assert result["status"] == "submitted" and result["written"] == str(path)
    text = path.read_text(encoding="utf-8")
    assert "schema_version: 3" in text and "status: submitted" in text
    refused = syslead("status", str(path), "--set", "closed")
    assert refused.returncode == 2
    assert "a submitted decision cannot become closed" in refused.stderr
