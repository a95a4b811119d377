"""A rulebook is verified on every use (issue #11, item 3).

Four rulebooks that fail ``syslead rules check`` used to render papers with exit 0.
Now every command that uses a rulebook refuses them, naming the rulebook's file and
line; passes are cached by content hash, so only the first use pays for the check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.cli import main as syslead_main
from syslead_desktop.engine import verify as verify_module
from syslead_desktop.services import rulebooks
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.rulebooks import (
    RulebookFailsError,
    ensure_verified,
    load_verified_rulebook,
)
from tests.conftest import EXAMPLE

from .test_verify_support import shipped, write


def _gap(data: dict[str, Any]) -> None:
    for factor in data["factors"]:
        for j, rule in enumerate(factor["rules"]):
            if rule.get("otherwise"):
                del factor["rules"][j]
                return


def _conflict(data: dict[str, Any]) -> None:
    factor = data["factors"][0]
    original = next(r for r in factor["rules"] if "when" in r)
    other = next(r["id"] for r in data["ratings"] if r["id"] != original["rating"])
    factor["rules"].append({**original, "id": "R-TEST-CLASH", "rating": other})


def _downward(data: dict[str, Any]) -> None:
    factor = data["factors"][0]
    question = next(q for q in factor["questions"] if q.get("ordered", True))
    ratings = [r["id"] for r in data["ratings"]]
    factor["rules"] = [
        {
            "id": "R-TEST-DOWN",
            "when": {"question": question["id"], "is": question["options"][0]["id"]},
            "rating": ratings[-1],
            "reason": "Rates the least supportive answer best.",
        },
        {"id": "R-TEST-REST", "otherwise": True, "rating": ratings[0], "reason": "Else."},
    ]


def _unreachable(data: dict[str, Any]) -> None:
    data["stances"].insert(
        1, {"id": "test_never", "label": "Never", "summary": "s", "board_ask": "note it"}
    )


def _undeclared_locator(data: dict[str, Any]) -> None:
    """A citation to a place its source does not list (#13)."""
    data["factors"][0]["cite"][0]["locator"] = "Discussion: defining success"


def _no_basis(data: dict[str, Any]) -> None:
    """A safeguard that neither cites evidence nor says it is design (#13)."""
    safeguard = next(s for s in data["safeguards"] if "design" in s)
    del safeguard["design"]


BROKEN = {
    "gap": _gap,
    "conflict": _conflict,
    "not monotone": _downward,
    "unreachable": _unreachable,
    "undeclared locator": _undeclared_locator,
    "no basis": _no_basis,
}


@pytest.fixture(autouse=True)
def _fresh_process_cache() -> None:
    rulebooks.forget_passes()


def broken_rulebook(tmp_path: Path, name: str) -> Path:
    data = shipped()
    BROKEN[name](data)
    return write(tmp_path, data, f"{name.replace(' ', '-')}.yaml")


@pytest.mark.parametrize("name", BROKEN)
def test_a_rulebook_failing_its_checks_is_refused_by_every_command(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = broken_rulebook(tmp_path, name)
    out = tmp_path / "paper.pdf"
    commands = [["render", str(EXAMPLE), "-o", str(out)], ["assess", str(EXAMPLE)]]
    if name == "gap":  # the same function serves every command: two more suffice once
        commands += [["compare", str(EXAMPLE), str(EXAMPLE)], ["questions"]]
    for command in commands:
        code = syslead_main([*command, "--rulebook", str(rules)])
        err = capsys.readouterr().err
        assert code == 2, (command, err)
        assert err.count("\n") == 1 and "fails its checks" in err
        # reported against the rulebook, at a line of it; never against the decision
        message = err.removeprefix("syslead: error: ")
        where = message.split(" (this rulebook")[0]
        assert where.startswith((f"{rules}:", f"{rules.name}:")), err
        assert where.removeprefix(f"{rules}:").split(":")[0].isdigit(), err
        assert str(EXAMPLE) not in where
    assert not out.exists()
    assert syslead_main(["rules", "check", str(rules)]) == 1  # the same verdict
    capsys.readouterr()


def test_the_first_error_names_the_rulebook_line(tmp_path: Path) -> None:
    rules = broken_rulebook(tmp_path, "conflict")
    with pytest.raises(RulebookFailsError) as raised:
        load_verified_rulebook(rules)
    text = str(raised.value)
    first = next(p for c in raised.value.report.checks for p in c.problems if p.severity == "error")
    assert first.line is not None and text.startswith(first.located[:60])
    assert "R-TEST-CLASH" in text and "\n" not in text


def _count_verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = verify_module.verify

    def counting(loaded: Any) -> Any:
        calls.append(loaded.hash)
        return real(loaded)

    monkeypatch.setattr(verify_module, "verify", counting)
    return calls


def test_passes_are_cached_by_content_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_verifications(monkeypatch)
    load_verified_rulebook()
    load_verified_rulebook()
    assert len(calls) == 1, "the second use in a process is not checked again"
    rulebooks.forget_passes()  # as a new process would start
    load_verified_rulebook()
    assert len(calls) == 1, "nor the first use in the next process"
    assert len(list(rulebooks.user_data_dir().glob("verified-rulebooks/*.ok"))) == 1

    copy = write(tmp_path, shipped(), "copy.yaml")  # the same content in another file
    rulebooks.forget_passes()
    load_verified_rulebook(copy)
    assert len(calls) == 1
    data = shipped()
    data["title"] += " (edited)"
    edited = write(tmp_path, data, "edited.yaml")
    load_verified_rulebook(edited)
    assert len(calls) == 2, "changed content is checked again"


def test_a_failure_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_verifications(monkeypatch)
    rules = broken_rulebook(tmp_path, "gap")
    for _ in range(2):
        with pytest.raises(RulebookFailsError):
            load_verified_rulebook(rules)
    assert len(calls) == 2
    write(tmp_path, shipped(), rules.name)  # fixed
    ensure_verified(load_rulebook(rules))
    assert len(calls) == 3


def test_the_cache_marker_holds_no_verdict_of_its_own(tmp_path: Path) -> None:
    """A marker for other content proves nothing: only the key of this content counts."""
    rules = broken_rulebook(tmp_path, "unreachable")
    folder = rulebooks.user_data_dir() / rulebooks.CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "0000000000000000000000000000000000000000.ok").write_text("x", encoding="utf-8")
    rulebooks.forget_passes()
    with pytest.raises(RulebookFailsError):
        load_verified_rulebook(rules)
