"""A trust's own rulebook: chosen in the wizard, checked first, remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.services.settings import load_settings
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.pages import FactorPage

from .conftest import open_window

pytestmark = pytest.mark.gui


def adapted(tmp_path: Path, change: Any) -> Path:
    data = yaml.safe_load(load_rulebook().path.read_text(encoding="utf-8"))
    data["id"] = "wyvern-valley"
    change(data)
    path = tmp_path / "wyvern.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def add_question(data: dict[str, Any]) -> None:
    data["factors"][0]["questions"].append(
        {
            "id": "public_told",
            "text": "Has the public been told?",
            "required": False,
            "options": [{"id": "not_yet", "label": "Not yet"}, {"id": "told", "label": "Told"}],
        }
    )
    data["factors"][0]["rules"][0]["when"]["any"].append(
        {"question": "public_told", "is": "not_yet"}
    )
    # keep it monotone and complete: 'told' only ever helps
    data["factors"][0]["rules"][1]["when"]["all"].append({"question": "public_told", "is": "told"})


def test_switch_to_an_adapted_rulebook_keeps_answers(
    window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(example_path, confirmed=True)
    before = dict(window.doc.decision.answers)
    path = adapted(tmp_path, add_question)
    assert window.use_rulebook(path), answers.errors
    assert window.loaded.rulebook.id == "wyvern-valley"
    assert window.doc.decision.answers == before
    assert window.doc.decision.rulebook.id == "wyvern-valley"
    page = window.wizard.page_for(f"factor:{window.flow.rulebook.factors[0].id}")
    assert isinstance(page, FactorPage) and "public_told" in page.boxes
    assert any("wyvern-valley" in info for info in answers.infos)
    assert load_settings()[0].rulebook_path == str(path.resolve())
    window.use_standard_rulebook()
    assert window.loaded.rulebook.id == "syslead-core"
    assert load_settings()[0].rulebook_path is None


def test_a_rulebook_that_fails_its_checks_is_refused(
    window: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def break_it(data: dict[str, Any]) -> None:
        data["factors"][0]["rules"] = data["factors"][0]["rules"][:1]  # leaves gaps

    path = adapted(tmp_path, break_it)
    assert not window.use_rulebook(path)
    assert window.loaded.rulebook.id == "syslead-core"
    assert len(answers.errors) == 1
    message = answers.errors[0]
    broken = load_rulebook().rulebook.factors[0].id
    assert "does not pass its checks" in message and f"'{broken}'" in message
    assert f"syslead rules check {path}" in message and len(message) < 1000


def test_presentation_mode_is_remembered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    base = window.font().pointSizeF()
    window.presentation.trigger()
    assert window.font().pointSizeF() > base
    assert load_settings()[0].presentation_mode is True
    again = open_window(qtbot, new=False)
    assert again.presentation.isChecked()
    window.presentation.trigger()
    assert load_settings()[0].presentation_mode is False
