"""The review paper: the board paper that reports back at the review date.

Made from the same decision record as the first paper, with the board paper's own blocks
(cover sheet, tables, headings, tagged for PDF/UA), so it reads as the first one did:

1. Executive summary: what was decided, what happened, the recommendation.
2. The decision under review: the proposal and the board's resolution.
3. Success measures: each target, the actual and whether it was met.
4. Actions: each condition and safeguard, its owner, due date and status.
5. The five factors, answered again, beside the answers at the decision.
6. The recommendation on the review, and the rules it rests on.
7. Recommendation: "The Board is asked to …".

Appendices: the review's reasoning trace, the strength of the evidence, the sources, and
the rulebook and record. ``syslead verify`` renders it again from the attached record
(the document information says it is a review paper) and compares it page by page.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from ... import APP_NAME
from ...domain.decision import PURPOSE_LABELS
from ...domain.review_report import FactorOut, ReviewReport
from ...engine.explain import number_word
from ..decision_file import decision_to_text
from ..review import PreparedReview
from .actions import actions_table
from .appendix import EVIDENCE, basis_cell, reasoning_trace
from .appendix import appendix as appendices
from .blocks import (
    NOT_RECORDED,
    OUR_FONT,
    TableWithEnds,
    banner,
    bullets,
    grid,
    heading,
    label_value,
    or_not_recorded,
    para,
)
from .body import answer_words, listed, rating_chip
from .cover import long_date, person
from .identity import trust_heading
from .printable import printable_decision
from .record import REVIEW_KIND, grouped
from .render import PaperMeta, write_paper
from .tagging import TableTags
from .theme import NHS_BLUE, Styles, esc

RESULT_COLOURS = {"met": "green", "partly_met": "amber", "not_met": "red"}
MOVE_WORDS = {"worse": "Weaker", "same": "No change", "better": "Stronger"}


def _date(text: str | None) -> str:
    import datetime as dt

    return long_date(dt.date.fromisoformat(text)) if text else NOT_RECORDED


def _counted(counts: dict[str, int], words: list[tuple[str, str]], verbs: bool = False) -> str:
    """ "two were met and one was partly met" (``verbs``), or "two met and one partly met"."""
    parts = []
    for key, word in words:
        n = counts.get(key, 0)
        if n:
            verb = ("was " if n == 1 else "were ") if verbs else ""
            parts.append(f"{number_word(n)} {verb}{word}")
    return listed(parts) if parts else ""


def measures_sentence(r: ReviewReport) -> str:
    """ "Of its three success measures, two were met and one was partly met.", "All three
    of its success measures were met.", "None of its three success measures was met." """
    n, c = len(r.measures), r.measure_counts
    if not n:
        return "No success measures were agreed when the decision was taken."
    words = [("met", "met"), ("partly_met", "partly met"), ("not_met", "not met")]
    for key, word in words:
        if c.get(key, 0) == n:
            if n == 1:
                return f"Its one success measure was {word}."
            if key == "not_met":
                return f"None of its {number_word(n)} success measures was met, even in part."
            return f"All {number_word(n)} of its success measures were {word}."
    return f"Of its {number_word(n)} success measures, {_counted(c, words, verbs=True)}."


def actions_sentence(r: ReviewReport) -> str:
    """ "Of its six actions, three are done, two are still open (both overdue) and one was
    dropped."; "All four of its actions are done." """
    c = r.action_counts
    m = len(r.actions)
    for key, said in (("done", "done"), ("dropped", "dropped"), ("open", "still open")):
        if c.get(key, 0) == m:
            verb = ("was" if m == 1 else "were") if key == "dropped" else "is" if m == 1 else "are"
            if m == 1:
                return f"Its one action {verb} {said}."
            return f"All {number_word(m)} of its actions {verb} {said}."
    if c.get("overdue", 0) == m:
        if m == 1:
            return "Its one action is still open, and overdue."
        return f"All {number_word(m)} of its actions are still open, and overdue."
    done, dropped = c.get("done", 0), c.get("dropped", 0)
    late, still = c.get("overdue", 0), c.get("open", 0) + c.get("overdue", 0)
    parts = []
    if done:
        parts.append(f"{number_word(done)} {'is' if done == 1 else 'are'} done")
    if still:
        if late == still:
            note = (
                " (overdue)"
                if still == 1
                else " (both overdue)"
                if still == 2
                else " (all overdue)"
            )
        elif late:
            note = f" ({number_word(late)} overdue)"
        else:
            note = ", none overdue"
        parts.append(f"{number_word(still)} {'is' if still == 1 else 'are'} still open{note}")
    if dropped:
        parts.append(f"{number_word(dropped)} {'was' if dropped == 1 else 'were'} dropped")
    return f"Of its {number_word(m)} action{'s' * (m > 1)}, {listed(parts)}."


