"""Layout and legibility: nothing cut off, text boxes tall enough, visible scroll bars,
readable colours and explained jargon, with the real style sheet applied.

The window is checked at the size it opens at (900×588 at a 9 pt font), at the smaller
size it gets on an 800×600 screen, and with larger text; one test repeats the first check
in a fresh process at QT_SCALE_FACTOR=2."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QPushButton,
    QScrollBar,
)

from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.style import (
    NHS_BLUE,
    PALE,
    RATING_TEXT_COLOURS,
    STYLE_SHEET,
)

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
