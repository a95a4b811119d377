"""Baseline for the render benchmark: a plain reportlab document of N pages.

``python bench/bare_render.py OUT.pdf --pages N`` builds a SimpleDocTemplate holding a
heading and a few plain paragraphs on each page, with a page break between pages, so the
result has exactly N pages.  Run as a whole process, like ``syslead render``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PARAGRAPHS_PER_PAGE = 6
TEXT = (
    "This paragraph is plain body text of about the length a board paper uses. "
    "It has no tables, no images and no special fonts, so the time it takes is the "
    "cost of reportlab itself: importing it, laying text out and writing the file. "
)


def build(out: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[object] = []
    for number in range(1, pages + 1):
        story.append(Paragraph(f"Page {number}", styles["Heading1"]))
        story.extend(Paragraph(TEXT * 2, styles["BodyText"]) for _ in range(PARAGRAPHS_PER_PAGE))
        if number < pages:
            story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4, title="Bare render baseline").build(story)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, required=True)
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    build(args.out, args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
