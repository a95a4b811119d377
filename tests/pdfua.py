"""A checker for the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that apply to the
board paper. Not a test module: tests/unit/test_pdf_tagging.py runs it.

veraPDF, the reference validator, is a Java program distributed outside the package
registries this project can reach, so this re-implements, with pikepdf (QPDF) and fontTools,
the rules of veraPDF's PDF/UA-1 profile that a paper like ours can break. Each failure
names the rule it breaks by its clause, as veraPDF's report does ("7.1-3"). Rules about
features the paper never uses (forms, optional content, encryption, XFA, multimedia,
annotations other than links) are checked only as far as "the paper has none".

It reads the file independently of how SysLead wrote it: it does not import SysLead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

_TYPES = """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
    Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
    Figure Formula Form"""
STANDARD_TYPES = set(_TYPES.split())
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PAINT = TEXT_SHOW | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "EI"}
XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Element:
    role: str  # as written
    std: str  # the standard type it is (after the role map)
    obj: Any  # usable only while the file is open
    parent: Element | None
    alt: str = ""  # /Alt, else /ActualText
    scope: str = ""  # a table header cell's /Scope
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)  # in tree (reading) order
    content_order: list[tuple[int, int]] = field(default_factory=list)  # MCIDs as drawn
    mcid_text: dict[tuple[int, int], str] = field(default_factory=dict)

    def fail(self, rule: str, message: str) -> None:
        self.failures.append(f"{rule}: {message}")


def check(path: Path) -> Report:
    report = Report()
    _UNICODE.clear()  # object numbers name fonts within one file only
    _NOTDEF.clear()
    with pikepdf.open(path) as pdf:
        _document(pdf, report)
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        if "/StructTreeRoot" in pdf.Root:
            _tree(pdf, pages, report)
        for index, page in enumerate(pdf.pages):
            _page(pdf, page, index, report)
        _parent_tree(pdf, report)
        _fonts(pdf, report)
        _embedded_files(pdf, report)
    return report


# --- the document --------------------------------------------------------------------


def _document(pdf: pikepdf.Pdf, report: Report) -> None:
    root = pdf.Root
    if pdf.is_encrypted:
        report.fail("7.16-1", "the file is encrypted")
    mark = root.get("/MarkInfo")
    if mark is None or mark.get("/Marked") is not True:
        report.fail("6.2-1", "the catalogue's /MarkInfo has no /Marked true")
    if mark is not None and mark.get("/Suspects") is True:
        report.fail("7.1-11", "/MarkInfo /Suspects is true")
    if "/StructTreeRoot" not in root:
        report.fail("7.1-11", "no structure tree")
    lang = str(root.get("/Lang", ""))
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
        report.fail("7.2-34", f"the catalogue's /Lang is {lang!r}")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or prefs.get("/DisplayDocTitle") is not True:
        report.fail("7.1-10", "/ViewerPreferences /DisplayDocTitle is not true")
    if "/AcroForm" in root or "/OCProperties" in root or "/NeedsRendering" in root:
        report.fail("7.10/7.15/7.18.4", "forms, optional content or XFA, which the paper never has")
    metadata = root.get("/Metadata")
    if metadata is None:
        report.fail("7.1-8", "no XMP metadata stream")
        return
    xmp = metadata.read_bytes().decode("utf-8")
    if XML_CHARS.search(xmp):
        report.fail("6.1", "the XMP metadata holds characters XML does not allow")
    with pdf.open_metadata() as meta:
        title = meta.get("dc:title")
        part = meta.get("pdfuaid:part")
    if not title:
        report.fail("7.1-8", "the XMP metadata has no dc:title")
    if str(part) != "1":
        report.fail("5-1", f"the XMP metadata's pdfuaid:part is {part!r}, not 1")


# --- the structure tree --------------------------------------------------------------


def _tree(pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int], report: Report) -> None:
    tree = pdf.Root.StructTreeRoot
    role_map = {str(k)[1:]: str(v)[1:] for k, v in tree.get("/RoleMap", {}).items()}
    for role, target in role_map.items():
        if role in STANDARD_TYPES:
            report.fail("7.1-5", f"the standard type {role} is mapped to {target}")

    def standard(role: str) -> str:
        seen = {role}
        while role not in STANDARD_TYPES and role in role_map:
            role = role_map[role]
            if role in seen:
                report.fail("7.1-5", f"the role map loops at {role}")
                break
            seen.add(role)
        return role

    def walk(obj: Any, parent: Element | None, page: int | None) -> None:
        role = str(obj.get("/S", ""))[1:]
        std = standard(role)
        if std not in STANDARD_TYPES:
            report.fail("7.1-4", f"{role} is neither a standard type nor mapped to one")
        attrs = obj.get("/A")
        scope = str(attrs.get("/Scope", "")) if isinstance(attrs, pikepdf.Dictionary) else ""
        alt = str(obj.get("/Alt", "")) or str(obj.get("/ActualText", ""))
        elem = Element(role, std, obj, parent, alt, scope)
        report.elements.append(elem)
        if parent is not None:
            parent.kids.append(elem)
        if "/Pg" in obj:
            page = pages.get(obj.Pg.objgen)
        kids = obj.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                if page is None:
                    report.fail("7.1", f"{role} has marked content but no page")
                else:
                    elem.mcids.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                kid_page = pages.get(kid.Pg.objgen) if "/Pg" in kid else page
                assert kid_page is not None
                elem.mcids.append((kid_page, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                continue
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/P") is None or kid.P.objgen != obj.objgen:
                    report.fail("7.1", f"a kid of {role} does not name it as its parent")
                walk(kid, elem, page)

    root = tree.get("/K")
    for top in root if isinstance(root, pikepdf.Array) else [root]:
        walk(top, None, None)
    _structure_rules(report)


def _structure_rules(report: Report) -> None:
    allowed_kids = {
        "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
        "THead": {"TR"},
        "TBody": {"TR"},
        "TFoot": {"TR"},
        "TR": {"TH", "TD"},
        "L": {"LI", "L", "Caption"},
        "LI": {"Lbl", "LBody"},
    }
    allowed_parents = {
        "TR": {"Table", "THead", "TBody", "TFoot"},
        "TH": {"TR"},
        "TD": {"TR"},
        "LI": {"L"},
        "Lbl": {"LI"},
        "LBody": {"LI"},
    }
    headings: list[tuple[str, int]] = []
    for elem in report.elements:
        for kid in elem.kids:
            if elem.std in allowed_kids and kid.std not in allowed_kids[elem.std]:
                report.fail("7.2", f"{elem.std} holds a {kid.std}")
        parent = elem.parent.std if elem.parent else None
        if elem.std in allowed_parents and parent not in allowed_parents[elem.std]:
            report.fail("7.2", f"{elem.std} sits in a {parent}")
        if elem.std == "TH" and elem.scope not in ("/Row", "/Column", "/Both"):
            report.fail("7.5-1", "a table header cell has no /Scope")
        if elem.std == "Table":
            rows = [kid for kid in elem.kids if kid.std == "TR"]
            widths = {len(row.kids) for row in rows}
            if len(widths) > 1:
                report.fail("7.5-2", f"a table's rows have {sorted(widths)} cells")
            if not any(cell.std == "TH" for row in rows for cell in row.kids):
                report.fail("7.5", "a table has no header cell")
        if elem.std == "Figure" and not elem.alt.strip():
            report.fail("7.3-1", "a figure has no alternative text")
        if elem.std in ("H", "H1", "H2", "H3", "H4", "H5", "H6"):
            headings.append((elem.std, len(headings)))
    kinds = {std for std, _ in headings}
    if "H" in kinds and kinds - {"H"}:
        report.fail("7.4.4-3", "the headings mix H with H1-H6")
    level = 0
    for std, _ in headings:
        if std == "H":
            continue
        number = int(std[1])
        if number > level + 1:
            report.fail("7.4.2-1", f"{std} follows a heading of level {level}")
        level = number


# --- page content --------------------------------------------------------------------


def _page(pdf: pikepdf.Pdf, page: pikepdf.Page, index: int, report: Report) -> None:
    stack: list[str] = []  # "artifact", "tagged" or "other", innermost last
    text: list[str] = []
    font_names: dict[str, Any] = {}
    fonts = page.Resources.get("/Font", {})
    current: Any = None
    seen: set[int] = set()
    if "/Annots" in page.obj:
        for annot in page.obj.Annots:
            subtype = str(annot.get("/Subtype"))
            if subtype != "/Link":
                report.fail("7.18.1", f"page {index + 1} has a {subtype} annotation")
            elif not str(annot.get("/Contents", "")).strip():
                report.fail("7.18.5-2", f"a link on page {index + 1} has no /Contents")
    if page.obj.get("/Tabs") != "/S" and "/Annots" in page.obj:
        report.fail("7.18.3-1", f"page {index + 1} has annotations but no /Tabs /S")
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BMC", "BDC"):
            tag = str(operands[0])[1:]
            props = operands[1] if op == "BDC" else None
            if tag == "Artifact":
                if "tagged" in stack:
                    report.fail("7.1-1", f"an artifact inside tagged content, page {index + 1}")
                stack.append("artifact")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                if "artifact" in stack:
                    report.fail("7.1-2", f"tagged content inside an artifact, page {index + 1}")
                mcid = int(props.MCID)
                if mcid in seen:
                    report.fail("7.1", f"MCID {mcid} is used twice on page {index + 1}")
                seen.add(mcid)
                report.content_order.append((index, mcid))
                report.mcid_text[(index, mcid)] = ""
                stack.append("tagged")
                text = []
            else:
                stack.append("other")
        elif op == "EMC":
            if not stack:
                report.fail("7.1", f"an EMC without a marked-content sequence, page {index + 1}")
            elif stack.pop() == "tagged":
                report.mcid_text[report.content_order[-1]] = "".join(text)
        elif op == "Tf":
            current = fonts.get(operands[0])
            font_names.setdefault(str(operands[0]), current)
        elif op in PAINT:
            if "artifact" not in stack and "tagged" not in stack:
                report.fail("7.1-3", f"{op} on page {index + 1} is neither tagged nor an artifact")
            if op in TEXT_SHOW and current is not None:
                strings = operands[-1] if op in ("Tj", "'", '"') else operands[0]
                for chunk in strings if isinstance(strings, pikepdf.Array) else [strings]:
                    if isinstance(chunk, pikepdf.String):
                        text.append(_decode(current, bytes(chunk), report, index))
    if stack:
        report.fail("7.1", f"page {index + 1} ends inside a marked-content sequence")


_UNICODE: dict[tuple[int, int], dict[int, str]] = {}
_NOTDEF: dict[tuple[int, int], set[int]] = {}


def _decode(font: Any, data: bytes, report: Report, page: int) -> str:
    """The text one show operator draws (one byte per code: reportlab's subsets are simple
    fonts), checking that no code draws the .notdef glyph (7.21.8-1) and that each code
    used maps to Unicode, and not to U+0000, U+FEFF or U+FFFE (7.21.7)."""
    key = font.objgen
    if key not in _UNICODE:
        _UNICODE[key] = _to_unicode(font)
        _NOTDEF[key] = _notdef_codes(font)
    out = []
    name = str(font.get("/BaseFont"))
    for code in data:
        if code in _NOTDEF[key]:
            report.fail("7.21.8-1", f"page {page + 1} draws .notdef (code {code} of {name})")
        value = _UNICODE[key].get(code)
        if value is None:
            report.fail("7.21.7-1", f"code {code} of {name} (page {page + 1}) has no Unicode")
        elif "\x00" in value or "\ufeff" in value or "\ufffe" in value:
            report.fail("7.21.7-2", f"code {code} of {name} maps to {value!r}")
        out.append(value or "\ufffd")
    return "".join(out)


def _to_unicode(font: Any) -> dict[int, str]:
    mapping: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return mapping
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            try:
                mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
            except ValueError:  # not UTF-16: such a code maps to no text (7.21.7-1)
                continue
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            base = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


def _font_program(font: Any) -> Any:
    from fontTools.ttLib import TTFont

    descriptor = font.get("/FontDescriptor")
    if descriptor is None or "/FontFile2" not in descriptor:
        return None
    return TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))


def _notdef_codes(font: Any) -> set[int]:
    program = _font_program(font)
    if program is None:
        return set()
    table = program["cmap"].tables[0].cmap
    first, last = int(font.get("/FirstChar", 0)), int(font.get("/LastChar", 255))
    order = program.getGlyphOrder()
    return {c for c in range(first, last + 1) if table.get(c, order[0]) == order[0]}


def _fonts(pdf: pikepdf.Pdf, report: Report) -> None:
    for index, page in enumerate(pdf.pages):
        for name, font in page.Resources.get("/Font", {}).items():
            base = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or not any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                report.fail("7.21.4.1-1", f"{base} ({name}, page {index + 1}) is not embedded")
                continue
            if "/ToUnicode" not in font:
                report.fail("7.21.7-1", f"{base} has no ToUnicode map")
            program = _font_program(font)
            if program is None:
                continue
            flags = int(descriptor.get("/Flags", 0))
            if flags & 4:  # symbolic
                tables = program["cmap"].tables
                if "/Encoding" in font:
                    report.fail("7.21.6-2", f"the symbolic font {base} has an /Encoding")
                if len(tables) != 1 and not any(
                    (t.platformID, t.platEncID) == (3, 0) for t in tables
                ):
                    report.fail("7.21.6-2", f"{base}'s cmap has several tables and no (3,0)")
            widths = font.get("/Widths")
            if widths is not None:
                _widths(font, program, [float(w) for w in widths], base, report)


def _widths(font: Any, program: Any, widths: list[float], base: str, report: Report) -> None:
    """7.21.5-1: the widths in the font dictionary agree with the font program's."""
    table = program["cmap"].tables[0].cmap
    units = program["head"].unitsPerEm
    hmtx = program["hmtx"]
    first = int(font.get("/FirstChar", 0))
    for offset, width in enumerate(widths):
        glyph = table.get(first + offset)
        if glyph is None:
            continue
        expected = hmtx[glyph][0] * 1000 / units
        if abs(expected - width) > 1:
            report.fail(
                "7.21.5-1", f"{base} code {first + offset}: width {width}, font {expected:g}"
            )


