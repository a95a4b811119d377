"""Reusable widgets built from rulebook data."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .style import SECONDARY

if TYPE_CHECKING:
    from ..domain.rulebook import Citation, Question, Rulebook


def wrapped_label(text: str, object_name: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


class ProblemLine(QLabel):
    """What is wrong with the entries, in red; it takes no room while there is none (on a
    small screen at 200% its empty line squeezed the fields above it, and left an empty
    band above Preferences' buttons)."""

    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("reason")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Problem")
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def name_widget(widget: QWidget, name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(name.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
        if not widget.toolTip():
            widget.setToolTip(description)
    return widget


class TextBox(QPlainTextEdit):
    """A plain-text field sized in lines of the current font, so it scales with it.

    It asks for ``lines`` lines and never shrinks below ``min_lines`` (two, or fewer if
    asked for fewer): the frame, padding and the document's margins come on top."""

    # The focus frame is drawn 1px wider all round than the normal one (see style.py).
    FOCUS_ALLOWANCE = 2

    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines
        self.min_lines = min(lines, 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def height_for_lines(self, lines: int) -> int:
        """The widget height that shows ``lines`` whole lines of text."""
        frame = self.contentsMargins()
        viewport = self.viewportMargins()
        chrome = max(frame.top() + frame.bottom(), 2 * self.frameWidth())
        chrome += viewport.top() + viewport.bottom() + self.FOCUS_ALLOWANCE
        text = math.ceil(2 * self.document().documentMargin())
        return chrome + text + self.fontMetrics().lineSpacing() * lines

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height_for_lines(self.lines))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.height_for_lines(self.min_lines))


class PageScrollArea(QScrollArea):
    """A page's scrolling column. It never scrolls sideways, so every form in it puts its
    labels above the fields whenever there is no room for a label and a usable field side
    by side: nothing is squeezed or cut off in a narrow window or at large text sizes.

    The choice follows the viewport's width, not the form's: a form that is too wide is
    itself wider than the viewport, and so would never see the need to wrap."""

    FIELD_CHARS = 24  # a field narrower than this many characters is too cramped to use

    def __init__(self, content: QWidget):
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(content)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep what has the keyboard focus in view, however it got there (Tab does this
        by itself; an arrow key between answers, or a label's Alt+letter, does not)."""
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_forms(self.viewport().width())
            # A message appearing below the column (a page's "you answered ... but")
            # makes it shorter: the answer just chosen must not slip out of view.
            QTimer.singleShot(0, self, self._keep_focus_in_view)
        return super().viewportEvent(event)

    def _keep_focus_in_view(self) -> None:
        self._follow_focus(None, QApplication.focusWidget())

    def fit_forms(self, width: int) -> None:
        content = self.widget()
        for form in content.findChildren(QFormLayout) if content is not None else []:
            wanted = (
                QFormLayout.RowWrapPolicy.WrapAllRows
                if width - _outer_margins(form) < self.side_by_side_width(form)
                else QFormLayout.RowWrapPolicy.DontWrapRows
            )
            if form.rowWrapPolicy() != wanted:
                form.setRowWrapPolicy(wanted)

    def side_by_side_width(self, form: QFormLayout) -> int:
        """The width a form needs to keep its labels beside usable fields."""
        labels, fields = [0], [0]
        usable = self.fontMetrics().averageCharWidth() * self.FIELD_CHARS
        for row in range(form.rowCount()):
            if form.itemAt(row, QFormLayout.ItemRole.SpanningRole) is not None:
                continue  # a row across the form has no label to sit beside
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and label.widget() is not None:
                labels.append(label.sizeHint().width())
            if field is not None:
                fields.append(max(usable, field.minimumSize().width()))
        return max(labels) + max(0, form.horizontalSpacing()) + max(fields)


def _outer_margins(layout: QLayout) -> int:
    """The left and right margins of ``layout`` and of every layout it sits in."""
    total = 0
    item: QObject | None = layout
    while isinstance(item, QLayout):
        margins = item.contentsMargins()
        total += margins.left() + margins.right()
        item = item.parent()
    return total


def text_box(
    name: str, description: str, on_change: Callable[[str], None], text: str = "", lines: int = 3
) -> QPlainTextEdit:
    """A multi-line field that takes any text, where Tab moves on rather than indenting."""
    box = TextBox(lines)
    box.setPlainText(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(description)
    box.textChanged.connect(lambda: on_change(box.toPlainText()))
    name_widget(box, name, description)
    return box


class DateField(QDateEdit):
    """A date that may be empty, shown as the paper prints it ("3 March 2027").

    An empty field says so ("Not set") and stores nothing: Qt's special value text stands
    for the minimum date, which is never a real one. The first key pressed or click in an
    empty field starts it at today (so the calendar opens on this month, not on 1900);
    Delete empties it again."""

    EMPTY = QDate(1900, 1, 1)
    EMPTY_TEXT = "Not set"
    DISPLAY_FORMAT = "d MMMM yyyy"
    # Keys that start an empty field at today: typing, stepping, and opening the calendar.
    _STEPS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})
    _CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier

    value_changed = Signal(object)  # a datetime.date, or None when emptied

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(self.DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(self.EMPTY_TEXT)
        # As wide as the longest date, not the whole form: a date is short.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.set_value(value)
        self.dateChanged.connect(lambda _d: self.value_changed.emit(self.value()))

    def value(self) -> dt.date | None:
        day = self.date()
        return None if day == self.EMPTY else dt.date(day.year(), day.month(), day.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(self.EMPTY if value is None else QDate(value.year, value.month, value.day))

    def _start_today(self) -> None:
        self.setDate(QDate.currentDate())
        self.setSelectedSection(QDateTimeEdit.Section.DaySection)

    def _starts_a_date(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        if modifiers & self._CHORDS:
            return False
        if modifiers & Qt.KeyboardModifier.AltModifier:  # Alt+Down opens the calendar
            return key in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        return key in self._STEPS or key == Qt.Key.Key_F4 or event.text().isdigit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.set_value(None)
            return
        if self.value() is None and self._starts_a_date(event):
            self._start_today()
            if event.key() in self._STEPS and not event.modifiers():
                return  # the first step shows today rather than the day after
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes on to the next field, as in every other field of the form. (Qt's date
        edit moves between day, month and year, and an empty one seemed to keep the focus
        for three presses; the arrow keys still move between them.)"""
        return QWidget.focusNextPrevChild(self, next)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.value() is None:
            self._start_today()
        super().mousePressEvent(event)


def cite_list(rulebook: Rulebook, cites: list[Citation]) -> str:
    return "; ".join(rulebook.cite_text(c) for c in cites)


class ArrowRadio(QRadioButton):
    """A radio button in a group that follows the platform convention (and WAI-ARIA's):
    an arrow key moves to the next or previous choice and selects it, wrapping round at
    the ends, and Tab reaches the group once, at its chosen button (or its first when
    none is chosen yet). Qt's own arrows only move the focus when nothing is chosen, so
    that a second key, Space, was needed."""

    ARROWS_BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)
    ARROWS_ON = (Qt.Key.Key_Down, Qt.Key.Key_Right)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        group = self.group()
        key = event.key()
        if group is None or event.modifiers() or key not in self.ARROWS_BACK + self.ARROWS_ON:
            super().keyPressEvent(event)
            return
        buttons = [b for b in group.buttons() if b.isEnabled() and b.isVisible()]
        if self not in buttons:
            super().keyPressEvent(event)
            return
        step = -1 if key in self.ARROWS_BACK else 1
        target = buttons[(buttons.index(self) + step) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if not target.isChecked():
            target.click()


def one_tab_stop(group: QButtonGroup) -> None:
    """Keep the group a single Tab stop: its chosen button, or the first if none is."""
    buttons = group.buttons()
    stop = group.checkedButton() or (buttons[0] if buttons else None)
    for button in buttons:
        policy = button.focusPolicy()
        button.setFocusPolicy(
            policy | Qt.FocusPolicy.TabFocus
            if button is stop
            else Qt.FocusPolicy(policy.value & ~Qt.FocusPolicy.TabFocus.value)
        )


def radio_group(parent: QObject) -> QButtonGroup:
    """An exclusive group of :class:`ArrowRadio` buttons that stays one Tab stop."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    group.buttonToggled.connect(lambda _b, _on: one_tab_stop(group))
    return group


class FlowLayout(QLayout):
    """Widgets side by side, wrapping onto the next line when there is no room, as words
    do (after Qt's Flow Layout example): a row of choices fits a narrow window or large
    text without being cut off, and takes one line when there is room.

    With ``fill``, a row of fields (a view's filters): each line is shared out to its full
    width, the fields a layout's spacing apart, as a row of them in a box layout would be;
    and a field wider than the row is given the row, not more."""

    def __init__(self, parent: QWidget | None = None, fill: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._fill = fill
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        margins = self.contentsMargins()
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + self._across() * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """One item a line: as narrow as the widest item."""
        margins = self.contentsMargins()
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else 6

    def _across(self) -> int:
        """The gap between two items on a line: for choices, twice the spacing, enough to
        tell them apart; fields have a frame of their own, so the spacing will do."""
        return self._gap() if self._fill else 2 * self._gap()

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, QSize]]]:
        """The items as they go onto lines ``width`` wide, each with the size it takes."""
        gap = self._across()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._items:
            size = item.sizeHint()
            if self._fill:
                size.setWidth(max(min(size.width(), width), item.minimumSize().width()))
            if lines[-1] and used + size.width() > width:
                lines.append([])
                used = 0
            lines[-1].append((item, size))
            used += size.width() + gap
        if self._fill and len(lines) > 1:
            return balanced([entry for line in lines for entry in line], len(lines), gap)
        return lines

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (or only measure, if not ``move``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._across()
        y = area.y()
        for number, line in enumerate(self._lines(area.width())):
            if number:
                y += self._gap()
            spare = area.width() - sum(s.width() for _i, s in line) - gap * (len(line) - 1)
            spare = max(spare, 0) if self._fill else 0
            x = area.x()
            for n, (item, size) in enumerate(line):
                width = size.width() + spare * (n + 1) // len(line) - spare * n // len(line)
                if move:
                    item.setGeometry(QRect(x, y, width, size.height()))
                x += width + gap
            y += max((s.height() for _i, s in line), default=0)
        return y - rect.y() + margins.bottom()


def balanced(
    items: list[tuple[QLayoutItem, QSize]], count: int, gap: int
) -> list[list[tuple[QLayoutItem, QSize]]]:
    """``items`` in order on ``count`` lines, the widest line as narrow as it can be (so
    that a row of five fields goes onto two lines as three and two, not four and one
    stretched across the window)."""

    def width(line: list[tuple[QLayoutItem, QSize]]) -> int:
        return sum(size.width() for _item, size in line) + gap * (len(line) - 1)

    # best[k][n]: the narrowest widest line for the first n items on k lines, and the lines
    best: dict[tuple[int, int], tuple[int, list[list[tuple[QLayoutItem, QSize]]]]] = {
        (0, 0): (0, [])
    }
    for k in range(1, count + 1):
        for n in range(k, len(items) + 1):
            options = [
                (max(best[k - 1, m][0], width(items[m:n])), [*best[k - 1, m][1], items[m:n]])
                for m in range(k - 1, n)
                if (k - 1, m) in best
            ]
            best[k, n] = min(options, key=lambda option: option[0])
    return best[min(count, len(items)), len(items)][1]


def focus_through(container: QWidget, target: QWidget) -> None:
    """Give ``container``'s focus to ``target``, for a form label's Alt+letter too: a
    label only passes the focus on to a buddy that takes focus itself. (Tab skips a
    widget with a focus proxy, so the container is never a Tab stop of its own.)"""
    container.setFocusProxy(target)
    container.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class FieldPair(QWidget):
    """Two fields that belong together (a name and a job title): side by side, or one
    above the other when the form is too narrow for both to show a useful width."""

    FIELD_CHARS = 20

    def __init__(self, first: QWidget, second: QWidget):
        super().__init__()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(first, 1)
        self.box.addWidget(second, 1)
        focus_through(self, first)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * self.FIELD_CHARS, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = 2 * self.fontMetrics().averageCharWidth() * self.FIELD_CHARS
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= room
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
            self.updateGeometry()


class ChoiceRow(QGroupBox):
    """A small set of choices shown side by side as radio buttons, for a form: all of them
    visible at once, as a board cover sheet lists them. The row is named by its label
    (a screen reader hears "Purpose, For decision"); the form label's mnemonic reaches
    the chosen button."""

    chosen = Signal(str)  # the key of the choice made

    def __init__(
        self,
        name: str,
        description: str,
        choices: list[tuple[str, str]],
        current: str,
    ):
        super().__init__()
        self.setObjectName("choiceRow")
        self.setFlat(True)
        row = FlowLayout(self)
        self.group = radio_group(self)
        self.buttons: dict[str, ArrowRadio] = {}
        for key, label in choices:
            button = ArrowRadio(label.replace("&", "&&"))
            button.setChecked(key == current)
            name_widget(button, label, f"{name}: {label}. {description}")
            button.toggled.connect(lambda on, k=key: self._chose(k) if on else None)
            self.group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button)
        one_tab_stop(self.group)
        self._focus_chosen()
        name_widget(self, name, description)
        self.setToolTip("")

    def _chose(self, key: str) -> None:
        self._focus_chosen()
        self.chosen.emit(key)

    def _focus_chosen(self) -> None:
        chosen = self.group.checkedButton()
        focus_through(self, chosen or self.group.buttons()[0])

    def choice(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())


class AnswerButton(ArrowRadio):
    """The radio button for one answer. Qt never wraps a radio button's own label, so a long
    answer would make the whole page wider than the window; the label is instead an
    :class:`AnswerLabel` beside the button, which wraps. ``text()`` still gives the label.

    Nothing here overrides painting or sizing: Qt draws the button (an indicator with no
    text) and lays out the label itself."""

    def __init__(self, label: str):
        super().__init__()
        self.label = label
        self.answer_label: QLabel | None = None  # set by answer_row()

    def text(self) -> str:
        return self.label

    def _show_focus(self, on: bool) -> None:
        """The focus is shown on the answer's words too, not only on the small circle."""
        if self.answer_label is not None:
            self.answer_label.setProperty("keyfocus", on)
            self.answer_label.style().unpolish(self.answer_label)
            self.answer_label.style().polish(self.answer_label)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_focus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_focus(False)


class AnswerLabel(QLabel):
    """The wrapping label of an :class:`AnswerButton`; clicking it chooses the answer."""

    def __init__(self, button: AnswerButton):
        super().__init__(button.label)
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        return  # left accepted (QLabel's own would refuse it), so the release comes here

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()


def answer_row(button: AnswerButton) -> QHBoxLayout:
    """A button and its label side by side, the label's first line level with the button."""
    label = AnswerLabel(button)
    button.answer_label = label
    label.setToolTip(button.toolTip())
    button.ensurePolished()
    label.ensurePolished()
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(button.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing))
    offset = button.sizeHint().height() - label.fontMetrics().height()
    if offset > 0:
        label.setContentsMargins(0, offset // 2, 0, 0)
    else:
        button.setContentsMargins(0, -offset // 2, 0, 0)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label, 1)
    return row


class QuestionBox(QGroupBox):
    """One rulebook question as a group of radio buttons, least supportive first."""

    answered = Signal(str, str)  # question id, option id

    def __init__(
        self,
        question: Question,
        current: str | None,
        glossary: dict[str, str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.question = question
        layout = QVBoxLayout(self)
        # A label rather than the group box's own title, so long questions wrap at any
        # text size instead of being cut off.
        self.title_label = wrapped_label(
            question.text + ("  *" if question.required else ""), "questionTitle"
        )
        layout.addWidget(self.title_label)
        if question.help:
            help_label = wrapped_label(question.help, "pageLead")
            help_label.setStyleSheet("font-weight: normal;")
            layout.addWidget(help_label)
        self.group = radio_group(self)
        self.buttons: dict[str, QRadioButton] = {}
        for option in question.options:
            button = AnswerButton(option.label)
            description = f"{question.text} {option.help or ''}".strip()
            name_widget(button, f"{option.label}", description)
            if option.help:
                button.setToolTip(option.help)
            button.setChecked(option.id == current)
            button.toggled.connect(lambda on, oid=option.id: self._on_toggled(on, oid))
            self.group.addButton(button)
            self.buttons[option.id] = button
            layout.addLayout(answer_row(button))
        one_tab_stop(self.group)
        tip = _glossary_tip(question.text + " " + (question.help or ""), glossary)
        if tip:
            self.setToolTip(tip)
        self.setAccessibleName(question.text)
        if question.help:
            self.setAccessibleDescription(question.help)

    def _on_toggled(self, on: bool, option_id: str) -> None:
        if on:
            self.answered.emit(self.question.id, option_id)

    def choose(self, option_id: str) -> None:
        self.buttons[option_id].setChecked(True)


def glossary_of(rulebook: Rulebook) -> dict[str, str]:
    """The rulebook's glossary as term -> plain explanation."""
    return {g.term: g.definition for g in rulebook.glossary}


def _glossary_regex(glossary: dict[str, str]) -> re.Pattern[str] | None:
    """Whole words only ("NED" must not match "planned"), plurals too, longest term first."""
    if not glossary:
        return None
    terms = sorted(glossary, key=len, reverse=True)
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE)


def _lookup(glossary: dict[str, str], found: str) -> str:
    """The glossary's own spelling of a term found in text, whatever its case."""
    return next(term for term in glossary if term.lower() == found.lower())


def glossary_terms(text: str, glossary: dict[str, str]) -> list[str]:
    """The glossary terms used in ``text``, in the order they first appear."""
    pattern = _glossary_regex(glossary)
    found: list[str] = []
    for match in pattern.finditer(text) if pattern else ():
        term = _lookup(glossary, match.group(1))
        if term not in found:
            found.append(term)
    return found


def _glossary_tip(text: str, glossary: dict[str, str]) -> str:
    return "<br/>".join(
        f"<b>{escape(term)}</b>: {escape(glossary[term])}"
        for term in glossary_terms(text, glossary)
    )


def _attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute. Qt's HTML reader does not decode numeric
    references such as &#x27; inside attributes, so only what must be is escaped."""
    return escape(text, quote=False).replace('"', "&quot;")


class Glossed:
    """Turns plain text into rich text where each glossary term, the first time it is used,
    is underlined with dots and explains itself in a tooltip (Qt shows a span's title)."""

    def __init__(self, glossary: dict[str, str]):
        self.glossary = glossary
        self.pattern = _glossary_regex(glossary)
        self.used: list[str] = []

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return escape(text)
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            term = _lookup(self.glossary, match.group(1))
            if term in self.used:
                continue
            self.used.append(term)
            out.append(escape(text[last : match.start()]))
            out.append(
                f'<span title="{_attribute(self.glossary[term])}" '
                "style='text-underline-style: dotted'>"
                f"{escape(match.group(0))}</span>"
            )
            last = match.end()
        out.append(escape(text[last:]))
        return "".join(out)

    def spoken(self) -> str:
        """The terms explained, for screen readers, which do not read tooltips."""
        return " ".join(f"{term}: {self.glossary[term]}" for term in self.used)


class WhyPanel(QFrame):
    """The always-visible 'Why this matters' panel with the evidence behind a page.

    The text scrolls inside the panel when there is not room for all of it."""

    def __init__(
        self,
        rulebook: Rulebook,
        text: str,
        cites: list[Citation],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("whyPanel")
        layout = QVBoxLayout(self)
        title = wrapped_label("Why this matters", "panelTitle")
        layout.addWidget(title)
        glossed = Glossed(glossary_of(rulebook))
        html = f"<p style='margin-top:0'>{glossed(text)}</p>"
        if cites:
            html += (
                f"<p style='color:{SECONDARY}'>Evidence: {escape(cite_list(rulebook, cites))}</p>"
            )
        self.body = QTextBrowser()
        self.body.setObjectName("whyText")
        self.body.setOpenLinks(False)
        self.body.setTabChangesFocus(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.document().setDocumentMargin(0)
        self.body.setHtml(html)
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.terms = list(glossed.used)
        spoken = glossed.spoken()
        name_widget(self.body, "Why this matters", text + (f" Terms: {spoken}" if spoken else ""))
        self.body.setToolTip("")
        layout.addWidget(self.body, 1)


def fit_columns(table: QTableView, samples: list[str], stretch: int, least_chars: int = 24) -> None:
    """Column widths from the font, so they follow the text size (and 200% scaling): each
    column as wide as its ``samples`` text and its heading, and column ``stretch`` the
    room left, but at least ``least_chars`` characters (the table then scrolls sideways)."""
    cell = table.fontMetrics()
    bold = QFont(table.font())
    bold.setBold(True)
    heading = QFontMetrics(bold)
    pad = 2 * cell.averageCharWidth()
    header = table.horizontalHeader()
    model = table.model()
    others = 0
    for column, sample in enumerate(samples):
        if column == stretch:
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(cell.horizontalAdvance(sample), heading.horizontalAdvance(title)) + pad
        header.resizeSection(column, width)
        others += header.sectionSize(column)  # no narrower than the header's least
    room = table.viewport().width() - others
    header.resizeSection(stretch, max(least_chars * cell.averageCharWidth(), room))
