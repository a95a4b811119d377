"""The register view and Home's reviews due, driven through the real window offscreen:
the board secretary finds a decision by a word, filters and sorts, sees the supersedes
chain, opens the filed record read-only, and starts a new version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from syslead_desktop.services.register import Library
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui import register_view
from syslead_desktop.ui.record_view import RecordModel, RecordView
from syslead_desktop.ui.register_view import COLUMNS, RegisterView
from tests.register_support import render_to, variant

from .conftest import Answers, open_window, settle

TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=10)


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("papers")
    specs = [
        ("Offer weekend MRI capacity to Harrowfield Hospitals", "tomography", 200, "PUB/4.1"),
        ("Share a collective staff bank across the system", "rostering", 20, "PUB/4.2"),
        (
            "Accept flat cash so that the mental health trust gets more",
            "psychiatric",
            -5,
            "PUB/4.3",
        ),
    ]
    return [
        render_to(
            variant(
                title,
                word=word,
                review=TODAY + dt.timedelta(days=days),
                agenda=agenda,
                meeting=MEETING,
            ),
            folder / f"p{n}.pdf",
        )
        for n, (title, word, days, agenda) in enumerate(specs)
    ]


@pytest.fixture
def library(tmp_path: Path, papers: list[Path]) -> Library:
    library = Library(tmp_path / "register")
    for paper in papers:
        library.file(paper, by="Sam Clerk")
    save_settings(Settings(library=str(library.root)))
    return library


def titles(view: RegisterView) -> list[str]:
    return [e.title for e in view.model.rows]


def open_register(qtbot, window):  # type: ignore[no-untyped-def]
    view = window.show_register()
    assert isinstance(view, RegisterView) and window.current_view is view
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    return view


def test_the_register_view(
    qtbot,
    library: Library,
    answers: Answers,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, new=False)
    view = open_register(qtbot, window)
    assert view.model.rowCount() == 3 and view.count.text() == "3 decisions"
    header = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert header == [
        "Title",
        "Meeting",
        "Agenda item",
        "Status",
        "Board outcome",
        "Review",
        "Recommendation",
        "Direction",
        "Rulebook",
    ]
    row = view.model.rows.index(next(e for e in view.model.rows if "flat cash" in e.title))
    review = view.model.index(row, 5)
    assert view.model.data(review).endswith("(overdue)")
    assert view.model.data(review, Qt.ItemDataRole.FontRole).bold(), "overdue stands out"

    # the search box: any word, in the title, description, partners, notes or conditions
    qtbot.keyClicks(view.search, "rostering")
    qtbot.waitUntil(lambda: titles(view) == ["Share a collective staff bank across the system"])
    assert view.count.text() == "1 of 3 decisions"
    view.search.clear()
    qtbot.waitUntil(lambda: len(titles(view)) == 3)
    view.search.setText("non-executive")
    qtbot.waitUntil(lambda: len(titles(view)) == 3, timeout=3000)  # a condition of all three
    view.search.clear()

    # filters and sorting
    review_filter = view.filters["review"]
    review_filter.setCurrentIndex(review_filter.findData("overdue"))
    assert titles(view) == ["Accept flat cash so that the mental health trust gets more"]
    review_filter.setCurrentIndex(review_filter.findData("due"))
    assert len(titles(view)) == 2
    review_filter.setCurrentIndex(0)
    status = view.filters["status"]
    status.setCurrentIndex(status.findData("decided"))
    assert titles(view) == [] and view.message.text() == "No decision matches."
    status.setCurrentIndex(0)
    year = view.filters["year"]
    assert year.findData(str(MEETING.year)) > 0
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [e.agenda_item for e in view.model.rows] == ["PUB/4.1", "PUB/4.2", "PUB/4.3"]
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert [e.agenda_item for e in view.model.rows] == ["PUB/4.3", "PUB/4.2", "PUB/4.1"]

    # the chosen decision (Tab into the table chooses one), its record opened read-only
    # in the app (tests/ui/test_record_view.py), its paper in the PDF viewer from there
    view.table.clearSelection()
    view.table.setFocus()
    qtbot.waitUntil(lambda: view.selected() is not None)
    view.table.selectRow(0)
    assert "Accept flat cash" in view.details.toPlainText()
    opened: list[Path] = []
    monkeypatch.setattr(register_view, "open_externally", opened.append)
    view.open_button.click()
    record = window.current_view
    assert isinstance(record, RecordView) and record.model.entry == view.model.rows[0]
    qtbot.waitUntil(lambda: record.model.record is not None, timeout=30_000)
    record.pdf_button.click()
    assert opened == [library.root / view.model.rows[0].paper] and opened[0].is_file()
    record.back_button.click()
    assert window.current_view is view and view.selected() == view.model.rows[0]

    # a new version that will supersede it: a draft in the wizard, linked to the old one
    old = view.selected()
    assert old is not None
    view.version_button.click()
    assert window.current_view is window.decision_view
    assert window.doc.decision.supersedes == old.id and window.doc.decision.id != old.id
    assert window.doc.decision.status == "draft" and window.doc.modified
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_the_supersedes_chain_is_shown(
    qtbot,
    library: Library,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    answers: Answers,
) -> None:
    window = open_window(qtbot, new=False)
    view = open_register(qtbot, window)
    old = next(e for e in view.model.entries if "staff bank" in e.title)
    newer = variant("Share a collective staff bank: revised", meeting=MEETING, supersedes=old.id)
    library.file(render_to(newer, tmp_path / "v2.pdf"))
    view.refresh_action.trigger()
    qtbot.waitUntil(lambda: len(view.model.entries) == 4, timeout=30_000)
    assert view.select(old.id)
    text = view.details.toPlainText()
    assert "Versions (oldest first)" in text and "Share a collective staff bank: revised" in text
    assert not view.version_button.isEnabled(), "a superseded decision is not versioned again"
    window.close()
    settle(qtbot)


def test_home_shows_reviews_due_and_overdue(qtbot, library: Library, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    home = window.home
    assert home.reviews.isVisible() or not window.isVisible()
    model = window.home_model
    qtbot.waitUntil(lambda: not model.reviews_loading and bool(model.reviews), timeout=30_000)
    assert [(e.title, e.review) for e in model.reviews] == [
        ("Accept flat cash so that the mental health trust gets more", "overdue"),
        ("Share a collective staff bank across the system", "due"),
    ]
    listed = home.reviews.list
    assert listed is not None and listed.model().rowCount() == 2
    listed.setCurrentIndex(listed.model().index(1, 0))
    home.show_review_button.click()
    view = window.current_view
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=30_000)
    assert view.selected().title == "Share a collective staff bank across the system"  # type: ignore[union-attr]
    window.close()
    settle(qtbot)


def test_no_register_chosen_says_what_to_do(qtbot, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    assert "Choose the register folder in Preferences" in window.home_model.reviews_note
    view = window.show_register()
    assert isinstance(view, RegisterView)
    assert "choose one in Preferences" in view.message.text()
    assert view.choose_button.isVisible() and not view.open_button.isVisible()
    window.close()
    settle(qtbot)


def test_the_view_fits_a_small_screen_at_200_percent(
    qtbot, library: Library, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    """At 200% a 1366x768 screen is 683 logical pixels wide: the view must fit in them
    (its button row, with Refresh and Choose folder too, once needed 763)."""
    from PySide6.QtWidgets import QApplication

    from syslead_desktop.ui.style import STYLE_SHEET

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE_SHEET)  # the app's padding, as the app runs
    try:
        window = open_window(qtbot, new=False)
        view = open_register(qtbot, window)
        wide = view.minimumSizeHint().width()
        # and in its 384 high, less the window's title bar: the status bar and the lower
        # half of the buttons were off the screen
        tall = window.minimumSizeHint().height()
        title_bar = window.fontMetrics().lineSpacing() * 3 // 2
        record = RecordView(RecordModel(library, None))
        qtbot.addWidget(record)
        record.show()
        record_wide = record.minimumSizeHint().width()
    finally:
        app.setStyleSheet("")
    assert wide <= 1366 // 2 - 20, wide
    assert tall <= 768 // 2 - title_bar, (tall, title_bar)
    assert record_wide <= 1366 // 2 - 20, record_wide
    assert not view.choose_button.isVisible(), "a register is chosen: no need to choose one"
    menu = view.menus()[0]
    assert [a.text() for a in menu.actions() if a.text()] == [
        "&Open Record",
        "Record &Resolution…",
        "Start a &New Version…",
        "&File Papers…",
        "Export the &Decision Log…",
        "Refres&h",
        "&Choose Register Folder…",
    ]
    assert view.refresh_action.shortcut().toString() == "F5"
    window.close()
    settle(qtbot)


def test_exporting_the_decision_log_from_the_app(
    qtbot,  # type: ignore[no-untyped-def]
    library: Library,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import csv

    from openpyxl import load_workbook

    from syslead_desktop.ui import register_dialogs

    targets = [tmp_path / "decision-log.xlsx", tmp_path / "staff-bank.csv"]
    monkeypatch.setattr(register_dialogs, "ask_log_path", lambda _p, _s: targets.pop(0))
    window = open_window(qtbot, new=False)
    view = open_register(qtbot, window)
    export = next(a for a in view.menus()[0].actions() if "Decision Log" in a.text())
    export.trigger()
    qtbot.waitUntil(lambda: view.message.text().startswith("Exported"), timeout=30_000)
    sheet = load_workbook(tmp_path / "decision-log.xlsx")["Decision log"]
    assert [c.value for c in sheet["D"]][1:] == ["PUB/4.1", "PUB/4.2", "PUB/4.3"]
    assert view.message.text() == (
        f"Exported the decision log of 3 decisions to {tmp_path / 'decision-log.xlsx'}"
    )

    view.search.setText("rostering")  # only what is shown is exported, and it says so
    qtbot.waitUntil(lambda: len(view.model.rows) == 1)
    export.trigger()
    qtbot.waitUntil(lambda: "(those shown)" in view.message.text(), timeout=30_000)
    text = (tmp_path / "staff-bank.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["Title"] for r in rows] == ["Share a collective staff bank across the system"]
    assert answers.errors == []
    window.close()
    settle(qtbot)


def test_asked_to_read_again_while_reading_it_reads_once_more(
    qtbot,  # type: ignore[no-untyped-def]
    library: Library,
    papers: list[Path],
    tmp_path: Path,
    answers: Answers,
) -> None:
    """A paper filed while the register was being read (a resolution recorded, papers
    filed) showed only after the next refresh: the second read was dropped."""
    window = open_window(qtbot, new=False)
    view = open_register(qtbot, window)
    reads: list[int] = []
    view.model.loaded.connect(lambda: reads.append(len(view.model.entries)))
    view.model.load()
    extra = variant(
        "Buy land for the system", meeting=MEETING, review=TODAY + dt.timedelta(days=90)
    )
    library.file(render_to(extra, tmp_path / "extra.pdf"))
    view.model.load()  # while the first read is under way
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=30_000)
    settle(qtbot)
    assert reads[-1] == 4 and len(view.model.entries) == 4
    window.close()
    settle(qtbot)


def test_the_count_line_says_one_decision_not_one_decisions() -> None:
    from syslead_desktop.ui.register_view import count_text

    assert count_text(1, 1) == "1 decision"
    assert count_text(0, 1) == "0 of 1 decision"
    assert count_text(3, 3) == "3 decisions"
    assert count_text(1, 3) == "1 of 3 decisions"


def _text_room(combo) -> int:  # type: ignore[no-untyped-def]
    """The width a combo box's style leaves for its text (its edit field)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return int(field.width())


