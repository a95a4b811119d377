"""Table cells: a short plain line is drawn by the table itself, and looks exactly like the
paragraph it stands for; anything else is still a paragraph."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import ImageChops
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from syslead_desktop.services.pdf import blocks
from syslead_desktop.services.pdf.blocks import cells, grid, label_value, text_cell
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
from syslead_desktop.services.pdf.theme import make_styles

from .test_pdf_support import HOSTILE

ROWS = [
    ["Factor", "Rating", "Why"],
    [
        "Board backing",
        "Strong",
        "The board backed the offer in a private session, with two conditions on timing.",
    ],
    ["Stability", "A < B & C", "Cash is tight this quarter\nbut recovering."],
    ["Regulatory exposure", "Zoë Łukasz", "  spaced   out  "],
    ["Relationships", "Not recorded", "x" * 400],
]
WIDTHS = [120.0, 90.0, 250.0]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()  # as render_pdf does before it builds the story


def _pixels(story: list[object]) -> object:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FAMILY, invariant=1)
    doc.build(story)
    pdf = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        return pdf[0].render(scale=3).to_pil().convert("RGB")
    finally:
        pdf.close()


def _as_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell a paragraph, as before text cells existed."""
    monkeypatch.setattr(blocks, "text_cell", lambda text, style, _avail: blocks.para(text, style))


def test_text_cells_look_exactly_like_the_paragraphs_they_replace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = make_styles()
    story = [grid(ROWS, WIDTHS, s), label_value([(r[0], r[2]) for r in ROWS], s, 460)]
    fast = _pixels(story)
    _as_paragraphs(monkeypatch)
    slow = _pixels([grid(ROWS, WIDTHS, s), label_value([(r[0], r[2]) for r in ROWS], s, 460)])
    assert ImageChops.difference(fast, slow).getbbox() is None  # not one pixel differs


def test_only_one_plain_line_that_fits_becomes_a_text_cell() -> None:
    s = make_styles()
    made = cells(ROWS, WIDTHS, s)
    assert made[0] == ["Factor", "Rating", "Why"]  # the header row: plain and short
    assert made[1][:2] == ["Board backing", "Strong"]
    assert isinstance(made[1][2], Paragraph)  # too long for one line: wraps
    assert made[2][1] == "A < B & C"  # drawn as it is: no markup is read
    assert isinstance(made[2][2], Paragraph)  # a line break is kept by the paragraph
    assert isinstance(made[3][2], Paragraph)  # spacing that a paragraph would tidy
    assert isinstance(made[4][2], Paragraph)
    assert isinstance(text_cell("", s.cell, 100), Paragraph)  # an empty cell has no line


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_cell_is_printed_as_typed(text: str) -> None:
    cell = text_cell(text, make_styles().cell, 400)
    if isinstance(cell, str):
        assert cell == text
    else:
        assert "&lt;" in cell.text or "&amp;" in cell.text  # escaped for the paragraph


def _pages_of(story: list[object]) -> list[str]:
    from pypdf import PdfReader
    from reportlab.lib.units import mm

    buffer = io.BytesIO()
    margins = {f"{side}Margin": 20 * mm for side in ("top", "bottom", "left", "right")}
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, **margins).build(story)
    return [" ".join(page.extract_text().split()) for page in PdfReader(buffer).pages]


def test_a_row_that_fits_on_a_page_moves_to_the_next_page_whole() -> None:
    """reportlab's in-row split cut a row at the foot of a page: its header was repeated
    in mid-page, a few lines of it followed, and a fragment opened the next page (the
    example paper's last action did so). Whatever the rows above it, a row that fits on
    a page is never cut, and the header stands only at a page's top."""
    s = make_styles()
    tall = "Firstword of the tall row. " + "More of the tall row. " * 30 + "Lastword."
    for above in range(4, 16):
        filler = [[f"Row {n}", "A short reason. " * 12, "A short basis."] for n in range(above)]
        rows = [["Rule", "Why", "Basis"], *filler, ["Tall", tall, "Its basis."]]
        pages = _pages_of([grid(rows, [90, 200, 180], s)])
        [page] = [p for p in pages if "Firstword" in p]
        assert "Lastword." in page, f"the tall row is cut after {above} rows"
        assert all(p.count("Rule Why Basis") == 1 for p in pages), above


def test_a_row_taller_than_a_page_still_splits() -> None:
    s = make_styles()
    text = "Sentence of a very long cell. " * 900 + "Lastword."
    pages = _pages_of([grid([["Label", "Text"], ["Row", text]], [100, 370], s)])
    assert len(pages) >= 3
    assert " ".join(pages).count("Sentence of a very long cell.") == 900
    assert "Lastword." in pages[-1]
