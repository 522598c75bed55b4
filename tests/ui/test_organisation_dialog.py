"""The new-organisation dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ropa_app.domain.models import OrganisationBase
from ropa_app.ui.organisation_dialog import OrganisationDialog
from ropa_app.ui.session import RegisterSession


def ok_button(dialog: OrganisationDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_typed_organisation_is_saved(qtbot: QtBot, empty_session: RegisterSession) -> None:
    """Filling the fields and clicking OK stores the organisation with its DPO."""
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not ok_button(dialog).isEnabled()  # the name is required
    qtbot.keyClicks(dialog.name_edit, "Clinique du Parc")
    qtbot.keyClicks(dialog.fields["city"], "Lyon")
    qtbot.keyClicks(dialog.fields["country"].lineEdit(), "fr")
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.fields["dpo_name"], "Jeanne Dupont")
    qtbot.keyClicks(dialog.fields["dpo_email"], "dpo@clinique.example")
    assert ok_button(dialog).isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    [stored] = empty_session.organisations.list()
    assert dialog.saved_id == stored.id
    assert (stored.data.name, stored.data.city, stored.data.country) == ("Clinique du Parc",
                                                                        "Lyon", "FR")
    assert (stored.data.dpo_name, stored.data.dpo_email) == ("Jeanne Dupont",
                                                            "dpo@clinique.example")


def test_refusal_is_shown_in_the_dialog(qtbot: QtBot, empty_session: RegisterSession) -> None:
    """A name already used is explained in the dialog, which stays open with the input."""
    empty_session.organisations.create(OrganisationBase(name="Clinique du Parc"))
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Clinique du Parc")
    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.saved_id is None
    assert "exists already" in dialog.error_label.text()
    assert dialog.name_edit.text() == "Clinique du Parc"


def test_unknown_country_is_refused(qtbot: QtBot, empty_session: RegisterSession) -> None:
    """The store's integrity errors (here a country code) keep the dialog open."""
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("X")
    dialog.fields["country"].setEditText("ZZ")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "'ZZ' is not an ISO 3166-1" in dialog.error_label.text()
    assert empty_session.organisations.list() == []


def test_cancel_saves_nothing(qtbot: QtBot, empty_session: RegisterSession) -> None:
    """Cancel closes the dialog without calling the store."""
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Clinique du Parc")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)
    assert empty_session.organisations.list() == []


def test_focus_field_shows_its_page_and_puts_the_cursor_there(
        qtbot: QtBot, empty_session: RegisterSession) -> None:
    """Opening the details at a finding's field (the DPO's e-mail) shows the DPO page."""
    dialog = OrganisationDialog(empty_session.organisations.create,
                                OrganisationBase(name="Asso Test"))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    for name in ("dpo_email", "dpo_name", "address", "email"):
        assert dialog.focus_field(name)
        widget = dialog.fields[name]
        assert dialog.tabs.currentWidget().isAncestorOf(widget)
        qtbot.waitUntil(widget.hasFocus)
    assert not dialog.focus_field("no_such_field")
