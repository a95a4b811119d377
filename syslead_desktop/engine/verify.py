"""``syslead rules check``: prove a rulebook complete, consistent, monotone, reachable and
well referenced, by exhaustive enumeration at each level of the model (no sampling)."""

from __future__ import annotations

import time
from pathlib import Path

from .conditions import Scales
from .loader import LoadedRulebook
from .verify_reach import reachability
from .verify_refs import Reporter, check_references
from .verify_report import Check, VerifyReport
from .verify_tables import (
    Finding,
    build_tables,
    completeness,
    consistency,
    enumerate_table,
    monotonicity,
)

TABLE_CHECKS = ("completeness", "consistency", "monotonicity", "reachability")


def _display_path(path: Path) -> str:
    """Relative to the working folder when the file is inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def verify(loaded: LoadedRulebook) -> VerifyReport:
    """Check a loaded rulebook (loading it already proved the schema).  The references
    check runs first; if it fails, the enumeration checks are reported as skipped."""
    started = time.perf_counter()
    rb = loaded.rulebook
    file = _display_path(loaded.path)
    reporter = Reporter(file, loaded.line_of)
    schema = {
        "factors": len(rb.factors),
        "questions": len(rb.all_questions()),
        "rules": sum(len(f.rules) for f in rb.factors) + len(rb.stance_rules),
        "safeguards": len(rb.safeguards),
        "sources": len(rb.sources),
    }
    checks = [Check("schema", stats=schema)]
    references = check_references(rb, reporter)
    checks.append(references)
    if not references.ok:
        skipped = "the references check failed, so the tables cannot be enumerated"
        checks += [Check(name, skipped=skipped) for name in TABLE_CHECKS]
    else:
        checks += _table_checks(loaded, reporter)
    info = {"id": rb.id, "version": rb.version, "hash": loaded.hash, "path": file}
    return VerifyReport(info, checks, time.perf_counter() - started)


def _table_checks(loaded: LoadedRulebook, reporter: Reporter) -> list[Check]:
    rb = loaded.rulebook
    scales = Scales.of(rb)
    built = build_tables(rb)
    for table in built:
        enumerate_table(table, scales)
    result = []
    for name, func in (
        ("completeness", completeness),
        ("consistency", consistency),
        ("monotonicity", monotonicity),
    ):
        check = Check(name, stats={"tables": len(built)})
        for table in built:
            findings, stats = func(table)
            _add(check, reporter, findings)
            for key, value in stats.items():
                check.stats[key] = check.stats.get(key, 0) + value
        result.append(check)
    check = Check("reachability")
    findings, check.stats = reachability(rb, built, scales)
    _add(check, reporter, findings)
    result.append(check)
    return result


def _add(check: Check, reporter: Reporter, findings: list[Finding]) -> None:
    for finding in findings:
        reporter.problem(check, finding.where, finding.message, finding.severity)
