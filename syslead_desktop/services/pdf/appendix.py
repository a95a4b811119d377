"""The appendices: the reasoning trace with each rule's basis, the rulebook and record,
the strength of the evidence, and the sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from ...domain.assessment import Assessment, CitationOut, DesignOut
from ...domain.rulebook import Citation, EvidencePoint, Rulebook, Source
from ...engine.explain import basis_sentence, number_word
from .blocks import grid, heading, para
from .body import SUMMARY_SOURCE
from .record import grouped
from .theme import GREY, Styles, esc

EVIDENCE = "Evidence"
DESIGN = "Tool design"


def _cites(citations: Sequence[CitationOut]) -> str:
    return "; ".join(c.text for c in citations)


def basis_cell(citations: Sequence[CitationOut], design: DesignOut | None, s: Styles) -> Paragraph:
    """What a rule or safeguard rests on, told apart at a glance: "Evidence" and the
    sources that support it, or "Tool design", what it builds on and why."""
    if design is not None:
        cited = _cites(design.citations)
        text = (
            f"<b>{DESIGN}</b>, building on {esc(design.builds_on)}"
            + (f" ({esc(cited)})" if cited else "")
            + f".<br/><font color='#{GREY.hexval()[2:]}'>Why: {esc(design.rationale)}</font>"
        )
    elif citations:
        text = f"<b>{EVIDENCE}</b><br/>{esc(_cites(citations))}"
    else:
        text = "<b>No basis given</b>"
    return para(text, s.cell, markup=True)


def cited_sources(
    rulebook: Rulebook, a: Assessment, also: Sequence[tuple[Sequence[CitationOut], Any]] = ()
) -> list[Source]:
    """The rulebook's sources that this paper cites, in the rulebook's order: those of the
    rules and safeguards in Appendix A (their evidence and what their design builds on),
    those of Appendix B, and the one the executive summary names. ``also``: the
    citations and design bases of anything else the paper's Appendix A lists."""
    outs = [*also, *((r.citations, r.design) for r in a.rules)]
    outs += [(sg.citations, sg.design) for sg in a.safeguards]
    cited = {c.source for cites, _d in outs for c in cites}
    cited |= {c.source for _c, d in outs if d is not None for c in d.citations}
    cited |= {c.source for c in _strength_citations(rulebook)}
    return [src for src in rulebook.sources if src.id in cited or src.short == SUMMARY_SOURCE]


def source_entry(src: Source, s: Styles) -> Flowable:
    """One entry of a list of sources: its short name in bold, the reference, and its web
    address on a line of its own as a link a reader can follow (``link``)."""
    reference = f"<b>{esc(src.short)}.</b> {esc(src.reference)}"
    if not src.url or not src.url.startswith(("https://", "http://")):
        return para(reference + (f" {esc(src.url)}" if src.url else ""), s.body, markup=True)
    tight = ParagraphStyle(f"{s.body.name}-reference", parent=s.body, spaceAfter=1)
    return KeepTogether([para(reference, tight, markup=True), link(src.url, s.body)])


def link(url: str, style: Any) -> Flowable:
    """A paragraph of one web address, underlined in NHS blue, that a reader can follow:
    tagged as a P holding a Link element with the address's text and the annotation
    (blocks.Para, tagging.Tagger.link), which describes itself as a link to it."""
    href = esc(url).replace('"', "&quot;")
    return para(
        f'<a href="{href}" color="#005EB8"><u>{esc(url)}</u></a>', style, markup=True, role="Link"
    )


def _strength_citations(rulebook: Rulebook) -> list[Citation]:
    strength = rulebook.evidence_strength
    if strength is None:
        return []
    points = [*strength.points, strength.weight]
    return [*strength.cite, *(c for p in points for c in p.cite)]


def _level(rulebook: Rulebook, level: str) -> str:
    return "Stance" if level == "stance" else rulebook.factor(level.removeprefix("factor:")).title


