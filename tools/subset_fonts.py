"""Make the subsets of the bundled DejaVu Sans faces (a developer's step, run once).

    .venv/bin/python tools/subset_fonts.py            # writes resources/fonts/<tier>/
    .venv/bin/python tools/subset_fonts.py --out DIR  # writes DIR/<tier>/ (tests)

Why: reportlab parses a TrueType face's cmap, widths and glyph offsets in pure Python, in
time that grows with the glyph count: ~20 ms for a full face (~6,000 glyphs). Three tiers
of subsets of the regular and bold faces are made: "western" (Latin-1 and the rest of
Windows-1252, the common punctuation and signs, and every character the shipped code and
rulebooks print: most English papers, in 300 characters), "latin" (adds Latin
Extended-A, Welsh and Romanian letters and more signs: names such as Łukasz, Ŵyn or
Ștefan) and "europe" (adds Greek, Cyrillic, Armenian, Georgian and the rest of the Latin
blocks).
``syslead_desktop/services/pdf/fonts.py`` sets the paper in the smallest tier that draws
its text, and in the full faces when only they draw it, so nothing renders worse.

Needs fontTools (the ``dev`` extra, pinned there so the output is the same to the byte);
the product itself never imports it: the subsets are committed.

Deterministic: the same sources and fontTools version give the same bytes (the 'head'
dates are kept from the source, never the clock; the tests regenerate and compare).

Licence: the sources are DejaVu Sans 2.37 (Bitstream Vera licence, with DejaVu's changes
in the public domain: resources/fonts/LICENSE-DejaVu.txt). Every 'name' record is kept,
copyright (0), licence (13) and licence URL (14) included. The Vera licence lets a
modified font ship only under a name without "Bitstream" or "Vera"; DejaVu's names (DejaVu
Sans, DejaVuSans-Bold) have neither, and this tool refuses to write a subset whose names
do. The PostScript names stay DejaVu's, so the PDF's font names do not change.

Fails loudly (exit 1), writing nothing, when a character that the shipped code or
rulebooks print is missing from either tier, or a sample name from the tier that
promises to set it.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from syslead_desktop.services.pdf.fonts import FACES, SUBSETS, subset_file  # noqa: E402

OUT = ROOT / "resources" / "fonts"  # each tier in a folder of its own: western/, latin/...
SOURCES = tuple(FACES.values())  # the regular face first

# Names and signs each tier promises to set (docs/board-paper.md; tests/unit/test_pdf_*).
# Each tier promises its own and those of the tiers before it.
SAMPLES: dict[str, tuple[str, ...]] = {
    "western": (
        "Zoë Siân Chloé Øystein Åsa Ærø Çelik Müller Núñez Smørrebrød £ € – ✓",
        "‘ ’ “ ” „ ‹ › « » † ‡ ‰ ′ ″ • … ‐ — ¹ ² ³ ½ × ÷ ± ¢ ¥ © ® ™ → ⇒ ≤ ≥ ≠ ≈ −",
        "☐ ☑ ☒ ✓ ✔ ✗ ✘ ■ □ ▪ ● ○ ◆ ▲ ▶ ▸ ⚠ ★ ﬁ ﬂ \ufffd",
        "ƒ ˆ ˜ Š š Œ œ Ž ž Ÿ",  # the rest of Windows-1252, as pasted from Word
    ),
    "latin": (
        "Zoë Łukasz Ngũgĩ £ € – ✓",
        "Ærøskøbing Åsa Çağrı Đorđević Dvořák Ğ İ ı Łódź Șțefan Ţ Ŵŵ Ŷŷ Ẁẃ Ỳ ß ĳ Ŀ ŉ",
        "‘ ’ “ ” „ ‹ › « » † ‡ ‰ ′ ″ • … ‐ — ¹ ² ³ ⁴ ₀ ₂ № ™ ℃ ½ ⅓ Ⅻ → ⇒ ≤ ≥ ≠ ± × ÷ √ ∞",
        "£ € ¥ ₽ ₴ ₺ ¢ ☐ ☑ ☒ ✓ ✔ ✗ ✘ ■ □ ▪ ● ○ ◆ ▲ ▶ ⚠ ★ ﬁ ﬂ \ufffd",
        "ƒ ˆ ˜ Š š Œ œ Ž ž Ÿ",  # the rest of Windows-1252, as pasted from Word
    ),
    "europe": (
        "Ἀθῆναι Привет ẞ Əliyev",
        "Ἀριστοτέλης ᾅδης Ὠκεανός Ωμέγα ςσ Ђорђе Ґанна Їжак Ѣ Ӂ Ԁ Հայերեն ქართული",
    ),
}

# The punctuation and symbols both tiers keep (inclusive; codepoints a face lacks are
# simply not there).
_SIGNS: tuple[tuple[int, int, str], ...] = (
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols (№ ™ ℃)"),
    (0x2150, 0x218F, "Number Forms (½ ⅓ Ⅻ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x2213, "Mathematical Operators: ∀ to ∓ (∂ ∆ ∈ ∏ ∑ −)"),
    (0x2215, 0x221E, "Mathematical Operators: ∕ to ∞ (√ ∝)"),
    (0x2227, 0x222B, "Mathematical Operators: ∧ ∨ ∩ ∪ ∫"),
    (0x2248, 0x2248, "Mathematical Operators: ≈"),
    (0x2260, 0x2265, "Mathematical Operators: ≠ ≡ ≤ ≥"),
    (0x22C5, 0x22C5, "Mathematical Operators: ⋅"),
    (0x2300, 0x2300, "Miscellaneous Technical: ⌀"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ▪ ▲ ▶ ● ○ ◆)"),
    (0x2605, 0x2606, "Miscellaneous Symbols: ★ ☆"),
    (0x2610, 0x2612, "Miscellaneous Symbols: ☐ ☑ ☒ (the cover's boxes)"),
    (0x26A0, 0x26A0, "Miscellaneous Symbols: ⚠"),
    (0xFB00, 0xFB06, "Alphabetic Presentation Forms: Latin ligatures (ﬁ ﬂ)"),
    (0xFEFF, 0xFEFF, "Zero width no-break space (a byte order mark pasted in)"),
    (0xFFF9, 0xFFFD, "Specials (the replacement character �)"),
)

# Latin-1, which every tier keeps.
_LATIN_1: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
)
# The letters of Windows-1252 outside Latin-1 and Latin Extended-A.
_CP1252_BEYOND: tuple[tuple[int, int, str], ...] = (
    (0x0192, 0x0192, "Latin Extended-B: ƒ (Windows-1252)"),
    (0x02C6, 0x02C6, "Spacing Modifier Letters: ˆ (Windows-1252)"),
    (0x02DC, 0x02DC, "Spacing Modifier Letters: ˜ (Windows-1252)"),
)
# The Latin the latin and europe tiers keep.
_LATIN: tuple[tuple[int, int, str], ...] = (
    *_LATIN_1,
    (0x0100, 0x017F, "Latin Extended-A"),
)

# The Unicode ranges each tier keeps, by tier (inclusive).
RANGES: dict[str, tuple[tuple[int, int, str], ...]] = {
    "western": (
        *_LATIN_1,
        (0x0152, 0x0153, "Latin Extended-A: Œ œ (Windows-1252)"),
        (0x0160, 0x0161, "Latin Extended-A: Š š (Windows-1252)"),
        (0x0178, 0x0178, "Latin Extended-A: Ÿ (Windows-1252)"),
        (0x017D, 0x017E, "Latin Extended-A: Ž ž (Windows-1252)"),
        *_CP1252_BEYOND,
        (0x2000, 0x203A, "General Punctuation: spaces, dashes, quotes, • … ‰ ′ ″ ‹ ›"),
        (0x2044, 0x2044, "General Punctuation: ⁄"),
        (0x20AC, 0x20AC, "Currency Symbols: €"),
        (0x2122, 0x2122, "Letterlike Symbols: ™"),
        (0x2190, 0x2193, "Arrows: ← ↑ → ↓"),
        (0x21D2, 0x21D2, "Arrows: ⇒"),
        (0x2212, 0x2212, "Mathematical Operators: −"),
        (0x2248, 0x2248, "Mathematical Operators: ≈"),
        (0x2260, 0x2260, "Mathematical Operators: ≠"),
        (0x2264, 0x2265, "Mathematical Operators: ≤ ≥"),
        (0x25A0, 0x25A1, "Geometric Shapes: ■ □"),
        (0x25AA, 0x25AB, "Geometric Shapes: ▪ ▫"),
        (0x25B2, 0x25B2, "Geometric Shapes: ▲"),
        (0x25B6, 0x25B6, "Geometric Shapes: ▶"),
        (0x25B8, 0x25B8, "Geometric Shapes: ▸"),
        (0x25BC, 0x25BC, "Geometric Shapes: ▼"),
        (0x25C6, 0x25C6, "Geometric Shapes: ◆"),
        (0x25CB, 0x25CB, "Geometric Shapes: ○"),
        (0x25CF, 0x25CF, "Geometric Shapes: ●"),
        (0x2605, 0x2606, "Miscellaneous Symbols: ★ ☆"),
        (0x2610, 0x2612, "Miscellaneous Symbols: ☐ ☑ ☒ (the cover's boxes)"),
        (0x26A0, 0x26A0, "Miscellaneous Symbols: ⚠"),
        (0x2713, 0x2718, "Dingbats: ✓ ✔ ✕ ✖ ✗ ✘"),
        (0xFB01, 0xFB02, "Alphabetic Presentation Forms: ﬁ ﬂ"),
        (0xFEFF, 0xFEFF, "Zero width no-break space (a byte order mark pasted in)"),
        (0xFFFD, 0xFFFD, "Specials: the replacement character �"),
    ),
    "latin": (
        *_LATIN,
        *_CP1252_BEYOND,
        (0x0218, 0x021B, "Latin Extended-B: Romanian Ș ș Ț ț"),
        (0x1E80, 0x1E85, "Latin Extended Additional: Welsh Ẁ ẁ Ẃ ẃ Ẅ ẅ"),
        (0x1EF2, 0x1EF3, "Latin Extended Additional: Welsh Ỳ ỳ"),
        (0x2713, 0x2718, "Dingbats: ✓ ✔ ✕ ✖ ✗ ✘"),
        *_SIGNS,
    ),
    "europe": (
        *_LATIN,
        (0x0180, 0x024F, "Latin Extended-B (Romanian ș ț, African Latin)"),
        (0x0250, 0x02AF, "IPA Extensions (Azerbaijani ə, ɛ ɔ in names)"),
        (0x02B0, 0x02FF, "Spacing Modifier Letters (ʼ ʻ ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝)"),
        (0x0300, 0x036F, "Combining Diacritical Marks (decomposed accents)"),
        (0x0370, 0x03FF, "Greek and Coptic"),
        (0x0400, 0x04FF, "Cyrillic"),
        (0x0500, 0x052F, "Cyrillic Supplement"),
        (0x0530, 0x058F, "Armenian"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1E00, 0x1EFF, "Latin Extended Additional (Welsh ẁ ỳ, Vietnamese)"),
        (0x1F00, 0x1FFF, "Greek Extended (polytonic: Ἀθῆναι)"),
        (0x2C60, 0x2C7F, "Latin Extended-C"),
        (0x2700, 0x27BF, "Dingbats (✓ ✔ ✗ ✘)"),
        *_SIGNS,
    ),
}

# Words the Bitstream Vera licence forbids in a modified font's names.
FORBIDDEN_IN_NAMES = ("bitstream", "vera")
NAME_IDS_THAT_NAME = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)


def unicodes(tier: str) -> list[int]:
    return sorted({c for start, end, _ in RANGES[tier] for c in range(start, end + 1)})


def output_name(tier: str, source: str) -> str:
    """The subset's path in the output folder: "latin/DejaVuSans-Latin.ttf"."""
    return f"{tier}/{subset_file(tier, source)}"


