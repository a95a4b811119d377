"""Layout and legibility: nothing cut off, text boxes tall enough, visible scroll bars,
readable colours and explained jargon, with the real style sheet applied.

The window is checked at the size it opens at (900×588 at a 9 pt font), at the smaller
size it gets on an 800×600 screen, and with larger text; one test repeats the first check
in a fresh process at QT_SCALE_FACTOR=2."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QTextDocument, QTextTable
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.pages import FactorPage
from syslead_desktop.ui.style import (
    NHS_BLUE,
    PALE,
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    STYLE_SHEET,
)
from syslead_desktop.ui.widgets import (
    AnswerLabel,
    PageScrollArea,
    QuestionBox,
    TextBox,
    WhyPanel,
    glossary_terms,
)

from .processes import run_pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The application's own style sheet, as app.py applies it; removed afterwards."""
    qapp.setStyleSheet(STYLE_SHEET)
    yield qapp
    qapp.setStyleSheet("")


def open_example(window: MainWindow, width: int, height: int, example_path: Path) -> None:
    window.open_path(example_path, confirmed=True)
    window.resize(width, height)
    QApplication.processEvents()


def each_page(window: MainWindow) -> Iterator[str]:
    """Walk the wizard from the first page to the last, yielding each step id."""
    window.wizard.restart()
    for step in window.flow.steps:
        QApplication.processEvents()
        yield step.id
        window.wizard.next()


def cut_off(area: QScrollArea) -> list[str]:
    """What in a scroll area's content does not fit across its viewport."""
    content = area.widget()
    viewport = area.viewport()
    problems = []
    if content.minimumSizeHint().width() > viewport.width():
        problems.append(
            f"content needs {content.minimumSizeHint().width()}px, has {viewport.width()}px"
        )
    for child in content.findChildren(QWidget):
        if not child.isVisibleTo(content) or child.parent() is None:
            continue
        if child.objectName().startswith("qt_"):  # a scroll area's own parts
            continue
        right = child.mapTo(viewport, QPoint(child.width(), 0)).x()
        if right > viewport.width():
            name = child.accessibleName() or type(child).__name__
            problems.append(f"{name!r} ends at {right}px of {viewport.width()}px")
    return problems


@pytest.mark.parametrize(
    ("width", "height", "font_scale"),
    [(900, 588, 1.0), (720, 540, 1.0), (900, 588, 1.5), (1280, 860, 2.0)],
)
def test_no_page_is_cut_off_at_the_side(
    styled: QApplication,
    window: MainWindow,
    example_path: Path,
    width: int,
    height: int,
    font_scale: float,
) -> None:
    """A scroll area that never scrolls sideways must fit its content across: a form that
    is wider than its viewport loses its right-hand side (fields without a right border,
    words cut in half)."""
    font = QFont(window.font())
    font.setPointSizeF(font.pointSizeF() * font_scale)
    window.setFont(font)
    open_example(window, width, height, example_path)
    problems = []
    for step_id in each_page(window):
        for area in window.wizard.currentPage().findChildren(QScrollArea):
            if area.widget() is not None and area.isVisibleTo(window):
                problems += [f"{step_id}: {p}" for p in cut_off(area)]
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(
    os.environ.get("QT_SCALE_FACTOR") == "2", reason="already running at 200% scaling"
)
def test_no_page_is_cut_off_at_200_percent_scaling() -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    run_pytest(
        env,
        f"{__file__}::test_no_page_is_cut_off_at_the_side",
        f"{__file__}::test_text_boxes_show_their_lines_on_every_page",
    )


def shows_lines(box: TextBox, lines: int) -> bool:
    """Whether the box's text area is tall enough for ``lines`` whole lines of its font."""
    margin = 2 * box.document().documentMargin()
    return (
        box.viewport().contentsRect().height() >= lines * box.fontMetrics().lineSpacing() + margin
    )


