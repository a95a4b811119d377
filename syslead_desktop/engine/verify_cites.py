"""The citations check: every locator is one its source declares, and every rule,
threshold and safeguard either cites the sources that support it or says it is the
rulebook's own design, with what it builds on and why.

A board reads each rule's basis in the paper's Appendix A, so a locator must name a place
that exists in the source, and a judgement of the rulebook's own must never pass for a
finding of the research."""

from __future__ import annotations

import difflib

from ..domain.rulebook import Rulebook
from .verify_refs import Located, Reporter, all_citations, based
from .verify_report import Check

#: A design rationale is one line in the paper: longer than this, and it is an essay.
RATIONALE_MAX_CHARS = 200


def check_citations(rb: Rulebook, report: Reporter) -> Check:
    check = Check("citations")
    sources = {s.id: s for s in rb.sources}
    cited: set[str] = set()
    located = 0
    for where, cite in all_citations(rb):
        source = sources.get(cite.source)
        if source is None:
            continue  # the references check reports an unknown source
        cited.add(source.id)
        if cite.locator is None:
            continue
        located += 1
        if not source.locators:
            report.problem(
                check,
                where,
                f"cites source '{source.id}' at '{cite.locator}', but that source declares "
                "no locators: cite it as a whole, or list the places it may be cited at "
                "under its 'locators'",
            )
        elif cite.locator not in source.locators:
            near = difflib.get_close_matches(cite.locator, source.locators, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            report.problem(
                check,
                where,
                f"locator '{cite.locator}' is not one of the {len(source.locators)} that "
                f"source '{source.id}' declares{hint}",
            )

    evidence = design = 0
    for where, item in based(rb):
        if item.design is None and not item.cite:
            report.problem(
                check,
                where,
                "has neither a citation that supports it ('cite') nor a design basis "
                "('design' with 'builds_on' and a one-line 'rationale'); say which it is",
            )
        elif item.design is not None and item.cite:
            report.problem(
                check,
                where,
                "has both a citation ('cite') and a design basis ('design'): either a "
                "source supports it, or it is the rulebook's own judgement, whose sources "
                "go under 'design: cite'",
            )
        elif item.design is not None:
            design += 1
            length = len(item.design.rationale)
            if length > RATIONALE_MAX_CHARS or "\n" in item.design.rationale:
                report.problem(
                    check,
                    Located((*where.path, "design", "rationale"), where.label, where.rule),
                    f"design rationale should be one line of at most {RATIONALE_MAX_CHARS} "
                    f"characters (it has {length})",
                    "warning",
                )
        else:
            evidence += 1

    for k, source in enumerate(rb.sources):
        if source.id not in cited:
            report.problem(
                check,
                Located(("sources", k), f"source '{source.id}'", source.id),
                "is listed but never cited",
                "warning",
            )
    if rb.evidence_strength is None:
        report.problem(
            check,
            Located(("title",), "rulebook", None),
            "does not tell the board how strong its evidence is (no 'evidence_strength')",
            "warning",
        )
    check.stats = {"with_locator": located, "evidence_based": evidence, "design": design}
    return check