def _strings_in_python(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _strings_in_yaml(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_in_yaml(key)
            yield from _strings_in_yaml(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in_yaml(item)


def required_characters(root: Path = ROOT, tier: str = "latin") -> dict[str, set[str]]:
    """Every non-ASCII character one tier must draw, and where it comes from.

    String literals of the package (escapes decoded: ``"\\u2026"`` counts as "…"), the
    strings of the shipped rulebooks, and the samples the tier promises (the europe tier
    promises the latin tier's too).
    """
    import yaml

    found: dict[str, set[str]] = {}

    def note(texts: Iterable[str], where: str) -> None:
        for text in texts:
            for char in text:
                if ord(char) > 0x7E and unicodedata.category(char) != "Cc":
                    found.setdefault(char, set()).add(where)

    for path in sorted((root / "syslead_desktop").rglob("*.py")):
        note(_strings_in_python(path), str(path.relative_to(root)))
    for path in sorted((root / "rules").glob("*.yaml")):
        rulebook = yaml.safe_load(path.read_text(encoding="utf-8"))
        note(_strings_in_yaml(rulebook), str(path.relative_to(root)))
    for promised in SUBSETS[: SUBSETS.index(tier) + 1]:
        note(SAMPLES[promised], f"tools/subset_fonts.py SAMPLES[{promised!r}]")
    return found


def subset_bytes(source: Path, tier: str) -> bytes:
    """One tier's subset of one face, as bytes; the same input always gives the same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]  # keep kerning, marks and ligature features
    options.legacy_kern = True  # and the old 'kern' table beside GPOS
    options.hinting = True  # keep TrueType instructions (cvt, fpgm, prep, glyph programs)
    options.name_IDs = ["*"]  # copyright, licence and licence URL records included
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True  # a missing character still shows the box, as before
    options.recalc_timestamp = False  # 'head' keeps the source's dates: never the clock
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's build stamps
    font = TTFont(str(source), recalcTimestamp=False)
    # fontTools packs GSUB and GPOS with HarfBuzz's repacker when uharfbuzz is installed
    # (it is, for shaping): other bytes than its own packer. Its own, always, so the
    # subsets do not depend on what else is installed.
    font.cfg["fontTools.ttLib.tables.otBase:USE_HARFBUZZ_REPACKER"] = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes(tier))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def cmap_of(data: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(data)).getBestCmap())


def name_problems(data: bytes) -> list[str]:
    from fontTools.ttLib import TTFont

    problems = []
    for record in TTFont(io.BytesIO(data))["name"].names:
        text = record.toUnicode().lower()
        if record.nameID in NAME_IDS_THAT_NAME and any(w in text for w in FORBIDDEN_IN_NAMES):
            problems.append(f"name {record.nameID}: {record.toUnicode()!r}")
    return problems


def build(out: Path = OUT, root: Path = ROOT) -> list[Path]:
    """Write both tiers' subsets under ``out``; raise SystemExit naming whatever is missing."""
    errors: list[str] = []
    outputs: dict[Path, bytes] = {}
    for tier in SUBSETS:
        required = required_characters(root, tier)
        for source_name in SOURCES:
            source = root / "resources" / "fonts" / source_name
            name = output_name(tier, source_name)
            data = subset_bytes(source, tier)
            have = cmap_of(data)
            full = cmap_of(source.read_bytes())
            regular = source_name == SOURCES[0]
            for char, where in sorted(required.items()):
                if ord(char) in have or not (regular or ord(char) in full):
                    continue
                why = "missing" if ord(char) in full else "not in DejaVu Sans at all"
                used = ", ".join(sorted(where))
                errors.append(f"{name}: U+{ord(char):04X} {char!r} {why} ({used})")
            errors += [f"{name}: {p}" for p in name_problems(data)]
            outputs[out / name] = data
    if errors:
        raise SystemExit(
            "subset_fonts: nothing written. Add the missing characters to RANGES (or stop "
            "printing characters no face has):\n  " + "\n  ".join(errors)
        )
    for path, data in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(outputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (%(default)s)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        data = path.read_bytes()
        print(f"{path}: {len(data):,} bytes, {len(cmap_of(data)):,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
