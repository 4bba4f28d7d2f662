"""Chinese text must never render as empty boxes, even on a machine with no CJK font installed.

The program ships WenQuanYi Micro Hei and registers it at start-up; the application font then names it first,
followed by the CJK fonts common on office machines, so Qt picks the first one present for every glyph.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.core.datafile import resources_dir

BUNDLED_FONT = "fonts/wqy-microhei.ttc"
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"]


def register_bundled_font() -> list[str]:
    """Add the shipped font to Qt's database; returns the families it provides (empty when it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / BUNDLED_FONT))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def install_fonts(app: QApplication) -> list[str]:
    """Register the bundled font and make the CJK family list the application default."""
    loaded = register_bundled_font()
    font = app.font()
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)
    return loaded
