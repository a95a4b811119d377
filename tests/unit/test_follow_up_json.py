"""The ``--json`` contract of ``syslead actions`` and ``syslead review`` is what docs/cli.md
says it is: every key its tables name is in the output, and the output has no key they do
not name (one level down too, where a row lists an object's keys)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.cli import main
from tests.conftest import EXAMPLES
from tests.register_support import followed_up, render_to

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def documented(heading: str) -> dict[str, set[str]]:
    """The table under ``heading``: each key it names, with the keys its meaning lists
    (backticked words outside brackets) where the row names one key."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    section = re.split(r"\n##+ ", section, maxsplit=1)[0]
    keys: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("key", "---"):
            continue
        names = re.findall(r"`([a-z_]+)`", cells[0])
        outside = re.sub(r"\([^()]*\)", "", cells[2])
        inner = set(re.findall(r"`([a-z_]+)`", outside)) if len(names) == 1 else set()
        for name in names:
            keys[name] = inner
    assert keys, f"no table under {heading!r}"
    return keys


def check(data: dict[str, Any], table: dict[str, set[str]], where: str) -> None:
    assert set(data) == set(table), where
    for key, inner in table.items():
        value = data[key]
        sample = value[0] if isinstance(value, list) and value else value
        if inner and isinstance(sample, dict):
            assert set(sample) == inner, f"{where}: {key}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_actions_list_json_is_as_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "register"
    paper = render_to(
        followed_up("Offer weekend MRI capacity", "PUB26/12/4.2", "BD/26/141"), tmp_path / "p.pdf"
    )
    run(capsys, "register", "file", str(paper), "--library", str(library))
    listed = run(capsys, "actions", "list", "--all", "--library", str(library))
    assert set(listed) == {"schema_version", "library", "today", "count", "actions"}
    table = documented("### `syslead actions list --json`")
    with_update = [a for a in listed["actions"] if a["latest_update"]]
    assert with_update, "the sample checks a latest update's keys too"
    for action in [*listed["actions"][:1], with_update[0]]:
        check(action, table, "actions list")
    section = DOC.read_text(encoding="utf-8").split("### `syslead actions list --json`", 1)[1]
    said = re.search(r"filters \(`(\{[^`]*\})`\)", section)
    assert said is not None, "the export's shape is written out"
    out = tmp_path / "schedule.csv"
    exported = run(capsys, "actions", "export", "--csv", str(out), "--library", str(library))
    assert set(exported) == set(re.findall(r'"([a-z_]+)"', said.group(1)))
    assert exported["count"] == len(
        run(capsys, "actions", "list", "--library", str(library))["actions"]
    )


def test_review_json_is_as_documented(capsys: pytest.CaptureFixture[str]) -> None:
    report = run(capsys, "review", str(EXAMPLES / "scanning-capacity-review.syslead.yaml"))
    table = documented("`--json` (version 1 of the shape):")
    table["schema_version"] = set()
    check(report, table, "review")
    check(report["factors"][0]["answers"][0], documented_answers(), "review factors answers")


def documented_answers() -> dict[str, set[str]]:
    """A factor's ``answers`` (listed in brackets in the factors row)."""
    text = DOC.read_text(encoding="utf-8").split("## The review paper: `review`", 1)[1]
    row = next(line for line in text.splitlines() if line.startswith("| `factors` |"))
    inside = row.split("`answers` (", 1)[1].split(")", 1)[0]
    return {key: set() for key in re.findall(r"`([a-z_]+)`", inside)}


def inline_keys(heading: str) -> set[str]:
    """The keys of the JSON shape written out under ``heading`` (``{"file", "id": …}``)."""
    section = DOC.read_text(encoding="utf-8").split(heading, 1)[1]
    section = re.split(r"\n##+ ", section, maxsplit=1)[0]
    shape = section[section.index('{"schema_version"') :].split("}\n", 1)[0] + "}"
    return set(re.findall(r'"([a-z_]+)"\s*[:,}]', shape))


def test_actions_show_and_update_json_are_as_documented(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from syslead_desktop.domain.actions import Action

    path = tmp_path / "d.syslead.yaml"
    path.write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    shown = run(capsys, "actions", "show", str(path))
    assert set(shown) == inline_keys("### `syslead actions show FILE --json`")
    in_the_file = {*Action.model_fields, "overdue"}  # "as in the decision file, with overdue"
    assert all(set(a) == in_the_file for a in shown["actions"])
    first = shown["actions"][0]["id"]
    changed = run(capsys, "actions", "update", str(path), first, "--owner", "Dame Ann Lowe")
    assert set(changed) == inline_keys("### `syslead actions update FILE ACTION …`")
    assert set(changed["action"]) == in_the_file and changed["filed"] is None
