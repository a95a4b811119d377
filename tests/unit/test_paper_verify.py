"""``syslead verify`` checks the paper, not just the attachment (issue #11, item 1).

Each attack below used to be reported INTACT, because only the attached record was
compared with its fingerprints. Now the paper is rendered again from its record and
compared page by page, and anything a SysLead paper never holds is refused."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from syslead_desktop.cli import main as syslead_main
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.decision_file import decision_to_text, load_decision
from syslead_desktop.services.pdf import render as render_module
from syslead_desktop.services.pdf.archive import FINGERPRINT_NAME, RECORD_NAME, check_record
from syslead_desktop.services.pdf.paper_check import EXACT, verify_paper
from syslead_desktop.services.pdf.record import fingerprint_of, grouped
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from tests.conftest import EXAMPLE

from .test_pdf_support import render
from .test_verify_support import shipped, write

ASK = b"(The Board is asked to"


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(load_decision(EXAMPLE), tmp_path_factory.mktemp("paper") / "paper.pdf")


@pytest.fixture(scope="module")
def other_paper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another decision's paper, with as many pages."""
    decision = load_decision(EXAMPLE)
    decision.framing.title = "Accept flat cash so that a neighbour gets more"
    decision.board_paper.agenda_item = "PUB26/12/5.1"
    return render(decision, tmp_path_factory.mktemp("other") / "other.pdf")


def altered(check_path: Path) -> str:
    result = verify_paper(check_path)
    assert not result.intact and result.verdict == "altered", result
    assert "\n" not in result.reason
    return result.reason


