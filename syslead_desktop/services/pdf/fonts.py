"""Register the bundled Unicode font, DejaVu Sans (licence and notes in resources/fonts/).

Two faces, regular and bold, in three tiers, smallest first:

- ``latin`` (resources/fonts/latin/): Latin with Latin-1 and Latin Extended-A, Welsh and
  Romanian letters, punctuation, currency and the symbols the paper draws;
- ``europe`` (resources/fonts/europe/): those plus Greek (polytonic too), Cyrillic,
  Armenian, Georgian, IPA and the rest of the Latin blocks;
- ``full``: the faces as DejaVu ships them (Hebrew, Arabic, rarer symbols).

reportlab parses a face in pure Python, in time that grows with its glyph count, so the
paper is set in the first tier that draws every character of its text that the full faces
draw. The subsets are made by tools/subset_fonts.py. The names are the same in every
tier (``FAMILY``, ``BOLD``) and the tier depends only on the text, so the same input still
gives the same bytes. The paper sets no italics, so no oblique face ships.
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

FAMILY = "DejaVuSans"
BOLD = f"{FAMILY}-Bold"
FACES = {FAMILY: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
SUBSETS = ("latin", "europe")  # smallest first; each a folder of resources/fonts/
TIERS = (*SUBSETS, "full")

_lock = threading.Lock()

_BEYOND_BMP = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match[str]) -> str:
    return f"<{match[1]}> <{chr(int(match[2], 16)).encode('utf-16-be').hex().upper()}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a font subset, with each character beyond U+FFFF
    written in UTF-16 (a surrogate pair), as the PDF format requires: reportlab 5.1 writes
    its code point (``<1F600>``), which readers cannot decode, so an emoji or a rare CJK
    character the faces draw was extracted (and read aloud) as nothing or as junk."""
    return _BEYOND_BMP.sub(_utf16, _REPORTLAB_CMAP(fontname, subset))


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


@lru_cache(maxsize=len(TIERS))
def _load(tier: str) -> dict[str, Any]:
    """Parse the faces of one tier (once a process: this is the part that costs)."""
    return {name: TTFont(name, str(path)) for name, path in tier_files(tier).items()}


@lru_cache(maxsize=len(TIERS))
def _coverage(tier: str) -> frozenset[str]:
    """The characters one tier draws (a glyph other than .notdef) in either face."""
    fonts = _load(tier).values()
    return frozenset(
        chr(code) for font in fonts for code, glyph in font.face.charToGlyph.items() if glyph
    )


@lru_cache(maxsize=len(TIERS))
def _common(tier: str) -> frozenset[str]:
    """The characters every face of one tier draws (a glyph other than .notdef)."""
    drawn = [
        frozenset(chr(code) for code, glyph in font.face.charToGlyph.items() if glyph)
        for font in _load(tier).values()
    ]
    return frozenset.intersection(*drawn)


def drawn_everywhere(char: str) -> bool:
    """Whether the bundled faces draw ``char`` in every weight, so it never prints as a
    box (services/pdf/printable.py replaces what they do not). Parses the full faces only
    for a character outside the latin tier."""
    return char in _common("latin") or char in _common("full")


def tier_for(*texts: str) -> str:
    """The first tier that draws every character of ``texts`` that the full faces draw.

    Each subset is its full face cut to a set of characters, so this is exact. Cheap in
    the usual case: one set difference against the latin tier's characters. The bigger
    tiers are parsed only when a character is missing from the smaller ones. Control
    characters (line breaks, tabs) are drawn by no face and are passed over, as are
    characters no face draws.
    """
    wanted: set[str] = set()
    wanted.update(*texts)
    wanted = {char for char in wanted if unicodedata.category(char) != "Cc"}
    for tier in SUBSETS:
        if wanted <= _coverage(tier):
            return tier
    wanted &= _coverage("full")  # what no face draws cannot choose a tier
    return next(tier for tier in TIERS if wanted <= _coverage(tier))


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
    text, the latin tier. Call it before every render: the tier follows the text, never
    what a previous render needed.
    """
    with _lock:
        _install(_load(tier_for(*texts)))
    return FAMILY


def registered_set() -> str:
    """Which tier the names stand for now: "latin", "europe" or "full"."""
    font = pdfmetrics.getFont(FAMILY)
    return next((tier for tier in TIERS if font is _load(tier)[FAMILY]), "other")
