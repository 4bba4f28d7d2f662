"""Importing case files, and exporting cases (JSON) or scorecards (Excel/PDF), as background jobs.

Each job runs through `workers.run_in_background`, so the window keeps painting, a progress bar appears for long
runs and Cancel stops the job: an import is rolled back whole, a scorecard export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import CASE_TYPES
from desktop_app.core.case_format import dump_case
from desktop_app.services.cases import CaseQuery, safe_file_name
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.exports import export_scorecards
from desktop_app.ui.errors import report_exception, show_service_error
from desktop_app.ui.workers import CancelledFn, Job, JobCancelled, ProgressFn, run_in_background

CASE_FILE_FILTER = QT_TRANSLATE_NOOP("export_dialogs", "案件文件 (*.json *.xlsx);;JSON 案件文件 (*.json);;Excel 案件登记表 (*.xlsx)")
CONTENTS: dict[str, str] = {
    "json": QT_TRANSLATE_NOOP("export_dialogs", "案件数据（JSON 文件，每案一个）"),
    "xlsx": QT_TRANSLATE_NOOP("export_dialogs", "评查表（Excel）"),
    "pdf": QT_TRANSLATE_NOOP("export_dialogs", "评查表（PDF）"),
}
LAYOUTS: dict[str, str] = {
    "per_case": QT_TRANSLATE_NOOP("export_dialogs", "每案一个文件"),
    "combined": QT_TRANSLATE_NOOP("export_dialogs", "合并为一个文件（Excel 为汇总工作簿）"),
}
SETTINGS_FOLDER_KEY = "export/folder"


def show_info(parent: QWidget | None, title: str, text: str, folder: Path | None = None) -> QMessageBox:
    """A non-blocking notice; with `folder`, a button opens it in the file manager."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    if folder is not None:
        open_button = box.addButton(
            QCoreApplication.translate("export_dialogs", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole
        )
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _cancellable(progress: ProgressFn, cancelled: CancelledFn) -> ProgressFn:
    """A progress callback that stops the service that calls it (rolling back its transaction) on Cancel."""

    def report(done: int, total: int) -> None:
        progress(done, total)
        if cancelled():
            raise JobCancelled()

    return report


# --- import -------------------------------------------------------------------------------------------------------
def start_import(parent: QWidget | None, services: Services, paths: Sequence[Path],
                 on_done: Callable[[int], None] | None = None) -> Job:
    """Import case files all-or-nothing in the background; problems in the files are listed in one message."""

    warnings: list[str] = []  # answers for items the checklist does not have: imported, and the person told

    def job(progress: ProgressFn, cancelled: CancelledFn) -> int:
        return services.cases.import_files(services.actor, list(paths), progress=_cancellable(progress, cancelled),
                                           warn=warnings.append)

    def succeeded(count: int) -> None:
        notes = (
            "\n\n"
            + "\n".join(warnings[:10])
            + (
                QCoreApplication.translate("export_dialogs", "\n…另有 {0} 处").format(len(warnings) - 10)
                if len(warnings) > 10
                else ""
            )
            if warnings
            else ""
        )
        show_info(
            parent,
            QCoreApplication.translate("export_dialogs", "导入完成"),
            QCoreApplication.translate("export_dialogs", "已导入 {0} 件案件。{1}").format(count, notes),
        )
        if on_done is not None:
            on_done(count)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            show_service_error(parent, exc, QCoreApplication.translate("export_dialogs", "导入失败，未导入任何案件"))
        else:
            report_exception(parent, exc)

    return run_in_background(
        parent,
        QCoreApplication.translate("export_dialogs", "正在导入案件…"),
        job,
        on_success=succeeded,
        on_failure=failed,
        on_cancelled=lambda: show_info(
            parent,
            QCoreApplication.translate("export_dialogs", "导入已取消"),
            QCoreApplication.translate("export_dialogs", "导入已取消，未导入任何案件。"),
        ),
        title=QCoreApplication.translate("export_dialogs", "导入案件"),
    )


def choose_and_import(parent: QWidget | None, services: Services,
                      on_done: Callable[[int], None] | None = None) -> Job | None:
    files, _filter = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("export_dialogs", "导入案件文件"),
        "",
        QCoreApplication.translate("export_dialogs", CASE_FILE_FILTER),
    )
    if not files:
        return None
    return start_import(parent, services, [Path(f) for f in files], on_done)


