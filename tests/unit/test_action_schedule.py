"""The board's action schedule (#16): the actions across the register, filtered, exported to
CSV and XLSX and read back, and the ``syslead actions`` commands end to end."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from syslead_desktop.cli import main
from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.register.actions import (
    ACTION_SCHEDULE,
    due_in_month,
    register_actions,
)
from syslead_desktop.services.register.export import csv_bytes, xlsx_bytes
from tests.cli_runner import syslead
from tests.register_support import followed_up, render_to, variant

MEETING = dt.date(2026, 12, 10)
TODAY = dt.date(2027, 1, 20)  # after the meeting: some actions are overdue


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("schedule")
    library = Library(folder / "register")
    first = followed_up("Offer weekend MRI capacity", "PUB26/12/4.2", "BD/26/141")
    second = followed_up("Share a staff bank", "PUB26/12/4.3", "BD/26/142")
    draft = variant("A draft not yet issued", submitted=False)
    for n, decision in enumerate((first, second, draft)):
        library.file(render_to(decision, folder / f"paper-{n}.pdf"))
    return library


def entries(library: Library) -> list:  # type: ignore[type-arg]
    with RegisterIndex.open(library) as index:
        return index.entries(today=TODAY)


def test_the_register_lists_the_open_actions_soonest_first(library: Library) -> None:
    found = register_actions(entries(library), today=TODAY)
    titles = {a.decision.title for a in found}
    assert titles == {"Offer weekend MRI capacity", "Share a staff bank"}, (
        "a draft's actions are not followed up yet"
    )
    assert all(a.live for a in found), "done and dropped ones are left out"
    dues = [a.due or dt.date.max for a in found]
    assert dues == sorted(dues)
    tom = next(a for a in found if a.owner_name == "Tom Ellery")
    assert tom.overdue and tom.due == dt.date(2027, 1, 15)
    assert tom.latest == "2027-01-05: Meeting with the regional team booked"
    assert tom.decision.minute_reference in ("BD/26/141", "BD/26/142")
    assert tom.key == f"{tom.decision.id[:8]}/{tom.id}"
    every = register_actions(entries(library), today=TODAY, every=True)
    assert {a.status for a in every} >= {"done", "dropped", "open"}
    assert len(every) > len(found)


def test_filters_by_owner_decision_and_overdue(library: Library) -> None:
    listed = entries(library)
    toms = register_actions(listed, today=TODAY, owner="ELLERY")
    assert len(toms) == 2 and {a.owner_name for a in toms} == {"Tom Ellery"}
    by_role = register_actions(listed, today=TODAY, owner="director of finance")
    assert by_role and all("Director of finance" in a.owner for a in by_role)
    one = next(e for e in listed if e.title == "Share a staff bank")
    mine = register_actions(listed, today=TODAY, decision=one.id[:6])
    assert mine and {a.decision.id for a in mine} == {one.id}
    late = register_actions(listed, today=TODAY, overdue=True)
    assert late and all(a.overdue and a.due < TODAY for a in late)  # type: ignore[operator]
    assert not register_actions(listed, today=dt.date(2026, 12, 1), overdue=True)
    month = due_in_month(register_actions(listed, today=TODAY), TODAY)
    assert any(a.overdue for a in month)
    assert all(a.overdue or (a.due.year, a.due.month) == (2027, 1) for a in month)  # type: ignore[union-attr]


def test_the_schedule_exports_read_back(library: Library) -> None:
    found = register_actions(entries(library), today=TODAY, every=True)
    data = csv_bytes(found, ACTION_SCHEDULE)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = [
        "Ref",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Latest update",
        "Source paper",
        "Agenda item",
        "Minute reference",
    ]
    assert rows[0] == header and len(rows) == 1 + len(found)
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    tom = next(r for r in records if r["Owner"].startswith("Tom Ellery"))
    assert tom["Due"] == "2027-01-15" and tom["Status"] == "Open (overdue)"
    assert tom["Latest update"] == "2027-01-05: Meeting with the regional team booked"
    assert tom["Source paper"].endswith("(Board of Directors, 10 December 2026)")
    assert tom["Agenda item"] in ("PUB26/12/4.2", "PUB26/12/4.3")
    assert tom["Minute reference"] in ("BD/26/141", "BD/26/142")
    dropped = next(r for r in records if r["Status"] == "Dropped")
    assert "The ICB office does it" in dropped["Latest update"]
    hostile = next(r for r in records if "SUM" in r["Action"])
    assert hostile["Action"] == "'" + '=SUM(A1) "quoted", and\na new line', "never a formula"

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes(found, ACTION_SCHEDULE, "Action schedule")))
    sheet = book["Action schedule"]
    assert [c.value for c in sheet[1]] == header and sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + len(found)
    values = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    tom_x = next(r for r in values if str(r["Owner"]).startswith("Tom Ellery"))
    assert tom_x["Due"] == dt.datetime(2027, 1, 15), "a real date cell"
    text = next(r for r in values if "SUM" in str(r["Action"]))
    assert text["Action"] == '=SUM(A1) "quoted", and\na new line', "text, not a formula"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_each_change_to_an_action_is_said_in_words(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """qa F4: a new owner and due date printed 'action C-NED-SESSION is open': the line
    says what changed, and what the action's status is after it."""
    path = tmp_path / "d.syslead.yaml"
    path.write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    shown = json.loads(run(capsys, "actions", "show", str(path), "--json"))
    first = shown["actions"][0]
    was = dt.date.fromisoformat(first["due"])

    def update(*args: str) -> str:
        out = run(capsys, "actions", "update", str(path), first["id"], *args)
        prefix = f"{path}: action {first['id']}: "
        assert out.startswith(prefix) and out.rstrip().endswith(f"; wrote {path}"), out
        return out.removeprefix(prefix).rsplit("; wrote ", 1)[0]

    assert update("--owner", "Sam Okafor", "--due", "2027-02-28") == (
        f"owner named: Sam Okafor ({first['owner']['role']}); due date moved from "
        f"{was.day} {was:%B} {was.year} to 28 February 2027; still open"
    )
    assert update("--status", "in_progress", "--note", "Booked") == "now in progress"
    assert update("--note", "Room moved") == "progress noted; still in progress"
    assert update("--text", "Meet the NEDs in private.") == "text changed; still in progress"
    assert update("--due", "none") == (
        "due date cleared (it was 28 February 2027); still in progress"
    )
    added = run(capsys, "actions", "add", str(path), "--text", "Tell the staff side")
    assert added.startswith(f"{path}: action own-1: added, open; wrote ")


