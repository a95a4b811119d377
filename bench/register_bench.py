"""``make bench``: the register at scale, as figures (never asserted in tests).

Makes a library of N filed papers (2,000 by default), then measures:

- **rebuild**: the index made from nothing, from the files alone (target < 60 s);
- **open**: opening the index once built (catching up with an unchanged library) and
  loading every entry, as the register view does (target < 1 s);
- **search**: a full-text search for one word, median over many words (target < 100 ms);
- **view** (when Qt is available): the register view built with its model, from the
  call until its table holds every row, offscreen (target < 1 s).

The papers are real SysLead papers in structure (made through the board paper's own
canvas and attachment code: the record, its fingerprints and the metadata), each with a
record of its own, but one page long, so that making 2,000 of them takes seconds rather
than the ten minutes full renders would; the index reads only the attachments, the
metadata and the bytes' SHA-256, which a one-page paper has alike. They are filed with
``Library.file_data`` (what ``syslead status`` uses for a paper it made itself).
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUTPUT = HERE / "results" / "register.json"
TARGETS = {"rebuild_s": 60.0, "open_s": 1.0, "search_ms": 100.0, "view_s": 1.0}
WORDS = [
    "diagnostic",
    "imaging",
    "pathology",
    "stroke",
    "maternity",
    "community",
    "beds",
    "staff",
    "bank",
    "theatre",
    "endoscopy",
    "outpatient",
    "elective",
    "recovery",
    "discharge",
    "frailty",
    "mental",
    "health",
    "learning",
    "disability",
    "estates",
    "capital",
    "digital",
    "records",
    "workforce",
    "nursing",
    "midwifery",
    "pharmacy",
    "radiology",
    "oncology",
    "cardiology",
    "renal",
    "dialysis",
    "virtual",
    "ward",
    "urgent",
    "care",
    "ambulance",
    "handover",
    "winter",
    "pressures",
    "funding",
    "envelope",
    "deficit",
    "contribution",
    "shared",
    "services",
]
PARTNERS = [
    "Harrowfield Hospitals NHS Trust",
    "Wyvern and Marches Integrated Care Board",
    "Marches Community Health",
    "Severn Mind NHS Foundation Trust",
    "Cotswold Ambulance Service",
]


def make_paper(decision: Any, label: str, stance: str) -> bytes:
    """A one-page paper through the board paper's own canvas and record attachment."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from syslead_desktop.services.decision_file import decision_to_text
    from syslead_desktop.services.pdf.canvas import PageInfo, canvas_maker
    from syslead_desktop.services.pdf.fonts import FAMILY, register_fonts
    from syslead_desktop.services.pdf.record import fingerprint_of
    from syslead_desktop.services.pdf.theme import make_styles

    register_fonts(decision.model_dump_json())
    record = decision_to_text(decision).encode("utf-8")
    fingerprint = fingerprint_of(record)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=decision.framing.title,
        subject=f"Board paper: {label}",
        keywords=["NHS", "board paper", "system leadership", "syslead-core", stance],
        invariant=1,
        initialFontName=FAMILY,
    )
    story = [Paragraph(decision.framing.title, make_styles().title)]
    info = PageInfo(
        decision.framing.title,
        decision.board_paper.agenda_item,
        fingerprint,
        decision.status == "draft",
        record,
        decision.updated,
    )
    doc.build(story, canvasmaker=canvas_maker(info))
    return buffer.getvalue()


def make_library(root: Path, count: int, seed: int = 15) -> None:
    from syslead_desktop.domain.lifecycle import StatusRequest, change_status
    from syslead_desktop.services.decision_file import load_decision
    from syslead_desktop.services.register import Library
    from syslead_desktop.services.rulebook_file import load_rulebook
    from syslead_desktop.services.workflow import assess_decision

    rng = random.Random(seed)
    example = load_decision(ROOT / "examples" / "scanning-capacity.syslead.yaml")
    assessed = assess_decision(example, load_rulebook())
    label, stance = assessed.assessment.stance_label, assessed.assessment.stance
    library = Library(root)
    start = dt.date(2019, 1, 10)
    for n in range(count):
        d = assessed.decision.model_copy(deep=True)
        d.id = f"{rng.getrandbits(128):032x}"
        words = rng.sample(WORDS, 6)
        d.framing.title = f"{words[0].capitalize()} {words[1]} with the system ({n})"
        d.framing.description = " ".join(rng.sample(WORDS, 12)) + f" item{n}."
        d.framing.partners = rng.sample(PARTNERS, 2)
        meeting = start + dt.timedelta(days=rng.randrange(0, 8 * 365))
        d.board_paper.meeting_date = meeting
        d.board_paper.agenda_item = f"PUB{meeting:%y/%m}/{rng.randrange(1, 9)}.{n % 9 + 1}"
        d.framing.review_date = meeting + dt.timedelta(days=rng.randrange(60, 900))
        d.updated = meeting - dt.timedelta(days=7)
        d = change_status(d, StatusRequest(to="submitted", on=d.updated, by="bench"))
        if rng.random() < 0.7:
            d = change_status(
                d,
                StatusRequest(
                    to="decided",
                    on=meeting,
                    outcome="approved",
                    by="bench",
                    minute_reference=f"BD/{meeting:%y}/{n:03d}",
                ),
            )
        library.file_data(make_paper(d, label, stance), Path(f"bench-{n}.pdf"), by="bench")


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 2)


