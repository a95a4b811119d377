"""Attach the decision record while reportlab writes the file.

reportlab has no call for embedded files, but its object model has everything needed: an
``/EmbeddedFile`` stream, a ``/Filespec`` pointing at it, and the catalogue's ``/Names``
tree listing the files. Doing it here, rather than re-opening the finished PDF with pypdf,
keeps the output a single, deterministic write and keeps the PDF reader out of rendering.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
)

from .record import FINGERPRINT_NAME, KIND_KEY, METADATA_KEY, RECORD_NAME, fingerprint_file


def _file_spec(document: Any, name: str, data: bytes, mime: str, description: str) -> Any:
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                "Subtype": mime,  # a PDF name, already encoded
                "Params": PDFDictionary(
                    {
                        "Size": len(data),
                        "CheckSum": PDFString(hashlib.md5(data).digest(), enc="raw"),
                    }
                ),
            }
        ),
        content=data,
    )
    spec = PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(name),
            "UF": PDFString(name),
            "Desc": PDFString(description),
            "AFRelationship": PDFName("Source"),
            "EF": PDFDictionary({"F": document.Reference(stream)}),
        }
    )
    return document.Reference(spec)


class _RecordInfo(PDFInfo):  # type: ignore[misc]
    """The information dictionary, with the record's fingerprint and the decision's date."""

    fingerprint = ""
    day: date | None = None
    kind = ""

    def format(self, document: Any) -> bytes:
        data: dict[str, Any] = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "Trapped": PDFName("False"),
            METADATA_KEY: PDFString(self.fingerprint),
        }
        if self.kind:
            data[KIND_KEY] = PDFString(self.kind)
        if self.day is not None:
            stamp = PDFString(f"D:{self.day:%Y%m%d}000000Z")
            data["CreationDate"] = data["ModDate"] = stamp
        formatted: bytes = PDFDictionary(data).format(document)
        return formatted


def embed_record(
    document: Any, record: bytes, fingerprint: str, day: date | None, kind: str = ""
) -> None:
    """Attach the record and its fingerprint to a reportlab ``PDFDocument`` before saving."""
    names = PDFArray(
        [
            PDFString(FINGERPRINT_NAME),
            _file_spec(
                document,
                FINGERPRINT_NAME,
                fingerprint_file(fingerprint),
                "/text#2Fplain",
                "SHA-256 fingerprint of the decision record",
            ),
            PDFString(RECORD_NAME),
            _file_spec(
                document,
                RECORD_NAME,
                record,
                "/application#2Fyaml",
                "The SysLead decision record this paper was produced from",
            ),
        ]
    )  # a name tree's keys must be in sorted order: "decision.sha256" < "decision.syslead.yaml"
    document.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})
    info = _RecordInfo()
    info.__dict__.update(document.info.__dict__)
    info.fingerprint, info.day, info.kind = fingerprint, day, kind
    document.info = info
    document.updateSignature(fingerprint)  # the file ID differs whenever the record does
