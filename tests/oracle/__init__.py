"""The engine's enumerations as they were before #19 (issue: a rule engine that scales
with the rulebook), kept only as test oracles: the equivalence tests check that the
product, which works over classes of values, gives exactly what they give.  They grow
with every answer combination, so they are run on small rulebooks only, and nothing in
syslead_desktop imports them."""

from syslead_desktop.engine.loader import LoadedRulebook
from syslead_desktop.engine.verify import TableChecks, verify_with
from syslead_desktop.engine.verify_report import VerifyReport

from . import verify_reach, verify_tables

BY_ENUMERATION = TableChecks(
    verify_tables.enumerated_tables,
    verify_tables.completeness,
    verify_tables.consistency,
    verify_tables.monotonicity,
    verify_reach.reachability,
)


def verify_by_enumeration(loaded: LoadedRulebook) -> VerifyReport:
    """``syslead rules check`` as it was: every combination enumerated."""
    return verify_with(loaded, BY_ENUMERATION)
