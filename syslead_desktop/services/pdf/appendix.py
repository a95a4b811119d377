"""The appendices: the reasoning trace, the rulebook and record, the evidence."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from ...domain.assessment import Assessment
from ...domain.rulebook import Rulebook
from .blocks import grid, heading, para
from .record import grouped
from .theme import Styles, esc


def appendix(
    rulebook: Rulebook, a: Assessment, s: Styles, width: float, fingerprint: str
) -> list[Flowable]:
    rows = [["Rule", "Level", "Result", "Reason", "Evidence"]]
    for rule in a.rules:
        level = (
            "Stance"
            if rule.level == "stance"
            else rulebook.factor(rule.level.removeprefix("factor:")).title
        )
        rows.append(
            [
                rule.id,
                level,
                (
                    rulebook.stance(rule.outcome).label
                    if rule.level == "stance"
                    else rulebook.rating(rule.outcome).label
                ),
                rule.reason,
                "; ".join(c.text for c in rule.citations) or "None",
            ]
        )
    cited = sorted(
        {c.source for r in a.rules for c in r.citations}
        | {c.source for sg in a.safeguards for c in sg.citations}
    )
    refs = [src for src in rulebook.sources if src.id in cited] or list(rulebook.sources)
    story: list[Flowable] = [
        PageBreak(),
        *heading("Appendix A. Reasoning trace", s),
        para("Every rule that fired, in the order applied.", s.body),
        grid(rows, [width * 0.22, width * 0.15, width * 0.14, width * 0.31, width * 0.18], s),
    ]
    story += [
        *heading("Appendix B. Rulebook and record", s),
        grid(
            [
                ["Item", "Value"],
                ["Rulebook", f"{rulebook.title} ({a.rulebook.id})"],
                ["Version", a.rulebook.version],
                ["Content hash", a.rulebook.hash],
                ["Decision record fingerprint", f"SHA-256 {grouped(fingerprint)}"],
            ],
            [width * 0.3, width * 0.7],
            s,
        ),
    ]
    story += [*heading("Appendix C. Evidence", s)]
    story += [
        para(
            f"<b>{esc(src.short)}.</b> {esc(src.reference)}"
            + (f" {esc(src.url)}" if src.url else ""),
            s.body,
            markup=True,
        )
        for src in refs
    ]
    return story