def reasoning_trace(rulebook: Rulebook, a: Assessment, s: Styles, width: float) -> list[Flowable]:
    """Appendix A: every rule that fired, and every action, with what each rests on."""
    rows: list[list[str | Flowable]] = [["Rule", "Result", "Reason", "Basis"]]
    for rule in a.rules:
        result = (
            rulebook.stance(rule.outcome).label
            if rule.level == "stance"
            else rulebook.rating(rule.outcome).label
        )
        rows.append(
            [
                para(
                    f"{esc(rule.id)}<br/><font size='8'>{esc(_level(rulebook, rule.level))}</font>",
                    s.cell,
                    markup=True,
                ),
                result,
                rule.reason,
                basis_cell(rule.citations, rule.design, s),
            ]
        )
    story: list[Flowable] = [
        PageBreak(),
        *heading("Appendix A. Reasoning trace", s),
        para(
            "Every rule that fired, in the order applied, and what it rests on. "
            f"<b>{EVIDENCE}</b> means a cited source supports the rule (the next appendix says "
            f"how much weight the sources can bear); <b>{DESIGN}</b> means the rule is the "
            "rulebook's own judgement, and the entry says what it builds on and why the line "
            "is drawn there. " + esc(basis_sentence(a.rules, "rules that fired")),
            s.body,
            markup=True,
        ),
        grid(rows, [width * 0.25, width * 0.13, width * 0.26, width * 0.36], s),
    ]
    if a.safeguards:
        story += [
            para("The actions in section 5", s.h2),
            para(
                "Why each action in section 5 is included, and what it rests on. "
                + basis_sentence(a.safeguards, "actions"),
                s.body,
            ),
            grid(
                [["", "Rule", "Why it is included", "Basis"]]
                + [
                    [str(i), sg.id, sg.reason, basis_cell(sg.citations, sg.design, s)]
                    for i, sg in enumerate(a.safeguards, start=1)
                ],
                [8 * mm, width * 0.27, width * 0.33 - 8 * mm, width * 0.4],
                s,
            ),
        ]
    return story


def _point(point: EvidencePoint, rulebook: Rulebook, s: Styles) -> Paragraph:
    cited = rulebook.cites_text(point.cite)
    return para(
        f"<b>{esc(point.title)}.</b> {esc(point.text)}" + (f" ({esc(cited)})" if cited else ""),
        s.body,
        markup=True,
    )


def _resting(rulebook: Rulebook, a: Assessment) -> str:
    """Which parts of this paper's recommendation rest on evidence and which on design."""
    ratings = [r for r in a.rules if r.level != "stance"]
    ratings_d = sum(1 for r in ratings if r.design is not None)
    stance = next((r for r in a.rules if r.level == "stance" and r.id == a.stance_rule), None)
    parts = [basis_sentence(a.rules, "rules applied in Appendix A")]
    if ratings and ratings_d == len(ratings):
        parts.append(
            "Every factor rating in section 4 comes from a rule of the rulebook's design, "
            "built on the themes the interviewees raised."
        )
    if stance is not None:
        how = "the rulebook's own design" if stance.design is not None else "a cited source"
        parts.append(
            f"The recommendation itself comes from rule {stance.id}, which rests on {how}."
        )
    if a.safeguards:
        parts.append(basis_sentence(a.safeguards, "actions in section 5"))
    return " ".join(parts)


def strength_of_evidence(
    rulebook: Rulebook, a: Assessment, s: Styles, resting: str | None = None
) -> list[Flowable]:
    """Appendix B: what the evidence is, its size and limits, which parts of this
    recommendation rest on it (``resting``: said another way, for another paper), and
    what that means for the weight the Board gives it."""
    strength = rulebook.evidence_strength
    story: list[Flowable] = [*heading("Appendix B. Strength of the evidence", s)]
    if strength is None:
        story.append(para("The rulebook in use does not say how strong its evidence is.", s.body))
    else:
        story += [_point(p, rulebook, s) for p in strength.points]
    story.append(
        para(
            f"<b>What this paper rests on.</b> {esc(resting or _resting(rulebook, a))}",
            s.body,
            markup=True,
        )
    )
    if strength is not None:
        story.append(_point(strength.weight, rulebook, s))
    return story


def appendix(
    rulebook: Rulebook,
    a: Assessment,
    s: Styles,
    width: float,
    fingerprint: str,
    trace: list[Flowable] | None = None,
    resting: str | None = None,
    also: Sequence[tuple[Sequence[CitationOut], Any]] = (),
) -> list[Flowable]:
    """Appendices A to D; the rulebook and record come last, so that the paper's last
    page, like its cover, carries the record's full fingerprint. The review paper gives
    its own Appendix A (``trace``, citing ``also``) and says what it rests on
    (``resting``)."""
    story = trace if trace is not None else reasoning_trace(rulebook, a, s, width)
    story += strength_of_evidence(rulebook, a, s, resting)
    story += [*heading("Appendix C. Sources", s)]
    refs = cited_sources(rulebook, a, also)
    story += [source_entry(src, s) for src in refs]
    story.append(
        para(
            ("Only the sources cited in this paper are listed" if refs else "No source is cited")
            + f"; the rulebook ({rulebook.title}, version {a.rulebook.version}) lists "
            f"{number_word(len(rulebook.sources))} in all.",
            s.small,
        )
    )
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
    breaks, title = heading("Appendix D. Rulebook and record", s)
    story += [breaks, KeepTogether([title, record])]  # a short table: never split
    return story
