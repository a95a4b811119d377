"""Decision files: validation, one-line errors, atomic round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.errors import FileFormatError, SysLeadError
from syslead_desktop.services.decision_file import load_decision, save_decision


def test_round_trip_gives_an_identical_model(example_path: Path, tmp_path: Path) -> None:
    original = load_decision(example_path)
    target = tmp_path / "copy.syslead.yaml"
    save_decision(target, original)
    assert load_decision(target) == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_hostile_text_round_trips(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    decision.framing.title = "A < B & C <b>not bold</b> Zoë Łukasz Ngũgĩ Ἀθῆναι Привет £ € – ✓ 🙂"
    decision.framing.description = "x" * 100_000 + "\n\nnew: paragraph\n- not: yaml"
    target = tmp_path / "hostile.syslead.yaml"
    save_decision(target, decision)
    assert load_decision(target) == decision


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "schema_version: 1\nrulebook: {id: syslead-core, version: '1'}\nsurprise: 1\n",
            "surprise",
        ),
        (
            "schema_version: 1\nrulebook: {id: syslead-core, version: '1'}\nanswers: {q: [1]}\n",
            "answers.q",
        ),
        ("schema_version: 9\nrulebook: {id: syslead-core, version: '1'}\n", "schema_version"),
        ("schema_version: 1\nrulebook: {id: syslead-core, version: '1'}\nstatus: done\n", "status"),
        ("schema_version: 1\n", "rulebook"),
    ],
)
def test_bad_files_name_the_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "bad.syslead.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        load_decision(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message and field in message


def test_not_yaml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(SysLeadError) as info:
        load_decision(path)
    assert "\n" not in str(info.value) and "not valid YAML" in str(info.value)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo owned']\n", encoding="utf-8")
    with pytest.raises(SysLeadError):
        load_decision(path)


def test_two_new_decisions_never_share_their_defaults() -> None:
    """The models give empty lists, dicts and sections as plain defaults (cheaper to build
    than factories); pydantic copies them for each decision, which this relies on."""
    from syslead_desktop.domain.decision import Decision

    first = Decision(rulebook={"id": "syslead-core", "version": "1"})  # type: ignore[arg-type]
    second = Decision(rulebook={"id": "syslead-core", "version": "1"})  # type: ignore[arg-type]
    first.framing.partners.append("Northbridge ICB")
    first.answers["q"] = "o"
    first.notes["framing"] = "n"
    first.board_paper.author.name = "A. Author"
    first.board_paper.baf_risks.append("BAF 1")
    assert second.framing.partners == [] and second.answers == {} and second.notes == {}
    assert second.board_paper.author.name == "" and second.board_paper.baf_risks == []
