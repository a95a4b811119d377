"""Checking a board paper's self-archived record, and recovering the decision from it.

The record and its SHA-256 fingerprint are attached when the paper is written
(``embed.py``); here pypdf reads them back. pypdf is imported only when a PDF is read.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import SysLeadError
from ..files import read_bytes
from .record import FINGERPRINT_NAME, METADATA_KEY, RECORD_NAME, fingerprint_of, grouped

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = [
    "FINGERPRINT_NAME",
    "METADATA_KEY",
    "RECORD_NAME",
    "RecordCheck",
    "check_record",
    "check_record_of",
    "extract_decision",
    "fingerprint_of",
    "grouped",
    "record_text",
]


@dataclass(frozen=True)
class RecordCheck:
    intact: bool
    reason: str
    sha256: str | None  # fingerprint of the attached record as it is now
    expected: str | None  # fingerprint the paper was issued with
    record: bytes | None

    def to_json(self) -> dict[str, object]:
        return verdict_json(self)


def verdict_json(check: RecordCheck | Any) -> dict[str, object]:
    """The four keys every verdict's JSON starts with (docs/board-paper.md)."""
    keys = ("intact", "reason", "sha256", "expected")
    return {key: getattr(check, key) for key in keys}


ENCRYPTED = "the PDF is encrypted, so it cannot be checked (SysLead never encrypts a paper)"


def open_pdf(path: Path, data: bytes) -> PdfReader:
    """A PDF read from ``data``; one-line ``SysLeadError`` when it cannot be read, and
    when it is encrypted (SysLead never encrypts a paper, so there is nothing to check)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    start = data.find(b"%PDF-", 0, 4096)
    try:
        # Bytes before '%PDF-' shift every offset; read from the header (verify then
        # refuses the prefix itself).
        reader = PdfReader(io.BytesIO(data[start:] if start > 0 else data))
    except (DependencyError, FileNotDecryptedError):  # encrypted, with AES
        raise SysLeadError(f"{path}: {ENCRYPTED}") from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise SysLeadError(f"{path}: not a readable PDF ({' '.join(str(exc).split())})") from None
    if reader.is_encrypted:
        raise SysLeadError(f"{path}: {ENCRYPTED}")
    return reader


def _read(path: Path) -> PdfReader:
    return open_pdf(path, read_bytes(path))  # a regular file, bounded: never a device


def check_record(path: Path) -> RecordCheck:
    """Compare the attached record with the fingerprint it was issued with.

    The fingerprint is kept in three places (an attachment, the document metadata and the
    printed cover sheet); all must agree with the record for it to count as intact.
    This checks the record only: ``paper_check.verify_paper`` checks the pages too.
    """
    return check_record_of(_read(path), path)


#: The cover's row that prints the fingerprint (board paper and review paper alike).
COVER_FINGERPRINT_LABEL = "Record fingerprint (SHA-256)"
#: A cover longer than this many pages is not a SysLead cover.
MAX_COVER_PAGES = 8


def _cover_text(reader: PdfReader) -> str:
    """The text of the cover sheet, which prints the fingerprint as its last row: the
    first page, and the pages after it up to the one with that row. A cover with long
    implications, the trust's logo or a full "Board decision" box runs onto a second page,
    and its fingerprint with it (reading page 1 alone refused such papers as altered)."""
    label = re.sub(r"\s", "", COVER_FINGERPRINT_LABEL)
    texts = []
    for page in reader.pages[:MAX_COVER_PAGES]:
        texts.append(page.extract_text())
        if label in re.sub(r"\s", "", texts[-1]):
            break
    return "\n".join(texts)


def check_record_of(reader: PdfReader, path: Path) -> RecordCheck:
    """:func:`check_record` on a PDF already open."""
    if reader.is_encrypted:
        raise SysLeadError(f"{path}: {ENCRYPTED}")
    try:
        attachments = reader.attachments
        record_list = attachments.get(RECORD_NAME) or []
        stored_list = attachments.get(FINGERPRINT_NAME) or []
        metadata: dict[str, object] = dict(reader.metadata or {})
        printed = _cover_text(reader)
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SysLeadError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    if not record_list:
        return RecordCheck(False, "no decision record is attached to this PDF", None, None, None)
    if len(record_list) > 1:
        return RecordCheck(
            False,
            f"{len(record_list)} files named {RECORD_NAME} are attached, and other tools may "
            "hand out a different one from the one checked",
            None,
            None,
            None,
        )
    record = record_list[0]
    actual = fingerprint_of(record)
    stored = stored_list[0].decode("ascii", "replace").split()[0] if stored_list else None
    meta = str(metadata.get(f"/{METADATA_KEY}", "")) or None
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
        True, f"the attached record matches SHA-256 {stored}", actual, stored, record
    )


def record_text(check: RecordCheck, path: Path) -> str:
    """The attached record as text (whether or not it is intact)."""
    if check.record is None:
        raise SysLeadError(f"{path}: {check.reason}")
    try:
        return check.record.decode("utf-8")
    except UnicodeDecodeError:
        raise SysLeadError(f"{path}: the attached record is not UTF-8 text") from None


def extract_decision(pdf_path: Path, force: bool = False) -> str:
    """The decision file text from a board paper.

    Raises SysLeadError with a one-line reason when the PDF cannot be read, carries no
    record, or its record was altered (unless ``force``).
    """
    check = check_record(Path(pdf_path))
    if not check.intact and not (force and check.record is not None):
        raise SysLeadError(f"{pdf_path}: {check.reason}")
    return record_text(check, Path(pdf_path))
