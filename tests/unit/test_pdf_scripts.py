"""Text in every script: what the paper prints, and what it says it cannot print
(services/pdf/printable.py), tried with the Big List of Naughty Strings (tests/data/blns)."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf.fonts import drawn_everywhere
from syslead_desktop.services.pdf.printable import (
    placeholder,
    printable_decision,
    printable_text,
    unprintable,
)
from tests import pdfua

from .test_pdf_support import render

BLNS = json.loads((Path(__file__).parents[1] / "data/blns/blns.json").read_text("utf-8"))
# A decision file never holds control characters other than tab and line break (the
# format refuses them, yaml_io.py), so those never reach a paper.
ALLOWED = ["".join(c for c in s if c in "\t\n" or unicodedata.category(c) != "Cc") for s in BLNS]


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def naughty() -> Decision:
    from tests.conftest import EXAMPLE

    decision = load_decision(EXAMPLE)
    strings = [s for s in ALLOWED if s.strip()]
    decision.framing.title = "Naïve 田中 😀 🇬🇧 \u202eevil\u202c שלום"
    decision.framing.options_considered = strings
    decision.framing.partners = strings[::7]
    decision.board_paper.author.name = strings[100]
    for number, factor in enumerate(sorted(decision.notes) or ["stability"]):
        decision.notes[factor] = "\n".join(strings[number::9])
    return decision


def test_the_big_list_of_naughty_strings_is_there_with_its_licence() -> None:
    assert len(BLNS) > 500
    licence = (Path(__file__).parents[1] / "data/blns/LICENSE").read_text("utf-8")
    assert "MIT License" in licence and "Max Woolf" in licence


def test_every_naughty_character_is_printed_or_reported(naughty: Decision, tmp_path: Path) -> None:
    """Done when: a paper whose names and notes come from the Big List of Naughty Strings
    prints every character in some font, or says which it could not."""
    path = render(naughty, tmp_path / "naughty.pdf")
    report = pdfua.check(path)
    assert report.failures == []  # no .notdef box anywhere, everything tagged
    printed = set(_pdftotext(path))
    reported = {(u.where, u.char) for u in unprintable(naughty)}
    reported_chars = {c for _, chars in reported for c in chars}
    missing = []
    for text in [naughty.framing.title, *naughty.framing.options_considered]:
        for char in text:
            if char.isspace() or char in reported_chars or printable_text(char) == ("", []):
                continue  # white space, reported, or formatting with no glyph of its own
            if drawn_everywhere(char):
                if char not in printed:
                    missing.append(char)
            elif printable_text(char)[1]:  # not a silent formatting character
                missing.append(char)
    assert sorted(set(missing)) == []
    assert len(reported) > 10  # the list does hold characters no face draws


def test_an_item_with_nothing_to_print_is_no_list_item(naughty: Decision, tmp_path: Path) -> None:
    """An option of only characters with no glyph (a zero-width space) printed as a bullet
    with nothing after it, tagged as an LI with a label and no body (ISO 14289-1 7.6, as
    the independent checker outloud reports): such an item is left out of the list."""
    decision = naughty.model_copy(deep=True)
    decision.framing.options_considered = ["First", "\u200b\u200b", "  ", "Last"]
    report = pdfua.check(render(decision, tmp_path / "items.pdf"))
    items = [e for e in report.elements if e.std == "LI"]
    assert len(items) >= 2  # First and Last, at least
    for item in items:
        assert [kid.std for kid in item.kids].count("LBody") == 1, [k.std for k in item.kids]


def test_what_cannot_be_printed_is_named_and_placed(naughty: Decision) -> None:
    found = unprintable(naughty)
    title = [u for u in found if u.where == "Title"]
    assert [u.char for u in title] == ["🇬🇧"]  # 田中 is drawn by the CJK fallback face
    assert title[0].describe() == "Title: U+1F1EC U+1F1E7 (flag GB), printed as [flag: GB]"
    places = {u.where for u in found}
    assert any(p.startswith("Options considered, item ") for p in places)
    assert any(p.startswith("Notes and evidence (") for p in places)
    private = next(u for u in found if unicodedata.category(u.char[0]) == "Co")
    assert private.shown_as.startswith("[private use U+")


def test_placeholders_are_visible_and_named() -> None:
    assert printable_text("a😀b")[0] in ("a😀b", "a[emoji: grinning face]b")
    assert printable_text("\U0001f9ea")[0] == "[emoji: test tube]"
    assert printable_text("\U0001faf6\U0001f3fd")[0] == "[emoji: heart hands]"  # skin tone
    assert printable_text("\U0001f44d\U0001f3fd") == ("\U0001f44d", [])  # Symbola draws it
    assert printable_text("\ue000")[0] == "[private use U+E000]"
    assert printable_text("a\u200bb\ufeffc\u200dd")[0] == "abcd"  # formatting only: no word
    assert printable_text("one\r\ntwo\rthree\u2028four")[0] == "one\ntwo\nthree\nfour"
    assert printable_text("bell\x07")[0] == "bell"
    assert placeholder("\u0378") == "[U+0378]"  # unassigned: no name
    for char in "\U0001f600\U0001f9ea\u6f22\ue000":
        shown = printable_text(char)[0]
        assert shown == char or (shown.startswith("[") and len(shown) > 3)


def test_the_record_keeps_the_text_as_typed(naughty: Decision, tmp_path: Path) -> None:
    from syslead_desktop.services.pdf.archive import extract_decision

    path = render(naughty, tmp_path / "naughty.pdf")
    from syslead_desktop.services.decision_file import decision_from_text

    back = decision_from_text(extract_decision(path))
    assert back.framing.title == naughty.framing.title
    assert back.framing.options_considered == naughty.framing.options_considered
    assert printable_decision(naughty).framing.title != naughty.framing.title


def test_a_letter_keeps_at_most_four_combining_marks() -> None:
    """Shaped, a stack of dozens of marks ("Zalgo" text) is drawn over the lines around
    it; the marks past the fourth are left out, and said."""
    zalgo = "h" + "\u0317" * 20 + "i"
    assert printable_text(zalgo) == ("h" + "\u0317" * 4 + "i", ["\u0317"] * 16)
    assert printable_text("Nguyễn ệ") == ("Nguyễn ệ", [])
    pointed = "\u05e9\u05bc\u05c1\u05b8"  # shin with dagesh, shin dot and qamats
    assert printable_text(pointed) == (pointed, [])


def test_a_character_there_many_times_is_said_once_with_how_often(naughty: Decision) -> None:
    decision = naughty.model_copy(deep=True)
    decision.framing.title = "Scans " + "h" + "\u0317" * 20 + " 🇬🇧 🇬🇧 \U00010000"
    title = [u.describe() for u in unprintable(decision) if u.where == "Title"]
    assert title == [
        "Title: U+0317 (combining acute accent below), left out (16 times)",
        "Title: U+1F1EC U+1F1E7 (flag GB), printed as [flag: GB] (2 times)",
        "Title: U+10000 (linear b syllable b008 a), printed as [linear b syllable b008 a]",
    ]


def test_european_names_are_printed_unchanged() -> None:
    text = "Zoë Łukasz Ngũgĩ Ἀθῆναι Привет Əliyev £ € – ✓ ☒"
    assert printable_text(text) == (text, [])
    assert all(unicodedata.category(c) != "Co" for c in text)


def test_characters_beyond_the_basic_plane_extract_as_themselves(tmp_path: Path) -> None:
    """reportlab writes a ToUnicode entry beyond U+FFFF as its code point; fonts.py writes
    UTF-16, so a drawn emoji or rare character is extracted (and read aloud) as itself."""
    from reportlab.pdfbase import ttfonts

    from syslead_desktop.services.pdf import fonts

    assert ttfonts.makeToUnicodeCMap is fonts._to_unicode_cmap
    raw = fonts._REPORTLAB_CMAP("F", [0, 0x41, 0x1F600])
    assert "<02> <1F600>" in raw  # reportlab's own output, still to be mended
    mended = fonts._to_unicode_cmap("F", [0, 0x41, 0x1F600])
    assert "<01> <0041>" in mended and "<02> <D83DDE00>" in mended
    from tests.conftest import EXAMPLE

    decision = load_decision(EXAMPLE)
    assert drawn_everywhere("😀")
    decision.framing.title = "Smile 😀 please"
    path = render(decision, tmp_path / "smile.pdf")
    assert "Smile 😀 please" in _pdftotext(path)
    assert pdfua.check(path).failures == []
