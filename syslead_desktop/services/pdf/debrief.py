"""The workshop debrief: what each team recommended, where the teams disagreed most and
why that matters, the facilitator's prompts, and the whole comparison.

Built from the board paper's blocks and page furniture, without an attached record: the
debrief is a handout, not a decision. The same comparison always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from ... import APP_NAME
from ...domain.decision import Framing
from ...domain.practice import FacilitatorNotes
from ...engine.explain import number_word
from ..compare import Comparison, Row, TeamResult, stance_colour
from .appendix import source_entry
from .blocks import banner, bullets, grid, heading, label_value, or_not_recorded, para
from .body import listed
from .canvas import INSET, PageInfo, canvas_maker
from .cover import long_date
from .fonts import register_fonts
from .render import paper_template, tool_name
from .tagging import Tagger, xmp_metadata
from .theme import NHS_BLUE, PALE, Styles, esc, make_styles

# Rating words in their colour, dark enough to read as text (as on the review page).
RATING_TEXT = {"red": "#D5281B", "amber": "#8A5300", "green": "#007F3B", "grey": "#4C6272"}
TEAMS_PER_TABLE = 5
LARGEST = 5


class Debrief:
    """What the debrief says, gathered before it is laid out."""

    def __init__(
        self,
        comparison: Comparison,
        *,
        title: str,
        framing: Framing,
        notes: FacilitatorNotes | None,
        day: dt.date | None,
        anonymous: bool,
    ) -> None:
        self.comparison = comparison
        self.title = title
        self.framing = framing
        self.notes = notes
        self.day = day
        self.names = comparison.names(anonymous)
        self.warnings = comparison.warnings_for(anonymous)


def _rating(comparison: Comparison, rating_id: str | None) -> str:
    if rating_id is None:
        return "Not rated"
    rating = comparison.rulebook.rating(rating_id)
    colour = RATING_TEXT.get(rating.colour, RATING_TEXT["grey"])
    return (
        f'<font color="{colour}">●</font> <b><font color="{colour}">{esc(rating.label)}</font></b>'
    )


def _recommendation(d: Debrief, i: int) -> str:
    """A team's recommendation in its colour and words, as on the projector."""
    team = d.comparison.teams[i]
    if team.assessment is None:
        n = len(team.missing)
        return f"<b>Incomplete</b>: {number_word(n)} question{'s' * (n != 1)} unanswered"
    stance = next(r for r in d.comparison.rows if r.kind == "stance")
    colour = RATING_TEXT[stance_colour(stance.ranks[i] or 0, len(stance.scale))]
    return f'<b><font color="{colour}">{esc(team.assessment.stance_label)}</font></b>'


def _teams_section(d: Debrief, s: Styles, width: float) -> list[Flowable]:
    c = d.comparison
    story: list[Flowable] = [
        *heading("1. What each team recommended", s),
        para(
            f"The {number_word(len(c.teams))} teams were asked the same questions, and "
            "each team's answers were assessed with the same rulebook. Each factor is rated "
            "weak, mixed or strong; a factor with a question left unanswered is not rated.",
            s.body,
        ),
    ]
    first = width * 0.3
    words = _labels(c, ("stance", "rating"))
    for group in team_groups(c, s.cell.fontSize, width - first, words):
        each = (width - first) / len(group)
        rows: list[list[Any]] = [
            ["", *(d.names[i] for i in group)],
            ["Recommendation", *(para(_recommendation(d, i), s.cell, markup=True) for i in group)],
        ]
        for f in c.rulebook.factors:
            ratings = (c.teams[i].ratings.get(f.id) for i in group)
            rows.append([f.title, *(para(_rating(c, r), s.cell, markup=True) for r in ratings)])
        story += [grid(rows, [first, *([each] * len(group))], s), Spacer(1, 4)]
    for i, team in enumerate(c.teams):
        if team.missing:
            story.append(para(f"<b>{esc(d.names[i])}</b> {_gaps(c, team)}.", s.small, markup=True))
    for warning in d.warnings:
        story.append(para(f"<b>Note:</b> {esc(warning)}.", s.small, markup=True))
    return story


LISTED_GAPS = 5  # more unanswered questions than this are counted, not listed


def _gaps(c: Comparison, team: TeamResult) -> str:
    """What a team left unanswered: the questions themselves when there are a few (the
    whole comparison in section 4 shows the rest)."""
    asked = len(c.questions())
    if len(team.missing) >= asked:
        return "answered none of the questions"
    if len(team.missing) > LISTED_GAPS:
        left = number_word(len(team.missing))
        return f"left {left} of the {number_word(asked)} questions unanswered"
    return "did not answer: " + esc("; ".join(f"“{t}”" for t in c.missing_text(team)))


