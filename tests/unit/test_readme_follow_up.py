"""The README's "Following a decision up", run as a new user would run it: every command of
its four steps, word for word and in order, as real ``syslead`` processes in one folder,
with only the register id of its examples (3f9a2c1b) replaced by the real one.

What a user does between the README's commands is done here as the README says it: the
paper is issued, filed and decided with the board secretary's commands (its steps 2 and
3), the remaining owners are named with the same command as the README's, and the review
is entered in the extracted record as the worked example enters it. Each "Done when" of
#16 is checked on what the commands leave behind: owners and dates named for every
condition, progress recorded, the action schedule exported and read back, and a review
paper that shows what was promised, what happened and what the Board should do next,
filed beside the first paper and verified."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from syslead_desktop.services.decision_file import load_decision, save_decision
from tests.conftest import EXAMPLE, EXAMPLES

from .test_pdf_support import flat, page_texts

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Following a decision up"
EXAMPLE_ID = "3f9a2c1b"  # the register id the README's examples use
TODAY = dt.date.today()


def readme_steps() -> list[list[list[str]]]:
    """The section's ``sh`` blocks, one a step: each a list of commands (``&&`` splits)."""
    text = README.read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    steps = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        commands: list[list[str]] = []
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            while "&&" in words:
                at = words.index("&&")
                commands.append(words[:at])
                words = words[at + 1 :]
            if words:
                commands.append(words)
        steps.append(commands)
    return steps


