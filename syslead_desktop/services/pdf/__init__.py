"""PDF rendering of the board paper."""

from .render import render_pdf

__all__ = ["render_pdf"]
