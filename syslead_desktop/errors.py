"""Errors that reach the user as one readable line, never as a traceback."""

from __future__ import annotations

from pathlib import Path


class SysLeadError(Exception):
    """Any failure that should be shown to the user as a single line."""


class FileFormatError(SysLeadError):
    """A file we read is not valid: names the file, the line (when known) and the field."""

    def __init__(self, path: Path | str, field: str, message: str, line: int | None = None):
        self.path = Path(path)
        self.field = field
        self.message = message
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        field_part = f"{field}: " if field else ""
        super().__init__(f"{where}: {field_part}{message}")
