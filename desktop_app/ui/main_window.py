"""The main window: the case register with its filters, the deadline board, and a tab per opened case.

Menus follow what a Chinese office user expects (文件/编辑/视图/帮助 with the usual shortcuts). Window geometry,
dock layout and column widths are remembered between sessions.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core.calendar import calendar_warnings
from desktop_app.services.cases import CaseQuery, CaseRow
from desktop_app.services.container import Services
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.case_table_model import (
    CASE_NO_ROLE,
    COL_CASE_NO,
    COL_CHARGES,
    COL_DUE,
    COL_GRADE,
    COL_PROGRESS,
    COL_PROSECUTOR,
    COL_RISK,
    COL_SCORE,
    COL_TITLE,
    COL_TYPE,
    COLUMNS,
    CaseTableModel,
    column_of_sort,
)
from desktop_app.ui.dashboard import DashboardDialog
from desktop_app.ui.deadline_board import DeadlineBoard
from desktop_app.ui.export_dialogs import ExportDialog, choose_and_import, start_export
from desktop_app.ui.filter_bar import FilterBar
from desktop_app.ui.kaohe_view import KaoheDialog
from desktop_app.ui.labels import joined
from desktop_app.ui.layout import APP_TITLE, app_settings, fit_to_screen
from desktop_app.ui.login_dialog import install_account_ui
from desktop_app.ui.rectification_overview import RectificationOverview
from desktop_app.ui.sample_maker import TrainerActions
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog
from desktop_app.ui.sort_arrow import use_reading_sort_arrow
from desktop_app.ui.tools_menu import ToolsMenu
from desktop_app.ui.training import TrainingDialog
from desktop_app.ui.workers import wait_for_jobs
from desktop_app.ui.workspace import CaseWorkspace

REGISTER_TAB_TITLE = QT_TRANSLATE_NOOP("main_window", "案件登记")


EMPTY_REGISTER_HINT = QT_TRANSLATE_NOOP("main_window", "登记簿中还没有案件。\n按 Ctrl+N 新建案件，或按 Ctrl+I 导入案件文件（JSON 或 Excel 登记表）。")
NO_MATCH_HINT = QT_TRANSLATE_NOOP("main_window", "没有符合筛选条件的案件。可点“清除筛选”查看全部案件。")


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings or app_settings()
        self.editor: CaseEditor | None = None
        self.export_dialog: ExportDialog | None = None
        self.rectification_overview: RectificationOverview | None = None
        self.training_dialog: TrainingDialog | None = None
        self.workspaces: dict[str, CaseWorkspace] = {}
        self.setWindowTitle(QCoreApplication.translate("layout", APP_TITLE))

        self.filter_bar = FilterBar(services.cases)
        self.model = CaseTableModel(services.cases, parent=self)
        self.table = QTableView()
        self._setup_table()
        self.empty_hint = QLabel(QCoreApplication.translate("main_window", EMPTY_REGISTER_HINT), self.table.viewport())
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #757575; font-size: 15px;")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        QVBoxLayout(self.table.viewport()).addWidget(self.empty_hint)  # keeps the hint centred as the view resizes
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(6, 6, 6, 6)
        register_layout.addWidget(self.filter_bar)
        register_layout.addWidget(self.table, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(register, QCoreApplication.translate("main_window", REGISTER_TAB_TITLE))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.setCentralWidget(self.tabs)

        self.board = DeadlineBoard(services)
        self.board_dock = QDockWidget(self.tr("期限看板"), self)
        self.board_dock.setObjectName("deadlineBoardDock")
        self.board_dock.setWidget(self.board)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.board_dock)
        self.board.openCase.connect(self.open_case)

        self.path_label = QLabel(self.tr("数据库：{0}").format(services.database.display_path))
        self.count_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        # Non-blocking: from November, say that next year's holiday calendar is missing and how to import it.
        self.calendar_warning_label = QLabel()
        self.calendar_warning_label.setStyleSheet("color: #b71c1c;")
        self.statusBar().addPermanentWidget(self.calendar_warning_label)

        self._create_actions()
        self._create_menus()
        self.account_banner = install_account_ui(self, services, self.settings, self.tools_menu)
        register_layout.insertWidget(0, self.account_banner)
        self.filter_bar.changed.connect(self.apply_filters)
        self.filter_bar.resultsRequested.connect(self.focus_results)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)
        fit_to_screen(self, 1600, 1000)
        self._restore_settings()
        self._update_counts()
        self._update_actions()
        self._update_calendar_warning()

    @Slot()
    def _update_calendar_warning(self) -> None:
        warnings = calendar_warnings(self.services.context.calendar, self.services.derived.today())
        # The short form stays in view; the full text (what to do) is the tooltip.
        self.calendar_warning_label.setText(
            joined((self.tr("{0}（工具 → 导入节假日历）").format(w.split("：")[0]) for w in warnings), "；"))
        self.calendar_warning_label.setToolTip("\n".join(warnings))
        self.calendar_warning_label.setVisible(bool(warnings))

    # --- building -----------------------------------------------------------------------------------------------
    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        use_reading_sort_arrow(header)
        widths = {COL_CASE_NO: 190, COL_TITLE: 220, COL_TYPE: 120, COL_PROSECUTOR: 80, COL_CHARGES: 160,
                  COL_PROGRESS: 70, COL_SCORE: 50, COL_GRADE: 64, COL_RISK: 130, COL_DUE: 84}
        for column in range(len(COLUMNS)):
            table.setColumnWidth(column, widths.get(column, 90))
        sort_column = column_of_sort(self.model.query.sort)
        order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(sort_column if sort_column is not None else -1, order)
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        table.doubleClicked.connect(self._row_activated)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_current_case)

    def _action(self, text: str, slot: object, shortcuts: tuple[QKeySequence | str, ...] = (),
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        self.new_action = self._action(self.tr("新建案件(&N)…"), self.new_case, (QKeySequence.StandardKey.New,),
                                       self.tr("录入一件新案件"))
        self.import_action = self._action(self.tr("导入(&I)…"), self.import_cases, ("Ctrl+I",),
                                          self.tr("从 JSON 案件文件或 Excel 案件登记表导入案件"))
        self.export_action = self._action(self.tr("导出(&E)…"), self.export, ("Ctrl+E",), self.tr("导出案件数据或评查表"))
        self.quit_action = self._action(self.tr("退出(&X)"), self.close, ("Ctrl+Q",))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.open_action = self._action(self.tr("打开案件(&O)"), self.open_current_case, (), self.tr("打开案件进行检查（回车或双击）"))
        self.edit_action = self._action(
            self.tr("编辑案件(&E)…"),
            self.edit_current_case,
            ("Ctrl+Return", "Ctrl+Enter", "F2"),
            self.tr("修改所选案件的基本信息、证据和程序事件"),
        )
        self.archive_action = self._action(self.tr("归档案件(&A)…"), self.archive_selected, (), self.tr("将所选案件归档（归档后不能修改）"))
        self.refresh_action = self._action(self.tr("刷新(&R)"), self.refresh, ("F5",))
        self.reset_filters_action = self._action(self.tr("清除筛选(&C)"), self.filter_bar.reset, ())
        self.find_action = self._action(self.tr("搜索(&F)"), self._focus_search, (QKeySequence.StandardKey.Find,))
        self.board_action = self.board_dock.toggleViewAction()
        self.board_action.setText(self.tr("期限看板(&D)"))
        self.board_action.setShortcut(QKeySequence("Ctrl+D"))
        self.rectifications_action = self._action(self.tr("整改清单汇总(&Z)…"), self.show_rectification_overview,
                                                  ("Ctrl+Shift+R",), self.tr("查看各案件的整改事项，按状态、责任人筛选并导出"))
        self.dashboard_action = self._action(self.tr("质量看板(&D)…"), self.show_dashboard, (),
                                             self.tr("等次分布、平均分、趋势、常见问题、期限预警和整改完成情况"))
        self.kaohe_action = self._action(self.tr("考核与负面清单(&K)…"), self.show_kaohe, (), self.tr("按检察官汇总评查结果，列出负面清单并导出"))
        self.practice_action = self._action(self.tr("练习示例案件(&P)…"), self.open_training, (),
                                            self.tr("在示例案件上逐项作答检查表，并与答案要点对照"))
        self.about_action = self._action(self.tr("关于(&A)"), self.about, ())
        self.shortcuts_action = self._action(self.tr("快捷键(&K)…"), self.show_shortcuts, ("F1",), self.tr("列出所有键盘操作"))
        self.undo_action = self._action(self.tr("撤销作答(&U)"), self.undo_answer, (QKeySequence.StandardKey.Undo,),
                                        self.tr("撤销本案检查表的上一次作答"))
        self.redo_action = self._action(self.tr("重做作答(&R)"), self.redo_answer, ("Ctrl+Y", "Ctrl+Shift+Z"),
                                        self.tr("重做刚撤销的作答"))
        self.next_case_action = self._action(self.tr("下一件案件(&X)"), lambda: self.open_adjacent_case(+1), ("Alt+Down",),
                                             self.tr("打开登记簿中的下一件案件"))
        self.previous_case_action = self._action(self.tr("上一件案件(&V)"), lambda: self.open_adjacent_case(-1), ("Alt+Up",),
                                                 self.tr("打开登记簿中的上一件案件"))
        self.close_case_action = self._action(self.tr("关闭案件(&W)"), self.close_current_case, ("Ctrl+W", "Ctrl+F4"),
                                              self.tr("关闭当前案件页，回到登记簿"))

    def _create_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu(self.tr("编辑(&E)"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.open_action)
        edit_menu.addAction(self.next_case_action)
        edit_menu.addAction(self.previous_case_action)
        edit_menu.addAction(self.close_case_action)
        edit_menu.addAction(self.edit_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.archive_action)
        view_menu = menu_bar.addMenu(self.tr("视图(&V)"))
        view_menu.addAction(self.board_action)
        view_menu.addAction(self.rectifications_action)
        view_menu.addAction(self.kaohe_action)
        view_menu.addAction(self.dashboard_action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.reset_filters_action)
        view_menu.addAction(self.refresh_action)
        self.tools_menu = ToolsMenu(self.services, self.settings, self)
        self.tools_menu.changed.connect(self.refresh)
        self.tools_menu.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.tools_menu.message.connect(self._update_calendar_warning)
        menu_bar.addMenu(self.tools_menu)
        training_menu = menu_bar.addMenu(self.tr("培训(&R)"))
        training_menu.addAction(self.practice_action)
        self.trainer_actions = TrainerActions(self.services, training_menu, self.current_case_no, self)
        help_menu = menu_bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    # --- settings -----------------------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        header = self.settings.value("main/caseTableHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def save_settings(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/caseTableHeader", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        wait_for_jobs()
        self.save_settings()
        super().closeEvent(event)

    # --- the register -------------------------------------------------------------------------------------------
    def selected_case_nos(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = (self.model.index(row, 0).data(CASE_NO_ROLE) for row in rows)
        return [case_no for case_no in found if case_no]

    def current_case_no(self) -> str | None:
        """The row with the keyboard focus (selected or not), else the first selected one."""
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.index(index.row(), 0).data(CASE_NO_ROLE)
        selected = self.selected_case_nos()
        return selected[0] if selected else None

    @Slot()
    def focus_results(self) -> None:
        """From the search box to the results: the first row becomes current and selected, ready for Enter."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            index = self.model.index(0, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_case_id(self, case_id: int) -> None:
        row = self.model.row_of_id(case_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _reload_keeping_selection(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})[:200]
        ids = [self.model.case_id(row) for row in rows]
        current = self.table.currentIndex()
        current_id = self.model.case_id(current.row()) if current.isValid() else None
        self.model.reload()
        selection = self.table.selectionModel()
        for case_id in ids:
            row = self.model.row_of_id(case_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        if current_id is not None and (row := self.model.row_of_id(current_id)) is not None:
            selection.setCurrentIndex(self.model.index(row, current.column()), QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update_counts()

    @Slot()
    def apply_filters(self) -> None:
        self.model.set_filters(self.filter_bar.query())
        self._update_counts()
        self._update_actions()

    @Slot()
    def refresh(self) -> None:
        self.filter_bar.reload_choices()
        self._reload_keeping_selection()
        self.board.refresh()
        for case_no, workspace in list(self.workspaces.items()):
            workspace.reload(case_no)

    def _update_counts(self) -> None:
        total = self.services.cases.count(CaseQuery())
        shown = self.model.rowCount()
        self.count_label.setText(
            self.tr("共 {0} 件案件").format(total)
            if shown == total
            else self.tr("显示 {0} 件 / 共 {1} 件案件").format(shown, total)
        )
        self.empty_hint.setText(
            QCoreApplication.translate("main_window", EMPTY_REGISTER_HINT)
            if total == 0
            else QCoreApplication.translate("main_window", NO_MATCH_HINT)
        )
        self.empty_hint.setVisible(shown == 0)

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        has_selection = bool(self.table.selectionModel().selectedRows())
        for action in (self.open_action, self.edit_action, self.archive_action):
            action.setEnabled(has_selection)
        in_case = self.current_workspace() is not None
        for action in (self.undo_action, self.redo_action, self.close_case_action):
            action.setEnabled(in_case)

    @Slot(int, Qt.SortOrder)
    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if 0 <= column < len(COLUMNS) and COLUMNS[column].sort is None:
            current = column_of_sort(self.model.query.sort)
            order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
            self.table.horizontalHeader().setSortIndicator(current if current is not None else -1, order)

    @Slot(QModelIndex)
    def _row_activated(self, index: QModelIndex) -> None:
        case_no = self.model.index(index.row(), 0).data(CASE_NO_ROLE)
        if case_no:
            self.open_case(case_no)

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.open_action, self.edit_action, self.archive_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    @Slot()
    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # --- case actions -------------------------------------------------------------------------------------------
    @Slot()
    def new_case(self) -> CaseEditor:
        return self._open_editor(None)

    @Slot()
    def edit_current_case(self) -> CaseEditor | None:
        case_no = self.current_case_no()
        return self.edit_case(case_no) if case_no else None

    @Slot(str)
    def edit_case(self, case_no: str) -> CaseEditor:
        return self._open_editor(case_no)

    def _open_editor(self, case_no: str | None) -> CaseEditor:
        editor = CaseEditor(self.services, case_no, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._case_saved)
        editor.destroyed.connect(lambda: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    @Slot(object)
    def _case_saved(self, row: CaseRow) -> None:
        editor = self.sender()
        original = editor.original_case_no if isinstance(editor, CaseEditor) else None
        self.filter_bar.reload_choices()
        self.model.reload()
        self._update_counts()
        self.select_case_id(row.id)
        self.board.refresh()
        if original and original in self.workspaces:
            workspace = self.workspaces.pop(original)
            self.workspaces[row.case_no] = workspace
            index = self.tabs.indexOf(workspace)
            self.tabs.setTabText(index, row.case_no)
            self.tabs.setTabToolTip(index, row.title)
            workspace.reload(row.case_no)
        self.statusBar().showMessage(self.tr("已保存案件 {0}").format(row.case_no), 5000)

    @Slot()
    def open_current_case(self) -> None:
        case_no = self.current_case_no()
        if case_no:
            self.open_case(case_no)

    @Slot(str)
    def open_case(self, case_no: str) -> CaseWorkspace:
        """Show the case's workspace in its own tab (switching to it when it is already open)."""
        existing = self.workspaces.get(case_no)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            existing.walk.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return existing
        workspace = CaseWorkspace(self.services, case_no, self)
        workspace.caseChanged.connect(self._case_changed)
        workspace.editRequested.connect(self.edit_case)
        workspace.risk_tabs.openCase.connect(self.open_case)
        workspace.exportRequested.connect(lambda number: self.export_cases([number]))
        self.workspaces[case_no] = workspace
        index = self.tabs.addTab(workspace, case_no)
        self.tabs.setCurrentIndex(index)
        workspace.walk.view.setFocus(Qt.FocusReason.OtherFocusReason)  # keys 1–4 answer at once
        return workspace

    def current_workspace(self) -> CaseWorkspace | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, CaseWorkspace) else None

    @Slot()
    def undo_answer(self) -> None:
        if (workspace := self.current_workspace()) is not None:
            workspace.walk.undo()

    @Slot()
    def redo_answer(self) -> None:
        if (workspace := self.current_workspace()) is not None:
            workspace.walk.redo()

    def open_adjacent_case(self, step: int) -> CaseWorkspace | None:
        """The next (or previous) case of the register as filtered and sorted, from a case or from the register."""
        workspace = self.current_workspace()
        if workspace is not None:
            row = next((r for r in range(self.model.rowCount())
                        if self.model.index(r, 0).data(CASE_NO_ROLE) == workspace.case_no), None)
        else:
            current = self.table.currentIndex()
            row = current.row() if current.isValid() else None
        target = (0 if step > 0 else self.model.rowCount() - 1) if row is None else row + step
        if not 0 <= target < self.model.rowCount():
            self.statusBar().showMessage(self.tr("已是登记簿中的最后一件案件") if step > 0 else self.tr("已是登记簿中的第一件案件"), 5000)
            return None
        index = self.model.index(target, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return self.open_case(str(index.data(CASE_NO_ROLE)))

    @Slot()
    def close_current_case(self) -> None:
        index = self.tabs.currentIndex()
        if index > 0:
            self.close_tab(index)
            self.tabs.setCurrentIndex(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(int)
    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        for case_no, workspace in list(self.workspaces.items()):
            if workspace is widget:
                del self.workspaces[case_no]
                workspace.rectification.flush()  # removing a tab need not hide it before it is deleted
        self.tabs.removeTab(index)
        widget.deleteLater()

    @Slot(str)
    def _case_changed(self, case_no: str) -> None:
        """Answers or a grade changed in a workspace: the register order is unaffected, so no re-query."""
        self.model.invalidate_case(case_no)
        self.board.refresh()

    @Slot()
    def archive_selected(self) -> None:
        case_nos = self.selected_case_nos()
        if not case_nos:
            return
        listed = joined(case_nos[:5]) + (self.tr("等") if len(case_nos) > 5 else "")
        answer = QMessageBox.question(
            self,
            self.tr("归档案件"),
            self.tr("确定将 {0} 件案件归档吗？\n{1}\n\n归档后案件不能再修改。").format(len(case_nos), listed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for case_no in case_nos:
            self.services.cases.archive(self.services.actor, case_no)
        self._reload_keeping_selection()
        self.board.refresh()
        self.statusBar().showMessage(self.tr("已归档 {0} 件案件").format(len(case_nos)), 5000)

    # --- files --------------------------------------------------------------------------------------------------
    @Slot()
    def import_cases(self) -> None:
        choose_and_import(self, self.services, on_done=lambda _count: self.refresh())

    @Slot()
    def export(self) -> ExportDialog:
        return self.export_cases(self.selected_case_nos())

    def export_cases(self, case_nos: list[str]) -> ExportDialog:
        """The export dialog with these cases chosen (the selection, or the case of a workspace: 导出本案)."""
        dialog = ExportDialog(self.services, case_nos, self.model.query, self.model.rowCount(),
                              self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.chosen and start_export(self, self.services, dialog.chosen))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # --- other windows ------------------------------------------------------------------------------------------
    @Slot()
    def show_rectification_overview(self) -> RectificationOverview:
        """One overview window, brought to the front and re-read each time it is asked for."""
        overview = self.rectification_overview
        if overview is None:
            overview = RectificationOverview(self.services, self)
            overview.openCase.connect(self.open_case)
            self.rectification_overview = overview
        else:
            overview.refresh()
        overview.show()
        overview.raise_()
        overview.activateWindow()
        return overview

    @Slot()
    def show_dashboard(self) -> DashboardDialog:
        dialog = DashboardDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.showCases.connect(self.show_cases)
        dialog.show()
        return dialog

    def show_cases(self, query: CaseQuery) -> None:
        """The register showing exactly `query`'s cases (a dashboard bar); 清除筛选 goes back to all."""
        self.filter_bar.reset()
        self.model.set_filters(query)
        self._update_counts()
        self._update_actions()
        self.tabs.setCurrentIndex(0)
        self.statusBar().showMessage(self.tr("质量看板：登记簿显示所选的 {0} 件案件，“清除筛选”可查看全部").format(self.model.rowCount()), 8000)
        self.activateWindow()

    @Slot()
    def show_kaohe(self) -> KaoheDialog:
        dialog = KaoheDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openCase.connect(self.open_case)
        dialog.show()
        return dialog

    @Slot()
    def open_training(self) -> TrainingDialog:
        """The practice window; asking again brings the open one forward instead of starting over."""
        if self.training_dialog is not None:
            self.training_dialog.raise_()
            self.training_dialog.activateWindow()
            return self.training_dialog
        dialog = TrainingDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "training_dialog", None))
        self.training_dialog = dialog
        dialog.show()
        return dialog

    @Slot()
    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("关于"), "", QMessageBox.StandardButton.Ok, self)
        box.setText(self.tr("<b>{0}</b>　版本 {1}").format(QCoreApplication.translate("layout", APP_TITLE), __version__))
        box.setInformativeText(
            self.tr(
                "供检察机关离线使用的案件质量自查工具：案件登记、检查表自查、期限提醒、评查评分与报表导出。\n\n所有数据仅保存在本机数据库中。\n数据库：{0}"
            ).format(self.services.database.display_path)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
