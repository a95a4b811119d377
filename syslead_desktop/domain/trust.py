"""The trust profile: the organisation's identity, its boards and its agenda references.

A governance team sets it once and shares the file, so that every executive's papers
carry the same name and logo. Each new decision is stamped with the trust's identity
(:class:`TrustStamp`), so the record stands alone even after the profile changes.
"""

import base64
import binascii
import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import EditableModel, NonEmptyText

TRUST_PROFILE_SCHEMA_VERSION = 1
MAX_LOGO_BYTES = 1024 * 1024  # a logo is a few kilobytes; a megabyte is generous
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LogoType = Literal["image/png", "image/svg+xml"]

#: The placeholders an agenda-item pattern may use.
AGENDA_FIELDS = {
    "code": "the board's code, e.g. PUB",
    "yyyy": "the meeting's year, e.g. 2026",
    "yy": "the year's last two digits, e.g. 26",
    "mm": "the month, 01 to 12",
    "item": "the item's number on the agenda, e.g. 4.2",
}
_FIELD = re.compile(r"\{([a-z]+)\}")
ITEM = r"[0-9][0-9.]*[a-z]?"  # an item's number on the agenda: 4, 4.2, 4.2a


def _decoded(data: str, what: str) -> bytes:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{what} is not valid base64") from None


class Logo(EditableModel):
    """The logo, kept inside the file (base64) so the file can be shared on its own.

    A PNG is printed as it is. An SVG keeps its source and a PNG rendering of it
    (``png``), which the paper prints: SysLead's Preferences dialog makes it.
    """

    media_type: LogoType
    data: str = Field(description="The image file itself, base64-encoded.")
    png: str | None = Field(default=None, description="For an SVG: its PNG rendering.")

    @model_validator(mode="after")
    def _check_image(self) -> "Logo":
        raw = _decoded(self.data, "the logo")
        if len(raw) > MAX_LOGO_BYTES:
            raise ValueError(f"the logo is {len(raw) // 1024} KB; at most 1024 KB")
        if self.media_type == "image/png" and not raw.startswith(PNG_MAGIC):
            raise ValueError("the logo is said to be a PNG but is not one")
        if self.media_type == "image/svg+xml":
            head = raw[:4096].decode("utf-8", "replace")
            if "<svg" not in head:
                raise ValueError("the logo is said to be an SVG but is not one")
            if self.png is None:
                raise ValueError("an SVG logo needs its PNG rendering (set it in Preferences)")
        if self.png is not None:
            rendering = _decoded(self.png, "the logo's PNG rendering")
            if not rendering.startswith(PNG_MAGIC) or len(rendering) > MAX_LOGO_BYTES:
                raise ValueError("the logo's PNG rendering is not a PNG of at most 1024 KB")
        return self

    def printable(self) -> bytes:
        """The PNG the paper prints."""
        return base64.b64decode(self.png if self.png is not None else self.data)


class Board(EditableModel):
    """A board or committee that receives papers."""

    name: NonEmptyText
    code: str = Field(default="", description="Short code for agenda references, e.g. PUB.")


class TrustProfile(EditableModel):
    """The ``trust-profile.yaml`` file."""

    schema_version: Literal[1] = 1
    name: NonEmptyText = Field(description="e.g. Wyvern Valley Hospitals NHS Foundation Trust")
    short_name: str = Field(default="", description="e.g. Wyvern Valley; for running headers")
    logo: Logo | None = None
    boards: list[Board] = []
    agenda_item_pattern: str = Field(
        default="", description="e.g. {code}{yy}/{mm}/{item}, giving PUB26/03/4.2"
    )

    @field_validator("agenda_item_pattern")
    @classmethod
    def _known_fields(cls, pattern: str) -> str:
        unknown = sorted(set(_FIELD.findall(pattern)) - set(AGENDA_FIELDS))
        if unknown:
            names = ", ".join("{" + name + "}" for name in AGENDA_FIELDS)
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {names}")
        return pattern

    def stamp(self) -> "TrustStamp":
        return TrustStamp(name=self.name, short_name=self.short_name, logo=self.logo)

    def board(self, meeting: str) -> Board | None:
        """The board whose name ``meeting`` starts with (case does not matter)."""
        wanted = meeting.strip().casefold()
        matches = [b for b in self.boards if wanted.startswith(b.name.casefold())]
        return max(matches, key=lambda b: len(b.name), default=None)

    def agenda_item(self, meeting: str, date: dt.date, item: str) -> str:
        """The agenda reference the pattern gives, e.g. ``PUB26/03/4.2`` ("" if none)."""
        if not self.agenda_item_pattern:
            return ""
        board = self.board(meeting)
        values = {
            "code": board.code if board else "",
            "yyyy": f"{date:%Y}",
            "yy": f"{date:%y}",
            "mm": f"{date:%m}",
            "item": item,
        }
        return _FIELD.sub(lambda m: values[m.group(1)], self.agenda_item_pattern)

    def complete_agenda_item(self, text: str, meeting: str, date: dt.date | None) -> str:
        """A bare item number (``4.2``) made into the trust's whole reference for the
        meeting and its date (``PUB26/12/4.2``); anything else is left as it is."""
        bare = text.strip()
        if (
            date is None
            or "{item}" not in self.agenda_item_pattern
            or self.agenda_item_pattern == "{item}"
            or not re.fullmatch(ITEM, bare)
        ):
            return text
        return self.agenda_item(meeting, date, bare)

    def agenda_item_fits(self, reference: str) -> bool:
        """Whether ``reference`` has the pattern's shape (always, when there is none)."""
        if not self.agenda_item_pattern or not reference.strip():
            return True
        shapes = {
            "code": r"[A-Za-z]*",
            "yyyy": r"\d{4}",
            "yy": r"\d{2}",
            "mm": r"(0[1-9]|1[0-2])",
            "item": ITEM,
        }
        parts = _FIELD.split(self.agenda_item_pattern)
        regex = "".join(shapes[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))
        return re.fullmatch(regex, reference.strip()) is not None


class TrustStamp(EditableModel):
    """The trust's identity as stamped into a decision when it was made."""

    name: NonEmptyText
    short_name: str = ""
    logo: Logo | None = None

    @property
    def header_name(self) -> str:
        return self.short_name.strip() or self.name
