"""Every script printed right (services/pdf/shaping.py): Arabic and Hebrew shaped and
right to left, CJK from the fallback face, each script's text extracted as typed."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz as hb
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf import fonts, shaping
from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
from syslead_desktop.services.pdf.shaping import ScriptText, layout, levels
from tests import pdfua

from .test_pdf_support import render

ROOT = Path(__file__).resolve().parents[2]
# One sample of each script a board might write a name or a note in, as typed.
SAMPLES = {
    "Arabic": "مرحبا بالعالم",
    "Arabic with lam-alef": "لا إله إلا الله",
    "Persian": "فارسی می خواهم",
    "Urdu": "پاکستان زندہ باد اور یہ ہے",  # ہ and ے: letters DejaVu lacks (Noto Sans Arabic)
    "Persian with a non-joiner": "می\u200cخواهم",
    "Hebrew": "שלום עולם",
    "Hebrew with points": "שָׁלוֹם יִצְחָק",
    "Arabic with a shadda": "محمّد",
    "Japanese": "日本語のテキスト。東京都の病院。",
    "Chinese": "中文名字：王小明，李华",
    "Korean": "사회과학원 어학연구소",
    "Hindi": "नमस्ते दुनिया, श्रीमती प्रिया शर्मा",
    "Bengali": "আমার সোনার বাংলা",
    "Punjabi": "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ",
    "Gujarati": "કેમ છો",
    "Tamil": "வணக்கம் தமிழ்",
    "Telugu": "తెలుగు భాష",
    "Kannada": "ಕನ್ನಡ",
    "Malayalam": "മലയാളം",
    "Sinhala with a joiner": "ශ්\u200dරී ලංකා",
    "Thai": "สวัสดีครับ",
    "Amharic": "ሰላም ለዓለም",
    "Burmese": "မြန်မာ",
    "Khmer": "ភាសាខ្មែរ",
    "Emoji": "Agreed 👍 🏥 🚑 🩺 ✅ 🎉",  # drawn as outlines (Symbola, DejaVu)
    "Symbols": "helmet ⛑, staff ⚕, fire 🜂, hourglass ⏳",
    "Greek": "Ἀθῆναι Ωμέγα",
    "Cyrillic": "Привет Ђорђе",
    "Latin with Arabic inside": "Dr Amal محمد الأحمد, Director",
    "Latin with Hebrew inside": "Rabbi שלום עולם, chair",
}


@pytest.fixture(autouse=True)
def _latin_afterwards() -> Any:
    yield
    register_fonts()  # leave the process as other tests expect it


def _pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLE

    decision = load_decision(EXAMPLE)
    decision.framing.options_considered = list(SAMPLES.values())
    decision.board_paper.author.name = SAMPLES["Arabic"]
    decision.framing.title = "Scans for " + SAMPLES["Japanese"]
    return render(decision, tmp_path_factory.mktemp("scripts") / "scripts.pdf")


@pytest.mark.parametrize("script", list(SAMPLES))
def test_each_scripts_text_extracts_verbatim(scripts_pdf: Path, script: str) -> None:
    """pdftotext (poppler, a reader independent of reportlab) gives each text as typed,
    in logical order: shaped Arabic forms map back to their letters. (pdftotext marks
    each right-to-left stretch with embedding controls, U+202B ... U+202C: left out here.
    Its own reordering moves a space that follows a right-to-left stretch directly into
    a Latin word to the stretch's other end; the page and its structure are right.)"""
    text = _pdftotext(scripts_pdf).translate(dict.fromkeys(range(0x202A, 0x202F)))
    assert SAMPLES[script] in text


def test_the_paper_with_every_script_passes_the_pdfua_checks(scripts_pdf: Path) -> None:
    report = pdfua.check(scripts_pdf)
    assert report.failures == []


def test_cjk_is_drawn_from_the_bundled_fallback_face(scripts_pdf: Path) -> None:
    faces = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(scripts_pdf).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert "DroidSansFallback" in faces
    assert (ROOT / "resources/fonts/fallback/LICENSE-Apache-2.0.txt").is_file()
    assert fonts.fallback_for("田") == "DroidSansFallback"
    assert fonts.drawn_everywhere("の")


def test_a_word_of_a_joining_script_is_set_in_one_face() -> None:
    """Letters in two faces cannot join: an Urdu word with a letter DejaVu lacks is set
    wholly in Noto Sans Arabic, its neighbours in DejaVu."""
    text = "اور زندہ"
    register_fonts(text)
    faces = [run.font for run in layout(text, FAMILY).runs]
    assert faces == ["NotoSansArabic", FAMILY, FAMILY] or faces == [
        "NotoSansArabic",
        FAMILY,
    ]


def test_a_joiner_in_a_joining_script_is_kept_elsewhere_left_out() -> None:
    from syslead_desktop.services.pdf.printable import printable_text

    assert printable_text("می\u200cخواهم") == ("می\u200cخواهم", [])
    assert printable_text("ශ්\u200dරී") == ("ශ්\u200dරී", [])
    assert printable_text("a\u200db\u200cc") == ("abc", [])


def test_a_latin_paper_reads_no_fallback_face() -> None:
    from syslead_desktop.services.pdf.fonts import fallbacks_for

    assert fallbacks_for("Zoë Łukasz £ € – ✓", "Ἀθῆναι", "שלום") == ()
    assert fallbacks_for("Scans for 田中") == ("DroidSansFallback",)
    assert fallbacks_for("김민준", "田中") == ("DroidSansFallback", "NanumGothic")
    assert fonts.fallback_for("한") == "NanumGothic"
    assert (ROOT / "resources/fonts/fallback/LICENSE-OFL-Nanum.txt").is_file()


def _glyph_names(text: str) -> list[str]:
    from fontTools.ttLib import TTFont

    order = TTFont(ROOT / "resources/fonts/DejaVuSans.ttf").getGlyphOrder()
    register_fonts(text)
    font = shaping._font(FAMILY)
    (run,) = layout(text, FAMILY).runs
    return [order[font.face.charToGlyph[ord(c)]] for c in run.text]


def test_arabic_letters_take_their_joined_forms_right_to_left() -> None:
    """مرحبا: meem initial, reh final, hah initial, beh medial, alef final; drawn from
    the left, so the last letter comes first."""
    assert _glyph_names("مرحبا") == ["uniFE8E", "uniFE92", "uniFEA3", "uniFEAE", "uniFEE3"]
    assert _glyph_names("لا") == ["uniFEFB"]  # lam-alef, one ligature


def test_hebrew_runs_right_to_left_unjoined() -> None:
    assert _glyph_names("שלום") == ["uni05DD", "uni05D5", "uni05DC", "uni05E9"]


def test_a_line_with_both_directions_is_in_visual_order() -> None:
    text = "abc שלום def"
    register_fonts(text)
    assert levels(text, 0) == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]
    runs = layout(text, FAMILY).runs
    assert [str(r.text) if not isinstance(r.text, shaping.ShapedStr) else "H" for r in runs] == [
        "abc ",
        "H",
        " def",
    ]
    # An Arabic line: its number reads left to right inside it, its words right to left.
    arabic = "نقل 2024 الخدمات"
    assert levels(arabic, 1)[4:8] == [2, 2, 2, 2]
    shown = layout(arabic, FAMILY, 1).runs
    assert str(shown[1].text) == "2024"  # between the two Arabic words, as it is read


