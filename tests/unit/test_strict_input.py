"""No input silently changes a decision (issue #11, item 2).

Every bad input below is refused with one line naming the file, the line and the field,
through the API and through the command line (exit 2, never 3 "internal error")."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from syslead_desktop.cli import main as syslead_main
from syslead_desktop.errors import FileFormatError, SysLeadError
from syslead_desktop.services.decision_file import decision_from_text, load_decision
from syslead_desktop.services.files import MAX_READ_BYTES, read_text
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.settings import load_settings
from tests.conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)


def line_no(prefix: str) -> int:
    """The 1-based line of the example that starts with ``prefix``."""
    return next(i for i, line in enumerate(LINES, start=1) if line.startswith(prefix))


def after(prefix: str, inserted: str) -> str:
    """The example with ``inserted`` placed just after the line starting with ``prefix``."""
    number = line_no(prefix)
    return "".join([*LINES[:number], inserted, *LINES[number:]])


def replaced(prefix: str, line: str) -> str:
    number = line_no(prefix)
    return "".join([*LINES[: number - 1], line, *LINES[number:]])


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = syslead_main(list(args))
    return code, capsys.readouterr().err


# ---- duplicate keys ---------------------------------------------------------------------
DUPLICATES = {
    # a second framing: would have wiped the whole section
    "framing": (TEXT + "framing:\n  title: Replaced\n", "framing", "framing:"),
    # a repeated answer: would have changed the rule that fires
    "answer": (
        after("  chair_support:", "  chair_support: opposed\n"),
        "answers.chair_support",
        "  chair_support:",
    ),
    "in a flow mapping": (
        replaced("  author:", "  author: {name: A, role: B, name: C}\n"),
        "board_paper.author.name",
        "  author:",
    ),
}


@pytest.mark.parametrize("name", DUPLICATES)
def test_a_key_given_twice_is_refused_with_both_lines(name: str, tmp_path: Path) -> None:
    text, field, first = DUPLICATES[name]
    path = tmp_path / "dup.syslead.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as raised:
        load_decision(path)
    error = raised.value
    assert error.field == field and "given twice" in error.message
    assert f"first on line {line_no(first)}" in error.message
    assert error.line is not None and str(path) in str(error) and "\n" not in str(error)


def test_a_duplicated_rating_in_a_rulebook_is_refused(tmp_path: Path) -> None:
    """A second ``rating:`` in a rule would have turned a Weak rule into a Strong one."""
    text = load_rulebook().path.read_text(encoding="utf-8")
    first = text.index("        rating: weak\n")
    end = first + len("        rating: weak\n")
    bad = tmp_path / "rules.yaml"
    bad.write_text(text[:end] + "        rating: strong\n" + text[end:], encoding="utf-8")
    with pytest.raises(FileFormatError) as raised:
        load_rulebook(bad)
    line = text[:first].count("\n") + 1
    assert raised.value.line == line + 1 and f"first on line {line}" in raised.value.message
    assert raised.value.field.endswith(".rating") and raised.value.path == bad


def test_a_duplicate_key_in_settings_resets_them_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(
        "schema_version: 1\nrulebook_path: /a.yaml\npresentation_mode: false\n"
        "rulebook_path: /b.yaml\n",
        encoding="utf-8",
    )
    settings, warning = load_settings(path)
    assert settings.rulebook_path is None
    assert warning is not None and f"{path}:4: rulebook_path: given twice" in warning


# ---- values that used to be an internal error or slip through ----------------------------
BAD_VALUES = {
    "impossible date": (
        replaced("created:", "created: 2026-02-30\n"),
        "created",
        "not a real date",
    ),
    "impossible date in a list": (
        replaced("  review_date: 2027", "  review_date: 2027-13-01\n"),
        "framing.review_date",
        "not a real date",
    ),
    "huge integer": (
        replaced("schema_version:", "schema_version: 1" + "9" * 5000 + "\n"),
        "schema_version",
        "too long",
    ),
    "list as a key": (after("answers:", "  ? [a, b]\n  : x\n"), "answers", "not a list"),
    "mapping as a key": (after("answers:", "  ? {a: b}\n  : x\n"), "answers", "not a mapping"),
    "schema_version missing": (
        replaced("schema_version:", "\n"),
        "schema_version",
        "required but missing",
    ),
    "schema_version a float": (
        replaced("schema_version:", "schema_version: 1.0\n"),
        "schema_version",
        "whole number",
    ),
    "schema_version a string": (
        replaced("schema_version:", "schema_version: '1'\n"),
        "schema_version",
        "whole number",
    ),
    "BEL escaped in a title": (
        replaced("  title:", '  title: "Offer\\a MRI"\n'),
        "framing.title",
        "U+0007 BEL",
    ),
    "NUL escaped in a note": (
        replaced("  success:", '  success: "agreed\\0 "\n'),
        "notes.success",
        "U+0000 NUL",
    ),
    "BEL in a key": (after("answers:", '  "chair\\a": x\n'), "answers", "U+0007 BEL"),
}


@pytest.mark.parametrize("name", BAD_VALUES)
def test_bad_values_are_one_line_with_file_line_and_field(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, field, words = BAD_VALUES[name]
    path = tmp_path / "bad.syslead.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as raised:
        load_decision(path)
    error = raised.value
    assert error.field == field, str(error)
    assert words in error.message and error.line is not None
    assert "\n" not in str(error) and len(str(error)) < 300
    code, err = cli(capsys, "assess", str(path))
    assert code == 2, err
    assert err.count("\n") == 1 and f"{path}:{error.line}: {field}:" in err


def test_a_raw_control_character_names_its_line(tmp_path: Path) -> None:
    for char, name in (("\x00", "NUL"), ("\x07", "BEL")):
        text = replaced("  title:", f"  title: Offer{char} MRI\n")
        with pytest.raises(FileFormatError) as raised:
            decision_from_text(text, "raw.syslead.yaml")
        assert raised.value.line == line_no("  title:") and name in raised.value.message
        assert "\n" not in str(raised.value)


def test_ordinary_text_is_still_accepted() -> None:
    text = replaced("  title:", '  title: "Tabs\\tand lines\\nand £ € – ✓ are fine"\n')
    assert decision_from_text(text).framing.title == "Tabs\tand lines\nand £ € – ✓ are fine"


# ---- files that are not files ------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")
def test_a_fifo_a_device_and_a_folder_are_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo.syslead.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for ever for a writer
    cases = {fifo: "named pipe", Path("/dev/zero"): "device", tmp_path: "folder"}
    for path, kind in cases.items():
        with pytest.raises(SysLeadError, match=f"is a {kind}, not a regular file"):
            load_decision(path)
        code, err = cli(capsys, "assess", str(path))
        assert code == 2 and kind in err and err.count("\n") == 1
        code, err = cli(
            capsys, "render", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--rulebook", str(path)
        )
        assert code == 2 and kind in err
        code, err = cli(capsys, "verify", str(path))
        assert code == 2 and kind in err


def test_reads_are_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.syslead.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_READ_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(SysLeadError, match="too large"):
        read_text(big)
    with pytest.raises(SysLeadError, match="too large"):
        load_decision(big)
    small = tmp_path / "small.yaml"
    small.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(SysLeadError, match=re.escape("over 99 bytes")):
        read_text(small, limit=99)


# ---- answers and notes the rulebook does not know -----------------------------------------
def test_notes_under_an_unknown_factor_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """They used to vanish from the paper without a word."""
    path = tmp_path / "notes.syslead.yaml"
    path.write_text(after("notes:", "  stabilty: Typo'd factor id.\n"), encoding="utf-8")
    for command in ("assess", "render"):
        extra = ["-o", str(tmp_path / "paper.pdf")] if command == "render" else []
        code, err = cli(capsys, command, str(path), *extra)
        assert code == 2 and err.count("\n") == 1
        assert (
            f"{path}:{line_no('notes:') + 1}: notes.stabilty: notes under an unknown factor" in err
        )
    assert not (tmp_path / "paper.pdf").exists()
    decision = load_decision(path)
    from syslead_desktop.services.decision_file import reconcile

    loaded = load_rulebook()
    fitted = reconcile(decision, loaded.rulebook, loaded.hash)
    assert "stabilty" not in fitted.decision.notes  # the GUI says so rather than hide it
    assert any("stabilty" in line and "Typo'd factor id." in line for line in fitted.dropped)


def test_an_option_not_in_the_scale_is_unknown_not_unanswered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "option.syslead.yaml"
    path.write_text(replaced("  chair_support:", "  chair_support: supportve\n"), encoding="utf-8")
    code, err = cli(capsys, "assess", str(path))
    assert code == 2 and "unanswered" not in err
    line = line_no("  chair_support:")
    assert (
        f"{path}:{line}: answers.chair_support: unknown option 'supportve' (the options are:" in err
    )


def test_an_unknown_question_of_the_same_rulebook_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "question.syslead.yaml"
    path.write_text(after("answers:", "  chair_suport: supportive\n"), encoding="utf-8")
    code, err = cli(capsys, "assess", str(path))
    assert code == 2
    assert f"{path}:{line_no('answers:') + 1}: answers.chair_suport: unknown question" in err
