"""Render resources/icons/syslead.svg to the PNG sizes and the Windows .ico.

Run after changing the SVG:  .venv/bin/python packaging/make_icons.py
The PNGs and the .ico are committed, so builds need nothing but the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "syslead.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"syslead-{size}.png"))
    big = QImage(str(ICONS / "syslead-256.png"))
    big.save(str(ICONS / "syslead.ico"))
    del app
    print(f"wrote {len(SIZES)} PNGs and syslead.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