def cover_stream(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    contents = pdf.pages[0].obj.Contents
    return contents if isinstance(contents, pikepdf.Stream) else contents[0]


# ---- the intact paper -------------------------------------------------------------------
def test_an_untouched_paper_is_intact_and_says_exactly_what_was_checked(paper: Path) -> None:
    result = verify_paper(paper)
    assert result.intact and result.reason == EXACT
    assert result.pages == "exact" and result.record_intact
    assert result.rulebook is not None and result.rulebook["id"] == load_rulebook().rulebook.id


def test_a_copy_saved_again_by_another_program_with_the_same_content_is_intact(
    paper: Path, tmp_path: Path
) -> None:
    resaved = tmp_path / "resaved.pdf"
    with pikepdf.open(paper) as pdf:
        # renumbers and recompresses; changes nothing a reader sees (pikepdf would by
        # default also write its PDF version into the XMP metadata: a real change)
        pdf.save(resaved, fix_metadata_version=False)
    assert resaved.read_bytes() != paper.read_bytes()
    result = verify_paper(resaved)
    assert result.intact and result.reason.startswith(EXACT) and "saved again" in result.reason


# ---- pages changed --------------------------------------------------------------------------
def test_the_cover_rewritten_with_qpdf_is_caught(paper: Path, tmp_path: Path) -> None:
    """qpdf --qdf, an edit of "The Board is asked to…", fix-qdf: the old verify said INTACT."""
    qdf, edited, fixed = tmp_path / "q.pdf", tmp_path / "edited.pdf", tmp_path / "fixed.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(paper), str(qdf)], check=True)
    data = qdf.read_bytes()
    assert ASK in data
    edited.write_bytes(data.replace(ASK, b"(The Board is asked to reject", 1))
    with fixed.open("wb") as out:
        subprocess.run(["fix-qdf", str(edited)], stdout=out, check=True)
    assert check_record(fixed).intact, "the record alone is untouched: the old check passed"
    reason = altered(fixed)
    assert reason.startswith("page 1 differs from what SysLead produces from this record")
    assert "reject" in reason


def test_the_cover_rewritten_with_pikepdf_is_caught(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "edited.pdf"
    with pikepdf.open(paper) as pdf:
        stream = cover_stream(pdf)
        stream.write(stream.read_bytes().replace(ASK, b"(The Board is asked to reject", 1))
        pdf.save(target)
    assert check_record(target).intact
    assert altered(target).startswith("page 1 differs")


def test_an_incremental_update_is_refused(paper: Path, tmp_path: Path) -> None:
    writer = PdfWriter(paper, incremental=True)
    page = writer.pages[0]
    content = page.get_contents()
    assert content is not None
    content.set_data(content.get_data().replace(ASK, b"(The Board is asked to reject", 1))
    page.replace_contents(content)
    target = tmp_path / "incremental.pdf"
    with target.open("wb") as out:
        writer.write(out)
    assert target.read_bytes().startswith(paper.read_bytes()), "an update appended to the file"
    assert check_record(target).intact
    result = verify_paper(target)
    assert not result.intact and "incremental update" in result.reason


def test_an_incremental_update_that_changes_nothing_visible_is_still_refused(
    paper: Path, tmp_path: Path
) -> None:
    writer = PdfWriter(paper, incremental=True)
    writer.add_metadata({"/Subject": "Board paper: Proceed"})
    target = tmp_path / "incremental.pdf"
    with target.open("wb") as out:
        writer.write(out)
    assert "incremental update" in altered(target)


def test_a_page_deleted_is_caught(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "deleted.pdf"
    with pikepdf.open(paper) as pdf:
        count = len(pdf.pages)
        del pdf.pages[2]
        pdf.save(target)
    reason = altered(target)
    assert f"has {count - 1} pages where the paper from this record has {count}" in reason
    assert "page(s) 3 of the paper from this record are missing" in verify_paper(target).differences


def test_a_page_added_is_caught(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "added.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.pages.append(pdf.pages[1])
        pdf.save(target)
    assert "pages where the paper from this record has" in altered(target)


def test_pages_swapped_with_another_decisions_are_caught(
    paper: Path, other_paper: Path, tmp_path: Path
) -> None:
    target = tmp_path / "swapped.pdf"
    with pikepdf.open(paper) as pdf, pikepdf.open(other_paper) as other:
        pdf.pages[1] = other.pages[1]
        pdf.save(target)
    assert check_record(target).intact
    assert altered(target).startswith("page 2 differs from what SysLead produces")


def test_pages_reversed_or_reordered_are_caught(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "reversed.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.pages.reverse()
        pdf.save(target)
    assert altered(target) == "its pages are in reverse order"
    target = tmp_path / "moved.pdf"
    with pikepdf.open(paper) as pdf:
        first, second = pdf.pages[1], pdf.pages[2]
        pdf.pages[1], pdf.pages[2] = second, first
        pdf.save(target)
    assert altered(target) == "its pages are in a different order (pages 2, 3)"


def test_a_new_fingerprint_hidden_in_white_one_point_text_is_caught(
    paper: Path, tmp_path: Path
) -> None:
    """The record changed, its fingerprint attachment and metadata updated, and the new
    fingerprint hidden on the cover in white 1-pt text while the visible cover prints the
    old one: every stored fingerprint agrees with the record, so the old check passed."""
    target = tmp_path / "hidden.pdf"
    with pikepdf.open(paper) as pdf:
        record = pdf.attachments[RECORD_NAME].get_file().read_bytes()
        changed = record.replace(b"status: draft", b"status: submitted")
        assert changed != record
        digest = fingerprint_of(changed)
        pdf.attachments[RECORD_NAME] = pikepdf.AttachedFileSpec(pdf, changed)
        pdf.attachments[FINGERPRINT_NAME] = pikepdf.AttachedFileSpec(
            pdf, f"{digest}  {RECORD_NAME}\n".encode()
        )
        pdf.docinfo["/SysLeadRecordSHA256"] = digest
        stream = cover_stream(pdf)
        font = next(iter(pdf.pages[0].Resources.Font.keys()))
        hidden = f"q 1 1 1 rg BT {font} 1 Tf 30 30 Td ({grouped(digest)}) Tj ET Q\n"
        stream.write(stream.read_bytes() + hidden.encode())
        pdf.save(target)
    assert check_record(target).intact, "the old check was fooled"
    result = verify_paper(target)
    assert not result.intact and result.record_intact
    assert result.reason.startswith("page 1 differs from what SysLead produces")


# ---- content a paper never holds --------------------------------------------------------------
def test_a_second_record_is_refused(paper: Path, tmp_path: Path) -> None:
    """pdfdetach hands out the second decision.syslead.yaml instead of the checked one."""
    target = tmp_path / "two-records.pdf"
    with pikepdf.open(paper) as pdf:
        forged = (
            pdf.attachments[RECORD_NAME]
            .get_file()
            .read_bytes()
            .replace(b"status: draft", b"status: submitted")
        )
        spec = pikepdf.AttachedFileSpec(pdf, forged, filename=RECORD_NAME)
        names = pdf.Root.Names.EmbeddedFiles.Names
        names.append(pikepdf.String(RECORD_NAME))
        names.append(spec.obj)
        pdf.save(target)
    result = verify_paper(target)
    assert not result.intact and f"2 files named {RECORD_NAME} are attached" in result.reason


def test_a_second_record_under_another_key_is_refused(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "disguised.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.attachments["zzz"] = pikepdf.AttachedFileSpec(pdf, b"x", filename=RECORD_NAME)
        pdf.save(target)
    reason = altered(target)
    assert f"2 files named {RECORD_NAME}" in reason


@pytest.mark.parametrize("where", ["open action", "names tree", "page action"])
def test_javascript_is_refused(where: str, paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "js.pdf"
    with pikepdf.open(paper) as pdf:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        if where == "open action":
            pdf.Root.OpenAction = action
        elif where == "names tree":
            tree = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), action]))
            pdf.Root.Names.JavaScript = tree
        else:
            pdf.pages[2].obj.AA = pikepdf.Dictionary(O=action)
        pdf.save(target)
    assert "JavaScript" in altered(target)


def test_an_extra_attachment_is_refused(paper: Path, tmp_path: Path) -> None:
    target = tmp_path / "extra.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.attachments["minutes.docx"] = pikepdf.AttachedFileSpec(pdf, b"not for the board")
        pdf.save(target)
    assert altered(target) == "files a paper never carries are attached (minutes.docx)"


def test_bytes_before_pdf_or_after_its_end_are_refused(paper: Path, tmp_path: Path) -> None:
    data = paper.read_bytes()
    prefixed = tmp_path / "prefixed.pdf"
    prefixed.write_bytes(b"<html>hello</html>\n" + data)
    assert altered(prefixed) == "19 bytes were added before the start of the PDF"
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(data + b"\n<script>run()</script>\n")
    assert altered(appended) == "data was added after the end of the PDF"


def test_an_encrypted_pdf_is_a_one_line_exit_2(
    paper: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "encrypted.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(owner="secret", user=""))
    with pytest.raises(SysLeadError, match="encrypted"):
        verify_paper(target)
    for extra in ([], ["--json"]):
        assert syslead_main(["verify", str(target), *extra]) == 2
        captured = capsys.readouterr()
        assert captured.err.count("\n") == 1 and "encrypted" in captured.err
        assert captured.out == ""
    assert syslead_main(["extract", str(target), "-o", str(tmp_path / "d.yaml")]) == 2
    assert "encrypted" in capsys.readouterr().err


# ---- what could not be re-checked --------------------------------------------------------------
def test_a_paper_from_another_version_is_compared_by_text_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "__version__", "0.0.9")
    old = render(load_decision(EXAMPLE), tmp_path / "old.pdf")
    monkeypatch.undo()
    result = verify_paper(old)
    assert result.verdict == "pages-not-checked" and not result.intact and result.record_intact
    assert result.pages == "text-matches"
    assert result.reason.startswith(
        "the record is intact but the pages could not be re-checked (made by SysLead Desktop 0.0.9"
    )
    edited = tmp_path / "old-edited.pdf"
    with pikepdf.open(old) as pdf:
        stream = cover_stream(pdf)
        stream.write(stream.read_bytes().replace(ASK, b"(The Board is asked to reject", 1))
        pdf.save(edited)
    result = verify_paper(edited)
    assert result.pages == "text-differs" and "page 1" in result.reason
    assert result.verdict == "pages-not-checked"


def test_a_paper_made_with_another_rulebook_needs_that_rulebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = shipped()
    data["title"] += " (our trust's edition)"
    rules = write(tmp_path, data, "trust-rules.yaml")
    loaded = load_rulebook(rules)
    target = tmp_path / "trust.pdf"
    target.write_bytes(render_assessed(assess_decision(load_decision(EXAMPLE), loaded)))
    result = verify_paper(target)
    assert result.verdict == "pages-not-checked" and result.pages == "not-checked"
    assert "the record is intact but the pages could not be re-checked" in result.reason
    assert "--rulebook" in result.reason
    assert syslead_main(["verify", str(target)]) == 1
    assert "RECORD INTACT, PAGES NOT RE-CHECKED" in capsys.readouterr().out
    assert verify_paper(target, rules).intact
    assert syslead_main(["verify", str(target), "--rulebook", str(rules)]) == 0


# ---- the command line --------------------------------------------------------------------------
def test_cli_verdicts_exit_codes_and_json(
    paper: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert syslead_main(["verify", str(paper)]) == 0
    assert capsys.readouterr().out == f"{paper}: INTACT: {EXACT}\n"
    reversed_ = tmp_path / "reversed.pdf"
    with pikepdf.open(paper) as pdf:
        pdf.pages.reverse()
        pdf.save(reversed_, fix_metadata_version=False)  # the pages are the only change
    assert syslead_main(["verify", str(reversed_)]) == 1
    out = capsys.readouterr().out
    assert out == f"{reversed_}: NOT INTACT: its pages are in reverse order\n"
    assert syslead_main(["verify", str(reversed_), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "intact",
        "reason",
        "sha256",
        "expected",
        "verdict",
        "record_intact",
        "pages",
        "made_by",
        "rulebook",
        "differences",
    }
    assert report["intact"] is False and report["verdict"] == "altered"
    assert report["record_intact"] is True and report["pages"] == "differ"
    assert report["sha256"] == report["expected"]
    assert report["differences"] == ["its pages are in reverse order"]


def test_the_record_itself_altered_is_still_reported_first(paper: Path, tmp_path: Path) -> None:
    from .test_pdf_support import tamper

    target = tmp_path / "tampered.pdf"
    tamper(paper, target)
    result = verify_paper(target)
    assert not result.intact and not result.record_intact and "altered" in result.reason
    assert result.sha256 != result.expected


def test_a_record_with_control_characters_in_its_text_still_verifies(tmp_path: Path) -> None:
    """The record is compared byte for byte: it must be the one rendered, not a re-dump."""
    decision = load_decision(EXAMPLE)
    decision.framing.title = "A title with %%EOF and startxref in it"
    target = render(decision, tmp_path / "odd.pdf")
    assert decision_to_text(decision)  # renders and verifies like any other
    assert verify_paper(target).intact


def test_pdfdetach_and_verify_agree_on_an_intact_paper(paper: Path, tmp_path: Path) -> None:
    if shutil.which("pdfdetach") is None:  # poppler-utils; the check above needs no tool
        assert PdfReader(paper).attachments[RECORD_NAME]
        return
    out = tmp_path / "detached.yaml"
    subprocess.run(["pdfdetach", "-savefile", RECORD_NAME, "-o", str(out), str(paper)], check=True)
    assert out.read_bytes() == PdfReader(paper).attachments[RECORD_NAME][0]
    assert verify_paper(paper).intact
    assert isinstance(NameObject("/x"), NameObject) and StreamObject  # imports used
