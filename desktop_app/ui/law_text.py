"""The text of the articles a basis cites, shown where people read the basis (checklist walk, flag card, training).

A citation such as 《人民检察院刑事诉讼规则》第280条 only helps someone who knows the article; the statute library
ships the texts, so the reader sees what the article says without leaving the program or going online.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.core.laws import article_excerpts, excerpts_text

#: Shown in place of the text when no cited article is in the library.
NOT_IN_LIBRARY = QT_TRANSLATE_NOOP("law_text", "所引文件未收入程序自带的法条原文库，请查阅正式文本。")


class ArticleTextView(QPlainTextEdit):
    """Read-only text of the cited articles, each headed 《…》第N条; hidden when the basis cites nothing."""

    def __init__(self, parent: QWidget | None = None, *, max_height: int = 180) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumHeight(max_height)
        self.setStyleSheet("color: #424242; background: #fafafa;")
        self.setAccessibleName(self.tr("法条原文"))

    def set_basis(self, basis: str) -> None:
        text = excerpts_text(basis) if basis.strip() else ""
        self.setPlainText(
            self.tr("法条原文：\n{0}").format(text)
            if text
            else (
                self.tr("法条原文：{0}").format(QCoreApplication.translate("law_text", NOT_IN_LIBRARY))
                if basis.strip()
                else ""
            )
        )
        self.setVisible(bool(basis.strip()))
        self.verticalScrollBar().setValue(0)


def articles_html(basis: str) -> str:
    """The cited articles as small HTML blocks (for a QTextBrowser), or "" when none is in the library."""
    blocks = [
        f"<div style='color:#555; margin-left:12px;'><b>{html.escape(e.heading)}</b><br>"
        f"{html.escape(e.body).replace(chr(10), '<br>')}</div>"
        for e in article_excerpts(basis)
    ]
    return "".join(blocks)
