"""The self-archiving record: verify, extract, and tampering of every kind."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.decision_file import (
    decision_from_text,
    decision_to_text,
    load_decision,
)
from syslead_desktop.services.pdf.archive import (
    FINGERPRINT_NAME,
    RECORD_NAME,
    check_record,
    extract_decision,
)
from syslead_desktop.services.pdf.record import fingerprint_of, grouped
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision
from tests.cli_runner import syslead

from .test_pdf_support import page_texts, plain_pdf, render, tamper


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLE

    return render(load_decision(EXAMPLE), tmp_path_factory.mktemp("pdf") / "paper.pdf")


def test_the_record_and_its_fingerprint_are_attached(example_pdf: Path, example_path: Path) -> None:
    expected = assess_decision(load_decision(example_path), load_rulebook()).decision
    record = decision_to_text(expected).encode("utf-8")
    reader = PdfReader(example_pdf)
    assert reader.attachments[RECORD_NAME] == [record]
    digest = fingerprint_of(record)
    assert reader.attachments[FINGERPRINT_NAME] == [f"{digest}  {RECORD_NAME}\n".encode()]
    assert reader.metadata["/SysLeadRecordSHA256"] == digest  # type: ignore[index]
    pages = page_texts(example_pdf)
    assert grouped(digest) in " ".join(pages[0].split())  # in full on the cover...
    assert "Appendix D. Rulebook and record" in pages[-1]
    assert digest in "".join(pages[-1].split())  # ...and in Appendix D, on the last page
    assert all(f"Record SHA-256 {digest[:16]}" in page for page in pages)


def test_verify_intact_and_extract_round_trip(example_pdf: Path, example_path: Path) -> None:
    check = check_record(example_pdf)
    assert check.intact, check.reason
    assert check.sha256 == check.expected
    recovered = decision_from_text(extract_decision(example_pdf))
    expected = assess_decision(load_decision(example_path), load_rulebook()).decision
    assert recovered == expected


def test_verify_detects_a_one_byte_change(example_pdf: Path, tmp_path: Path) -> None:
    altered = tmp_path / "altered.pdf"
    tamper(example_pdf, altered)
    check = check_record(altered)
    assert not check.intact and "altered" in check.reason
    assert check.sha256 != check.expected
    with pytest.raises(SysLeadError, match="altered"):
        extract_decision(altered)
    assert "Iarrowfield" in extract_decision(altered, force=True)


def test_verify_detects_a_change_made_with_pypdf_too(example_pdf: Path, tmp_path: Path) -> None:
    """Rewrite the record with a second library, keeping everything else."""
    writer = PdfWriter(clone_from=example_pdf)
    record = PdfReader(example_pdf).attachments[RECORD_NAME][0]
    changed = record.replace(b"status: draft", b"status: final")
    assert changed != record
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[index]
    spec = names[names.index(RECORD_NAME) + 1].get_object()
    stream = spec["/EF"]["/F"].get_object()
    stream.set_data(changed)
    altered = tmp_path / "pypdf.pdf"
    with altered.open("wb") as out:
        writer.write(out)
    check = check_record(altered)
    assert not check.intact and "altered" in check.reason


def test_a_forged_fingerprint_does_not_pass(example_pdf: Path, tmp_path: Path) -> None:
    """Changing the record and its fingerprint attachment still disagrees with the
    metadata and the printed cover sheet."""
    forged = tmp_path / "forged.pdf"
    with pikepdf.open(example_pdf) as pdf:
        data = pdf.attachments[RECORD_NAME].get_file().read_bytes() + b"# added\n"
        pdf.attachments[RECORD_NAME] = pikepdf.AttachedFileSpec(pdf, data)
        digest = fingerprint_of(data)
        pdf.attachments[FINGERPRINT_NAME] = pikepdf.AttachedFileSpec(
            pdf, f"{digest}  {RECORD_NAME}\n".encode()
        )
        pdf.save(forged)
    check = check_record(forged)
    assert not check.intact and "do not agree" in check.reason


def test_a_missing_fingerprint_or_record_is_reported(example_pdf: Path, tmp_path: Path) -> None:
    for name, reason in [
        (FINGERPRINT_NAME, "fingerprint is missing"),
        (RECORD_NAME, "no decision"),
    ]:
        target = tmp_path / f"without-{name}.pdf"
        with pikepdf.open(example_pdf) as pdf:
            del pdf.attachments[name]
            pdf.save(target)
        check = check_record(target)
        assert not check.intact and reason in check.reason
    with pytest.raises(SysLeadError, match="no decision record"):
        extract_decision(tmp_path / f"without-{RECORD_NAME}.pdf", force=True)


def test_unreadable_files_are_one_line_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    for path in (junk, tmp_path / "absent.pdf"):
        with pytest.raises(SysLeadError) as caught:
            check_record(path)
        assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_cli_verify(example_pdf: Path, example_path: Path, tmp_path: Path) -> None:
    ok = syslead("verify", str(example_pdf))
    assert ok.returncode == 0 and ": INTACT: the pages and the record are exactly" in ok.stdout
    report = json.loads(syslead("verify", str(example_pdf), "--json").stdout)
    assert report["intact"] is True and report["sha256"] == report["expected"]
    assert {"intact", "reason", "sha256", "expected"} <= set(report)  # the first contract

    altered = tmp_path / "altered.pdf"
    tamper(example_pdf, altered)
    bad = syslead("verify", str(altered), "--json")
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["intact"] is False and "altered" in report["reason"]
    assert report["sha256"] != report["expected"]
    text = syslead("verify", str(altered))
    assert text.returncode == 1 and len(text.stdout.strip().splitlines()) == 1

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(plain_pdf())
    missing = syslead("verify", str(plain))
    assert missing.returncode == 1 and "no decision record" in missing.stdout

    not_pdf = syslead("verify", str(example_path))
    assert not_pdf.returncode == 2 and len(not_pdf.stderr.strip().splitlines()) == 1


def test_cli_extract(example_pdf: Path, example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "recovered.syslead.yaml"
    done = syslead("extract", str(example_pdf), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == PdfReader(example_pdf).attachments[RECORD_NAME][0]
    assert load_decision(out).framing.title == load_decision(example_path).framing.title
    as_json = syslead("extract", str(example_pdf), "-o", str(out), "--json", "--force")
    assert json.loads(as_json.stdout)["output"] == str(out)

    altered = tmp_path / "altered.pdf"
    tamper(example_pdf, altered)
    refused = syslead("extract", str(altered), "-o", str(tmp_path / "no.yaml"))
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "--force" in refused.stderr
    assert not (tmp_path / "no.yaml").exists()
    refused_json = json.loads(
        syslead("extract", str(altered), "-o", str(tmp_path / "no.yaml"), "--json").stdout
    )
    assert refused_json["intact"] is False and refused_json["output"] is None

    forced = syslead("extract", str(altered), "-o", str(tmp_path / "forced.yaml"), "--force")
    assert forced.returncode == 0 and "Iarrowfield" in (tmp_path / "forced.yaml").read_text()

    unreadable = syslead("extract", str(example_path), "-o", str(tmp_path / "x.yaml"))
    assert unreadable.returncode == 2 and len(unreadable.stderr.strip().splitlines()) == 1
