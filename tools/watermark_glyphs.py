"""Write the outlines of the DRAFT watermark's letters (a developer's step, run once).

    .venv/bin/python tools/watermark_glyphs.py          # writes services/pdf/draft_glyphs.py
    .venv/bin/python tools/watermark_glyphs.py --check  # exit 1 if that file is out of date

Why: the watermark used to be text. Text is what text extraction reads, and a diagonal
DRAFT across every page came out of ``pdftotext`` as stray letters in the middle of the
paper ("A", "R", "FT" between the cover's rows). Drawn as filled outlines it looks the
same and is not text at all; it is marked as an artifact too (services/pdf/tagging.py).

The outlines are those of DejaVu Sans Bold (resources/fonts/DejaVuSans-Bold.ttf), in font
units, TrueType's quadratic curves written as the cubic curves PDF draws (exactly: a
quadratic curve is a cubic one with its control points at two thirds). Needs fontTools
(the ``dev`` extra); the product never imports it: the output is committed, and a test
regenerates it and compares.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
OUT = ROOT / "syslead_desktop" / "services" / "pdf" / "draft_glyphs.py"
LETTERS = "DRAFT"


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def outlines() -> tuple[int, dict[str, str]]:
    """Units per em, and each letter's outline as PDF path operators in font units."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    class PDFPathPen(BasePen):  # type: ignore[misc]
        def __init__(self, glyphs: object) -> None:
            super().__init__(glyphs)
            self.ops: list[str] = []

        def _moveTo(self, p: tuple[float, float]) -> None:
            self.ops.append(f"{_num(p[0])} {_num(p[1])} m")

        def _lineTo(self, p: tuple[float, float]) -> None:
            self.ops.append(f"{_num(p[0])} {_num(p[1])} l")

        def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float],
                        p3: tuple[float, float]) -> None:  # fmt: skip
            self.ops.append(" ".join(_num(v) for v in (*p1, *p2, *p3)) + " c")

        def _qCurveToOne(self, p1: tuple[float, float], p2: tuple[float, float]) -> None:
            x0, y0 = self._getCurrentPoint()
            c1 = (x0 + 2 * (p1[0] - x0) / 3, y0 + 2 * (p1[1] - y0) / 3)
            c2 = (p2[0] + 2 * (p1[0] - p2[0]) / 3, p2[1] + 2 * (p1[1] - p2[1]) / 3)
            self._curveToOne(c1, c2, p2)

        def _closePath(self) -> None:
            self.ops.append("h")

    font = TTFont(str(SOURCE))
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    paths = {}
    for letter in LETTERS:
        pen = PDFPathPen(glyphs)
        glyphs[cmap[ord(letter)]].draw(pen)
        paths[letter] = " ".join(pen.ops)
    return font["head"].unitsPerEm, paths


def module_text() -> str:
    units, paths = outlines()
    lines = [
        '"""The DRAFT watermark\'s letters as outlines (DejaVu Sans Bold, in font units).',
        "",
        "Written by tools/watermark_glyphs.py: do not edit (a test regenerates and compares).",
        '"""',
        "",
        f"UNITS_PER_EM = {units}",
        "# Each letter's path operators, in pieces (joined with spaces when drawn).",
        "OUTLINES = {",
    ]
    for letter, path in paths.items():
        lines.append(f'    "{letter}": [')
        words = path.split(" ")
        line = ""
        for word in words:
            if len(line) + len(word) + 1 > 84:
                lines.append(f'        "{line}",')
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(f'        "{line}",')
        lines.append("    ],")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = module_text()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(text):,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
