"""Reading a filed board paper: its fingerprint, its attached record, what it recommended.

Quicker than ``syslead verify`` (no page text is extracted), as the index reads every
paper in the library: the record counts as intact when its SHA-256 agrees with the
fingerprint attachment and the document metadata. Filing itself runs the full check.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from ...domain.decision import Decision
from ...domain.migrations import content_id
from ...errors import SysLeadError
from ..decision_file import decision_from_text
from ..pdf.record import (
    FINGERPRINT_NAME,
    KIND_KEY,
    METADATA_KEY,
    RECORD_NAME,
    REVIEW_KIND,
    fingerprint_of,
)

SUBJECT_PREFIX = "Board paper: "


@dataclass(frozen=True)
class PaperRead:
    sha256: str  # of the paper's bytes
    record: bytes
    record_sha256: str
    intact: bool  # the record agrees with the fingerprints the paper was issued with
    decision: Decision
    stance: str  # what the paper recommended, from its metadata ("" if not said)
    stance_label: str
    kind: str = "board"  # "review" for the paper that reports back at the review date

    @property
    def decision_id(self) -> str:
        return self.decision.id or content_id({"record": self.record_sha256})


def read_paper(data: bytes, name: Path | str) -> PaperRead:
    """The paper in ``data`` (named ``name`` in messages); raises ``SysLeadError``."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments
        records = attachments.get(RECORD_NAME) or []
        stored = attachments.get(FINGERPRINT_NAME) or []
        metadata = dict(reader.metadata or {})
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SysLeadError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    if not records:
        raise SysLeadError(f"{name}: not a SysLead board paper (no decision record attached)")
    record = records[0]
    actual = fingerprint_of(record)
    issued = stored[0].decode("ascii", "replace").split()[:1] if stored else []
    meta = str(metadata.get(f"/{METADATA_KEY}", ""))
    intact = bool(issued) and issued[0] == actual == meta
    try:
        text = record.decode("utf-8")
    except UnicodeDecodeError:
        raise SysLeadError(f"{name}: the attached record is not UTF-8 text") from None
    decision = decision_from_text(text, f"{name} (attached record)", check_dates=False)
    subject = str(metadata.get("/Subject", ""))
    kind = "review" if str(metadata.get(f"/{KIND_KEY}", "")) == REVIEW_KIND else "board"
    label = subject.removeprefix(SUBJECT_PREFIX) if subject.startswith(SUBJECT_PREFIX) else ""
    keywords = [k.strip() for k in str(metadata.get("/Keywords", "")).split(",")]
    stance = keywords[-1] if label and len(keywords) >= 2 else ""
    # A review paper's subject gives the review's recommendation, not the decision's:
    # the register takes the decision's from assessing its record again.
    return PaperRead(
        sha256=hashlib.sha256(data).hexdigest(),
        record=record,
        record_sha256=actual,
        intact=intact,
        decision=decision,
        stance=stance,
        stance_label=label,
        kind=kind,
    )
