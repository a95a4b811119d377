"""The bundled fonts: European subsets by default, the full faces whenever they draw more.

The subsets are made by tools/subset_fonts.py (fontTools, a dev dependency) and committed;
these tests check they cover what the paper prints, that they are exactly what the tool
makes, and that text only the full faces can draw gets the full faces.
"""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf import fonts
from syslead_desktop.services.pdf.fonts import BOLD, FACES, FAMILY, SUBSET_FACES, register_fonts

from .test_pdf_support import UNICODE, render, text_of

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = {"Hebrew": "שלום", "Arabic": "سلام", "maths": "∯ ⊛", "braille": "⠓⠑⠇⠇⠕"}
NEITHER = "漢字 \U0001f9ea"  # no DejaVu face draws these: the subsets are kept


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("subset_fonts", ROOT / "tools/subset_fonts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _faces(subset: bool) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFont

    folder = fonts.font_folder() / fonts.SUBSET_FOLDER if subset else fonts.font_folder()
    files = SUBSET_FACES if subset else FACES
    return {name: TTFont(name, str(folder / file)).face for name, file in files.items()}


def _draws(face: Any, char: str) -> bool:
    return bool(face.charToGlyph.get(ord(char)))


@pytest.fixture(scope="module")
def subsets() -> dict[str, Any]:
    return _faces(True)


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return _faces(False)


@pytest.fixture(autouse=True)
def _subsets_afterwards() -> Any:
    yield
    register_fonts()  # leave the process as other tests expect it


def test_subsets_draw_the_promised_names_and_everything_the_product_prints(
    subsets: dict[str, Any], full: dict[str, Any]
) -> None:
    required = _tool().required_characters(ROOT)
    assert "☒" in required and "…" in required and "•" in required  # the scan finds them
    wanted = set(UNICODE.replace(" ", "")) | set(required)
    assert sorted(c for c in wanted if not _draws(subsets[FAMILY], c)) == []
    for name, face in subsets.items():  # every face draws what its full face draws
        assert sorted(c for c in wanted if _draws(full[name], c) and not _draws(face, c)) == []


def test_each_subset_is_its_full_face_cut_to_the_ranges(
    subsets: dict[str, Any], full: dict[str, Any]
) -> None:
    """What needs_full_faces relies on: same characters within the ranges, same widths."""
    ranges = set(_tool().unicodes())
    for name, face in subsets.items():
        drawn = {c for c, g in face.charToGlyph.items() if g}
        assert drawn == {c for c, g in full[name].charToGlyph.items() if g and c in ranges}
        assert all(face.charWidths[c] == full[name].charWidths[c] for c in drawn)
        assert face.name == full[name].name  # PostScript names: the PDF's font names
        assert 1000 < face.numGlyphs < full[name].numGlyphs * 0.6


def test_the_subsets_are_registered_by_default() -> None:
    assert register_fonts() == FAMILY
    assert fonts.registered_set() == "europe"
    assert register_fonts(UNICODE, "plain text\n\twith breaks\r\n") == FAMILY
    assert fonts.registered_set() == "europe"


@pytest.mark.parametrize("script", sorted(OUTSIDE))
def test_text_only_the_full_faces_draw_selects_them(script: str, full: dict[str, Any]) -> None:
    from reportlab.pdfbase import pdfmetrics

    text = OUTSIDE[script]
    assert all(_draws(full[FAMILY], c) for c in text if c != " ")  # the full face has them
    assert fonts.needs_full_faces("Zoë", text)
    register_fonts(UNICODE, f"A name in {text}")
    assert fonts.registered_set() == "full"
    for name in FACES:
        assert pdfmetrics.getFont(name) is fonts._load(False)[name]
    assert all(_draws(pdfmetrics.getFont(FAMILY).face, c) for c in text if c != " ")
    register_fonts(UNICODE)  # the next text decides again: never stuck on the full faces
    assert fonts.registered_set() == "europe"
    assert pdfmetrics.getFont(BOLD).face.name == b"DejaVuSans-Bold"


def test_text_no_face_draws_keeps_the_subsets() -> None:
    assert not fonts.needs_full_faces(NEITHER)
    register_fonts(NEITHER)
    assert fonts.registered_set() == "europe"


def test_output_does_not_depend_on_what_an_earlier_render_needed(
    example_path: Path, tmp_path: Path
) -> None:
    first = render(load_decision(example_path), tmp_path / "a.pdf").read_bytes()
    register_fonts(OUTSIDE["Hebrew"])  # as a render of a Hebrew name would
    assert fonts.registered_set() == "full"
    again = render(load_decision(example_path), tmp_path / "b.pdf").read_bytes()
    assert again == first
    fresh = tmp_path / "c.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "syslead_desktop", "render", str(example_path), "-o", str(fresh)],
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "7"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert fresh.read_bytes() == first
    fonts_used = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(first)).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert fonts_used == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_a_name_only_the_full_faces_draw_is_printed(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = f"Shalom {OUTSIDE['Hebrew']} {OUTSIDE['maths']}"
    first = render(decision, tmp_path / "a.pdf")
    text = text_of(first)
    assert all(c in text for c in OUTSIDE["Hebrew"] + "∯⊛")
    assert "\x00" not in text  # no .notdef box
    assert render(decision, tmp_path / "b.pdf").read_bytes() == first.read_bytes()


def test_subset_names_keep_the_notices_and_avoid_the_forbidden_words() -> None:
    from fontTools.ttLib import TTFont

    tool = _tool()
    for file in SUBSET_FACES.values():
        data = (fonts.font_folder() / fonts.SUBSET_FOLDER / file).read_bytes()
        assert tool.name_problems(data) == []
        names = TTFont(io.BytesIO(data))["name"]
        assert "Bitstream" in str(names.getDebugName(0))  # the copyright notice is kept
        assert "public domain" in str(names.getDebugName(13))  # and the licence
        assert str(names.getDebugName(1)) == "DejaVu Sans"


@pytest.mark.slow
def test_the_committed_subsets_are_what_the_tool_makes(tmp_path: Path) -> None:
    written = _tool().build(tmp_path, ROOT)
    assert sorted(p.name for p in written) == sorted(SUBSET_FACES.values())
    for path in written:
        committed = fonts.font_folder() / fonts.SUBSET_FOLDER / path.name
        assert path.read_bytes() == committed.read_bytes(), f"run tools/subset_fonts.py: {path}"


@pytest.mark.slow
def test_the_tool_refuses_a_character_the_subsets_lack(tmp_path: Path) -> None:
    tool = _tool()
    (tmp_path / "syslead_desktop").mkdir()
    (tmp_path / "syslead_desktop" / "labels.py").write_text('MARK = "\\u05e9"\n', "utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text("title: Ωmega ∯\n", "utf-8")
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "fonts").symlink_to(ROOT / "resources" / "fonts")
    with pytest.raises(SystemExit) as failure:
        tool.build(tmp_path / "out", tmp_path)
    message = str(failure.value)
    assert "U+05E9" in message and "syslead_desktop/labels.py" in message
    assert "U+222F" in message and "r.yaml" in message
    assert "U+03A9" not in message
    assert not (tmp_path / "out").exists()  # nothing half written
