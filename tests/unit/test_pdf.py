"""The board paper PDF: sections, escaping, Unicode, determinism, structure and archive."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader

from syslead_desktop.domain.decision import Decision
from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.services.decision_file import decision_from_text, load_decision
from syslead_desktop.services.pdf.archive import RECORD_NAME, check_record, extract_decision
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests.cli_runner import syslead

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
    "Appendix B. Rulebook and record",
    "Appendix C. Evidence",
]
COVER = [
    "Board of Directors (Public)",
    "Agenda item",
    "Executive lead",
    "Purpose",
    "The Board is asked to",
    "Strategic objectives",
    "Board Assurance Framework risks",
    "CQC domains",
    "Financial implications",
    "Quality and equality implications",
    "Regulatory implications",
    "Previously considered by",
]
UNICODE = "Zoë Łukasz Ngũgĩ Ἀθῆναι Привет £ € – ✓"
HOSTILE = ["A < B & C", "<b>not bold</b>", "S&P 500", "0.1 <A <0.9", '<font size="80">big</font>']


def render(decision: Decision, path: Path) -> Path:
    path.write_bytes(render_assessed(assess_decision(decision, load_rulebook())))
    return path


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLE

    return render(load_decision(EXAMPLE), tmp_path_factory.mktemp("pdf") / "paper.pdf")


def test_every_section_and_cover_field_is_present(example_pdf: Path) -> None:
    text = flat(text_of(example_pdf))
    for heading in SECTIONS + COVER:
        assert heading in text, heading
    assert "Page 1 of" in text and "Gordon 2021" in text


def test_hostile_and_unicode_text_comes_out_verbatim(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = f"{HOSTILE[0]} {UNICODE}"
    decision.framing.description = " / ".join(HOSTILE)
    decision.board_paper.author.name = UNICODE
    decision.notes[next(iter(decision.notes))] = "x" * 5000  # one very long word
    decision.board_paper.financial_implications = ("A very long table cell. " * 900).strip()
    decision.framing.cost_to_trust = "y " * 50_000
    path = render(decision, tmp_path / "hostile.pdf")
    text = flat(text_of(path))
    for sample in [*HOSTILE, UNICODE]:
        assert sample in text, sample
    assert "x" * 200 in text.replace(" ", "")
    assert len(PdfReader(path).pages) > 10


def test_the_font_covers_european_scripts() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    face = pdfmetrics.getFont(FAMILY).face
    missing = [c for c in UNICODE if c != " " and ord(c) not in face.charToGlyph]
    assert missing == []


def test_rendering_twice_gives_identical_bytes(example_path: Path, tmp_path: Path) -> None:
    first = render(load_decision(example_path), tmp_path / "a.pdf").read_bytes()
    second = render(load_decision(example_path), tmp_path / "b.pdf").read_bytes()
    assert first == second


def test_structure_is_valid(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.Root.Lang) == "en-GB"
        assert RECORD_NAME in pdf.attachments
    if shutil.which("qpdf"):
        result = subprocess.run(
            ["qpdf", "--check", str(example_pdf)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_metadata(example_pdf: Path) -> None:
    meta = PdfReader(example_pdf).metadata
    assert meta is not None
    assert meta.title == "Offer weekend MRI capacity to Harrowfield Hospitals"
    assert meta.author == "Priya Raman"
    assert meta.subject and meta.subject.startswith("Board paper")
    assert "NHS" in str(meta.get("/Keywords"))
    assert str(meta.get("/CreationDate")).startswith("D:20261122")  # the decision's own date


def test_pages_are_not_blank(example_pdf: Path) -> None:
    pdf = pypdfium2.PdfDocument(str(example_pdf))
    try:
        for index in (0, 2):
            image = pdf[index].render(scale=0.5).to_pil().convert("L")
            low, high = image.getextrema()
            assert high - low > 100, f"page {index + 1} looks blank"
    finally:
        pdf.close()


def test_draft_watermark_only_until_final(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    assert "DRAFT" in text_of(render(decision, tmp_path / "draft.pdf"))
    decision.status = "final"
    assert "DRAFT" not in text_of(render(decision, tmp_path / "final.pdf"))


def test_verify_intact_and_extract_round_trip(example_pdf: Path, example_path: Path) -> None:
    check = check_record(example_pdf)
    assert check.intact, check.reason
    recovered = decision_from_text(extract_decision(example_pdf))
    expected = assess_decision(load_decision(example_path), load_rulebook()).decision
    assert recovered == expected


def _tamper(source: Path, target: Path) -> None:
    """Change one byte of the attached record and save the PDF again."""
    with pikepdf.open(source) as pdf:
        data = bytearray(pdf.attachments[RECORD_NAME].get_file().read_bytes())
        position = data.index(b"Harrowfield")
        data[position] ^= 0x01
        pdf.attachments[RECORD_NAME] = pikepdf.AttachedFileSpec(pdf, bytes(data))
        pdf.save(target)


def test_verify_detects_a_one_byte_change(example_pdf: Path, tmp_path: Path) -> None:
    altered = tmp_path / "altered.pdf"
    _tamper(example_pdf, altered)
    check = check_record(altered)
    assert not check.intact and "altered" in check.reason
    with pytest.raises(Exception, match="altered"):
        extract_decision(altered)
    assert "Iarrowfield" in extract_decision(altered, force=True)


def test_cli_verify_and_extract(example_pdf: Path, example_path: Path, tmp_path: Path) -> None:
    ok = syslead("verify", str(example_pdf))
    assert ok.returncode == 0 and "INTACT" in ok.stdout
    out = tmp_path / "recovered.syslead.yaml"
    assert syslead("extract", str(example_pdf), "-o", str(out)).returncode == 0
    assert load_decision(out).framing.title == load_decision(example_path).framing.title

    altered = tmp_path / "altered.pdf"
    _tamper(example_pdf, altered)
    bad = syslead("verify", str(altered), "--json")
    assert bad.returncode == 1 and '"intact": false' in bad.stdout
    refused = syslead("extract", str(altered), "-o", str(tmp_path / "no.yaml"))
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "no.yaml").exists()

    not_pdf = syslead("verify", str(example_path))
    assert not_pdf.returncode == 2 and len(not_pdf.stderr.strip().splitlines()) == 1
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_plain())
    missing = syslead("verify", str(plain))
    assert missing.returncode == 1 and "no decision record" in missing.stdout


def render_plain() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Not a SysLead paper")
    canvas.save()
    return buffer.getvalue()