@pytest.fixture
def styled() -> Iterator[None]:
    """The app's style sheet (its padding), as the app runs; removed afterwards."""
    from PySide6.QtWidgets import QApplication

    from syslead_desktop.ui.style import STYLE_SHEET

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE_SHEET)
    yield
    app.setStyleSheet("")


@pytest.mark.parametrize(("width", "height"), [(1366 // 2, 768 // 2 - 24), (1366, 768 - 30)])
def test_every_filter_reads_whole_at_200_and_100_percent(
    qtbot,  # type: ignore[no-untyped-def]
    styled: None,
    library: Library,
    answers: Answers,
    width: int,
    height: int,
) -> None:
    """At 200% on a 1366x768 laptop (683 points wide) the five filters shared one row
    equally and "Any recommendation" read "Any recommenda". Each filter is now as wide
    as its longest choice, and the row goes onto a second line when they do not all fit;
    the filters stay in Tab order."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, new=False)
    view = open_register(qtbot, window)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    for _ in range(3):
        QApplication.processEvents()
    combos = list(view.filters.values())
    boxes = [QRect(c.mapTo(view, QPoint(0, 0)), c.size()) for c in combos]
    for combo, box in zip(combos, boxes, strict=True):
        assert combo.isVisible()
        assert view.rect().contains(box), (combo.accessibleName(), box, view.rect())
        room = _text_room(combo)
        for i in range(combo.count()):
            text = combo.itemText(i)
            assert combo.fontMetrics().horizontalAdvance(text) <= room, (text, room)
    for n, box in enumerate(boxes):
        assert not any(box.intersects(other) for other in boxes[n + 1 :]), boxes
    search = QRect(view.search.mapTo(view, QPoint(0, 0)), view.search.size())
    assert all(box.top() > search.bottom() for box in boxes)
    status = view.message.mapTo(view, QPoint(0, 0)).y()
    assert all(box.bottom() < status for box in boxes)
    table = view.table.mapTo(view, QPoint(0, 0)).y()
    assert view.table.height() >= view.table.minimumHeight() and table > status
    if width >= 1366:
        assert len({box.top() for box in boxes}) == 1, "one line when there is room"
    chain = [combos[0]]
    while len(chain) < len(combos):
        chain.append(chain[-1].nextInFocusChain())
    assert chain == combos, [w.accessibleName() for w in chain]
    window.close()
    settle(qtbot)
