"""The register: a library folder of filed board papers, its ledger, index and exports.

See docs/register.md. Qt-free: the CLI and the register view both use it.
"""

from .entry import DUE_SOON_DAYS, Entry, review_state
from .index import RefreshReport, RegisterIndex, index_path_for, opened
from .library import Filed, Library

__all__ = [
    "DUE_SOON_DAYS",
    "Entry",
    "Filed",
    "Library",
    "RefreshReport",
    "RegisterIndex",
    "index_path_for",
    "opened",
    "review_state",
]
