"""Render resources/icons/syslead.svg to the PNG sizes, the Windows .ico and the macOS .icns.

Run after changing the SVG:  .venv/bin/python packaging/make_icons.py
Every size is drawn from the SVG by QtSvg (sharper than scaling one big PNG down);
Pillow, which reportlab already needs, only packs them into .ico and .icns.
The outputs are committed, so builds need nothing but the repository.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows: Explorer, taskbar, Start menu
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS: 16-512 points at 1x and 2x


def render(size: int) -> bytes:
    """The SVG drawn at size x size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "syslead.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    rendered = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        (ICONS / f"syslead-{size}.png").write_bytes(rendered[size])
    images = {size: Image.open(io.BytesIO(png)).convert("RGBA") for size, png in rendered.items()}
    # BMP entries: the most widely read form (Inno Setup, older Explorer, PyInstaller).
    images[256].save(
        ICONS / "syslead.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
        bitmap_format="bmp",
    )
    images[1024].save(ICONS / "syslead.icns", append_images=[images[s] for s in ICNS_SIZES])
    del app
    print(f"wrote {len(PNG_SIZES)} PNGs, syslead.ico and syslead.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