def test_a_line_is_right_to_left_when_most_of_its_letters_are() -> None:
    from syslead_desktop.services.pdf.shaping import base_level

    assert base_level("محمد الأحمد, Director of Strategy and Partnerships") == 0
    assert base_level("نقل الخدمات إلى المستشفى (phase 1)") == 1
    assert base_level("Board paper") == 0


def test_a_right_to_left_paragraph_over_several_lines_is_set_flush_right() -> None:
    """Each line of an Arabic note ends at the right, where its reader starts, and every
    line is in the paragraph's direction; a one-line name, and English, stay flush left."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    from syslead_desktop.services.pdf.blocks import para
    from syslead_desktop.services.pdf.theme import make_styles

    note = "يجب على المجلس أن يوافق على تقديم خدمات التصوير في عطلة نهاية الأسبوع. " * 4
    register_fonts(note)
    styles = make_styles()
    long_note = para(f"<b>Notes and evidence:</b> {note}", styles.body, markup=True)
    name = para("محمد الأحمد", styles.body)
    english = para("Board paper " * 40, styles.body)
    for paragraph in (long_note, name, english):
        paragraph.wrap(450, 800)
    assert long_note.style.alignment == TA_RIGHT and long_note._right_to_left()
    assert name.style.alignment == TA_LEFT and english.style.alignment == TA_LEFT
    assert styles.body.alignment == TA_LEFT  # the shared style is not changed


def test_the_width_of_a_shaped_line_is_what_is_drawn() -> None:
    """Line breaking and right alignment measure shaped text as drawn: lam-alef is one
    glyph, narrower than lam and alef side by side."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts("لا")
    font = shaping._font(FAMILY)
    assert stringWidth("لا", FAMILY, 10) < font.face.charWidths[0x644] / 100 + 1e-9 + (
        font.face.charWidths[0x627] / 100
    )
    assert stringWidth("لا", FAMILY, 10) == pytest.approx(layout("لا", FAMILY).width / 100)
    assert stringWidth("Board", FAMILY, 10) == pytest.approx(
        shaping.TTFont.stringWidth(font, "Board", 10)
    )


