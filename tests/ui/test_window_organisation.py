"""Organisations and third parties: the dialogs, and the window's menu entries for them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import RecipientDoc
from ropa_app.domain.enums import RecipientType, RegisterKind, ThirdPartyKind
from ropa_app.domain.models import OrganisationBase, ThirdPartyBase
from ropa_app.store.organisations import StoredThirdParty
from ropa_app.ui.country_picker import CountryPicker
from ropa_app.ui.main_window import MainWindow
from ropa_app.ui.organisation_dialog import OrganisationDialog
from ropa_app.ui.session import RegisterSession
from ropa_app.ui.third_parties_dialog import (
    ThirdPartiesDialog,
    ThirdPartyColumn,
    ThirdPartyDialog,
    ThirdPartyTableModel,
)

from .fakes import SMALL_ORG, FakePrompts

MakeWindow = Callable[..., MainWindow]

#: A value for every field of the organisation, none of them the default.
FULL_ORG = OrganisationBase(
    name="Clinique du Parc SAS", legal_form="SAS", registration_number="123 456 789",
    address="3 rue des Lilas", postcode="69003", city="Lyon", country="FR",
    phone="+33 4 72 00 00 00", email="contact@clinique.example", contact_name="Paul Martin",
    headcount=250, review_interval_months=18,
    dpo_name="Jeanne Dupont", dpo_external=True, dpo_company="Conformité Conseil",
    dpo_address="8 quai Perrache", dpo_postcode="69002", dpo_city="Lyon", dpo_country="FR",
    dpo_phone="+33 4 78 00 00 00", dpo_email="dpo@conformite.example",
    dpo_designation_number="DPO-12345",
    representative_name="Clinic Rep GmbH", representative_address="Hauptstraße 1",
    representative_postcode="10115", representative_city="Berlin",
    representative_country="DE", representative_phone="+49 30 000000",
    representative_email="rep@clinic.example",
    notes="Groupe hospitalier ; deux établissements.",
)


def type_into(qtbot: QtBot, widget: object, value: object) -> None:
    """Fill a field as a user would: type ASCII, paste accented text, tick, step."""
    if isinstance(widget, CountryPicker):
        line = widget.lineEdit()
        line.clear()
        qtbot.keyClicks(line, str(value).lower())  # the code, typed in lower case
    elif isinstance(widget, QLineEdit):
        widget.clear()
        text = str(value)
        if text.isascii():
            qtbot.keyClicks(widget, text)
        else:  # keyClicks aborts on non-ASCII text (QT-NOTES)
            widget.setText(text)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QCheckBox):
        if widget.isChecked() != bool(value):
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    elif isinstance(widget, QSpinBox):
        widget.lineEdit().selectAll()
        qtbot.keyClicks(widget, str(value))
    else:  # pragma: no cover - a new kind of field
        raise AssertionError(widget)


def fill(qtbot: QtBot, dialog: OrganisationDialog | ThirdPartyDialog,
         data: OrganisationBase | ThirdPartyBase) -> None:
    tabs = getattr(dialog, "tabs", None)
    for name, widget in dialog.fields.items():
        if tabs is not None:  # bring the field's tab to the front, as a user would
            page = widget.parentWidget()
            while tabs.indexOf(page) < 0:
                page = page.parentWidget()
            tabs.setCurrentWidget(page)
        type_into(qtbot, widget, getattr(data, name))


def ok(dialog: OrganisationDialog | ThirdPartyDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


# --- the organisation dialog ---------------------------------------------------------------

def test_organisation_dialog_has_every_field(qtbot: QtBot) -> None:
    """Every field of OrganisationBase has its widget in the dialog."""
    dialog = OrganisationDialog(lambda _data: 1)
    qtbot.addWidget(dialog)
    assert set(dialog.fields) == set(OrganisationBase.model_fields)


def test_organisation_dialog_edits_every_field_and_saves(
        qtbot: QtBot, empty_session: RegisterSession) -> None:
    """Typing every field and clicking OK stores exactly what was typed."""
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, FULL_ORG)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    [stored] = empty_session.organisations.list()
    assert stored.data == FULL_ORG
    assert dialog.saved_id == stored.id


def test_organisation_dialog_shows_an_existing_organisation(
        qtbot: QtBot, empty_session: RegisterSession) -> None:
    """Editing shows every stored value; changing one field saves that change only."""
    org_id = empty_session.organisations.create(FULL_ORG)

    def save(data: OrganisationBase) -> int:
        empty_session.organisations.update(org_id, data)
        return org_id

    dialog = OrganisationDialog(save, FULL_ORG)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Organisation details"
    assert dialog.organisation() == FULL_ORG
    dialog.fields["headcount"].setValue(dialog.fields["headcount"].minimum())  # "Not given"
    dialog.accept()
    assert empty_session.organisations.get(org_id).data == FULL_ORG.model_copy(
        update={"headcount": None})


def test_dpo_company_is_for_an_external_dpo(qtbot: QtBot) -> None:
    """The DPO's company can be typed only for an external DPO, and is kept only then."""
    dialog = OrganisationDialog(lambda _data: 1)
    qtbot.addWidget(dialog)
    company = dialog.fields["dpo_company"]
    assert not company.isEnabled()
    dialog.dpo_external_check.setChecked(True)
    assert company.isEnabled()
    assert isinstance(company, QLineEdit)
    company.setText("Cabinet")
    dialog.name_edit.setText("X")
    assert dialog.organisation().dpo_company == "Cabinet"
    dialog.dpo_external_check.setChecked(False)
    assert dialog.organisation().dpo_company == ""


