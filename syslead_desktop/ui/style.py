"""Colours and the application style sheet (sizes come from fonts, never fixed pixels)."""

from __future__ import annotations

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
TEXT = "#212B32"
SECONDARY = "#4C6272"
PALE = "#F0F4F5"
BORDER = "#D8DDE0"
RATING_COLOURS = {"red": "#D5281B", "amber": "#ED8B00", "green": "#007F3B", "grey": "#768692"}

STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QWizard, QWizardPage, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: #FFFFFF;
}}
QLabel#pageLead {{ color: {SECONDARY}; }}
QLabel#stepLabel {{ color: {SECONDARY}; padding: 0.2em 0.6em; }}
QLabel#stepLabel[current="true"] {{ color: #FFFFFF; background: {NHS_BLUE}; font-weight: bold;
    border-radius: 0.3em; }}
QLabel#stepLabel[done="true"] {{ color: {NHS_DARK_BLUE}; }}
QWidget#sidePanel {{ background: {PALE}; border-right: 1px solid {BORDER}; }}
QFrame#whyPanel {{ background: {PALE}; border-left: 0.3em solid {NHS_BLUE}; }}
QLabel#panelTitle {{ font-weight: bold; color: {NHS_DARK_BLUE}; }}
QLabel#reason {{ color: #8A1538; font-weight: bold; }}
QGroupBox {{ border: 1px solid {BORDER}; border-radius: 0.35em;
    margin-top: 0.5em; padding: 0.4em 0.6em 0.4em 0.6em; }}
QLabel#questionTitle {{ font-weight: bold; color: {NHS_DARK_BLUE}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 0.6em; padding: 0 0.3em;
    color: {NHS_DARK_BLUE}; }}
QRadioButton, QCheckBox {{ font-weight: normal; padding: 0.1em; }}
QRadioButton:focus, QCheckBox:focus {{ background: #FFEB3B; }}
QLineEdit, QPlainTextEdit, QDateEdit, QComboBox, QTextBrowser {{
    border: 1px solid {SECONDARY}; border-radius: 0.2em; padding: 0.2em; background: #FFFFFF; }}
QLineEdit:focus, QPlainTextEdit:focus, QDateEdit:focus, QComboBox:focus, QTextBrowser:focus {{
    border: 2px solid {NHS_BLUE}; }}
QPushButton {{ padding: 0.35em 1em; border-radius: 0.25em; border: 1px solid {SECONDARY};
    background: #FFFFFF; }}
QPushButton:default, QPushButton#primary {{ background: {NHS_BLUE}; color: #FFFFFF;
    border-color: {NHS_DARK_BLUE}; font-weight: bold; }}
QPushButton:disabled {{ color: #AEB7BD; border-color: {BORDER}; background: {PALE}; }}
QPushButton:focus {{ border: 2px solid #FFB81C; }}
"""
