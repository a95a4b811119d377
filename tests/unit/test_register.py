"""The register: filing into a library, the derived index, the ledger and the exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from syslead_desktop.domain.lifecycle import StatusRequest, change_status
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.register import Library, RegisterIndex, index_path_for
from syslead_desktop.services.register.export import DECISION_LOG, csv_bytes, xlsx_bytes
from tests.register_support import MEETING, PAPERS, meeting_papers, render_to, variant

ROOT = Path(__file__).resolve().parents[2]
TODAY = MEETING + dt.timedelta(days=1)


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return meeting_papers(tmp_path_factory.mktemp("papers"))


@pytest.fixture
def library(tmp_path: Path, papers: list[Path]) -> Library:
    library = Library(tmp_path / "register")
    for paper in papers:
        library.file(paper, by="Sam Clerk")
    return library


def results(index: RegisterIndex, **query: object) -> list[str]:
    return [e.title for e in index.entries(today=TODAY, **query)]  # type: ignore[arg-type]


def test_filing_copies_each_paper_once_under_a_unique_name(
    tmp_path: Path, papers: list[Path]
) -> None:
    library = Library(tmp_path / "register")
    first = [library.file(p, by="Sam Clerk") for p in papers]
    assert all(f.created for f in first) and len({f.path for f in first}) == 3
    for f, paper in zip(first, papers, strict=True):
        assert (library.root / f.path).read_bytes() == paper.read_bytes()
        assert f.path.startswith("papers/2026/2026-12-10_") and f.path.endswith(
            f"_submitted_{f.sha256[:12]}.pdf"
        )
        assert f.entry.filed_by == "Sam Clerk" and f.entry.sha256 == f.sha256
    again = library.file(papers[0], by="Someone Else")
    assert not again.created and again.entry == first[0].entry, "the first filing stands"
    assert len(library.papers()) == 3 and len(library.ledger_files()) == 3
    assert not [p for p in library.root.rglob("*") if p.name.startswith(".")], "no temp files"


def test_filing_refuses_what_is_not_an_intact_paper(tmp_path: Path, papers: list[Path]) -> None:
    library = Library(tmp_path / "register")
    plain = tmp_path / "plain.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "Not a SysLead paper")
    canvas.save()
    with pytest.raises(SysLeadError, match="not filed: no decision record"):
        library.file(plain)
    altered = tmp_path / "altered.pdf"
    data = papers[0].read_bytes()
    altered.write_bytes(data.replace(b"Harrowfield", b"Harrowfielt", 1))
    with pytest.raises(SysLeadError, match="not filed"):
        library.file(altered)
    assert library.papers() == []


def test_search_finds_any_decision_by_a_word_in_it(library: Library) -> None:
    with RegisterIndex.open(library) as index:
        for spec in PAPERS:
            assert results(index, text=spec["word"]) == [spec["title"]]  # description
            assert results(index, text=spec["partner"].split()[0]) == [spec["title"]]  # partners
        assert results(index, text="collective staff") == [PAPERS[1]["title"]]  # title
        assert results(index, text="ROSTER") == [PAPERS[1]["title"]], "prefix, any case"
        # conditions, from assessing the record again with its rulebook
        assert len(results(index, text="non-executive directors")) == 3
        assert results(index, text="PUB26/12/4.4") == [PAPERS[2]["title"]]  # agenda item
        assert results(index, text='" OR 1=1 --') == [], "the user's text is never query syntax"
        assert results(index, text="psychiatric tomography") == []  # every word must match
        found = index.entries(text="rostering")
        assert index.search_ids("rostering") == [e.id for e in found], "ids alone, alike"


def test_lists_filter_by_status_year_and_review_due(library: Library) -> None:
    with RegisterIndex.open(library) as index:
        assert len(results(index)) == 3
        assert len(results(index, status="submitted")) == 3 and results(index, status="draft") == []
        assert len(results(index, year=2026)) == 3 and results(index, year=2025) == []
        due = index.entries(today=TODAY, due_within=30)
        assert [e.title for e in due] == [PAPERS[1]["title"]] and due[0].review == "due"
        later = index.entries(today=MEETING + dt.timedelta(days=40), due_within=30)
        assert [(e.title, e.review) for e in later] == [(PAPERS[1]["title"], "overdue")]


def test_the_index_is_derived_rebuilt_alike_and_kept_per_user(library: Library) -> None:
    with RegisterIndex.open(library) as index:
        before = [e.to_json() for e in index.entries(today=TODAY)]
        searched = results(index, text="rostering")
        path = index.path
    assert path == index_path_for(library) and library.root not in path.parents
    assert not list(library.root.rglob("*.sqlite3*")), "no database in the shared folder"
    path.unlink()
    with RegisterIndex.open(library) as index:
        assert [e.to_json() for e in index.entries(today=TODAY)] == before
        assert results(index, text="rostering") == searched
        report = index.rebuild()
        assert report.papers == 3 and report.decisions == 3 and report.problems == []
        assert [e.to_json() for e in index.entries(today=TODAY)] == before
    path.write_bytes(b"this is not a database")  # a damaged index is simply made again
    with RegisterIndex.open(library) as index:
        assert [e.to_json() for e in index.entries(today=TODAY)] == before


def test_the_index_catches_up_with_other_people_filing(library: Library, tmp_path: Path) -> None:
    with RegisterIndex.open(library) as index:
        assert len(results(index)) == 3
    newcomer = render_to(
        variant("Host the system's pathology hub", word="haematology"), tmp_path / "new.pdf"
    )
    Library(library.root).file(newcomer)  # someone else files it
    with RegisterIndex.open(library) as index:
        assert index.last_refresh.read == 1, "only the new paper is read"
        assert results(index, text="haematology") == ["Host the system's pathology hub"]


def test_a_decision_s_papers_one_row_the_latest_and_the_ledger(
    library: Library, tmp_path: Path
) -> None:
    decided = change_status(
        variant(**PAPERS[0]),
        StatusRequest(
            to="decided",
            on=MEETING,
            outcome="approved",
            minute_reference="BD/26/141",
            by="Sam Clerk",
        ),
    )
    library.file(render_to(decided, tmp_path / "decided.pdf"))
    with RegisterIndex.open(library) as index:
        entry = index.find(decided.id[:6])  # type: ignore[index]
        assert entry.status == "decided" and entry.outcome_label == "Approved"
        assert entry.minute_reference == "BD/26/141" and entry.resolution_date == MEETING
        assert [p["status"] for p in entry.papers] == ["submitted", "decided"]
        assert all(p["in_ledger"] and p["matches_ledger"] for p in entry.papers)
        assert len(index.entries()) == 3
    # the library's copy of a filed paper is changed behind the register's back
    filed = library.root / entry.paper
    filed.write_bytes(filed.read_bytes() + b"\n% appended\n")
    with RegisterIndex.open(library) as index:
        assert any("differs from the paper filed" in p for p in index.find(entry.id).problems)


def test_the_supersedes_chain_both_ways(library: Library, tmp_path: Path) -> None:
    with RegisterIndex.open(library) as index:
        old = index.entries(text="rostering")[0]
    newer = variant("Share a collective staff bank: revised", supersedes=old.id)
    library.file(render_to(newer, tmp_path / "v2.pdf"))
    with RegisterIndex.open(library) as index:
        old_entry = index.find(old.id)
        assert old_entry.superseded_by == newer.id, "the later decision links back"
        chain = index.chain(old_entry)
        assert [e.id for e in chain] == [old.id, newer.id]
        assert [e.id for e in index.chain(index.find(newer.id))] == [old.id, newer.id]  # type: ignore[arg-type]


def test_find_needs_a_clear_reference(library: Library) -> None:
    with RegisterIndex.open(library) as index:
        with pytest.raises(SysLeadError, match="4 or more"):
            index.find("ab")
        with pytest.raises(SysLeadError, match="no decision"):
            index.find("0000")


def test_not_a_register_is_said_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SysLeadError, match="not a SysLead register"):
        RegisterIndex.open(Library(tmp_path))
    with pytest.raises(SysLeadError, match="no such folder"):
        RegisterIndex.open(Library(tmp_path / "none"))


def test_two_processes_filing_into_one_library_at_once(tmp_path: Path, papers: list[Path]) -> None:
    """Two board secretaries file at the same moment into a new, shared library: each a
    paper of their own and one paper both have. Both succeed, nothing is lost or doubled."""
    extra = [
        render_to(variant(f"Paper from office {n}"), tmp_path / f"office-{n}.pdf") for n in (1, 2)
    ]
    go = tmp_path / "go"
    script = textwrap.dedent(
        """
        import json, sys, time
        from pathlib import Path
        from syslead_desktop.services.register import Library
        go, root, *papers = sys.argv[1:]
        while not Path(go).exists():
            time.sleep(0.001)
        print(json.dumps([Library(root).file(p, by="me").to_json() for p in papers]))
        """
    )
    root = tmp_path / "shared"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(go), str(root), str(mine), str(papers[0])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for mine in extra
    ]
    go.touch()
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    filed = [item for out, _err in outputs for item in json.loads(out)]
    shared = [f for f in filed if f["paper"] == str(papers[0])]
    assert sorted(f["already_filed"] for f in shared) == [False, True]
    library = Library(root)
    assert len(library.papers()) == 3 and len(library.ledger_files()) == 3
    with RegisterIndex.open(library) as index:
        assert sorted(e.title for e in index.entries()) == sorted(
            ["Paper from office 1", "Paper from office 2", PAPERS[0]["title"]]
        )
        assert index.last_refresh.problems == []


def test_exports_read_back(library: Library, tmp_path: Path) -> None:
    with RegisterIndex.open(library) as index:
        entries = index.entries(today=TODAY)
    hostile = variant('=HYPERLINK("x") "quoted", and\na new line', submitted=True)
    library.file(render_to(hostile, tmp_path / "hostile.pdf"))
    with RegisterIndex.open(library) as index:
        entries = index.entries(today=TODAY)
    data = csv_bytes(entries)
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [c.title for c in DECISION_LOG] and len(rows) == 1 + len(entries)
    titles = {row[4] for row in rows[1:]}
    assert "'" + hostile.framing.title in titles, "kept whole, never run as a formula"
    by_title = {row[4]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first = by_title[PAPERS[0]["title"]]
    assert first["Meeting date"] == "2026-12-10" and first["Review date"] == "2027-06-30"
    assert first["Agenda item"] == "PUB26/12/4.2" and first["Status"] == "Submitted"
    assert b'"\r\n' in data, "every field quoted, rows ended as Excel expects"

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes(entries)))
    sheet = book["Decision log"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == [c.title for c in DECISION_LOG] and all(c.font.bold for c in sheet[1])
    assert sheet.max_row == 1 + len(entries)
    rows_x = {
        r[4]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    row = rows_x[PAPERS[0]["title"]]
    assert row["Meeting date"] == dt.datetime(2026, 12, 10) and row["Agenda item"] == "PUB26/12/4.2"
    assert rows_x[hostile.framing.title]["Title"] == hostile.framing.title, "text, not a formula"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width
