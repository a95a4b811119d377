"""Baseline for the start-up benchmark: a bare PySide6 QWizard holding one label.

It starts, shows the wizard and quits as soon as the first page is shown, with the same
logic as ``syslead-desktop --self-test``: a zero-delay timer queued after ``show()``
checks that the current page is visible, prints ``self-test ok`` and exits 0.
"""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

    app = QApplication([sys.argv[0]])
    wizard = QWizard()
    wizard.setWindowTitle("Bare wizard")
    page = QWizardPage()
    page.setTitle("First page")
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("A bare QWizard page holding one label."))
    wizard.addPage(page)
    wizard.show()

    def report() -> None:
        current = wizard.currentPage()
        ok = current is not None and current.isVisible()
        print("self-test ok" if ok else "self-test failed: no page shown", flush=True)
        app.exit(0 if ok else 1)

    QTimer.singleShot(0, report)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
