"""Paragraphs made from reportlab's parse of their shape (blocks._paragraph): the
fragments are exactly those the parser makes of the paragraph itself, and each shape is
parsed once a style."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf import blocks
from syslead_desktop.services.pdf.fonts import register_fonts
from syslead_desktop.services.pdf.theme import esc, make_styles
from syslead_desktop.services.review import prepare_review, render_review
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests.conftest import EXAMPLE, EXAMPLES

from .test_pdf_support import HOSTILE, UNICODE

# Shapes the paper's own markup takes, and the cases that must go to the parser.
MADE = [
    "Plain text, one run.",
    "<b>Why strong:</b> The board backed it. <font color='#4C6272'>(rule R-BRD-STRONG)</font>",
    "9 Dec 2026<br/><font color='#4C6272' size='8'>before the public board meeting</font>",
    "<b>Tool design</b>, building on it.<br/><font color='#4c6272'>Why: because.</font>",
    "or <b>Defer and strengthen</b>",
    "<b>Evidence</b><br/>Gordon 2021, Results",
    '<a href="https://example.org/a" color="#005EB8"><u>https://example.org/a</u></a>',
    '<a href="https://example.org/?a=1&amp;b=2"><u>with an entity</u></a>',
    "<i>italic</i> <u>under</u> <b><font size='8'>nested</font></b>",
    "  spaced   out\n over lines  ",
    "a<br/><br/>b",
    "<br/>",
    "<strike>struck</strike> <super>2</super> <greek>a</greek>",
    "x<b>x</b>x",
    UNICODE,
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def _paper_markups() -> Iterator[tuple[str, Any]]:
    """Every (markup, style) the example paper and the review paper make."""
    seen: list[tuple[str, Any]] = []
    real = blocks._paragraph

    def recorded(markup: str, style: Any, bullet: str | None = None) -> Any:
        seen.append((markup, style))
        return real(markup, style, bullet)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "_paragraph", recorded)
        render_assessed(assess_decision(load_decision(EXAMPLE), load_rulebook()))
        decision = load_decision(EXAMPLES / "scanning-capacity-review.syslead.yaml")
        render_review(prepare_review(decision, load_rulebook()))
    assert len(seen) > 200
    yield from seen


def _described(paragraph: Paragraph) -> list[tuple[type, dict[str, Any], int, int]]:
    """Each fragment's class and attributes, and which of the paragraph's fragments share
    its ``link`` and ``us_lines`` lists (the parser shares them between fragments)."""
    frags = paragraph.frags
    first: dict[int, int] = {}
    for number, frag in enumerate(frags):
        for name in ("link", "us_lines"):
            first.setdefault(id(getattr(frag, name)), number)
    return [(type(f), dict(vars(f)), first[id(f.link)], first[id(f.us_lines)]) for f in frags]


def _same_as_the_parser(markup: str, style: Any) -> None:
    ours, parsed = blocks._paragraph(markup, style), Paragraph(markup, style)
    assert ours.text == parsed.text
    assert ours.style is parsed.style
    assert _described(ours) == _described(parsed), markup


def test_the_paper_s_paragraphs_have_the_fragments_the_parser_makes() -> None:
    for markup, style in _paper_markups():
        _same_as_the_parser(markup, style)


@pytest.mark.parametrize("markup", MADE + [esc(text) for text in HOSTILE])
@pytest.mark.parametrize("style", ["body", "cell", "h2", "bullet", "chip"])
def test_every_shape_has_the_fragments_the_parser_makes(markup: str, style: str) -> None:
    _same_as_the_parser(markup, getattr(make_styles(), style))


def test_no_two_paragraphs_share_a_list() -> None:
    s = make_styles()
    one, two = (blocks._paragraph(f"<b>Label:</b> text {n}", s.body) for n in (1, 2))
    lists = {id(getattr(f, name)) for f in one.frags for name in ("link", "us_lines")}
    assert not lists & {id(getattr(f, n)) for f in two.frags for n in ("link", "us_lines")}


def test_each_shape_is_parsed_once_a_style(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = ParaParser.parse

    def counted(self: ParaParser, text: str, style: Any) -> Any:
        parsed.append(text)
        return real(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counted)
    s = make_styles()
    for n in range(10):
        blocks._paragraph(f"<b>Label {n}:</b> the text of paragraph {n}", s.body)
        blocks._paragraph(f"Plain paragraph {n}", s.body)
    blocks._paragraph("<b>Label:</b> in another style", s.cell)
    assert parsed == ["<b>x</b>x", "x", "<b>x</b>x"]
    blocks._paragraph("A &amp; B", s.body)  # an entity: the paragraph itself is parsed
    assert parsed[-1] == "A &amp; B"


def test_markup_in_error_is_reported_in_its_own_words() -> None:
    with pytest.raises(ValueError, match="Unclosed words"):
        blocks._paragraph("<b>Unclosed words", make_styles().body)