def test_store_refusal_points_at_the_field(qtbot: QtBot,
                                           empty_session: RegisterSession) -> None:
    """A refused value is explained in the dialog, on its tab, with the typed values kept."""
    dialog = OrganisationDialog(empty_session.organisations.create)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Clinique")
    dialog.fields["dpo_country"].setEditText("Atlantis")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1  # the DPO's tab
    assert dialog.error_label.text().startswith("Country: 'ATLANTIS' is not an ISO 3166-1")
    assert dialog.name_edit.text() == "Clinique"
    assert empty_session.organisations.list() == []


def test_country_picker_takes_names_and_codes(qtbot: QtBot) -> None:
    """A country is found from its code, its name in any case, or the list entry."""
    picker = CountryPicker("en")
    qtbot.addWidget(picker)
    picker.setEditText("be")
    assert picker.code() == "BE"
    picker.setEditText("germany")
    assert picker.code() == "DE"
    picker.set_code("JP")
    assert picker.currentText() == "Japan (JP)"
    assert picker.code() == "JP"
    picker.set_code("")
    assert picker.code() == ""


# --- organisations from the window ---------------------------------------------------------

def test_edit_organisation_from_the_menu(make_window: MakeWindow,
                                         small_session: RegisterSession,
                                         prompts: FakePrompts) -> None:
    """Organisation > Organisation details… saves the edits; a new name shows at once."""
    window = make_window(small_session)
    org_id = window.current_organisation_id()
    prompts.edited_organisation = FULL_ORG.model_copy(update={"name": "Boulangerie Lune"})
    window.commands.edit_organisation.trigger()
    assert small_session.organisations.get(org_id).data.dpo_company == "Conformité Conseil"
    assert window.organisation_combo.currentText() == "Boulangerie Lune"
    assert window.current_organisation_id() == org_id
    assert window.windowTitle().startswith("Boulangerie Lune")


def test_new_organisation_from_the_menu(make_window: MakeWindow,
                                        small_session: RegisterSession,
                                        prompts: FakePrompts) -> None:
    """Organisation > New organisation… adds it and shows its empty register."""
    window = make_window(small_session)
    prompts.new_organisation = OrganisationBase(name="Zèbre SAS")
    window.commands.new_organisation.trigger()
    assert window.organisation_combo.currentText() == "Zèbre SAS"
    assert window.model.rowCount() == 0


def test_third_parties_from_the_menu(make_window: MakeWindow, small_session: RegisterSession,
                                     prompts: FakePrompts) -> None:
    """Organisation > Third parties… shows the third parties of the organisation shown."""
    window = make_window(small_session)
    window.commands.third_parties.trigger()
    assert prompts.third_parties_shown == [window.current_organisation_id()]


# --- third parties ---------------------------------------------------------------------------

def test_third_party_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    """The third-party model keeps the invariants through inserts, moves and removals."""
    model = ThirdPartyTableModel("en")
    qtmodeltester.check(model)
    model.set_rows([StoredThirdParty(1, ThirdPartyBase(name="Beta")),
                    StoredThirdParty(2, ThirdPartyBase(name="Delta", country="US",
                                                       dpf_certified=True))])
    assert model.put(StoredThirdParty(3, ThirdPartyBase(name="Alpha"))) == 0
    assert model.put(StoredThirdParty(1, ThirdPartyBase(name="Zeta"))) == 2  # renamed: moves
    assert model.put(StoredThirdParty(2, ThirdPartyBase(name="Delta", country="US"))) == 1
    model.remove(3)
    assert [model.index(r, ThirdPartyColumn.NAME).data() for r in range(2)] == ["Delta", "Zeta"]
    assert model.index(0, ThirdPartyColumn.COUNTRY).data() == "United States"


