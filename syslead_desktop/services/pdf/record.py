"""The decision record's names and fingerprint, shared by the writer and the checker.

Kept free of PDF libraries, so that writing a paper never imports the PDF reader.
"""

from __future__ import annotations

import hashlib

RECORD_NAME = "decision.syslead.yaml"
FINGERPRINT_NAME = "decision.sha256"
METADATA_KEY = "SysLeadRecordSHA256"  # in the document information dictionary
#: Also there, for a paper that is not the board paper itself: ``review`` for the review
#: paper (``syslead verify`` renders it again as one).
KIND_KEY = "SysLeadPaper"
REVIEW_KIND = "review"


def fingerprint_of(record: bytes) -> str:
    return hashlib.sha256(record).hexdigest()


def grouped(fingerprint: str) -> str:
    """The fingerprint in groups of eight, as printed: easier to read aloud and compare."""
    return " ".join(fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8))


def fingerprint_file(fingerprint: str) -> bytes:
    """The second attachment, in the format ``sha256sum --check`` reads."""
    return f"{fingerprint}  {RECORD_NAME}\n".encode("ascii")
