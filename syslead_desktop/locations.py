"""Where the shipped rules/, resources/ and practice scenarios live: the source tree or
the PyInstaller bundle.

Kept free of heavy imports, because the window asks for its icon before anything else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_RULEBOOK_NAME = "syslead-core.yaml"


def app_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[1]


def rules_dir() -> Path:
    override = os.environ.get("SYSLEAD_RULES_DIR")
    return Path(override) if override else app_root() / "rules"


def resources_dir() -> Path:
    return app_root() / "resources"


def practice_dir() -> Path:
    """The shipped practice scenarios (examples/practice/ in the source tree and bundle)."""
    return app_root() / "examples" / "practice"


def default_rulebook_path() -> Path:
    return rules_dir() / DEFAULT_RULEBOOK_NAME
