"""The bundled fonts: the smallest tier that draws the text (western, latin, europe, full).

The subsets are made by tools/subset_fonts.py (fontTools, a dev dependency) and committed;
these tests check they cover what the paper prints, that they are exactly what the tool
makes, and that each text gets the first tier that draws it.
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
from syslead_desktop.services.pdf.fonts import (
    BOLD,
    FACES,
    FAMILY,
    FIRST,
    SUBSETS,
    TIERS,
    register_fonts,
    tier_files,
    tier_for,
)

from .test_pdf_support import UNICODE, render, text_of

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = {"Hebrew": "שלום", "Arabic": "سلام", "maths": "∯ ⊛", "braille": "⠓⠑⠇⠇⠕"}
EUROPEAN = {"Greek": "Ἀθῆναι Ωμέγα", "Cyrillic": "Привет Ђорђе", "Azerbaijani": "Əliyev"}
NEITHER = "漢字 \U0001f9ea"  # no DejaVu face draws these: they choose no tier (漢字: fallback)
ENGLISH = "Zoë Siân Núñez £ € – ✓ “quoted” ‘too’ … • ½ → ≤ ☒ ⚠ ★ Œ ™"  # the western tier
NAMES = "Zoë Łukasz Ngũgĩ Șțefan Ŵŷ ẁ"  # the latin tier: Latin Extended-A and Welsh


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("subset_fonts", ROOT / "tools/subset_fonts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _faces(tier: str) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFont

    return {name: TTFont(name, str(path)).face for name, path in tier_files(tier).items()}


def _draws(face: Any, char: str) -> bool:
    return bool(face.charToGlyph.get(ord(char)))


@pytest.fixture(scope="module")
def faces() -> dict[str, dict[str, Any]]:
    """Every tier's faces, parsed afresh (not the ones fonts.py keeps)."""
    return {tier: _faces(tier) for tier in TIERS}


@pytest.fixture(autouse=True)
def _latin_afterwards() -> Any:
    yield
    register_fonts()  # leave the process as other tests expect it


def _fonts_used(pdf: bytes) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }


@pytest.mark.parametrize("tier", SUBSETS)
def test_each_tier_draws_everything_the_product_prints_and_its_samples(
    tier: str, faces: dict[str, dict[str, Any]]
) -> None:
    required = _tool().required_characters(ROOT, tier)
    assert "☒" in required and "…" in required and "•" in required  # the scan finds them
    assert "‘" in required and "’" in required  # the cover's quotes round the command
    assert ("П" in required) == (tier == "europe")  # a sample the europe tier promises
    wanted = set(required) | set(ENGLISH.replace(" ", ""))
    if tier != FIRST:
        wanted |= set(NAMES.replace(" ", ""))
    if tier == "europe":
        wanted |= set(UNICODE.replace(" ", ""))
    assert sorted(c for c in wanted if not _draws(faces[tier][FAMILY], c)) == []
    for name, face in faces[tier].items():  # every face draws what its full face draws
        full = faces["full"][name]
        assert sorted(c for c in wanted if _draws(full, c) and not _draws(face, c)) == []


def test_the_first_tier_covers_every_character_the_product_prints() -> None:
    """Every string of the package and the rulebooks selects the western tier."""
    tool = _tool()
    strings = [*tool.SAMPLES[FIRST]]
    for path in sorted((ROOT / "syslead_desktop").rglob("*.py")):
        strings += tool._strings_in_python(path)
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        strings.append(path.read_text(encoding="utf-8"))
    assert len(strings) > 1000
    assert tier_for(*strings) == FIRST == "western"
    assert tier_for(*strings, "Ł") == "latin"  # and the check can fail
    assert tier_for(*strings, "Ж") == "europe"


@pytest.mark.parametrize("tier", SUBSETS)
def test_each_subset_is_its_full_face_cut_to_its_ranges(
    tier: str, faces: dict[str, dict[str, Any]]
) -> None:
    """What tier_for relies on: same characters within the ranges, same widths."""
    ranges = set(_tool().unicodes(tier))
    for name, face in faces[tier].items():
        full = faces["full"][name]
        drawn = {c for c, g in face.charToGlyph.items() if g}
        assert drawn == {c for c, g in full.charToGlyph.items() if g and c in ranges}
        assert all(face.charWidths[c] == full.charWidths[c] for c in drawn)
        assert face.name == full.name  # PostScript names: the PDF's font names


