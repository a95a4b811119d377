"""The register's search index: SQLite with full-text search (FTS5), derived from the files.

The index is never the only copy of anything: every row comes from a filed paper or a
ledger entry, and :meth:`RegisterIndex.rebuild` makes it again from the files alone. It is
kept per user (``<user data>/register/<library key>.sqlite3``), never in the shared
library folder, because SQLite's locking is unreliable on network file systems.

Each time it is opened it catches up with the library: papers and ledger entries that
are new or changed since (by path, size and modification time) are read, removed ones
dropped, and only the decisions they touch are worked out again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.lifecycle import STATUSES
from ...errors import SysLeadError
from ..paths import user_data_dir
from .entry import Entry, Links, PaperRow, entry_from_row
from .library import Library
from .summary import Rulebooks, summarise

#: Bump when the tables change: an index of another version is rebuilt, never migrated
#: (it is derived data).
INDEX_VERSION = 4
Progress = Callable[[int, int, str], None]
#: Held while a connection is made: a new or outdated index is made again from scratch,
#: and a second thread doing the same at that moment would delete the first one's file.
_CONNECTING = threading.Lock()

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE papers(
    path TEXT PRIMARY KEY, sha256 TEXT, record_sha256 TEXT, decision_id TEXT,
    history_len INTEGER, intact INTEGER, mtime_ns INTEGER, summary TEXT, problem TEXT
);
CREATE INDEX papers_decision ON papers(decision_id);
CREATE TABLE ledger(
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, paper TEXT NOT NULL, decision_id TEXT,
    paper_date TEXT, filed_at TEXT, filed_by TEXT, status TEXT, problem TEXT
);
CREATE INDEX ledger_sha ON ledger(sha256);
CREATE INDEX ledger_decision ON ledger(decision_id);
CREATE TABLE decisions(
    id TEXT PRIMARY KEY, paper TEXT NOT NULL, status TEXT, meeting_date TEXT,
    review_date TEXT, year INTEGER, supersedes TEXT, superseded_by TEXT, data TEXT NOT NULL
);
CREATE INDEX decisions_supersedes ON decisions(supersedes);
CREATE VIRTUAL TABLE search USING fts5(
    id UNINDEXED, title, description, partners, notes, conditions, refs,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


def index_path_for(library: Library) -> Path:
    """Where this user keeps the index of ``library``."""
    key = hashlib.sha256(str(library.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / "register" / f"{key}.sqlite3"


@dataclass
class RefreshReport:
    """What catching up with the library did."""

    read: int = 0  # papers read
    removed: int = 0
    papers: int = 0  # papers in the library
    decisions: int = 0
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "papers": self.papers,
            "decisions": self.decisions,
            "read": self.read,
            "removed": self.removed,
            "problems": self.problems,
        }


def fts_query(text: str) -> str:
    """The words of ``text`` as an FTS5 query: every word must match, the last part of each
    as a prefix; a reference such as ``PUB26/12/4.2`` must match as written (a phrase).

    Quoted, so that nothing the user types is read as query syntax."""
    phrases = []
    for chunk in text.split():
        words = re.findall(r"\w+", chunk, flags=re.UNICODE)
        if words:
            phrases.append('"' + " ".join(words) + '"*')
    return " ".join(phrases)


class RegisterIndex:
    """The index of one library, caught up with it when opened (:meth:`open`)."""

    def __init__(
        self, library: Library, path: Path | None = None, rulebooks: Rulebooks | None = None
    ):
        self.library = library
        self.path = path or index_path_for(library)
        self.rulebooks = rulebooks or Rulebooks()
        self._db: sqlite3.Connection | None = None
        self.last_refresh = RefreshReport()

    # ---- opening ------------------------------------------------------------------------
    @classmethod
    def open(
        cls, library: Library, progress: Progress | None = None, **kwargs: Any
    ) -> RegisterIndex:
        """The library's index, caught up with its files."""
        library.check()
        index = cls(library, **kwargs)
        index.last_refresh = index.refresh(progress)
        return index

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> RegisterIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        with _CONNECTING:  # two threads must never make (or discard) the same index at once
            return self._connect_now()

    def _connect_now(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SysLeadError(
                f"{self.path.parent}: cannot keep the index ({exc.strerror})"
            ) from None
        for attempt in range(2):
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version != INDEX_VERSION:
                    db.close()
                    self._discard()
                    db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                    db.executescript(_SCHEMA + f"PRAGMA user_version = {INDEX_VERSION};")
                    db.execute("INSERT INTO meta VALUES ('library', ?)", (str(self.library.root),))
                db.execute("PRAGMA journal_mode = WAL")
                return db
            except sqlite3.DatabaseError:  # a damaged index: it is derived, so start again
                db.close()
                if attempt:
                    raise
                self._discard()
        raise AssertionError("unreachable")

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def rebuild(self, progress: Progress | None = None) -> RefreshReport:
        """Throw the index away and make it again from the library's files alone."""
        self.close()
        self._discard()
        return self.refresh(progress)

    # ---- catching up --------------------------------------------------------------------
    def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Read what changed in the library since the index last saw it."""
        report = RefreshReport()
        papers = self.library.papers()
        ledger = self.library.ledger_files()
        on_disk: dict[str, tuple[int, int, Path]] = {}
        for path in [*papers, *ledger]:
            try:
                info = path.stat()
            except OSError:
                continue  # removed while we looked
            on_disk[self.library.relative(path)] = (info.st_size, info.st_mtime_ns, path)
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            known = {row[0]: (row[1], row[2]) for row in db.execute("SELECT * FROM files")}
            changed = [
                rel for rel, (size, mtime, _p) in on_disk.items() if known.get(rel) != (size, mtime)
            ]
            gone = [rel for rel in known if rel not in on_disk]
            touched: set[str] = set()
            for rel in gone:
                touched |= self._forget(rel)
                report.removed += 1
            to_read = sorted(changed)
            total = len(to_read)
            for number, rel in enumerate(to_read, 1):
                size, mtime, path = on_disk[rel]
                if progress is not None:
                    progress(number - 1, total, rel)
                touched |= self._forget(rel)
                if rel.endswith(".pdf"):
                    touched |= self._read_paper(rel, path, mtime)
                    report.read += 1
                else:
                    touched |= self._read_ledger(rel, path)
                db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (rel, size, mtime))
            if progress is not None:
                progress(total, total, "")
            self._recompute(touched)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        report.papers = db.execute("SELECT count(*) FROM papers").fetchone()[0]
        report.decisions = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
        report.problems = [
            f"{path}: {problem}"
            for path, problem in db.execute(
                "SELECT path, problem FROM papers WHERE problem IS NOT NULL "
                "UNION ALL SELECT path, problem FROM ledger WHERE problem IS NOT NULL "
                "ORDER BY 1"
            )
        ]
        return report

    def _forget(self, rel: str) -> set[str]:
        db = self.db
        ids = {
            row[0]
            for row in db.execute(
                "SELECT decision_id FROM papers WHERE path = ? UNION "
                "SELECT decision_id FROM ledger WHERE path = ?",
                (rel, rel),
            )
            if row[0]
        }
        db.execute("DELETE FROM papers WHERE path = ?", (rel,))
        db.execute("DELETE FROM ledger WHERE path = ?", (rel,))
        db.execute("DELETE FROM files WHERE path = ?", (rel,))
        return ids

    def _read_paper(self, rel: str, path: Path, mtime: int) -> set[str]:
        try:
            paper = self.library.read(path)
        except SysLeadError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            self.db.execute(
                "INSERT INTO papers(path, mtime_ns, problem) VALUES (?, ?, ?)",
                (rel, mtime, message),
            )
            return set()
        summary = summarise(paper, self.rulebooks)
        self.db.execute(
            "INSERT INTO papers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rel,
                paper.sha256,
                paper.record_sha256,
                paper.decision_id,
                len(paper.decision.history),
                int(paper.intact),
                mtime,
                json.dumps(summary, ensure_ascii=False),
                None if paper.intact else "the attached record does not match its fingerprint",
            ),
        )
        return {paper.decision_id}

    def _read_ledger(self, rel: str, path: Path) -> set[str]:
        try:
            entry = self.library.read_entry(path)
        except SysLeadError as exc:
            message = str(exc).removeprefix(f"{path}")
            self.db.execute(
                "INSERT INTO ledger(path, sha256, paper, problem) VALUES (?, '', '', ?)",
                (rel, message.lstrip(":").strip() or "unreadable"),
            )
            return set()
        self.db.execute(
            "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                rel,
                entry.sha256,
                entry.paper,
                entry.decision_id,
                entry.paper_date.isoformat() if entry.paper_date else None,
                entry.filed_at.isoformat(),
                entry.filed_by,
                entry.status,
            ),
        )
        return {entry.decision_id}

    def _recompute(self, ids: Iterable[str]) -> None:
        """Work out again the register rows of the decisions ``ids``."""
        db = self.db
        for decision_id in sorted(set(ids)):
            db.execute("DELETE FROM decisions WHERE id = ?", (decision_id,))
            db.execute("DELETE FROM search WHERE id = ?", (decision_id,))
            rows = [
                PaperRow(*row)
                for row in db.execute(
                    "SELECT path, sha256, history_len, intact, mtime_ns, summary FROM papers "
                    "WHERE decision_id = ?",
                    (decision_id,),
                )
            ]
            if not rows:
                continue
            for row in rows:
                row.filings = [
                    {"filed_at": at, "filed_by": by, "sha256": sha}
                    for at, by, sha in db.execute(
                        "SELECT filed_at, filed_by, sha256 FROM ledger WHERE paper = ? "
                        "ORDER BY filed_at",
                        (row.path,),
                    )
                ]
            latest = max(rows, key=PaperRow.order)
            data = dict(latest.summary)
            data["papers"] = [r.to_json() for r in sorted(rows, key=PaperRow.order)]
            data["paper"] = latest.path
            data["filed_at"], data["filed_by"] = latest.filed()
            data["problems"] = sorted({p for r in rows for p in r.problems()})
            reviews = [r for r in rows if r.summary.get("kind") == "review"]
            if reviews:  # reported back on: the review due now is the further one proposed
                data["review_date"] = max(reviews, key=PaperRow.order).summary.get(
                    "next_review_date"
                )
            text = data.pop("text")
            meeting = data.get("meeting_date")
            db.execute(
                "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    decision_id,
                    latest.path,
                    data["status"],
                    meeting,
                    data.get("review_date"),
                    int(meeting[:4]) if meeting else None,
                    data.get("supersedes"),
                    data.get("superseded_by"),
                    json.dumps(data, ensure_ascii=False),
                ),
            )
            db.execute(
                "INSERT INTO search VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    decision_id,
                    *(
                        text[key]
                        for key in (
                            "title",
                            "description",
                            "partners",
                            "notes",
                            "conditions",
                            "refs",
                        )
                    ),
                ),
            )

    # ---- asking -------------------------------------------------------------------------
    def entries(
        self,
        *,
        text: str = "",
        status: str | None = None,
        due_within: int | None = None,
        year: int | None = None,
        today: dt.date | None = None,
    ) -> list[Entry]:
        """The register's decisions, newest meeting first (best match first for ``text``)."""
        today = today or dt.date.today()
        where: list[str] = []
        args: list[object] = []
        if status is not None:
            if status not in STATUSES:
                raise SysLeadError(f"no such status {status!r}; use one of {', '.join(STATUSES)}")
            where.append("d.status = ?")
            args.append(status)
        if year is not None:
            where.append("d.year = ?")
            args.append(year)
        if due_within is not None:
            where.append("d.review_date IS NOT NULL AND d.review_date <= ?")
            where.append("d.status IN ('submitted', 'decided')")
            args.append((today + dt.timedelta(days=due_within)).isoformat())
        order = "d.meeting_date IS NULL, d.meeting_date DESC, d.id"
        source = "decisions d"
        if text.strip():
            query = fts_query(text)
            if not query:
                return []
            source = "search s JOIN decisions d ON d.id = s.id"
            where.insert(0, "search MATCH ?")
            args.insert(0, query)
            order = "bm25(search), " + order
        if due_within is not None:
            order = "d.review_date, " + order
        sql = f"SELECT d.data FROM {source}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.db.execute(f"{sql} ORDER BY {order}", args).fetchall()
        links = self._reverse_links()
        found = [entry_from_row(json.loads(data), links, today) for (data,) in rows]
        if due_within is not None:  # a proposal not approved has nothing to review
            found = [e for e in found if e.outcome != "not_approved"]
        return found

    def search_ids(self, text: str) -> list[str]:
        """The ids of the decisions matching ``text``, best match first: what a view needs
        to filter the entries it holds, without reading any of them again."""
        query = fts_query(text)
        if not query:
            return []
        return [
            decision_id
            for (decision_id,) in self.db.execute(
                "SELECT id FROM search WHERE search MATCH ? ORDER BY bm25(search)", (query,)
            )
        ]

    def _reverse_links(self) -> Links:
        """The links between versions that only one side's record names: each superseded
        decision's id -> the later decision that names it (``supersedes``), and each later
        decision's id -> the earlier one that names it (``superseded_by``, recorded with
        ``syslead status --set superseded``), so either side shows the other."""
        later = {
            old: new
            for new, old in self.db.execute(
                "SELECT id, supersedes FROM decisions WHERE supersedes IS NOT NULL "
                "ORDER BY meeting_date"
            )
        }
        earlier = {
            new: old
            for old, new in self.db.execute(
                "SELECT id, superseded_by FROM decisions WHERE superseded_by IS NOT NULL "
                "ORDER BY meeting_date"
            )
        }
        return Links(later, earlier)

    def find(self, reference: str) -> Entry:
        """The decision whose id starts with ``reference`` (at least 4 characters)."""
        ref = reference.strip().lower()
        if len(ref) < 4 or not re.fullmatch(r"[0-9a-f]+", ref):
            raise SysLeadError(f"{reference!r}: a register id is 4 or more of its hex digits")
        rows = self.db.execute(
            "SELECT data FROM decisions WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (ref, ref + "g"),
        ).fetchall()
        if not rows:
            raise SysLeadError(f"no decision {reference!r} in the register {self.library.root}")
        if len(rows) > 1:
            raise SysLeadError(f"{reference!r} matches more than one decision: give more digits")
        return entry_from_row(json.loads(rows[0][0]), self._reverse_links(), dt.date.today())

    def chain(self, entry: Entry) -> list[Entry]:
        """The supersedes chain through ``entry``, oldest first."""
        by_id: dict[str, Entry] = {}

        def get(decision_id: str | None) -> Entry | None:
            if not decision_id:
                return None
            if decision_id not in by_id:
                try:
                    by_id[decision_id] = self.find(decision_id)
                except SysLeadError:
                    return None
            return by_id[decision_id]

        chain, seen = [entry], {entry.id}
        current: Entry | None = entry
        while current is not None and current.supersedes and current.supersedes not in seen:
            current = get(current.supersedes)
            if current is not None:
                chain.insert(0, current)
                seen.add(current.id)
        current = entry
        while current is not None and current.superseded_by and current.superseded_by not in seen:
            current = get(current.superseded_by)
            if current is not None:
                chain.append(current)
                seen.add(current.id)
        return chain

    def filings_of(self, sha256: str) -> list[dict[str, str]]:
        return [
            {"paper": paper, "filed_at": at, "filed_by": by}
            for paper, at, by in self.db.execute(
                "SELECT paper, filed_at, filed_by FROM ledger WHERE sha256 = ? ORDER BY filed_at",
                (sha256,),
            )
        ]

    def filings_for(self, decision_id: str) -> list[dict[str, str]]:
        return [
            {
                "paper": paper,
                "sha256": sha,
                "paper_date": day or "",
                "filed_at": at,
                "filed_by": by,
                "status": status,
            }
            for paper, sha, day, at, by, status in self.db.execute(
                "SELECT paper, sha256, paper_date, filed_at, filed_by, status FROM ledger "
                "WHERE decision_id = ? ORDER BY filed_at",
                (decision_id,),
            )
        ]

    def years(self) -> list[int]:
        return [
            y
            for (y,) in self.db.execute(
                "SELECT DISTINCT year FROM decisions WHERE year IS NOT NULL ORDER BY year DESC"
            )
        ]


@contextlib.contextmanager
def opened(library: Library, progress: Progress | None = None) -> Iterator[RegisterIndex]:
    index = RegisterIndex.open(library, progress)
    try:
        yield index
    finally:
        index.close()
