"""Lines of text in any script, as glyphs in the order they are seen (Qt-free).

reportlab draws one glyph per character, left to right, in one font. That is right for
the Latin paper, and wrong for much else: Arabic letters take a different form at the
start, middle and end of a word and join up; Hebrew and Arabic run right to left, with
numbers and Latin words inside them left to right; Devanagari and Thai letters combine;
CJK is in none of the paper's DejaVu faces. So a line holding any of that is laid out
here, and drawn by the paper's text object (``ScriptText``, used by canvas.py):

1. each character gets its face: the paper's, or the first fallback face that draws it
   (fonts.py: Droid Sans Fallback for CJK, Noto Sans for the South Asian scripts...); a
   combining mark or a joiner stays with its letter, and a word of a joining script is
   kept in one face where one draws it all; a character no face draws is drawn as its
   name (the board paper has already named it: printable.py);
2. the Unicode bidirectional algorithm (UAX #9, python-bidi) gives each character its
   embedding level (the paragraph's direction is that of most of its letters), and the
   line is cut into runs of one level and one face, put in visual order by rule L2;
3. each run that needs it (right to left, or in a script that joins or combines its
   letters) is shaped by HarfBuzz (uharfbuzz) into glyphs and positions; other runs are
   plain text, drawn exactly as before.

Text extraction reads the glyphs through each font's ToUnicode map, then puts a line's
right-to-left stretches in reading order: an Arabic contextual form or ligature is mapped
to the letters it is a form of (``glyph_text``), and a glyph cluster that would still not
read as its text (a glyph no character maps to, a conjunct, a vowel sign drawn before its
consonant) is drawn inside ``/Span <</ActualText (…)>> BDC … EMC`` holding the text as
typed. A glyph no character maps to is given the private code ``PRIVATE + glyph id``: the
same in every process, so the paper stays byte-identical. Each run in a script that names
its language is a span with its ``/Lang`` (``language_of``), so a screen reader reads it
in that voice; bold text in a fallback face, which has one weight, is emboldened.

A Latin line never comes here: ``needs_layout`` is one ``isascii`` and, for other text,
one set test against the characters the face draws.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import pairwise
from typing import Any, NamedTuple

import uharfbuzz as hb  # reportlab's ttfonts imports it too, when it is installed
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont
from reportlab.pdfgen.textobject import PDFTextObject

# How thick the outline that makes a fallback face's letters bold is, as a share of the size.
EMBOLDEN = 0.03
# Private code points for glyphs no character maps to (plane 15, the supplementary private
# use area): never a character the paper prints (printable.py names those instead).
PRIVATE = 0xF0000


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """A pattern matching one character of the ranges. Made from numbers: the font tool
    (tools/subset_fonts.py) reads every string in the package as text the paper prints."""
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


# Strongly right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko..., their
# presentation forms, and the right-to-left blocks beyond the basic plane.
_RTL_RANGES = (
    (0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFE), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF),
)  # fmt: skip

# Characters that need HarfBuzz: those, scripts that combine or reorder their letters
# (Indic, Thai, Tibetan, Myanmar, Khmer, Mongolian...), and combining marks (positioned on
# their letter by the font, not after it).
_COMPLEX = _char_class(
    (
        *_RTL_RANGES, (0x0300, 0x036F), (0x0483, 0x0489), (0x0900, 0x0FFF), (0x1000, 0x109F),
        (0x1780, 0x18AF), (0x1A00, 0x1BFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
        (0xA800, 0xA82F), (0xA840, 0xA8FF), (0xA980, 0xA9FF), (0xAA00, 0xAADF),
        (0xFE20, 0xFE2F), (0x11000, 0x111FF),
    )
)  # fmt: skip


@lru_cache(maxsize=1)
def _rtl() -> re.Pattern[str]:
    """The right-to-left characters. Compiled when first asked for (a millisecond: Python
    compiles a class of characters a code point at a time), which a paper never does when
    ``_COMPLEX``, which holds every one of them, finds none."""
    return _char_class(_RTL_RANGES)


JOINERS = (chr(0x200C), chr(0x200D))  # zero-width non-joiner and joiner
# Removed by the bidirectional algorithm's rule X9 before levels are resolved.
_X9 = {"RLE", "LRE", "RLO", "LRO", "PDF", "BN"}

_lock = threading.Lock()


class Run(NamedTuple):
    """Part of a line in one font, in visual order: ``text`` is a plain string, or a
    reportlab ``ShapedStr`` (glyphs as characters, with their positions)."""

    font: str
    text: str
    width: float  # in units of 1/1000 of the font size
    # Stretches of glyphs (start, end) in ``text`` that extraction would not read as the
    # text they stand for, and that text: drawn with it as their ActualText.
    spans: tuple[tuple[int, int, str], ...] = ()
    source: str = ""  # the characters it draws, in logical order


class Line(NamedTuple):
    runs: tuple[Run, ...]

    @property
    def width(self) -> float:
        return sum(run.width for run in self.runs)


def _font(name: str) -> Any:
    return pdfmetrics.getFont(name)


def own_chars(font: Any) -> frozenset[int]:
    """The code points ``font``'s own cmap maps to a glyph (not the private ones added)."""
    cached: frozenset[int] | None = getattr(font, "_own_chars", None)
    if cached is None:
        cached = frozenset(c for c, g in font.face.charToGlyph.items() if g and c < PRIVATE)
        font._own_chars = cached
    return cached


