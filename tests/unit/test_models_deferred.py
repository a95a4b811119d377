"""SysLead's models are built when first used (``defer_build`` in domain/base.py and
domain/assessment.py), not when their module is imported: a render builds 27 of the 71,
the rest come inline with the model that holds them. These tests hold the two promises
that makes: every model still builds, and a model first used by several threads at once
(the GUI reads files in the background while the window validates its own) validates
each time exactly as it does alone."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from pydantic import BaseModel

import syslead_desktop.domain as domain_package
from tests.conftest import EXAMPLE


def _models() -> list[type[BaseModel]]:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(domain_package.__path__):
        importlib.import_module(f"syslead_desktop.domain.{info.name}")
    found: list[type[BaseModel]] = []
    todo = list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo += model.__subclasses__()
        if model.__module__.startswith("syslead_desktop.domain"):
            found.append(model)
    return found


def test_the_models_are_deferred_and_every_one_builds() -> None:
    models = _models()
    assert len(models) > 50
    for model in models:
        assert model.model_config.get("defer_build") is True, model
        model.model_rebuild()  # raises should a model be ill-formed
        assert model.__pydantic_complete__, model


_CHILD = textwrap.dedent(
    """
    import json, sys, threading
    from pathlib import Path
    from syslead_desktop.services.decision_file import decision_from_text
    from syslead_desktop.services.rulebooks import load_verified_rulebook

    text = Path(sys.argv[1]).read_text("utf-8")
    barrier = threading.Barrier(8)
    results, errors = [], []

    def first_use():
        barrier.wait()  # every thread asks for the unbuilt models at the same moment
        try:
            decision = decision_from_text(text)
            rulebook = load_verified_rulebook(None).rulebook
            results.append((decision.model_dump_json(), rulebook.model_dump_json()))
        except Exception as exc:  # reported to the test, which shows it
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"errors": errors, "same": len(set(results)) == 1, "n": len(results)}))
    """
)


def test_models_first_used_by_several_threads_at_once_validate_as_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A fresh interpreter each time, so that no model is built before the threads start.
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(EXAMPLE)],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "SYSLEAD_USER_DIR": str(tmp_path)},
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        assert report == {"errors": [], "same": True, "n": 8}, report