def test_the_tiers_nest_and_each_is_much_smaller_than_the_next(
    faces: dict[str, dict[str, Any]],
) -> None:
    tool = _tool()
    assert set(tool.unicodes("western")) < set(tool.unicodes("latin"))
    assert set(tool.unicodes("latin")) < set(tool.unicodes("europe"))
    for name in FACES:
        western, latin, europe, full = (faces[tier][name].numGlyphs for tier in TIERS)
        assert 250 < western < latin * 0.4  # what an English paper parses: a third of latin
        assert 500 < latin < europe * 0.45 and 1000 < europe < full * 0.6


def test_the_western_tier_is_registered_by_default() -> None:
    assert register_fonts() == FAMILY
    assert fonts.registered_set() == "western"
    assert register_fonts(ENGLISH, "plain text\n\twith breaks\r\n") == FAMILY
    assert fonts.registered_set() == "western"
    assert pdfmetrics_font(FAMILY).face.name == b"DejaVuSans"
    assert pdfmetrics_font(BOLD).face.name == b"DejaVuSans-Bold"


def pdfmetrics_font(name: str) -> Any:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(name)


@pytest.mark.parametrize(
    ("texts", "tier"),
    [
        ((), "western"),
        (("Plain English, £5 – “quoted” ✓",), "western"),
        (("line\nbreak\ttab\x0b",), "western"),
        ((NEITHER,), "western"),  # no face draws them: no reason to parse more
        ((NAMES,), "latin"),
        (("Plain English", "Dvořák"), "latin"),
        ((UNICODE,), "europe"),
        (("Zoë", EUROPEAN["Greek"]), "europe"),
        ((EUROPEAN["Cyrillic"], NEITHER), "europe"),
        (("Zoë", OUTSIDE["Hebrew"]), "full"),
        ((EUROPEAN["Greek"], OUTSIDE["maths"], NEITHER), "full"),
    ],
)
def test_the_first_tier_that_draws_the_text_is_chosen(texts: tuple[str, ...], tier: str) -> None:
    assert tier_for(*texts) == tier
    register_fonts(*texts)
    assert fonts.registered_set() == tier
    for name in FACES:
        assert pdfmetrics_font(name) is fonts._load(tier)[name]


@pytest.mark.parametrize("script", sorted(EUROPEAN))
def test_a_european_name_gets_the_europe_tier(
    script: str, faces: dict[str, dict[str, Any]]
) -> None:
    text = EUROPEAN[script]
    drawn = [c for c in text if c != " "]
    assert not all(_draws(faces["latin"][FAMILY], c) for c in drawn)
    register_fonts(ENGLISH, f"A name in {text}")
    assert fonts.registered_set() == "europe"
    assert all(_draws(pdfmetrics_font(FAMILY).face, c) for c in drawn)
    register_fonts(ENGLISH)  # the next text decides again: never stuck on a bigger tier
    assert fonts.registered_set() == "western"


@pytest.mark.parametrize("script", sorted(OUTSIDE))
def test_text_only_the_full_faces_draw_selects_them(
    script: str, faces: dict[str, dict[str, Any]]
) -> None:
    text = OUTSIDE[script]
    assert all(_draws(faces["full"][FAMILY], c) for c in text if c != " ")
    assert not any(_draws(faces["europe"][FAMILY], c) for c in text if c != " ")
    register_fonts(UNICODE, f"A name in {text}")
    assert fonts.registered_set() == "full"
    assert all(_draws(pdfmetrics_font(FAMILY).face, c) for c in text if c != " ")
    register_fonts(UNICODE)
    assert fonts.registered_set() == "europe"


def test_italics_print_upright_in_the_same_faces() -> None:
    """The paper sets no italics; should <i> ever reach reportlab, it must not fail."""
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.platypus import Paragraph

    from syslead_desktop.services.pdf.theme import make_styles

    register_fonts()
    assert tt2ps(FAMILY, 0, 1) == FAMILY and tt2ps(FAMILY, 1, 1) == BOLD
    assert ps2tt(FAMILY) == (FAMILY.lower(), 0, 0)  # <b> inside plain text still finds bold
    assert ps2tt(BOLD) == (FAMILY.lower(), 1, 0)
    frags = Paragraph("<i>a</i> <b>b</b> <b><i>c</i></b>", make_styles().body).frags
    assert [f.fontName for f in frags if f.text.strip()] == [FAMILY, BOLD, BOLD]


