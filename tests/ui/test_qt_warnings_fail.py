"""Every GUI test fails on a Qt warning, except the notices the offscreen platform
gives (pyproject.toml's qt_log_ignore: the list is meant to stay this short)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
OPTIONS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
    "ini_options"
]

INNER = """
import pytest
from PySide6.QtCore import qWarning


def test_warns(qtbot):
    qWarning("QWidget::setWindowModified: The window title does not contain a '[*]' placeholder")


def test_offscreen_notice(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")
"""


def test_the_suite_fails_on_qt_warnings() -> None:
    assert OPTIONS["qt_log_level_fail"] == "WARNING"
    assert OPTIONS["qt_log_ignore"] == [
        "^This plugin does not support "
        "(propagateSizeHints\\(\\)|raise\\(\\)|grabbing the keyboard)$"
    ]


def test_a_qt_warning_fails_a_test_and_only_the_offscreen_notice_is_ignored(
    pytester: pytest.Pytester,
) -> None:
    ignore = "\n".join(f"    {pattern}" for pattern in OPTIONS["qt_log_ignore"])
    pytester.makeini(
        "[pytest]\nqt_api = pyside6\n"
        f"qt_log_level_fail = {OPTIONS['qt_log_level_fail']}\nqt_log_ignore =\n{ignore}\n"
    )
    pytester.makepyfile(INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*Failure: Qt messages with level WARNING or above emitted*", "FAILED *::test_warns*"]
    )