def next_review(r: ReviewReport) -> bool:
    """Whether the paper proposes a further review: the date the chief executive entered,
    when the arrangement goes on (continued, or changed); an arrangement to stop has none."""
    return bool(r.next_review_date) and r.outcome in ("continue", "change")


def ask_text(r: ReviewReport) -> str:
    """The recommendation: what the Board is asked to do, as markup."""
    ask = r.board_ask.strip().rstrip(".")
    then = ""
    if next_review(r):
        then = f" It is asked to set the next review for {_date(r.next_review_date)}."
    return (
        "<b>The Board is asked to note this report on the success measures and actions of "
        f"“{esc(r.title)}”, and to {esc(ask)}.</b>{esc(then)}"
    )


# ---- the cover ------------------------------------------------------------------------------
def cover(prepared: PreparedReview, s: Styles, width: float, fingerprint: str) -> list[Flowable]:
    r, d = prepared.report, prepared.decision
    o = r.original
    paper = d.board_paper
    meeting_line = f"{r.meeting or 'Board of Directors'} ({paper.meeting_kind.capitalize()})"
    purposes = "   ".join(
        f"{'☒' if key == 'decision' else '☐'} {label}" for key, label in PURPOSE_LABELS.items()
    )
    decided = ", ".join(
        t
        for t in (
            f"{o.meeting}, {_date(o.meeting_date)}" if o.meeting else _date(o.meeting_date),
            f"agenda item {o.agenda_item}" if o.agenda_item else "",
        )
        if t
    )
    resolution = f"{o.outcome_label or 'Not recorded'}" + (
        f" on {_date(o.resolution_date)}" if o.resolution_date else ""
    )
    if o.minute_reference:
        resolution += f" (minute {o.minute_reference})"
    rows = [
        ("Meeting", meeting_line),
        ("Date of meeting", _date(r.meeting_date)),
        ("Agenda item", or_not_recorded(r.agenda_item)),
        ("Report title", f"Review: {r.title or 'Untitled decision'}"),
        ("Author", person(paper.author)),
        ("Executive lead", person(paper.executive_lead)),
        ("Purpose", purposes),
        (
            "Recommendation",
            para(f"{ask_text(r)} ({esc(r.outcome_label)})", s.cell, markup=True),
        ),
        ("Decision reviewed", decided or NOT_RECORDED),
        ("Board decision", resolution),
        ("Recommended then", o.stance_label),
        (
            "Review date",
            _date(d.framing.review_date.isoformat() if d.framing.review_date else None),
        ),
        *([("Next review proposed", _date(r.next_review_date))] if next_review(r) else []),
        ("Register id", (r.id or "")[:8] or NOT_RECORDED),
        ("Record fingerprint (SHA-256)", grouped(fingerprint)),
    ]
    reference = f"Agenda item {esc(r.agenda_item)} · " if r.agenda_item.strip() else ""
    return [
        *trust_heading(d.trust, s, width),
        banner(esc(meeting_line), s, NHS_BLUE, width),
        Spacer(1, 10),
        para(f"{reference}{esc(_date(r.meeting_date))}", s.subtitle, markup=True),
        para(f"Review: {r.title or 'Untitled decision'}", s.title),
        para(
            "Report back to the Board at the review date: what was promised, what has "
            "happened, and what the Board should do next",
            s.subtitle,
        ),
        label_value(rows, s, width),
        Spacer(1, 6),
        para(
            "Prepared with SysLead Desktop from the same decision record as the board paper "
            "it reports back on (the register keeps both under the register id above). The "
            "record is attached inside this PDF; the command ‘syslead verify’ checks it "
            "against the fingerprint above.",
            s.small,
        ),
        PageBreak(),
    ]