# --- export -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportRequest:
    """What to export: `content` is "json", "xlsx" or "pdf"; the cases are `case_nos`, or else `query`."""

    content: str
    out_path: Path
    layout: str = "per_case"
    case_nos: tuple[str, ...] | None = None
    query: CaseQuery | None = None

    @property
    def writes_folder(self) -> bool:
        return self.content == "json" or self.layout == "per_case"


def _export_case_files(services: Services, case_nos: Sequence[str], out_dir: Path, progress: ProgressFn,
                       cancelled: CancelledFn) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for done, case_no in enumerate(case_nos, start=1):
        if cancelled():
            raise JobCancelled()
        path = out_dir / f"{safe_file_name(case_no)}.json"
        path.write_text(dump_case(services.cases.get(case_no)), encoding="utf-8")
        written.append(path)
        progress(done, len(case_nos))
    return written


def run_export(services: Services, request: ExportRequest, progress: ProgressFn, cancelled: CancelledFn) -> list[Path]:
    """The export itself (runs in the worker thread); returns the files written."""
    if request.content == "json":
        if request.case_nos is not None:
            return _export_case_files(services, request.case_nos, request.out_path, progress, cancelled)
        query = request.query or CaseQuery()
        return services.cases.export_files(query, request.out_path, progress=_cancellable(progress, cancelled))
    case_nos = request.case_nos
    if case_nos is None:
        query = request.query or CaseQuery()
        case_nos = tuple(row.case_no for row in services.cases.page(query, 0, services.cases.count(query)))
    return export_scorecards(services, list(case_nos), request.content, request.out_path, request.layout,
                             progress, cancelled)


def start_export(parent: QWidget | None, services: Services, request: ExportRequest,
                 on_done: Callable[[list[Path]], None] | None = None) -> Job:
    def succeeded(written: list[Path]) -> None:
        folder = request.out_path if request.writes_folder else request.out_path.parent
        where = request.out_path if not request.writes_folder else folder
        show_info(
            parent,
            QCoreApplication.translate("export_dialogs", "导出完成"),
            QCoreApplication.translate("export_dialogs", "已导出 {0} 个文件：\n{1}").format(len(written), where),
            folder,
        )
        if on_done is not None:
            on_done(written)

    return run_in_background(
        parent,
        QCoreApplication.translate("export_dialogs", "正在导出…"),
        lambda p, c: run_export(services, request, p, c),
        on_success=succeeded,
        on_cancelled=lambda: show_info(
            parent,
            QCoreApplication.translate("export_dialogs", "导出已取消"),
            QCoreApplication.translate("export_dialogs", "导出已取消。"),
        ),
        title=QCoreApplication.translate("export_dialogs", "导出"),
    )


