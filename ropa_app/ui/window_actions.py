"""The main window's commands: actions with their shortcuts and tips, and the menus and
tool bar built from them.

The window and its export and import controllers decide what each action does (they
connect them); this module only says what they are called, which keys reach them and where
they appear. The record editor brings
its own Save, Revert, Undo and Redo actions; :meth:`WindowActions.install_editor_actions`
puts them in the menus and the tool bar, and takes out those of a previous editor.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget
from shiboken6 import isValid

from ropa_app.domain.enums import RegisterKind

_CTRL = Qt.Modifier.CTRL
_SHIFT = Qt.Modifier.SHIFT


def _keys(*combos: Qt.Key | QKeySequence.StandardKey | int) -> list[QKeySequence]:
    return [QKeySequence(c) for c in combos]


class WindowActions(QObject):
    """Every command of the main window, created once, parented to the window.

    Args:
        window: the main window; its menu bar is filled by :meth:`build_menus`.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        tr = self.tr

        def make(text: str, *shortcuts: QKeySequence, tip: str = "") -> QAction:
            action = QAction(text, window)
            if shortcuts:
                action.setShortcuts(list(shortcuts))
            if tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
            return action

        # File
        self.open_register = make(tr("&Open register…"), *_keys(QKeySequence.StandardKey.Open),
                                  tip=tr("Open another register file"))
        self.import_ = make(tr("&Import…"), QKeySequence(_CTRL | Qt.Key.Key_I),
                            tip=tr("Add organisations from a JSON interchange file, or "
                                   "activities from an Excel or OpenDocument workbook into "
                                   "the register shown"))
        self.export = make(tr("&Export register…"), QKeySequence(_CTRL | Qt.Key.Key_E),
                           tip=tr("Write the register shown as a PDF or an Excel workbook, or "
                                  "its whole organisation as a JSON interchange file"))
        on_screen = tr("as shown in the editor, unsaved changes included")
        self.print = make(tr("&Print…"), *_keys(QKeySequence.StandardKey.Print),
                          tip=tr("Print the summary of the record shown (%1)")
                          .replace("%1", on_screen))
        self.quit = make(tr("&Quit"), QKeySequence(_CTRL | Qt.Key.Key_Q))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.find = make(tr("&Find…"), *_keys(QKeySequence.StandardKey.Find),
                         tip=tr("Search the records of the register shown"))
        self.clear_filters = make(tr("C&lear search and filters"),
                                  QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_F),
                                  tip=tr("Show every record of the register again"))

        # Record
        self.new_record = make(tr("&New record"), *_keys(QKeySequence.StandardKey.New),
                               tip=tr("Describe a new processing activity in this register"))
        self.duplicate = make(tr("&Duplicate"), QKeySequence(_CTRL | Qt.Key.Key_D),
                              tip=tr("Start a new record as a copy of this one"))
        self.archive = make(tr("&Archive…"), QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_A),
                            tip=tr("Mark the record as no longer carried out; it stays in "
                                   "the register"))
        self.delete = make(tr("De&lete…"), QKeySequence(_CTRL | Qt.Key.Key_Delete),
                           tip=tr("Delete the record (Del in the list); its history keeps it"))
        self.save_record_pdf = make(
            tr("Save record as &PDF…"),
            tip=tr("Write the summary of the record shown as a PDF (%1)").replace("%1", on_screen))
        self.save_record_xlsx = make(
            tr("Save record as E&xcel…"),
            tip=tr("Write the record shown as an Excel workbook (%1)").replace("%1", on_screen))
        self.mark_reviewed = make(
            tr("&Mark as reviewed"), QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_M),
            tip=tr("Record that you reviewed this activity today and plan its next review "
                   "(after the organisation's review interval); the record is saved"))
        # Del alone deletes only from the list: in the editor it deletes text.
        self.delete_in_list = QAction(tr("Delete record"), window)
        self.delete_in_list.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_in_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        # Organisation
        self.new_organisation = make(tr("&New organisation…"),
                                     tip=tr("Add an organisation with its own two registers"))
        self.edit_organisation = make(tr("Organisation &details…"),
                                      QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_O),
                                      tip=tr("Name, address, DPO and representative of the "
                                             "organisation shown"))
        self.third_parties = make(tr("&Third parties…"),
                                  QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_T),
                                  tip=tr("Processors, joint controllers, partners and clients "
                                         "of the organisation"))

        # View
        self.controller = make(
            tr("&Controller's register"), QKeySequence(_CTRL | Qt.Key.Key_1),
            tip=tr("Art. 30(1): the activities your organisation carries out as controller"))
        self.processor = make(
            tr("&Processor's register"), QKeySequence(_CTRL | Qt.Key.Key_2),
            tip=tr("Art. 30(2): the processing it carries out on behalf of its clients"))
        self.register_group = QActionGroup(window)
        self.register_group.setExclusive(True)
        for action, kind in ((self.controller, RegisterKind.CONTROLLER),
                             (self.processor, RegisterKind.PROCESSOR)):
            action.setCheckable(True)
            action.setData(kind.value)
            self.register_group.addAction(action)
        self.controller.setChecked(True)
        self.go_to_list = make(tr("Go to the record &list"), QKeySequence(_CTRL | Qt.Key.Key_L))
        self.go_to_editor = make(tr("Go to the &editor"),
                                 QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_L))
        self.reset_columns = make(tr("Reset col&umns"),
                                  tip=tr("Show every column at its default width and place"))
        self.reload = make(tr("&Reload"), *_keys(QKeySequence.StandardKey.Refresh),
                           tip=tr("Read the register again (changes made by others)"))

        # Audit
        self.dashboard = make(tr("&Dashboard…"), QKeySequence(Qt.Key.Key_F9),
                              tip=tr("Charts of the register shown: status, legal bases, data, "
                                     "transfers, reviews due"))
        self.recheck = make(tr("&Check again"), QKeySequence(Qt.Key.Key_F8),
                            tip=tr("Run every compliance check on the organisation shown again"))
        self.audit_panel: QAction | None = None  # the dock's own action, see build_menus

        # Help
        self.shortcuts = make(tr("&Keyboard shortcuts"),
                              *_keys(QKeySequence.StandardKey.HelpContents))
        self.about = make(tr("&About ROPA"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        # Placeholders where the editor's own actions go (see install_editor_actions).
        self.save: QAction | None = None
        self.revert: QAction | None = None
        self.undo: QAction | None = None
        self.redo: QAction | None = None
        self._edit_anchor: QAction | None = None
        self._record_anchor: QAction | None = None
        self._toolbar_anchor: QAction | None = None
        self._editor_separator: QAction | None = None
        self.toolbar: QToolBar | None = None

    # --- menus and tool bar ---------------------------------------------------------------

    def build_menus(self, columns_menu: QMenu, audit_panel: QAction) -> None:
        """Fill the window's menu bar; ``columns_menu`` is the column chooser,
        ``audit_panel`` shows or hides the audit readiness panel."""
        bar = self._window.menuBar()
        tr = self.tr

        file_menu = bar.addMenu(tr("&File"))
        file_menu.setToolTipsVisible(True)  # says what Import, Export and Print take
        file_menu.addAction(self.open_register)
        file_menu.addSeparator()
        file_menu.addAction(self.import_)
        file_menu.addAction(self.export)
        file_menu.addAction(self.print)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu(tr("&Edit"))
        self._edit_anchor = edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addAction(self.clear_filters)
        self.edit_menu = edit_menu

        record_menu = bar.addMenu(tr("&Record"))
        record_menu.addAction(self.new_record)
        record_menu.addAction(self.duplicate)
        self._record_anchor = record_menu.addSeparator()
        record_menu.addAction(self.mark_reviewed)
        record_menu.addAction(self.archive)
        record_menu.addAction(self.delete)
        record_menu.addSeparator()
        record_menu.addAction(self.save_record_pdf)
        record_menu.addAction(self.save_record_xlsx)
        record_menu.setToolTipsVisible(True)  # says that unsaved changes are included
        self.record_menu = record_menu

        org_menu = bar.addMenu(tr("&Organisation"))
        org_menu.addAction(self.new_organisation)
        org_menu.addAction(self.edit_organisation)
        org_menu.addSeparator()
        org_menu.addAction(self.third_parties)

        view_menu = bar.addMenu(tr("&View"))
        view_menu.addAction(self.controller)
        view_menu.addAction(self.processor)
        view_menu.addSeparator()
        view_menu.addAction(self.go_to_list)
        view_menu.addAction(self.go_to_editor)
        view_menu.addSeparator()
        columns_menu.setTitle(tr("C&olumns"))
        view_menu.addMenu(columns_menu)
        view_menu.addAction(self.reset_columns)
        view_menu.addSeparator()
        view_menu.addAction(self.reload)

        self.audit_panel = audit_panel
        audit_panel.setShortcut(QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_U))
        audit_panel.setToolTip(tr("Show or hide the findings an auditor would raise"))
        audit_menu = bar.addMenu(tr("&Audit"))
        audit_menu.addAction(audit_panel)
        audit_menu.addAction(self.dashboard)
        audit_menu.addSeparator()
        audit_menu.addAction(self.recheck)

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.shortcuts)
        help_menu.addAction(self.about)

    def build_toolbar(self) -> QToolBar:
        """The record tool bar (New, Duplicate, Undo, Redo, Archive, Delete)."""
        bar = QToolBar(self.tr("Record"), self._window)
        bar.setObjectName("record_toolbar")  # saveState() needs a name
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self.new_record)
        bar.addAction(self.duplicate)
        self._toolbar_anchor = bar.addSeparator()
        bar.addAction(self.archive)
        bar.addAction(self.delete)
        self.toolbar = bar
        return bar

    def install_editor_actions(self, save: QAction, revert: QAction, undo: QAction,
                               redo: QAction) -> None:
        """Show a new editor's actions in the menus and the tool bar, instead of the last's."""
        for old in (self.save, self.revert, self.undo, self.redo):
            # Actions deleted with their editor have left the menus by themselves.
            if old is not None and isValid(old):
                for widget in old.associatedObjects():
                    if isinstance(widget, QWidget) and widget is not self._window:
                        widget.removeAction(old)
        if self.toolbar is not None and self._editor_separator is not None:
            self.toolbar.removeAction(self._editor_separator)
        self.save, self.revert, self.undo, self.redo = save, revert, undo, redo
        if not save.shortcut().count():
            save.setShortcuts(QKeySequence.StandardKey.Save)
        if not revert.shortcut().count():
            revert.setShortcut(QKeySequence(_CTRL | _SHIFT | Qt.Key.Key_R))
        # Saving works from anywhere in the window, the record list included.
        for action in (save, revert):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        if self._edit_anchor is not None:
            self.edit_menu.insertActions(self._edit_anchor, [undo, redo])
        if self._record_anchor is not None:
            self.record_menu.insertActions(self._record_anchor, [save, revert])
        # Save and Revert have their buttons on the editor itself: not again in the tool bar.
        if self.toolbar is not None and self._toolbar_anchor is not None:
            self._editor_separator = self.toolbar.insertSeparator(self._toolbar_anchor)
            self.toolbar.insertActions(self._toolbar_anchor, [undo, redo])

    def with_shortcuts(self) -> list[QAction]:
        """Every action reachable by a shortcut, in menu order (for Help > Keyboard shortcuts)."""
        actions = [self.open_register, self.import_, self.export, self.print, self.quit,
                   self.undo, self.redo, self.find, self.clear_filters, self.new_record,
                   self.duplicate, self.save, self.revert, self.mark_reviewed, self.archive,
                   self.delete, self.edit_organisation, self.third_parties, self.controller,
                   self.processor, self.go_to_list, self.go_to_editor, self.reload,
                   self.audit_panel, self.dashboard, self.recheck, self.shortcuts]
        return [a for a in actions if a is not None and a.shortcut().count()]
