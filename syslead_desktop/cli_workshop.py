"""The facilitator's commands: ``practice``, ``workshop`` and ``compare`` (docs/cli.md).

Registered from cli.py; the work is done in services/practice.py, services/workshop.py,
services/compare.py and services/debrief.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import SysLeadError

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _ok() -> int:
    from .cli import EXIT_OK

    return EXIT_OK


def _print_json(data: Any) -> None:
    from .cli import _print_json as print_json

    print_json(data)


# ---- practice ---------------------------------------------------------------------------
def cmd_practice_list(args: argparse.Namespace) -> int:
    from .services.practice import library, scenario_json
    from .services.rulebooks import load_verified_rulebook

    loaded = load_verified_rulebook(args.rulebook)
    scenarios = [scenario_json(s, loaded) for s in library(args.folder)]
    if args.json:
        _print_json({"scenarios": scenarios})
        return _ok()
    for s in scenarios:
        direction = "system first" if s["direction"] == "system_first" else "trust first"
        print(f"{s['id']}\n    {s['title']}\n    {direction}; worked example: {s['stance_label']}")
    return _ok()


def cmd_practice_new(args: argparse.Namespace) -> int:
    from .services.decision_file import save_decision
    from .services.files import check_output
    from .services.practice import find_scenario

    scenario = find_scenario(args.scenario, args.folder)
    check_output(args.output, [scenario.path], args.force)
    save_decision(args.output, scenario.start(blank=args.blank))
    if not args.quiet:
        how = "blank (framing only)" if args.blank else "worked example"
        print(f"Wrote {args.output}: {scenario.title}, {how}", file=sys.stderr)
    return _ok()


# ---- workshop ---------------------------------------------------------------------------
def cmd_workshop_new(args: argparse.Namespace) -> int:
    from .services.files import check_output
    from .services.practice import find_scenario
    from .services.workshop import new_workshop, save_workshop

    if not args.team:
        raise SysLeadError("name the teams with --team (for example --team 'Team A')")
    scenario = find_scenario(args.scenario, args.folder)
    check_output(args.output, [scenario.path], args.force)
    workshop = new_workshop(scenario, args.team, title=args.title or "", blank=not args.worked)
    save_workshop(args.output, workshop)
    if not args.quiet:
        print(f"Wrote {args.output}: {len(workshop.teams)} teams", file=sys.stderr)
    return _ok()


def cmd_workshop_import(args: argparse.Namespace) -> int:
    from .services.rulebooks import load_verified_rulebook
    from .services.workshop import import_folder, load_workshop, save_workshop

    workshop = load_workshop(args.workshop)
    loaded = load_verified_rulebook(args.rulebook)
    report = import_folder(workshop, args.folder, loaded.rulebook)
    if report.added or report.updated:
        save_workshop(args.workshop, workshop)
    if args.json:
        _print_json(
            {
                "added": report.added,
                "updated": report.updated,
                "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
                "warnings": report.warnings,
            }
        )
        return _ok()
    for file, reason in report.skipped:
        print(f"skipped {file}: {reason}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{report.summary()}.")
    return _ok()


def cmd_workshop_export(args: argparse.Namespace) -> int:
    from .services.workshop import export_team_files, load_workshop

    written = export_team_files(load_workshop(args.workshop), args.folder, force=args.force)
    if not args.quiet:
        for path in written:
            print(f"Wrote {path}", file=sys.stderr)
    return _ok()


# ---- compare ----------------------------------------------------------------------------
def cmd_compare(args: argparse.Namespace) -> int:
    from .services.compare import compare
    from .services.compare_report import to_json, to_text
    from .services.rulebooks import load_verified_rulebook
    from .services.workshop import teams_from_files

    loaded = load_verified_rulebook(args.rulebook)  # first: a failing rulebook is the error
    if args.pdf:
        from .services.files import check_output

        inputs = [*args.files, *([args.rulebook] if args.rulebook else [])]
        check_output(args.pdf, inputs, args.force)
    teams = teams_from_files(args.files, loaded)
    if len(teams) < 2:
        raise SysLeadError("compare needs at least two teams (two decision files or a workshop)")
    comparison = compare(teams, loaded)
    for warning in comparison.warnings_for(args.anonymous):
        print(f"warning: {warning}", file=sys.stderr)
    if args.pdf:
        from .services.debrief import debrief_for_files
        from .services.files import atomic_write_bytes

        atomic_write_bytes(args.pdf, debrief_for_files(comparison, args.files, args.anonymous))
        print(f"Wrote {args.pdf}", file=sys.stderr)
    options = {"only_differences": args.differences, "anonymous": args.anonymous}
    if args.json:
        _print_json(to_json(comparison, **options))
    else:
        print(to_text(comparison, **options))
    return _ok()


# ---- parser -----------------------------------------------------------------------------
def register(sub: Any, add: Add) -> None:
    """Add the facilitator's commands to the ``syslead`` parser."""
    rulebook_help = "rulebook YAML (default: the shipped one)"
    folder_help = "folder of practice scenarios (default: the shipped library)"

    p = add("compare", cmd_compare, "Compare several teams' answers to the same decision.")
    p.add_argument(
        "files",
        type=Path,
        nargs="+",
        help="decision files, board paper PDFs or workshop files (two teams or more)",
    )
    p.add_argument("--rulebook", type=Path, help=rulebook_help)
    p.add_argument("--differences", action="store_true", help="only the lines that differ")
    p.add_argument("--anonymous", action="store_true", help="show teams as Team 1, Team 2, …")
    p.add_argument("--pdf", type=Path, metavar="OUT", help="also write the debrief paper")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    practice = sub.add_parser("practice", help="Practice scenarios for workshops.")
    practice_sub = practice.add_subparsers(dest="practice_command", metavar="COMMAND")
    practice.set_defaults(func=_usage_of(practice))
    p = practice_sub.add_parser("list", help="List the practice scenarios.")
    p.set_defaults(func=cmd_practice_list)
    p.add_argument("--folder", type=Path, help=folder_help)
    p.add_argument("--rulebook", type=Path, help=rulebook_help)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = practice_sub.add_parser(
        "new", help="Start a decision file from a scenario, blank or worked."
    )
    p.set_defaults(func=cmd_practice_new)
    p.add_argument("scenario", help="scenario id (see 'syslead practice list')")
    p.add_argument("--blank", action="store_true", help="framing only: nothing answered")
    p.add_argument("-o", "--output", type=Path, required=True, help="decision file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--folder", type=Path, help=folder_help)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")

    workshop = sub.add_parser("workshop", help="Workshop files: one decision, several teams.")
    workshop_sub = workshop.add_subparsers(dest="workshop_command", metavar="COMMAND")
    workshop.set_defaults(func=_usage_of(workshop))
    p = workshop_sub.add_parser("new", help="Create a workshop from a practice scenario.")
    p.set_defaults(func=cmd_workshop_new)
    p.add_argument("scenario", help="scenario id (see 'syslead practice list')")
    p.add_argument("--team", action="append", metavar="NAME", help="a team (repeat for each)")
    p.add_argument("--title", help="the workshop's title (default: the scenario's)")
    p.add_argument("--worked", action="store_true", help="teams start from the worked answers")
    p.add_argument("-o", "--output", type=Path, required=True, help="workshop file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--folder", type=Path, help=folder_help)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p = workshop_sub.add_parser(
        "import", help="Bring teams' decision files or board papers in from a folder."
    )
    p.set_defaults(func=cmd_workshop_import)
    p.add_argument("workshop", type=Path, help="workshop file (updated in place)")
    p.add_argument("folder", type=Path, help="folder holding the teams' files (a USB stick)")
    p.add_argument("--rulebook", type=Path, help=rulebook_help)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = workshop_sub.add_parser(
        "export", help="Write one decision file per team, for teams on their own laptops."
    )
    p.set_defaults(func=cmd_workshop_export)
    p.add_argument("workshop", type=Path, help="workshop file")
    p.add_argument("folder", type=Path, help="folder to write the teams' files to")
    p.add_argument("--force", action="store_true", help="replace teams' files already there")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")


def _usage_of(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def show(_args: argparse.Namespace) -> int:
        from .cli import EXIT_USAGE

        parser.print_usage(sys.stderr)
        return EXIT_USAGE

    return show
