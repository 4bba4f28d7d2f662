"""Report writers: the per-case 自查表/核查表 and the aggregate workbook (Excel), and the 评查意见书 (PDF)."""

from desktop_app.reports.errors import ExportCancelled

__all__ = ["ExportCancelled"]
