"""The verifier's report: checks, problems with file/line/rule, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One finding.  ``rule`` is the id of the rule, safeguard, question, factor, stance
    or source it is about (None when it is about the rulebook as a whole)."""

    severity: Severity
    message: str
    file: str
    line: int | None
    rule: str | None

    @property
    def located(self) -> str:
        """``file:line: message``, the form editors and CI logs understand."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def text(self) -> str:
        """One line for people: ``file:line: severity: message``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "message": self.located,
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
        }


@dataclass
class Check:
    name: str
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.skipped is None and not any(p.severity == "error" for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
            "stats": self.stats,
        }
        if self.skipped:
            data["skipped"] = self.skipped
        return data


@dataclass
class VerifyReport:
    rulebook: dict[str, str]
    checks: list[Check]
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook,
            "ok": self.ok,
            "checks": [c.to_json() for c in self.checks],
            "seconds": round(self.seconds, 3),
        }

    def to_text(self, verbose: bool = False) -> str:
        """A ✓/✗ line per check with its counts, then each error and warning on one line
        (notes too when ``verbose``)."""
        rb = self.rulebook
        lines = [f"{rb['path']}: {rb['id']} {rb['version']} ({rb['hash']})"]
        notes = 0
        for check in self.checks:
            mark = "✓" if check.ok else "✗"
            stats = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in check.stats.items())
            status = f"skipped: {check.skipped}" if check.skipped else stats
            lines.append(f"  {mark} {check.name:<13} {status}")
            for problem in check.problems:
                if problem.severity == "info" and not verbose:
                    notes += 1
                    continue
                lines.append(f"      {problem.text()}")
        errors = sum(p.severity == "error" for c in self.checks for p in c.problems)
        warnings = sum(p.severity == "warning" for c in self.checks for p in c.problems)
        verdict = "passes" if self.ok else "FAILS"
        lines.append(
            f"The rulebook {verdict}: {errors} error(s), {warnings} warning(s), "
            f"checked in {self.seconds:.2f} s."
        )
        if notes:
            lines.append(f"{notes} note(s) not shown (accepted exceptions and the like): use -v.")
        return "\n".join(lines)
