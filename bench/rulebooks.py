"""Generate large rulebooks, written the way a trust adapting the shipped one would write
them, for the engine benchmarks (bench/engine_bench.py, docs/benchmarks.md).

Each factor is rated as the shipped factors are: *weak* when any answer is at the bottom
of its scale, *strong* when every answer reaches a threshold of its own, *mixed*
otherwise.  So every question is read twice and its options fall into three classes,
which is as much as a hand-written factor tells apart.  The stance rules count weak
factors and ask for every factor strong, as the shipped ones do, and the safeguards read
answers, ratings and the stance.  Everything is seeded, so a size always gives the same
rulebook.

    python bench/rulebooks.py 12,4,4,4,4 --options 5 -o big.yaml   # one factor of 12
    python bench/rulebooks.py 10x10 --options 5 -o wide.yaml       # 10 factors of 10
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

CITE = [{"source": "generated", "locator": "design"}]
RATINGS = [
    {"id": "weak", "label": "Weak", "colour": "red"},
    {"id": "mixed", "label": "Mixed", "colour": "amber"},
    {"id": "strong", "label": "Strong", "colour": "green"},
]
STANCES = ["do_not_proceed", "defer", "proceed_with_conditions", "proceed"]


def _options(prefix: str, count: int) -> list[dict[str, str]]:
    return [{"id": f"{prefix}_{k}", "label": f"Level {k + 1} of {count}"} for k in range(count)]


def _question(ident: str, options: int) -> dict[str, Any]:
    return {
        "id": ident,
        "text": f"How does the trust stand on {ident}?",
        "options": _options(ident, options),
    }


def _factor(index: int, questions: int, options: int, rng: random.Random) -> dict[str, Any]:
    fid = f"factor{index + 1}"
    asked = [_question(f"{fid}_q{k + 1}", options) for k in range(questions)]
    bottom = [{"question": q["id"], "is": q["options"][0]["id"]} for q in asked]
    reach = [
        {
            "question": q["id"],
            "at_least": q["options"][rng.randint(min(2, options - 1), options - 1)]["id"],
        }
        for q in asked
    ]
    rule = {"reason": "Generated for the benchmarks.", "cite": CITE}
    return {
        "id": fid,
        "title": f"Factor {index + 1}",
        "summary": "A generated factor.",
        "why_it_matters": "It is generated for the engine benchmarks.",
        "questions": asked,
        "rules": [
            {"id": f"R-F{index + 1}-WEAK", "when": {"any": bottom}, "rating": "weak", **rule},
            {"id": f"R-F{index + 1}-STRONG", "when": {"all": reach}, "rating": "strong", **rule},
            {"id": f"R-F{index + 1}-MIXED", "otherwise": True, "rating": "mixed", **rule},
        ],
    }


def _stance_rules(factor_ids: Sequence[str]) -> list[dict[str, Any]]:
    weak = [{"factor": f, "is": "weak"} for f in factor_ids]
    strong = {"all": [{"factor": f, "is": "strong"} for f in factor_ids]}
    some = {"question": "clinical_benefit", "at_least": "uncertain"}
    clear = {"question": "clinical_benefit", "at_least": "clear"}
    affordable = {"question": "cost_to_trust", "at_least": "moderate"}
    rule = {"reason": "Generated for the benchmarks.", "cite": CITE}
    return [
        {
            "id": "S-NO-BENEFIT",
            "when": {"question": "clinical_benefit", "is": "none"},
            "stance": "do_not_proceed",
            **rule,
        },
        {
            "id": "S-TWO-WEAK",
            "when": {"all": [some, {"count": weak, "at_least": 2}]},
            "stance": "do_not_proceed",
            **rule,
        },
        {
            "id": "S-ONE-WEAK",
            "when": {"all": [some, {"count": weak, "at_least": 1, "at_most": 1}]},
            "stance": "defer",
            **rule,
        },
        {
            "id": "S-UNPROVEN",
            "when": {
                "all": [
                    {"question": "clinical_benefit", "is": "uncertain"},
                    {"count": weak, "at_most": 0},
                ]
            },
            "stance": "defer",
            **rule,
        },
        {
            "id": "S-PROCEED",
            "when": {"all": [clear, strong, affordable]},
            "stance": "proceed",
            **rule,
        },
        {
            "id": "S-CONDITIONS",
            "when": {
                "all": [
                    clear,
                    {"count": weak, "at_most": 0},
                    {"not": {"all": [strong, affordable]}},
                ]
            },
            "stance": "proceed_with_conditions",
            **rule,
        },
    ]


def _safeguards(factors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    plain = {
        "owner": "Chief executive",
        "timing": "Before the board meets",
        "reason": "Generated.",
        "cite": CITE,
    }
    for factor in factors:
        first = factor["questions"][0]
        found.append(
            {
                "id": f"C-{factor['id']}-RATING",
                "text": "Strengthen this factor.",
                "when": {"factor": factor["id"], "at_most": "mixed"},
                **plain,
            }
        )
        found.append(
            {
                "id": f"C-{factor['id']}-ANSWER",
                "text": "Look again at the first answer.",
                "when": {"question": first["id"], "at_most": first["options"][1]["id"]},
                **plain,
            }
        )
    found.append(
        {
            "id": "C-SEVERE-COST",
            "text": "Agree how a severe cost will be carried.",
            "when": {
                "all": [
                    {"stance": {"at_least": "proceed_with_conditions"}},
                    {"question": "cost_to_trust", "is": "severe"},
                ]
            },
            **plain,
        }
    )
    return found


def generate(questions: Sequence[int], options: int = 5, seed: int = 19) -> dict[str, Any]:
    """A rulebook with one factor for each entry of ``questions`` (its number of
    questions), every question having ``options`` options."""
    rng = random.Random(seed)
    factors = [_factor(i, count, options, rng) for i, count in enumerate(questions)]
    framing = [
        {
            "id": "clinical_benefit",
            "text": "What benefit to patients is expected?",
            "options": [
                {"id": o, "label": o.title()} for o in ("none", "uncertain", "clear", "substantial")
            ],
        },
        {
            "id": "cost_to_trust",
            "text": "What would it cost the trust?",
            "options": [
                {"id": o, "label": o.title()}
                for o in ("severe", "significant", "moderate", "minimal")
            ],
        },
    ]
    return {
        "schema_version": 1,
        "id": "generated",
        "version": "1.0.0",
        "title": f"Generated rulebook ({', '.join(map(str, questions))} questions)",
        "ratings": RATINGS,
        "stances": [
            {
                "id": s,
                "label": s.replace("_", " ").capitalize(),
                "summary": "Generated.",
                "board_ask": "note the generated stance",
            }
            for s in STANCES
        ],
        "framing": {"questions": framing},
        "factors": factors,
        "stance_rules": _stance_rules([f["id"] for f in factors]),
        "safeguards": _safeguards(factors),
        "sources": [
            {
                "id": "generated",
                "short": "Generated",
                "reference": "Generated for the engine benchmarks.",
                "locators": ["design"],  # the one place its citations point to
            }
        ],
    }


def write(path: Path, questions: Sequence[int], options: int = 5) -> Path:
    path.write_text(
        yaml.safe_dump(generate(questions, options), sort_keys=False, width=100), encoding="utf-8"
    )
    return path


def parse_sizes(text: str) -> list[int]:
    """``12,4,4`` (questions in each factor) or ``10x10`` (10 factors of 10)."""
    if "x" in text:
        factors, questions = text.split("x")
        return [int(questions)] * int(factors)
    return [int(n) for n in text.split(",")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rulebooks.py", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=parse_sizes, help="questions per factor: 12,4,4 or 10x10")
    parser.add_argument("--options", type=int, default=5, help="options per question")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    write(args.output, args.sizes, args.options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
