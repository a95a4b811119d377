"""Reading a versioned file: parse, move it up the migration chain in memory, validate.

The file on disk is never rewritten here; it is written in the current format only when
the user saves it. A file from a newer SysLead is refused in one line naming the file,
the line of its ``schema_version`` and what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ..domain.migrations import Chain, FormatVersionError
from ..errors import FileFormatError
from .files import read_text
from .yaml_io import LocatedYaml, parse_yaml, validate

M = TypeVar("M", bound=BaseModel)


def upgraded(located: LocatedYaml, chain: Chain, path: Path | str) -> tuple[LocatedYaml, int]:
    """The data moved to the chain's current version, and the version the file was in.

    Line numbers stay those of the file as written, so an error in an upgraded file still
    points at the line to change."""
    if not isinstance(located.data, dict):
        return located, chain.current  # validation names the problem
    try:
        data, version = chain.upgrade(located.data)
    except FormatVersionError as exc:
        line = located.line_of(("schema_version",)) if "schema_version" in located.data else 1
        raise FileFormatError(path, "schema_version", str(exc), line) from None
    return LocatedYaml(data, located.lines), version


def load_versioned(
    model: type[M], chain: Chain, path: Path | str, text: str | None = None
) -> tuple[M, LocatedYaml, int]:
    """Read ``path`` (or ``text``, named ``path``) as ``model`` through ``chain``.

    Returns the model, the located data (as upgraded) and the version the file was in."""
    located = parse_yaml(read_text(path) if text is None else text, path)
    located, version = upgraded(located, chain, path)
    return validate(model, located, path), located, version