class ExportDialog(QDialog):
    """Choose what to export (case files or scorecards), which cases, how, and where."""

    def __init__(self, services: Services, selected: Sequence[str], query: CaseQuery, filtered_count: int,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.selected = tuple(selected)
        self.query = query
        self.settings = settings
        self.chosen: ExportRequest | None = None
        #: Set once the person typed or browsed a name: from then on it is theirs, not regenerated.
        self._named = False
        self.setWindowTitle(self.tr("导出"))
        self.resize(560, 0)

        self.content_group, content_box = self._choices(CONTENTS)
        self.scope_selected = QRadioButton(self.tr("选中的案件（{0} 件）").format(len(self.selected)))
        self.scope_filtered = QRadioButton(self.tr("当前筛选结果（{0} 件）").format(filtered_count))
        self.scope_selected.setEnabled(bool(self.selected))
        (self.scope_selected if self.selected else self.scope_filtered).setChecked(True)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.scope_selected)
        scope_box.addWidget(self.scope_filtered)
        self.layout_group, layout_box = self._choices(LAYOUTS)
        self.layout_group.button(1).setChecked(True)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("浏览…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.path_hint = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("导出内容"), content_box)
        form.addRow(self.tr("案件范围"), scope_box)
        form.addRow(self.tr("文件方式"), layout_box)
        form.addRow(self.tr("保存到"), path_row)
        form.addRow("", self.path_hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.content_group.button(1).setChecked(True)
        self.content_group.idToggled.connect(self._options_changed)
        self.layout_group.idToggled.connect(self._options_changed)
        self.browse_button.clicked.connect(self.browse)
        self.path_edit.textEdited.connect(lambda _text: setattr(self, "_named", True))
        self.scope_selected.toggled.connect(self._options_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._options_changed()

    def _choices(self, options: dict[str, str]) -> tuple[QButtonGroup, QVBoxLayout]:
        """Radio buttons, one per option, carrying the option's code."""
        group, box = QButtonGroup(self), QVBoxLayout()
        for number, (code, label) in enumerate(options.items()):
            button = QRadioButton(QCoreApplication.translate("export_dialogs", label))
            button.setProperty("code", code)
            group.addButton(button, number)
            box.addWidget(button)
        return group, box

    def content(self) -> str:
        return str(self.content_group.checkedButton().property("code"))

    def layout_code(self) -> str:
        return "per_case" if self.content() == "json" else str(self.layout_group.checkedButton().property("code"))

    def _writes_folder(self) -> bool:
        return self.layout_code() == "per_case"

    def _folder(self) -> Path:
        saved = self.settings.value(SETTINGS_FOLDER_KEY, "") if self.settings is not None else ""
        return Path(str(saved)) if saved else Path.home()

    @Slot()
    def _options_changed(self, *_args: object) -> None:
        is_json = self.content() == "json"
        for button in self.layout_group.buttons():
            button.setEnabled(not is_json)
        current = Path(self.path_edit.text().strip()) if self.path_edit.text().strip() else None
        base = (current if current and not current.suffix else current.parent) if current else self._folder()
        if self._writes_folder():
            self.path_edit.setText(str(base))
            self.path_hint.setText(self.tr("每件案件一个文件，保存在此文件夹中，文件名为案号。"))
        else:
            name = current.name if self._named and current and current.suffix else f"{self.default_stem()}.{self.content()}"
            self.path_edit.setText(str(base / Path(name).with_suffix(f".{self.content()}").name))
            self.path_hint.setText(self.tr("所有案件合并保存为这一个文件。"))

    def default_stem(self) -> str:
        """案号 for one case, else what was chosen (选中 N 件, or the filters), and the date: 评查表_全部案件_2026-12-01."""
        today = self.services.derived.today().isoformat()
        if self.scope_selected.isChecked() and len(self.selected) == 1:
            return self.tr("{0}_评查表_{1}").format(safe_file_name(self.selected[0]), today)
        if self.scope_selected.isChecked() and self.selected:
            return self.tr("评查表_选中{0}件_{1}").format(len(self.selected), today)
        query = self.query
        parts = [CASE_TYPES.get(query.case_type, query.case_type) if query.case_type else "", query.department or "",
                 query.prosecutor or "", (query.text or "").strip()]
        described = "_".join(safe_file_name(p) for p in parts if p) or self.tr("全部案件")
        return self.tr("评查表_{0}_{1}").format(described, today)

    @Slot()
    def browse(self) -> None:
        current = self.path_edit.text().strip()
        if self._writes_folder():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存文件夹"), current)
        else:
            suffix = self.content()
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存为"), current, self.tr("{0} 文件 (*.{1})").format(suffix.upper(), suffix)
            )
        if chosen:
            self._named = True
            self.path_edit.setText(chosen)

    def request(self) -> ExportRequest | None:
        """The chosen export, or None (with the reason shown) when the destination is missing."""
        text = self.path_edit.text().strip()
        if not text:
            self.error.setText(self.tr("请选择保存位置"))
            self.error.show()
            return None
        path = Path(text)
        if not self._writes_folder() and path.suffix.lower() != f".{self.content()}":
            path = path.with_name(f"{path.name}.{self.content()}")
        use_selected = self.scope_selected.isChecked() and bool(self.selected)
        return ExportRequest(content=self.content(), out_path=path, layout=self.layout_code(),
                             case_nos=self.selected if use_selected else None,
                             query=None if use_selected else self.query)

    def accept(self) -> None:
        request = self.request()
        if request is None:
            return
        if not request.writes_folder and request.out_path.exists():
            answer = QMessageBox.question(self, self.tr("文件已存在"), self.tr("{0}\n已存在，要覆盖它吗？").format(request.out_path),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.settings is not None:
            folder = request.out_path if request.writes_folder else request.out_path.parent
            self.settings.setValue(SETTINGS_FOLDER_KEY, str(folder))
        self.chosen = request
        super().accept()
