"""The 工具 menu: the workstation's holiday calendar, its grading scheme, and checklist templates as spreadsheets.

A new calendar changes every case's statutory periods, so importing one re-derives all cases in the background,
with progress and Cancel; a broken file is refused before anything changes, naming its line and field. The grading
scheme is a choice of this workstation: it is kept in the program's settings and applied again at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop_app.core.calendar import HolidayCalendar
from desktop_app.core.case import CASE_TYPES
from desktop_app.core.datafile import DataFileError
from desktop_app.core.scoring import list_grading_schemes, load_grading_scheme
from desktop_app.paths import user_calendar_file
from desktop_app.services.cases import safe_file_name
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.preferences import choose_grading, install_calendar, rederive_all, reset_calendar
from desktop_app.services.templates import TemplateVersionInfo
from desktop_app.ui.backup_dialog import BackupDialog
from desktop_app.ui.errors import report_exception, show_message, show_service_error
from desktop_app.ui.export_dialogs import show_info
from desktop_app.ui.labels import tr_label
from desktop_app.ui.language import save_language, saved_language
from desktop_app.ui.profile_dialog import ProfileDialog
from desktop_app.ui.workers import CancelledFn, Job, JobCancelled, ProgressFn, run_in_background

log = logging.getLogger("casecheck")

SETTINGS_GRADING_KEY = "evaluation/grading"
CALENDAR_FILTER = QT_TRANSLATE_NOOP("tools_menu", "节假日历文件 (*.yaml *.yml)")
WORKBOOK_FILTER = QT_TRANSLATE_NOOP("tools_menu", "Excel 工作簿 (*.xlsx)")
RECOMPUTE_CANCELLED = (QT_TRANSLATE_NOOP("tools_menu", "重新计算已取消，部分案件的期限和风险提示仍是原来的结果。可随时使用“工具 → 重新计算全部案件”补算。"))


def choose_open_file(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """Ask for a file to read; a module attribute so tests can answer without a dialog."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
    return Path(chosen) if chosen else None