class Walk:
    """A folder the user works in, and the ``syslead`` they run there."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.decision_id = EXAMPLE_ID

    def run(self, words: list[str], code: int = 0) -> subprocess.CompletedProcess[str]:
        assert words[0] == "syslead", words
        args = [self.decision_id[:8] if w == EXAMPLE_ID else w for w in words[1:]]
        result = subprocess.run(
            [sys.executable, "-m", "syslead_desktop", *args],
            cwd=self.folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
            check=False,
        )
        assert result.returncode == code, (words, result.stdout, result.stderr)
        return result

    def json(self, *words: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self.run(["syslead", *words, "--json"]).stdout)  # type: ignore[no-any-return]


def test_the_readme_follow_up_walk(tmp_path: Path) -> None:
    steps = readme_steps()
    assert len(steps) == 4, "name owners and dates, record progress, follow up, review"
    walk = Walk(tmp_path)
    decision = tmp_path / "decision.syslead.yaml"
    decision.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    walk.run(["syslead", "register", "use", "Board register"])  # set up once (step 1 above)

    # 1. Name an owner and a date for every condition.
    name_them, record_progress, follow_up, review = steps
    assert name_them[0][:3] == ["syslead", "actions", "show"]
    shown = walk.run(name_them[0]).stdout
    assert "C-NED-SESSION" in shown and "Chair and chief executive" in shown
    for command in name_them[1:]:
        walk.run(command)
    named = {a["id"]: a for a in walk.json("actions", "show", "decision.syslead.yaml")["actions"]}
    assert named["C-NED-SESSION"]["owner"]["name"] == "Dame Ann Lowe"
    assert named["C-NED-SESSION"]["due"] == "2026-12-08"
    assert named["C-NED-SESSION"]["origin"]["due"] == "2026-12-09", "the suggestion, kept"
    assert named["own-1"]["text"] == "Report to the ICB board" and named["own-1"]["origin"] is None
    people = {"C-BRIEF-REGULATOR": "Dr Tom Ellery", "C-COST-CAP": "Sam Okafor"}
    people |= {"C-COORDINATION": "Jo Whitfield", "own-1": "Dr Tom Ellery"}
    for action, person in people.items():  # the rest, with the README's own command
        if not named[action]["owner"]["name"]:
            walk.run(
                ["syslead", "actions", "update", "decision.syslead.yaml", action, "--owner", person]
            )
    walk.run(
        ["syslead", "actions", "update", "decision.syslead.yaml", "own-1", "--due", "2027-03-31"]
    )
    actions = walk.json("actions", "show", "decision.syslead.yaml")["actions"]
    assert len(actions) == 6
    assert all(a["owner"]["name"] and a["owner"]["role"] for a in actions if a["origin"])
    assert all(a["owner"]["name"] and a["due"] for a in actions), "every one named and dated"

    # The paper is issued, filed and decided (the board secretary's steps 2 and 3).
    walk.run(["syslead", "status", "decision.syslead.yaml", "--set", "submitted"])
    walk.run(["syslead", "render", "decision.syslead.yaml", "-o", "paper.pdf"])
    walk.decision_id = walk.json("register", "file", "paper.pdf")["filed"][0]["id"]
    decided = ["--set", "decided", "--outcome", "approved", "--date", "2026-12-10"]
    walk.run(["syslead", "status", EXAMPLE_ID, *decided, "--minute", "BD/26/141"])

    # 2. Record progress, on the filed decision (one record copy after another).
    for command in record_progress:
        walk.run(command)
    kept = {a["id"]: a for a in walk.json("actions", "show", EXAMPLE_ID)["actions"]}
    assert kept["C-NED-SESSION"]["status"] == "done"
    assert kept["C-NED-SESSION"]["updates"][-1]["note"] == "Held on 8 December"
    assert kept["C-COORDINATION"]["status"] == "dropped", "the change before it is kept too"
    assert kept["C-COORDINATION"]["reason"] == "The ICB office does it"
    shown = walk.json("register", "show", EXAMPLE_ID)
    assert [p["status"] for p in shown["papers"]] == ["submitted", "decided", "decided", "decided"]
    section_5 = flat(" ".join(page_texts(tmp_path / "Board register" / shown["paper"])))
    section_5 = section_5.split("5. Conditions and safeguards", 2)[-1].split("6. ", 1)[0]
    for printed in ("Dame Ann Lowe", "8 Dec 2026", "Held on 8 December", "Priya Raman"):
        assert printed in section_5, printed
    assert "Dropped: The ICB office does it" in section_5, "the paper shows why"

    # 3. Follow the actions up across the register, and export the schedule.
    listed = walk.json("actions", "list")
    assert listed["count"] == 4, "done and dropped ones are no longer open"
    late = {a["id"] for a in listed["actions"] if a["due"] < TODAY.isoformat()}
    assert {a["id"] for a in listed["actions"] if a["overdue"]} == late
    overdue, by_owner, export = follow_up
    out = walk.run(overdue).stdout
    assert out.count("OVERDUE") == len(late) and (late or "No open actions." in out)
    mine = json.loads(walk.run(by_owner).stdout)
    assert [a["id"] for a in mine["actions"]] == ["C-RECIPROCITY-WRITING"]
    walk.run(export)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "action-schedule.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    for column in (
        "Action",
        "Owner",
        "Due",
        "Status",
        "Latest update",
        "Source paper",
        "Agenda item",
        "Minute reference",
    ):
        assert column in header, column
    records = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert len(records) == 4 and {r["Minute reference"] for r in records} == {"BD/26/141"}
    assert {r["Agenda item"] for r in records} == {"PUB26/12/4.2"}
    assert any(str(r["Owner"]).startswith("Priya Raman") for r in records)

    # 4. At the review date: the filed record, the review entered, the review paper.
    extract, what_is_missing, write_paper, *file_and_verify = review
    walk.run(extract)
    missing = walk.run(what_is_missing, code=1).stderr
    assert "Not ready for a review paper:" in missing and "success measure 1" in missing
    entered = load_decision(tmp_path / "review.syslead.yaml")
    assert entered.status == "decided" and entered.resolution is not None
    assert {a.id: a.status for a in entered.actions}["C-COORDINATION"] == "dropped"
    worked = load_decision(EXAMPLES / "scanning-capacity-review.syslead.yaml")
    assert [m.text for m in worked.measures] == entered.framing.success_measures
    entered.measures, entered.review = worked.measures, worked.review
    save_decision(tmp_path / "review.syslead.yaml", entered)
    said = walk.run(what_is_missing).stdout
    assert said.startswith("Recommendation on the review: Change")
    walk.run(write_paper)
    for command in file_and_verify:
        walk.run(command)
    papers = walk.json("register", "show", EXAMPLE_ID)["papers"]
    assert [p["kind"] for p in papers] == ["board"] * 4 + ["review"], "linked to the first"

    pages = [flat(t) for t in page_texts(tmp_path / "review.pdf")]
    text = " ".join(pages)
    # what was promised
    assert "Decision reviewed Board of Directors, 10 December 2026" in pages[0]
    assert "Approved on 10 December 2026 (minute BD/26/141)" in pages[0]
    assert "Under six weeks every month" in text  # a measure's target
    # what happened
    assert "Of its three success measures, two were met and one was partly met." in text
    assert "Of its six actions, one is done, four are still open" in text
    assert "Dame Ann Lowe" in text and "Dropped: The ICB office does it" in text
    assert "Held on 8 December" in text
    # what the Board should do next
    assert "The Board is asked to note this report" in text
    assert "It is asked to set the next review for 16 December 2027." in text
