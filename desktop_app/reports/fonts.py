"""The CJK font reports are set in, registered with reportlab once per process.

PDF viewers on a reviewer's machine may have no Chinese font, so the shipped WenQuanYi Micro Hei is embedded
(reportlab embeds TrueType fonts as subsets, keeping each PDF small).
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.core.datafile import resources_dir

CJK_FONT = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"


@cache
def register_cjk_font() -> str:
    """Register the font (the first face of the collection) and return its reportlab name."""
    path = resources_dir() / "fonts" / FONT_FILE
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(path), subfontIndex=0))
    # The collection has no bold or italic face; map them to the regular one so <b> in a paragraph still renders.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK_FONT, bold, italic, CJK_FONT)
    return CJK_FONT
