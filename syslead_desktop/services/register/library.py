"""The library: the register's folder of filed papers and its filing ledger.

Layout (docs/register.md)::

    LIBRARY/
      syslead-library.yaml                 marks the folder as a register
      papers/2026/2026-03-12_offer-weekend-mri-capacity_submitted_3f9a2c1b7d0e.pdf
      ledger/2026/<sha256 of that paper>.yaml

Every file here is written once, under a name of its own (made from its content), and
never changed: a library can be a shared network folder that several people file into at
the same moment. The search index is *not* kept here: SQLite's locking is unreliable on
network file systems, so each user keeps a private index, rebuilt from these files.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ...domain.register import LIBRARY_MARKER, LedgerEntry, LibraryMarker
from ...errors import SysLeadError
from ..files import read_bytes
from ..filing import create_once
from ..pdf.paper_check import verify_paper
from ..yaml_io import dump_yaml, load_model
from .paper import PaperRead, read_paper

PAPERS = "papers"
LEDGER = "ledger"
_HEADER = "# SysLead register: one filing, written once. Format: docs/register.md\n"


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII words joined by hyphens, for a file name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "untitled"


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


@dataclass(frozen=True)
class Filed:
    """The result of filing one paper."""

    source: Path
    path: str  # relative to the library
    decision_id: str
    sha256: str
    status: str
    created: bool  # False: the same paper was already filed
    entry: LedgerEntry

    def to_json(self) -> dict[str, object]:
        return {
            "paper": str(self.source),
            "path": self.path,
            "id": self.decision_id,
            "sha256": self.sha256,
            "status": self.status,
            "already_filed": not self.created,
            "filed_at": self.entry.filed_at.isoformat(),
            "filed_by": self.entry.filed_by,
        }


class Library:
    """A register's folder. ``Library(path)`` only names it; nothing is read or made."""

    def __init__(self, root: Path | str):
        self.root = Path(root).expanduser()

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"

    @property
    def marker(self) -> Path:
        return self.root / LIBRARY_MARKER

    def exists(self) -> bool:
        return self.marker.is_file()

    def check(self) -> None:
        """Raise ``SysLeadError`` unless the folder is a register."""
        if not self.root.is_dir():
            raise SysLeadError(f"{self.root}: no such folder (file a paper to start a register)")
        if not self.exists():
            raise SysLeadError(
                f"{self.root}: not a SysLead register (no {LIBRARY_MARKER}); "
                "file a paper into it to start one"
            )
        load_model(LibraryMarker, self.marker)

    def create(self) -> None:
        """Make the folder a register (harmless if it already is one, or if another user
        makes it one at the same moment)."""
        if self.root.exists() and not self.root.is_dir():
            raise SysLeadError(f"{self.root}: is a file, not a folder")
        marker = LibraryMarker(created=dt.date.today())
        text = "# SysLead register. Format: docs/register.md\n" + dump_yaml(
            marker.model_dump(mode="json")
        )
        create_once(self.marker, text.encode("utf-8"))
        self.check()

    # ---- files --------------------------------------------------------------------------
    def papers(self) -> list[Path]:
        """Every filed paper, sorted by its path."""
        return _files(self.root / PAPERS, ".pdf")

    def ledger_files(self) -> list[Path]:
        return _files(self.root / LEDGER, ".yaml")

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_entry(self, path: Path) -> LedgerEntry:
        entry, _located = load_model(LedgerEntry, path)
        return entry

    def ledger_path(self, sha256: str, day: dt.date) -> Path:
        return self.root / LEDGER / f"{day:%Y}" / f"{sha256}.yaml"

    # ---- filing -------------------------------------------------------------------------
    def file(self, source: Path | str, by: str | None = None) -> Filed:
        """Copy a board paper into the library under its own name, with a ledger entry.

        Refuses (one line) a PDF that is not a SysLead paper, or whose pages or record
        ``syslead verify`` finds altered. A paper from another SysLead version, whose pages
        cannot be re-checked exactly, is filed on its intact record.
        Filing the same paper again changes nothing and says so."""
        source = Path(source)
        check = verify_paper(source)  # as `syslead verify` does: the pages and the record
        if check.verdict == "altered":
            raise SysLeadError(f"{source}: not filed: {check.reason}")
        return self.file_data(read_bytes(source), source, by)

    def file_data(self, data: bytes, source: Path, by: str | None = None) -> Filed:
        """File the paper ``data`` (named ``source`` in messages) as :meth:`file` does,
        without checking its pages again: for a paper SysLead has just made itself."""
        paper = read_paper(data, source)
        if not self.exists():
            self.create()
        decision = paper.decision
        day = decision.board_paper.meeting_date or decision.updated or dt.date.today()
        name = (
            f"{day:%Y-%m-%d}_{slug(decision.framing.title)}_{decision.status}_{paper.sha256[:12]}"
        )
        target = self.root / PAPERS / f"{day:%Y}" / f"{name}.pdf"
        created = create_once(target, data)
        if not created and hashlib.sha256(read_bytes(target)).hexdigest() != paper.sha256:
            raise SysLeadError(
                f"{target}: a different file is already filed under this paper's name "
                "(the library's copy was changed)"
            )
        entry = LedgerEntry(
            paper=self.relative(target),
            sha256=paper.sha256,
            record_sha256=paper.record_sha256,
            decision_id=paper.decision_id,
            status=decision.status,
            title=decision.framing.title,
            paper_date=decision.board_paper.meeting_date,
            filed_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            filed_by=current_user() if by is None else by,
        )
        ledger = self.ledger_path(paper.sha256, day)
        text = _HEADER + dump_yaml(entry.model_dump(mode="json"))
        if not create_once(ledger, text.encode("utf-8")):
            entry = self.read_entry(ledger)  # the first filing stands
        return Filed(
            source, entry.paper, paper.decision_id, paper.sha256, decision.status, created, entry
        )

    def read(self, path: Path) -> PaperRead:
        return read_paper(read_bytes(path), path)


def _files(folder: Path, suffix: str) -> list[Path]:
    """Files under ``folder`` ending in ``suffix``, skipping hidden and temporary ones."""
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(suffix) and not name.startswith("."):
                found.append(Path(parent) / name)
    return sorted(found)