def fallbacks_of(font: Any) -> tuple[str, ...]:
    """The names of the faces that draw what ``font`` does not, in order (fonts.py)."""
    return tuple(getattr(font, "fallbacks", ()))


def needs_layout(text: str, font: Any) -> bool:
    """Whether ``text`` in ``font`` needs more than reportlab's one glyph per character:
    a character that needs shaping or right-to-left order, or one the face does not draw
    (drawn by a fallback face)."""
    if text.isascii():
        return False
    return bool(_COMPLEX.search(text)) or has_missing(text, font)


def has_missing(text: str, font: Any) -> bool:
    """Whether ``font`` lacks a character of ``text`` (one a fallback face draws)."""
    own: frozenset[str] | None = getattr(font, "_own_text", None)
    if own is None:  # its characters, and all of ASCII: a set test in C, not a loop
        own = font._own_text = frozenset(map(chr, own_chars(font))) | frozenset(
            map(chr, range(128))
        )
    return not own.issuperset(text)


def base_level(text: str) -> int:
    """0 for a left-to-right paragraph, 1 for right to left. The paper is English: a
    paragraph is right to left when most of its letters are (an Arabic note), not for an
    Arabic name at the start of an English line (a higher-level protocol, UAX #9 HL1, in
    place of the first strong character of rule P2)."""
    if not _COMPLEX.search(text) or not _rtl().search(text):
        return 0
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return int(rtl > ltr)


def levels(text: str, base: int) -> list[int]:
    """The embedding level of each character of one line (UAX #9, rules X1 to I2 and L1)."""
    if base == 0 and not _rtl().search(text):
        return [0] * len(text)
    from bidi import algorithm as uba

    kept = [i for i, char in enumerate(text) if unicodedata.bidirectional(char) not in _X9]
    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels("".join(text[i] for i in kept), storage, False, False)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    chars = storage["chars"]
    out = [-1] * len(text)
    for i, char in zip(kept, chars, strict=True):
        out[i] = char["level"]
    for i, level in enumerate(out):  # a removed character goes with the one before it
        if level < 0:
            out[i] = out[i - 1] if i else base
    # L1: white space at the end of the line, and before a tab, takes the paragraph's level.
    reset = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            out[i], reset = base, True
        elif reset and kind in ("WS", "BN"):
            out[i] = base
        else:
            reset = False
    return out


def _font_of(char: str, previous: Any, primary: Any, fallbacks: tuple[str, ...]) -> Any:
    code = ord(char)
    if previous is not None and (
        char in JOINERS or (_is_mark(char) and code in own_chars(previous))
    ):
        return previous  # a combining mark or a joiner stays with its letter's face
    if code < 0x80 or code in own_chars(primary):
        return primary
    for name in fallbacks:
        face = _font(name)
        if code in own_chars(face):
            return face
    return primary


def _stand_ins(text: str, primary: Any, fallbacks: tuple[str, ...]) -> str:
    """``text`` with each character no face draws as its name, never an empty box: the
    board paper has already named them (printable.py, which says so before export), but a
    paper that does not must not draw a box either. A formatting character is left out."""
    if not has_missing(text, primary):
        return text
    faces = [primary, *(_font(name) for name in fallbacks)]
    out = []
    for char in text:
        code = ord(char)
        if code < 0x80 or char in JOINERS or any(code in own_chars(face) for face in faces):
            out.append(char)
        elif unicodedata.category(char) != "Cf":
            out.append(f"[{unicodedata.name(char, f'U+{code:04X}').lower()}]")
    return "".join(out)


