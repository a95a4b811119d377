"""SysLead Desktop: reason through a trust-versus-system decision and brief the board."""

__version__ = "0.1.0"
APP_ID = "org.syslead.SysLeadDesktop"
APP_NAME = "SysLead Desktop"


def without_pydantic_plugins() -> None:
    """Called by both entry points before pydantic is imported.

    SysLead uses no pydantic plugins, and one that happens to be installed in the same
    environment (an observability plugin, say) must never see a decision: nothing leaves
    this computer. It also spares every start-up pydantic's scan of the entry points of
    all installed packages (10-20 ms).
    """
    import os

    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
