"""The register's sort arrow points down on a newest-first (descending) list and up on an ascending one."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionHeader

from desktop_app.ui.sort_arrow import SortArrowStyle
from tests.gui.windows import open_main_window

SIZE = 24


def arrow(style: QStyle, indicator: QStyleOptionHeader.SortIndicator) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionHeader()
    option.rect = QRect(0, 0, SIZE, SIZE)
    option.sortIndicator = indicator
    option.palette = QApplication.palette()
    painter = QPainter(image)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, option, painter)
    painter.end()
    return image


def ink_by_half(image: QImage) -> tuple[int, int]:
    """How many drawn pixels lie in the upper and in the lower half."""
    rows = [sum(1 for x in range(SIZE) if QColor(image.pixel(x, y)).lightness() < 200) for y in range(SIZE)]
    return sum(rows[: SIZE // 2]), sum(rows[SIZE // 2:])


def test_descending_draws_a_downward_arrow(qtbot, services) -> None:
    base = QApplication.style()
    style = SortArrowStyle()
    # QHeaderView asks for SortUp when the order is descending.
    descending = arrow(style, QStyleOptionHeader.SortIndicator.SortUp)
    ascending = arrow(style, QStyleOptionHeader.SortIndicator.SortDown)
    assert descending != arrow(base, QStyleOptionHeader.SortIndicator.SortUp), "Qt alone draws it the other way"
    assert descending == arrow(base, QStyleOptionHeader.SortIndicator.SortDown)
    top, bottom = ink_by_half(descending)
    assert top > bottom > 0 or (top > 0 and bottom == 0), "a ▼ is wide at the top"
    top, bottom = ink_by_half(ascending)
    assert bottom > top, "a ▲ is wide at the bottom"

    window = open_main_window(qtbot, services)
    header = window.table.horizontalHeader()
    assert isinstance(header.style(), SortArrowStyle)
    assert window.model.query.descending
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
