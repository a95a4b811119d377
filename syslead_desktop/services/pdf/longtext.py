"""Very long paragraphs laid out in time linear in their length.

reportlab breaks a paragraph into lines all at once, and a paragraph longer than a page
is split at the page's foot into the lines that fit and *a new paragraph of the rest*,
which is broken into lines again on the next page, and again on the one after: a note
of a million characters was broken into lines some two hundred times over (4 minutes).

A :class:`LongParagraph` instead lays its text out in windows of a few thousand
characters: each window is broken into lines by reportlab (the same paragraph, style
and width), and all its lines but the last, which the window's end may have cut short,
are kept as one piece; the next window starts where the kept lines end. Line breaking
is greedy (each line depends only on the words from its own start), so the pieces hold
exactly the lines the whole paragraph would have, and stacked without gaps they draw
the very same page. reportlab's ``wrap`` and ``split`` (which gives the first lines of a
paragraph as a paragraph of their own) do the work; only the count of characters on a
window's last line is read from its line-breaking result (``_last_line_visible``).

Paragraphs shorter than :data:`LONG` never come here, so ordinary papers are byte for
byte what they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from reportlab.platypus import Flowable, Paragraph

#: Markup longer than this (characters) is laid out in windows; no field of an ordinary
#: paper comes near it.
LONG = 20_000
#: Characters in one window: a few dozen lines of body text.
WINDOW = 6_000
#: A window ends at white space when there is some this close past WINDOW; else it is
#: cut (the cut only ever falls in the line that is not kept).
REACH = 200

_TOKEN = re.compile(r"&[A-Za-z0-9#]+;|\s|[^\s&]+|&")


#: The render in progress's ``check`` (``render_pdf(check=...)``): called between
#: windows, it raises to stop a cancelled export. A context variable, so that renders
#: in two threads never see each other's.
CHECK: ContextVar[Callable[[], None] | None] = ContextVar("syslead_render_check", default=None)


def _tail_start(markup: str) -> int:
    """Where the user's text begins: after the last tag of our own markup before it."""
    return markup.rfind(">") + 1


def _non_space(text: str) -> int:
    return len(text) - sum(1 for char in text if char.isspace())


def _advance(escaped: str, start: int, count: int) -> int:
    """The index in ``escaped`` just after ``count`` more visible characters from
    ``start`` (an entity such as ``&amp;`` is one character; white space none)."""
    if count <= 0:
        return start
    for match in _TOKEN.finditer(escaped, start):
        token = match.group()
        if token.isspace():
            continue
        visible = 1 if token.startswith("&") else len(token)
        if visible >= count:
            return match.start() + (count if not token.startswith("&") else len(token))
        count -= visible
    return len(escaped)


def _window_end(escaped: str, start: int) -> int:
    end = start + WINDOW
    if end >= len(escaped):
        return len(escaped)
    space = re.compile(r"\s").search(escaped, end, end + REACH)
    if space:
        return space.start()
    amp = escaped.rfind("&", end - 10, end)  # never cut an entity in two
    return amp if amp > 0 and ";" not in escaped[amp:end] else end


def _visible(markup: str) -> int:
    """Visible characters of markup that are not white space (an entity counts one)."""
    text = re.sub(r"<[^>]*>", "", markup)
    return sum(
        1 if token.startswith("&") else len(token)
        for token in _TOKEN.findall(text)
        if not token.isspace()
    )


