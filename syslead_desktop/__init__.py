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
    import sys
    import types

    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    # With plugins off, pydantic's loader still imports importlib.metadata (20-30 ms:
    # email, zipfile, csv...) only to return no plugins. Its one function that pydantic
    # calls, get_plugins(), is stood in for by one that returns none. Should pydantic
    # move the loader, this goes unused and the variable above still turns plugins off.
    if "pydantic.plugin._loader" not in sys.modules:
        loader = types.ModuleType("pydantic.plugin._loader", "Stand-in: plugins are off.")
        loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = loader


def _no_plugins(*_args: object, **_kwargs: object) -> tuple[()]:
    return ()


def pause_collector() -> bool:
    """Pause Python's cyclic garbage collector while a command or the window starts up.

    Start-up creates tens of thousands of objects that live until the process ends:
    pydantic's validators, reportlab's tables, Qt's wrappers. The collector would walk
    them again and again (about a sixth of ``syslead render``) and find almost nothing
    to free; reference counting still frees everything else at once. Measured on
    ``syslead render`` and ``syslead rules check``: peak memory grows by under 1 MiB.
    Returns whether the collector was running, for :func:`resume_collector`.
    """
    import gc

    running = gc.isenabled()
    gc.disable()
    return running


def resume_collector(running: bool = True, *, freeze: bool = False) -> None:
    """Undo :func:`pause_collector`; ``freeze`` first moves every object made so far
    out of the collector's sight (``gc.freeze``), so that later collections in a
    long-running window skip what start-up built."""
    import gc

    if freeze:
        gc.freeze()
    if running:
        gc.enable()
