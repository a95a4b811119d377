"""The board paper as a file: reproducible bytes, valid structure, visible pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import ImageStat

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf.archive import FINGERPRINT_NAME, RECORD_NAME
from tests.cli_runner import syslead

from .test_pdf_support import render


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLE

    return render(load_decision(EXAMPLE), tmp_path_factory.mktemp("pdf") / "paper.pdf")


def test_rendering_twice_gives_identical_bytes(example_path: Path, tmp_path: Path) -> None:
    first = render(load_decision(example_path), tmp_path / "a.pdf").read_bytes()
    second = render(load_decision(example_path), tmp_path / "b.pdf").read_bytes()
    assert first == second
    decision = load_decision(example_path)
    decision.framing.title += " (revised)"
    assert render(decision, tmp_path / "c.pdf").read_bytes() != first


def test_separate_processes_give_identical_bytes(example_path: Path, tmp_path: Path) -> None:
    """Different hash seeds and a different clock must not change a byte."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"paper-{seed}.pdf"
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "TZ": "Pacific/Auckland" if seed == "2" else "UTC",
        }
        done = subprocess.run(
            [sys.executable, "-m", "syslead_desktop", "render", str(example_path), "-o", str(out)],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_reportlabs_c_accelerator_is_used_and_changes_no_byte(
    example_path: Path, tmp_path: Path
) -> None:
    """rl_accel (a dependency) does reportlab's number formatting, text widths and stream
    encoding in C. A machine without it must still get the very same file."""
    from reportlab.lib import rl_accel

    for name in ("fp_str", "instanceStringWidthTTF", "asciiBase85Encode", "escapePDF"):
        assert getattr(rl_accel, name).__module__ == "_rl_accel", name
    outputs = []
    for blocked in ("", "sys.modules['_rl_accel'] = None; "):  # None: the import fails
        out = tmp_path / f"paper-{len(blocked)}.pdf"
        code = f"import sys; {blocked}from syslead_desktop.cli import main; sys.exit(main())"
        done = subprocess.run(
            [sys.executable, "-c", code, "render", str(example_path), "-o", str(out)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_the_file_id_follows_the_record(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    first = render(decision, tmp_path / "a.pdf")
    decision.notes["board"] = "A different note."
    second = render(decision, tmp_path / "b.pdf")
    with pikepdf.open(first) as a, pikepdf.open(second) as b:
        assert bytes(a.trailer.ID[0]) != bytes(b.trailer.ID[0])


def test_structure_is_valid(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []  # pikepdf's check(), renamed in pikepdf 10
        assert str(pdf.Root.Lang) == "en-GB"
        assert set(pdf.attachments) == {RECORD_NAME, FINGERPRINT_NAME}
        spec = pdf.attachments[RECORD_NAME]
        assert b"\nschema_version: 3\n" in spec.get_file().read_bytes()
        assert spec.get_file().mime_type == "application/yaml"
        assert str(spec.obj.AFRelationship) == "/Source"
        assert all(page.MediaBox[2:] == [595.2756, 841.8898] for page in pdf.pages)  # A4
    if shutil.which("qpdf"):
        result = subprocess.run(
            ["qpdf", "--check", str(example_pdf)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_pages_are_not_blank(example_pdf: Path) -> None:
    pdf = pypdfium2.PdfDocument(str(example_pdf))
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=0.4).to_pil().convert("L")
            stat = ImageStat.Stat(image)
            mean, variance = stat.mean[0], stat.var[0]
            assert variance > 100, f"page {index + 1} looks blank"
            assert 150 < mean < 254, f"page {index + 1} is not mostly white paper"
    finally:
        pdf.close()


def test_writing_a_paper_does_not_import_the_pdf_reader(example_path: Path, tmp_path: Path) -> None:
    """The record is attached by reportlab itself: pypdf is for reading papers only."""
    code = (
        "import sys\n"
        "from syslead_desktop.services.workflow import assess_file, render_assessed\n"
        f"data = render_assessed(assess_file({str(example_path)!r}))\n"
        "assert data.startswith(b'%PDF-')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pypdf', 'pikepdf'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_cli_render_writes_the_same_bytes(
    example_pdf: Path, example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cli.pdf"
    done = syslead("render", str(example_path), "-o", str(out), "-q")
    assert done.returncode == 0 and done.stderr == ""
    assert out.read_bytes() == example_pdf.read_bytes()
