"""The trust profile file: read, saved, imported and exported.

The user's own copy is ``trust-profile.yaml`` in the per-user folder. A governance team
exports theirs (one small YAML file with the logo inside) and every executive imports
it, so that all the trust's papers carry the same identity.
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..domain.decision import Decision
from ..domain.migrations import TRUST_PROFILE_CHAIN
from ..domain.trust import Logo, LogoType, TrustProfile
from ..errors import SysLeadError
from .files import atomic_write_text, read_bytes
from .formats import load_versioned
from .paths import user_data_dir
from .yaml_io import dump_yaml

PROFILE_NAME = "trust-profile.yaml"
_HEADER = (
    "# SysLead Desktop trust profile: the organisation's identity on every board paper.\n"
    "# Share this file so that every executive's papers match. Format: docs/trust-profile.md\n"
)


def profile_path() -> Path:
    return user_data_dir() / PROFILE_NAME


def read_profile(path: Path | str) -> TrustProfile:
    """A profile file, validated; raises ``SysLeadError`` (one line) when it is not one."""
    profile, _located, _version = load_versioned(TrustProfile, TRUST_PROFILE_CHAIN, path)
    return profile


def load_profile(path: Path | None = None) -> TrustProfile | None:
    """The user's trust profile, or None when none has been set up."""
    target = path or profile_path()
    return read_profile(target) if target.exists() else None


def profile_to_text(profile: TrustProfile) -> str:
    return _HEADER + dump_yaml(profile.model_dump(mode="json", exclude_none=True))


def save_profile(profile: TrustProfile, path: Path | None = None) -> Path:
    target = path or profile_path()
    atomic_write_text(target, profile_to_text(profile))
    return target


def import_profile(source: Path | str) -> TrustProfile:
    """Check ``source`` and make it the user's trust profile."""
    profile = read_profile(source)
    save_profile(profile)
    return profile


def export_profile(target: Path | str) -> TrustProfile:
    """Write the user's trust profile to ``target``, to share it."""
    profile = load_profile()
    if profile is None:
        raise SysLeadError("no trust profile has been set up yet (see 'syslead profile import')")
    atomic_write_text(target, profile_to_text(profile))
    return profile


def logo_from_file(path: Path | str, png_rendering: bytes | None = None) -> Logo:
    """A logo from a PNG or SVG file (an SVG with its PNG rendering, which Preferences
    makes); raises ``SysLeadError`` naming the file when it is not a usable logo."""
    name = str(path).lower()
    kind: LogoType = "image/svg+xml" if name.endswith(".svg") else "image/png"
    data = read_bytes(path)
    try:
        return Logo(
            media_type=kind,
            data=base64.b64encode(data).decode("ascii"),
            png=base64.b64encode(png_rendering).decode("ascii") if png_rendering else None,
        )
    except ValueError as exc:
        first = exc.errors()[0]["msg"] if hasattr(exc, "errors") else str(exc)
        raise SysLeadError(f"{path}: {first.removeprefix('Value error, ')}") from None


def stamped(decision: Decision, profile: TrustProfile | None) -> Decision:
    """``decision`` with the trust's identity, if it has none yet (a copy when changed)."""
    if decision.trust is not None or profile is None:
        return decision
    return decision.model_copy(update={"trust": profile.stamp()})