def pieces(
    markup: str,
    style: Any,
    width: float,
    make: Callable[[str, Any], Paragraph],
) -> list[Paragraph]:
    """``make(markup, style)`` as paragraphs of whole lines, stacked (see module doc)."""
    split_at = _tail_start(markup)
    prefix, escaped = markup[:split_at], markup[split_at:]
    leading = float(style.leading)
    out: list[Paragraph] = []
    start = 0
    check = CHECK.get()
    while start < len(escaped):
        if check is not None:
            check()
        end = _window_end(escaped, start)
        window = escaped[start:end]
        paragraph = make(prefix + window, style)
        lines = round(paragraph.wrap(width, 1e9)[1] / leading)
        parts = paragraph.split(width, (lines - 1) * leading + 1e-6) if lines > 2 else []
        if end >= len(escaped) or len(parts) != 2:
            out.append(paragraph)  # the last window, or one reportlab keeps whole
            start, prefix = end, ""
            continue
        out.append(parts[0])
        shown = _visible(window) - _last_line_visible(paragraph)
        start, prefix = _advance(escaped, start, shown), ""
    for piece in out[1:]:
        _continues(piece)
    return out


def _last_line_visible(paragraph: Paragraph) -> int:
    """Visible characters (not white space) on the paragraph's last line, as it was just
    broken. This reads reportlab's line breaking result, ``blPara`` (a ``ParaLines``:
    kind 0 lines are ``(extra_space, words)``, kind 1 lines ``FragLine`` objects whose
    ``words`` are fragments with ``text``); tests/unit/test_render_long_text.py fails
    should its shape change (every character must reach the page, where it would be)."""
    lines = paragraph.blPara.lines
    last = lines[-1]
    if paragraph.blPara.kind == 0:
        return sum(_non_space(str(word)) for word in last[1])
    return sum(_non_space(str(getattr(word, "text", ""))) for word in last.words)


def _continues(piece: Paragraph) -> Paragraph:
    """Mark a piece that continues the paragraph: reportlab's orphan rule (never one line
    alone at a page's foot) is for a paragraph's first line, and would otherwise push a
    piece's single line that one paragraph would have kept over to the next page.
    ``allowOrphans`` on the paragraph itself is how reportlab's split looks it up."""
    piece.allowOrphans = 1
    return piece


class Stack(Flowable):  # type: ignore[misc]
    """Paragraph pieces drawn one under the other, with no space between: one paragraph
    to the eye. Splits between pieces, or inside one (a few dozen lines, cheap)."""

    def __init__(self, parts: Sequence[Paragraph], style: Any, first: bool, last: bool):
        super().__init__()
        self.parts, self.style = list(parts), style
        self._first, self._last = first, last

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self._first else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter) if self._last else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(part.wrap(availWidth, 1e9)[1] for part in self.parts)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # As a Paragraph does, split by the lines of the last wrap (a table wraps a cell
        # without its padding, then splits it with the padding included).
        width = getattr(self, "width", None) or availWidth
        used = 0.0
        for index, part in enumerate(self.parts):
            height = part.wrap(width, 1e9)[1]
            if used + height <= availHeight + 1e-6:
                used += height
                continue
            inside = part.split(width, availHeight - used) if availHeight > used else []
            head = self.parts[:index] + (inside[:1] if len(inside) == 2 else [])
            tail = ([_continues(inside[1])] if len(inside) == 2 else [part]) + self.parts[
                index + 1 :
            ]
            if not head:
                return []
            return [
                Stack(head, self.style, self._first, False),
                Stack(tail, self.style, False, self._last),
            ]
        return [self]

    def draw(self) -> None:
        y = self.height
        for part in self.parts:
            y -= part.height
            part.drawOn(self.canv, 0, y)


class LongParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of very long markup, laid out in windows once per width."""

    def __init__(self, markup: str, style: Any, make: Callable[[str, Any], Paragraph]):
        super().__init__()
        self.markup, self.style, self._make = markup, style, make
        self._laid: tuple[float, Stack] | None = None

    def _stack(self, width: float) -> Stack:
        if self._laid is None or self._laid[0] != width:
            parts = pieces(self.markup, self.style, width, self._make)
            self._laid = (width, Stack(parts, self.style, True, True))
        return self._laid[1]

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._stack(availWidth).wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        width = self._laid[0] if self._laid is not None else availWidth  # see Stack.split
        return self._stack(width).split(width, availHeight)

    def draw(self) -> None:
        stack = self._stack(self.width)
        stack.canv = self.canv
        stack.draw()
