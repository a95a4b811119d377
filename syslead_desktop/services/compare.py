"""Compare several teams' answers to the same decision, for a workshop facilitator.

One :class:`Comparison` feeds the projected comparison view, ``syslead compare`` and the
debrief paper: every team's recommendation and ratings, one row per question with each
team's answer and how far apart the answers lie on the question's ordered scale, and
warnings when the teams were not answering the same decision. A team that left
questions unanswered is kept, marked incomplete, with what it has still to answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..domain.rulebook import Citation, Question, Rulebook
from ..engine.conditions import Context, EngineError, Scales
from ..engine.evaluate import assess, missing_answers, rate_factor
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .decision_file import reconcile

RowKind = Literal["stance", "rating", "question"]


@dataclass(frozen=True)
class TeamResult:
    """One team's answers, fitted to the rulebook, with what can be worked out from them."""

    name: str
    decision: Decision
    source: str
    assessment: Assessment | None  # None while questions are unanswered
    ratings: dict[str, str]  # factor id -> rating id, for every factor fully answered
    missing: tuple[str, ...]  # ids of the required questions still unanswered
    notices: tuple[str, ...]  # what had to change to read it with this rulebook

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def title(self) -> str:
        return self.decision.framing.title


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a question, a factor's rating or the recommendation."""

    kind: RowKind
    id: str
    text: str
    section: str  # the factor's id, "framing", or "" for the recommendation
    keys: tuple[str | None, ...]  # per team: option, rating or stance id; None = not known
    values: tuple[str | None, ...]  # per team: its label
    ranks: tuple[int | None, ...]  # per team: position on the scale, 0 = least supportive
    scale: tuple[str, ...]  # every label on the scale, least supportive first
    ordered: bool

    @property
    def agreed(self) -> bool:
        """Every team that answered gave the same answer."""
        return len({k for k in self.keys if k is not None}) <= 1

    @property
    def unanswered(self) -> int:
        return sum(1 for k in self.keys if k is None)

    @property
    def spread(self) -> int:
        """Steps between the lowest and highest answer on the scale (for a plain choice,
        1 when the teams differ)."""
        ranks = [r for r in self.ranks if r is not None]
        if not ranks:
            return 0
        if not self.ordered:
            return 0 if self.agreed else 1
        return max(ranks) - min(ranks)

    @property
    def disagreement(self) -> float:
        """The spread as a share of the whole scale: 0 agreed, 1 from one end to the other."""
        steps = len(self.scale) - 1 if self.ordered else 1
        return self.spread / steps if steps > 0 else 0.0

    @property
    def distinct(self) -> int:
        return len({k for k in self.keys if k is not None})


@dataclass(frozen=True)
class WhyItMatters:
    """What a row is about, for the discussion: the factor's case and its evidence."""

    title: str  # the section's title, e.g. "Trust stability"
    why: str  # the factor's "why this matters"
    help: str  # the question's own help, if any
    citations: tuple[str, ...]  # e.g. "Gordon 2021, Table 2"
    sources: tuple[str, ...]  # the ids of the sources cited


@dataclass(frozen=True)
class Comparison:
    rulebook: Rulebook
    rulebook_hash: str
    teams: tuple[TeamResult, ...]
    rows: tuple[Row, ...]  # rulebook order: the recommendation, then section by section
    warnings: tuple[str, ...]

    def names(self, anonymous: bool = False) -> list[str]:
        """The teams' names, or "Team 1", "Team 2", … when shown anonymously."""
        if anonymous:
            return [f"Team {i + 1}" for i in range(len(self.teams))]
        return [t.name for t in self.teams]

    def warnings_for(self, anonymous: bool = False) -> list[str]:
        """The warnings, naming the teams as they are shown."""
        return _warnings(self.teams, self.names(anonymous))

    def questions(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "question"]

    def by_disagreement(self, rows: Sequence[Row] | None = None) -> list[Row]:
        """Widest spread first, then the most different answers; rulebook order after."""
        chosen = list(self.rows if rows is None else rows)
        order = {id(r): i for i, r in enumerate(chosen)}
        return sorted(chosen, key=lambda r: (-r.disagreement, -r.distinct, order[id(r)]))

    def for_discussion(self) -> list[Row]:
        """The rows in the order the room discusses them, on the projector and in
        ``syslead compare``'s text: the recommendation and each factor's rating (in the
        rulebook's order), then the questions, widest disagreement first."""
        summary = [r for r in self.rows if r.kind != "question"]
        return [*summary, *self.by_disagreement(self.questions())]

    def largest_disagreements(self, count: int = 5) -> list[Row]:
        """The questions the teams were furthest apart on (never one they agreed on)."""
        return [r for r in self.by_disagreement(self.questions()) if not r.agreed][:count]

    def missing_text(self, team: TeamResult) -> list[str]:
        """The unanswered questions' own words."""
        return [self.rulebook.questions_by_id[q].text for q in team.missing]

    def why(self, row: Row) -> WhyItMatters:
        return why_it_matters(self.rulebook, row)

    @property
    def disagreements(self) -> int:
        return sum(1 for r in self.rows if not r.agreed)


def stance_colour(rank: int, count: int) -> str:
    """A recommendation's colour by its place on the scale: the most cautious red, the
    most positive green, those between amber (always shown with its words too)."""
    if rank <= 0:
        return "red"
    return "green" if rank >= count - 1 else "amber"