def test_text_from_fallback_faces_is_measured_as_it_is_drawn() -> None:
    """CJK (no shaping) is measured a character at a time from a table, as reportlab
    measures a word it breaks (a CJK paragraph has no spaces): the same widths as the
    line layout that draws it, a character no face draws at the width of its name."""
    from syslead_desktop.services.pdf.shaping import line_width, text_width

    for text in ("日本語のテキスト。 abc 田中", "Zoë 한국어 ✓", "Team \U00010000 田"):
        register_fonts(text)
        font = shaping._font(FAMILY)
        assert text_width(text, font, 10) == pytest.approx(line_width(text, font, 10))
        assert text_width(text, font, 10) == pytest.approx(
            sum(text_width(char, font, 10) for char in text)
        )


def _canvas_pdf(draw: Any) -> bytes:
    buffer = io.BytesIO()

    class Paper(Canvas):  # type: ignore[misc]
        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
            return ScriptText(self, x, y, direction=direction)

    canvas = Paper(buffer, pagesize=(300, 100), invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _glyph_path(
    canvas: Canvas, font: Any, gid: int, origin: tuple[float, float], scale: float
) -> Any:
    """Glyph ``gid``'s outline from HarfBuzz, as a reportlab path at ``origin``."""
    path = canvas.beginPath()
    here = [0.0, 0.0]  # the pen, in font units

    def at(px: float, py: float) -> tuple[float, float]:
        return origin[0] + px * scale, origin[1] + py * scale

    def move_to(px: float, py: float, _: Any) -> None:
        path.moveTo(*at(px, py))
        here[:] = [px, py]

    def line_to(px: float, py: float, _: Any) -> None:
        path.lineTo(*at(px, py))
        here[:] = [px, py]

    def cubic_to(a: float, b: float, c: float, d: float, e: float, f: float, _: Any) -> None:
        path.curveTo(*at(a, b), *at(c, d), *at(e, f))
        here[:] = [e, f]

    def quadratic_to(a: float, b: float, c: float, d: float, _: Any) -> None:
        x0, y0 = here  # the same curve as a cubic
        first = (x0 + 2 * (a - x0) / 3, y0 + 2 * (b - y0) / 3)
        second = (c + 2 * (a - c) / 3, d + 2 * (b - d) / 3)
        path.curveTo(*at(*first), *at(*second), *at(c, d))
        here[:] = [c, d]

    funcs = hb.DrawFuncs()
    funcs.set_move_to_func(move_to)
    funcs.set_line_to_func(line_to)
    funcs.set_cubic_to_func(cubic_to)
    funcs.set_quadratic_to_func(quadratic_to)
    funcs.set_close_path_func(lambda _: path.close())
    font.draw_glyph(gid, funcs)
    return path


def _harfbuzz_reference(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """``text`` shaped by HarfBuzz from the DejaVu file itself and filled as outlines: no
    reportlab text, no SysLead code."""
    face = hb.Face(hb.Blob.from_file_path(str(ROOT / "resources/fonts/DejaVuSans.ttf")))
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    scale = size / face.upem
    pen = x
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        origin = (pen + pos.x_offset * scale, y + pos.y_offset * scale)
        path = _glyph_path(canvas, font, info.codepoint, origin, scale)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=1)
        pen += pos.x_advance * scale


def _pixels(pdf: bytes, tmp_path: Path, name: str) -> list[int]:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-gray",
            "-png",
            "-singlefile",
            str(source),
            str(tmp_path / name),
        ],
        check=True,
    )
    from PIL import Image

    with Image.open(tmp_path / f"{name}.png") as image:
        return list(image.convert("L").tobytes())


