"""Render time linear in the text (issue #11, item 6).

A note of 0.1, 0.25, 0.5 and 1 MB took 2.2, 11, 46 and 236 s: one enormous paragraph
was broken into lines again on every page. Timings are for ``make bench``; these tests
count the work instead (characters given to reportlab's line breaking), check the
pages come out exactly as one paragraph would draw them, and that a render can be
cancelled part-way."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, paragraph

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf import blocks, longtext
from syslead_desktop.services.pdf.blocks import _paragraph, para
from syslead_desktop.services.pdf.render import render_pdf
from syslead_desktop.services.pdf.theme import esc, make_styles
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests.conftest import EXAMPLE

WORDS = [
    "The",
    "board",
    "agreed",
    "that",
    "the",
    "trust",
    "would",
    "offer",
    "weekend",
    "capacity,",
    "subject",
    "to",
    "review",
    "by",
    "the",
    "Finance",
    "&",
    "Performance",
    "Committee;",
    "costs",
    "<",
    "£380,000",
    "and",
    ">",
    "£0",
    "were",
    "noted.",
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    """The paper's fonts, as a render registers them, for stories built here."""
    from syslead_desktop.services.pdf.fonts import register_fonts

    register_fonts(note_of(1000))


def note_of(size: int) -> str:
    words, total, i = [], 0, 0
    while total < size:
        word = WORDS[i % len(WORDS)] if i % 97 else "https://example.org/" + "x" * 150
        words.append(word)
        total += len(word) + 1
        i += 1
    return " ".join(words)[:size]


def broken(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the characters reportlab breaks into lines from now on."""
    counts: Counter[str] = Counter()
    real = paragraph.Paragraph.breakLines

    def counting(self: Any, width: Any) -> Any:
        counts["chars"] += sum(len(getattr(f, "text", "") or "") for f in self.frags)
        return real(self, width)

    monkeypatch.setattr(paragraph.Paragraph, "breakLines", counting)
    return counts


def paper_with_note(note: str) -> bytes:
    decision = load_decision(EXAMPLE)
    decision.notes["success"] = note
    return render_assessed(assess_decision(decision, load_rulebook()))


def test_line_breaking_work_grows_linearly_with_the_note(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = broken(monkeypatch)
    paper_with_note("short")
    base = counts["chars"]
    work = {}
    for size in (40_000, 160_000):
        counts.clear()
        paper_with_note(note_of(size))
        work[size] = counts["chars"] - base
    # each character is broken into lines about once (quadratic: once per page after it)
    assert work[40_000] < 3 * 40_000 and work[160_000] < 3 * 160_000, work
    assert work[160_000] / work[40_000] < 5, work


def _render_story(flowables: list[Any]) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(flowables)
    return buffer.getvalue()


def _pixels(pdf: bytes) -> list[bytes]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=1).to_pil().tobytes() for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize("plain", [False, True], ids=["entities", "plain"])
@pytest.mark.parametrize("prefix", ["", "<b>Notes and evidence:</b> "], ids=["", "label"])
def test_a_long_paragraph_draws_exactly_as_one_paragraph_would(prefix: str, plain: bool) -> None:
    """The windows give the very lines, page breaks and pixels of one reportlab
    paragraph: entities, a word longer than a line, a bold label. (Should reportlab's
    split or its line-breaking result ever change under longtext.py, this fails.)"""
    style = make_styles().body
    text = note_of(70_000)
    if plain:  # one fragment: reportlab's simple line breaking, not the fragment kind
        text = text.replace("&", "and").replace("<", "under").replace(">", "over")
    markup = prefix + esc(text)
    assert len(markup) > longtext.LONG
    one = _render_story([_paragraph(markup, style)])
    windowed = _render_story([para(markup, style, markup=True)])
    assert isinstance(para(markup, style, markup=True), longtext.LongParagraph)
    texts = [
        [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
        for pdf in (one, windowed)
    ]
    if prefix and plain:
        # The bold label makes the first window (and the one paragraph) reportlab's
        # fragment kind, the windows after it the simple kind, which splits a word too
        # long for a line at other places: every character still comes, in order.
        assert "".join("".join(texts[0]).split()) == "".join("".join(texts[1]).split())
        return
    assert texts[0] == texts[1]  # the same lines on the same pages
    assert _pixels(windowed) == _pixels(one)  # and every pixel where it was


def test_a_long_table_cell_keeps_every_sentence() -> None:
    from reportlab.platypus import Table

    text = ("A very long table cell. " * 4200).strip()
    table = Table([["Label", para(text, make_styles().cell)]], colWidths=[100, 329], splitInRow=1)
    pdf = _render_story([table])
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    assert words.count("cell.") == 4200


def test_ordinary_papers_never_take_the_long_path(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = longtext.LongParagraph.__init__

    def spy(self: Any, markup: str, *args: Any) -> None:
        made.append(markup)
        real(self, markup, *args)

    monkeypatch.setattr(longtext.LongParagraph, "__init__", spy)
    ordinary = paper_with_note("Measures agreed at the ICB diagnostics board.")
    assert made == []
    monkeypatch.setattr(blocks, "LONG", 10**9)  # the long path switched off entirely
    assert paper_with_note("Measures agreed at the ICB diagnostics board.") == ordinary


class Stop(Exception):
    pass


def test_a_render_stops_when_its_check_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    decision = load_decision(EXAMPLE)
    decision.notes["success"] = note_of(100_000)
    assessed = assess_decision(decision, load_rulebook())
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) == 40:
            raise Stop

    counts = broken(monkeypatch)
    with pytest.raises(Stop):
        render_pdf(assessed.decision, assessed.loaded.rulebook, assessed.assessment, check=check)
    assert counts["chars"] < 100_000, "stopped part-way through the note, not at the end"
    assert longtext.CHECK.get() is None  # the next render in this thread is not cancelled
    calls.clear()
    pdf = render_pdf(
        assessed.decision, assessed.loaded.rulebook, assessed.assessment, check=lambda: None
    )
    assert pdf.startswith(b"%PDF-")


def test_write_board_paper_passes_its_check_into_the_render(tmp_path: Path) -> None:
    from syslead_desktop.services.workflow import write_board_paper

    decision = load_decision(EXAMPLE)
    decision.notes["success"] = note_of(100_000)
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) > 5:
            raise Stop

    target = tmp_path / "paper.pdf"
    with pytest.raises(Stop):
        write_board_paper(decision, load_rulebook(), target, check)
    assert not target.exists() and len(calls) == 6