def test_an_english_decision_is_set_in_the_western_tier(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = f"Weekend scanning for {ENGLISH}"
    path = render(decision, tmp_path / "a.pdf")
    assert fonts.registered_set() == "western"
    assert _fonts_used(path.read_bytes()) == {"DejaVuSans", "DejaVuSans-Bold"}
    assert "Siân Núñez" in text_of(path)


def test_a_name_in_latin_extended_a_is_set_in_the_latin_tier(
    example_path: Path, tmp_path: Path
) -> None:
    decision = load_decision(example_path)
    decision.board_paper.author.name = NAMES
    path = render(decision, tmp_path / "a.pdf")
    assert fonts.registered_set() == "latin"
    assert _fonts_used(path.read_bytes()) == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(word in text_of(path) for word in NAMES.split())


@pytest.mark.parametrize("script", ["Greek", "Cyrillic"])
def test_a_greek_or_cyrillic_name_is_set_in_the_europe_tier(
    script: str, example_path: Path, tmp_path: Path
) -> None:
    decision = load_decision(example_path)
    decision.board_paper.author.name = EUROPEAN[script]
    path = render(decision, tmp_path / "a.pdf")
    assert fonts.registered_set() == "europe"
    text = text_of(path)
    assert all(word in text for word in EUROPEAN[script].split())
    assert "\x00" not in text  # no .notdef box
    assert render(decision, tmp_path / "b.pdf").read_bytes() == path.read_bytes()


def test_output_does_not_depend_on_what_an_earlier_render_needed(
    example_path: Path, tmp_path: Path
) -> None:
    first = render(load_decision(example_path), tmp_path / "a.pdf").read_bytes()
    assert fonts.registered_set() == "western"
    for earlier in (OUTSIDE["Hebrew"], EUROPEAN["Greek"], NAMES):
        register_fonts(earlier)  # as a render of such a name would
        assert fonts.registered_set() != "western"
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
    assert _fonts_used(first) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_a_name_only_the_full_faces_draw_is_printed(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = f"Shalom {OUTSIDE['Hebrew']} {OUTSIDE['maths']}"
    first = render(decision, tmp_path / "a.pdf")
    assert fonts.registered_set() == "full"
    text = text_of(first)
    assert all(c in text for c in OUTSIDE["Hebrew"] + "∯⊛")
    assert "\x00" not in text  # no .notdef box
    assert render(decision, tmp_path / "b.pdf").read_bytes() == first.read_bytes()


@pytest.mark.parametrize("tier", SUBSETS)
def test_subset_names_keep_the_notices_and_avoid_the_forbidden_words(tier: str) -> None:
    from fontTools.ttLib import TTFont

    tool = _tool()
    for path in tier_files(tier).values():
        data = path.read_bytes()
        assert tool.name_problems(data) == []
        names = TTFont(io.BytesIO(data))["name"]
        assert "Bitstream" in str(names.getDebugName(0))  # the copyright notice is kept
        assert "public domain" in str(names.getDebugName(13))  # and the licence
        assert str(names.getDebugName(1)) == "DejaVu Sans"


@pytest.mark.slow
def test_the_committed_subsets_are_what_the_tool_makes(tmp_path: Path) -> None:
    written = _tool().build(tmp_path, ROOT)
    committed = [path for tier in SUBSETS for path in tier_files(tier).values()]
    assert len(committed) == 6
    assert sorted(p.relative_to(tmp_path) for p in written) == sorted(
        p.relative_to(fonts.font_folder()) for p in committed
    )
    for path in written:
        shipped = fonts.font_folder() / path.relative_to(tmp_path)
        assert path.read_bytes() == shipped.read_bytes(), f"run tools/subset_fonts.py: {path}"


@pytest.mark.slow
def test_the_tool_refuses_a_character_a_tier_lacks(tmp_path: Path) -> None:
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
    assert "western/DejaVuSans-Western.ttf: U+03A9" in message  # printed, so every tier
    assert "latin/DejaVuSans-Latin.ttf: U+03A9" in message
    assert "europe/DejaVuSans-Europe.ttf: U+03A9" not in message  # must have it
    assert not (tmp_path / "out").exists()  # nothing half written
