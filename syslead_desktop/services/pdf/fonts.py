"""Register the bundled Unicode font, DejaVu Sans (licence and notes in resources/fonts/).

Two faces, regular and bold, in four tiers, smallest first:

- ``western`` (resources/fonts/western/): Latin-1 and the rest of Windows-1252, the common
  punctuation and signs, and every character the program and its rulebooks print (300
  characters: most English papers);
- ``latin`` (resources/fonts/latin/): those plus Latin Extended-A, Welsh and Romanian
  letters, and more punctuation, currency and symbols;
- ``europe`` (resources/fonts/europe/): those plus Greek (polytonic too), Cyrillic,
  Armenian, Georgian, IPA and the rest of the Latin blocks;
- ``full``: the faces as DejaVu ships them (Hebrew, Arabic, rarer symbols).

reportlab parses a face in pure Python, in time that grows with its glyph count, so the
paper is set in the first tier that draws every character of its text that the full faces
draw. The subsets are made by tools/subset_fonts.py. The names are the same in every
tier (``FAMILY``, ``BOLD``) and the tier depends only on the text, so the same input still
gives the same bytes. The paper sets no italics, so no oblique face ships.

What DejaVu does not draw at all comes from the fallback faces (resources/fonts/fallback/,
``FALLBACKS``): each character from the first that draws it, in both weights. They are
read only when the text has such a character; a line that uses one is laid out by
shaping.py, which also shapes Arabic, Hebrew and the other scripts that need it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ...locations import resources_dir
from .shaping import glyph_text, needs_layout, own_chars, text_width

FAMILY = "DejaVuSans"
# Faces for what no DejaVu face draws, tried in this order: name -> file of
# resources/fonts/fallback/. Regular only: bold text in them prints in the regular weight.
# Noto Sans has one face a script: South Asian (Hindi, Marathi, Nepali; Bengali; Punjabi;
# Gujarati; Odia; Tamil; Telugu; Kannada; Malayalam; Sinhala), South-East Asian (Thai,
# Lao, Khmer, Burmese) and Ethiopic (Amharic, Tigrinya).
_NOTO = "Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala"
_NOTO += " Thai Lao Khmer Myanmar Ethiopic"
FALLBACKS = {
    "DroidSansFallback": "DroidSansFallbackFull.ttf",  # CJK ideographs, kana, bopomofo
    "NanumGothic": "NanumGothic.ttf",  # Hangul syllables and jamo
    **{f"NotoSans{script}": f"NotoSans{script}-Regular.ttf" for script in _NOTO.split()},
    "NotoSansArabic": "NotoSansArabic-Regular.ttf",  # Urdu and Persian letters DejaVu lacks
    "Symbola": "Symbola.ttf",  # emoji (to Unicode 9) and other symbols, as outlines
    "NotoSansSymbols2": "NotoSansSymbols2-Regular.ttf",  # later pictographs, symbols
}
BOLD = f"{FAMILY}-Bold"
FACES = {FAMILY: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
SUBSETS = ("western", "latin", "europe")  # smallest first; folders of resources/fonts/
FIRST = SUBSETS[0]  # the tier a paper in English is set in
TIERS = (*SUBSETS, "full")

_lock = threading.Lock()

_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{4,6})>")


def _entry(match: re.Match[str]) -> str:
    text = glyph_text(int(match[2], 16))
    return f"<{match[1]}> <{text.encode('utf-16-be').hex().upper()}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a font subset, with each character beyond U+FFFF
    written in UTF-16 (a surrogate pair), as the PDF format requires: reportlab 5.1 writes
    its code point (``<1F600>``), which readers cannot decode, so an emoji or a rare CJK
    character the faces draw was extracted (and read aloud) as nothing or as junk. A
    presentation form is mapped to the letters it is a form of (``shaping.glyph_text``)."""
    return _ENTRY.sub(_entry, _REPORTLAB_CMAP(fontname, subset))


# reportlab calls its module's function by name when it writes each subset (TTFont.addObjects);
# tests/unit/test_pdf_scripts.py fails should reportlab change either.
_REPORTLAB_CMAP = getattr(ttfonts.makeToUnicodeCMap, "__wrapped__", ttfonts.makeToUnicodeCMap)
_to_unicode_cmap.__wrapped__ = _REPORTLAB_CMAP  # type: ignore[attr-defined]
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def font_folder() -> Path:
    return resources_dir() / "fonts"


def subset_file(tier: str, file: str) -> str:
    """The file name of one face's subset: "DejaVuSans.ttf" -> "DejaVuSans-Latin.ttf"."""
    return file.replace(".ttf", f"-{tier.capitalize()}.ttf")


def tier_files(tier: str) -> dict[str, Path]:
    """The file of each face in one tier."""
    if tier == "full":
        return {name: font_folder() / file for name, file in FACES.items()}
    return {name: font_folder() / tier / subset_file(tier, file) for name, file in FACES.items()}


class PaperFont(TTFont):  # type: ignore[misc]
    """A face of the paper: reportlab's TrueType font, measuring a line that shaping.py
    lays out (another script, or characters from a fallback face) as it is drawn.
    ``fallbacks``: the names of the fallback faces this paper's text uses."""

    fallbacks: tuple[str, ...] = ()
    bold = False  # the bold face (text in a fallback face is then emboldened: shaping.py)

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if text.isascii() or not needs_layout(text, self):
            return float(super().stringWidth(text, size, encoding))
        return text_width(text, self, size)


