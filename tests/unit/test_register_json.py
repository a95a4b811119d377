"""The ``--json`` contract of ``syslead register``, ``status`` and ``profile`` is what
docs/cli.md says it is: every key it names is in the output and the output has no key it
does not name, so a script a board secretary relies on cannot break unseen."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.cli import main
from syslead_desktop.services.trust_profile import save_profile
from tests.register_support import MEETING, render_to, variant

from .test_follow_up_json import DOC, documented
from .test_trust_profile import profile


def run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.split(r"\n##+ ", text.split(heading, 1)[1], maxsplit=1)[0]


def keys_in_braces(text: str) -> set[str]:
    """The keys of a JSON example: every ``"key":`` and every bare ``"key"`` in ``{…}``."""
    return set(re.findall(r'(?<!: )"([a-z0-9_]+)"\s*[:,}]', text))


def listed_after(text: str, key: str) -> set[str]:
    """The backticked keys listed in the brackets after `key` in a paragraph."""
    found = re.search(rf"`{key}` \(([^()]*(?:\([^()]*\)[^()]*)*)\)", text, re.S)
    assert found, key
    inner = re.sub(r"\([^()]*\)", "", found.group(1))
    return set(re.findall(r"`([a-z0-9_]+)`", inner.split(":", 1)[-1]))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "register"
    old = variant("Share a collective staff bank", word="rostering")
    new = variant("Share a collective staff bank: revised", supersedes=old.id)
    for n, decision in enumerate([old, new]):
        paper = render_to(decision, tmp_path / f"p{n}.pdf")
        assert main(["register", "file", str(paper), "--library", str(folder)]) == 0
    return folder


def test_register_json_is_as_documented(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    entry = documented("### A register entry (`ENTRY`)")
    listed = run(capsys, "register", "list", "--library", str(library))
    assert set(listed) == {"schema_version", "library", "count", "decisions"}
    for decision in listed["decisions"]:
        assert set(decision) == set(entry)
        assert set(decision["rulebook"]) == {"id", "version"}
    found = run(capsys, "register", "search", "rostering", "--library", str(library))
    assert set(found) == {"schema_version", "library", "query", "count", "decisions"}

    shown_doc = section("### `syslead register show ID --json`")
    shown = run(capsys, "register", "show", listed["decisions"][0]["id"], "--library", str(library))
    extra = {"schema_version", "description", "partners", "resolution", "history"}
    extra |= {"conditions", "papers", "chain"}
    assert set(shown) == set(entry) | extra
    for key in ("history", "papers", "chain"):
        assert shown[key], key
        assert set(shown[key][0]) == listed_after(shown_doc, key), key

    paper = render_to(variant("Accept flat cash", meeting=MEETING), tmp_path / "p3.pdf")
    filed_doc = section("### `syslead register file PAPER.pdf… --json`")
    filed = run(capsys, "register", "file", str(paper), "--library", str(library))
    assert set(filed) == {"library", "filed"}
    assert set(filed["filed"][0]) == keys_in_braces(filed_doc) - {"library", "filed"}

    status_doc = section("### `syslead status FILE --set STATUS … --json`")
    changed = run(
        capsys,
        "status",
        filed["filed"][0]["id"][:8],
        "--set",
        "decided",
        "--outcome",
        "approved",
        "--date",
        (MEETING + dt.timedelta(days=1)).isoformat(),
        "--library",
        str(library),
    )
    example = keys_in_braces(status_doc.split("```json", 1)[1].split("```")[0])
    change = {"status", "on", "by", "meeting", "note"}  # a history entry's keys
    assert change <= example
    assert set(changed) == example - (change - {"status"})
    assert set(changed["history"][0]) == change
    assert set(changed["filed"]) == set(filed["filed"][0])


def test_profile_json_is_as_documented(capsys: pytest.CaptureFixture[str]) -> None:
    doc = section("### `syslead profile show --json`, `set …`, `import FILE`, `export FILE`")
    example = doc.split("```json", 1)[1].split("```")[0]
    nothing = run(capsys, "profile", "show")
    assert set(nothing) == {"path", "profile"} and nothing["profile"] is None
    save_profile(profile())
    shown = run(capsys, "profile", "show")
    assert set(shown) == {"path", "profile"}
    wanted = keys_in_braces(example) - {"path", "profile", "media_type", "bytes", "code"}
    assert set(shown["profile"]) == wanted
    assert set(shown["profile"]["logo"]) == {"media_type", "bytes"}
    assert set(shown["profile"]["boards"][0]) == {"name", "code"}
    changed = run(capsys, "profile", "set", "--short-name", "WVH")
    assert set(changed) == set(shown) and set(changed["profile"]) == wanted
