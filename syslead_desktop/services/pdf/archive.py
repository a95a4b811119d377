"""The self-archiving record: the decision file travels inside the PDF with its
SHA-256 fingerprint, so the paper can be checked and the decision recovered from it.

pypdf does the attaching: reportlab cannot embed files, and pypdf's embedded-file
support round-trips cleanly and writes deterministic output.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from ...errors import SysLeadError

RECORD_NAME = "decision.syslead.yaml"
FINGERPRINT_NAME = "decision.sha256"
METADATA_KEY = "/SysLeadRecordSHA256"


def fingerprint_of(record: bytes) -> str:
    return hashlib.sha256(record).hexdigest()


def grouped(fingerprint: str) -> str:
    """The fingerprint in groups of eight, as printed: easier to read aloud and compare."""
    return " ".join(fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8))


def attach_record(
    pdf: bytes, record: bytes, fingerprint: str, pdf_date: str | None = None
) -> bytes:
    """Attach the record and its fingerprint; ``pdf_date`` (``D:YYYYMMDD…``) comes from the
    decision, never from the clock, so that the output is reproducible."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_attachment(RECORD_NAME, record)
    writer.add_attachment(FINGERPRINT_NAME, f"{fingerprint}  {RECORD_NAME}\n".encode("ascii"))
    metadata = {METADATA_KEY: fingerprint}
    if pdf_date:
        metadata |= {"/CreationDate": pdf_date, "/ModDate": pdf_date}
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class RecordCheck:
    intact: bool
    reason: str
    sha256: str | None  # fingerprint of the attached record as it is now
    expected: str | None  # fingerprint the paper was issued with
    record: bytes | None

    def to_json(self) -> dict[str, object]:
        return {
            "intact": self.intact,
            "reason": self.reason,
            "sha256": self.sha256,
            "expected": self.expected,
        }


def _read(path: Path) -> PdfReader:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return PdfReader(path)
    except FileNotFoundError:
        raise SysLeadError(f"{path}: no such file") from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise SysLeadError(f"{path}: not a readable PDF ({exc})") from None


def check_record(path: Path) -> RecordCheck:
    """Compare the attached record with the fingerprint it was issued with.

    The fingerprint is kept in three places (an attachment, the document metadata and the
    printed cover sheet); all must agree with the record for it to count as intact.
    """
    reader = _read(path)
    try:
        attachments = reader.attachments
        record_list = attachments.get(RECORD_NAME) or []
        stored_list = attachments.get(FINGERPRINT_NAME) or []
        metadata: dict[str, object] = dict(reader.metadata or {})
        printed = reader.pages[0].extract_text() if reader.pages else ""
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SysLeadError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    if not record_list:
        return RecordCheck(False, "no decision record is attached to this PDF", None, None, None)
    record = record_list[0]
    actual = fingerprint_of(record)
    stored = stored_list[0].decode("ascii", "replace").split()[0] if stored_list else None
    meta = str(metadata.get(METADATA_KEY, "")) or None
    printed_flat = re.sub(r"\s", "", printed)
    expected = stored or meta
    if stored is None or meta is None:
        return RecordCheck(False, "the record's fingerprint is missing", actual, expected, record)
    if stored != meta or stored not in printed_flat:
        return RecordCheck(
            False,
            "the fingerprints in the PDF do not agree with each other",
            actual,
            expected,
            record,
        )
    if actual != stored:
        return RecordCheck(
            False,
            f"the attached record was altered (SHA-256 {actual[:12]}… "
            f"but the paper was issued with {stored[:12]}…)",
            actual,
            stored,
            record,
        )
    return RecordCheck(
        True, f"intact: the attached record matches SHA-256 {stored}", actual, stored, record
    )


def extract_decision(path: Path, force: bool = False) -> str:
    """The decision file text from a board paper; refuses an altered record unless forced."""
    check = check_record(Path(path))
    if check.record is None or (not check.intact and not force):
        raise SysLeadError(f"{path}: {check.reason}")
    try:
        return check.record.decode("utf-8")
    except UnicodeDecodeError:
        raise SysLeadError(f"{path}: the attached record is not UTF-8 text") from None
