"""The checklist walk: one item at a time, answered from the keyboard, each answer on disk before it is shown.

A prosecutor walks forty items per case, so the keys do the work: 1 符合, 2 不符合, 3 不适用, 4 待核实, N for the
note, ↑/↓ to move, Ctrl+Z to take the last answer back. Every answer goes through `InspectionService.answer` in
its own transaction, and the list shows it as answered only after that call returned; a failed save leaves the
item as it was and says why. Items that do not apply to the case are greyed, cannot be answered, and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.engine import classify_error
from desktop_app.core.case import ANSWER_VALUES, Answer, Case
from desktop_app.core.checklist_model import ChecklistTemplate, ItemState
from desktop_app.core.conditions import describe_condition
from desktop_app.services.container import Services
from desktop_app.services.errors import EditConflict, ServiceError
from desktop_app.services.inspections import InspectionView
from desktop_app.ui.checklist_model_qt import (
    COL_ANSWER,
    COL_ITEM,
    COL_NOTE,
    COL_SEVERITY,
    FILTERS,
    IS_SECTION_ROLE,
    ITEM_ID_ROLE,
    ChecklistWalkModel,
    WalkFilterModel,
)
from desktop_app.ui.labels import joined, tr_label
from desktop_app.ui.law_text import ArticleTextView
from desktop_app.ui.layout import remember_splitter

#: Keeps one answer (None: taken back); raises to refuse it, the message shown as for a failed save.
AnswerStore = Callable[[str, Answer | None], None]
#: The answer keys, in the order of the buttons.
ANSWER_KEYS: dict[str, str] = {"1": "pass", "2": "fail", "3": "na", "4": "unsure"}
UNVERIFIED_MARK = QT_TRANSLATE_NOOP("checklist_walk", "（未经核实）")


def failure_text(exc: Exception) -> str | None:
    """What a person reads when a save failed for a reason they can act on (refused, disk full, locked…).

    None means a bug: the caller lets it propagate to the program's crash report instead of hiding it.
    """
    if isinstance(exc, ServiceError):
        return str(exc)
    environment = classify_error(exc)
    return environment.message_zh if environment is not None else None


@dataclass(frozen=True)
class _UndoStep:
    item_id: str
    previous: Answer | None


class _NoteEdit(QLineEdit):
    """The note line: Esc gives the focus back to the list without saving."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class ChecklistWalk(QWidget):
    """Emits `answered(item_id)` after an answer or a note is saved (and after an undo)."""

    answered = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._inspection_id: int | None = None
        #: The inspection's version as last read or written (optimistic lock), and the case it is walked for.
        self._version: int | None = None
        self._walked_case: Case | None = None
        self._store: AnswerStore | None = None
        self._undo: list[_UndoStep] = []
        self._redo: list[_UndoStep] = []
        self._note_item: str | None = None
        self._prompted_item: str | None = None

        self.model = ChecklistWalkModel(self)
        self.proxy = WalkFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(220)
        self.filter_buttons = QButtonGroup(self)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("筛选：")))
        for mode, label in FILTERS.items():
            button = QPushButton(QCoreApplication.translate("checklist_model_qt", label))
            button.setCheckable(True)
            button.setChecked(mode == "all")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("mode", mode)
            self.filter_buttons.addButton(button)
            filter_row.addWidget(button)
        self.filter_buttons.buttonClicked.connect(lambda b: self.set_filter(str(b.property("mode"))))
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addSpacing(16)
        top.addLayout(filter_row)

        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #c62828;")
        self.missing_label.hide()
        self.unknown_label = QLabel()  # answers for items this checklist lacks (a newer one elsewhere): kept, shown
        self.unknown_label.setWordWrap(True)
        self.unknown_label.setStyleSheet("color: #8a6d00;")
        self.unknown_label.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("background: #fdecea; color: #b71c1c; padding: 6px; border-radius: 3px;")
        self.error_label.hide()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #757575; font-size: 15px;")
        self.placeholder.hide()

        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_SEVERITY, 120), (COL_ANSWER, 110), (COL_NOTE, 160)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.proxy.modelReset.connect(self.view.expandAll)
        self.proxy.rowsInserted.connect(lambda *_: self.view.expandAll())
        self.proxy.layoutChanged.connect(lambda *_: self.view.expandAll())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        # The detail scrolls rather than clipping: question, guidance and basis always wrap in full.
        detail = QScrollArea()
        detail.setWidgetResizable(True)
        detail.setFrameShape(QFrame.Shape.NoFrame)
        detail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail.setWidget(self._build_detail())
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "walk")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(splitter, 1)
        self._splitter = splitter
        self.view.installEventFilter(self)
        self.note_edit.installEventFilter(self)
        self._show_item(None)
        self._update_progress()

    def _build_detail(self) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.position_label = QLabel()
        self.position_label.setStyleSheet("color: #616161;")
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.veto_label = QLabel(self.tr("否决项"))
        self.veto_label.setStyleSheet("background: #c62828; color: white; padding: 1px 6px; border-radius: 3px;")
        self.meta_label = QLabel()
        self.guidance_label = QLabel()
        self.basis_label = QLabel()
        self.condition_label = QLabel()
        self.article_view = ArticleTextView()
        self.article_view.hide()
        for label in (self.guidance_label, self.basis_label, self.condition_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_label = QLabel()

        self.note_edit = _NoteEdit()
        self.note_edit.returnPressed.connect(self._commit_note)
        self.note_edit.cancelled.connect(self._cancel_note)
        self.note_prompt = QLabel()
        self.note_prompt.setStyleSheet("color: #c62828;")
        self.note_prompt.setWordWrap(True)
        self.note_prompt.hide()

        self.answer_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for key, value in ANSWER_KEYS.items():
            button = QPushButton(f"{key} {tr_label(ANSWER_VALUES[value])}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, v=value: self.answer_current(v))
            self.answer_buttons[value] = button
            buttons.addWidget(button)
        self.note_button = QPushButton(self.tr("N 备注"))
        self.note_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_button.clicked.connect(self.edit_note)
        self.undo_button = QPushButton(self.tr("撤销（Ctrl+Z）"))
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(self.tr("重做（Ctrl+Y）"))
        self.redo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.redo_button.clicked.connect(self.redo)
        buttons.addWidget(self.note_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)

        head = QHBoxLayout()
        head.addWidget(self.position_label)
        head.addWidget(self.veto_label)
        head.addStretch(1)
        head.addWidget(self.meta_label)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(self.tr("备注：")))
        note_row.addWidget(self.note_edit, 1)

        layout = QVBoxLayout(frame)
        layout.addLayout(head)
        layout.addWidget(self.question_label)
        layout.addWidget(self.guidance_label)
        layout.addWidget(self.basis_label)
        layout.addWidget(self.article_view)
        layout.addWidget(self.condition_label)
        layout.addWidget(self.answer_label)
        layout.addLayout(buttons)
        layout.addLayout(note_row)
        layout.addWidget(self.note_prompt)
        layout.addStretch(1)
        return frame

    # --- what the workspace calls --------------------------------------------------------------------------
    @property
    def inspection_id(self) -> int | None:
        return self._inspection_id

    @property
    def version(self) -> int | None:
        """The walked inspection's version as last read or written here (None: none walked)."""
        return self._version

    def wrote_version(self, version: int) -> None:
        """This window wrote the walked inspection elsewhere (the grade dialog, checked against the version held
        here), so what is shown is still current at `version`."""
        self._version = version

    def set_inspection(self, view: InspectionView, case: Case) -> None:
        """Walk another inspection: its pinned template, its answers, this case; the cursor on the first open item."""
        self._load(view.template, case, dict(view.answers), self._answer_inspection)
        self._inspection_id = view.info.id
        self._version = view.info.version
        unknown = [item_id for item_id in view.answers if view.template.item(item_id) is None]
        self.unknown_label.setText(self.tr("警告：{0} 个答案的检查项不在此检查表中（可能来自较新的检查表），已原样保留：").format(len(unknown))
                                   + joined(unknown[:10]) + ("…" if len(unknown) > 10 else "") if unknown else "")
        self.unknown_label.setVisible(bool(unknown))

    def _answer_inspection(self, item_id: str, answer: Answer | None) -> None:
        """The store of a walked inspection: one answer, one transaction, checked against the version held here."""
        assert self._inspection_id is not None
        self._version = self.services.inspections.answer(
            self.services.actor, self._inspection_id, item_id, answer.value if answer else None,
            answer.note if answer else "", expected_version=self._version)

    def set_practice(self, template: ChecklistTemplate, case: Case, store: AnswerStore) -> None:
        """Walk a checklist whose answers `store` keeps instead of an inspection (a trainee on a sample case):
        the same list, keys, notes and undo as at work, starting unanswered."""
        self._load(template, case, {}, store)
        self.unknown_label.hide()

    def share_height(self, list_part: int, detail_part: int) -> None:
        """Divide the height between the list and the item detail (a dialog has less room than the workspace)."""
        self._splitter.setSizes([list_part * 100, detail_part * 100])

    def _load(self, template: ChecklistTemplate, case: Case, answers: dict[str, Answer], store: AnswerStore) -> None:
        self._keep_typed_note()
        self._inspection_id = None
        self._version = None
        self._walked_case = case
        self._store = store
        self._undo.clear()
        self._redo.clear()
        self.error_label.hide()
        self.placeholder.hide()
        self._splitter.show()
        self.model.load(template, case, answers)
        self.view.expandAll()
        first_open = next((s.item.id for s in self.model.states() if s.applicable and s.value is None), None)
        self._select(first_open or self._first_visible())
        self._update_progress()

    def show_unavailable(self, message: str) -> None:
        """No checklist can be walked (e.g. none exists for this case type): say so instead of an empty list."""
        self._keep_typed_note()
        self._inspection_id = None
        self._version = None
        self._store = None
        self._undo.clear()
        self._redo.clear()
        self.model.load(None, None, {})
        self.placeholder.setText(message)
        self.placeholder.show()
        self._splitter.hide()
        self._update_progress()

    def set_case(self, case: Case) -> None:
        """The case was edited: re-decide which items apply, keeping the answers and the cursor."""
        current = self.current_item_id()
        self._keep_typed_note()
        self._walked_case = case
        self.model.set_case(case)
        self.view.expandAll()
        self._select(current if current and self._visible(current) else self._first_visible())
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # the next key answers, whatever set the filter
        self._update_progress()

    def answers(self) -> dict[str, Answer]:
        return self.model.answers()

    def current_item_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.data(IS_SECTION_ROLE):
            return None
        return str(index.siblingAtColumn(COL_ITEM).data(ITEM_ID_ROLE))

    def select_item(self, item_id: str) -> bool:
        if not self._visible(item_id):
            return False
        self._select(item_id)
        return True

    def set_filter(self, mode: str) -> None:
        current = self.current_item_id()
        self.proxy.set_mode(mode)
        for button in self.filter_buttons.buttons():
            button.setChecked(button.property("mode") == mode)
        self.view.expandAll()
        self._select(current if current and self._visible(current) else self._first_visible())
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # the next key answers, whatever set the filter

    # --- answering -----------------------------------------------------------------------------------------
    def answer_current(self, value: str) -> bool:
        """Answer the current item; on success the cursor moves on (or asks for the required note first)."""
        self._keep_typed_note()  # a button clicked while the note line still has the keyboard
        state = self._current_state()
        if state is None or self._store is None:
            return False
        if not state.applicable:
            self._info(self.tr("本项不适用于本案（适用条件不满足），无需作答。"))
            return False
        previous = Answer(state.value, state.note) if state.value else None
        if not self._save(state.item.id, Answer(value, state.note), previous):
            return False
        if value == "fail" and state.item.note_required_on_fail and not state.note.strip():
            self._start_note_edit(state.item.id, prompt=True)
            return True
        self._advance(state.item.id)
        return True

    def edit_note(self) -> None:
        """Put the cursor in the note line for the current item (N); Enter saves it, Esc leaves it."""
        self._keep_typed_note()
        state = self._current_state()
        if state is None or self._store is None:
            return
        if not state.applicable:
            self._info(self.tr("本项不适用于本案，无需填写备注。"))
            return
        if state.value is None:
            self._info(self.tr("请先作答（按 1–4），再填写备注。"))
            return
        self._start_note_edit(state.item.id, prompt=False)

    def undo(self) -> bool:
        """Take back the last saved change: the item's previous answer is saved again and shown."""
        return self._replay(self._undo, self._redo, self.tr("撤销"), self.tr("没有可撤销的作答。"))

    def redo(self) -> bool:
        """Give back the change the last undo took back."""
        return self._replay(self._redo, self._undo, self.tr("重做"), self.tr("没有可重做的作答。"))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _replay(self, source: list[_UndoStep], target: list[_UndoStep], verb: str, nothing: str) -> bool:
        """Save the answer the last step of `source` holds; the answer it replaces goes onto `target`."""
        if not source or self._store is None:
            self._info(nothing)
            return False
        self._end_note_edit()  # going back: a note half typed is dropped, not saved
        step = source[-1]
        state = self.model.state(step.item_id)
        now = Answer(state.value, state.note) if state is not None and state.value else None
        if not self._write(step.item_id, step.previous):
            return False
        source.pop()
        target.append(_UndoStep(step.item_id, now))
        self.model.set_answer(step.item_id, step.previous)
        self._after_change(step.item_id)
        if self._visible(step.item_id):
            self._select(step.item_id)
        restored = tr_label(ANSWER_VALUES[step.previous.value]) if step.previous else self.tr("未答")
        self._info(self.tr("已{0} {1} 的作答，现为“{2}”。").format(verb, step.item_id, restored))
        return True

    def _save(self, item_id: str, answer: Answer | None, previous: Answer | None) -> bool:
        if not self._write(item_id, answer):
            return False
        self._redo.clear()
        self._undo.append(_UndoStep(item_id, previous))
        self.model.set_answer(item_id, answer)
        self.error_label.hide()
        self._after_change(item_id)
        return True

    def _write(self, item_id: str, answer: Answer | None) -> bool:
        """One answer, one transaction; True only once it is on disk (or, in practice, kept by the store)."""
        assert self._store is not None
        try:
            self._store(item_id, answer)
        except EditConflict as exc:
            self._reload_after_conflict(item_id, str(exc))
            return False
        except Exception as exc:
            message = failure_text(exc)
            if message is None:
                raise
            self.error_label.setText(self.tr("保存失败，{0} 未保存：{1}").format(item_id, message))
            self.error_label.show()
            return False
        return True

    def _reload_after_conflict(self, item_id: str, message: str) -> None:
        """Another program wrote to this inspection since it was read: show its answers as they are now and say
        so, instead of overwriting them; the person answers again on what they see."""
        assert self._inspection_id is not None and self._walked_case is not None
        current = self.current_item_id() or item_id
        self.set_inspection(self.services.inspections.view(self._inspection_id), self._walked_case)
        self.select_item(current)
        self.error_label.setText(self.tr("未保存 {0}，已重新加载：{1}").format(item_id, message))
        self.error_label.show()

    def _after_change(self, item_id: str) -> None:
        self._update_progress()
        if self.current_item_id() == item_id:
            self._show_item(self.model.state(item_id))
        self.answered.emit(item_id)

    # --- notes ---------------------------------------------------------------------------------------------
    def _start_note_edit(self, item_id: str, *, prompt: bool) -> None:
        self._note_item = item_id
        self._prompted_item = item_id if prompt else None
        state = self.model.state(item_id)
        self.note_edit.setReadOnly(False)
        self.note_edit.setText(state.note if state else "")
        if prompt:
            self.note_prompt.setText(self.tr("本项答“不符合”，须写明理由：输入后按 Enter 保存（Esc 稍后再填）。"))
            self.note_prompt.show()
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.selectAll()

    def _commit_note(self, leaving: bool = False) -> None:
        """Save the note line; `leaving` (focus moved away) never keeps the person in the line."""
        item_id = self._note_item
        state = self.model.state(item_id) if item_id else None
        if item_id is None or state is None or state.value is None:
            self._end_note_edit()
            return
        text = self.note_edit.text().strip()
        if not text and state.value == "fail" and state.item.note_required_on_fail and not leaving:
            self.note_prompt.setText(self.tr("说明不能为空：本项答“不符合”须写明理由（Esc 稍后再填）。"))
            self.note_prompt.show()
            return
        prompted = self._prompted_item == item_id and not leaving
        saved = text == state.note or self._save(item_id, Answer(state.value, text), Answer(state.value, state.note))
        if not saved and not leaving:
            return  # the error is shown and the text stays in the line, to try again with Enter
        self._end_note_edit()
        if prompted and saved:
            self._advance(item_id)

    def _keep_typed_note(self) -> None:
        """Before the walk is rebuilt (case edited, other inspection), save a note being typed rather than lose it."""
        if self._note_item is not None:
            self._commit_note(leaving=True)

    def _cancel_note(self) -> None:
        """Esc: leave the note as it was; after a prompt, move on (the missing reason stays listed)."""
        prompted = self._prompted_item
        self._end_note_edit()
        self._show_item(self._current_state())
        if prompted is not None:
            self._advance(prompted)

    def _end_note_edit(self) -> None:
        """Leave the note line; the flags are cleared first so the focus change below cannot save twice."""
        editing = self._note_item is not None
        self._note_item = None
        self._prompted_item = None
        self.note_prompt.hide()
        if editing:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keyboard ------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and isinstance(event, QKeyEvent)
                and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)):
            action = self._key_action(event)
            if action is None:
                return False
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # our key, even if a window-wide shortcut would want it
                return True
            action()
            return True
        if watched is self.note_edit and event.type() == QEvent.Type.FocusIn and self._note_item is None:
            # Clicked into the note line with the mouse: the same as pressing N.
            state = self._current_state()
            if state is not None and state.applicable and state.value is not None:
                self._note_item = state.item.id
        if (watched is self.note_edit and isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
                and event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
                and self._note_item is not None):
            # Leaving the line by other means than Enter or Esc keeps what was typed rather than losing it
            # (a context menu or switching to another program does not leave it).
            self._commit_note(leaving=True)
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], object] | None:
        """What a key does in the list, or None to leave it to the list itself (Page Up, Home…)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Z and modifiers == control:
            return self.undo
        if (key == Qt.Key.Key_Y and modifiers == control) or (key == Qt.Key.Key_Z and modifiers == control | shift):
            return self.redo
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return None
        if event.text() in ANSWER_KEYS:
            value = ANSWER_KEYS[event.text()]
            return lambda: self.answer_current(value)
        if key == Qt.Key.Key_N:
            return self.edit_note
        if key == Qt.Key.Key_Down:
            return lambda: self._step(+1)
        if key == Qt.Key.Key_Up:
            return lambda: self._step(-1)
        return None

    # --- cursor --------------------------------------------------------------------------------------------
    def _visible(self, item_id: str) -> bool:
        return self.proxy.mapFromSource(self.model.item_index(item_id)).isValid()

    def _walkable(self) -> list[str]:
        """Ids the cursor stops at, in order: applicable items shown under the current filter."""
        return [s.item.id for s in self.model.states() if s.applicable and self._visible(s.item.id)]

    def _first_visible(self) -> str | None:
        walkable = self._walkable()
        return walkable[0] if walkable else None

    def _step(self, direction: int) -> None:
        walkable = self._walkable()
        if not walkable:
            return
        current = self.current_item_id()
        order = [s.item.id for s in self.model.states()]
        if current is None:
            self._select(walkable[0] if direction > 0 else walkable[-1])
            return
        position = order.index(current)
        candidates = [i for i in walkable if (order.index(i) > position if direction > 0 else order.index(i) < position)]
        if candidates:
            self._select(candidates[0] if direction > 0 else candidates[-1])

    def _advance(self, item_id: str) -> None:
        """After an answer: the next applicable item the filter shows; at the end, stay (or step back if hidden)."""
        order = [s.item.id for s in self.model.states()]
        position = order.index(item_id)
        walkable = self._walkable()
        after = [i for i in walkable if order.index(i) > position]
        if after:
            self._select(after[0])
        elif self._visible(item_id):
            self._select(item_id)
        else:
            before = [i for i in walkable if order.index(i) < position]
            self._select(before[-1] if before else None)

    def _select(self, item_id: str | None) -> None:
        if item_id is None:
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(QModelIndex())
            self._show_item(None)
            return
        index = self.proxy.mapFromSource(self.model.item_index(item_id))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def _current_state(self) -> ItemState | None:
        item_id = self.current_item_id()
        return self.model.state(item_id) if item_id else None

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._note_item is not None and self._note_item != self.current_item_id():
            self._commit_note(leaving=True)
        self._show_item(self._current_state())

    # --- showing -------------------------------------------------------------------------------------------
    def _info(self, text: str) -> None:
        self.answer_label.setText(text)

    def _show_item(self, state: ItemState | None) -> None:
        answerable = state is not None and state.applicable
        for button in self.answer_buttons.values():
            button.setEnabled(answerable)
        self.note_button.setEnabled(answerable and state is not None and state.value is not None)
        self.veto_label.setVisible(state is not None and state.item.veto)
        if state is None:
            for label in (self.position_label, self.question_label, self.guidance_label, self.basis_label,
                          self.condition_label, self.meta_label, self.answer_label):
                label.clear()
            self.article_view.set_basis("")
            empty = self.model.rowCount() > 0 and self.proxy.rowCount() == 0
            self.question_label.setText(
                self.tr("没有“{0}”的检查项。").format(
                    QCoreApplication.translate("checklist_model_qt", FILTERS[self.proxy.mode])
                )
                if empty
                else self.tr("请选择检查项（↑/↓）。")
            )
            self.note_edit.clear()
            self.note_edit.setReadOnly(True)
            self.note_edit.setPlaceholderText("")
            return
        item = state.item
        self.position_label.setText(f"{item.id} · {item.heading}")
        self.meta_label.setText(self.tr("错误等级：{0}　　扣分：{1:g} 分").format(item.severity, item.deduction)
                                + (self.tr("　　否决项：是") if item.veto else ""))
        self.question_label.setText(item.question)
        self.guidance_label.setText(self.tr("检查要点：{0}").format(item.guidance))
        basis = item.legal_basis + (
            ""
            if item.verified
            else "<span style='color:#e65100;'>"
            + QCoreApplication.translate("checklist_walk", UNVERIFIED_MARK)
            + "</span>"
        )
        self.basis_label.setText(self.tr("法律依据：{0}").format(basis))
        self.basis_label.setToolTip(self.tr("核实出处：{0}").format(item.source) if item.source else "")
        self.article_view.set_basis(item.legal_basis)
        condition = describe_condition(item.applies_when)
        if not state.applicable:
            condition += self.tr("　——本案不满足此条件，本项不适用，无需作答。")
        self.condition_label.setText(self.tr("适用条件：{0}").format(condition))
        self.condition_label.setStyleSheet("" if state.applicable else "color: #9e9e9e;")
        if not state.applicable:
            self.answer_label.setText(self.tr("本项不适用于本案。"))
        elif state.value is None:
            self.answer_label.setText(self.tr("尚未作答：按 1 符合、2 不符合、3 不适用、4 待核实。"))
        else:
            self.answer_label.setText(self.tr("已保存：{0}").format(tr_label(ANSWER_VALUES[state.value])))
        if self._note_item != item.id:
            self.note_edit.setText(state.note)
            self.note_edit.setReadOnly(not answerable or state.value is None)
            self.note_edit.setPlaceholderText(self.tr("按 N 填写备注，Enter 保存") if state.value else self.tr("作答后可填写备注"))

    def _update_progress(self) -> None:
        applicable = [s for s in self.model.states() if s.applicable]
        answered = sum(1 for s in applicable if s.value is not None)
        self.progress.setRange(0, max(1, len(applicable)))
        self.progress.setValue(answered)
        self.progress.setFormat(self.tr("已答 {0} / 适用 {1}").format(answered, len(applicable)))
        missing = self.model.missing_note_ids()
        self.missing_label.setText(self.tr("以下“不符合”项须写明理由：") + joined(missing) if missing else "")
        self.missing_label.setVisible(bool(missing))