def _parent_tree(pdf: pikepdf.Pdf, report: Report) -> None:
    """Each page's marked content maps back, through the parent tree, to its element."""
    if "/StructTreeRoot" not in pdf.Root or "/ParentTree" not in pdf.Root.StructTreeRoot:
        if report.content_order:
            report.fail("7.1", "marked content but no parent tree")
        return
    nums = _number_tree(pdf.Root.StructTreeRoot.ParentTree)
    owner = {mc: elem.obj.objgen for elem in report.elements for mc in elem.mcids}
    for index, page in enumerate(pdf.pages):
        marks = [mc for mc in report.content_order if mc[0] == index]
        if not marks:
            continue
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in nums:
            report.fail("7.1", f"page {index + 1} has tagged content but no /StructParents")
            continue
        array = nums[int(key)]
        for mc in marks:
            if mc not in owner:
                report.fail("7.1", f"MCID {mc[1]} on page {index + 1} belongs to no element")
            elif mc[1] >= len(array) or array[mc[1]].objgen != owner[mc]:
                report.fail("7.1", f"the parent tree gets MCID {mc[1]} of page {index + 1} wrong")
    drawn = set(report.content_order)
    for elem in report.elements:
        for mc in elem.mcids:
            if mc not in drawn:
                report.fail("7.1", f"{elem.role} names MCID {mc[1]} of page {mc[0] + 1}: not drawn")
    _links(pdf, nums, report)


