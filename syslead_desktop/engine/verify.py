"""``syslead rules check``: prove a rulebook complete, consistent, monotone, reachable,
well referenced and honestly cited, over every combination at each level of the model (no
sampling), worked out over the classes of values that the rules tell apart."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..domain.rulebook import Rulebook
from .conditions import Scales
from .loader import LoadedRulebook
from .verify_cites import check_citations
from .verify_reach import reachability
from .verify_refs import Reporter, check_references
from .verify_report import Check, VerifyReport
from .verify_review import check_review, check_timings
from .verify_tables import (
    Finding,
    build_tables,
    completeness,
    consistency,
    monotonicity,
    too_large,
)

TABLE_CHECKS = ("completeness", "consistency", "monotonicity", "reachability")

TableCheck = Callable[[Any], tuple[list[Finding], dict[str, int]]]


class TableChecks(NamedTuple):
    """How the tables are built and checked (the tests run a reference enumeration here)."""

    build: Callable[[Rulebook], list[Any]]
    completeness: TableCheck
    consistency: TableCheck
    monotonicity: TableCheck
    reachability: Callable[[Rulebook, list[Any], Scales], tuple[list[Finding], dict[str, int]]]


ON_CLASSES = TableChecks(build_tables, completeness, consistency, monotonicity, reachability)


def _display_path(path: Path) -> str:
    """Relative to the working folder when the file is inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def verify(loaded: LoadedRulebook) -> VerifyReport:
    """Check a loaded rulebook (loading it already proved the schema).  The references
    check runs first; if it fails, the enumeration checks are reported as skipped.  The
    citations check does not depend on it and always runs."""
    return verify_with(loaded, ON_CLASSES)


def verify_with(loaded: LoadedRulebook, table_checks: TableChecks) -> VerifyReport:
    """:func:`verify`, with the tables built and checked by ``table_checks``."""
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
    checks += [references, check_citations(rb, reporter)]
    if not references.ok:
        skipped = "the references check failed, so the tables cannot be enumerated"
        checks += [Check(name, skipped=skipped) for name in TABLE_CHECKS]
    else:
        checks += _table_checks(loaded, reporter, table_checks)
    checks += [check_timings(rb, reporter), check_review(rb, reporter)]
    info = {"id": rb.id, "version": rb.version, "hash": loaded.hash, "path": file}
    return VerifyReport(info, checks, time.perf_counter() - started)


def _table_checks(
    loaded: LoadedRulebook, reporter: Reporter, table_checks: TableChecks
) -> list[Check]:
    rb = loaded.rulebook
    scales = Scales.of(rb)
    oversized = too_large(rb, scales)
    if oversized:  # reported first, as errors, before anything is worked out
        check = Check("completeness", stats={"tables": len(rb.factors) + 1})
        _add(check, reporter, oversized)
        skipped = "a table is too large to check (see completeness)"
        return [check, *(Check(name, skipped=skipped) for name in TABLE_CHECKS[1:])]
    built = table_checks.build(rb)
    result = []
    for name, func in (
        ("completeness", table_checks.completeness),
        ("consistency", table_checks.consistency),
        ("monotonicity", table_checks.monotonicity),
    ):
        check = Check(name, stats={"tables": len(built)})
        for table in built:
            findings, stats = func(table)
            _add(check, reporter, findings)
            for key, value in stats.items():
                check.stats[key] = check.stats.get(key, 0) + value
        result.append(check)
    check = Check("reachability")
    findings, check.stats = table_checks.reachability(rb, built, scales)
    _add(check, reporter, findings)
    result.append(check)
    return result


def _add(check: Check, reporter: Reporter, findings: list[Finding]) -> None:
    for finding in findings:
        reporter.problem(check, finding.where, finding.message, finding.severity)
