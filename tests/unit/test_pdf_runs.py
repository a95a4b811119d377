"""Runs of text: reportlab asks of every word of a paragraph of several fragments whether
its fragment can be drawn in one run with the last (``sameFrag``); SysLead answers it with
``blocks.same_run``, which must answer exactly as rl_accel does."""

from __future__ import annotations

import io
import itertools
from typing import Any

import _rl_accel
import pytest
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus import paragraph as reportlab_paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from syslead_desktop.services.pdf.blocks import RUN_ATTRIBUTES, para, same_run
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
from syslead_desktop.services.pdf.theme import make_styles

# Every kind of fragment reportlab's markup makes: bold, colours, sizes, underlines, links,
# a background, no breaking, super- and subscripts, a line break, a drawing callback.
MARKUP = (
    "Plain <b>bold</b> <i>italic</i> <u>under</u> <strike>struck</strike> "
    "<font color='#4C6272'>grey</font> <font size='8'>small</font> "
    "<font color='#4C6272' size='8'>both</font> <a href='https://example.org'>link</a> "
    "<a href='https://example.org/2' color='#005EB8'><u>blue link</u></a> "
    "<span backColor='#F0F4F5'>shaded</span> <nobr>no break</nobr> x<super>2</super> "
    "H<sub>2</sub>O<br/>next line <onDraw name='mark' label='here'/> end"
)


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def _frags() -> list[Any]:
    register_fonts()  # the paper's faces, as render_pdf registers them
    parser = ParaParser()
    parser.caseSensitive = 1
    _style, frags, _bullets = parser.parse(f"<para>{MARKUP}</para>", make_styles().body)
    assert frags is not None
    return list(frags)


def test_same_run_answers_as_rl_accel_for_every_pair_of_fragments() -> None:
    frags = _frags()
    kinds = {name for f in frags for name in vars(f)}
    assert {"cbDefn", "lineBreak", "backColor", "nobr", "link", "us_lines", "rise"} <= kinds
    pairs = list(itertools.product(frags, repeat=2))
    answers = [same_run(f, g) for f, g in pairs]
    assert answers == [bool(_rl_accel.sameFrag(f, g)) for f, g in pairs]
    assert True in answers and False in answers


def _attribute_names() -> set[str]:
    """Every attribute a fragment can have: all those the parser sets, and a few more."""
    seen = {name for f in _frags() for name in vars(f)}
    return seen | set(RUN_ATTRIBUTES) | {"underline", "strike", "strikeColor", "href"}


@pytest.mark.parametrize("name", sorted(_attribute_names()))
def test_fragments_differing_in_one_attribute_are_told_apart_as_rl_accel_does(name: str) -> None:
    """Should rl_accel come to compare another attribute, one of these cases disagrees."""
    base = ParaFrag(fontName=FAMILY, fontSize=10, textColor=HexColor("#212B32"), rise=0)
    base.us_lines, base.link, base.text = [], [], "word"
    variants = []
    for value in (None, 1, "x", HexColor("#005EB8")):
        other = base.clone()
        setattr(other, name, value)
        variants.append(other)
    missing = base.clone()
    missing.__dict__.pop(name, None)
    variants.append(missing)
    for f, g in itertools.product([base, *variants], repeat=2):
        assert same_run(f, g) == bool(_rl_accel.sameFrag(f, g)), (name, vars(f), vars(g))


def test_reportlab_breaks_lines_with_same_run() -> None:
    """reportlab's line breaking looks ``sameFrag`` up in its module's globals at each
    call: should it stop doing so, the paper is still right but slow again, and this
    fails."""
    assert reportlab_paragraph.sameFrag is same_run
    assert "sameFrag" in Paragraph.breakLines.__code__.co_names


def _pdf_of_rich_paragraphs() -> bytes:
    s = make_styles()
    story = [para(MARKUP.replace("<onDraw name='mark' label='here'/>", ""), s.body, markup=True)]
    story += [
        para(f"<b>Label {n}:</b> " + "words of a note " * n, s.body, markup=True) for n in range(30)
    ]
    story += [
        para(
            f"9 Dec 2026<br/><font color='#4C6272' size='8'>within {n} weeks</font>",
            s.cell,
            markup=True,
        )
        for n in range(5)
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FAMILY, invariant=1).build(story)
    return buffer.getvalue()


def test_paragraphs_come_out_byte_for_byte_as_with_rl_accel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours = _pdf_of_rich_paragraphs()
    monkeypatch.setattr(reportlab_paragraph, "sameFrag", _rl_accel.sameFrag)
    assert _pdf_of_rich_paragraphs() == ours
