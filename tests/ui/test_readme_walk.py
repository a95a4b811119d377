"""The README's "Keeping the board's record" section, followed as a new board secretary
would follow it: every ``syslead`` command it gives is run as written (its example paths
and register id standing for real ones), in order, and every button and menu item it
names is found in the app. If the README drifts from the program, this fails."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shlex
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget

from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.settings import Settings
from syslead_desktop.services.trust_profile import load_profile, save_profile
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.preferences import PreferencesDialog
from tests.cli_runner import syslead
from tests.register_support import render_to, variant
from tests.unit.test_trust_profile import NAME, profile

from .conftest import Answers, open_window, settle

ROOT = Path(__file__).resolve().parents[2]
HEADING = "## Keeping the board's record"
#: The README's example names, and what stands for each in the walk.
EXAMPLE_LIBRARY = "/srv/shared/Board register"
EXAMPLE_ID = "3f9a2c1b"


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(HEADING)
    end = text.find("\n## ", start + len(HEADING))
    return text[start : end if end != -1 else len(text)]


def commands(text: str) -> list[list[str]]:
    """Every ``syslead`` command in the section, in order: the lines of its ``sh`` blocks
    (continued lines joined, comments dropped) and its inline code."""
    found: list[tuple[int, list[str]]] = []
    for block in re.finditer(r"```sh\n(.*?)```", text, re.S):
        joined = re.sub(r"\\\n\s*", " ", block.group(1))
        for line in joined.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "syslead":
                found.append((block.start(), words))
    for code in re.finditer(r"`(syslead [^`]+)`", text):
        found.append((code.start(), shlex.split(code.group(1))))
    return [words for _at, words in sorted(found, key=lambda f: f[0])]


def test_the_section_gives_a_command_for_every_step() -> None:
    text = section()
    steps = re.findall(r"^(\d)\. \*\*(.+?)\*\*", text, re.M)
    assert [n for n, _s in steps] == ["1", "2", "3", "4", "5", "6"]
    run = [" ".join(c[1:3]) for c in commands(text)]
    for needed in (
        "profile import",
        "register use",
        "register file",
        "status " + EXAMPLE_ID,
        "register search",
        "register list",
        "register export",
    ):
        assert needed in run, needed


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    """The secretary's folder: the profile file the governance team shared, and the three
    papers of the meeting the README names (item-4-1.pdf … item-4-3.pdf), as issued."""
    folder = tmp_path / "secretary"
    folder.mkdir()
    save_profile(profile(), folder / "trust-profile.yaml")
    day = dt.date.fromisoformat(re.search(r"--date (\S+)", section()).group(1))  # type: ignore[union-attr]
    soon = max(day, dt.date.today()) + dt.timedelta(days=10)
    specs = [
        (
            "Offer weekend MRI capacity to Harrowfield Hospitals",
            "tomography",
            soon + dt.timedelta(days=300),
        ),
        ("Share a collective staff bank across the system", "rostering", soon),
        (
            "Accept flat cash so that the mental health trust gets more",
            "psychiatric",
            soon + dt.timedelta(days=400),
        ),
    ]
    for n, (title, word, review) in enumerate(specs, 1):
        paper = variant(title, word=word, review=review, meeting=day, agenda=f"PUB/4.{n}")
        render_to(paper, folder / f"item-4-{n}.pdf")
    return folder


def test_following_the_readme_with_the_commands(
    meeting: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(meeting)
    library = tmp_path / "Board register"
    staff_bank = ""
    outputs: dict[str, str] = {}
    for words in commands(section()):
        if words[1:3] == ["status", EXAMPLE_ID]:
            with RegisterIndex.open(Library(library)) as index:
                staff_bank = index.entries(text="rostering")[0].id
        if words[1] == "verify":
            with RegisterIndex.open(Library(library)) as index:
                latest = library / index.find(staff_bank).paper
        args = []
        for word in words[1:]:
            word = word.replace(EXAMPLE_LIBRARY, str(library))
            word = word.replace(EXAMPLE_ID, staff_bank[:8] if staff_bank else word)
            if words[1] == "verify":
                word = {"paper.pdf": str(latest), "DIR": str(library)}.get(word, word)
            args.append(word)
        result = syslead(*args)
        assert result.returncode == 0, (words, result.stdout, result.stderr)
        outputs[" ".join(words[1:3])] = result.stdout

    # 1. the trust profile is set up, and the register chosen
    set_up = load_profile()
    assert set_up is not None and set_up.name == NAME
    # 2. the meeting's papers are filed; 3. the resolution recorded, with its record copy
    with RegisterIndex.open(Library(library)) as index:
        entries = {e.title: e for e in index.entries()}
        assert len(entries) == 3
        decided = entries["Share a collective staff bank across the system"]
        assert decided.status == "decided" and decided.outcome == "approved_with_amendments"
        assert decided.minute_reference == "BD/26/142"
        assert [p["status"] for p in decided.papers] == ["submitted", "decided"]
    # 4. found by a word in it; 5. its review is due
    assert "Share a collective staff bank" in outputs["register search"]
    assert "Offer weekend MRI" not in outputs["register search"]
    assert "Share a collective staff bank" in outputs["register list"]
    # 6. the decision log, for the board's records
    rows = list(csv.DictReader(io.StringIO((meeting / "decision-log.csv").read_text("utf-8-sig"))))
    assert len(rows) == 3 and "BD/26/142" in [r["Minute reference"] for r in rows]
    from openpyxl import load_workbook

    assert load_workbook(meeting / "decision-log.xlsx")["Decision log"].max_row == 4
    # and the filed copy checks out against the filing ledger
    assert (
        "FILED" in outputs["verify paper.pdf"] and "NOT AS FILED" not in outputs["verify paper.pdf"]
    )


def texts(widget: QWidget) -> set[str]:
    """Every button's and menu item's text in ``widget``, without its '&'."""
    found = {b.text().replace("&", "") for b in widget.findChildren(QAbstractButton)}
    for menu in widget.findChildren(QMenu):
        found |= {a.text().replace("&", "") for a in menu.actions()}
    return found


def test_what_the_readme_names_in_the_app_is_there(qtbot, answers: Answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each **bold** button or menu path of the section (one ending in '…', with '▸', or
    one of the views' buttons) is found where it says."""
    from syslead_desktop.services.settings import save_settings

    Library(tmp_path / "register").create()
    save_settings(Settings(library=str(tmp_path / "register")))
    window: MainWindow = open_window(qtbot, new=False)
    register = window.show_register()
    from syslead_desktop.ui.record_view import RecordModel, RecordView

    record_view = RecordView(RecordModel(Library(tmp_path / "register"), None))
    qtbot.addWidget(record_view)
    preferences = PreferencesDialog(None, Settings())
    qtbot.addWidget(preferences)
    menus = {  # the menu bar as it is while the register is shown
        a.text().replace("&", ""): a.menu()
        for a in window.menuBar().actions()
        if isinstance(a.menu(), QMenu)
    }
    places = texts(register) | texts(record_view) | texts(preferences)
    named = re.findall(r"\*\*([^*]+)\*\*", section())
    checked = []
    for label in named:
        if "▸" in label:
            menu, item = (part.strip() for part in label.split("▸"))
            actions = {a.text().replace("&", "") for a in menus[menu].actions()}
            assert item in actions, f"{label}: not in the {menu} menu ({sorted(actions)})"
            checked.append(label)
        elif label.endswith("…") or label in {"Open record", "Open PDF"}:
            assert label in places, f"{label}: no such button in the app"
            checked.append(label)
    assert len(set(checked)) >= 8, checked
    window.close()
    settle(qtbot)