def _links(pdf: pikepdf.Pdf, nums: dict[int, Any], report: Report) -> None:
    """Each link annotation is the kid of a Link element (7.18.5-1), found through its
    /StructParent in the parent tree, and printed as the page is (7.18.1: not hidden)."""
    std = {elem.obj.objgen: elem.std for elem in report.elements}
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            if str(annot.get("/Subtype")) != "/Link":
                continue
            key = annot.get("/StructParent")
            elem = nums.get(int(key)) if key is not None else None
            if elem is None or std.get(elem.objgen) != "Link":
                report.fail("7.18.5-1", f"a link on page {index + 1} is in no Link element")
                continue
            kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
            if not any(
                isinstance(k, pikepdf.Dictionary)
                and k.get("/Type") == "/OBJR"
                and k.Obj.objgen == annot.objgen
                for k in kids
            ):
                report.fail(
                    "7.18.5-1",
                    f"the Link element of a link on page {index + 1} does not refer to it",
                )
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & 2:
                report.fail("7.18.1", f"a link on page {index + 1} is hidden or not printed")


def _number_tree(node: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out


def _embedded_files(pdf: pikepdf.Pdf, report: Report) -> None:
    names = pdf.Root.get("/Names", {}).get("/EmbeddedFiles", {}).get("/Names", [])
    for i in range(1, len(names), 2):
        spec = names[i]
        if "/F" not in spec or "/UF" not in spec:
            report.fail("7.11-1", "an embedded file's specification lacks /F or /UF")


def reading_order_text(report: Report) -> Iterator[tuple[str, str]]:
    """(role, text) of every element with content of its own, in the tree's order."""
    for elem in report.elements:
        text = "".join(report.mcid_text.get(mc, "") for mc in elem.mcids)
        if elem.mcids:
            yield elem.std, text
