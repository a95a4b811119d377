"""A whole workshop through the real window, offscreen: created from a blank scenario on
Home, three teams answering in turn on one laptop (none seeing another's answers), the
comparison for the projector, and the debrief paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from syslead_desktop.services.decision_file import save_decision
from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.workflow import assess_decision, render_assessed
from syslead_desktop.services.workshop import load_workshop, new_workshop, save_workshop
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.style import STYLE_SHEET
from syslead_desktop.ui.workshop import dialogs as workshop_dialogs
from syslead_desktop.ui.workshop.comparison_view import ComparisonView
from syslead_desktop.ui.workshop.dialogs import NewWorkshopDialog
from syslead_desktop.ui.workshop.team_view import WorkshopView

from .conftest import Answers, open_window, settle

SCENARIO = find_scenario("community-beds-offer")
WORKED = dict(SCENARIO.worked.answers)
# Team B sees the trust as stronger and the benefit as clearer; Team C stops short.
TEAM_B = {**WORKED, "cost_to_trust": "minor", "absorb_cost": "can", "clinical_benefit": "clear"}
TEAM_C = {k: v for k, v in WORKED.items() if k not in ("risk_appetite", "cqc_rating")}


@pytest.fixture
def win(qtbot, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    made: list[NewWorkshopDialog] = []

    def ask_new(parent, scenarios):  # type: ignore[no-untyped-def]
        """As the README's step 1: the scenario chosen on Home, Team A, B and C filled
        in, Blank kept, and Create workshop… pressed."""
        dialog = NewWorkshopDialog(scenarios, parent)
        qtbot.addWidget(dialog)
        made.append(dialog)
        dialog.show()
        assert dialog.blank_radio.isChecked()
        create = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert create.text().replace("&", "") == "Create workshop…"
        qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.request()

    monkeypatch.setattr(workshop_dialogs, "ask_new_workshop", ask_new)
    monkeypatch.setattr(
        workshop_dialogs, "ask_workshop_save_path", lambda _p, _s: tmp_path / "beds.workshop.yaml"
    )
    monkeypatch.setattr(
        workshop_dialogs, "ask_debrief_path", lambda _p, _s: tmp_path / "debrief.pdf"
    )
    window = open_window(qtbot, new=False)
    window.made_dialogs = made  # type: ignore[attr-defined]
    yield window
    window.close()
    settle(qtbot)


def _teams_view(win: MainWindow) -> WorkshopView:
    view = win.views["workshop"]
    assert isinstance(view, WorkshopView)
    return view


def _comparison(win: MainWindow) -> ComparisonView:
    view = win.views["comparison"]
    assert isinstance(view, ComparisonView)
    return view


def _answer(view: WorkshopView, answers: dict[str, str]) -> None:
    for qid, option in answers.items():
        view.boxes[qid].buttons[option].click()


def _checked(view: WorkshopView) -> dict[str, str]:
    return {
        qid: oid
        for qid, box in view.boxes.items()
        for oid, button in box.buttons.items()
        if button.isChecked()
    }


def _open_first_answered(win: MainWindow, tmp_path: Path, names: list[str]) -> WorkshopView:
    """A workshop of ``names`` open in the window, the first team's answers the worked
    example's."""
    path = tmp_path / "w.workshop.yaml"
    workshop = new_workshop(SCENARIO, names)
    workshop.teams[0].answers = dict(WORKED)
    save_workshop(path, workshop)
    win.open_path(path)
    return _teams_view(win)


def _start_from_home(qtbot, win: MainWindow) -> WorkshopView:  # type: ignore[no-untyped-def]
    home = win.home
    entries = home.practice.list
    assert entries is not None
    row = None
    # choose the scenario by its key, as a user would with the arrow keys
    for i in range(entries.count()):
        entries.setCurrentRow(i)
        if entries.current_key() == SCENARIO.path:
            row = i
            break
    assert row is not None
    assert home.workshop_button.isEnabled()
    home.workshop_button.click()
    assert win.current_view is win.views["workshop"]
    return _teams_view(win)


