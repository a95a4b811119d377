"""Shared helpers for the board paper tests (no tests here)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.pdf.archive import RECORD_NAME
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed

UNICODE = "Zoë Łukasz Ngũgĩ Ἀθῆναι Привет £ € – ✓"
HOSTILE = ["A < B & C", "<b>not bold</b>", "S&P 500", "0.1 <A <0.9", '<font size="80">big</font>']


def render(decision: Decision, path: Path) -> Path:
    path.write_bytes(render_assessed(assess_decision(decision, load_rulebook())))
    return path


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def text_of(path: Path) -> str:
    return "\n".join(page_texts(path))


def flat(text: str) -> str:
    return " ".join(text.split())


def tamper(source: Path, target: Path, find: bytes = b"Harrowfield") -> None:
    """Flip one bit of one byte inside the attached record and save the PDF again."""
    with pikepdf.open(source) as pdf:
        data = bytearray(pdf.attachments[RECORD_NAME].get_file().read_bytes())
        data[data.index(find)] ^= 0x01
        pdf.attachments[RECORD_NAME] = pikepdf.AttachedFileSpec(pdf, bytes(data))
        pdf.save(target)


def plain_pdf() -> bytes:
    """A valid PDF that SysLead did not write: no record attached."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Not a SysLead paper")
    canvas.save()
    return buffer.getvalue()
