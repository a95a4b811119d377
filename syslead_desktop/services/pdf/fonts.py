"""Register the bundled Unicode font, DejaVu Sans (licence and notes in resources/fonts/).

Two sets of the same four faces ship. By default the paper is set in the European subsets
(resources/fonts/europe/, made by tools/subset_fonts.py): Latin, Greek (polytonic too),
Cyrillic, Armenian, Georgian, punctuation, currency and the symbols the paper draws. They
hold under half the glyphs, and reportlab parses a face in time that grows with its glyph
count. When the text to print holds a character that only the full faces have (Hebrew,
Arabic, rarer symbols), the full faces are registered instead, so nothing renders worse
than with the full faces alone. Either way the names are the same (``FAMILY``, ``BOLD``,
``DejaVuSans-Oblique``, ``DejaVuSans-BoldOblique``), and which set is used depends only on
the text, so the same input still gives the same bytes.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...locations import resources_dir

FAMILY = "DejaVuSans"
BOLD = f"{FAMILY}-Bold"
FACES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
SUBSET_FOLDER = "europe"
SUBSET_FACES = {name: file.replace(".ttf", "-Europe.ttf") for name, file in FACES.items()}

_lock = threading.Lock()


def font_folder() -> Path:
    return resources_dir() / "fonts"


@lru_cache(maxsize=2)
def _load(subset: bool) -> dict[str, Any]:
    """Parse one set of faces (once a process: this is the part that costs)."""
    folder = font_folder() / SUBSET_FOLDER if subset else font_folder()
    files = SUBSET_FACES if subset else FACES
    return {name: TTFont(name, str(folder / file)) for name, file in files.items()}


@lru_cache(maxsize=2)
def _coverage(subset: bool) -> frozenset[str]:
    """The characters one set draws (a glyph other than .notdef) in any of its faces."""
    fonts = _load(subset).values()
    return frozenset(
        chr(code) for font in fonts for code, glyph in font.face.charToGlyph.items() if glyph
    )


def needs_full_faces(*texts: str) -> bool:
    """Whether some character of ``texts`` is drawn by the full faces but not the subsets.

    Each subset face is its full face cut to the same characters, so this is exact. Cheap
    in the usual case: one set difference against the subsets' characters. Only when a
    character is missing from them are the full faces parsed to look it up. Control
    characters (line breaks, tabs) are drawn by neither and are passed over.
    """
    missing: set[str] = set()
    missing.update(*texts)
    missing -= _coverage(True)
    missing = {char for char in missing if unicodedata.category(char) != "Cc"}
    return bool(missing) and not missing.isdisjoint(_coverage(False))


def _install(fonts: dict[str, Any]) -> None:
    for name, font in fonts.items():
        if name in pdfmetrics.getRegisteredFontNames():
            old = pdfmetrics.getFont(name)
            if old is font:
                continue
            if isinstance(old, TTFont):
                old.unregister()  # else registerFont would keep the font first registered
        pdfmetrics.registerFont(font)
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Oblique")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldOblique")


def register_fonts(*texts: str) -> str:
    """Register the four faces as a family (so that <b> and <i> work); returns its name.

    Pass every text the paper will print: the European subsets are registered unless one
    of its characters is drawn only by the full faces. With no text, the subsets. Call it
    before every render: the set follows the text, never what a previous render needed.
    """
    with _lock:
        _install(_load(not (texts and needs_full_faces(*texts))))
    return FAMILY


def registered_set() -> str:
    """Which faces the names stand for now: "europe" or "full"."""
    return "europe" if pdfmetrics.getFont(FAMILY) is _load(True)[FAMILY] else "full"
