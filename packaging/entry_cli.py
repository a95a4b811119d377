"""Bundle entry point for the command line."""

from syslead_desktop.cli import run

run()
