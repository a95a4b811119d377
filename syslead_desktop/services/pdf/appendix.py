"""The appendices: the reasoning trace, the rulebook and record, the evidence."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from ...domain.assessment import Assessment
from ...domain.rulebook import Rulebook, Source
from .blocks import grid, heading, para
from .body import SUMMARY_SOURCE, number_word
from .record import grouped
from .theme import Styles, esc


def cited_sources(rulebook: Rulebook, a: Assessment) -> list[Source]:
    """The rulebook's sources that this paper cites, in the rulebook's order: those of the
    rules and safeguards in Appendix A, and the one the executive summary names."""
    cited = {c.source for r in a.rules for c in r.citations}
    cited |= {c.source for sg in a.safeguards for c in sg.citations}
    return [src for src in rulebook.sources if src.id in cited or src.short == SUMMARY_SOURCE]


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
    story: list[Flowable] = [
        PageBreak(),
        *heading("Appendix A. Reasoning trace", s),
        para("Every rule that fired, in the order applied.", s.body),
        grid(rows, [width * 0.22, width * 0.15, width * 0.14, width * 0.31, width * 0.18], s),
    ]
    if a.safeguards:
        story += [
            para("The actions in section 5", s.h2),
            para("Why each action in section 5 is included, and the evidence for it.", s.body),
            grid(
                [["", "Rule", "Why it is included", "Evidence"]]
                + [
                    [str(i), sg.id, sg.reason, "; ".join(c.text for c in sg.citations) or "None"]
                    for i, sg in enumerate(a.safeguards, start=1)
                ],
                [8 * mm, width * 0.3, width * 0.44 - 8 * mm, width * 0.26],
                s,
            ),
        ]
    record = grid(
        [
            ["Item", "Value"],
            ["Rulebook", f"{rulebook.title} ({a.rulebook.id})"],
            ["Version", a.rulebook.version],
            ["Content hash", a.rulebook.hash],
            ["Decision record fingerprint", f"SHA-256 {grouped(fingerprint)}"],
        ],
        [width * 0.3, width * 0.7],
        s,
    )
    breaks, title = heading("Appendix B. Rulebook and record", s)
    story += [breaks, KeepTogether([title, record])]  # a short table: never split
    story += [*heading("Appendix C. Evidence", s)]
    refs = cited_sources(rulebook, a)
    story += [
        para(
            f"<b>{esc(src.short)}.</b> {esc(src.reference)}"
            + (f" {esc(src.url)}" if src.url else ""),
            s.body,
            markup=True,
        )
        for src in refs
    ]
    story.append(
        para(
            ("Only the sources cited in this paper are listed" if refs else "No source is cited")
            + f"; the rulebook ({rulebook.title}, version {a.rulebook.version}) lists "
            f"{number_word(len(rulebook.sources))} in all.",
            s.small,
        )
    )
    return story
