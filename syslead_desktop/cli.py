"""``syslead``: the scriptable command line.  ``--json`` output is a stable contract
(docs/cli.md).  Every failure is one line on stderr and a non-zero exit code."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, pause_collector, resume_collector, without_pydantic_plugins
from .cli_workshop import register as register_workshop_commands
from .errors import SysLeadError

EXIT_OK = 0
EXIT_FAIL = 1  # the command ran and the answer is "no" (e.g. verify: altered)
EXIT_USAGE = 2  # bad input: a file that cannot be read, a bad argument
EXIT_INTERNAL = 3  # a bug in SysLead itself


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# ---- commands ---------------------------------------------------------------------------
def cmd_questions(args: argparse.Namespace) -> int:
    from .services.rulebooks import load_verified_rulebook

    loaded = load_verified_rulebook(args.rulebook)
    rb = loaded.rulebook

    def question(q: Any) -> dict[str, Any]:
        return {
            "id": q.id,
            "text": q.text,
            "help": q.help,
            "required": q.required,
            "ordered": q.ordered,
            "options": [{"id": o.id, "label": o.label} for o in q.options],
        }

    data: dict[str, Any] = {
        "rulebook": {"id": rb.id, "version": rb.version, "hash": loaded.hash},
        "framing": {
            "title": rb.framing.title,
            "questions": [question(q) for q in rb.framing.questions],
        },
        "factors": [
            {
                "id": f.id,
                "title": f.title,
                "summary": f.summary,
                "questions": [question(q) for q in f.questions],
            }
            for f in rb.factors
        ],
    }
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"{rb.title} ({rb.id} {rb.version})")
    for section in [
        {"title": rb.framing.title, "questions": data["framing"]["questions"]},
        *data["factors"],
    ]:
        print(f"\n{section['title']}")
        for q in section["questions"]:
            print(f"  {q['id']}: {q['text']}")
            for o in q["options"]:
                print(f"      - {o['id']}: {o['label']}")
    return EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    from .services.workflow import assess_file

    assessed = assess_file(args.file, args.rulebook)
    for notice in assessed.notices:
        print(f"note: {notice}", file=sys.stderr)
    a = assessed.assessment
    if args.json:
        _print_json(a.model_dump(mode="json"))
        return EXIT_OK
    from .assess_text import assessment_text

    strength = assessed.loaded.rulebook.evidence_strength
    print(assessment_text(a, strength.summary if strength is not None else None))
    return EXIT_OK


def _inputs(*paths: Path | None) -> list[Path]:
    return [path for path in paths if path is not None]


def cmd_render(args: argparse.Namespace) -> int:
    from .services.files import atomic_write_bytes, check_output
    from .services.trust_profile import load_profile, stamped
    from .services.workflow import assess_file, render_assessed

    check_output(args.output, _inputs(args.file, args.rulebook), args.force)
    assessed = assess_file(args.file, args.rulebook)
    # A decision made before the trust profile was set up takes the trust's identity.
    assessed = assessed._replace(decision=stamped(assessed.decision, load_profile()))
    atomic_write_bytes(args.output, render_assessed(assessed))
    if not args.quiet:
        _warn_unprintable(assessed.decision)
        print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _warn_unprintable(decision: Any) -> None:
    """One warning line on stderr for each character the paper could not print."""
    from .services.pdf.printable import unprintable

    for found in unprintable(decision):
        print(f"syslead: warning: {found.describe()}", file=sys.stderr)


def cmd_rules_check(args: argparse.Namespace) -> int:
    from .engine.verify import verify
    from .services.rulebook_file import load_rulebook

    loaded = load_rulebook(args.rulebook)
    report = verify(loaded)
    if report.ok:
        from .services.rulebooks import remember_pass

        remember_pass(loaded)  # its next use need not check it again
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.to_text(verbose=args.verbose))
    return EXIT_OK if report.ok else EXIT_FAIL


def cmd_verify(args: argparse.Namespace) -> int:
    from .services.pdf.paper_check import verify_paper

    check = verify_paper(args.pdf, args.rulebook)
    filed = None
    if args.library is not None:
        from .cli_register import ledger_verdict

        filed = ledger_verdict(args.pdf, args.library)
    if args.json:
        _print_json({**check.to_json(), **({"register": filed} if filed else {})})
    else:
        print(f"{args.pdf}: {check.label}: {check.reason}")
        if filed is not None:
            verdict = "FILED" if filed["matches"] else "NOT AS FILED"
            print(f"{args.pdf}: {verdict}: {filed['reason']}")
    ok = check.intact and (filed is None or filed["matches"])
    return EXIT_OK if ok else EXIT_FAIL


def cmd_extract(args: argparse.Namespace) -> int:
    from .cli_register import resolve_target
    from .services.decision_file import decision_from_text
    from .services.files import atomic_write_text, check_output
    from .services.pdf.archive import check_record, record_text

    # the output first: a device or a folder is refused whatever is to be read
    check_output(args.output, [args.pdf], args.force)
    # a register id: its latest filed paper (the record with everything recorded since)
    args.pdf, _library = resolve_target(argparse.Namespace(file=args.pdf, library=args.library))
    check_output(args.output, [args.pdf], args.force)
    check = check_record(args.pdf)
    report: dict[str, Any] = {**check.to_json(), "output": None}
    if not check.intact and not (args.force and check.record is not None):
        if args.json:
            _print_json(report)
        else:
            hint = " (use --force to extract it anyway)" if check.record is not None else ""
            print(f"syslead: error: {args.pdf}: {check.reason}{hint}", file=sys.stderr)
        return EXIT_FAIL
    text = record_text(check, args.pdf)
    decision_from_text(text, f"{args.pdf} (attached record)")  # must still be a valid decision
    atomic_write_text(args.output, text)
    if args.json:
        _print_json({**report, "output": str(args.output)})
    else:
        print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK


# ---- parser -----------------------------------------------------------------------------
class _Unused:
    """Stands in for the parser of a command that is not being run: whatever is asked of
    it (arguments, defaults, groups, sub-commands) is taken and dropped."""

    def __getattr__(self, _name: str) -> Callable[..., _Unused]:
        return self._take

    def _take(self, *_args: Any, **_kwargs: Any) -> _Unused:
        return self


class _OnlyCommand:
    """The sub-commands of the parser, keeping only the parser of the command named
    ``name`` (``found`` says whether there is one)."""

    def __init__(self, sub: Any, name: str) -> None:
        self._sub, self._name, self.found = sub, name, False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name != self._name:
            return _Unused()
        self.found = True
        return self._sub.add_parser(name, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The command line's whole parser: every command."""
    return _build_parser(None)[0]


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``. When it starts with a command's name, only that command
    is built: argparse takes ~5 ms of CPU (a fiftieth of a render) to build the parsers
    of every command and sub-command (37 of them), and a command uses only its own. That
    parser parses the command exactly as the whole one would, with the same help and
    errors; anything else (``--help``, ``--version``, no command, a name that is none)
    gets the whole parser, whose help and errors list every command."""
    if argv and not argv[0].startswith("-"):
        parser, found = _build_parser(only=argv[0])
        if found:
            return parser
    return build_parser()


def _build_parser(only: str | None) -> tuple[argparse.ArgumentParser, bool]:
    parser = argparse.ArgumentParser(
        prog="syslead",
        description="Assess a trust-versus-system decision and produce its board paper.",
    )
    parser.add_argument("--version", action="version", version=f"syslead {__version__}")
    every = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub: Any = every if only is None else _OnlyCommand(every, only)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_: str
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("questions", cmd_questions, "List the factors, their questions and options.")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("assess", cmd_assess, "Assess a decision file.")
    p.add_argument("file", type=Path, help="decision file (.syslead.yaml)")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("render", cmd_render, "Write the board paper PDF for a decision file.")
    p.add_argument("file", type=Path, help="decision file (.syslead.yaml)")
    p.add_argument("-o", "--output", type=Path, required=True, help="PDF to write")
    p.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    p.add_argument("--rulebook", type=Path, help="rulebook YAML (default: the shipped one)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")

    p = add(
        "verify",
        cmd_verify,
        "Check that a board paper's pages and record are what SysLead produced.",
    )
    p.add_argument("pdf", type=Path, help="a board paper PDF written by SysLead")
    p.add_argument(
        "--rulebook", type=Path, help="the rulebook the paper was made with (default: shipped)"
    )
    p.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        help="also say whether it is the paper filed in this register, or differs from it",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("extract", cmd_extract, "Recover the decision file from a board paper PDF.")
    p.add_argument("pdf", type=Path, help="a board paper PDF written by SysLead, or a register id")
    p.add_argument("-o", "--output", type=Path, required=True, help="decision file to write")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace FILE if it exists, and extract even if the record was altered",
    )
    p.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        help="the register, for a register id (default: the one set with 'syslead register use')",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    register_workshop_commands(sub, add)

    rules = sub.add_parser("rules", help="Work with rulebooks.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="COMMAND")
    about = (
        "Verify a rulebook: schema, references, citations (every locator one its source "
        "lists, every rule and safeguard citing its evidence or stating its design basis), "
        "completeness, consistency, monotonicity, reachability, timings and review rules."
    )
    p = rules_sub.add_parser(
        "check", help="Verify a rulebook: its tables, references and citations.", description=about
    )
    p.set_defaults(func=cmd_rules_check)
    p.add_argument(
        "rulebook", nargs="?", type=Path, help="rulebook YAML (default: the shipped one)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="also show notes (accepted exceptions…)"
    )

    def rules_usage(_args: argparse.Namespace) -> int:
        rules.print_usage(sys.stderr)
        return EXIT_USAGE

    rules.set_defaults(func=rules_usage)

    from .cli_register import add_commands  # register, status, profile

    add_commands(sub)
    from .cli_actions import add_commands as add_follow_up  # actions, review

    add_follow_up(sub)
    return parser, only is None or sub.found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command in this process and return its exit status (the tests' way in)."""
    without_pydantic_plugins()
    collecting = pause_collector()  # every command is short: see pause_collector
    try:
        return _run(argv)
    finally:
        resume_collector(collecting)


def _run(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = parser_for(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_usage(sys.stderr)
        print("syslead: error: choose a command (see 'syslead --help')", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except SysLeadError as exc:
        print(f"syslead: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: still one line for the user, details on request
        if os.environ.get("SYSLEAD_DEBUG"):
            raise
        print(
            f"syslead: internal error: {type(exc).__name__}: {exc} "
            "(set SYSLEAD_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The ``syslead`` command: :func:`main`, then leave at once.

    A normal interpreter exit frees every object one by one before the process ends:
    after a render that is tens of thousands of pydantic and reportlab objects, about as
    long as the render itself, and it achieves nothing. By the time :func:`main`
    returns, every file it wrote is closed (and fsync'ed by the atomic writes), so this
    runs the exit handlers the libraries registered (logging flushes its handlers),
    flushes standard output and error, and ends the process with :func:`os._exit`.
    """
    without_pydantic_plugins()
    # Paused for good, not resumed as main() does: turned back on, the collector would
    # make one full pass over everything the command built (~30 ms after a render)
    # just before the process ends anyway.
    pause_collector()
    code = _run(None)
    exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython; else skip them
    if exit_handlers is not None:
        exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or stream: nothing more can be said.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
