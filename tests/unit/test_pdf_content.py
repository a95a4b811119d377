"""The board paper's content: sections, cover sheet, wording, escaping, Unicode, layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from syslead_desktop.domain.decision import BoardPaper, Decision, Framing
from syslead_desktop.domain.lifecycle import StatusRequest, change_status
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts

from .test_pdf_support import HOSTILE, UNICODE, flat, page_texts, render, text_of

SECTIONS = [
    "1. Executive summary",
    "2. The decision and its direction",
    "3. Options considered",
    "4. Assessment, factor by factor",
    "5. Conditions and safeguards",
    "6. Success measures and review",
    "7. What would change the recommendation",
    "8. Recommendation",
    "Appendix A. Reasoning trace",
    "Appendix B. Strength of the evidence",
    "Appendix C. Sources",
    "Appendix D. Rulebook and record",
]
COVER = [
    "Board of Directors (Public)",
    "Date of meeting 10 December 2026",
    "Agenda item PUB26/12/4.2",
    "Report title",
    "Author Priya Raman, Director of Strategy and Partnerships",
    "Executive lead Dr Tom Ellery, Chief Executive",
    "☒ For decision ☐ For assurance ☐ For discussion ☐ For information",
    "The Board is asked to approve the proposal subject to the conditions",
    "Strategic objectives",
    "Board Assurance Framework risks",
    "CQC domains Responsive, Well-led",
    "Financial implications",
    "Quality and equality implications",
    "Regulatory implications",
    "Previously considered by",
]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLE

    return render(load_decision(EXAMPLE), tmp_path_factory.mktemp("pdf") / "paper.pdf")


def test_every_section_appears_once_and_in_order(example_pdf: Path) -> None:
    text = flat(text_of(example_pdf))
    positions = [text.find(heading) for heading in SECTIONS]
    assert -1 not in positions, [h for h, p in zip(SECTIONS, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_the_cover_sheet_is_an_nhs_cover_sheet(example_pdf: Path) -> None:
    cover = flat(page_texts(example_pdf)[0])
    for field in COVER:
        assert field in cover, field
    assert "1. Executive summary" not in cover  # the cover is a page of its own


def test_every_page_is_numbered_and_carries_the_fingerprint(example_pdf: Path) -> None:
    pages = page_texts(example_pdf)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Record SHA-256 " in text
    # the running header (title and agenda reference) is on every page but the cover
    headers = [_top_band(page) for page in PdfReader(example_pdf).pages]
    assert headers[0] == ""
    for header in headers[1:]:
        assert "Offer weekend MRI capacity to Harrowfield Hospitals" in header
        assert "PUB26/12/4.2" in header


def _top_band(page: PageObject) -> str:
    """Text drawn in the top 15 mm of an A4 page."""
    found: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if tm[5] * cm[3] + cm[5] > 842 - 15 * 72 / 25.4 and text.strip():
            found.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(found)


def test_the_assessment_shows_ratings_answers_reasons_and_notes(example_pdf: Path) -> None:
    text = flat(text_of(example_pdf))
    for expected in [
        "4.1 Agreed success definition Strong",
        "4.2 Trust stability Mixed",
        "Why mixed: The trust could carry the cost",
        "Notes and evidence: Harrowfield lent us two endoscopy lists",
        "What is the trust's financial position this year? Break-even",
        "Review date: 30 June 2027",
        "Proceed How much operational pressure is the trust under? High Moderate",
        "or Defer and strengthen What is the trust's NHS Oversight Framework segment?",
        "Gordon 2021, Table 2",
        "Gordon B, Thomas MG, Aufegger L",  # the evidence reference in Appendix C
        "Content hash sha256:",
    ]:
        assert expected in text, expected


def test_the_paper_speaks_to_the_board_whoever_wrote_it(example_pdf: Path) -> None:
    """qa F3: the example's author is the Director of Strategy, yet every factor's notes
    were 'Chief executive's notes:'; each factor opened with its question to the person
    answering ('... before you commit?'); and the risk appetite read '3 Open'."""
    from syslead_desktop.services.rulebook_file import load_rulebook

    text = flat(text_of(example_pdf))
    assert "Chief executive's notes" not in text
    assert text.count("Notes and evidence:") == 5
    for factor in load_rulebook().rulebook.factors:
        assert factor.summary not in text, factor.id
    assert "risk appetite for partnership and system risk? Open (level 3 of 0 to 5)" in text
    assert "3 Open" not in text


def test_only_a_numbered_scale_is_reworded() -> None:
    from syslead_desktop.domain.rulebook import Question
    from syslead_desktop.services.pdf.body import answer_words

    def question(*labels: str) -> Question:
        options = [{"id": f"o{n}", "label": label} for n, label in enumerate(labels)]
        return Question.model_validate({"id": "q", "text": "Q?", "options": options})

    scale = question("0 Avoid", "1 Minimal", "2 Cautious", "3 Open")
    assert answer_words(scale, "o0") == "Avoid (level 0 of 0 to 3)"
    assert answer_words(scale, None) == ""
    counts = question("1 bed", "2 beds", "5 beds")  # not one level after another
    assert answer_words(counts, "o2") == "5 beds"
    mixed = question("0 Avoid", "Some", "2 Cautious")
    assert answer_words(mixed, "o0") == "0 Avoid"
    assert answer_words(question("1 Low", "2 High", "3 Top"), "o1") == "High (level 2 of 1 to 3)"


def test_the_executive_summary_names_stance_weakest_factors_and_conditions(
    example_pdf: Path,
) -> None:
    text = flat(text_of(example_pdf))
    summary = text[text.find("1. Executive summary") : text.find("2. The decision")]
    assert "the recommendation is proceed with conditions" in summary
    assert "the least secure are Trust stability and Regulatory exposure" in summary
    assert "carries five conditions and safeguards" in summary


def test_headings_never_sit_alone_at_the_foot_of_a_page(example_pdf: Path) -> None:
    pages = [flat(t) for t in page_texts(example_pdf)]
    for heading, follower in [
        ("4. Assessment, factor by factor", "4.1 Agreed success definition"),
        ("8. Recommendation", "The Board is asked to approve"),
        ("5. Conditions and safeguards", "Hold a private session"),
    ]:
        page = next(p for p in pages if heading in p)
        assert follower in page[page.index(heading) :], heading


def test_missing_optional_details_read_not_recorded(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing = Framing(title=decision.framing.title)
    decision.board_paper = BoardPaper()
    decision.notes = {}
    text = flat(text_of(render(decision, tmp_path / "sparse.pdf")))
    cover = flat(page_texts(tmp_path / "sparse.pdf")[0])
    assert "Date of meeting Not recorded" in cover and "Author Not recorded" in cover
    assert "None" not in cover and "Board paper" in text  # the header falls back too
    assert "Notes and evidence: Not recorded" in text
    assert "Review date: Not recorded" in text


def test_hostile_and_unicode_text_comes_out_verbatim(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = f"{HOSTILE[0]} {UNICODE}"
    decision.framing.description = " / ".join(HOSTILE) + "\nsecond line"
    decision.board_paper.author.name = UNICODE
    decision.framing.partners = HOSTILE
    decision.notes["stability"] = HOSTILE[1]
    path = render(decision, tmp_path / "hostile.pdf")
    text = flat(text_of(path))
    for sample in [*HOSTILE, UNICODE]:
        assert sample in text, sample
    assert "Notes and evidence: <b>not bold</b>" in text
    assert PdfReader(path).metadata.title == f"{HOSTILE[0]} {UNICODE}"  # type: ignore[union-attr]


def _count(text: str, char: str) -> int:
    return "".join(text.split()).count(char)


def test_pathological_lengths_split_across_pages_without_losing_text(
    example_path: Path, tmp_path: Path
) -> None:
    decision: Decision = load_decision(example_path)
    word = "w" * 5000  # one word, no spaces, in a title, a narrow table cell and the body
    decision.framing.title = "Q" * 5000
    decision.board_paper.agenda_item = "R" * 400  # the header's right-hand side
    decision.board_paper.author.name = word
    decision.notes["stability"] = "x" * 5000
    decision.board_paper.financial_implications = ("A very long table cell. " * 4200).strip()
    decision.framing.cost_to_trust = "y " * 50_000  # 100,000 characters
    path = render(decision, tmp_path / "long.pdf")
    pages = page_texts(path)
    text = "\n".join(pages)
    assert len(pages) > 20
    assert _count(text, "w") >= 5000  # every character of the long word is printed
    assert _count(text, "x") >= 5000
    assert _count(text, "y") >= 50_000
    assert text.split().count("cell.") == 4200  # no sentence of the long cell is lost
    assert all(f"of {len(pages)}" in p for p in pages)
    for header in [_top_band(page) for page in PdfReader(path).pages[1:]]:
        assert header.count("…") == 2 and 60 < len(header) < 200  # both sides cut to fit


def test_the_font_covers_european_scripts_and_is_embedded(example_pdf: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts(UNICODE)
    face = pdfmetrics.getFont(FAMILY).face
    assert [c for c in UNICODE if c != " " and ord(c) not in face.charToGlyph] == []
    register_fonts()
    fonts = set()
    for page in PdfReader(example_pdf).pages:
        for font in page["/Resources"]["/Font"].values():  # type: ignore[index]
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"]  # embedded, not referenced
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}


def test_bundled_fonts_ship_with_their_licence() -> None:
    from syslead_desktop.locations import resources_dir

    folder = resources_dir() / "fonts"
    licence = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence
    assert len(list(folder.glob("DejaVuSans*.ttf"))) == 2  # regular and bold: no italics
    assert len(list(folder.glob("*/DejaVuSans*.ttf"))) == 6  # their western, latin, europe subsets


def _watermark_pixels(path: Path, page: int) -> int:
    """Pale red pixels in the middle of a page, where the watermark crosses it."""
    import pypdfium2

    image = pypdfium2.PdfDocument(str(path))[page].render(scale=0.5).to_pil().convert("RGB")
    width, height = image.size
    middle = image.crop((width // 4, height // 3, 3 * width // 4, 2 * height // 3))
    return sum(
        1 for r, g, b in middle.get_flattened_data() if r > 240 and 200 < g < 240 and 200 < b < 240
    )


def test_draft_watermark_only_until_submitted(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    assert decision.status == "draft"
    draft_pdf = render(decision, tmp_path / "draft.pdf")
    # on every page, drawn first (so that it lies beneath the text rather than over it),
    # as an artifact, and as outlines: text extraction does not read its letters
    for page in PdfReader(draft_pdf).pages:
        content = page.get_contents().get_data()  # type: ignore[union-attr]
        mark = content.index(b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC")
        assert mark < content.index(b"<</MCID 0>> BDC")
    assert all("DRAFT" not in text for text in page_texts(draft_pdf))
    assert all(_watermark_pixels(draft_pdf, n) > 500 for n in (0, 3))
    issued = change_status(decision, StatusRequest(to="submitted", on=dt.date(2026, 11, 30)))
    final_pdf = render(issued, tmp_path / "final.pdf")
    final = page_texts(final_pdf)
    assert b"/Watermark" not in final_pdf.read_bytes()
    assert _watermark_pixels(final_pdf, 0) == 0
    assert "Status Submitted for Board of Directors, 10 December 2026" in flat(final[0])


def test_the_watermark_outlines_are_what_the_tool_makes() -> None:
    """services/pdf/draft_glyphs.py is tools/watermark_glyphs.py's output, to the byte."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, str(ROOT / "tools/watermark_glyphs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_metadata(example_pdf: Path) -> None:
    meta = PdfReader(example_pdf).metadata
    assert meta is not None
    assert meta.title == "Offer weekend MRI capacity to Harrowfield Hospitals"
    assert meta.author == "Priya Raman"
    assert meta.subject == "Board paper: Proceed with conditions"
    assert "NHS" in str(meta.get("/Keywords"))
    assert str(meta.get("/Creator")).startswith("SysLead Desktop ")
    assert str(meta.get("/CreationDate")).startswith("D:20261122")  # the decision's own date
    assert str(PdfReader(example_pdf).trailer["/Root"]["/Lang"]) == "en-GB"