def test_actions_from_a_script_end_to_end(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A chief executive's office names owners and dates, records progress, issues the
    paper; the board secretary files it, records the resolution, follows the actions up
    and exports the schedule."""
    path = tmp_path / "d.syslead.yaml"
    path.write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    shown = json.loads(run(capsys, "actions", "show", str(path), "--json"))
    ids = [a["id"] for a in shown["actions"]]
    assert ids and all(a["owner"]["role"] and a["due"] for a in shown["actions"])
    for n, action in enumerate(ids):  # every condition gets a named owner and a date
        run(
            capsys,
            "actions",
            "update",
            str(path),
            action,
            "--owner",
            f"Person {n}",
            "--due",
            f"2027-01-{n + 10}",
            "--date",
            "2026-11-25",
        )
    result = json.loads(
        run(
            capsys,
            "actions",
            "update",
            str(path),
            ids[0],
            "--status",
            "in_progress",
            "--note",
            "Booked for 8 December",
            "--date",
            "2026-11-26",
            "--json",
        )
    )
    assert result["action"]["status"] == "in_progress"
    assert result["action"]["updates"][-1] == {
        "on": "2026-11-26",
        "by": result["action"]["updates"][-1]["by"],
        "status": "in_progress",
        "note": "Booked for 8 December",
    }
    added = json.loads(
        run(
            capsys,
            "actions",
            "add",
            str(path),
            "--text",
            "Report to the ICB board",
            "--owner",
            "Tom Ellery",
            "--due",
            "2027-03-01",
            "--json",
        )
    )
    assert added["action"]["id"] == "own-1" and added["action"]["origin"] is None
    refused = main(["actions", "update", str(path), ids[1], "--status", "dropped"])
    assert refused == 2 and "say why the action is dropped" in capsys.readouterr().err
    run(
        capsys,
        "actions",
        "update",
        str(path),
        ids[1],
        "--status",
        "dropped",
        "--reason",
        "Already covered by the ICB",
        "--date",
        "2026-11-27",
    )
    text = path.read_text(encoding="utf-8")
    assert "schema_version: 3" in text and "Person 0" in text and "Already covered" in text

    run(capsys, "status", str(path), "--set", "submitted", "--date", "2026-12-01")
    paper = tmp_path / "paper.pdf"
    run(capsys, "render", str(path), "-o", str(paper))
    library = tmp_path / "register"
    filed = json.loads(
        run(capsys, "register", "file", str(paper), "--library", str(library), "--json")
    )["filed"][0]
    short = filed["id"][:8]
    run(
        capsys,
        "status",
        short,
        "--set",
        "decided",
        "--outcome",
        "approved",
        "--minute",
        "BD/26/141",
        "--date",
        "2026-12-10",
        "--library",
        str(library),
    )
    # progress recorded on the filed decision: a record copy is filed beside it
    done = json.loads(
        run(
            capsys,
            "actions",
            "update",
            short,
            ids[0],
            "--status",
            "done",
            "--date",
            "2026-12-08",
            "--note",
            "Held",
            "--library",
            str(library),
            "--json",
        )
    )
    assert done["filed"]["path"].endswith(".pdf") and done["action"]["status"] == "done"
    listed = json.loads(run(capsys, "actions", "list", "--library", str(library), "--json"))
    assert listed["schema_version"] == 1 and listed["count"] == len(ids) - 1  # done, dropped, own
    keys = {a["id"] for a in listed["actions"]}
    assert ids[0] not in keys and ids[1] not in keys and "own-1" in keys
    first = next(a for a in listed["actions"] if a["id"] == ids[2])
    assert first["owner"] == {"name": "Person 2", "role": first["owner"]["role"]}
    assert first["minute_reference"] == "BD/26/141" and first["agenda_item"] == "PUB26/12/4.2"
    mine = json.loads(
        run(capsys, "actions", "list", "--library", str(library), "--owner", "ellery", "--json")
    )
    assert [a["id"] for a in mine["actions"]] == ["own-1"]
    out = tmp_path / "schedule.xlsx"
    run(capsys, "actions", "export", "--xlsx", str(out), "--library", str(library), "--all")
    from openpyxl import load_workbook

    sheet = load_workbook(out)["Action schedule"]
    assert sheet.max_row == 1 + len(ids) + 1
    # the record copy verifies like any paper
    copy = library / done["filed"]["path"]
    checked = syslead("verify", str(copy), "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["verdict"] == "intact"


def test_the_latest_paper_is_the_one_with_the_latest_progress() -> None:
    """Record copies made one after another (progress on two actions from a script) are
    often filed within one second, the filing time's resolution: their names, ending in
    their fingerprints, used to decide which was the latest, so the next change could be
    made to the copy before the last, and the last change was lost."""
    from syslead_desktop.services.register.entry import PaperRow

    def row(name: str, updates: list[int], mtime_ns: int) -> PaperRow:
        actions = [{"id": f"C-{n}", "updates": [{}] * count} for n, count in enumerate(updates)]
        summary = json.dumps({"status": "decided", "kind": "board", "actions": actions})
        filings = [{"filed_at": "2026-12-10T10:00:00+00:00", "filed_by": "Sam", "sha256": name}]
        return PaperRow(
            f"papers/2026/2026-12-10_d_decided_{name}.pdf", name, 2, 1, mtime_ns, summary, filings
        )

    decided = row("ffff", [0, 0], 1)
    one_done = row("eeee", [1, 0], 2)
    both = row("0000", [1, 1], 3)  # the last copy, the lowest name
    rows = [both, decided, one_done]
    assert max(rows, key=PaperRow.order) is both
    assert sorted(rows, key=PaperRow.order) == [decided, one_done, both]
    # after the review paper (made from the same record), progress recorded on it is filed
    # as a board paper's record copy: that copy is the latest, not the review paper
    review = PaperRow(
        "papers/2026/2026-12-10_d_decided_ffff-review.pdf",
        "r",
        2,
        1,
        3,
        json.dumps(
            {
                "status": "decided",
                "kind": "review",
                "actions": json.loads(both.summary_json)["actions"],
            }
        ),
        both.filings,
    )
    assert sorted([review, both], key=PaperRow.order) == [both, review]
    later = row("aaaa", [2, 1], 5)
    assert max([both, review, later], key=PaperRow.order) is later
    # a change with no progress entry (a new owner) made in the same second: written later
    owner_named = row("1111", [1, 1], 4)
    assert max([owner_named, both], key=PaperRow.order) is owner_named


def test_once_issued_a_new_owner_or_date_is_on_the_record() -> None:
    """The board was shown who owns each action and when it is due: once the paper is
    issued a change to either is a dated entry in the action's progress (so a moved date
    cannot quietly make an overdue action look on time at the review); a draft's are not."""
    from syslead_desktop.services.actions import ActionRequest, apply_request

    decided = followed_up("Offer weekend MRI capacity", "PUB26/12/4.2", "BD/26/141")
    action = decided.actions[1]  # Tom Ellery's, due five weeks after the meeting
    assert action.owner.name == "Tom Ellery" and action.due is not None
    on = dt.date(2027, 1, 20)
    moved = apply_request(
        decided,
        ActionRequest(action.id, on, by="Sam Clerk", due=dt.date(2027, 2, 28), note="ICB asked"),
    )
    [after] = [a for a in moved.actions if a.id == action.id]
    assert after.due == dt.date(2027, 2, 28)
    latest = after.updates[-1]
    assert (latest.on, latest.by, latest.status) == (on, "Sam Clerk", None)
    assert latest.note == (
        f"Due date moved from {action.due.day} {action.due:%B %Y} to 28 February 2027: ICB asked"
    )
    handed = apply_request(
        moved, ActionRequest(action.id, on, owner="Priya Raman", status="in_progress")
    )
    [after] = [a for a in handed.actions if a.id == action.id]
    assert [u.note for u in after.updates[-2:]] == [
        f"Owner changed from Tom Ellery ({action.owner.role}) to Priya Raman ({action.owner.role})",
        "",
    ]
    assert after.updates[-1].status == "in_progress"
    unnamed = next(a for a in decided.actions if not a.owner.name)
    named = apply_request(decided, ActionRequest(unnamed.id, on, owner="Jo Whitfield"))
    assert next(a for a in named.actions if a.id == unnamed.id).updates[-1].note == (
        f"Owner named: Jo Whitfield ({unnamed.owner.role})"
    )
    # an action added once the paper is issued says so (the board was not shown it)
    added = apply_request(
        decided, ActionRequest(None, on, text="Report to the ICB", note="Asked by the chair")
    )
    assert (
        added.actions[-1].updates[-1].note == "Added after the paper was issued: Asked by the chair"
    )
    # a draft's owners and dates are still being settled: nothing is recorded
    draft = decided.model_copy(update={"status": "draft"})
    quiet = apply_request(draft, ActionRequest(action.id, on, due=dt.date(2027, 2, 28)))
    assert next(a for a in quiet.actions if a.id == action.id).updates == action.updates


def test_the_plain_text_lists_line_up(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each action's due date starts in the same column, however long the ids are (the
    key column was 26 characters wide, and 3f9a2c1b/C-RECIPROCITY-WRITING's pushed its row
    out)."""
    import re

    from syslead_desktop.services.decision_file import load_decision

    library = Library(tmp_path / "register")
    library.file(render_to(load_decision(example_path), tmp_path / "paper.pdf"))
    date = re.compile(r"  (\d{4}-\d\d-\d\d|no date)")
    for args in (["actions", "list", "--all"], ["actions", "show", str(example_path)]):
        out = run(capsys, *args, "--library", str(library.root))
        rows = [line for line in out.splitlines() if date.search(line)]
        assert any("C-RECIPROCITY-WRITING" in row for row in rows) and len(rows) >= 5, out
        assert len({date.search(row).start() for row in rows}) == 1, out  # type: ignore[union-attr]
