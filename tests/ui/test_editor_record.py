"""The record editor driven as a DPO would fill a fiche: every section typed and clicked
through, saved, and read back from the register file by another session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import RECORD_LISTS, RecordDoc
from ropa_app.domain.enums import DpiaCriterion, PurposeKind, RegisterKind, ThirdPartyKind
from ropa_app.domain.models import ThirdPartyBase
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.editor.document import FORM_FIELDS, STAMP_FIELDS
from ropa_app.ui.editor.list_models import (
    DataCategoriesModel,
    PartiesModel,
    PurposesModel,
    RecipientsModel,
    SecurityMeasuresModel,
    SubjectsModel,
    TransfersModel,
)
from ropa_app.ui.session import RegisterSession

from . import editor_fixtures
from .editor_fixtures import (
    PATIENT_RECORD,
    MakeEditor,
    add_row,
    cell,
    choose,
    choose_cell,
    click_box,
    organisation_id,
    pick_country,
    type_cell,
    type_text,
)
from .fakes import FakePrompts

# The editor's fixtures, found by pytest under these names.
clinic_session = editor_fixtures.clinic_session
drafts = editor_fixtures.drafts
make_editor = editor_fixtures.make_editor
patient_record = editor_fixtures.patient_record

P, D, T = PurposesModel.Column, DataCategoriesModel.Column, TransfersModel.Column

EXPECTED = PATIENT_RECORD

#: Fields the store maintains (compared apart).
STAMPS = set(STAMP_FIELDS)


def fill_complete_record(qtbot: QtBot, editor: RecordEditor, prompts: FakePrompts) -> None:
    """Type and click through every section of the fiche, as :data:`EXPECTED` says."""
    f = editor.form
    # 1. Description
    type_text(qtbot, f.reference_edit, "PAT-01")
    type_text(qtbot, f.name_edit, "Dossier patient")
    type_text(qtbot, f.description_edit, "Suivi medical des patients hospitalises")
    type_text(qtbot, f.business_function_edit, "Soins")
    type_text(qtbot, f.owner_edit, "Dr Martin")
    type_text(qtbot, f.software_edit, "DxCare")
    choose(qtbot, f.status_combo, "in_review")
    type_text(qtbot, f.last_review_edit.line, "01/03/2026")
    type_text(qtbot, f.last_reviewed_by_edit, "Jeanne Dupont")
    type_text(qtbot, f.next_review_edit.line, "01/03/2027")
    # 2. Actors: a new third party made from the editor, then one of the list.
    prompts.third_party_answer = ThirdPartyBase(name="Clinique Partenaire",
                                                kind=ThirdPartyKind.JOINT_CONTROLLER)
    qtbot.mouseClick(f.new_third_party_button, Qt.MouseButton.LeftButton)
    assert cell(f.parties, 0, PartiesModel.Column.THIRD_PARTY) == "Clinique Partenaire"
    type_cell(qtbot, f.parties, 0, PartiesModel.Column.DETAILS,
              "Convention art. 26 du 2 fevrier 2026")
    row = add_row(qtbot, f.parties)
    choose_cell(qtbot, f.parties, row, PartiesModel.Column.THIRD_PARTY,
                "Groupement Hospitalier Ouest")
    type_cell(qtbot, f.parties, row, PartiesModel.Column.DETAILS, "Accord cadre GHT")
    # 3. Purposes
    row = add_row(qtbot, f.purposes)
    type_cell(qtbot, f.purposes, row, P.DESCRIPTION, "Prise en charge des patients")
    choose_cell(qtbot, f.purposes, row, P.LEGAL_BASIS, "public_task")
    type_cell(qtbot, f.purposes, row, P.JUSTIFICATION, "Code de la sante")
    row = add_row(qtbot, f.purposes)
    assert cell(f.purposes, row, P.KIND, Qt.ItemDataRole.EditRole) == PurposeKind.SUB
    type_cell(qtbot, f.purposes, row, P.DESCRIPTION, "Enquete de satisfaction")
    choose_cell(qtbot, f.purposes, row, P.LEGAL_BASIS, "legitimate_interests")
    type_cell(qtbot, f.purposes, row, P.LEGITIMATE_INTEREST, "Ameliorer les soins")
    type_cell(qtbot, f.purposes, row, P.BALANCING_TEST, "BAL-2026-02")
    row = add_row(qtbot, f.purposes)
    type_cell(qtbot, f.purposes, row, P.DESCRIPTION, "Lettre d'information")
    choose_cell(qtbot, f.purposes, row, P.LEGAL_BASIS, "consent")
    type_cell(qtbot, f.purposes, row, P.CONSENT_DETAILS, "Case a cocher")
    # 4. Data categories
    row = add_row(qtbot, f.data_categories)
    choose_cell(qtbot, f.data_categories, row, D.CATEGORY, "identity")
    type_cell(qtbot, f.data_categories, row, D.DESCRIPTION, "Nom, prenom")
    type_cell(qtbot, f.data_categories, row, D.RETENTION_VALUE, "20")
    choose_cell(qtbot, f.data_categories, row, D.RETENTION_UNIT, "years")
    type_cell(qtbot, f.data_categories, row, D.RETENTION_CRITERION, "Duree legale")
    type_cell(qtbot, f.data_categories, row, D.RETENTION_START, "Derniere visite")
    choose_cell(qtbot, f.data_categories, row, D.RETENTION_OUTCOME, "archiving")
    # 5. Sensitive data, with its Art. 9(2) condition
    row = add_row(qtbot, f.sensitive_data)
    choose_cell(qtbot, f.sensitive_data, row, D.CATEGORY, "health")
    choose_cell(qtbot, f.sensitive_data, row, D.ART9_CONDITION, "art9_2_h")
    type_cell(qtbot, f.sensitive_data, row, D.DESCRIPTION, "Dossier medical")
    type_cell(qtbot, f.sensitive_data, row, D.RETENTION_VALUE, "20")
    choose_cell(qtbot, f.sensitive_data, row, D.RETENTION_UNIT, "years")
    choose_cell(qtbot, f.sensitive_data, row, D.RETENTION_OUTCOME, "deletion")
    # 6. Data subjects
    row = add_row(qtbot, f.subjects)
    choose_cell(qtbot, f.subjects, row, SubjectsModel.Column.CATEGORY, "other")
    type_cell(qtbot, f.subjects, row, SubjectsModel.Column.LABEL, "Patients")
    type_cell(qtbot, f.subjects, row, SubjectsModel.Column.DETAILS, "Patients hospitalises")
    # 7. Recipients
    row = add_row(qtbot, f.recipients)
    R = RecipientsModel.Column
    choose_cell(qtbot, f.recipients, row, R.TYPE, "processor")
    type_cell(qtbot, f.recipients, row, R.NAME, "Hebergeur")
    choose_cell(qtbot, f.recipients, row, R.THIRD_PARTY, "Hebergeur Sante SAS")
    type_cell(qtbot, f.recipients, row, R.DETAILS, "HDS")
    # 8. Security measures
    row = add_row(qtbot, f.security_measures)
    S = SecurityMeasuresModel.Column
    choose_cell(qtbot, f.security_measures, row, S.TYPE, "encryption")
    type_cell(qtbot, f.security_measures, row, S.DETAILS, "AES-256 au repos")
    # 9. Transfers, with the country chosen in the picker
    row = add_row(qtbot, f.transfers)
    type_cell(qtbot, f.transfers, row, T.RECIPIENT, "CloudMail")
    choose_cell(qtbot, f.transfers, row, T.THIRD_PARTY, "CloudMail Inc.")
    pick_country(qtbot, f.transfers, row, T.COUNTRY, "United States")
    assert str(cell(f.transfers, row, T.COUNTRY_STATUS)).startswith("Partial adequacy: ")
    choose_cell(qtbot, f.transfers, row, T.MECHANISM, "art46_2_c")
    type_cell(qtbot, f.transfers, row, T.DOCUMENTATION, "CCT 2021")
    type_cell(qtbot, f.transfers, row, T.TIA_REFERENCE, "TIA-2026-01")
    type_cell(qtbot, f.transfers, row, T.DETAILS, "Envoi des convocations")
    # Source of the data and automated decisions
    choose(qtbot, f.data_source_combo, "both")
    type_text(qtbot, f.data_source_details_edit, "Patient et medecin traitant")
    click_box(qtbot, f.automated_decision_box)
    click_box(qtbot, f.profiling_box)
    type_text(qtbot, f.automated_decision_details_edit, "Score de risque")
    # DPIA screening
    for criterion in (DpiaCriterion.SENSITIVE_DATA, DpiaCriterion.VULNERABLE_SUBJECTS):
        click_box(qtbot, f.criteria_boxes[criterion])
    view = f.cnil_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))  # "health_establishments"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    choose(qtbot, f.dpia_decision_combo, "required")
    type_text(qtbot, f.dpia_reason_edit, "Donnees de sante de personnes vulnerables")
    type_text(qtbot, f.dpia_reference_edit, "AIPD-2026-01")
    type_text(qtbot, f.notes_edit, "Revu avec le DPO")


def test_a_complete_record_typed_in_every_section_comes_back_from_the_file(
        qtbot: QtBot, make_editor: MakeEditor, clinic_session: RegisterSession,
        prompts: FakePrompts) -> None:
    """Every field typed or chosen in the editor is saved by Ctrl+S and read back, equal,
    by another session on the same register file, and shown again by a new editor."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    fill_complete_record(qtbot, editor, prompts)
    assert editor.form.problem_labels() == []
    with qtbot.waitSignal(editor.record_saved) as saved:
        qtbot.keyClick(editor.form.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty()
    record_id = saved.args[0]

    reopened = RegisterSession.open(clinic_session.location, "someone-else")
    try:
        stored = reopened.records.load(record_id).doc
        assert stored.model_dump(exclude=STAMPS) == EXPECTED.model_dump(exclude=STAMPS)
        assert stored.status_changed_by == "test-user"  # stamped by the store
        again = make_editor(reopened)
        again.load_record(record_id)
    finally:
        reopened.close()
    f = again.form
    assert f.name_edit.text() == "Dossier patient"
    assert f.last_review_edit.line.text() == "01/03/2026"
    assert f.status_combo.currentData() == "in_review"
    assert "test-user" in f.status_info.text()
    assert f.criteria_boxes[DpiaCriterion.VULNERABLE_SUBJECTS].isChecked()
    assert cell(f.sensitive_data, 0, D.ART9_CONDITION).startswith("Art. 9(2)(h)")
    assert cell(f.transfers, 0, T.COUNTRY) == "United States"
    assert f.data_categories.view.model().rowCount() == 1
    assert again.current_doc().model_dump(exclude=STAMPS) == EXPECTED.model_dump(exclude=STAMPS)
    assert not again.is_dirty()


def test_the_form_covers_every_field_of_a_record() -> None:
    """Each field of RecordDoc is edited in the form, in a table, or shown as a stamp."""
    assert set(FORM_FIELDS) | set(STAMP_FIELDS) | set(RECORD_LISTS) == set(RecordDoc.model_fields)


def test_sections_follow_the_cnil_fiche(make_editor: MakeEditor,
                                        clinic_session: RegisterSession) -> None:
    """The sections come in the CNIL fiche's order, and each one folds away."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    titles = [s.title for s in editor.form.sections.values()]
    assert [t.split(".")[0] for t in titles[:9]] == [str(n) for n in range(1, 10)]
    assert "Purposes" in titles[2] and "Transfers" in titles[8]
    assert titles[9:] == ["Source of the data and automated decisions",
                          "DPIA screening (Art. 35)", "Notes"]
    section = editor.form.sections["purposes"]
    section.toggle.click()
    assert not section.body.isVisible()
    section.toggle.click()
    assert section.body.isVisible()


def test_tab_moves_down_the_form(qtbot: QtBot, make_editor: MakeEditor,
                                 clinic_session: RegisterSession) -> None:
    """Tab goes from the reference to the status, then to the name and the description."""
    editor = make_editor(clinic_session)
    editor.new_record(organisation_id(clinic_session), RegisterKind.CONTROLLER)
    f = editor.form
    f.reference_edit.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [f.status_combo, f.name_edit, f.description_edit]
    # Tab leaves a table instead of walking its cells.
    f.purposes.view.setFocus()
    qtbot.keyClick(f.purposes.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not f.purposes.view


def test_focus_field_lands_on_the_field_or_the_cell(qtbot: QtBot, make_editor: MakeEditor,
                                                    clinic_session: RegisterSession,
                                                    patient_record: int) -> None:
    """A document path focuses its field, or its table and cell (sensitive rows in their
    own table), unfolding the section if it was folded."""
    editor = make_editor(clinic_session)
    editor.load_record(patient_record)
    f = editor.form
    f.sections["purposes"].set_expanded(False)
    editor.focus_field("purposes[1].legal_basis")
    assert f.sections["purposes"].is_expanded()
    assert QApplication.focusWidget() is f.purposes.view
    current = f.purposes.view.currentIndex()
    assert (current.row(), current.column()) == (1, P.LEGAL_BASIS)

    editor.focus_field("data_categories[1].art9_condition")
    assert QApplication.focusWidget() is f.sensitive_data.view
    current = f.sensitive_data.view.currentIndex()
    assert (current.row(), current.column()) == (0, D.ART9_CONDITION)

    editor.focus_field("next_review")
    assert QApplication.focusWidget() is f.next_review_edit.line
    editor.focus_field("dpia_reason")
    assert QApplication.focusWidget() is f.dpia_reason_edit
    area = editor.parentWidget().parentWidget()  # the scroll area's viewport, then the area
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0)
