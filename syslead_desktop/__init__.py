"""SysLead Desktop: reason through a trust-versus-system decision and brief the board."""

__version__ = "0.1.0"
APP_ID = "org.syslead.SysLeadDesktop"
APP_NAME = "SysLead Desktop"
