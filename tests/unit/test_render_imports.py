"""``syslead render`` of a Latin paper loads only what that paper needs.

The render benchmark (docs/benchmarks.md) is mostly imports: a module that one command
needs, imported at the top of a module every command loads, quietly adds its cost to
every render. This test renders the worked example in a fresh process and names what
must not have been imported for it: the GUI, the register and its exports, the review
paper, the debrief, the verifier of papers and of rulebooks, and the right-to-left
algorithm (only text in a right-to-left script needs it). It checks which modules were
loaded, never how long anything took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scanning-capacity.syslead.yaml"

#: Never loaded by rendering a board paper in Latin script.
NOT_FOR_A_RENDER = [
    "PySide6",
    "shiboken6",
    "openpyxl",  # the register's XLSX exports
    "sqlite3",  # the register's index
    "pypdf",  # reading papers back (verify, the register)
    "pikepdf",
    "fontTools",
    "bidi",  # the bidirectional algorithm: right-to-left text only (shaping.py)
    "syslead_desktop.ui",
    "syslead_desktop.services.register",
    "syslead_desktop.services.review",
    "syslead_desktop.services.pdf.review_paper",
    "syslead_desktop.services.pdf.debrief",
    "syslead_desktop.services.pdf.paper_check",
    "syslead_desktop.services.pdf.archive",
    "syslead_desktop.services.compare",
    "syslead_desktop.engine.verify",  # rules check: its pass is remembered after the first
    "syslead_desktop.engine.verify_report",  # and so is its report's
]

PROBE_ONE = """
import json, sys
from syslead_desktop import cli
code = cli.main(["render", sys.argv[1], "-o", sys.argv[2], "--force", "--quiet"])
assert code == 0, code
print("MODULES " + json.dumps(sorted(sys.modules)))
from syslead_desktop.services.pdf import fonts, shaping
print("WORK " + json.dumps({
    "tiers": [t for t in fonts.TIERS if t in fonts.parsed_tiers()],
    "rtl_compiled": shaping._rtl.cache_info().currsize,
}))
"""


def modules_of_a_render(tmp_path: Path) -> set[str]:
    env = {**os.environ, "SYSLEAD_USER_DIR": str(tmp_path / "user")}
    out = tmp_path / "paper.pdf"
    # Once to remember the rulebook's pass (as any user's second render does), then the
    # render that is checked, in a process of its own.
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", PROBE_ONE, str(EXAMPLE), str(out)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    work = next(x for x in done.stdout.splitlines() if x.startswith("WORK "))
    modules_of_a_render.work = json.loads(work.removeprefix("WORK "))  # type: ignore[attr-defined]
    return set(json.loads(line.removeprefix("MODULES ")))


def test_a_latin_render_loads_nothing_it_does_not_need(tmp_path: Path) -> None:
    modules = modules_of_a_render(tmp_path)
    assert "syslead_desktop.services.pdf.render" in modules, "the probe rendered nothing"
    loaded = [
        name
        for name in NOT_FOR_A_RENDER
        if any(m == name or m.startswith(name + ".") for m in modules)
    ]
    assert loaded == [], f"a render of a Latin paper imported {loaded}"


def test_a_latin_render_parses_only_the_smallest_faces(tmp_path: Path) -> None:
    """Nor does it do work only other text needs: it parses the two faces of the western
    tier only (not the bigger latin, europe or full ones: fonts.py) and never compiles the
    right-to-left characters' pattern (shaping._rtl)."""
    modules_of_a_render(tmp_path)
    work = modules_of_a_render.work  # type: ignore[attr-defined]
    assert work == {"tiers": ["western"], "rtl_compiled": 0}, work
