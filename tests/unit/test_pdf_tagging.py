"""The board paper as a tagged PDF: PDF/UA-1's machine checks, the structure tree's shape,
artifacts, reading order, bookmarks and metadata (services/pdf/tagging.py)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.decision_file import load_decision
from tests import pdfua

from .test_pdf_content import SECTIONS
from .test_pdf_support import flat, plain_pdf, render

FACTOR_HEADINGS = [
    "4.1 Agreed success definition",
    "4.2 Trust stability",
    "4.3 Board backing",
    "4.4 Relationships and reciprocity",
    "4.5 Regulatory exposure",
]


@pytest.fixture(scope="module")
def example() -> Decision:
    from tests.conftest import EXAMPLE

    return load_decision(EXAMPLE)


@pytest.fixture(scope="module")
def example_pdf(example: Decision, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(example, tmp_path_factory.mktemp("tagged") / "paper.pdf")


@pytest.fixture(scope="module")
def report(example_pdf: Path) -> pdfua.Report:
    return pdfua.check(example_pdf)


def _issued(decision: Decision) -> Decision:
    """The decision submitted to the Board: no longer a draft, so no watermark."""
    import datetime as dt

    from syslead_desktop.domain.lifecycle import StatusRequest, change_status

    return change_status(decision, StatusRequest(to="submitted", on=dt.date(2026, 11, 30)))


def _of(report: pdfua.Report, role: str) -> list[pdfua.Element]:
    return [e for e in report.elements if e.std == role]


def _text(report: pdfua.Report, elem: pdfua.Element) -> str:
    """An element's text: its own content and its descendants', in order."""
    own = "".join(report.mcid_text.get(mc, "") for mc in elem.mcids)
    return own + "".join(_text(report, kid) for kid in elem.kids)


def test_the_example_paper_passes_the_pdfua_machine_checks(report: pdfua.Report) -> None:
    assert report.failures == []
    assert len(report.elements) > 300 and len(report.content_order) > 250


def test_a_final_paper_and_a_long_one_pass_too(example: Decision, tmp_path: Path) -> None:
    final = _issued(example)
    assert pdfua.check(render(final, tmp_path / "final.pdf")).failures == []
    long = example.model_copy(deep=True)
    long.framing.options_considered = [f"Option {n}: " + "word " * 40 for n in range(40)]
    long.board_paper.financial_implications = "Costs. " * 900
    long.notes["stability"] = "A long note. " * 600
    path = render(long, tmp_path / "long.pdf")
    report = pdfua.check(path)
    assert report.failures == []
    assert len(pikepdf.open(path).pages) > 12


def test_a_sources_web_address_is_a_link_tagged_as_one(
    example_pdf: Path, report: pdfua.Report
) -> None:
    """Appendix C's web address is a link a reader can follow: its own paragraph, a P
    holding a Link element with the address's text and an OBJR to the annotation, which
    says where it goes (/Contents), has its /StructParent and is printed (found missing
    by the independent checker outloud, which now passes the paper)."""
    links = _of(report, "Link")
    assert len(links) == 1
    (link,) = links
    assert link.parent is not None and link.parent.std == "P"
    assert _text(report, link) == "https://doi.org/10.1101/2021.09.26.21264128"
    with pikepdf.open(example_pdf) as pdf:
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(annots) == 1
        (annot,) = annots
        assert str(annot.Contents) == "Link to https://doi.org/10.1101/2021.09.26.21264128"
        assert str(annot.A.URI) == "https://doi.org/10.1101/2021.09.26.21264128"
        assert int(annot.F) == 4 and "/StructParent" in annot
        root = pdf.Root.StructTreeRoot
        assert int(root.ParentTreeNextKey) == int(annot.StructParent) + 1


def test_the_checker_fails_a_link_in_no_link_element(example_pdf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "link.pdf"
    with pikepdf.open(example_pdf) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                del annot["/StructParent"]
        pdf.save(broken)
    assert any(f.startswith("7.18.5-1") for f in pdfua.check(broken).failures)


def test_the_checker_fails_an_untagged_file_and_a_missing_glyph(tmp_path: Path) -> None:
    """The checker is not a test that cannot fail."""
    untagged = tmp_path / "plain.pdf"
    untagged.write_bytes(plain_pdf())
    rules = {failure.split(":")[0] for failure in pdfua.check(untagged).failures}
    assert {"6.2-1", "7.1-3", "7.1-8", "7.1-10", "7.1-11", "7.21.4.1-1"} <= rules

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts

    register_fonts()
    assert not pdfmetrics.getFont(FAMILY).face.charToGlyph.get(0x6F22)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(FAMILY, 12)
    canvas.addLiteral("/P <</MCID 0>> BDC")
    canvas.drawString(72, 720, "漢")  # a character the font does not draw
    canvas.addLiteral("EMC")
    canvas.save()
    missing = tmp_path / "missing.pdf"
    missing.write_bytes(buffer.getvalue())
    assert any(f.startswith("7.21.8-1") for f in pdfua.check(missing).failures)


def test_the_tree_has_a_title_then_the_sections_as_headings(report: pdfua.Report) -> None:
    (document,) = [e for e in report.elements if e.parent is None]
    assert document.role == "Document"
    headings = [e for e in report.elements if e.std in ("H1", "H2", "H3")]
    assert headings[0].role == "Title"  # role-mapped to H1
    assert flat(_text(report, headings[0])) == "Offer weekend MRI capacity toHarrowfield Hospitals"
    h1 = [flat(_text(report, e)) for e in headings[1:] if e.role == "H1"]
    assert h1 == SECTIONS
    h2 = [flat(_text(report, e)) for e in headings if e.role == "H2"]
    assert [h for h in h2 if h.startswith("4.")] == FACTOR_HEADINGS
    assert "Partners" in h2 and "The actions in section 5" in h2
    assert len(_of(report, "P")) > 50


def test_tables_have_header_cells_with_their_scope(report: pdfua.Report) -> None:
    tables = _of(report, "Table")
    assert len(tables) >= 12
    scopes = []
    for table in tables:
        rows = [kid for kid in table.kids if kid.std == "TR"]
        assert rows and all(kid.std == "TR" for kid in table.kids)
        first = rows[0].kids
        scope = first[-1].scope if first[-1].std == "TH" else "/Row"
        scopes.append(scope)
        if scope == "/Column":  # a header row: every cell of the first row, none below
            assert all(c.std == "TH" for c in first)
            assert all(c.std == "TD" for row in rows[1:] for c in row.kids)
        else:  # label and value: the first cell of every row
            assert all([c.std for c in row.kids] == ["TH", "TD"] for row in rows)
            assert all(row.kids[0].scope == "/Row" for row in rows)
    assert scopes.count("/Row") == 1  # the cover sheet
    cover = tables[0]
    labels = [flat(_text(report, row.kids[0])) for row in cover.kids]
    assert labels[:3] == ["Meeting", "Date of meeting", "Agenda item"]
    factor = next(t for t in tables if flat(_text(report, t.kids[1])).startswith("Have the"))
    assert [flat(_text(report, c)) for c in factor.kids[0].kids] == ["Question", "Answer"]


def test_lists_are_lists_of_labelled_items(report: pdfua.Report) -> None:
    lists = _of(report, "L")
    assert len(lists) >= 3  # partners, options, success measures
    options = next(lst for lst in lists if "Do nothing" in _text(report, lst))
    assert len(options.kids) == 3
    for item in options.kids:
        assert item.std == "LI" and [k.std for k in item.kids] == ["Lbl", "LBody"]
        assert _text(report, item.kids[0]) == "•"
    assert _text(report, options.kids[0].kids[1]).startswith("Do nothing")


def test_rating_badges_are_figures_with_alternative_text(report: pdfua.Report) -> None:
    figures = _of(report, "Figure")
    alts = [f.alt for f in figures]
    assert alts == [
        "Rating: Strong",
        "Rating: Mixed",
        "Rating: Strong",
        "Rating: Strong",
        "Rating: Mixed",
    ]
    assert [_text(report, f) for f in figures] == [a.removeprefix("Rating: ") for a in alts]


def test_header_footer_and_watermark_are_artifacts(example_pdf: Path, report: pdfua.Report) -> None:
    tagged = " ".join(report.mcid_text.values())
    assert "Page 1 of" not in tagged and "syslead verify <this file>" not in tagged
    drawn = subprocess.run(
        ["pdftotext", str(example_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Page 1 of 10" in drawn and "check with: syslead verify <this file>" in drawn
    with pikepdf.open(example_pdf) as pdf:
        with_tables = 0
        for number, page in enumerate(pdf.pages, start=1):
            content = page.Contents.read_bytes()
            assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in content
            assert b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC" in content
            header = b"/Artifact <</Type /Pagination /Subtype /Header>> BDC"
            assert (header in content) == (number > 1)
            with_tables += b"/Artifact BMC" in content  # table backgrounds and rules
        # every page has a table but one, at most, of prose: Appendix B (the strength of
        # the evidence), when no row of Appendix A's tables runs over onto its page
        assert with_tables >= len(pdf.pages) - 1


def test_reading_order_is_the_order_of_the_tree(report: pdfua.Report) -> None:
    """The tree lists the content in the order it is drawn on the pages, page by page."""
    in_tree = [mc for elem in report.elements for mc in elem.mcids]
    assert in_tree == sorted(in_tree) == sorted(report.content_order)
    assert report.content_order == sorted(report.content_order)


def test_pdftotext_reads_the_paper_in_order(example_pdf: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(example_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = flat(text)
    expected = [
        "Board of Directors (Public)",
        "Offer weekend MRI capacity to Harrowfield Hospitals",
        "Meeting Board of Directors (Public) Date of meeting 10 December 2026 Agenda item",
        "Recommendation The Board is asked to approve the proposal",
        "CQC domains Responsive, Well-led",
        "Record fingerprint (SHA-256)",
        *SECTIONS[:4],
        *FACTOR_HEADINGS,
        *SECTIONS[4:],
    ]
    at = 0
    for phrase in expected:
        found = words.find(phrase, at)
        assert found >= 0, f"{phrase!r} missing or out of order after {words[at - 60 : at]!r}"
        at = found + len(phrase)
    # no stray letters of the watermark among the text
    assert not re.search(r"(^|\n)(D|R|A|F|T|DR|AF|FT|RA)\n", text)


def test_bookmarks_lead_to_the_sections(example_pdf: Path, report: pdfua.Report) -> None:
    with pikepdf.open(example_pdf) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            top = [(item.title, item) for item in outline.root]
            assert [title for title, _ in top] == SECTIONS
            factors = next(item for title, item in top if title.startswith("4."))
            assert [child.title for child in factors.children] == FACTOR_HEADINGS
            for title, item in top:
                heading = next(
                    e for e in report.elements if e.role == "H1" and flat(_text(report, e)) == title
                )
                assert pages[item.destination[0].objgen] == heading.mcids[0][0]


def test_catalogue_and_xmp_metadata(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        assert [int(page.obj.StructParents) for page in pdf.pages] == list(range(len(pdf.pages)))
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "Offer weekend MRI capacity to Harrowfield Hospitals"
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:creator"] == ["Priya Raman"]
            assert meta["xmp:CreateDate"] == "2026-11-22T00:00:00Z"
        assert root.Metadata.get("/Filter") is None  # left readable


def test_hostile_text_makes_well_formed_metadata(example: Decision, tmp_path: Path) -> None:
    from xml.dom.minidom import parseString

    from syslead_desktop.services.pdf.tagging import xmp_metadata

    hostile = example.model_copy(deep=True)
    hostile.framing.title = 'A < B & "C" ]]> <x:xmpmeta> </rdf:li>'
    path = render(hostile, tmp_path / "hostile.pdf")
    with pikepdf.open(path) as pdf:
        parseString(pdf.Root.Metadata.read_bytes().decode("utf-8"))  # well-formed
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == hostile.framing.title
    assert pdfua.check(path).failures == []
    # characters XML cannot hold at all are left out
    xmp = xmp_metadata("bell \x07 \ufffe \x00 end", "a\x1bb", "s", ["k\x0c"], "t", None)
    parseString(xmp.encode("utf-8"))
    assert "bell    end" in xmp and ">ab<" in xmp


def test_a_table_split_across_pages_is_one_table_its_repeated_header_an_artifact(
    tmp_path: Path,
) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from syslead_desktop.services.pdf.blocks import grid
    from syslead_desktop.services.pdf.canvas import PageInfo, canvas_maker
    from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
    from syslead_desktop.services.pdf.tagging import Tagger, xmp_metadata
    from syslead_desktop.services.pdf.theme import make_styles

    register_fonts()
    rows = [["Number", "Square"]] + [[str(n), str(n * n)] for n in range(150)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=FAMILY, lang="en-GB")
    info = PageInfo("Squares", "Test", "0" * 64, False, b"record", None)
    xmp = xmp_metadata("Squares", "Tester", "A test", ["test"], "tests", None)
    doc.build(
        [grid(rows, [200, 200], make_styles())],
        canvasmaker=canvas_maker(info, Tagger(), xmp),
    )
    path = tmp_path / "squares.pdf"
    path.write_bytes(buffer.getvalue())
    report = pdfua.check(path)
    assert report.failures == []
    (table,) = _of(report, "Table")
    assert len(table.kids) == 151  # the header row once, then every row
    pages = {mc[0] for row in table.kids for cell in row.kids for mc in cell.mcids}
    with pikepdf.open(path) as pdf:
        assert pages == set(range(len(pdf.pages))) and len(pages) > 2
        for page in list(pdf.pages)[1:]:
            content = page.Contents.read_bytes()
            assert content.count(b"/Artifact <</Type /Pagination>> BDC") == 1  # the header


def test_tagging_changes_no_pixel(example: Decision, tmp_path: Path, monkeypatch: Any) -> None:
    """The marks are invisible: the pages look the same to the pixel with and without."""
    import pypdfium2

    from syslead_desktop.services.pdf import render as render_module

    final = _issued(example)
    tagged = render(final, tmp_path / "tagged.pdf")
    monkeypatch.setattr(render_module, "Tagger", lambda: None)
    untagged = render(final, tmp_path / "untagged.pdf")
    assert b"/StructTreeRoot" not in untagged.read_bytes()
    for index in range(len(pikepdf.open(tagged).pages)):
        images = [
            pypdfium2.PdfDocument(str(path))[index].render(scale=1.5).to_pil().tobytes()
            for path in (tagged, untagged)
        ]
        assert images[0] == images[1], f"page {index + 1} differs"


def test_the_trusts_logo_is_a_figure_and_its_header_copy_an_artifact(
    example: Decision, tmp_path: Path
) -> None:
    from syslead_desktop.services.trust_profile import stamped

    from .test_trust_profile import NAME, profile

    path = render(stamped(example, profile()), tmp_path / "stamped.pdf")
    report = pdfua.check(path)
    assert report.failures == []  # the images in the running header are artifacts
    logos = [f for f in _of(report, "Figure") if not f.alt.startswith("Rating: ")]
    assert [f.alt for f in logos] == [f"{NAME} logo"]
    assert logos[0].mcids[0][0] == 0  # on the cover