def test_a_three_team_workshop_on_one_laptop_from_a_blank_scenario(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    view = _start_from_home(qtbot, win)
    dialog = win.made_dialogs[0]  # type: ignore[attr-defined]
    assert dialog.request().scenario == SCENARIO.id and dialog.request().blank
    assert dialog.request().teams == ("Team A", "Team B", "Team C")
    path = tmp_path / "beds.workshop.yaml"
    assert load_workshop(path).framing == SCENARIO.worked.framing
    assert "Workshop: " in win.windowTitle()

    # the laptop goes to Team A first: a hand-over screen, no questions on show
    assert view.pages.currentIndex() == 0 and view.boxes == {}
    assert "Pass the laptop to Team A" in view.handover_title.text()
    view.start_button.click()
    assert view.pages.currentIndex() == 1 and view.model.current == 0
    assert _checked(view) == {}  # blank: nothing answered
    assert "Harrowfield" in view.findChild(type(view.heading), "workshopFraming").text()
    _answer(view, WORKED)
    asked = len(win.loaded.rulebook.all_questions())
    assert view.team_buttons[0].text() == f"✓ Team A\n{asked} of {asked} answered"
    assert view.team_buttons[1].text() == f"Team B\n0 of {asked} answered"

    # Team A hands over: its answers leave the screen before Team B sees it
    view.done_button.click()
    assert view.pages.currentIndex() == 0 and view.boxes == {}
    assert "Pass the laptop to Team B" in view.handover_title.text()
    view.start_button.click()
    assert view.model.current == 1
    assert _checked(view) == {}  # Team B never sees Team A's answers
    _answer(view, TEAM_B)
    view.done_button.click()
    view.start_button.click()
    assert view.model.current == 2 and _checked(view) == {}
    _answer(view, TEAM_C)
    # the last team hands over: every team has had its turn, and the comparison is next
    view.done_button.click()
    assert view.pages.currentIndex() == 0 and view.boxes == {}
    assert view.handover_title.text() == "Every team has had its turn"
    assert "compare the teams (F5)" in view.handover_lead.text()
    assert "Team C left 2 questions unanswered" in view.handover_lead.text()
    assert not view.start_button.isVisible()
    assert not any(b.isChecked() for b in view.team_buttons)  # no team is next
    # going back to Team A shows Team A's own answers again, and only those
    view.offer(0)
    assert view.boxes == {}
    view.start_button.click()
    assert _checked(view) == WORKED

    # every answer is in the file, each team's apart
    view.model.save_now()
    saved = load_workshop(path)
    assert [t.answers for t in saved.teams] == [WORKED, TEAM_B, TEAM_C]

    # project the comparison, in presentation mode (F11)
    view.compare_button.click()
    comparison = _comparison(win)
    assert win.current_view is comparison
    text_size = QFontInfo(comparison.table.font()).pointSizeF()
    win.presentation.trigger()
    assert win.isFullScreen()
    assert QFontInfo(comparison.table.font()).pointSizeF() >= text_size * 1.3
    table = comparison.table_model
    assert table.names == ["Team A", "Team B", "Team C"]
    first = table.rows[0]
    assert first.kind == "stance"
    assert table.cell_text(first, 2) == "Do not proceed"
    assert table.cell_text(first, 4) == "Incomplete: 2 unanswered"
    questions = [r for r in table.rows if r.kind == "question"]
    assert [r.disagreement for r in questions] == sorted(
        (r.disagreement for r in questions), reverse=True
    )
    assert questions[0].id == "cost_to_trust"  # severe against minor: the whole scale
    assert "Team C is incomplete (2 unanswered)" in comparison.summary.text()
    # ratings in colour and in words
    rating = next(r for r in table.rows if r.kind == "rating" and r.id == "stability")
    index = table.index(table.rows.index(rating), 2)
    assert table.data(index) == "● Weak"
    assert table.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#d5281b"

    # disagreements only
    comparison.differences.click()
    assert all(not r.agreed for r in table.rows if r.kind != "stance")
    assert len([r for r in table.rows if r.kind == "question"]) < len(questions)

    # choosing a row says why it matters, with its evidence
    row = next(i for i, r in enumerate(table.rows) if r.id == "absorb_cost")
    comparison.table.selectRow(row)
    text = comparison.why.toPlainText()
    why = win.loaded.rulebook.factor("stability").why_it_matters
    assert " ".join(why.split())[:40] in " ".join(text.split())
    assert "Evidence: Gordon 2021" in text and "Team B: Yes" in text

    # anonymous teams, on screen and on the paper
    comparison.anonymous.click()
    assert table.names == ["Team 1", "Team 2", "Team 3"]
    assert "Team B" not in comparison.why.toPlainText()
    view.model.save_now()
    assert load_workshop(path).anonymous

    # hand out the debrief paper
    with qtbot.waitSignal(view.model.debrief_written, timeout=60_000):
        comparison.debrief_button.click()
    settle(qtbot)
    pdf = tmp_path / "debrief.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Where the teams disagreed most" in text and "Team 1" in text
    assert "Team A" not in text
    for prompt in SCENARIO.notes.prompts:
        assert " ".join(prompt.split()) in text
    assert "Debrief paper written" in comparison.status.text()

    comparison.back_button.click()
    assert win.current_view is view
    win.presentation.trigger()  # back to the laptop's own size
    assert not win.isFullScreen()


def test_teams_files_come_in_from_a_folder(
    qtbot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, new_workshop(SCENARIO, ["Team A", "Team B"]))
    usb = tmp_path / "usb"
    usb.mkdir()
    decision = SCENARIO.start(blank=False)
    save_decision(usb / "team-b.syslead.yaml", decision)
    save_decision(usb / "latecomers.syslead.yaml", decision)
    (usb / "broken.syslead.yaml").write_text("framing: [\n", encoding="utf-8")
    # Team A answered a blank scenario on its own laptop and brought back its board paper
    own = SCENARIO.start(blank=True)
    own.answers.update(TEAM_B)
    (usb / "Team A.pdf").write_bytes(render_assessed(assess_decision(own, win.loaded)))
    monkeypatch.setattr(workshop_dialogs, "ask_import_folder", lambda _p, _f: usb)
    assert win.open_path(path)
    view = _teams_view(win)
    with qtbot.waitSignal(view.model.imported, timeout=30_000):
        view.import_button.click()
    settle(qtbot)
    assert [t.name for t in view.model.teams] == ["Team A", "Team B", "latecomers"]
    assert view.model.teams[0].answers == TEAM_B and view.model.teams[0].source == "Team A.pdf"
    assert view.model.teams[1].answers == WORKED
    assert "Added 1 team, updated 2, skipped 1 file" in view.status.text()
    assert "broken.syslead.yaml" in view.status.text()
    assert [t.name for t in load_workshop(path).teams] == ["Team A", "Team B", "latecomers"]
    assert len(view.team_buttons) == 3


def test_opening_a_workshop_keeps_the_decision_and_replaces_the_old_workshop(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "one.workshop.yaml", tmp_path / "two.workshop.yaml"
    save_workshop(first, new_workshop(SCENARIO, ["Red", "Blue"], title="First"))
    save_workshop(second, new_workshop(SCENARIO, ["North", "South", "East"], title="Second"))
    assert win.open_path(first)
    assert win.open_path(second)
    view = _teams_view(win)
    assert [t.name for t in view.model.teams] == ["North", "South", "East"]
    titles = [a.text() for a in win.view_menu.actions()]
    assert titles.count("Workshop") == 1 and titles.count("Comparison") == 1


def test_team_switching_from_the_keyboard(qtbot, win: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, new_workshop(SCENARIO, ["Red", "Blue", "Green"]))
    win.open_path(path)
    view = _teams_view(win)
    assert "Pass the laptop to Red" in view.handover_title.text()  # the first team first
    view.next_action.trigger()
    assert "Pass the laptop to Blue" in view.handover_title.text()
    view.previous_action.trigger()
    view.previous_action.trigger()
    assert "Pass the laptop to Green" in view.handover_title.text()
    view.start_button.click()
    assert view.model.current_team().name == "Green"  # type: ignore[union-attr]
    assert view.team_buttons[2].isChecked()


def test_presentation_mode_enlarges_the_comparison(
    qtbot, qapp: QApplication, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Under the application's style sheet, as the app runs (a font set with setFont() is
    replaced by it: the heading stayed at the text's size on a real screen)."""
    qapp.setStyleSheet(STYLE_SHEET)
    try:
        _presentation_enlarges(win, tmp_path)
    finally:
        qapp.setStyleSheet("")


def _presentation_enlarges(win: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "w.workshop.yaml"
    workshop = new_workshop(SCENARIO, ["Team A", "Team B", "Team C"])
    workshop.teams[0].answers = dict(WORKED)
    workshop.teams[1].answers = dict(TEAM_B)
    save_workshop(path, workshop)
    win.open_path(path)
    win.show_view("comparison")
    comparison = _comparison(win)
    QApplication.processEvents()

    def sizes() -> tuple[float, ...]:
        """The text of every part of the view as it is drawn (a font the style sheet
        replaced would show here), the teams' columns and a row's height."""
        table = comparison.table
        cell = table.visualRect(table.model().index(1, 0))
        parts = (
            comparison.heading,
            comparison.summary,
            comparison.differences,
            comparison.anonymous,
            comparison.back_button,
            comparison.debrief_button,
            table,
            table.horizontalHeader(),
            comparison.why,
        )
        for part in parts:
            part.ensurePolished()
        return (
            *(QFontInfo(part.font()).pointSizeF() for part in parts),
            QFontInfo(comparison.why.document().defaultFont()).pointSizeF(),
            table.horizontalHeader().sectionSize(2),
            cell.height(),
            comparison.debrief_button.sizeHint().height(),
        )

    before = sizes()
    # the heading is larger than the text around it, in either mode
    assert before[0] >= before[1] * 1.3
    win.presentation.trigger()
    QApplication.processEvents()
    try:
        after = sizes()
        fonts, geometry = slice(0, 10), slice(10, None)
        # every text a third larger (PRESENTATION_SCALE), columns, rows and buttons with it
        for small, large in zip(before[fonts], after[fonts], strict=True):
            assert large >= small * 1.3, f"{before} -> {after}"
        for small, large in zip(before[geometry], after[geometry], strict=True):
            assert large >= small * 1.15, f"{before} -> {after}"
        assert after[0] >= after[1] * 1.3
    finally:
        win.presentation.trigger()
        QApplication.processEvents()
    assert sizes()[fonts] == pytest.approx(before[fonts])


def test_every_control_in_both_views_is_named_for_assistive_technology(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    from .test_accessibility import focusable

    view = _open_first_answered(win, tmp_path, ["Team A", "Team B"])
    seen = []
    for stage in ("handover", "answering", "comparison"):
        if stage == "answering":
            view.start_button.click()
        if stage == "comparison":
            view.compare_button.click()
        QApplication.processEvents()
        root = win.current_view
        assert root is not None
        for widget in focusable(root):
            info = QAccessible.queryAccessibleInterface(widget)
            name = info.text(QAccessible.Text.Name)
            assert name.strip(), f"{stage}: {widget.metaObject().className()} has no name"
            seen.append(name)
    assert len(seen) > 60
    assert "Comparison" in seen and "Why this matters" in seen


def test_the_readme_walks_through_controls_that_exist(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Every control the README's workshop steps name is in the app, spelt the same."""
    from PySide6.QtWidgets import QAbstractButton

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    steps = " ".join(readme.split("## Running a workshop", 1)[1].split("\n## ", 1)[0].split())
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, new_workshop(SCENARIO, ["Team A", "Team B", "Team C"]))
    win.open_path(path)
    view = _teams_view(win)
    dialog = NewWorkshopDialog([SCENARIO], win)
    qtbot.addWidget(dialog)
    buttons = [*win.findChildren(QAbstractButton), *dialog.findChildren(QAbstractButton)]
    actions = [*win.file_menu.actions(), *win.view_menu.actions()]
    actions += [a for menu in view.menus() for a in menu.actions()]
    texts = [" ".join(w.text().replace("&", "").split()) for w in [*buttons, *actions]]
    named = [
        "Run a workshop…",
        "New Workshop…",
        "Blank",
        "Create workshop…",
        "Start answering as Team A",
        "Finished: hand over",
        "Start blank",
        "Export Teams' Files…",
        "Import teams' files…",
        "Compare the teams",
        "Presentation mode",
        "Disagreements only",
        "Show teams anonymously",
        "Debrief paper…",
    ]
    for name in named:
        assert f"**{name}" in steps or f"▸ {name}" in steps, name
        assert any(t == name or t.startswith(name + ":") for t in texts), name
    assert f"**{view.handover_title.text()}**" in steps  # "Pass the laptop to Team A"


def test_anonymous_teams_stay_anonymous_in_the_comparisons_notes(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A note that the teams answered different decisions named them on the projector,
    with the teams shown anonymously."""
    path = tmp_path / "w.workshop.yaml"
    workshop = new_workshop(SCENARIO, ["Red", "Blue"])
    workshop.teams[0].answers = dict(WORKED)
    workshop.teams[1].framing = find_scenario("hyperacute-stroke").worked.framing
    save_workshop(path, workshop)
    win.open_path(path)
    win.show_view("comparison")
    comparison = _comparison(win)
    assert "different decisions" in comparison.warnings.text()
    assert "(Red)" in comparison.warnings.text()
    comparison.anonymous.click()
    assert "different decisions" in comparison.warnings.text()
    assert "Red" not in comparison.warnings.text() and "Blue" not in comparison.warnings.text()
    assert "(Team 1)" in comparison.warnings.text()


def _three_teams_compared(win: MainWindow, tmp_path: Path, blank: bool = True) -> ComparisonView:
    """Not ``blank``: a team added later starts from the worked example, its answers whole."""
    path = tmp_path / "w.workshop.yaml"
    workshop = new_workshop(SCENARIO, ["Team A", "Team B", "Team C"], blank=blank)
    workshop.teams[0].answers = dict(WORKED)
    workshop.teams[1].answers = dict(TEAM_B)
    workshop.teams[2].answers = dict(TEAM_C)
    save_workshop(path, workshop)
    win.open_path(path)
    win.show_view("comparison")
    return _comparison(win)


def _settled() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _room_beside(view: ComparisonView) -> int:
    """The least width of the splitter for the reasons to go beside the table."""
    why = view.fontMetrics().averageCharWidth() * view.WHY_CHARS
    return view._table_needs + view.splitter.handleWidth() + why


@pytest.mark.parametrize("coming_from", ["narrower", "wider"])
def test_the_reasons_beside_the_table_leave_it_its_teams(
    qtbot, win: MainWindow, tmp_path: Path, coming_from: str
) -> None:  # type: ignore[no-untyped-def]
    """A window just wide enough for the reasons beside the table gave the table two
    thirds of it, less than its three teams need, and the table scrolled sideways (a
    laptop at 200% in presentation mode, in DejaVu Sans): whether the window widened to
    that width (the reasons moving beside) or narrowed to it (the table losing its
    share of the difference)."""
    view = _three_teams_compared(win, tmp_path)
    splitter, table = view.splitter, view.table
    margins = win.width() - splitter.width()  # the window around the splitter
    char = view.fontMetrics().averageCharWidth()
    just_wide_enough = _room_beside(view) + 2 * char
    before = {"narrower": just_wide_enough - 20 * char, "wider": just_wide_enough + 80 * char}
    win.resize(margins + before[coming_from], win.height())
    _settled()
    beside = splitter.orientation() == Qt.Orientation.Horizontal
    assert beside == (coming_from == "wider"), splitter.width()
    win.resize(margins + just_wide_enough, win.height())
    _settled()
    assert splitter.width() == just_wide_enough
    # the case that went wrong: two thirds of the room is less than the table needs
    assert (splitter.width() - splitter.handleWidth()) * 2 // 3 < view._table_needs
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert table.width() >= view._table_needs, splitter.sizes()
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    assert view.why.width() >= char * view.WHY_CHARS, splitter.sizes()


def test_a_team_added_with_the_comparison_shown_moves_the_reasons_under(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The reasons' place was chosen only as the view was resized: a team added with the
    comparison on the screen left them beside a table that no longer had the room for
    its teams, and it scrolled sideways. (The added teams start from the worked example,
    so the summary above the table keeps its height, and nothing else resizes the view.)"""
    view = _three_teams_compared(win, tmp_path, blank=False)
    margins = win.width() - view.splitter.width()
    win.resize(margins + _room_beside(view) + view.fontMetrics().averageCharWidth(), win.height())
    _settled()
    assert view.splitter.orientation() == Qt.Orientation.Horizontal
    width = view.splitter.width()
    for name in ("Team D", "Team E", "Team F"):
        view.model.add_team(name)
        _settled()
        assert view.splitter.width() == width, "the window did not change"
        beside = view.splitter.orientation() == Qt.Orientation.Horizontal
        assert beside == (width >= _room_beside(view)), name
        if width >= view._table_needs:  # more teams than that scroll, as they must
            assert view.table.horizontalScrollBar().maximum() == 0, name
    assert view.splitter.orientation() == Qt.Orientation.Vertical


def test_teams_that_agree_are_not_said_to_differ_widest_first(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Three teams from the worked example: the projector said 'they differ on 0 of 22
    questions, widest first'."""
    path = tmp_path / "w.workshop.yaml"
    workshop = new_workshop(SCENARIO, ["Red", "Blue", "Green"])
    for team in workshop.teams:
        team.answers = dict(WORKED)
    save_workshop(path, workshop)
    win.open_path(path)
    win.show_view("comparison")
    summary = _comparison(win).summary.text()
    assert summary.startswith("3 teams · they differ on none of the ")
    assert "widest first" not in summary and " 0 " not in summary
    # qa F6: nor headed 'Where the teams disagree'
    heading = _comparison(win).heading.text()
    assert heading == f"Comparing the teams: {workshop.title}"
    workshop.teams[2].answers["cost_to_trust"] = "minor"
    save_workshop(path, workshop)
    win.open_path(path)
    win.show_view("comparison")
    assert _comparison(win).heading.text() == f"Where the teams disagree: {workshop.title}"


def test_a_damaged_workshop_file_is_one_error_and_the_open_workshop_stays(
    qtbot, win: MainWindow, answers: Answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.workshop.yaml"
    save_workshop(good, new_workshop(SCENARIO, ["Red", "Blue"]))
    assert win.open_path(good)
    bad = tmp_path / "bad.workshop.yaml"
    text = good.read_text(encoding="utf-8").replace("anonymous: false", "anonymous: maybe")
    bad.write_text(text, encoding="utf-8")
    assert not win.open_path(bad)
    (error,) = answers.errors
    assert error.startswith("Cannot open the workshop: ") and "bad.workshop.yaml" in error
    assert "anonymous" in error and "\n" not in error
    assert [t.name for t in _teams_view(win).model.teams] == ["Red", "Blue"]


def test_a_workshop_that_cannot_be_saved_is_not_closed_unasked(
    qtbot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The USB stick holding the workshop file is taken out: closing asks, and the
    answers can be saved elsewhere (closing went ahead and lost them, unsaid)."""
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "w.workshop.yaml"
    save_workshop(path, new_workshop(SCENARIO, ["Red", "Blue"]))
    win.open_path(path)
    view = _teams_view(win)
    view.start_button.click()
    path.unlink()
    stick.rmdir()  # gone
    _answer(view, {"direction": "system_first"})
    asked: list[str] = []
    choices = iter(["cancel", "save_as", "discard"])

    def ask(_parent, where, reason):  # type: ignore[no-untyped-def]
        asked.append(f"{where}: {reason}")
        return next(choices)

    monkeypatch.setattr(workshop_dialogs, "ask_unsaved_workshop", ask)
    elsewhere = tmp_path / "elsewhere.workshop.yaml"
    monkeypatch.setattr(workshop_dialogs, "ask_workshop_save_path", lambda _p, _s: elsewhere)
    win.close()
    assert win.isVisible() and len(asked) == 1  # cancelled: nothing lost, still open
    assert str(path) in asked[0]
    assert "Not saved" in view.status.text()
    win.close()  # saved elsewhere this time
    assert not win.isVisible()
    assert load_workshop(elsewhere).teams[0].answers == {"direction": "system_first"}


def test_a_debrief_that_cannot_be_written_says_why(
    qtbot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _open_first_answered(win, tmp_path, ["Red", "Blue"])
    win.show_view("comparison")
    comparison = _comparison(win)
    gone = tmp_path / "no such folder" / "debrief.pdf"
    monkeypatch.setattr(workshop_dialogs, "ask_debrief_path", lambda _p, _s: gone)
    with qtbot.waitSignal(comparison.model.debrief_failed, timeout=60_000):
        comparison.debrief_button.click()
    settle(qtbot)
    assert comparison.status.isVisible()
    assert comparison.status.text().startswith("No debrief written: ")
    assert "no such folder" in comparison.status.text()
    assert comparison.debrief_button.isEnabled() and not gone.exists()


def test_the_reasons_show_ratings_and_recommendations_in_colour_and_words(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The table drew a rating's dot and word in its colour; the reasons beside it drew
    them black."""
    from syslead_desktop.ui import style

    _open_first_answered(win, tmp_path, ["Red", "Blue"])
    win.show_view("comparison")
    comparison = _comparison(win)
    table = comparison.table_model
    for kind, key, words in (("rating", "stability", "● Weak"), ("stance", "stance", "Do not")):
        row = next(i for i, r in enumerate(table.rows) if r.kind == kind and r.id == key)
        comparison.table.selectRow(row)
        assert f"Red: {words}" in comparison.why.toPlainText(), kind
        html = comparison.why.toHtml().lower()
        assert style.RATING_TEXT_COLOURS["red"].lower() in html, kind


def test_a_workshop_run_with_the_keyboard_alone(qtbot, win: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The README's steps as key presses sent where the focus is: the new workshop
    (Ctrl+Shift+N), each team starting (Alt+S), answering (Tab and the arrow keys) and
    handing over (Alt+H), the comparison (F5), disagreements only (Ctrl+D) and the
    debrief (Ctrl+Shift+P)."""
    from PySide6.QtWidgets import QRadioButton

    from .test_keyboard_only import Keyboard, unanswered

    win.activateWindow()
    qtbot.waitActive(win)
    keys = Keyboard(qtbot, win)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    keys.key(Qt.Key.Key_N, ctrl | shift)
    win.activateWindow()  # as when a modal dialog closes (the test's was shown, not run)
    qtbot.waitActive(win)
    view = _teams_view(win)
    assert win.current_view is view and "Pass the laptop to Team A" in view.handover_title.text()
    chosen: list[dict[str, str]] = []
    for team, downs, questions in (("Team A", 1, 99), ("Team B", 2, 99), ("Team C", 1, 5)):
        keys.alt("s")
        assert view.model.current_team().name == team  # type: ignore[union-attr]
        for _ in range(questions):
            if not any(b.group.checkedButton() is None for b in view.boxes.values()):
                break
            keys.tab_to(unanswered)
            for _ in range(downs):
                keys.key(Qt.Key.Key_Down)
            assert isinstance(keys.focus, QRadioButton) and keys.focus.isChecked()
        chosen.append(_checked(view))
        keys.alt("h")
        assert view.boxes == {}  # its answers have left the screen
    asked = len(win.loaded.rulebook.all_questions())
    assert [len(c) for c in chosen] == [asked, asked, 5]
    assert chosen[0] != chosen[1]
    keys.key(Qt.Key.Key_F5)
    comparison = _comparison(win)
    assert win.current_view is comparison
    assert comparison.table_model.cell_text(comparison.table_model.rows[0], 4).startswith(
        "Incomplete"
    )
    everything = len(comparison.table_model.rows)
    keys.key(Qt.Key.Key_D, ctrl)
    assert comparison.differences.isChecked()
    assert len(comparison.table_model.rows) < everything
    with qtbot.waitSignal(comparison.model.debrief_written, timeout=60_000):
        keys.key(Qt.Key.Key_P, ctrl | shift)
    settle(qtbot)
    assert (tmp_path / "debrief.pdf").stat().st_size > 10_000


def test_teams_on_their_own_laptops_from_exported_files(
    qtbot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Workshop ▸ Export Teams' Files… writes one blank file per team to a USB stick; a
    team answers its own on another laptop; Import teams' files… brings the answers back
    to that team. Files already there are replaced only when the facilitator says so."""
    from syslead_desktop.services.decision_file import load_decision

    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, new_workshop(SCENARIO, ["Team A", "Team B", "Team C"]))
    win.open_path(path)
    view = _teams_view(win)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(workshop_dialogs, "ask_export_folder", lambda _p, _f: usb)
    with qtbot.waitSignal(view.model.exported, timeout=30_000):
        view.export_action.trigger()
    settle(qtbot)
    names = ["team-a.syslead.yaml", "team-b.syslead.yaml", "team-c.syslead.yaml"]
    assert sorted(p.name for p in usb.iterdir()) == names
    assert "Wrote team-a.syslead.yaml, team-b.syslead.yaml, team-c.syslead.yaml" in (
        view.status.text()
    )
    # on Team B's own laptop
    own = load_decision(usb / "team-b.syslead.yaml")
    assert own.framing == SCENARIO.worked.framing and own.answers == {}
    own.answers.update(TEAM_B)
    save_decision(usb / "team-b.syslead.yaml", own)
    # exporting again would replace Team B's answers: asked, and kept
    asked: list[list[str]] = []

    def keep(_parent, _folder, there):  # type: ignore[no-untyped-def]
        asked.append(there)
        return False

    monkeypatch.setattr(workshop_dialogs, "ask_replace_team_files", keep)
    view.export_action.trigger()
    assert asked == [names] and load_decision(usb / "team-b.syslead.yaml").answers == TEAM_B
    # back on the facilitator's laptop
    monkeypatch.setattr(workshop_dialogs, "ask_import_folder", lambda _p, _f: usb)
    with qtbot.waitSignal(view.model.imported, timeout=30_000):
        view.import_button.click()
    settle(qtbot)
    assert view.model.workshop.team("Team B").answers == TEAM_B
    assert [t.name for t in view.model.teams] == ["Team A", "Team B", "Team C"]


def test_a_workshop_is_picked_up_again_from_homes_recent_list(
    qtbot, win: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """After lunch: the workshop is on Home's recent list, with how far its teams have
    got, and Enter opens it at the hand-over (it was not listed, so the facilitator had to
    find the file again)."""
    _open_first_answered(win, tmp_path, ["Red", "Blue"])
    assert win.go_home()
    listed = win.home.recent.list
    assert listed is not None
    qtbot.waitUntil(lambda: not win.home_model.recent_loading, timeout=10_000)
    (entry,) = [e for e in listed.entries if str(e.key).endswith(".workshop.yaml")]
    assert entry.title == f"Workshop: {SCENARIO.title}"
    assert entry.details[0].startswith("2 teams, 1 finished answering")
    listed.setFocus()
    listed.setCurrentRow(listed.entries.index(entry))
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert win.current_view is win.views["workshop"]
    assert [t.name for t in _teams_view(win).model.teams] == ["Red", "Blue"]


def test_a_team_added_after_every_turn_is_offered_the_laptop(
    qtbot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    view = _open_first_answered(win, tmp_path, ["Red", "Blue"])
    view.offer(1)
    view.start_button.click()
    view.done_button.click()
    assert view.handover_title.text() == "Every team has had its turn"
    monkeypatch.setattr(workshop_dialogs, "ask_team_name", lambda _p, _t, _c="": "Latecomers")
    view.add_button.click()
    assert "Pass the laptop to Latecomers" in view.handover_title.text()
    assert view.start_button.isVisible() and view.team_buttons[2].isChecked()
