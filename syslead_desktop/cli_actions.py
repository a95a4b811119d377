"""``syslead actions`` and ``syslead review``: following a decision up after the paper.

- ``actions list`` / ``actions export``: the board's action schedule across the register;
- ``actions show`` / ``update`` / ``add``: one decision's actions, on its file or paper;
- ``review``: the review paper, reporting back at the review date.

Registered from cli.py; their ``--json`` output is documented in docs/cli.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cli_register import (
    _date,
    _json_option,
    _library_option,
    _open,
    _print_json,
    record_copy_library,
    resolve_target,
)
from .domain.actions import ACTION_STATUSES

if TYPE_CHECKING:
    from .domain.decision import Decision
    from .services.register.actions import ActionEntry

EXIT_OK = 0
ACTIONS_JSON_VERSION = 1


# ---- across the register ------------------------------------------------------------------
def _listed(args: argparse.Namespace) -> tuple[str, list[ActionEntry]]:
    from .services.register.actions import register_actions

    with _open(args) as index:
        entries = index.entries()
        library = str(index.library.root)
    found = register_actions(
        entries,
        owner=args.owner,
        decision=args.decision,
        overdue=args.overdue,
        every=args.all,
    )
    return library, found


def cmd_actions_list(args: argparse.Namespace) -> int:
    library, found = _listed(args)
    if args.json:
        _print_json(
            {
                "schema_version": ACTIONS_JSON_VERSION,
                "library": library,
                "today": dt.date.today().isoformat(),
                "count": len(found),
                "actions": [a.to_json() for a in found],
            }
        )
        return EXIT_OK
    if not found:
        print("No actions." if args.all else "No open actions.")
        return EXIT_OK
    width = max(len(a.key) for a in found)  # the columns line up whatever the ids
    for a in found:
        due = a.due.isoformat() if a.due else "no date   "
        flag = " OVERDUE" if a.overdue else ""
        owner = a.owner or "no owner"
        print(f"{a.key:<{width}}  {due}{flag}  {a.status_label:<11}  {owner}: {a.text}")
    return EXIT_OK


def cmd_actions_export(args: argparse.Namespace) -> int:
    from .services.files import check_output
    from .services.register.actions import ACTION_SCHEDULE
    from .services.register.export import export

    kind, out = ("csv", args.csv) if args.csv else ("xlsx", args.xlsx)
    check_output(out, [], args.force)
    _library, found = _listed(args)
    count = export(found, out, kind, ACTION_SCHEDULE, "Action schedule")
    if args.json:
        _print_json({"output": str(out), "format": kind, "count": count})
    else:
        print(f"Wrote {count} action{'s' if count != 1 else ''} to {out}", file=sys.stderr)
    return EXIT_OK


# ---- one decision ---------------------------------------------------------------------------
def _action_json(decision: Decision, today: dt.date) -> list[dict[str, Any]]:
    out = []
    for a in decision.actions:
        data = a.model_dump(mode="json")
        data["overdue"] = a.overdue(today)
        out.append(data)
    return out


def cmd_actions_show(args: argparse.Namespace) -> int:
    from .services.actions import fitted_actions
    from .services.decision_file import load_decision
    from .services.rulebooks import load_verified_rulebook
    from .services.status import is_paper, read_record

    path, _library = resolve_target(args)
    decision = read_record(path) if is_paper(path) else load_decision(path)
    decision = fitted_actions(decision, load_verified_rulebook(args.rulebook))
    today = dt.date.today()
    if args.json:
        _print_json(
            {
                "schema_version": ACTIONS_JSON_VERSION,
                "file": str(path),
                "id": decision.id,
                "title": decision.framing.title,
                "actions": _action_json(decision, today),
            }
        )
        return EXIT_OK
    print(decision.framing.title or str(path))
    if not decision.actions:
        print("  No actions (answer every question for the suggested ones).")
    width = max((len(a.id) for a in decision.actions), default=0)
    for a in decision.actions:
        due = a.due.isoformat() if a.due else "no date   "
        flag = " OVERDUE" if a.overdue(today) else ""
        owner = a.owner.text() or "no owner"
        print(f"  {a.id:<{width}}  {due}{flag}  {a.status_label:<11}  {owner}")
        print(f"      {a.text}")
        if a.status == "dropped":
            print(f"      Dropped: {a.reason}")
        for u in a.updates:
            who = f" ({u.by})" if u.by else ""
            what = f"[{u.status}] " if u.status else ""
            print(f"      {u.on.isoformat()}{who}: {what}{u.note}".rstrip())
    return EXIT_OK


def _due(text: str) -> dt.date | None:
    if text.strip().lower() in ("none", "-", ""):
        return None
    return _date(text)


def _change(args: argparse.Namespace, action: str | None) -> int:
    from .services.actions import ActionRequest, update_actions
    from .services.register.library import current_user
    from .services.rulebooks import load_verified_rulebook
    from .services.status import is_paper

    path, library = resolve_target(args)
    paper = is_paper(path)
    library = record_copy_library(args, path, library)
    request = ActionRequest(
        action=action,
        on=args.date or dt.date.today(),
        by=args.by if args.by is not None else current_user(),
        status=getattr(args, "status", None),
        note=args.note or "",
        reason=getattr(args, "reason", None) or "",
        text=args.text,
        owner=args.owner,
        role=args.role,
        due="keep" if args.due is None else _due(args.due),
    )
    changed = update_actions(
        path, request, load_verified_rulebook(args.rulebook), output=args.output
    )
    filed = None
    if paper and args.output is None and library is not None and changed.paper is not None:
        copy = path.with_name(f"{path.stem}-actions.pdf")
        filed = library.file_data(changed.paper, copy, by=request.by).to_json()
    today = dt.date.today()
    [action_data] = [a for a in _action_json(changed.decision, today) if a["id"] == changed.action]
    if args.json:
        _print_json(
            {
                "schema_version": ACTIONS_JSON_VERSION,
                "file": str(args.file),
                "id": changed.decision.id,
                "action": action_data,
                "written": str(changed.written) if changed.written else None,
                "filed": filed,
            }
        )
    else:
        where = filed["path"] if filed else str(changed.written)
        print(f"{args.file}: action {changed.action}: {changed.said()}; wrote {where}")
    return EXIT_OK


def cmd_actions_update(args: argparse.Namespace) -> int:
    return _change(args, args.action)


def cmd_actions_add(args: argparse.Namespace) -> int:
    return _change(args, None)


# ---- the review paper --------------------------------------------------------------------------
def cmd_review(args: argparse.Namespace) -> int:
    from .services.decision_file import load_decision
    from .services.files import atomic_write_bytes, check_output
    from .services.review import prepare_review, render_review
    from .services.rulebooks import load_verified_rulebook
    from .services.status import is_paper, read_record

    path, _library = resolve_target(args)
    if args.output is not None:
        check_output(args.output, [path, *([args.rulebook] if args.rulebook else [])], args.force)
    decision = read_record(path) if is_paper(path) else load_decision(path)
    loaded = load_verified_rulebook(args.rulebook)
    prepared = prepare_review(decision, loaded, str(path), strict=args.output is not None)
    if args.output is not None:
        atomic_write_bytes(args.output, render_review(prepared))
    if args.json:
        _print_json(
            {
                **prepared.report.model_dump(mode="json"),
                "output": str(args.output) if args.output else None,
            }
        )
    elif not args.quiet:
        r = prepared.report
        if r.missing:
            print("Not ready for a review paper:", file=sys.stderr)
            for item in r.missing:
                print(f"  - {item}", file=sys.stderr)
        if r.outcome:
            print(f"Recommendation on the review: {r.outcome_label} [{', '.join(r.rules)}]")
        if args.output is not None:
            print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK if not prepared.report.missing else 1


# ---- the parser ---------------------------------------------------------------------------------
def _list_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--owner", metavar="NAME", help="only actions whose owner's name or role has NAME"
    )
    p.add_argument(
        "--decision", metavar="ID", help="only the actions of this decision (register id)"
    )
    p.add_argument("--overdue", action="store_true", help="only actions past their due date")
    p.add_argument(
        "--all",
        action="store_true",
        help="every action, done and dropped ones too, of every decision",
    )


def _one_decision(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="decision file, board paper, or register id")


def _change_options(p: argparse.ArgumentParser, new: bool = False) -> None:
    if new:
        p.add_argument("--text", required=True, help="the action's wording")
    else:
        p.add_argument("--text", help="the action's wording (empty: the rulebook's own)")
    p.add_argument("--owner", metavar="NAME", help="the person who owns it")
    p.add_argument("--role", help="the owner's role")
    p.add_argument("--due", metavar="DATE", help="its due date (YYYY-MM-DD, or none)")
    p.add_argument("--note", help="a progress note")
    p.add_argument("--date", type=_date, help="date of the update (default: today)")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login name)")
    p.add_argument("-o", "--output", type=Path, help="write the result here instead")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    _library_option(p)
    _json_option(p)


def add_commands(sub: Any) -> None:
    """Add ``actions`` and ``review`` to the ``syslead`` parser."""
    actions = sub.add_parser("actions", help="Actions: owners, due dates and progress.")
    asub = actions.add_subparsers(dest="actions_command", metavar="COMMAND")

    def add(name: str, func: Any, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = asub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("list", cmd_actions_list, "List the open actions across the register.")
    _list_filters(p)
    _library_option(p)
    _json_option(p)
    p = add("export", cmd_actions_export, "Export the board's action schedule (CSV or XLSX).")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", type=Path, metavar="OUT", help="write a CSV file")
    out.add_argument("--xlsx", type=Path, metavar="OUT", help="write an Excel workbook")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    _list_filters(p)
    _library_option(p)
    _json_option(p)
    p = add("show", cmd_actions_show, "Show one decision's actions and their progress.")
    _one_decision(p)
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    _library_option(p)
    _json_option(p)
    p = add("update", cmd_actions_update, "Record progress on an action, or change it.")
    _one_decision(p)
    p.add_argument("action", help="the action's id (see 'syslead actions show FILE')")
    p.add_argument("--status", choices=ACTION_STATUSES, help="its new status")
    p.add_argument("--reason", help="why it is dropped (required with --status dropped)")
    _change_options(p)
    p = add("add", cmd_actions_add, "Add an action of your own to a decision.")
    _one_decision(p)
    _change_options(p, new=True)
    actions.set_defaults(func=lambda _a: (actions.print_usage(sys.stderr), 2)[1])

    p = sub.add_parser(
        "review",
        help="Write the review paper: what was promised, what happened, what next.",
        description=(
            "Write the review paper for a decision at its review date, from its decision "
            "file (or paper): success measures against targets, each action's status, the "
            "factors answered again, and a recommendation on the review. Without -o, say "
            "what is still to enter and what the review recommends."
        ),
    )
    p.set_defaults(func=cmd_review)
    p.add_argument("file", type=Path, help="decision file, board paper, or register id")
    p.add_argument("-o", "--output", type=Path, help="the review paper PDF to write")
    p.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    _library_option(p)
    _json_option(p)