def _faces(text: str, primary: Any, fallbacks: tuple[str, ...]) -> list[Any]:
    """The face of each character. A word of a script that joins its letters is set in one
    face where one draws it all (an Urdu word with a letter DejaVu lacks, in Noto Sans
    Arabic): letters in two faces cannot join."""
    faces: list[Any] = []
    previous: Any = None
    for char in text:
        previous = _font_of(char, previous, primary, fallbacks)
        faces.append(previous)
    for word in re.finditer(r"\S+", text):
        start, end = word.span()
        used = faces[start:end]
        if all(face is used[0] for face in used) or not _COMPLEX.search(word[0]):
            continue
        codes = {ord(char) for char in word[0]} - {ord(j) for j in JOINERS}
        for face in (primary, *(_font(name) for name in fallbacks)):
            if any(f is face for f in used) and codes <= own_chars(face):
                faces[start:end] = [face] * (end - start)
                break
    return faces


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def shapes(char: str) -> bool:
    """Whether ``char`` is of a script HarfBuzz shapes (or a combining mark)."""
    return bool(_COMPLEX.match(char))


def _visual_order(spans: list[tuple[int, int, int, Any]]) -> list[tuple[int, int, int, Any]]:
    """Rule L2 on runs (start, end, level, font): from the highest level down to the
    lowest odd one, reverse every stretch of runs at that level or above."""
    if not spans:
        return spans
    top = max(span[2] for span in spans)
    odd = min((span[2] for span in spans if span[2] % 2), default=top + 1)
    order = list(spans)
    for level in range(top, odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i][2] >= level:
                j = i
                while j < len(order) and order[j][2] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


@lru_cache(maxsize=16)
def _hb_font(font: Any) -> Any:
    """HarfBuzz's font of a reportlab face, made from the same bytes."""
    return hb.Font(hb.Face(hb.Blob(font.face._ttf_data)))


def _char_for(font: Any, gid: int) -> int:
    """A code point that stands for glyph ``gid`` in ``font``: one its cmap maps to it, else
    ``PRIVATE + gid``, added to reportlab's maps of the face (so that it is subset, and
    measured, like any other character)."""
    face = font.face
    chars = face.glyphToChar.get(gid)
    if chars:
        return int(chars[0])
    code = PRIVATE + gid
    with _lock:
        if code not in face.charToGlyph:
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = face._pdfScale(face.hmetrics[gid][0])
    return code


def _shape(text: str, font: Any, rtl: bool) -> Run:
    """HarfBuzz's glyphs for ``text`` in ``font``, left to right on the page."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(_hb_font(font), buf, {"kern": True, "liga": True})
    scale = font.face._pdfScale
    glyphs: list[str] = []
    data: list[Any] = []
    total = 0.0
    infos = buf.glyph_infos
    for info, pos in zip(infos, buf.glyph_positions, strict=True):
        code = _char_for(font, info.codepoint)
        glyphs.append(chr(code))
        advance = scale(pos.x_advance)
        total += advance
        width = font.face.charWidths.get(code, font.face.defaultWidth)
        data.append(
            ShapeData(
                info.cluster, advance, scale(pos.y_advance), scale(pos.x_offset),
                scale(pos.y_offset), width,
            )
        )  # fmt: skip
    spans = _unread(text, [info.cluster for info in infos], glyphs, rtl)
    return Run(font.fontName, ShapedStr("".join(glyphs), shapeData=data), total, spans, text)


def glyph_text(code: int) -> str:
    """The text a glyph drawn as character ``code`` stands for, in the font's ToUnicode map
    (fonts.py): a presentation form (a contextual form of an Arabic letter, a lam-alef
    ligature, a Hebrew letter with its point), which HarfBuzz picks when it shapes a word,
    stands for the letters it is a form of (its compatibility decomposition), listed as
    they are seen, right to left reversed: text extraction reads the glyphs of a line
    before it puts its right-to-left stretches in reading order."""
    char = chr(code)
    if 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE:
        return unicodedata.normalize("NFKC", char)[::-1] or char
    return char


def _unread(
    text: str, clusters: list[int], glyphs: list[str], rtl: bool
) -> tuple[tuple[int, int, str], ...]:
    """The glyph clusters that extraction would not read as their text: a glyph with no
    character of its own, a joiner, a presentation form typed as such (U+FDFA: its glyph is
    mapped to the letters it is made of), in left-to-right scripts a cluster whose glyphs
    do not spell its characters in order (a conjunct, a vowel sign drawn before its
    consonant), and in right-to-left ones a letter with its marks (an Arabic shadda, a
    Hebrew point), whose glyphs overlap: extraction takes them apart."""
    bounds = sorted({*clusters, len(text)})
    ends = dict(pairwise(bounds))
    if rtl:  # a letter and the marks on it are one group
        bases = [i for i, char in enumerate(text) if not _is_mark(char)] or [0]
        keys = [bases[max(bisect_right(bases, cluster) - 1, 0)] for cluster in clusters]
    else:
        keys = clusters
    spans: list[tuple[int, int, str]] = []
    start = 0
    while start < len(glyphs):
        end = start
        while end < len(glyphs) and keys[end] == keys[start]:
            end += 1
        codes = [ord(glyph) for glyph in glyphs[start:end]]
        own = clusters[start:end]
        typed = text[min(own) : ends[max(own)]]
        if (
            any(code >= PRIVATE for code in codes)
            or typed in JOINERS  # drawn as nothing: HarfBuzz gives an empty space
            or any(glyph_text(ord(char)) != char for char in typed)  # a form typed as such
            or (not rtl and "".join(glyph_text(code) for code in codes) != typed)
        ):
            spans.append((start, end, typed[::-1] if rtl else typed))
        elif rtl and any(_is_mark(char) for char in typed):
            spans.append((start, end, typed[::-1]))  # as seen, as glyph_text lists them
        start = end
    return tuple(spans)


def layout(text: str, primary: str, base: int | None = None) -> Line:
    """``text``, one line, in the face registered as ``primary`` (and its fallbacks) as
    runs in visual order. ``base``: the paragraph's direction (0 left to right, 1 right to
    left); by default the line's own (its first strong character)."""
    font = _font(primary)
    return _layout(text, font, base_level(text) if base is None else base, fallbacks_of(font))


