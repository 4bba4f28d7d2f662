"""A header whose sort arrow points the way the list runs: down for newest- or largest-first, up for ascending.

Qt draws a descending sort as an upward arrow (QHeaderView maps Qt.DescendingOrder to SortUp), so a register
sorted newest-first showed ▲. This proxy style flips only the header arrow; sorting itself is untouched.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget

_FLIPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class SortArrowStyle(QProxyStyle):
    """The application's style, with the header sort arrow drawn the way a Chinese office user reads it."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                      widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = _FLIPPED.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def use_reading_sort_arrow(header: QHeaderView) -> SortArrowStyle:
    """Give `header` the flipped arrow; the style is parented to the header so it lives as long as the header."""
    style = SortArrowStyle()
    style.setParent(header)
    header.setStyle(style)
    return style