VIEW_SCRIPT = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from syslead_desktop.services.register import Library
from syslead_desktop.ui.register_view import RegisterModel, RegisterView
started = time.perf_counter()
model = RegisterModel(Library(sys.argv[1]))
view = RegisterView(model)
view.show()
model.load()
while model.loading:
    app.processEvents()
print(time.perf_counter() - started, model.rowCount())
"""


def bench_view(root: Path, env: dict[str, str]) -> dict[str, Any] | None:
    """The register view, offscreen, in a fresh process (None when there is no view)."""
    try:
        import syslead_desktop.ui.register_view  # noqa: F401
    except ImportError:
        return None
    times = []
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", VIEW_SCRIPT, str(root)],
            capture_output=True,
            text=True,
            env={**env, "QT_QPA_PLATFORM": "offscreen"},
            timeout=300,
            check=False,
        )
        if run.returncode != 0:
            raise RuntimeError(f"register view benchmark failed: {run.stderr[-2000:]}")
        seconds, rows = run.stdout.split()
        times.append(float(seconds))
    return {"view_s": round(statistics.median(times), 3), "rows": int(rows)}


def run(count: int, searches: int) -> dict[str, Any]:
    from syslead_desktop.services.register import Library, RegisterIndex

    with tempfile.TemporaryDirectory(prefix="syslead-register-bench-") as scratch:
        work = Path(scratch)
        os.environ["SYSLEAD_USER_DIR"] = str(work / "user")
        root = work / "library"
        started = time.perf_counter()
        make_library(root, count)
        made_s = time.perf_counter() - started
        library = Library(root)
        index = RegisterIndex(library, path=work / "index.sqlite3")
        started, cpu = time.perf_counter(), time.process_time()
        report = index.rebuild()
        rebuild_s = time.perf_counter() - started
        rebuild_cpu_s = time.process_time() - cpu
        index.close()
        opens, open_cpus = [], []
        for _ in range(5):
            started, cpu = time.perf_counter(), time.process_time()
            with RegisterIndex.open(library, path=work / "index.sqlite3") as opened:
                rows = len(opened.entries())
            opens.append(time.perf_counter() - started)
            open_cpus.append(time.process_time() - cpu)
        rng = random.Random(1)
        times = []
        with RegisterIndex.open(library, path=work / "index.sqlite3") as opened:
            found = []
            for word in [rng.choice(WORDS) for _ in range(searches)]:
                started = time.perf_counter()
                found.append(len(opened.search_ids(word)))  # what the register view asks
                times.append(time.perf_counter() - started)
            started = time.perf_counter()
            listed = len(opened.entries(text=rng.choice(WORDS)))  # ``register search``
            search_entries_s = time.perf_counter() - started
            reference = opened.entries(text=f"item{count // 2}")
        figures: dict[str, Any] = {
            "papers": report.papers,
            "decisions": report.decisions,
            "library_mib": round(sum(p.stat().st_size for p in library.papers()) / 2**20, 1),
            "make_s": round(made_s, 1),
            "rebuild_s": round(rebuild_s, 2),
            "rebuild_cpu_s": round(rebuild_cpu_s, 2),
            "open_cpu_s": round(statistics.median(open_cpus), 3),
            "load_average": round(os.getloadavg()[0], 2),
            "open_s": round(statistics.median(opens), 3),
            "entries": rows,
            "search_ms": _median_ms(times),
            "search_max_ms": round(max(times) * 1000, 2),
            "searches": len(times),
            "search_hits_median": int(statistics.median(found)),
            "search_with_entries_ms": round(search_entries_s * 1000, 1),
            "search_with_entries_hits": listed,
            "found_by_unique_word": len(reference) == 1,
        }
        view = bench_view(root, dict(os.environ))
        if view is not None:
            figures.update(view)
    figures["targets"] = TARGETS
    figures["met"] = {k: figures[k] <= v for k, v in TARGETS.items() if k in figures}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="register_bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000, help="papers in the library")
    parser.add_argument("--searches", type=int, default=200, help="searches to time")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    args = parser.parse_args(argv)
    figures = run(args.papers, args.searches)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(
        f"Register at scale: {figures['papers']} filed papers ({figures['library_mib']} MiB), "
        f"machine load {figures['load_average']} on {os.cpu_count()} cores"
    )
    rows = [
        (
            "index rebuilt from the files",
            f"{figures['rebuild_s']} s (CPU {figures['rebuild_cpu_s']} s)",
            "< 60 s",
        ),
        (
            "index opened, all entries loaded",
            f"{figures['open_s']} s (CPU {figures['open_cpu_s']} s)",
            "< 1 s",
        ),
        (
            "search, median of {searches} ({search_hits_median} hits)".format(**figures),
            f"{figures['search_ms']} ms",
            "< 100 ms",
        ),
    ]
    if "view_s" in figures:
        rows.append(("register view open, every row in", f"{figures['view_s']} s", "< 1 s"))
    for what, value, target in rows:
        print(f"  {what:<36} {value:>10}   target {target}")
    for key, met in figures["met"].items():
        if not met:
            print(f"*** register: {key} missed its target ***", file=sys.stderr)
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