def test_text_boxes_show_their_lines_on_every_page(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    """The board paper's two-line boxes were 28px high with a 20px text area: less than one
    line, because the minimum size left out the frame, padding and document margins."""
    open_example(window, 900, 588, example_path)
    seen = 0
    for step_id in each_page(window):
        for box in window.wizard.currentPage().findChildren(TextBox):
            if box.isVisibleTo(window):
                seen += 1
                assert shows_lines(box, min(box.lines, 2)), f"{step_id}: {box.accessibleName()}"
    assert seen >= 10


@pytest.mark.parametrize("lines", [1, 2, 3, 6])
@pytest.mark.parametrize("with_style", [True, False])
def test_a_text_box_at_its_size_hints_shows_its_lines(
    qapp: QApplication, qtbot, lines: int, with_style: bool
) -> None:  # type: ignore[no-untyped-def]
    if with_style:
        qapp.setStyleSheet(STYLE_SHEET)
    try:
        box = TextBox(lines)
        qtbot.addWidget(box)
        box.show()
        box.setFocus()  # the focus frame is the thicker one
        QApplication.processEvents()
        box.resize(box.sizeHint())
        QApplication.processEvents()
        assert shows_lines(box, lines)
        box.resize(box.minimumSizeHint())
        QApplication.processEvents()
        assert shows_lines(box, min(lines, 2))
    finally:
        qapp.setStyleSheet("")


def test_the_focus_stays_in_view_when_the_column_gets_shorter(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Choosing 'a review date is set' at the foot of the page, with no date given, shows
    a two-line warning under the column: the answer just chosen slid out of view."""
    column = QWidget()
    layout = QVBoxLayout(column)
    buttons = [QPushButton(f"Answer {n}") for n in range(30)]
    for button in buttons:
        layout.addWidget(button)
    area = PageScrollArea(column)
    qtbot.addWidget(area)
    area.resize(300, 300)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    chosen = buttons[12]
    chosen.setFocus()
    qtbot.waitUntil(chosen.hasFocus)

    def in_view() -> bool:
        top_left = chosen.mapTo(area.viewport(), QPoint(0, 0))
        return area.viewport().rect().contains(QRect(top_left, chosen.size()))

    qtbot.waitUntil(in_view)
    area.resize(300, 300 - 3 * chosen.height())
    qtbot.waitUntil(in_view, timeout=2000)


def test_long_answers_wrap_instead_of_widening_the_page(
    styled: QApplication, window: MainWindow
) -> None:
    """A radio button's own label never wraps: the longest framing answer needed 381px and
    pushed the framing form to 435px in a 404px viewport."""
    window.resize(720, 540)
    window.wizard.next()
    QApplication.processEvents()
    boxes = window.wizard.currentPage().findChildren(QuestionBox)
    buttons = [b for box in boxes for b in box.buttons.values()]
    longest = max(buttons, key=lambda b: len(b.text()))
    assert len(longest.text()) > 40
    assert longest.sizeHint().width() < longest.fontMetrics().horizontalAdvance(longest.text())
    label = next(x for x in longest.parent().findChildren(AnswerLabel) if x.button is longest)
    assert label.wordWrap() and label.text() == longest.text()
    assert label.height() > label.fontMetrics().lineSpacing() * 1.5, "it should have wrapped"
    for box in boxes:
        assert box.minimumSizeHint().width() < 200


def test_clicking_an_answer_label_chooses_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.wizard.next()
    QApplication.processEvents()
    box = window.wizard.currentPage().findChildren(QuestionBox)[0]
    option = box.question.options[-1]
    label = next(x for x in box.findChildren(AnswerLabel) if x.button is box.buttons[option.id])
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert box.buttons[option.id].isChecked()
    assert window.doc.decision.answers[box.question.id] == option.id


def test_step_names_are_never_cut(styled: QApplication, window: MainWindow) -> None:
    """Each word of a step's name fits the side panel on one line with the step's number
    before it, in bold as the current step is shown: a word cut at the edge, or a number
    alone on a line ("6." then "Relationships"), looks broken."""
    window.resize(900, 588)
    QApplication.processEvents()
    steps = window.wizard.steps
    probe = QLabel(steps)  # laid out exactly as a current step's label is
    probe.setObjectName("stepLabel")
    probe.setProperty("current", True)
    probe.setWordWrap(True)
    probe.ensurePolished()
    assert probe.font().bold()
    for label in steps.labels:
        number, *words = label.text().split()
        probe.setText(number)
        one_line = probe.heightForWidth(label.width())
        for word in words:
            probe.setText(f"{number} {word}")
            assert probe.heightForWidth(label.width()) == one_line, f"{number} {word}"
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_the_step_list_never_scrolls_sideways(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    """Each step's button was never narrower than its name on one line, so in a short
    window (the step list's scroll bar showing) the column was wider than the panel: it
    scrolled sideways as steps were chosen, and the current step's highlight was cut off
    at the right (seen at 1366x768, 200%)."""
    window.resize(683, 360)
    assert window.open_path(example_path, confirmed=True)
    steps = window.wizard.steps
    for step in window.flow.steps:
        window.wizard.go_to(window.flow.index(step.id))
        QApplication.processEvents()
        assert steps.scroller.verticalScrollBar().isVisible(), "short enough to scroll"
        assert steps.scroller.horizontalScrollBar().maximum() == 0, step.id
        viewport = steps.scroller.viewport()
        for button in steps.buttons:
            left = button.mapTo(viewport, QPoint(0, 0)).x()
            assert left >= 0 and left + button.width() <= viewport.width(), button.text()


def test_the_step_list_widens_with_the_text_in_presentation_mode(
    styled: QApplication, window: MainWindow
) -> None:
    """The panel measured its width from its labels' font when the text size changed, and
    it hears of the change before they do: in presentation mode it kept its old width and
    every step's name wrapped ("5. Board" / "backing")."""
    from syslead_desktop.ui.style import PRESENTATION_SCALE, set_text_scale

    steps = window.wizard.steps
    before = steps.minimumWidth()
    set_text_scale(PRESENTATION_SCALE)
    try:
        QApplication.processEvents()
        assert steps.minimumWidth() >= before * (PRESENTATION_SCALE - 0.1)
        assert steps.minimumWidth() == steps._width_for(steps.flow)
    finally:
        set_text_scale(1.0)


def whiteness(image: QImage) -> float:
    """The share of an image's pixels that are white or nearly so."""
    white = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            total += 1
            white += min(colour.red(), colour.green(), colour.blue()) >= 245
    return white / max(1, total)


def test_scroll_bars_are_not_white_on_white(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    """A rule painting what scroll areas hold white used to reach the scroll bars too."""
    open_example(window, 900, 588, example_path)
    window.wizard.next()
    QApplication.processEvents()
    bars = [
        bar
        for bar in window.wizard.currentPage().findChildren(QScrollBar)
        if bar.isVisibleTo(window) and bar.maximum() > 0
    ]
    assert bars, "the framing page should scroll at 900×588"
    for bar in bars:
        image = bar.grab().toImage()
        assert whiteness(image) < 0.5, f"scroll bar is {whiteness(image):.0%} white"


@pytest.mark.parametrize(
    ("buttons", "default"),
    [
        (
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        ),
        (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        ),
        (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Ok),
    ],
)
def test_message_box_buttons_fit_their_labels(
    styled: QApplication,
    qtbot,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> None:  # type: ignore[no-untyped-def]
    """The default button's label used to turn bold after its width was worked out in the
    normal font, so "Yes" showed as "Ye"."""
    box = QMessageBox(QMessageBox.Icon.Question, "Title", "A question?", buttons)
    box.setDefaultButton(default)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    for button in box.findChildren(QPushButton):
        # The label in the font it is painted in: a rule for :default may make it bold,
        # though the button's size hint was worked out in its normal font.
        painted = QFont(button.font())
        if button.isDefault() and re.search(
            r":default[^{]*\{[^}]*font-weight:\s*bold", STYLE_SHEET.replace("{{", "{")
        ):
            painted.setBold(True)
        text = button.text().replace("&", "")
        extra = QFontMetrics(painted).horizontalAdvance(
            text
        ) - button.fontMetrics().horizontalAdvance(text)
        needed = button.sizeHint().width() + extra
        assert button.width() >= needed, f"{text!r} is {button.width()}px, needs {needed}px"


def test_no_style_rule_changes_a_font_or_a_border_width_with_a_state() -> None:
    """A widget's size is worked out in its normal state: a bolder font or a wider border
    in a state such as :default or :focus leaves less room than was measured. (Text fields
    are the exception: a text box allows for its thicker focus frame, see TextBox.)"""
    for selectors, body in re.findall(r"([^{}]+)\{\{?([^{}]*)\}", STYLE_SHEET):
        stateful = re.search(r":(default|focus|hover|pressed|checked)", selectors)
        if not stateful:
            continue
        assert "font" not in body, selectors.strip()
        if "QPushButton" in selectors:
            assert not re.search(r"border(-width)?:\s*[2-9]", body), selectors.strip()


def test_combo_boxes_are_either_unstyled_or_fully_styled() -> None:
    """Styling a combo box's frame replaces its arrow; without rules for the drop-down and
    the arrow too, Qt draws a broken one."""
    if re.search(r"QComboBox(?![:\w])", STYLE_SHEET):
        assert "QComboBox::drop-down" in STYLE_SHEET
        assert "QComboBox::down-arrow" in STYLE_SHEET


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: str | QColor, b: str | QColor) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_in_the_style_sheet_are_readable() -> None:
    """WCAG AA: at least 4.5:1 for text, against white and the pale panels (or the rule's
    own background). Disabled buttons are exempt, as WCAG allows."""
    checked = 0
    for selectors, body in re.findall(r"([^{}]+)\{\{?([^{}]*)\}", STYLE_SHEET):
        if ":disabled" in selectors:
            continue
        text = re.search(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", body)
        if not text:
            continue
        background = re.search(r"background:\s*(#[0-9A-Fa-f]{6})", body)
        grounds = [background.group(1)] if background else ["#FFFFFF", PALE]
        for ground in grounds:
            ratio = contrast(text.group(1), ground)
            assert ratio >= 4.5, f"{selectors.strip()}: {text.group(1)} on {ground} is {ratio:.2f}"
            checked += 1
    for name, colour in RATING_TEXT_COLOURS.items():
        for ground in ("#FFFFFF", PALE):
            assert contrast(colour, ground) >= 4.5, f"rating text {name}: {colour} on {ground}"
    assert contrast("#FFFFFF", NHS_BLUE) >= 4.5
    assert checked >= 8


def words_with_colour(document: QTextDocument) -> list[tuple[str, QColor]]:
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if re.search(r"\w", fragment.text()):
                found.append((fragment.text(), fragment.charFormat().foreground().color()))
            it += 1
        block = block.next()
    return found


def test_every_word_on_the_review_page_is_readable(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    """The amber "Mixed" was #ED8B00 on white, about 2.5:1; the dot keeps the amber."""
    open_example(window, 900, 588, example_path)
    for step_id in each_page(window):
        if step_id == "review":
            break
    view = window.wizard.currentPage().view  # type: ignore[attr-defined]
    words = words_with_colour(view.document())
    assert any(text.strip() == "Mixed" for text, _ in words), "the example has a mixed rating"
    for text, colour in words:
        ratio = min(contrast(colour, "#FFFFFF"), contrast(colour, PALE))
        assert ratio >= 4.5, f"{text!r} in {colour.name()} is {ratio:.2f}:1"
    assert RATING_COLOURS["amber"] in view.toHtml().upper()  # the dot stays amber


def test_the_recommendation_card_is_a_table_not_a_styled_div(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    """Qt's rich text ignores a div's padding and border and paints its background in
    stripes, one per paragraph; a table cell is painted as one block."""
    open_example(window, 900, 588, example_path)
    for step_id in each_page(window):
        if step_id == "review":
            break
    document = window.wizard.currentPage().view.document()  # type: ignore[attr-defined]
    frames = document.rootFrame().childFrames()
    assert frames and isinstance(frames[0], QTextTable), "the card should be a table"
    table = frames[0]
    assert (table.rows(), table.columns()) == (1, 2)
    edge, card = table.cellAt(0, 0), table.cellAt(0, 1)
    assert edge.format().background().color().name().upper() == NHS_BLUE.upper()
    assert card.format().background().color().name().upper() == PALE.upper()
    assert "Recommendation" in card.firstCursorPosition().block().text()


def tooltips(document: QTextDocument) -> dict[str, str]:
    found = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().toolTip():
                found[fragment.text()] = fragment.charFormat().toolTip()
            it += 1
        block = block.next()
    return found


def test_glossary_terms_are_whole_words() -> None:
    glossary = {"NED": "Non-executive director.", "ICB": "Integrated care board."}
    assert glossary_terms("A briefing is planned and concerned.", glossary) == []
    assert glossary_terms("Tell the NEDs, then the ICB and the icb again.", glossary) == [
        "NED",
        "ICB",
    ]


def test_glossary_terms_explain_themselves_in_the_why_panel(qtbot) -> None:  # type: ignore[no-untyped-def]
    loaded = load_rulebook()
    glossary = {g.term: g.definition for g in loaded.rulebook.glossary}
    text = "Brief the NEDs early; the ICB and the Oversight Framework both matter. The ICB again."
    panel = WhyPanel(loaded.rulebook, text, [])
    qtbot.addWidget(panel)
    tips = tooltips(panel.body.document())
    assert tips == {
        "NEDs": glossary["NED"],
        "ICB": glossary["ICB"],
        "Oversight Framework": glossary["Oversight Framework"],
    }, "each term once, the first time it is used"
    assert glossary["ICB"] in panel.body.accessibleDescription()  # for screen readers


def test_glossary_terms_explain_themselves_on_the_review_page(
    window: MainWindow, example_path: Path
) -> None:
    open_example(window, 900, 588, example_path)
    glossary = {g.term: g.definition for g in window.flow.rulebook.glossary}
    for step_id in each_page(window):
        if step_id == "review":
            break
    tips = tooltips(window.wizard.currentPage().view.document())  # type: ignore[attr-defined]
    assert tips, "the example's review page uses glossary terms"
    assert set(tips.values()) <= set(glossary.values())


def test_the_why_panel_scrolls_when_its_text_does_not_fit(
    styled: QApplication, window: MainWindow, example_path: Path
) -> None:
    open_example(window, 900, 400, example_path)
    checked = 0
    for _step_id in each_page(window):
        page = window.wizard.currentPage()
        if not isinstance(page, FactorPage):
            continue
        panel = page.findChild(WhyPanel)
        body = panel.body
        document_height = body.document().size().height()
        if document_height > body.viewport().height():
            assert body.verticalScrollBar().maximum() > 0
            checked += 1
    assert checked, "at 900×400 some 'Why this matters' text should need scrolling"


def test_nothing_in_the_why_panel_is_a_fixed_width_label(
    styled: QApplication, window: MainWindow
) -> None:
    """The panel's text lives in a scrolling viewer; a plain label could only be cut."""
    window.wizard.next()
    QApplication.processEvents()
    panel = window.wizard.currentPage().findChild(WhyPanel)
    for label in panel.findChildren(QLabel):
        assert label.wordWrap(), label.text()
    assert panel.body.isVisibleTo(panel)
    assert QRect(QPoint(0, 0), panel.size()).contains(panel.body.geometry())


@pytest.mark.parametrize(
    ("room", "lines"),
    [(1000, [[0, 1, 2, 3, 4]]), (450, [[0, 1], [2, 3, 4]]), (250, [[0], [1], [2, 3], [4]])],
)
def test_a_row_of_fields_wraps_into_even_lines_each_filled(
    qtbot,  # type: ignore[no-untyped-def]
    room: int,
    lines: list[list[int]],
) -> None:
    """A row of fields (the register's filters) that does not fit goes onto as few lines
    as it must, shared out evenly (three and two, not four and one stretched across the
    window), each line filled to the row's width, and no field cut short of its size."""
    from PySide6.QtCore import QSize

    from syslead_desktop.ui.widgets import FlowLayout

    class Field(QWidget):
        def __init__(self, width: int) -> None:
            super().__init__()
            self.wanted = width

        def sizeHint(self) -> QSize:
            return QSize(self.wanted, 20)

        def minimumSizeHint(self) -> QSize:
            return QSize(40, 20)

    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder, fill=True)
    row.setSpacing(10)
    fields = [Field(w) for w in (100, 200, 100, 100, 150)]
    for field in fields:
        row.addWidget(field)
    height = row.heightForWidth(room)
    row.setGeometry(QRect(0, 0, room, height))
    tops = sorted({f.geometry().top() for f in fields})
    found = [[n for n, f in enumerate(fields) if f.geometry().top() == top] for top in tops]
    assert found == lines
    for line in found:
        boxes = [fields[n].geometry() for n in line]
        assert boxes[0].left() == 0 and boxes[-1].right() == room - 1, boxes
        assert all(b.left() - a.right() - 1 == 10 for a, b in pairwise(boxes)), boxes
        assert all(fields[n].width() >= fields[n].wanted for n in line)
    assert height == len(lines) * 20 + (len(lines) - 1) * 10
    row.setGeometry(QRect(0, 0, 120, row.heightForWidth(120)))
    assert fields[1].width() == 120, "a field wider than the row is given the row"