def _scale_strip(d: Debrief, row: Row, s: Styles, width: float) -> Flowable:
    """The question's scale from least to most supportive, each team under its answer; the
    stretch between the lowest and highest answers shaded."""
    by_option: list[list[str]] = [[] for _ in row.scale]
    for i, rank in enumerate(row.ranks):
        if rank is not None:
            by_option[rank].append(d.names[i])
    cells = [[", ".join(names) or "–" for names in by_option]]
    table = grid([list(row.scale), *cells], [width / len(row.scale)] * len(row.scale), s)
    ranks = [r for r in row.ranks if r is not None]
    if ranks and row.ordered:
        table.setStyle(TableStyle([("BACKGROUND", (min(ranks), 1), (max(ranks), 1), PALE)]))
    return table


def _spread_sentence(row: Row) -> str:
    if not row.ordered:
        return "the teams chose differently."
    ranks = [r for r in row.ranks if r is not None]
    low, high = row.scale[min(ranks)], row.scale[max(ranks)]
    steps = len(row.scale) - 1
    return (
        f"answers spread over {number_word(row.spread)} of the scale's {number_word(steps)} "
        f"steps, from “{low}” to “{high}”."
    )


def _no_disagreement(c: Comparison) -> str:
    """Why there is no disagreement to show: two blank files were said to have 'answered
    every question alike'."""
    answered = [len(r.keys) - r.unanswered for r in c.questions()]
    if all(n < 2 for n in answered):
        return "No question was answered by two teams or more, so there is nothing to compare yet."
    if all(n == len(c.teams) for n in answered):
        return "The teams answered every question alike."
    return "Where two teams or more answered a question, they answered it alike."


def _disagreements_section(d: Debrief, s: Styles, width: float) -> list[Flowable]:
    c = d.comparison
    largest = c.largest_disagreements(LARGEST)
    said = "2. Where the teams disagreed most" if largest else "2. How the teams' answers compare"
    *page_break, title = heading(said, s)
    story: list[Flowable] = list(page_break)
    if not largest:
        return [*story, title, para(_no_disagreement(c), s.body)]
    # the heading goes with the first disagreement, never alone at the foot of a page
    intro = [
        title,
        para(
            f"The {number_word(len(largest))} questions the teams were furthest apart on, "
            "widest first, with what the evidence says about each.",
            s.body,
        ),
    ]
    explained: dict[str, int] = {}  # each factor's case is given once, then referred to
    for n, row in enumerate(largest, start=1):
        why = c.why(row)
        block: list[Flowable] = [
            *(intro if n == 1 else []),
            para(f"2.{n} {row.text}", s.h2),
            para(f"{why.title}: {_spread_sentence(row)}", s.small),
            _scale_strip(d, row, s, width),
            Spacer(1, 4),
        ]
        if why.help:
            block.append(para(why.help, s.body))
        story.append(KeepTogether(block))
        if why.title in explained:
            first = explained[why.title]
            story.append(para(f"Why this matters: see 2.{first} ({why.title}).", s.body))
        else:
            explained[why.title] = n
            story.append(para(f"<b>Why this matters.</b> {esc(why.why)}", s.body, markup=True))
        if why.citations:
            story.append(para("Evidence: " + "; ".join(why.citations) + ".", s.small))
    return story