@lru_cache(maxsize=len(TIERS))
def _load(tier: str) -> dict[str, Any]:
    """Parse the faces of one tier (once a process: this is the part that costs)."""
    fonts = {name: PaperFont(name, str(path)) for name, path in tier_files(tier).items()}
    fonts[BOLD].bold = True
    _parsed.append(tier)
    return fonts


_parsed: list[str] = []


def parsed_tiers() -> tuple[str, ...]:
    """The tiers whose faces this process has parsed, in order (what a render cost)."""
    return tuple(_parsed)


def _drawn(font: Any) -> frozenset[str]:
    return frozenset(chr(code) for code in own_chars(font))


@lru_cache(maxsize=len(TIERS))
def _coverage(tier: str) -> frozenset[str]:
    """The characters one tier draws (a glyph other than .notdef) in either face."""
    return frozenset.union(*(_drawn(font) for font in _load(tier).values()))


@lru_cache(maxsize=len(TIERS))
def _common(tier: str) -> frozenset[str]:
    """The characters every face of one tier draws (a glyph other than .notdef)."""
    return frozenset.intersection(*(_drawn(font) for font in _load(tier).values()))


def fallback_file(name: str) -> Path:
    return font_folder() / "fallback" / FALLBACKS[name]


@lru_cache(maxsize=len(FALLBACKS))
def _fallback(name: str) -> Any:
    """A fallback face, parsed and registered under its own name the first time it is
    needed."""
    font = TTFont(name, str(fallback_file(name)))
    with _lock:
        pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=len(FALLBACKS))
def _fallback_chars(name: str) -> frozenset[str]:
    return _drawn(_fallback(name))


def fallback_for(char: str) -> str | None:
    """The first fallback face that draws ``char``, if any."""
    return next((name for name in FALLBACKS if char in _fallback_chars(name)), None)


def drawn_everywhere(char: str) -> bool:
    """Whether the bundled faces draw ``char`` in every weight, so it never prints as a
    box (services/pdf/printable.py replaces what they do not). Parses the full faces only
    for a character outside the first tier, and the fallback faces only for one the full
    faces do not both draw."""
    return char in _common(FIRST) or char in _common("full") or fallback_for(char) is not None


def tier_for(*texts: str) -> str:
    """The first tier that draws every character of ``texts`` that the full faces draw.

    Each subset is its full face cut to a set of characters, so this is exact. Cheap in
    the usual case: one set difference against the first tier's characters. The bigger
    tiers are parsed only when a character is missing from the smaller ones. Control
    characters (line breaks, tabs) are drawn by no face and are passed over, as are
    characters no face draws.
    """
    return _tier(_characters(texts))


def _characters(texts: tuple[str, ...]) -> frozenset[str]:
    """The characters of ``texts``, control characters (drawn by no face) left out."""
    wanted: set[str] = set()
    wanted.update(*texts)
    return frozenset(char for char in wanted if unicodedata.category(char) != "Cc")


def _tier(wanted: frozenset[str]) -> str:
    for tier in SUBSETS:
        if wanted <= _coverage(tier):
            return tier
    drawn = wanted & _coverage("full")  # what no face draws cannot choose a tier
    return next(tier for tier in TIERS if drawn <= _coverage(tier))


def fallbacks_for(*texts: str) -> tuple[str, ...]:
    """The fallback faces ``texts`` need: for each character no DejaVu face draws, the
    first that draws it; in ``FALLBACKS`` order. Cheap when the first tier draws it all."""
    return _fallbacks(_characters(texts))


def _fallbacks(wanted: frozenset[str]) -> tuple[str, ...]:
    wanted -= _common(FIRST)
    if not wanted:
        return ()
    wanted -= _common("full")  # drawn in both weights (a symbol only the regular draws
    # comes from a fallback face in bold text)
    used = {fallback_for(char) for char in wanted}
    return tuple(name for name in FALLBACKS if name in used)


def _install(fonts: dict[str, Any]) -> None:
    for name, font in fonts.items():
        if name in pdfmetrics.getRegisteredFontNames():
            old = pdfmetrics.getFont(name)
            if old is font:
                continue
            if isinstance(old, TTFont):
                old.unregister()  # else registerFont would keep the font first registered
        pdfmetrics.registerFont(font)
    # The paper sets no italics and escapes all user text, so <i> never reaches reportlab
    # from a user; should it ever appear, it prints upright rather than failing. Mapped
    # first: addMapping also records each face's own slot, and the upright ones must win.
    addMapping(FAMILY, 0, 1, FAMILY)
    addMapping(FAMILY, 1, 1, BOLD)
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)


def register_fonts(*texts: str) -> str:
    """Register the regular and bold faces as a family (so that <b> works); returns its name.

    Pass every text the paper will print: the faces come from ``tier_for(*texts)``; with no
    text, the first tier (``FIRST``). Call it before every render: the tier follows the text, never
    what a previous render needed.
    """
    wanted = _characters(texts)
    fonts = _load(_tier(wanted))
    fallbacks = _fallbacks(wanted)
    with _lock:
        for font in fonts.values():
            font.fallbacks = fallbacks
        _install(fonts)
    return FAMILY


def registered_set() -> str:
    """Which tier the names stand for now: "western", "latin", "europe" or "full"."""
    font = pdfmetrics.getFont(FAMILY)
    return next((tier for tier in TIERS if font is _load(tier)[FAMILY]), "other")
