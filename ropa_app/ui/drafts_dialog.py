"""The dialog offering back the unsaved edits found at start (after a crash or power cut)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDateTime, QLocale, QStringListModel, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_app.store.drafts import Draft
from ropa_app.ui.prompts import DraftAction, DraftAnswer


class DraftsDialog(QDialog):
    """Lists the drafts; the user restores one, discards them all, or decides later.

    Args:
        drafts: the drafts found, oldest first.
        organisations: organisation names by id.
        parent: the window it belongs to.

    Attributes:
        answer: what the user chose (``LATER`` until a button is pressed).
    """

    def __init__(self, drafts: Sequence[Draft], organisations: dict[int, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts = list(drafts)
        self.answer = DraftAnswer(DraftAction.LATER)
        self.setWindowTitle(self.tr("Unsaved changes found"))
        self.setMinimumWidth(520)

        intro = QLabel(self.tr(
            "ROPA was closed while these records had changes not yet saved. Restore one to "
            "go on editing it; the others are kept for later."))
        intro.setWordWrap(True)
        self.list_model = QStringListModel(
            [self._describe(d, organisations) for d in self._drafts], self)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setCurrentIndex(self.list_model.index(len(self._drafts) - 1))

        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.discard_button = QPushButton(self.tr("&Discard all"))
        self.later_button = QPushButton(self.tr("&Later"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list_view)
        layout.addWidget(self.buttons)

        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        self.list_view.activated.connect(self._restore)

    def _describe(self, draft: Draft, organisations: dict[int, str]) -> str:
        when = QDateTime.fromSecsSinceEpoch(int(draft.saved_at.timestamp()),
                                            QTimeZone.systemTimeZone())
        doc = draft.doc
        what = f"{doc.reference} \u2014 {doc.name}" if doc.reference else doc.name
        if draft.record_id is None:
            what = self.tr("%1 (new record)").replace("%1", what)
        org = organisations.get(draft.organisation_id, "")
        stamp = QLocale().toString(when, QLocale.FormatType.ShortFormat)
        return f"{what}\n    {org} \u00b7 {stamp}" if org else f"{what}\n    {stamp}"

    def _restore(self) -> None:
        row = self.list_view.currentIndex().row()
        if 0 <= row < len(self._drafts):
            self.answer = DraftAnswer(DraftAction.RESTORE, self._drafts[row])
            self.accept()

    def _discard(self) -> None:
        self.answer = DraftAnswer(DraftAction.DISCARD)
        self.accept()