# ---- the body -------------------------------------------------------------------------------
def summary(r: ReviewReport, s: Styles) -> list[Flowable]:
    o = r.original
    when = f"on {_date(o.resolution_date)}" if o.resolution_date else ""
    minute = f" (minute {esc(o.minute_reference)})" if o.minute_reference else ""
    verb = "approved with amendments" if o.outcome == "approved_with_amendments" else "approved"
    text = (
        f"This paper reports back to the Board on “{esc(r.title)}”, which the Board {verb} "
        f"{esc(when)}{minute}, at the review date set then ({esc(_date(r.as_at))})."
    )
    out = [para(text, s.body, markup=True), para(measures_sentence(r), s.body)]
    if r.actions:
        out.append(para(actions_sentence(r), s.body))
    same = r.stance_now == o.stance
    out.append(
        para(
            f"Answered again, the five factors give the recommendation "
            f"<b>{esc(r.stance_now_label.lower())}</b>"
            + (
                ", as at the decision."
                if same
                else f" (at the decision: {esc(o.stance_label.lower())})."
            )
            + f" The recommendation on the review is to <b>{esc(r.outcome_label.lower())}</b>. "
            + esc(" ".join(rule.reason for rule in r.reasons) or r.outcome_summary),
            s.body,
            markup=True,
        )
    )
    return out


