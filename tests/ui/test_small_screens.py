"""A 1366×768 laptop at 200% (common in NHS trusts), and a 1366×768 projector in
presentation mode: each page laid out to fit, on a real (offscreen) screen of that size in
a process of its own (tests/ui/probe_screen.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .processes import laptop_env, run_python

pytestmark = pytest.mark.gui

PROBE = Path(__file__).with_name("probe_screen.py")


def probe(tmp_path: Path, scale: int, *args: str) -> dict[str, Any]:
    done = run_python(laptop_env(tmp_path, scale), str(PROBE), *args)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def problems(report: dict[str, Any]) -> list[str]:
    return [f"{step}: {p}" for step, page in report["pages"].items() for p in page["problems"]]


def test_a_1366x768_laptop_at_200_percent(tmp_path: Path) -> None:
    """The step list clipped '3. Agreed success definition' to '3. Agreed' and '8. Review
    the assessment' to '8. Review the', and the board-paper form showed about one and a
    half fields at a time."""
    report = probe(tmp_path, 2)
    assert report["screen"] == [683, 384, 2.0], "the screen was not configured"
    assert report["fits_screen"], report["window"]
    assert not problems(report), "\n".join(problems(report))
    assert report["pages"]["finish"]["fields_in_view"] >= 4


def test_presentation_mode_on_a_1366x768_projector(tmp_path: Path) -> None:
    """F11 went full screen but the text stayed 9 pt: the window font grew, and the style
    sheet stopped it reaching the labels. Every text grows, and every page still fits."""
    report = probe(tmp_path, 1, "--presentation")
    assert report["screen"][:2] == [1366, 768]
    assert report["fits_screen"], report["window"]
    assert not problems(report), "\n".join(problems(report))
    for step, page in report["pages"].items():
        assert page["smallest_pt"] >= report["base_pt"] * 1.3, f"{step}: {page['smallest_pt']}"


def test_a_short_page_says_briefly_why_it_cannot_go_on(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """At 200% on a laptop the names of the unanswered questions took four bold lines
    from a page about fifteen lines high; a short page keeps them in the tooltip."""
    from PySide6.QtWidgets import QApplication

    window.wizard.next()
    page = window.wizard.currentPage()
    full = page.full_reason
    assert "“" in full, "the reason names the questions"
    window.resize(700, 300)
    qtbot.waitUntil(lambda: page.reason.text() != full)
    assert page.reason.text() == full.split(": ", 1)[0] + "."
    assert page.reason.toolTip() == full
    window.resize(1000, 760)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: page.reason.text() == full)


def test_presentation_mode_on_a_laptop_at_200_percent_keeps_everything_on_screen(
    tmp_path: Path,
) -> None:
    """F11 on a 1366x768 laptop at 200% (683x384 points) made the text a third larger than
    the screen could hold: with a warning under the decision page, Back and Next fell off
    its bottom edge. Presentation mode enlarges the text only as far as the screen allows,
    and here that is not at all."""
    report = probe(tmp_path, 2, "--presentation")
    assert report["screen"] == [683, 384, 2.0], "the screen was not configured"
    assert report["fits_screen"], report["window"]
    assert not problems(report), "\n".join(problems(report))
    for step, page in report["pages"].items():
        assert page["smallest_pt"] < report["base_pt"] * 1.1, f"{step}: {page['smallest_pt']}"


@pytest.mark.parametrize(
    ("height", "line", "scale"),
    [(768, 17, 1.35), (1080, 17, 1.35), (384, 17, 1.0), (600, 17, 600 / (17 * 30)), (0, 0, 1.0)],
)
def test_presentation_text_grows_as_far_as_the_screen_allows(
    height: int, line: int, scale: float
) -> None:
    from syslead_desktop.ui.style import PRESENTATION_LINES, presentation_scale

    assert PRESENTATION_LINES == 30
    assert presentation_scale(height, line) == pytest.approx(scale)
