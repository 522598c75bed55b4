"""Every question and message the window puts to the user, behind one small service.

Widgets never call ``QMessageBox`` or ``QFileDialog`` themselves: they ask the
:class:`PromptService` they were given. Tests give them a fake that answers at once, so
nothing blocks on a modal ``exec()`` under test.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ropa_app.domain.models import OrganisationBase


class FirstLaunchChoice(StrEnum):
    """What the user wants to do with an empty register."""

    ORGANISATION = "organisation"
    DEMO = "demo"
    CANCEL = "cancel"


class PromptService(QObject):
    """Modal questions and messages, parented to the main window once it exists.

    Args:
        parent_widget: the window the dialogs are centred on (may be set later with
            :meth:`set_parent_widget`).
    """

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self._parent_widget = parent_widget

    def set_parent_widget(self, widget: QWidget | None) -> None:
        """Centre the dialogs on ``widget`` from now on."""
        self._parent_widget = widget

    def show_error(self, title: str, message: str) -> None:
        """Tell the user about a problem they can act on (a locked or unreadable file…)."""
        QMessageBox.critical(self._parent_widget, title, message)

    def show_info(self, title: str, message: str) -> None:
        """Tell the user something that is not a problem."""
        QMessageBox.information(self._parent_widget, title, message)

    def show_crash(self, log_path: Path | None) -> None:
        """Tell the user the program hit a bug, and where its details were written."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(self.tr("ROPA hit an unexpected error (a bug in the program)."))
        if log_path is not None:
            detail = self.tr(
                "The details were written to:\n%1\n\nYou can go on working. If this "
                "happens again, please send that file to your support."
            ).replace("%1", str(log_path))
        else:
            detail = self.tr("The details could not be written to the log file.")
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def ask_first_launch(self) -> FirstLaunchChoice:
        """Ask what to do with an empty register: create an organisation or open the demo."""
        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Welcome to ROPA"))
        box.setText(self.tr("This register is empty."))
        box.setInformativeText(self.tr(
            "Start with your organisation, or explore a demo register first "
            "(a fictitious company with both of its registers)."
        ))
        org = box.addButton(self.tr("Create my organisation…"), QMessageBox.ButtonRole.AcceptRole)
        demo = box.addButton(self.tr("Open the demo"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(org)
        box.exec()
        clicked = box.clickedButton()
        if clicked is org:
            return FirstLaunchChoice.ORGANISATION
        if clicked is demo:
            return FirstLaunchChoice.DEMO
        return FirstLaunchChoice.CANCEL

    def ask_new_organisation(self, save: Callable[[OrganisationBase], int]) -> int | None:
        """Let the user describe a new organisation; ``save`` stores it.

        Returns:
            The id ``save`` returned, or None if the user cancelled.
        """
        from ropa_app.ui.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(save, self._parent_widget)
        try:
            dialog.exec()
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    def ask_register_path(self, start: str) -> str | None:
        """Let the user pick a register file to open; None if they cancelled."""
        path, _filter = QFileDialog.getOpenFileName(
            self._parent_widget,
            self.tr("Open register"),
            start,
            self.tr("ROPA registers (*.sqlite *.db);;All files (*)"),
        )
        return path or None