def decision_under_review(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    r, d = prepared.report, prepared.decision
    o = r.original
    rows = [
        ("Decision", r.title),
        ("Taken", ", ".join(t for t in (o.meeting, _date(o.meeting_date)) if t)),
        ("Agenda item", or_not_recorded(o.agenda_item)),
        ("Board decision", o.outcome_label or NOT_RECORDED),
        ("Minute reference", or_not_recorded(o.minute_reference)),
        ("Recommended then", o.stance_label),
    ]
    if o.amendments:
        rows.append(("Amendments", o.amendments))
    out: list[Flowable] = [para(or_not_recorded(d.framing.description), s.body)]
    out.append(label_value(rows, s, width))
    text = (d.review.summary if d.review else "").strip()
    out += [
        para("What has happened since, in the chief executive's words", s.h2),
        para(text or NOT_RECORDED, s.body),
    ]
    return out


def measures_section(r: ReviewReport, s: Styles, width: float) -> list[Flowable]:
    if not r.measures:
        return [
            para(
                "No success measures were agreed, so this review cannot show what the "
                "decision achieved against what was intended.",
                s.body,
            )
        ]
    rows: list[list[object]] = [["", "Measure", "Target", "Actual", "Result"]]
    for n, m in enumerate(r.measures, start=1):
        text = esc(m.text) + (
            f"<br/><font color='#4C6272'>{esc(m.comment)}</font>" if m.comment.strip() else ""
        )
        rows.append(
            [
                str(n),
                para(text, s.cell, markup=True),
                m.target or NOT_RECORDED,
                m.actual or NOT_RECORDED,
                rating_chip(m.result_label, RESULT_COLOURS.get(m.result or "", "grey"), s),
            ]
        )
    number = 8 * mm
    widths = [number, width * 0.4, width * 0.2, width * 0.2, width * 0.2 - number]
    return [
        para(
            "Each measure agreed when the decision was taken, its target, what happened, and "
            "whether it was met.",
            s.body,
        ),
        grid(rows, widths, s),
    ]


def actions_section(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    d, r = prepared.decision, prepared.report
    if not d.actions:
        return [para("The decision carried no conditions, safeguards or other actions.", s.body)]
    day = prepared.report.as_at
    import datetime as dt

    today = dt.date.fromisoformat(day) if day else None
    dropped = [a for a in d.actions if a.status == "dropped"]
    out: list[Flowable] = [
        para(
            "Each condition and safeguard the Board agreed, and each action added since, with "
            f"its owner and its status at the review date ({_date(r.as_at)}).",
            s.body,
        ),
        actions_table(d.actions, s, width, progress=True, today=today),
    ]
    if dropped:
        n = len(dropped)
        lead = "One action was" if n == 1 else f"{number_word(n).capitalize()} actions were"
        out.append(para(f"{lead} dropped; the reason is given beside each.", s.small))
    return out


def _move_chip(f: FactorOut, s: Styles) -> Flowable:
    if f.now is None:
        return para(NOT_RECORDED, s.cell)
    return rating_chip(f.now.label, f.now.colour, s)


def factors_section(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    r, rb = prepared.report, prepared.loaded.rulebook
    overview: list[list[object]] = [["Factor", "At the decision", "Now", "Change"]]
    for f in r.factors:
        overview.append(
            [
                f.title,
                rating_chip(f.then.label, f.then.colour, s),
                _move_chip(f, s),
                MOVE_WORDS.get(f.move or "", NOT_RECORDED),
            ]
        )
    out: list[Flowable] = [
        para(
            "Each factor's questions were answered again for this review. The table gives "
            "each factor's rating then and now; the sections that follow give the answers "
            "side by side, changed answers marked.",
            s.body,
        ),
        grid(overview, [width * 0.4, width * 0.2, width * 0.2, width * 0.2], s),
    ]
    for number, f in enumerate(r.factors, start=1):
        head = Table(
            [
                [
                    para(f"5.{number} {esc(f.title)}", s.h2, markup=True),
                    rating_chip(f.then.label, f.then.colour, s),
                    para("→", s.body),
                    _move_chip(f, s),
                ]
            ],
            colWidths=[width - 72 * mm, 32 * mm, 8 * mm, 32 * mm],
            renderCB=TableTags("layout"),
        )
        head.setStyle(
            TableStyle(
                [
                    OUR_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        rows: list[list[object]] = [["Question", "At the decision", "Now", ""]]
        for a in f.answers:
            question = rb.questions_by_id.get(a.question)
            then = answer_words(question, a.then) if question else a.then_label
            now = answer_words(question, a.now) if question else a.now_label
            rows.append(
                [
                    a.text,
                    then or NOT_RECORDED,
                    now or NOT_RECORDED,
                    para("<b>Changed</b>", s.cell, markup=True) if a.changed else "",
                ]
            )
        changed = sum(1 for a in f.answers if a.changed)
        tail: list[Flowable] = [
            Spacer(1, 4),
            para(
                (
                    f"<b>{number_word(changed).capitalize()} answer{'s' if changed != 1 else ''} "
                    "changed.</b> "
                    if changed
                    else "<b>No answer changed.</b> "
                )
                + f"Rated {esc(f.then.label.lower())} at the decision"
                + (f", {esc(f.now.label.lower())} now." if f.now else "."),
                s.body,
                markup=True,
            ),
            para(
                f"<b>Notes now:</b> {esc(f.notes_now.strip() or NOT_RECORDED)}",
                s.body,
                markup=True,
            ),
        ]
        out.append(
            TableWithEnds(
                [head, Spacer(1, 3)],
                rows,
                [width * 0.46, width * 0.19, width * 0.19, width * 0.16],
                s,
                tail,
            )
        )
    return out


def shortfalls(r: ReviewReport) -> list[str]:
    """What has not gone as the decision intended, one line each, from the record."""
    out = []
    for n, m in enumerate(r.measures, start=1):
        if m.result in ("partly_met", "not_met"):
            out.append(
                f"Success measure {n} {m.result_label.lower()}: {m.actual or 'no actual given'} "
                f"(target: {m.target or 'not recorded'})."
            )
    for n, a in enumerate(r.actions, start=1):
        if a.state == "overdue":
            who = f" and owned by {a.owner}" if a.owner else ""
            out.append(f"Action {n}, due {_date(a.due)}{who}, is overdue: {a.text}")
        elif a.state == "dropped":
            out.append(f"Action {n} dropped: {a.text} Reason: {a.reason}")
    for f in r.factors:
        if f.move == "worse" and f.now is not None:
            out.append(
                f"{f.title} is weaker: {f.then.label.lower()} at the decision, "
                f"{f.now.label.lower()} now."
            )
    return out


def outcome_section(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    r = prepared.report
    proposals = prepared.decision.review.proposals if prepared.decision.review else []
    short = shortfalls(r)
    out: list[Flowable] = [
        para(
            f"<b>{esc(r.outcome_label)}.</b> {esc(r.outcome_summary)}",
            s.body,
            markup=True,
        ),
        para("What has not gone as intended", s.h2),
        *bullets(short, s, empty="Nothing: every measure was met and every action is on track."),
        para("What is proposed", s.h2),
        *bullets(proposals, s, empty="No proposals are recorded for this review."),
        para("How the recommendation was reached", s.h2),
        para(
            "The review rules of the rulebook give this recommendation from how many measures "
            "were met, the actions' status at the review date, any factor now weaker than at "
            "the decision, and the recommendation the answers give now "
            f"({esc(r.stance_now_label.lower())}). The rules that decided it:",
            s.body,
            markup=True,
        ),
    ]
    rows: list[list[object]] = [["Rule", "Why", "Basis"]]
    for rule in r.reasons:
        rows.append([rule.id, rule.reason, basis_cell(rule.citations, rule.design, s)])
    out.append(grid(rows, [width * 0.22, width * 0.4, width * 0.38], s))
    return out


def body(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    r = prepared.report
    story: list[Flowable] = [*heading("1. Executive summary", s), *summary(r, s)]
    story += [*heading("2. The decision under review", s)]
    story += decision_under_review(prepared, s, width)
    story += [*heading("3. Success measures", s), *measures_section(r, s, width)]
    story += [*heading("4. Actions", s), *actions_section(prepared, s, width)]
    # The heading, its lead and the five-row table stay together: the table split, leaving
    # the last factor alone at the top of a page.
    page_break, title = heading("5. The five factors, answered again", s)
    lead, overview, *factors = factors_section(prepared, s, width)
    story += [page_break, KeepTogether([title, lead, overview]), *factors]
    story += [*heading("6. The recommendation on the review", s)]
    story += outcome_section(prepared, s, width)
    closing: list[Flowable] = [
        *heading("7. Recommendation", s)[1:],
        para(ask_text(r), s.body, markup=True),
    ]
    story.append(KeepTogether(closing))
    return story


def trace(prepared: PreparedReview, s: Styles, width: float) -> list[Flowable]:
    """Appendix A: the review rules that fired, then the rules that rate the factors now."""
    r, rb = prepared.report, prepared.loaded.rulebook
    rows: list[list[object]] = [["Rule", "Result", "Reason", "Basis"]]
    for rule in r.reasons:
        rows.append(
            [
                para(f"{esc(rule.id)}<br/><font size='8'>Review</font>", s.cell, markup=True),
                r.outcome_label,
                rule.reason,
                basis_cell(rule.citations, rule.design, s),
            ]
        )
    story: list[Flowable] = [
        PageBreak(),
        *heading("Appendix A. Reasoning trace", s),
        para(
            "The review rules that gave the recommendation on the review, and what each "
            f"rests on (<b>{EVIDENCE}</b>: a cited source supports it; <b>Tool design</b>: "
            "the rulebook's own judgement, with what it builds on and why).",
            s.body,
            markup=True,
        ),
        grid(rows, [width * 0.25, width * 0.13, width * 0.26, width * 0.36], s),
    ]
    now = prepared.now
    if now is not None:
        # the board paper's own trace of the rules that fired, for the answers given now
        rules = next(f for f in reasoning_trace(rb, now, s, width) if isinstance(f, Table))
        story += [
            para("The rules that rate the factors now", s.h2),
            para(
                "Every rule that fired for the answers given again in section 5, and what it "
                "rests on.",
                s.body,
            ),
            rules,
        ]
    return story


def resting(prepared: PreparedReview) -> str:
    r = prepared.report
    design = sum(1 for rule in r.reasons if rule.design is not None)
    if r.reasons and design == len(r.reasons):
        builds = [rule.design.builds_on for rule in r.reasons if rule.design is not None]
        basis = f"the rulebook's own design, building on {listed(list(dict.fromkeys(builds)))}"
    elif design:
        basis = "a cited source and on the rulebook's own design"
    else:
        basis = "a cited source"
    return (
        f"The recommendation on the review comes from the review rules in Appendix A, which "
        f"rest on {basis}. The study behind the rulebook did not follow any decision up, so "
        "no research says which results should lead a board to continue, change or stop: "
        "these are judgements for the Board, and the measures and actions in sections 3 and "
        "4 are the facts it has to weigh."
    )


def render_review_pdf(
    prepared: PreparedReview,
    record: bytes | None = None,
    check: Callable[[], None] | None = None,
) -> bytes:
    """The review paper as PDF bytes; the same record always gives the same bytes."""
    decision = prepared.decision
    if record is None:
        record = decision_to_text(decision).encode("utf-8")
    shown = printable_decision(decision)
    prepared = PreparedReview(shown, prepared.loaded, prepared.then, prepared.now, prepared.report)
    r = prepared.report
    rb = prepared.loaded.rulebook
    title = f"Review: {r.title or 'Untitled decision'}"
    meta = PaperMeta(
        title=title,
        reference=r.agenda_item.strip() or "Review paper",
        author=shown.board_paper.author.name or shown.board_paper.executive_lead.name or APP_NAME,
        subject=f"Review paper: {r.outcome_label}",
        keywords=["NHS", "board paper", "review", rb.id, r.outcome or ""],
        kind=REVIEW_KIND,
    )
    basis_of = prepared.now or prepared.then
    also = [(rule.citations, rule.design) for rule in r.reasons]

    def story(s: Styles, width: float, fingerprint: str) -> list[Flowable]:
        made = cover(prepared, s, width, fingerprint)
        made += body(prepared, s, width)
        made += appendices(
            rb,
            basis_of,
            s,
            width,
            fingerprint,
            trace=trace(prepared, s, width),
            resting=resting(prepared),
            also=also,
        )
        return made

    texts = (shown.model_dump_json(), rb.model_dump_json(), r.model_dump_json())
    return write_paper(shown, record, meta, story, texts, check)
