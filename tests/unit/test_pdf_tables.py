"""A titled table with closing lines (blocks.TableWithEnds): how often it is measured."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from syslead_desktop.services.pdf import blocks
from syslead_desktop.services.pdf.blocks import TableWithEnds, para
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
from syslead_desktop.services.pdf.theme import make_styles

ROWS = [["Question", "Answer"]] + [[f"Question {n}?", f"Answer {n}"] for n in range(5)]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def _block() -> TableWithEnds:
    s = make_styles()
    head = [para("4.1 Board backing", s.h2), Spacer(1, 3)]
    tail = [para("Why strong: the board backed it.", s.body)]
    return TableWithEnds(head, ROWS, [250.0, 200.0], s, tail)


def _build(story: list[Any], monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int, int]:
    """The pages' text, how often blocks stacked a list of flowables to measure it, and
    how many tables they made."""
    stacked, tables = [0], [0]
    stack, table = blocks._listWrapOn, TableWithEnds._table

    def counted_stack(*args: Any, **kwargs: Any) -> Any:
        stacked[0] += 1
        return stack(*args, **kwargs)

    def counted_table(self: TableWithEnds, rows: Any) -> Any:
        tables[0] += 1
        return table(self, rows)

    monkeypatch.setattr(blocks, "_listWrapOn", counted_stack)
    monkeypatch.setattr(TableWithEnds, "_table", counted_table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FAMILY, invariant=1).build(story)
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(buffer).pages]
    return texts, stacked[0], tables[0]


def test_a_block_that_fits_is_stacked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    pages, stacked, tables = _build([_block()], monkeypatch)
    assert len(pages) == 1 and "Answer 4" in pages[0] and "Why strong" in pages[0]
    assert (stacked, tables) == (1, 1)  # the whole block, once: not its head again


def test_a_block_moved_to_the_next_page_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Little room left: the block goes whole to the next page, where it is tried again
    with what was measured on the first."""
    filler = Spacer(1, A4[1] - 260)
    pages, stacked, tables = _build([filler, _block()], monkeypatch)
    assert len(pages) == 2 and "Board backing" in pages[1] and "Why strong" in pages[1]
    assert "Board backing" not in pages[0]
    assert (stacked, tables) == (1, 1)
