"""What the paper can print of what a user typed, and what it cannot (Qt-free).

A character no bundled face draws used to print as an empty box (the font's ``.notdef``
glyph), or not at all: a director's name in Japanese came out as a row of boxes, an
emoji as nothing. Now, before the paper is laid out, every string of the decision is made
printable:

- a character some face draws is kept;
- an emoji no face draws becomes a visible, named placeholder: ``[emoji: grinning face]``,
  a flag ``[flag: GB]``;
- any other character no face draws becomes its name: ``[cjk unified ideograph-6f22]``,
  ``[private use U+E000]``;
- control characters are left out (a line break, a tab stay; a carriage return, a line or
  paragraph separator become a line break), and so are characters that only format text
  and have no glyph of their own (zero-width spaces and joiners, byte order marks,
  direction marks, variation selectors, emoji skin-tone modifiers after a placeholder);
  but a zero-width joiner or non-joiner after a letter of a script that joins or combines
  its letters (Persian, Sinhala, the Indic scripts) is part of its spelling, and is kept
  for HarfBuzz (shaping.py);
- combining marks beyond ``MARKS`` on one letter are left out (and reported): shaped,
  a stack of dozens of them ("Zalgo" text) would be drawn over the lines around it.

``unprintable(decision)`` lists each character that is replaced or left out (other than
those formatting characters), and where it is, so the GUI can say so before export
(``ui/decision_view.py``) and ``syslead render`` can warn. The decision record attached to
the paper keeps the text exactly as typed: only the printed text changes.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...domain.decision import Decision
from .fonts import drawn_everywhere
from .shaping import JOINERS, shapes

# Characters that format text and draw nothing: left out silently.
_INVISIBLE = {
    0x00AD,  # soft hyphen (reportlab does not hyphenate at it)
    0x034F,  # combining grapheme joiner
    0x061C,  # Arabic letter mark
    *(0x115F, 0x1160, 0x3164, 0xFFA0),  # Hangul fillers
    *(0x17B4, 0x17B5, 0x180E),  # Khmer inherent vowels, Mongolian vowel separator
    *range(0x200B, 0x2010),  # zero width space and joiners, LRM, RLM
    *range(0x2060, 0x2065),  # word joiner, invisible operators
    0xFEFF,  # byte order mark
}
# At most this many combining marks on one letter (real text has up to three or four: a
# Hebrew letter with its point and cantillation, a Vietnamese vowel with two accents).
MARKS = 4
_BREAKS = {"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n"}
_KEEP = {"\n", "\t"}


def _silent(code: int) -> bool:
    """A formatting character with no glyph: dropped and not reported."""
    return (
        code in _INVISIBLE
        or 0x202A <= code <= 0x202E  # embeddings and overrides
        or 0x2066 <= code <= 0x2069  # isolates
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0xE0000 <= code <= 0xE007F  # tags (as in subdivision flags)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
    )


def _emoji(code: int) -> bool:
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x203C, 0x2049, 0x2122, 0x2139, 0x231A, 0x231B, 0x2328, 0x23CF)
        or 0x23E9 <= code <= 0x23FA
    )


def placeholder(char: str) -> str:
    """The visible stand-in for a character no face draws."""
    code = ord(char)
    name = unicodedata.name(char, "").lower()
    category = unicodedata.category(char)
    if _emoji(code):
        return f"[emoji: {name or f'U+{code:04X}'}]"
    if category == "Co":
        return f"[private use U+{code:04X}]"
    if not name:
        return f"[U+{code:04X}]"
    return f"[{name}]"


def _flag(first: str, second: str) -> str | None:
    """A pair of regional indicators is a flag: "[flag: GB]"."""
    a, b = ord(first) - 0x1F1E6, ord(second) - 0x1F1E6
    if 0 <= a < 26 and 0 <= b < 26:
        return f"[flag: {chr(65 + a)}{chr(65 + b)}]"
    return None


def printable_text(text: str, draws: Callable[[str], bool] | None = None) -> tuple[str, list[str]]:
    """``text`` as the paper prints it, and the characters it could not print (in order).

    ``draws(char)``: whether some bundled face draws ``char`` (in both weights)."""
    draws = draws or drawn_everywhere
    if text.isascii() and text.isprintable():
        return text, []
    out: list[str] = []
    lost: list[str] = []
    marks = 0  # combining marks on the letter before
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        code = ord(char)
        i += 1
        marks = marks + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        if marks > MARKS:
            lost.append(char)  # "Zalgo" text: marks stacked over the lines around it
        elif char in _KEEP:
            out.append(char)
        elif char in _BREAKS:
            if char == "\r" and i < n and text[i] == "\n":
                continue  # \r\n is one line break
            out.append("\n")
        elif char in JOINERS and out and shapes(out[-1][-1]):
            out.append(char)  # part of the spelling in a script that joins or combines
        elif _silent(code):
            continue
        elif unicodedata.category(char) in ("Cc", "Cs"):
            lost.append(char)
        elif (flag := _flag(char, text[i]) if i < n else None) is not None:
            # a flag: no face draws flags (Symbola's regional indicators are boxed letters)
            out.append(flag)
            lost.append(char + text[i])
            i += 1
        elif draws(char):
            out.append(char)
        else:
            out.append(placeholder(char))
            lost.append(char)
    return "".join(out), lost


@dataclass(frozen=True)
class Unprintable:
    """A character the paper cannot print, and where it is in the decision."""

    where: str  # "Title", "Chief executive's notes (stability)", ...
    char: str
    shown_as: str  # its placeholder on the paper, or "" when it is left out
    times: int = 1  # how often it is there (said once for the place)

    @property
    def name(self) -> str:
        if len(self.char) == 2 and _flag(*self.char):
            return f"flag {(_flag(*self.char) or '')[7:-1]}"
        return unicodedata.name(self.char[0], f"U+{ord(self.char[0]):04X}").lower()

    def describe(self) -> str:
        codes = " ".join(f"U+{ord(c):04X}" for c in self.char)
        how = f"printed as {self.shown_as}" if self.shown_as else "left out"
        times = f" ({self.times} times)" if self.times > 1 else ""
        return f"{self.where}: {codes} ({self.name}), {how}{times}"


# Names for the places a user types text, by their path in the decision.
_PLACES: dict[tuple[str, ...], str] = {
    ("framing", "title"): "Title",
    ("framing", "description"): "Description",
    ("framing", "partners"): "Partners",
    ("framing", "cost_to_trust"): "Cost to the trust",
    ("framing", "benefit_to_population"): "Benefit to the system and the population",
    ("framing", "options_considered"): "Options considered",
    ("framing", "success_measures"): "Success measures",
    ("board_paper", "meeting"): "Meeting",
    ("board_paper", "agenda_item"): "Agenda item",
    ("board_paper", "author"): "Author",
    ("board_paper", "executive_lead"): "Executive lead",
    ("board_paper", "strategic_objectives"): "Strategic objectives",
    ("board_paper", "baf_risks"): "Board Assurance Framework risks",
    ("board_paper", "cqc_domains"): "CQC domains",
    ("board_paper", "financial_implications"): "Financial implications",
    ("board_paper", "quality_equality_implications"): "Quality and equality implications",
    ("board_paper", "regulatory_implications"): "Regulatory implications",
    ("board_paper", "previously_considered_by"): "Previously considered by",
}


#: What the paper calls the notes given with the answers, whoever wrote them (the
#: wizard's "Your notes and evidence"): a Director of Strategy may author the paper.
NOTES = "Notes and evidence"


def _place(path: tuple[Any, ...]) -> str:
    if path[:1] == ("notes",) and len(path) > 1:
        return f"{NOTES} ({path[1]})"
    name = _PLACES.get(tuple(p for p in path[:2] if isinstance(p, str)))
    if name is None:
        name = " › ".join(str(p).replace("_", " ") for p in path if isinstance(p, str))
    items = [p for p in path if isinstance(p, int)]
    return f"{name}, item {items[0] + 1}" if items else name


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).__pydantic_fields__:
            yield from _strings(getattr(value, name), (*path, name))


def unprintable(decision: Decision) -> list[Unprintable]:
    """Every character of the decision's text that the paper cannot print, in order;
    one that is there more than once in a place is said once, with how often."""
    found: list[Unprintable] = []
    for path, text in _strings(decision):
        lost = printable_text(text)[1]
        if lost:
            shown = _shown(text)
            counts = Counter(lost)  # in the order each is first met
            where = _place(path)
            found += [Unprintable(where, c, shown.get(c, ""), n) for c, n in counts.items()]
    return found


def _shown(text: str) -> dict[str, str]:
    """What each unprintable character of ``text`` becomes on the paper."""
    out: dict[str, str] = {}
    chars = list(text)
    for i, char in enumerate(chars):
        if unicodedata.category(char) in ("Cc", "Cs") or char in _KEEP or char in _BREAKS:
            continue
        if i + 1 < len(chars) and _flag(char, chars[i + 1]):
            out[char + chars[i + 1]] = _flag(char, chars[i + 1]) or ""
        elif not _silent(ord(char)) and not drawn_everywhere(char):
            out.setdefault(char, placeholder(char))
    return out


def printable_decision(decision: Decision) -> Decision:
    """A copy of the decision with every string as the paper prints it."""
    copy = decision.model_copy(deep=True)
    _replace(copy)
    return copy


def _replace(value: Any) -> Any:
    if isinstance(value, str):
        return _cached(value)
    if isinstance(value, list):
        value[:] = [_replace(item) for item in value]
    elif isinstance(value, dict):
        for key in list(value):
            value[key] = _replace(value[key])
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).__pydantic_fields__:
            item = getattr(value, name)
            new = _replace(item)
            if new is not item:
                object.__setattr__(value, name, new)
    return value


@lru_cache(maxsize=4096)
def _cached(text: str) -> str:
    return printable_text(text)[0]