def test_rendered_arabic_matches_harfbuzz_drawing_the_same_font(tmp_path: Path) -> None:
    """A page image of shaped Arabic, against a reference drawn from HarfBuzz's own
    shaping of the same DejaVu face; the unshaped letters (what reportlab alone draws)
    are far from it."""
    text = "مرحبا بالعالم"
    register_fonts(text)

    def ours(canvas: Canvas) -> None:
        canvas.setFont(FAMILY, 24)
        canvas.drawString(20, 40, text)

    def bare(canvas: Canvas) -> None:
        text_object = Canvas.beginText(canvas, 20, 40)  # reportlab's own text object
        text_object.setFont(FAMILY, 24)
        text_object.textOut(text)
        canvas.drawText(text_object)

    reference = _pixels(
        _canvas_pdf(lambda c: _harfbuzz_reference(c, text, 20, 40, 24)), tmp_path, "ref"
    )
    shaped = _pixels(_canvas_pdf(ours), tmp_path, "shaped")
    unshaped = _pixels(_canvas_pdf(bare), tmp_path, "unshaped")
    ink = sum(1 for p in reference if p < 128)
    assert ink > 500  # the reference has real text on it

    def differ(a: list[int], b: list[int]) -> int:
        """Pixels inked in one image and blank in the other (text and filled outlines are
        anti-aliased a little differently at their edges)."""
        return sum(1 for p, q in zip(a, b, strict=True) if min(p, q) < 80 and max(p, q) > 176)

    assert differ(shaped, reference) < ink * 0.1  # 6% at the edges today
    assert differ(unshaped, reference) > ink * 0.5  # 160%


def test_a_character_no_face_draws_is_drawn_as_its_name_never_a_box(tmp_path: Path) -> None:
    """The board paper names such characters before layout (printable.py); text drawn
    without that (a debrief's team name) is not drawn as an empty box either."""
    register_fonts()  # the latin tier, no fallback face

    def draw(canvas: Canvas) -> None:
        canvas.setFont(FAMILY, 7)
        canvas.drawString(5, 50, "Team \U00010000 and 田")

    path = tmp_path / "names.pdf"
    path.write_bytes(_canvas_pdf(draw))
    text = _pdftotext(path)
    assert "Team [linear b syllable b008 a] and [cjk unified ideograph-7530]" in text
    assert not [f for f in pdfua.check(path).failures if f.startswith("7.21.8")]  # .notdef


def test_text_in_another_script_is_marked_with_its_language(scripts_pdf: Path) -> None:
    """A screen reader reads a name in the voice of its language: each run in a script
    that names its language is a span with /Lang (PDF/UA-1 7.2: changes of language are
    declared); the paper's own text is en-GB, the document's language."""
    from syslead_desktop.services.pdf.shaping import language_of

    assert language_of("שלום", "Rabbi שלום") == "he"
    assert language_of("پاکستان زندہ باد", "") == "ur"
    assert language_of("فارسی می", "") == "fa"
    assert language_of("مرحبا", "") == "ar"
    assert language_of("東京都", "東京都の病院") == "ja"
    assert language_of("王小明", "王小明") == "zh"
    assert language_of("नमस्ते", "") == "hi" and language_of("Board", "") == ""
    import pikepdf

    with pikepdf.open(scripts_pdf) as pdf:
        content = b"".join(page.Contents.read_bytes() for page in pdf.pages)
    for language in (b"he", b"ar", b"ur", b"fa", b"ja", b"zh", b"ko", b"hi", b"ta", b"th"):
        assert b"/Span <</Lang (" + language + b")>> BDC" in content, language
    assert b"(3. Options considered) Tj" in content  # English: no span of its own