def _discussion_section(d: Debrief, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [*heading("3. For discussion", s)]
    notes = d.notes
    if notes is None:
        return [
            *story,
            para(
                "These answers are not from a practice scenario in the library, so there are "
                "no facilitator's notes. Start from the disagreements in section 2.",
                s.body,
            ),
        ]
    rb = d.comparison.rulebook
    story += [
        para(
            f"<b>What this scenario teaches.</b> {esc(' '.join(notes.teaches.split()))}",
            s.body,
            markup=True,
        ),
        para("Questions to put to the room", s.h2),
        *bullets(list(notes.prompts), s),
        para("What the discussion should reach", s.h2),
    ]
    story += bullets(
        [
            f"{' '.join(p.point.split())} ({'; '.join(rb.cite_text(c) for c in p.cite)})"
            for p in notes.evidence
        ],
        s,
    )
    return story


def _chunks(count: int, size: int) -> list[range]:
    """``count`` teams in tables of at most ``size``, as even as they can be (six in
    fives would leave one team alone in a table of its own)."""
    tables = max(1, -(-count // max(1, size)))
    base, extra = divmod(count, tables)
    groups, start = [], 0
    for n in range(tables):
        end = start + base + (n < extra)
        groups.append(range(start, end))
        start = end
    return groups


def team_groups(c: Comparison, size_pt: float, room: float, words: Sequence[str]) -> list[range]:
    """The teams in tables whose columns, sharing ``room`` points, each fit the longest of
    ``words`` (and of the teams' names) in bold: a word too wide for its column is broken
    across lines ('strengthe n'). Never more than TEAMS_PER_TABLE to a table."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .blocks import GRID_PAD
    from .fonts import BOLD

    longest = [w for text in [*words, *c.names(False)] for w in text.split()]
    need = max((stringWidth(w, BOLD, size_pt) for w in longest), default=0) + 2 * GRID_PAD + 2
    fit = max(1, min(TEAMS_PER_TABLE, int(room // need)))
    return _chunks(len(c.teams), fit)


def _labels(c: Comparison, kinds: Sequence[str]) -> list[str]:
    """Every text a team's cell can hold, for rows of these kinds."""
    texts = ["Incomplete:", "unanswered", "Not answered", "Not rated"]
    for row in c.rows:
        if row.kind in kinds:
            texts += row.scale
    return texts


def _comparison_section(d: Debrief, s: Styles, width: float) -> list[Flowable]:
    c = d.comparison
    story: list[Flowable] = [
        *heading("4. The whole comparison", s),
        para(
            "Every question in the rulebook's order, with each team's answer. "
            "≠ marks the lines where the teams differ.",
            s.body,
        ),
    ]
    mark, text = 5 * mm, width * 0.34
    words = _labels(c, ("stance", "rating", "question"))
    for group in team_groups(c, s.cell.fontSize, width - mark - text, words):
        each = (width - mark - text) / len(group)
        rows: list[list[Any]] = [["", "Question", *(d.names[i] for i in group)]]
        for row in c.rows:
            values = []
            for i in group:
                if row.kind == "stance":
                    values.append(para(_recommendation(d, i), s.cell, markup=True))
                elif row.kind == "rating":
                    values.append(para(_rating(c, row.keys[i]), s.cell, markup=True))
                else:
                    values.append(row.values[i] or "Not answered")
            bold = row.kind != "question"
            label = para(f"<b>{esc(row.text)}</b>" if bold else esc(row.text), s.cell, markup=True)
            rows.append(["" if row.agreed else "≠", label, *values])
        story += [grid(rows, [mark, text, *([each] * len(group))], s), Spacer(1, 8)]
    return story


def _sources(d: Debrief, s: Styles) -> list[Flowable]:
    rb = d.comparison.rulebook
    cited = {source for row in d.comparison.rows for source in d.comparison.why(row).sources}
    if d.notes:
        cited |= {c.source for p in d.notes.evidence for c in p.cite}
    story: list[Flowable] = [*heading("Sources", s)]
    story += [source_entry(src, s) for src in rb.sources if src.id in cited]
    story.append(
        para(
            "The questions group themes that NHS trust chief executives raised in interviews "
            "(Gordon 2021, a preprint reporting ten interviews); the study did not test which "
            "factors make a decision succeed. The scenario is fictional.",
            s.small,
        )
    )
    return story


def _opening(d: Debrief, s: Styles, width: float) -> list[Flowable]:
    c = d.comparison
    f = d.framing
    teams = listed(d.names)
    return [
        banner("Workshop debrief", s, NHS_BLUE, width),
        Spacer(1, 10),
        para(long_date(d.day) if d.day else "", s.subtitle),
        para(d.title, s.title),
        para(f"{number_word(len(c.teams)).capitalize()} teams: {teams}", s.subtitle),
        label_value(
            [
                ("The decision", or_not_recorded(f.title)),
                ("What is proposed", or_not_recorded(f.description)),
                ("Cost to the trust", or_not_recorded(f.cost_to_trust)),
                ("Benefit to the population", or_not_recorded(f.benefit_to_population)),
                ("Rulebook", f"{c.rulebook.title} (version {c.rulebook.version})"),
            ],
            s,
            width,
        ),
    ]


def render_debrief(debrief: Debrief) -> bytes:
    """The debrief as PDF bytes; the same inputs always give the same bytes."""
    c = debrief.comparison
    texts: Sequence[str] = [
        debrief.title,
        debrief.framing.model_dump_json(),
        " ".join(debrief.names),
        *(t.decision.model_dump_json() for t in c.teams),
        c.rulebook.model_dump_json(),
        debrief.notes.model_dump_json() if debrief.notes else "",
        *debrief.warnings,
    ]
    register_fonts(*texts)
    styles = make_styles()
    buffer = io.BytesIO()
    title = f"Workshop debrief: {debrief.title}"
    subject = "Workshop debrief"
    keywords = ["NHS", "workshop", "debrief", "system leadership", c.rulebook.id]
    doc = paper_template(buffer, title=title, author=APP_NAME, subject=subject, keywords=keywords)
    width = doc.width - 2 * INSET
    story = _opening(debrief, styles, width)
    story += _teams_section(debrief, styles, width)
    story += _disagreements_section(debrief, styles, width)
    story += _discussion_section(debrief, styles)
    story += _comparison_section(debrief, styles, width)
    story += _sources(debrief, styles)
    info = PageInfo(
        debrief.title,
        "Workshop debrief",
        "",
        False,
        b"",
        debrief.day,
        footer=f"Workshop debrief prepared with {APP_NAME} · practice only, not a board decision",
    )
    xmp = xmp_metadata(title, APP_NAME, subject, keywords, tool_name(), debrief.day)
    doc.build(story, canvasmaker=canvas_maker(info, Tagger(), xmp))
    return buffer.getvalue()