@lru_cache(maxsize=4096)
def _layout(text: str, primary: Any, base: int, fallbacks: tuple[str, ...]) -> Line:
    # Keyed by the face itself: a tier's faces share their names (fonts.py).
    text = _stand_ins(text, primary, fallbacks)
    line_levels = levels(text, base)
    faces = _faces(text, primary, fallbacks)
    spans: list[tuple[int, int, int, Any]] = []
    for i, face in enumerate(faces):
        if spans and spans[-1][2] == line_levels[i] and spans[-1][3] is face:
            spans[-1] = (spans[-1][0], i + 1, line_levels[i], face)
        else:
            spans.append((i, i + 1, line_levels[i], face))
    runs: list[Run] = []
    for start, end, level, face in _visual_order(spans):
        part = text[start:end]
        rtl = bool(level % 2)
        if rtl or _COMPLEX.search(part):
            runs.append(_shape(part, face, rtl))
        else:
            runs.append(Run(face.fontName, part, _plain_width(face, part), (), part))
    return Line(tuple(runs))


def _plain_width(font: Any, text: str) -> float:
    return float(TTFont.stringWidth(font, text, 1000))


def text_width(text: str, font: Any, size: float) -> float:
    """The width of ``text`` in ``font`` as it is drawn, in points: a line that needs
    shaping or reordering as ``layout`` sets it; other text (characters from fallback
    faces, as CJK is) character by character from a table kept for the face. reportlab
    measures a word it breaks across lines a character at a time: a CJK paragraph, having
    no spaces, is one such word."""
    if _COMPLEX.search(text):
        return line_width(text, font, size)
    fallbacks = fallbacks_of(font)
    tables: dict[tuple[str, ...], dict[str, float]] = font.__dict__.setdefault("_widths", {})
    table = tables.setdefault(fallbacks, {})
    total = 0.0
    for char in text:
        width = table.get(char)
        if width is None:
            width = table[char] = _char_width(char, font, fallbacks)
        total += width
    return total * size / 1000


def _char_width(char: str, font: Any, fallbacks: tuple[str, ...]) -> float:
    shown = _stand_ins(char, font, fallbacks)
    if shown != char:
        return _plain_width(font, shown) if shown else 0.0
    return _plain_width(_font_of(char, None, font, fallbacks), char)


def line_width(text: str, font: Any, size: float) -> float:
    """The width of ``text`` in ``font`` as ``layout`` sets it, in points."""
    return _layout(text, font, base_level(text), fallbacks_of(font)).width * size / 1000


# Scripts that name their language (a screen reader switches voice on /Lang), by range.
_LANGUAGES = (
    (0x0590, 0x05FF, "he"), (0xFB1D, 0xFB4F, "he"), (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"), (0x0A00, 0x0A7F, "pa"), (0x0A80, 0x0AFF, "gu"),
    (0x0B00, 0x0B7F, "or"), (0x0B80, 0x0BFF, "ta"), (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"), (0x0D00, 0x0D7F, "ml"), (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"), (0x0E80, 0x0EFF, "lo"), (0x1000, 0x109F, "my"),
    (0x1200, 0x139F, "am"), (0x1780, 0x17FF, "km"), (0x1100, 0x11FF, "ko"),
    (0x3130, 0x318F, "ko"), (0xAC00, 0xD7AF, "ko"), (0x3040, 0x30FF, "ja"),
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0x08A0, 0x08FF, "ar"),
    (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFE, "ar"),
    (0x4E00, 0x9FFF, "zh"), (0x3400, 0x4DBF, "zh"), (0xF900, 0xFAFF, "zh"),
)  # fmt: skip
_URDU = {0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2}  # ٹ ڈ ڑ ں ھ ہ ے
_PERSIAN = {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC}  # پ چ ژ ک گ ی