def choose_save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
    """Ask where to save; a module attribute so tests can answer without a dialog."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(chosen) if chosen else None


def apply_saved_grading(services: Services, settings: QSettings) -> str | None:
    """Use the grading scheme chosen on this workstation; returns its title, or None for the default.

    A scheme that no longer exists (e.g. after an update removed it) is forgotten rather than stopping the start.
    """
    name = str(settings.value(SETTINGS_GRADING_KEY, "") or "")
    if not name:
        return None
    try:
        return choose_grading(services, name, restoring=True)
    except DataFileError as exc:
        log.warning("保存的评定标准无法使用，改用默认标准：%s", exc)
        settings.remove(SETTINGS_GRADING_KEY)
        return None


def years_text(calendar: HolidayCalendar) -> str:
    years = calendar.years
    if not years:
        return QCoreApplication.translate("tools_menu", "未收录任何年份")
    return (
        QCoreApplication.translate("tools_menu", "收录 {0} 年").format(years[0])
        if len(years) == 1
        else QCoreApplication.translate("tools_menu", "收录 {0}–{1} 年").format(years[0], years[-1])
    )


class ToolsMenu(QMenu):
    """`changed` after something that alters how cases are judged; `message(text)` for the status bar."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, services: Services, settings: QSettings, parent: QWidget) -> None:
        super().__init__(self.tr("工具(&T)"), parent)
        self.services = services
        self.settings = settings
        self.job: Job | None = None

        self.profile_action = self.addAction(self.tr("本人信息(&P)…"))
        self.profile_action.setStatusTip(self.tr("填写打印在评查意见书上的检查人姓名和本人身份"))
        self.profile_action.triggered.connect(self.edit_profile)
        self.backup_action = self.addAction(self.tr("备份与恢复(&K)…"))
        self.backup_action.setStatusTip(self.tr("查看、立即生成或恢复数据库备份"))
        self.backup_action.triggered.connect(lambda: BackupDialog(self.services, self.parentWidget()).exec())
        self.addSeparator()
        self.import_calendar_action = self.addAction(self.tr("导入节假日历(&I)…"))
        self.import_calendar_action.setStatusTip(self.tr("导入国务院办公厅公布的节假日安排（casecheck.calendar/1 文件），并重新计算各案件的期限"))
        self.import_calendar_action.triggered.connect(self.import_calendar)
        self.reset_calendar_action = self.addAction(self.tr("恢复内置节假日历(&B)"))
        self.reset_calendar_action.triggered.connect(self.reset_calendar)
        self.rederive_action = self.addAction(self.tr("重新计算全部案件(&C)"))
        self.rederive_action.setStatusTip(self.tr("按当前节假日历和规则重新计算所有案件的期限和风险提示"))
        self.rederive_action.triggered.connect(self.rederive)
        self.addSeparator()

        self.grading_menu = self.addMenu(self.tr("评定标准(&G)"))
        self.grading_group = QActionGroup(self)
        self.grading_group.setExclusive(True)
        current = services.context.scheme.id
        for name in list_grading_schemes():
            scheme = load_grading_scheme(name)
            action = QAction(scheme.title, self)
            self.grading_group.addAction(action)
            action.setCheckable(True)
            action.setData(name)
            action.setChecked(scheme.id == current)
            action.setStatusTip(
                self.tr("依据：{0}").format(scheme.legal_basis) + ("" if scheme.verified else self.tr("（未经核实）"))
            )
            self.grading_menu.addAction(action)
        self.grading_group.triggered.connect(self._grading_chosen)
        self.language_menu = self.addMenu(self.tr("界面语言(&L)"))
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        for code, name in (("zh", "中文"), ("en", "English")):  # each in its own language, never translated
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == saved_language(settings))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(self._language_chosen)
        self.addSeparator()

        self.template_menu = self.addMenu(self.tr("检查表模板(&M)"))
        self.export_template_menu = self.template_menu.addMenu(self.tr("导出为 Excel(&E)"))
        for case_type, label in CASE_TYPES.items():
            if case_type in services.context.templates:
                action = self.export_template_menu.addAction(f"{tr_label(label)}…")
                action.setData(case_type)
                action.triggered.connect(lambda _checked=False, chosen=case_type: self.export_template(chosen))
        self.import_template_action = self.template_menu.addAction(self.tr("从 Excel 导入(&I)…"))
        self.import_template_action.setStatusTip(self.tr("导入修改过的检查表模板，保存为该案件类型的新版本"))
        self.import_template_action.triggered.connect(self.import_template)
        self.aboutToShow.connect(self._update_actions)
        self._update_actions()

    def grading_action(self, name: str) -> QAction:
        return next(a for a in self.grading_group.actions() if a.data() == name)

    def export_template_action(self, case_type: str) -> QAction:
        return next(a for a in self.export_template_menu.actions() if a.data() == case_type)

    @Slot()
    def _update_actions(self) -> None:
        idle = self.job is None or self.job.done
        for action in (self.import_calendar_action, self.rederive_action):
            action.setEnabled(idle)
        self.reset_calendar_action.setEnabled(idle and user_calendar_file().exists())

    # --- the holiday calendar -----------------------------------------------------------------------------------
    @Slot()
    def edit_profile(self) -> bool:
        """Open 本人信息; True when the name or role was saved (open cases then show the new 检查人)."""
        dialog = ProfileDialog(self.services, self.parentWidget())
        saved = dialog.exec() == ProfileDialog.DialogCode.Accepted
        if saved:
            self.changed.emit()
            self.message.emit(self.tr("本人信息已保存：{0}").format(self.services.actor.display_name))
        return saved

    def import_calendar(self) -> Job | None:
        path = choose_open_file(
            self.parentWidget(), self.tr("导入节假日历"), QCoreApplication.translate("tools_menu", CALENDAR_FILTER)
        )
        if path is None:
            return None
        return self._recompute(
            lambda: install_calendar(self.services, path), self.tr("正在按新的节假日历重新计算各案件的期限…"), self.tr("导入节假日历"),
            lambda calendar, count: self.tr("已导入节假日历（{0}），并按新日历重新计算了 {1} 件案件的期限。").format(years_text(calendar), count))

    @Slot()
    def reset_calendar(self) -> Job:
        return self._recompute(
            lambda: reset_calendar(self.services), self.tr("正在按内置节假日历重新计算各案件的期限…"), self.tr("恢复内置节假日历"),
            lambda calendar, count: self.tr("已恢复内置节假日历（{0}），并重新计算了 {1} 件案件的期限。").format(years_text(calendar), count))

    @Slot()
    def rederive(self) -> Job:
        return self._recompute(
            lambda: self.services.context.calendar, self.tr("正在重新计算各案件的期限和风险提示…"), self.tr("重新计算全部案件"),
            lambda _calendar, count: self.tr("已重新计算 {0} 件案件的期限和风险提示。").format(count))

    def _recompute(self, prepare: Callable[[], HolidayCalendar], label: str, title: str,
                   done_text: Callable[[HolidayCalendar, int], str]) -> Job:
        """`prepare` (install or reset the calendar) then re-derive every case, off the GUI thread."""
        parent = self.parentWidget()

        def job(progress: ProgressFn, cancelled: CancelledFn) -> tuple[HolidayCalendar, int]:
            calendar = prepare()
            count = rederive_all(self.services, progress, cancelled)
            if cancelled():
                raise JobCancelled()
            return calendar, count

        def succeeded(result: tuple[HolidayCalendar, int]) -> None:
            self.changed.emit()
            show_info(parent, title, done_text(*result))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DataFileError):
                show_message(parent, self.tr("节假日历未导入"), self.tr("节假日历文件有错误，未作任何更改：\n\n{0}").format(exc))
            else:
                report_exception(parent, exc)

        def cancelled() -> None:
            self.changed.emit()
            show_message(parent, title, QCoreApplication.translate("tools_menu", RECOMPUTE_CANCELLED))

        self.job = run_in_background(parent, label, job, on_success=succeeded, on_failure=failed,
                                     on_cancelled=cancelled, title=title)
        self.job.finished.connect(self._update_actions)
        self._update_actions()
        return self.job

    # --- the grading scheme -------------------------------------------------------------------------------------
    @Slot(QAction)
    def _language_chosen(self, action: QAction) -> None:
        """Saved for the next start: every window would otherwise have to rebuild its texts."""
        save_language(self.settings, str(action.data()))
        QMessageBox.information(self.parentWidget(), self.tr("界面语言"),
                                self.tr("界面语言已更改，下次启动程序时生效。"))

    def _grading_chosen(self, action: QAction) -> None:
        name = str(action.data())
        try:
            title = choose_grading(self.services, name)
        except DataFileError as exc:
            show_message(self.parentWidget(), self.tr("评定标准无法使用"), self.tr("评定标准文件有错误，仍使用原来的标准：\n\n{0}").format(exc))
            current = self.services.context.scheme.id
            for other in self.grading_group.actions():
                other.setChecked(load_grading_scheme(str(other.data())).id == current)
            return
        self.settings.setValue(SETTINGS_GRADING_KEY, name)
        self.settings.sync()
        self.changed.emit()
        self.message.emit(self.tr("评定标准：{0}").format(title))

    # --- checklist templates ------------------------------------------------------------------------------------
    def export_template(self, case_type: str) -> Path | None:
        """The current version of a case type's checklist as a workbook a trainer can edit and import again."""
        parent = self.parentWidget()
        _version_id, template = self.services.templates.current(case_type)
        suggested = Path.home() / safe_file_name(
            self.tr("检查表模板-{0}-{1}.xlsx").format(CASE_TYPES[case_type], template.version)
        )
        path = choose_save_file(
            parent, self.tr("导出检查表模板"), str(suggested), QCoreApplication.translate("tools_menu", WORKBOOK_FILTER)
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(f"{path.name}.xlsx")
        from desktop_app.reports.checklist_workbook import export_template_xlsx

        try:
            export_template_xlsx(template, path)
        except OSError as exc:
            show_message(
                parent,
                self.tr("检查表模板未导出"),
                self.tr("无法写入文件（可能正被其他程序打开）：\n{0}\n\n{1}").format(path, exc.strerror or exc),
            )
            return None
        show_info(
            parent,
            self.tr("导出完成"),
            self.tr(
                "已导出检查表模板“{0}”（版本 {1}，共 {2} 项）：\n{3}\n\n在 Excel 中修改后，可通过“工具 → 检查表模板 → 从 Excel 导入”保存为新版本。"
            ).format(template.title, template.version, len(template.items), path),
            path.parent,
        )
        return path

    @Slot()
    def import_template(self) -> TemplateVersionInfo | None:
        """Read an edited template workbook; every problem in it is listed, and nothing is stored unless all is well."""
        parent = self.parentWidget()
        path = choose_open_file(parent, self.tr("导入检查表模板"), QCoreApplication.translate("tools_menu", WORKBOOK_FILTER))
        if path is None:
            return None
        from desktop_app.reports.checklist_workbook import TemplateWorkbookError, import_template_xlsx

        try:
            template = import_template_xlsx(path)
        except TemplateWorkbookError as exc:
            show_message(parent, self.tr("检查表模板未导入"),
                         self.tr("“{0}”中有 {1} 处问题，未导入任何内容。\n逐条问题见详细信息，改正后请重新导入。").format(path.name, len(exc.problems)),
                         exc.problems)
            return None
        known = {version.id for version in self.services.templates.versions(template.id)}
        try:
            info = self.services.templates.save(self.services.actor, template)
        except ServiceError as exc:
            show_service_error(parent, exc, self.tr("检查表模板未导入"))
            return None
        case_type = CASE_TYPES.get(info.template_id, info.template_id)
        if info.id in known:
            show_info(
                parent,
                self.tr("未新增版本"),
                self.tr("“{0}”与{1}检查表的现有版本 {2} 内容相同，未新增版本。").format(
                    path.name, case_type, info.version
                ),
            )
        else:
            show_info(
                parent,
                self.tr("导入完成"),
                self.tr(
                    "已导入{0}检查表“{1}”，新版本为 {2}，共 {3} 项。\n此后新开始的检查使用这一版本；已开始的检查仍按原版本。"
                ).format(case_type, info.title, info.version, info.items),
            )
            self.message.emit(self.tr("已导入检查表模板新版本 {0}").format(info.version))
        return info
