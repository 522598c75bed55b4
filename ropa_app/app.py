"""The composition root: builds the application, the register session and the window.

Nothing else creates long-lived objects or wires them together: the window, the prompt
service, the settings and the stores are made here and passed in (STYLE §2).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ropa_app.store.drafts import DraftStore
from ropa_app.store.errors import RopaError
from ropa_app.ui.crash import CrashHandler
from ropa_app.ui.main_window import DraftsFactory, EditorFactory, MainWindow
from ropa_app.ui.prompts import PromptService
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.settings import Settings

APP_NAME = "ROPA"
ORGANISATION_NAME = "ROPA"


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def load_qt_translations(
    app: QCoreApplication, locale: QLocale | None = None
) -> QTranslator | None:
    """Install Qt's own translations (standard buttons, dialogs) for ``locale``.

    Args:
        app: the application; the translator is installed in it and parented to it.
        locale: the system locale by default.

    Returns:
        The installed translator, or None if Qt ships none for that locale.
    """
    locale = locale if locale is not None else QLocale.system()
    translator = QTranslator(app)  # parented to the app so it lives as long as it
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # load(locale, ...) tries "qtbase_fr_FR", then "qtbase_fr", for every UI language.
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    translator.deleteLater()
    return None


def switch_register(window: MainWindow, prompts: PromptService, user: str, location: str) -> bool:
    """Open the register at ``location`` in ``window``, closing the one it showed.

    A register that cannot be opened is reported and the window keeps its register.
    """
    try:
        session = RegisterSession.open(location, user)
    except RopaError as exc:
        prompts.show_error(_tr("Cannot open the register"), str(exc))
        return False
    previous = window.session
    window.set_session(session)
    if previous is not None:
        previous.close()
    return True


def editor_factory(prompts: PromptService) -> EditorFactory:
    """Builds the record editor of each register the window opens."""
    from ropa_app.ui.editor import RecordEditor

    def make(session: RegisterSession, drafts: DraftStore) -> RecordEditor:
        return RecordEditor(session, prompts, drafts)

    return make


def build_window(
    session: RegisterSession,
    settings: Settings,
    prompts: PromptService,
    user: str,
    *,
    make_editor: EditorFactory | None = None,
    make_drafts: DraftsFactory = DraftStore,
) -> MainWindow:
    """The main window over ``session``, with its requests wired.

    Args:
        session: the register shown first.
        settings: the window settings.
        prompts: the prompt service.
        user: who makes the changes, for the history of registers opened later.
        make_editor: builds each register's record editor (the real one by default).
        make_drafts: builds each register's draft store (in the user's data folder by
            default; tests pass a temporary folder).
    """
    window = MainWindow(settings, prompts, make_editor or editor_factory(prompts), make_drafts)
    prompts.set_parent_widget(window)
    window.open_register_requested.connect(partial(switch_register, window, prompts, user))
    window.set_session(session)
    return window


def run_gui(
    db: str | None,
    user: str,
    *,
    prompts: PromptService | None = None,
    settings: Settings | None = None,
    make_editor: EditorFactory | None = None,
    make_drafts: DraftsFactory = DraftStore,
) -> int:
    """Open the window on the register ``db`` (see ``open_register``) and run it.

    Args:
        db: a register file path or database URL; None for ``$ROPA_DB`` or the default.
        user: who makes the changes, for the history.
        prompts: the prompt service (tests pass a fake); a real one by default.
        settings: the window settings (tests pass a temporary file); the user's by default.
        make_editor: builds each register's record editor; the real one by default.
        make_drafts: builds each register's draft store; in the user's data folder by default.

    Returns:
        The exit status: 0 after a normal quit, 1 if the register could not be opened.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION_NAME)
    load_qt_translations(app)

    prompts = prompts if prompts is not None else PromptService()
    previous_hook = sys.excepthook
    sys.excepthook = CrashHandler(prompts)
    session: RegisterSession | None = None
    try:
        try:
            session = RegisterSession.open(db, user)
        except RopaError as exc:
            prompts.show_error(_tr("Cannot open the register"), str(exc))
            return 1
        window = build_window(session, settings or Settings(), prompts, user,
                              make_editor=make_editor, make_drafts=make_drafts)
        window.show()
        status = app.exec()
        if window.session is not None:
            session = window.session  # the user may have opened another register
        return status
    finally:
        if session is not None:
            session.close()
        sys.excepthook = previous_hook


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ropa-gui`` script: ``ropa`` options, always the window."""
    from ropa_app.cli.main import build_parser, current_user

    args = build_parser().parse_args(argv)
    return run_gui(args.db, args.user or current_user())


if __name__ == "__main__":
    sys.exit(gui_main())