def _team(name: str, decision: Decision, source: str, loaded: LoadedRulebook) -> TeamResult:
    rulebook = loaded.rulebook
    fitted = reconcile(decision, rulebook, loaded.hash)
    answers = fitted.decision.answers
    missing = tuple(missing_answers(rulebook, answers))
    prefix = f"{source}: " if source else f"{name}: "
    assessment = None
    ratings: dict[str, str] = {}
    try:
        if not missing:
            assessment = assess(rulebook, loaded.hash, answers, with_counterfactuals=False)
            ratings = {f.id: f.rating for f in assessment.factors}
        else:
            scales = Scales.of(rulebook)
            context = Context(answers, {})
            for factor in rulebook.factors:
                if not any(q.id in missing for q in factor.questions):
                    ratings[factor.id] = rate_factor(factor, context, scales).outcome
    except EngineError as exc:
        raise SysLeadError(f"{prefix}cannot assess ({exc})") from None
    return TeamResult(
        name, fitted.decision, source, assessment, ratings, missing, tuple(fitted.notices)
    )


def _question_row(question: Question, section: str, teams: Sequence[TeamResult]) -> Row:
    ranks = {o.id: i for i, o in enumerate(question.options)}
    keys = tuple(t.decision.answers.get(question.id) for t in teams)
    return Row(
        "question",
        question.id,
        question.text,
        section,
        keys,
        tuple(question.option(k).label if k else None for k in keys),
        tuple(ranks[k] if k else None for k in keys),
        tuple(o.label for o in question.options),
        question.ordered,
    )


def _rows(rulebook: Rulebook, teams: Sequence[TeamResult]) -> list[Row]:
    stance_rank = {s.id: i for i, s in enumerate(rulebook.stances)}
    stances = tuple(t.assessment.stance if t.assessment else None for t in teams)
    rows = [
        Row(
            "stance",
            "stance",
            "Recommendation",
            "",
            stances,
            tuple(rulebook.stance(s).label if s else None for s in stances),
            tuple(stance_rank[s] if s else None for s in stances),
            tuple(s.label for s in rulebook.stances),
            True,
        )
    ]
    rows += [_question_row(q, "framing", teams) for q in rulebook.framing.questions]
    rating_rank = {r.id: i for i, r in enumerate(rulebook.ratings)}
    for factor in rulebook.factors:
        rows += [_question_row(q, factor.id, teams) for q in factor.questions]
        keys = tuple(t.ratings.get(factor.id) for t in teams)
        rows.append(
            Row(
                "rating",
                factor.id,
                f"{factor.title}: rating",
                factor.id,
                keys,
                tuple(rulebook.rating(k).label if k else None for k in keys),
                tuple(rating_rank[k] if k else None for k in keys),
                tuple(r.label for r in rulebook.ratings),
                True,
            )
        )
    return rows


def _warnings(teams: Sequence[TeamResult], names: Sequence[str]) -> list[str]:
    """What the facilitator should know before trusting the comparison, naming the teams
    by ``names`` (so that anonymous teams stay anonymous): the files frame different
    decisions (by their titles), and each team's notices (another rulebook version)."""
    groups: dict[str, list[tuple[TeamResult, str]]] = {}
    for team, name in zip(teams, names, strict=True):
        key = " ".join(team.title.split()).casefold()
        groups.setdefault(key, []).append((team, name))
    warnings = []
    if len(groups) > 1:
        described = "; ".join(
            f"“{members[0][0].title.strip() or 'untitled'}” ({', '.join(n for _t, n in members)})"
            for members in groups.values()
        )
        warnings.append(f"the teams answered different decisions: {described}")
    for team, name in zip(teams, names, strict=True):
        for notice in team.notices:
            warnings.append(f"{name}: {notice.splitlines()[0]}")
    return warnings


def unique_names(names: Sequence[str]) -> list[str]:
    """``names`` with repeats told apart: "team-a", "team-a (2)"."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        result.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return result


def compare(teams: Sequence[tuple[str, Decision, str]], loaded: LoadedRulebook) -> Comparison:
    """Compare ``(name, decision, source)`` for each team, all read with one rulebook."""
    names = unique_names([name for name, _d, _s in teams])
    results = tuple(
        _team(name, decision, source, loaded)
        for name, (_n, decision, source) in zip(names, teams, strict=True)
    )
    warnings = _warnings(results, [team.name for team in results])
    return Comparison(
        loaded.rulebook,
        loaded.hash,
        results,
        tuple(_rows(loaded.rulebook, results)),
        tuple(warnings),
    )


def why_it_matters(rulebook: Rulebook, row: Row) -> WhyItMatters:
    """The case for a row's question (or factor), from the rulebook, with its sources."""
    cites: list[Citation] = []
    help_text = ""
    if row.kind == "stance":
        section = rulebook.framing
        title, why = "The recommendation", rulebook.framing.why_it_matters or ""
        cites = list(section.cite)
    elif row.section == "framing":
        question = rulebook.questions_by_id[row.id]
        title, why = rulebook.framing.title, rulebook.framing.why_it_matters or ""
        help_text = question.help or ""
        cites = [*question.cite, *rulebook.framing.cite]
    else:
        factor = rulebook.factor(row.section)
        title, why = factor.title, factor.why_it_matters
        if row.kind == "question":
            question = rulebook.questions_by_id[row.id]
            help_text = question.help or ""
            cites = list(question.cite)
        cites += factor.cite
    texts: list[str] = []
    for cite in cites:
        text = rulebook.cite_text(cite)
        if text not in texts:
            texts.append(text)
    sources = tuple(dict.fromkeys(c.source for c in cites))
    return WhyItMatters(
        title, " ".join(why.split()), " ".join(help_text.split()), tuple(texts), sources
    )
