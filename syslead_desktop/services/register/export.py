"""The board's decision log, exported for its records: CSV for any spreadsheet, XLSX.

- **CSV** opens correctly in Excel: UTF-8 with a byte-order mark (without one Excel
  reads UTF-8 as the local code page), every field quoted (commas and line breaks stay
  in their cell), dates as ISO ``YYYY-MM-DD`` (which Excel reads as dates in every
  locale), and text that Excel would run as a formula (starting ``=``, ``+``, ``-``,
  ``@``) prefixed with an apostrophe.
- **XLSX** is a real workbook written by openpyxl: a bold header row, frozen, with a
  filter, sensible column widths, real date cells, and every text cell stored as text
  (never as a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from ..files import atomic_write_bytes
from .entry import Entry

Row = TypeVar("Row")


class Column(NamedTuple, Generic[Row]):
    """One column of an export: its heading, its value for a row, its width."""

    title: str
    value: Callable[[Row], Any]
    width: int  # in characters, for the workbook


def _joined(items: Sequence[str]) -> str:
    return "; ".join(i for i in items if i)


def _res(key: str) -> Callable[[Entry], str]:
    return lambda e: str((e.resolution or {}).get(key, "") or "")


DECISION_LOG: list[Column[Entry]] = [
    Column("Register id", lambda e: e.short_id, 10),
    Column("Meeting", lambda e: e.meeting, 24),
    Column("Meeting date", lambda e: e.meeting_date, 12),
    Column("Agenda item", lambda e: e.agenda_item, 14),
    Column("Title", lambda e: e.title, 48),
    Column("Recommendation", lambda e: e.recommendation, 24),
    Column("Direction", lambda e: e.direction_label, 16),
    Column("Status", lambda e: e.status_label, 11),
    Column("Board decision", lambda e: e.outcome_label, 22),
    Column("Decision date", lambda e: e.resolution_date, 12),
    Column("Minute reference", lambda e: e.minute_reference, 16),
    Column("Amendments", _res("amendments"), 36),
    Column("Dissent noted", _res("dissent"), 24),
    Column("Review date", lambda e: e.review_date, 12),
    Column("Review", lambda e: (e.review or "").capitalize(), 9),
    Column("Supersedes", lambda e: (e.supersedes or "")[:8], 10),
    Column("Superseded by", lambda e: (e.superseded_by or "")[:8], 10),
    Column("Partners", lambda e: _joined(e.data.get("partners", [])), 30),
    Column("Rulebook", lambda e: " ".join(e.rulebook.values()), 18),
    Column("Paper", lambda e: e.paper, 40),
]


def _columns(columns: Sequence[Column[Row]] | None) -> Sequence[Column[Row]]:
    return DECISION_LOG if columns is None else columns  # type: ignore[return-value]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(entries: Sequence[Row], columns: Sequence[Column[Row]] | None = None) -> bytes:
    """The rows as CSV (by default in the decision log's columns)."""
    columns = _columns(columns)
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([c.title for c in columns])
    for entry in entries:
        writer.writerow([_csv_cell(c.value(entry)) for c in columns])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    entries: Sequence[Row],
    columns: Sequence[Column[Row]] | None = None,
    sheet: str = "Decision log",
) -> bytes:
    """The rows as a workbook of one sheet (by default in the decision log's columns)."""
    columns = _columns(columns)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([c.title for c in columns])
    header_fill = PatternFill("solid", fgColor="005EB8")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row, entry in enumerate(entries, start=2):
        for col, column in enumerate(columns, start=1):
            value = column.value(entry)
            cell = ws.cell(row=row, column=col)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif value not in (None, ""):
                cell.value = str(value)
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 24)
    for col, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width + 2
    ws.freeze_panes = "A2"
    if entries:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(entries) + 1}"
    book.properties.title = sheet
    book.properties.creator = "SysLead Desktop"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export(
    entries: Sequence[Row],
    path: Path | str,
    kind: str,
    columns: Sequence[Column[Row]] | None = None,
    sheet: str = "Decision log",
) -> int:
    """Write ``entries`` to ``path`` as ``csv`` or ``xlsx``, one row each in ``columns``
    (by default the decision log's); the number of rows."""
    data = csv_bytes(entries, columns) if kind == "csv" else xlsx_bytes(entries, columns, sheet)
    atomic_write_bytes(path, data)
    return len(entries)
