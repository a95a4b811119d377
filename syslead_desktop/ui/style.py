"""Colours and the application style sheet (sizes come from fonts, never fixed pixels)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
TEXT = "#212B32"
SECONDARY = "#4C6272"
PALE = "#F0F4F5"
BORDER = "#D8DDE0"
REASON = "#8A1538"
WARNING = "#8A5300"  # amber as text: something to check, which does not stop anyone
FOCUS = "#FFEB3B"  # the NHS focus yellow, behind dark text
# Rating colours for dots, badges and other marks beside a text label.
RATING_COLOURS = {"red": "#D5281B", "amber": "#ED8B00", "green": "#007F3B", "grey": "#768692"}
# The same ratings as text: each is at least 4.5:1 against white and the pale panels
# (WCAG AA); NHS warm yellow and mid grey are too light to be read as words.
RATING_TEXT_COLOURS = {"red": "#D5281B", "amber": "#8A5300", "green": "#007F3B", "grey": SECONDARY}

# Notes on the rules below:
# - Only the pages and what a scroll area scrolls are painted white. A wider rule (such as
#   "QScrollArea > QWidget > QWidget") also reaches the scroll bars, which sit in their own
#   containers inside the scroll area, and paints them white on white.
# - Combo boxes and date edits keep the platform's look: a style sheet on them replaces the
#   drop-down button and arrow too, which would then have to be drawn from images.
# - No rule changes a button's font or border width in a pseudo-state (:default, :focus): its
#   size is worked out in its normal state, so turning bold as the default button cut its
#   label ("Ye" for "Yes"), and so would a thicker focus border; focus is shown the NHS
#   way instead, dark text on yellow. Nor do buttons get a min-width: a message box then
#   lays its buttons out a few pixels narrower than they ask for. (The step list's
#   [current] property is different: the wizard re-polishes those labels when it changes,
#   so their size follows.)
PRESENTATION_SCALE = 1.35  # presentation mode's text, against the desktop's own size
#: Presentation mode enlarges the text only as far as the screen still holds this many
#: lines of it: the tallest page (the decision's, with a warning under it) needs about
#: that. On a 1366x768 projector that is the full 1.35; on a laptop at 200% (384 points
#: high) none at all, so that Back and Next stay on the screen.
PRESENTATION_LINES = 30

_base_font: QFont | None = None


def presentation_scale(screen_height: int, line_height: int) -> float:
    """Presentation mode's text size for a screen ``screen_height`` high whose desktop
    text is ``line_height`` a line: PRESENTATION_SCALE where it fits, less where it does
    not, never smaller than the desktop's own."""
    fits = screen_height / max(1, line_height * PRESENTATION_LINES)
    return max(1.0, min(PRESENTATION_SCALE, fits))


def desktop_line_height() -> int:
    """A line of the desktop's own text, whatever the text scale now."""
    font = _base_font if _base_font is not None else QApplication.font()
    return QFontMetrics(font).lineSpacing()


def set_text_scale(scale: float) -> None:
    """Every text in the application at ``scale`` times the desktop's own size.

    A widget that a style-sheet rule matches (here every widget: see QWidget below) no
    longer takes its font from its parent, so a larger window font stopped at the window
    and the labels stayed at 9 pt. The application font reaches every widget once the
    style sheet is applied again."""
    global _base_font
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _base_font is None:
        _base_font = QFont(app.font())
    font = QFont(_base_font)
    font.setPointSizeF(_base_font.pointSizeF() * scale)
    app.setFont(font)
    # Qt posts the change to every widget; deliver it now, so that what is laid out
    # next (the full-screen window) is laid out in the new size.
    QApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange.value)
    app.setStyleSheet(app.styleSheet())


STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QWizard, QWizardPage, QScrollArea,
QScrollArea > QWidget#qt_scrollarea_viewport > QWidget {{ background: #FFFFFF; }}
QLabel#pageLead {{ color: {SECONDARY}; }}
QLabel#stepLabel {{ color: {SECONDARY}; padding: 0.2em 0.6em; }}
QLabel#stepLabel[current="true"] {{ color: #FFFFFF; background: {NHS_BLUE}; font-weight: bold;
    border-radius: 0.3em; }}
QLabel#stepLabel[done="true"] {{ color: {NHS_DARK_BLUE}; }}
QLabel#stepLabel[keyfocus="true"] {{ color: {TEXT}; background: {FOCUS}; border-radius: 0.3em; }}
QWidget#sidePanel {{ background: {PALE}; border-right: 1px solid {BORDER}; }}
QWidget#sidePanel QScrollArea, QWidget#stepColumn {{ background: {PALE}; }}
QGroupBox#choiceRow {{ border: none; margin: 0; padding: 0; }}
QFrame#whyPanel {{ background: {PALE}; border-left: 0.3em solid {NHS_BLUE}; }}
QTextBrowser#whyText {{ background: {PALE}; border: 2px solid {PALE}; padding: 0; }}
QTextBrowser#whyText:focus {{ border: 2px solid {NHS_BLUE}; }}
QLabel#panelTitle {{ font-weight: bold; color: {NHS_DARK_BLUE}; }}
QLabel#homeTitle, QLabel#sectionHeading {{ font-weight: bold; color: {NHS_DARK_BLUE}; }}
QLabel#sectionHeading {{ padding: 0.5em 0 0 0; margin: 0; }}
QLabel#reason {{ color: {REASON}; font-weight: bold; }}
QLabel#warning {{ color: {WARNING}; font-weight: bold; }}
QGroupBox {{ border: 1px solid {BORDER}; border-radius: 0.35em;
    margin-top: 0.5em; padding: 0.4em 0.6em 0.4em 0.6em; }}
QLabel#questionTitle {{ font-weight: bold; color: {NHS_DARK_BLUE}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 0.6em; padding: 0 0.3em;
    color: {NHS_DARK_BLUE}; }}
QRadioButton, QCheckBox {{ font-weight: normal; padding: 0.1em; }}
QRadioButton:focus, QCheckBox:focus {{ background: {FOCUS}; }}
QLabel[keyfocus="true"] {{ background: {FOCUS}; color: {TEXT}; }}
QLineEdit, QPlainTextEdit, QTextBrowser {{
    border: 1px solid {SECONDARY}; border-radius: 0.2em; padding: 0.2em; background: #FFFFFF; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus {{ border: 2px solid {NHS_BLUE}; }}
QPushButton {{ padding: 0.35em 1em; border-radius: 0.25em; border: 1px solid {SECONDARY};
    background: #FFFFFF; }}
QPushButton:default, QPushButton#primary {{ background: {NHS_BLUE}; color: #FFFFFF;
    border-color: {NHS_DARK_BLUE}; }}
QPushButton:disabled {{ color: #AEB7BD; border-color: {BORDER}; background: {PALE}; }}
QPushButton:focus {{ background: {FOCUS}; color: {TEXT}; border-color: {TEXT}; }}
QPushButton#statusButton {{ padding: 0 0.6em; }}
"""
