"""``syslead register``, ``syslead status`` and ``syslead profile``: the board secretary's
commands. Registered from cli.py; their ``--json`` output is documented in docs/cli.md."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain.statuses import OUTCOMES, STATUSES
from .errors import SysLeadError

if TYPE_CHECKING:
    from .services.register import Entry, Library, RegisterIndex

EXIT_OK, EXIT_FAIL = 0, 1
REGISTER_JSON_VERSION = 1


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days")
    return days


# ---- the library --------------------------------------------------------------------------
def library_from(args: argparse.Namespace) -> Library:
    """``--library DIR``, else the default register chosen in the settings."""
    from .services.register import Library
    from .services.settings import load_settings

    if getattr(args, "library", None):
        return Library(args.library)
    chosen = load_settings()[0].library
    if not chosen:
        raise SysLeadError(
            "no register chosen: give --library DIR, or set a default with "
            "'syslead register use DIR'"
        )
    return Library(chosen)


def _open(args: argparse.Namespace) -> RegisterIndex:
    from .services.register import RegisterIndex

    return RegisterIndex.open(library_from(args))


def _entries_json(index: RegisterIndex, entries: list[Entry], **extra: Any) -> dict[str, Any]:
    return {
        "schema_version": REGISTER_JSON_VERSION,
        "library": str(index.library.root),
        **extra,
        "count": len(entries),
        "decisions": [e.to_json() for e in entries],
    }


def _table(entries: list[Entry]) -> None:
    if not entries:
        print("No decisions.")
        return
    for e in entries:
        day = e.meeting_date.isoformat() if e.meeting_date else "no date   "
        state = e.outcome_label or e.status_label
        review = ""
        if e.review_date is not None:
            flag = {"overdue": " OVERDUE", "due": " due"}.get(e.review or "", "")
            review = f"  review {e.review_date.isoformat()}{flag}"
        print(f"{e.short_id}  {day}  {state:<24.24}  {e.title}{review}")


# ---- register commands ------------------------------------------------------------------
def cmd_register_file(args: argparse.Namespace) -> int:
    library = library_from(args)
    filed = [library.file(paper, by=args.by) for paper in args.papers]
    if args.json:
        _print_json({"library": str(library.root), "filed": [f.to_json() for f in filed]})
        return EXIT_OK
    for f in filed:
        what = "already filed as" if not f.created else "filed as"
        print(f"{f.source}: {what} {f.path} (register id {f.decision_id[:8]}, {f.status})")
    return EXIT_OK


def cmd_register_list(args: argparse.Namespace) -> int:
    with _open(args) as index:
        entries = index.entries(status=args.status, due_within=args.due_within, year=args.year)
        if args.json:
            _print_json(_entries_json(index, entries))
        else:
            _table(entries)
    return EXIT_OK


def cmd_register_search(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with _open(args) as index:
        entries = index.entries(text=text, status=args.status)
        if args.json:
            _print_json(_entries_json(index, entries, query=text))
        else:
            _table(entries)
    return EXIT_OK


def cmd_register_show(args: argparse.Namespace) -> int:
    with _open(args) as index:
        entry = index.find(args.id)
        chain = index.chain(entry)
        data = entry.to_full_json()
        data["chain"] = [{"id": e.id, "title": e.title, "status": e.status} for e in chain]
        if args.json:
            _print_json({"schema_version": REGISTER_JSON_VERSION, **data})
            return EXIT_OK
    print(f"{entry.title}  [{entry.id}]")
    rows = [
        ("Meeting", f"{entry.meeting} {data['meeting_date'] or ''}".strip()),
        ("Agenda item", entry.agenda_item),
        ("Status", entry.status_label),
        ("Board decision", entry.outcome_label),
        ("Minute reference", entry.minute_reference),
        ("Amendments", (entry.resolution or {}).get("amendments", "")),
        ("Dissent noted", (entry.resolution or {}).get("dissent", "")),
        ("Recommendation", entry.recommendation),
        ("Direction", entry.direction_label),
        ("Review date", data["review_date"] or ""),
        ("Paper", str(index.library.root / entry.paper)),
    ]
    for label, value in rows:
        if value:
            print(f"  {label + ':':<18}{value}")
    if len(chain) > 1:
        print("  Versions:")
        for e in chain:
            mark = "→" if e.id == entry.id else " "
            print(f"   {mark} {e.short_id}  {e.status_label:<11}  {e.title}")
    if data["history"]:
        print("  History:")
        for h in data["history"]:
            who = f" by {h['by']}" if h["by"] else ""
            print(f"    {h['on']}  {h['status']}{who}  {h.get('note', '')}".rstrip())
    for problem in entry.problems:
        print(f"  problem: {problem}")
    return EXIT_OK


def cmd_register_export(args: argparse.Namespace) -> int:
    from .services.files import check_output
    from .services.register.export import export

    kind, out = ("csv", args.csv) if args.csv else ("xlsx", args.xlsx)
    check_output(out, [], args.force)
    with _open(args) as index:
        entries = index.entries(status=args.status, due_within=args.due_within, year=args.year)
        entries.sort(key=lambda e: (e.meeting_date or dt.date.max, e.agenda_item, e.title))
        count = export(entries, out, kind)
    if args.json:
        _print_json({"output": str(out), "format": kind, "count": count})
    else:
        print(f"Wrote {count} decision{'s' if count != 1 else ''} to {out}", file=sys.stderr)
    return EXIT_OK


def cmd_register_rebuild(args: argparse.Namespace) -> int:
    from .services.register import RegisterIndex

    library = library_from(args)
    library.check()
    started = time.perf_counter()
    with RegisterIndex(library) as index:
        report = index.rebuild()
    seconds = round(time.perf_counter() - started, 2)
    if args.json:
        _print_json({"library": str(library.root), **report.to_json(), "seconds": seconds})
    else:
        print(
            f"Rebuilt the index of {library.root}: {report.papers} papers, "
            f"{report.decisions} decisions ({seconds} s)"
        )
        for problem in report.problems:
            print(f"  problem: {problem}")
    return EXIT_OK


def cmd_register_use(args: argparse.Namespace) -> int:
    from .services.register import Library
    from .services.settings import load_settings, save_settings

    settings, warning = load_settings()
    if warning:
        print(f"note: {warning}", file=sys.stderr)
    if args.dir is not None:
        library = Library(args.dir.resolve())
        if not library.exists():
            library.create()
        settings = settings.model_copy(update={"library": str(library.root)})
        save_settings(settings)
    if args.json:
        _print_json({"library": settings.library})
    else:
        print(settings.library or "No default register is set.")
    return EXIT_OK


# ---- status -------------------------------------------------------------------------------
def resolve_target(args: argparse.Namespace) -> tuple[Path, Library | None]:
    """``args.file``: a decision file or paper as given, or a register id's latest paper
    (with its library)."""
    target: Path = args.file
    if target.exists():
        return target, None
    if not re.fullmatch(r"[0-9a-fA-F]{4,32}", str(target)):
        raise SysLeadError(f"{target}: no such file")
    with _open(args) as index:  # a register id: the decision's latest paper
        return index.library.root / index.find(str(target)).paper, index.library


def record_copy_library(
    args: argparse.Namespace, target: Path, library: Library | None
) -> Library | None:
    """Where a paper's record copy goes: ``-o OUT`` (checked here; no library then), the
    register the paper came from, or ``--library`` (or the default). A decision file is
    changed in place (no library)."""
    from .services.status import is_paper

    if args.output is not None:
        from .services.files import check_output

        check_output(args.output, [target], args.force)
        return None
    if not is_paper(target) or library is not None:
        return library
    try:
        return library_from(args)
    except SysLeadError:
        raise SysLeadError(
            f"{target}: give -o OUT for the record copy, or --library DIR to file it"
        ) from None


def cmd_status(args: argparse.Namespace) -> int:
    from .domain.lifecycle import StatusRequest
    from .services.register.library import current_user
    from .services.status import apply_status, is_paper

    target, library = resolve_target(args)
    superseded_by = args.superseded_by
    if superseded_by and len(superseded_by) < 32:
        with _open(args) as index:
            superseded_by = index.find(superseded_by).id
    request = StatusRequest(
        to=args.set,
        on=args.date or dt.date.today(),
        by=args.by if args.by is not None else current_user(),
        note=args.note or "",
        meeting=args.meeting,
        meeting_date=args.meeting_date,
        outcome=args.outcome,
        minute_reference=args.minute or "",
        amendments=args.amendments or "",
        dissent=args.dissent or "",
        superseded_by=superseded_by,
    )
    library = record_copy_library(args, target, library)
    filed: dict[str, Any] | None = None
    superseded: dict[str, Any] | None = None
    if is_paper(target) and args.output is None and library is not None:
        from .services.register.record import record_status

        recorded = record_status(library, target, request, rulebook=args.rulebook)
        changed, notices = recorded.changed, recorded.notices
        filed = recorded.filed.to_json()
        if recorded.superseded is not None:
            superseded = recorded.superseded.to_json()
    else:
        changed = apply_status(target, request, output=args.output, rulebook=args.rulebook)
        notices = changed.notices
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    result: dict[str, Any] = {
        "file": str(args.file),
        "id": changed.decision.id,
        "status": changed.decision.status,
        "written": str(changed.written) if changed.written else None,
        "filed": filed,
        "superseded": superseded,
        "history": [h.model_dump(mode="json") for h in changed.decision.history],
    }
    if args.json:
        _print_json(result)
    else:
        where = filed["path"] if filed else result["written"]
        print(f"{args.file}: now {changed.decision.status}; wrote {where}")
        if superseded is not None:
            old, new = str(superseded["id"])[:8], (changed.decision.id or "")[:8]
            print(f"{old}: now superseded by {new}; wrote {superseded['path']}")
    return EXIT_OK


# ---- profile ------------------------------------------------------------------------------
def cmd_profile_show(args: argparse.Namespace) -> int:
    from .services.trust_profile import load_profile, profile_path

    profile = load_profile()
    if args.json:
        _print_json({"path": str(profile_path()), "profile": _profile_json(profile)})
        return EXIT_OK
    if profile is None:
        print("No trust profile is set up (see 'syslead profile import FILE').")
        return EXIT_OK
    print(profile.name)
    if profile.short_name:
        print(f"  Short name:    {profile.short_name}")
    print(f"  Logo:          {profile.logo.media_type if profile.logo else 'none'}")
    for board in profile.boards:
        print(f"  Board:         {board.name}" + (f" ({board.code})" if board.code else ""))
    if profile.agenda_item_pattern:
        print(f"  Agenda items:  {profile.agenda_item_pattern}")
    print(f"  File:          {profile_path()}")
    return EXIT_OK


def _profile_json(profile: Any) -> dict[str, Any] | None:
    if profile is None:
        return None
    data: dict[str, Any] = profile.model_dump(mode="json", exclude={"logo"})
    data["logo"] = (
        {"media_type": profile.logo.media_type, "bytes": len(profile.logo.printable())}
        if profile.logo
        else None
    )
    return data


def _board(text: str) -> dict[str, str]:
    """``NAME`` or ``NAME=CODE``: a board or committee and its agenda code."""
    name, _sep, code = text.rpartition("=") if "=" in text else (text, "", "")
    if not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: give the board's name, e.g. 'Board=PUB'")
    return {"name": name.strip(), "code": code.strip()}


def cmd_profile_set(args: argparse.Namespace) -> int:
    """Set parts of the trust profile, as Preferences does: what is not given stays."""
    from pydantic import ValidationError

    from .domain.trust import TrustProfile
    from .services.files import read_bytes
    from .services.trust_profile import load_profile, logo_from_file, profile_path, save_profile
    from .services.yaml_io import format_field

    current = load_profile()
    data: dict[str, Any] = current.model_dump(mode="json") if current is not None else {}
    if current is None and args.name is None:
        raise SysLeadError("no trust profile is set up yet: give --name (the trust's name)")
    for key, value in (
        ("name", args.name),
        ("short_name", args.short_name),
        ("agenda_item_pattern", args.agenda_pattern),
    ):
        if value is not None:
            data[key] = value.strip()
    if args.no_boards:
        data["boards"] = []
    if args.board:
        data["boards"] = args.board
    if args.no_logo:
        data.pop("logo", None)
    elif args.logo is not None:
        if args.logo.suffix.lower() == ".svg" and args.logo_png is None:
            raise SysLeadError(
                f"{args.logo}: an SVG logo is printed from a PNG rendering of it: give "
                "--logo-png FILE, or choose the logo in Preferences (which makes one)"
            )
        rendering = read_bytes(args.logo_png) if args.logo_png is not None else None
        data["logo"] = logo_from_file(args.logo, rendering).model_dump(mode="json")
    try:
        profile = TrustProfile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = format_field(tuple(error["loc"]))
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SysLeadError(f"trust profile: {where}: {message}; nothing was changed") from None
    save_profile(profile)
    if args.json:
        _print_json({"path": str(profile_path()), "profile": _profile_json(profile)})
    else:
        print(f"Trust profile set: {profile.name} ({profile_path()})", file=sys.stderr)
    return EXIT_OK


def cmd_profile_import(args: argparse.Namespace) -> int:
    from .services.trust_profile import import_profile, profile_path

    profile = import_profile(args.file)
    if args.json:
        _print_json({"path": str(profile_path()), "name": profile.name})
    else:
        print(f"Trust profile set: {profile.name} ({profile_path()})", file=sys.stderr)
    return EXIT_OK


def cmd_profile_export(args: argparse.Namespace) -> int:
    from .services.files import check_output
    from .services.trust_profile import export_profile

    check_output(args.file, [], args.force)
    profile = export_profile(args.file)
    if args.json:
        _print_json({"output": str(args.file), "name": profile.name})
    else:
        print(f"Wrote {args.file}", file=sys.stderr)
    return EXIT_OK


# ---- verify --library -----------------------------------------------------------------------
def ledger_verdict(pdf: Path, library_dir: Path) -> dict[str, Any]:
    """Whether ``pdf`` is the paper the register filed for its date, or differs from it."""
    import hashlib

    from .services.files import read_bytes
    from .services.register import Library, RegisterIndex
    from .services.register.paper import read_paper

    data = read_bytes(pdf)
    sha = hashlib.sha256(data).hexdigest()
    library = Library(library_dir)
    with RegisterIndex.open(library) as index:
        exact = index.filings_of(sha)
        if exact:
            first = exact[0]
            return {
                "library": str(library.root),
                "filed": True,
                "matches": True,
                "paper": first["paper"],
                "filed_at": first["filed_at"],
                "filed_by": first["filed_by"],
                "reason": f"the paper filed on {first['filed_at'][:10]} as {first['paper']}",
            }
        try:
            decision_id = read_paper(data, pdf).decision_id
        except SysLeadError:
            decision_id = ""
        same = [f for f in index.filings_for(decision_id)] if decision_id else []
        if not same:
            return {
                "library": str(library.root),
                "filed": False,
                "matches": False,
                "paper": None,
                "reason": "no paper of this decision is filed in the register",
            }
        paper_date = read_paper(data, pdf).decision.board_paper.meeting_date
        on_day = [f for f in same if paper_date and f["paper_date"] == paper_date.isoformat()]
        closest = (on_day or same)[-1]
        return {
            "library": str(library.root),
            "filed": True,
            "matches": False,
            "paper": closest["paper"],
            "filed_at": closest["filed_at"],
            "filed_by": closest["filed_by"],
            "reason": (
                f"differs from the paper filed on {closest['filed_at'][:10]} as "
                f"{closest['paper']} (SHA-256 {closest['sha256'][:12]}…)"
            ),
        }


# ---- the parser -----------------------------------------------------------------------------
def _library_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        help="the register's folder (default: the one set with 'syslead register use')",
    )


def _json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", choices=STATUSES, help="only decisions with this status")
    p.add_argument(
        "--due-within",
        type=_days,
        metavar="DAYS",
        help="only open decisions whose review is due within DAYS (overdue ones too)",
    )
    p.add_argument("--year", type=int, help="only decisions whose meeting was in this year")


def add_commands(sub: Any) -> None:
    """Add ``register``, ``status`` and ``profile`` to the ``syslead`` parser."""
    register = sub.add_parser("register", help="The board's register of filed decisions.")
    rsub = register.add_subparsers(dest="register_command", metavar="COMMAND")

    def add(name: str, func: Any, help_: str, library: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = rsub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        if library:
            _library_option(p)
        _json_option(p)
        return p

    p = add("file", cmd_register_file, "File board papers into the register.")
    p.add_argument("papers", type=Path, nargs="+", metavar="PAPER.pdf", help="board papers")
    p.add_argument("--by", help="who is filing (default: your login name)")
    _filters(add("list", cmd_register_list, "List the decisions in the register."))
    p = add("search", cmd_register_search, "Find decisions by words in them.")
    p.add_argument("text", nargs="+", help="words to look for (each must appear)")
    p.add_argument("--status", choices=STATUSES, help="only decisions with this status")
    p = add("show", cmd_register_show, "Show one decision: its papers, history and versions.")
    p.add_argument("id", help="the register id (its first 4 or more digits)")
    p = add("export", cmd_register_export, "Export the decision log (CSV or XLSX).")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", type=Path, metavar="OUT", help="write a CSV file")
    out.add_argument("--xlsx", type=Path, metavar="OUT", help="write an Excel workbook")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    _filters(p)
    add("rebuild", cmd_register_rebuild, "Make the search index again from the files.")
    p = add("use", cmd_register_use, "Show or set the default register folder.", library=False)
    p.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="the folder to use")
    register.set_defaults(func=lambda _a: (register.print_usage(sys.stderr), 2)[1])

    p = sub.add_parser(
        "status",
        help="Record a change in a decision's life (e.g. the board's resolution).",
        description="Record a change in a decision's life on a decision file or a paper.",
    )
    p.set_defaults(func=cmd_status)
    p.add_argument("file", type=Path, help="decision file, board paper, or register id")
    p.add_argument("--set", required=True, choices=STATUSES, help="the new status")
    p.add_argument("--outcome", choices=OUTCOMES, help="the board's decision (for decided)")
    p.add_argument("--date", type=_date, help="date of the change (default: today)")
    p.add_argument("--minute", metavar="REF", help="minute reference, e.g. BD/26/041")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login name)")
    p.add_argument("--meeting", help="the meeting (for submitted; default: the paper's)")
    p.add_argument("--meeting-date", type=_date, help="the meeting's date (for submitted)")
    p.add_argument("--amendments", help="amendments the board made (for decided)")
    p.add_argument("--dissent", help="dissent noted in the minutes (for decided)")
    p.add_argument("--superseded-by", metavar="ID", help="the later decision (for superseded)")
    p.add_argument("--note", help="a note for the history")
    p.add_argument("-o", "--output", type=Path, help="write the result here instead")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    _library_option(p)
    _json_option(p)

    profile = sub.add_parser("profile", help="The trust profile: name, logo, boards.")
    psub = profile.add_subparsers(dest="profile_command", metavar="COMMAND")
    p = psub.add_parser("show", help="Show the trust profile.")
    p.set_defaults(func=cmd_profile_show)
    _json_option(p)
    p = psub.add_parser(
        "set",
        help="Set parts of the trust profile (what is not given stays as it is).",
        description="Set parts of the trust profile, as Preferences does.",
    )
    p.set_defaults(func=cmd_profile_set)
    p.add_argument("--name", help="the organisation's full name")
    p.add_argument("--short-name", help="the short name, for running headers")
    logo = p.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="FILE", help="the logo, PNG or SVG")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    p.add_argument(
        "--logo-png", type=Path, metavar="PNG", help="for an SVG logo: the PNG the paper prints"
    )
    boards = p.add_mutually_exclusive_group()
    boards.add_argument(
        "--board",
        type=_board,
        action="append",
        metavar="NAME[=CODE]",
        help="a board or committee and its agenda code (repeat for each; replaces the list)",
    )
    boards.add_argument("--no-boards", action="store_true", help="remove every board")
    p.add_argument(
        "--agenda-pattern",
        metavar="PATTERN",
        help="agenda references, e.g. '{code}{yy}/{mm}/{item}' ('' for none)",
    )
    _json_option(p)
    p = psub.add_parser("import", help="Set the trust profile from a shared file.")
    p.set_defaults(func=cmd_profile_import)
    p.add_argument("file", type=Path, help="a trust-profile.yaml")
    _json_option(p)
    p = psub.add_parser("export", help="Write the trust profile to a file, to share it.")
    p.set_defaults(func=cmd_profile_export)
    p.add_argument("file", type=Path, help="file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _json_option(p)
    profile.set_defaults(func=lambda _a: (profile.print_usage(sys.stderr), 2)[1])
