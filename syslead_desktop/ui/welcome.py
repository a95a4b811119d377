"""The wizard's welcome text.

Nothing here touches the ``Qt`` namespace (``Qt.AlignmentFlag`` and the like): PySide6
builds all of its hundred-odd enum classes the first time any of them is used, which costs
about 20 ms. The same holds for everything shown before the rulebook is read (Home's
frame, ``home/view.py``): see tests/ui/test_startup_imports.py."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

WELCOME_TITLE = "Weigh a decision between your trust and the system"


def welcome_html(factors: list[tuple[str, str]] | None) -> str:
    """The welcome text; ``factors`` (title, summary) come from the rulebook once loaded."""
    if factors is None:
        listing = "<p><i>Loading the rulebook…</i></p>"
        research = (
            "<p>The questions are grouped under factors that gather the themes NHS trust "
            "chief executives raised in interviews about such decisions (Gordon 2021). "
            "The study did not test which factors make a decision succeed.</p>"
        )
    else:
        from html import escape  # only once the rulebook is read: keeps start-up light

        items = "".join(f"<li><b>{escape(t)}</b> — {escape(s)}</li>" for t, s in factors)
        listing = f"<ul>{items}</ul>"
        research = (
            "<p>The questions are grouped under these factors, which gather the themes "
            "ten NHS trust chief executives raised in interviews about such "
            "decisions (Gordon 2021, a preprint). The study did not test which factors "
            "make a decision succeed, so the recommendation is a check on your judgement, "
            "not a prediction:</p>"
        )
    return (
        "<p>Sometimes what is right for the wider health and care system costs your own "
        "trust something, or the other way round. This wizard takes you through one such "
        "decision and prepares a paper for your board.</p>"
        f"{research}{listing}"
        "<p>You will describe the decision, answer a few questions on each factor and see "
        "a recommendation with the conditions, safeguards and reasons behind it. It takes "
        "about 20 to 30 minutes. Your draft is saved as you go.</p>"
        "<p><b>Nothing leaves this computer.</b> SysLead does not use the internet, and "
        "your answers stay in files you choose.</p>"
    )


def welcome_body(factors: list[tuple[str, str]] | None) -> QLabel:
    body = QLabel(welcome_html(factors))  # starts with <p>: shown as rich text
    body.setWordWrap(True)
    body.setAccessibleName("About this wizard")
    return body