def test_third_party_dialog_edits_every_field(qtbot: QtBot) -> None:
    """The third-party form has every field of ThirdPartyBase and gives back what was typed."""
    full = ThirdPartyBase(
        name="NeoCloud Inc.", kind=ThirdPartyKind.PROCESSOR, registration_number="EIN 12-345",
        address="1 Market St", postcode="94105", city="San Francisco", country="US",
        phone="+1 415 000 0000", email="dpa@neocloud.example", contact_name="Ann Lee",
        contract_reference="DPA 2025-03", dpf_certified=True, notes="Hébergement des sauvegardes")
    saved: list[ThirdPartyBase] = []
    dialog = ThirdPartyDialog(lambda data: saved.append(data) or 7)
    qtbot.addWidget(dialog)
    dialog.show()
    assert set(dialog.fields) | {"kind"} == set(ThirdPartyBase.model_fields)
    fill(qtbot, dialog, full)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ThirdPartyKind.PROCESSOR.value))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert saved == [full]
    assert dialog.saved_id == 7


def _dialog(qtbot: QtBot, session: RegisterSession, prompts: FakePrompts) -> ThirdPartiesDialog:
    org = session.organisations.list()[0].id
    dialog = ThirdPartiesDialog(session.organisations, org, SMALL_ORG, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(dialog: ThirdPartiesDialog) -> list[str]:
    return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]


def test_third_parties_add_edit_delete(qtbot: QtBot, small_session: RegisterSession,
                                       prompts: FakePrompts) -> None:
    """Add stores a new third party, Edit changes it, Delete or Del (confirmed) removes it."""
    dialog = _dialog(qtbot, small_session, prompts)
    assert names(dialog) == []
    assert not dialog.edit_button.isEnabled()
    prompts.third_party_answer = ThirdPartyBase(name="Paie Conseil", kind=ThirdPartyKind.PROCESSOR)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert names(dialog) == ["Paie Conseil"]
    assert dialog.selected() is not None
    prompts.third_party_answer = ThirdPartyBase(name="Paie Conseil Loire", country="FR",
                                                contract_reference="DPA du 1er mars")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert prompts.third_party_asked[-1] == ThirdPartyBase(name="Paie Conseil",
                                                           kind=ThirdPartyKind.PROCESSOR)
    assert names(dialog) == ["Paie Conseil Loire"]
    org = small_session.organisations.list()[0].id
    [stored] = small_session.organisations.third_parties(org)
    assert stored.data.contract_reference == "DPA du 1er mars"
    prompts.delete_third_party_answer = False
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert names(dialog) == ["Paie Conseil Loire"]
    prompts.delete_third_party_answer = True
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # Del in the list = Delete…
    assert names(dialog) == []
    assert small_session.organisations.third_parties(org) == []


def test_delete_of_a_third_party_in_use_is_refused(qtbot: QtBot,
                                                    small_session: RegisterSession,
                                                    prompts: FakePrompts) -> None:
    """A third party still named in a record stays; the store's reason is shown."""
    org = small_session.organisations.list()[0].id
    small_session.organisations.save_third_party(org, ThirdPartyBase(name="Routeur Mail"))
    rid = small_session.records.find(org, RegisterKind.CONTROLLER, "COM-10")
    assert rid is not None
    doc = small_session.records.load(rid).doc
    doc.recipients = [RecipientDoc(recipient_type=RecipientType.PROCESSOR,
                                   third_party="Routeur Mail")]
    small_session.records.save(rid, doc, doc.version)
    dialog = _dialog(qtbot, small_session, prompts)
    dialog.table.selectRow(0)
    dialog.delete_selected()  # what Delete… and the Del key do (see the test above)
    assert names(dialog) == ["Routeur Mail"]
    assert dialog.message_label.isVisible()
    assert "still named in records" in dialog.message_label.text()


def test_a_name_taken_is_refused_in_the_form(qtbot: QtBot, small_session: RegisterSession) -> None:
    """The form of a third party shows the store's refusal and stays open."""
    org = small_session.organisations.list()[0].id
    small_session.organisations.save_third_party(org, ThirdPartyBase(name="Routeur Mail"))
    dialog = ThirdPartyDialog(
        lambda data: small_session.organisations.save_third_party(org, data))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Routeur Mail")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "exists already" in dialog.error_label.text()
