"""Dates are written the same on every platform SysLead ships for: the NHS style "3 March
2027" had been written with strftime's ``%-d`` (no leading zero), which only the GNU C
library knows; Windows' strftime refuses it ("Invalid format string"), so the register
view, the record view and the paper's "Board decision" box would fail there."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "syslead_desktop"
#: strftime codes outside the C standard that Windows does not take: a flag after '%'
#: (GNU's -, _, ^, #, 0) and GNU's own %e, %k, %l, %P, %s.
NOT_PORTABLE = re.compile(r"%[-_^#0][a-zA-Z]|%[eklPs](?![a-zA-Z_])")
DATE_FORMAT = re.compile(r"""(?:\{[^{}:]+:([^{}]*%[^{}]*)\})|strftime\(\s*["']([^"']*)["']""")


def test_no_date_format_needs_the_gnu_c_library() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in DATE_FORMAT.finditer(line):
                spec = match.group(1) or match.group(2) or ""
                if NOT_PORTABLE.search(spec):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {spec}")
    assert found == [], "\n".join(found)


def test_the_scan_finds_one() -> None:
    line = 'return f"{value:%-d %B %Y}"'
    spec = DATE_FORMAT.search(line)
    assert spec is not None and NOT_PORTABLE.search(spec.group(1) or "")
    assert not NOT_PORTABLE.search("%d %B %Y")


def test_dates_read_as_before() -> None:
    from syslead_desktop.services.pdf.identity import long_date

    assert long_date(dt.date(2027, 3, 3)) == "3 March 2027"