def language_of(run: str, line: str) -> str:
    """The language a run of text is in, where its script says so ("" where it does not,
    or for the paper's own Latin and European scripts). Arabic script is Urdu or Persian
    by their own letters; Chinese characters are Japanese on a line that has kana."""
    for char in run:
        code = ord(char)
        language = next((lang for first, last, lang in _LANGUAGES if first <= code <= last), "")
        if language == "ar":
            codes = {ord(c) for c in run}
            return "ur" if codes & _URDU else "fa" if codes & _PERSIAN else "ar"
        if language == "zh" and any(0x3040 <= ord(c) <= 0x30FF for c in line):
            return "ja"
        if language:
            return language
    return ""


def _rgb(color: Any) -> str:
    """A colour's three components for the RG operator (the paper's colours are RGB)."""
    if hasattr(color, "red"):
        return str(fp_str(color.red, color.green, color.blue))
    if isinstance(color, tuple | list) and len(color) == 3:
        return str(fp_str(*color))
    return "0 0 0"


def actual_text(text: str) -> str:
    """A PDF text string of ``text``: UTF-16BE with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class ScriptText(PDFTextObject):  # type: ignore[misc]
    """reportlab's text object, laying out each line that needs it (``layout``) and
    drawing its runs, each in its own face, in the order they are seen.

    ``base``: the direction of the paragraph being drawn (``base_level``), set by the
    paragraph (blocks.Para); by default each line's own."""

    base: int | None = None
    _fontname: str  # reportlab's: the face the text is in now

    def _formatText(self, text: str) -> str:
        primary = self._fontname
        if isinstance(text, ShapedStr) or not needs_layout(text, _font(primary)):
            return str(super()._formatText(text))
        out = []
        bold = getattr(_font(primary), "bold", False)
        for run in layout(text, primary, self.base).runs:
            if run.font != self._fontname:
                self._fontname, self._curSubset = run.font, -1  # the next run sets its font
            pieces = self._pieces(run)
            if bold and run.font != primary:  # a fallback face has no bold weight
                pieces = [self._embolden(), *pieces, self._unembolden()]
            language = language_of(run.source, text)
            if language:  # a screen reader reads it in that language's voice
                pieces = [f"/Span <</Lang ({language})>> BDC", *pieces, "EMC"]
            out += pieces
        if self._fontname != primary:
            self._fontname, self._curSubset = primary, -1
        return " ".join(out)

    def _embolden(self) -> str:
        """Bold text in a face that has no bold weight: its letters filled and outlined in
        the text's colour, ``EMBOLDEN`` of the size thick (PDF text render mode 2)."""
        fill = getattr(self, "_fillColorObj", None) or self._canvas._fillColorObj
        return f"{_rgb(fill)} RG {fp_str(self._fontsize * EMBOLDEN)} w 2 Tr"

    def _unembolden(self) -> str:
        """Back to filled letters, and the canvas's own line width and stroke colour."""
        stroke = getattr(self, "_strokeColorObj", None) or self._canvas._strokeColorObj
        mode = self._textRenderMode
        return f"{mode} Tr {fp_str(self._canvas._lineWidth)} w {_rgb(stroke)} RG"

    def setRise(self, rise: float) -> None:
        # reportlab 5.1 reads the last operator written, and there is none when a shaped
        # string's first glyph is raised (a mark): tests/unit/test_pdf_scripts.py.
        if not self._code:
            self._code.append("")
        super().setRise(rise)

    def _pieces(self, run: Run) -> list[str]:
        """The operators that draw ``run``: glyphs extraction would not read as their text
        are marked with the text they stand for."""
        out: list[str] = []
        done = 0
        for start, end, text in run.spans:
            if start > done:
                out.append(super()._formatText(run.text[done:start]))
            glyphs = super()._formatText(run.text[start:end])
            out.append(f"/Span <</ActualText {actual_text(text)}>> BDC {glyphs} EMC")
            done = end
        if done < len(run.text):
            out.append(super()._formatText(run.text[done:] if done else run.text))
        return out