def test_bold_text_in_a_face_with_no_bold_is_emboldened() -> None:
    """Droid Sans Fallback has one weight: bold CJK (a title, a heading) is drawn filled
    and outlined in its colour, so it reads as bold beside the bold Latin; regular text
    and DejaVu's own bold are drawn as they are, and the line width is given back."""
    from reportlab.lib.colors import Color

    from syslead_desktop.services.pdf.fonts import BOLD

    register_fonts("田中")

    def draw(canvas: Canvas) -> None:
        canvas.setLineWidth(0.8)
        for face, y in ((BOLD, 60), (FAMILY, 30)):
            text = canvas.beginText(10, y)
            text.setFont(face, 20)
            text.setFillColor(Color(0, 0.2, 0.5))
            text.textOut("Scans 田中")
            canvas.drawText(text)

    content = pikepdf_content(_canvas_pdf(draw))
    bold, regular = [part for part in content.split(b"BT") if b"Scans" in part]
    assert b"0 .2 .5 RG .6 w 2 Tr" in bold and b"0 Tr .8 w" in bold
    assert b"Tr" not in regular
    assert bold.index(b"(Scans ) Tj") < bold.index(b"2 Tr")  # the Latin in its own bold


def pikepdf_content(pdf: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return bytes(doc.pages[0].Contents.read_bytes())


def test_reportlab_internals_shaping_relies_on() -> None:
    """shaping.py gives glyphs with no character a private code in reportlab's maps of the
    face, and draws ShapedStr through reportlab's text object; this fails should reportlab
    change either."""
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    register_fonts("السَّلَامُ")
    font = shaping._font(FAMILY)
    face = font.face
    for name in ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "_ttf_data"):
        assert hasattr(face, name), name
    assert hasattr(face, "_pdfScale") and font.shapable
    line = layout("السَّلَامُ", FAMILY)
    private = [ord(c) for run in line.runs for c in run.text if ord(c) >= shaping.PRIVATE]
    assert private and all(face.charToGlyph[c] == c - shaping.PRIVATE for c in private)
    assert isinstance(ShapedStr("a", [ShapeData(0, 1, 0, 0, 0, 1)])[0:1], ShapedStr)

    def draw(canvas: Canvas) -> None:  # a raised first glyph: reportlab 5.1's setRise
        text = canvas.beginText(10, 40)
        text.setFont(FAMILY, 20)
        raised = ShapedStr(chr(0x64E), [ShapeData(0, 0, 0, 0, 120, 0)])
        assert " Ts" in text._formatText(raised)  # reportlab alone: IndexError

    _canvas_pdf(draw)


def test_a_paper_in_every_script_verifies_as_intact(scripts_pdf: Path) -> None:
    """syslead verify renders the pages again from the attached record and compares them
    byte for byte: shaped text, fallback faces and language spans come out the same."""
    from syslead_desktop.services.pdf.paper_check import verify_paper

    check = verify_paper(scripts_pdf)
    assert check.intact, check.reason


def test_a_shaped_paper_is_the_same_bytes_in_another_process(tmp_path: Path) -> None:
    """Private codes are the glyph's own number, never the order glyphs were first met:
    a paper comes out the same whatever the process drew before."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from syslead_desktop.services.decision_file import load_decision\n"
        "from tests.conftest import EXAMPLE\n"
        "from tests.unit.test_pdf_support import render\n"
        "from syslead_desktop.services.pdf.shaping import layout\n"
        "from syslead_desktop.services.pdf.fonts import register_fonts, FAMILY\n"
        "if sys.argv[2] == 'warm':\n"
        "    register_fonts('عَلَيْكُمْ ﻷ')\n"
        "    layout('عَلَيْكُمْ ﻷ', FAMILY)\n"
        "d = load_decision(EXAMPLE)\n"
        "d.framing.title = 'السَّلَامُ عَلَيْكُمْ and 田中 and שָׁלוֹם'\n"
        "render(d, Path(sys.argv[1]))\n"
    )
    outputs = []
    for warm in ("cold", "warm"):
        out = tmp_path / f"{warm}.pdf"
        subprocess.run(
            [sys.executable, "-c", script, str(out), warm], check=True, cwd=ROOT, timeout=300
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_latin_paper_takes_the_plain_path() -> None:
    """The common paper never reaches HarfBuzz or the bidirectional algorithm."""
    assert not shaping.needs_layout("Board paper: scans £380,000 – “agreed”", shaping._font(FAMILY))
