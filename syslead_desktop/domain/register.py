"""The register's own small files: the library's marker and the filing ledger.

A register is a folder (the library) of filed board papers. Beside the papers it keeps a
ledger: one small file per filing, written once and never changed, recording the paper's
fingerprint as it was filed, when and by whom. ``syslead verify --library`` compares a
paper with it.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import StrictModel
from .decision import DecisionId
from .lifecycle import Status

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
LIBRARY_MARKER = "syslead-library.yaml"


class LibraryMarker(StrictModel):
    """``syslead-library.yaml``: says that a folder is a SysLead register, and its layout."""

    schema_version: Literal[1] = 1
    created: dt.date
    name: str = ""


class LedgerEntry(StrictModel):
    """One filing, as ``ledger/<year>/<paper sha256>.yaml``."""

    schema_version: Literal[1] = 1
    paper: str = Field(description="Where the paper was filed, relative to the library.")
    sha256: Sha256 = Field(description="SHA-256 of the paper's bytes as filed.")
    record_sha256: Sha256 = Field(description="SHA-256 of the decision record inside it.")
    decision_id: DecisionId
    status: Status
    title: str = ""
    paper_date: dt.date | None = Field(default=None, description="The meeting's date.")
    filed_at: dt.datetime = Field(description="When it was filed (UTC).")
    filed_by: str = ""
