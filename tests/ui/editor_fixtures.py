"""Fixtures and user-like helpers of the record editor tests: an editor shown as the main
window embeds it (in a scroll area), a register with an organisation and third parties,
and ways to type in fields and table cells as a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ropa_app.domain.documents import RecipientDoc, RecordDoc, RecordPartyDoc, TransferDoc
from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
    LegalBasis,
    PartyRole,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RegisterKind,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    OrganisationBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
    ThirdPartyBase,
)
from ropa_app.store.database import open_register
from ropa_app.store.drafts import DraftStore
from ropa_app.ui.editor import RecordEditor
from ropa_app.ui.editor.country import CountryCombo
from ropa_app.ui.editor.list_editor import ListEditor
from ropa_app.ui.session import RegisterSession

from .fakes import FakePrompts

CLINIC = "Clinique du Parc"
#: The clinic's third parties: name -> kind.
THIRD_PARTIES = {
    "Hebergeur Sante SAS": ThirdPartyKind.PROCESSOR,
    "CloudMail Inc.": ThirdPartyKind.PROCESSOR,
    "Groupement Hospitalier Ouest": ThirdPartyKind.JOINT_CONTROLLER,
}


#: A complete record of the clinic's controller register (what the complete-record test
#: types, as the register holds it).
PATIENT_RECORD = RecordDoc(
    register_kind=RegisterKind.CONTROLLER, reference="PAT-01", name="Dossier patient",
    description="Suivi medical des patients hospitalises", business_function="Soins",
    owner="Dr Martin", software="DxCare", status=RecordStatus.IN_REVIEW,
    last_review=date(2026, 3, 1), last_reviewed_by="Jeanne Dupont",
    next_review=date(2027, 3, 1),
    parties=[
        RecordPartyDoc(third_party="Clinique Partenaire", role=PartyRole.JOINT_CONTROLLER,
                       details="Convention art. 26 du 2 fevrier 2026"),
        RecordPartyDoc(third_party="Groupement Hospitalier Ouest",
                       role=PartyRole.JOINT_CONTROLLER, details="Accord cadre GHT"),
    ],
    purposes=[
        PurposeBase(kind=PurposeKind.MAIN, description="Prise en charge des patients",
                    legal_basis=LegalBasis.PUBLIC_TASK, justification="Code de la sante"),
        PurposeBase(kind=PurposeKind.SUB, description="Enquete de satisfaction",
                    legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
                    legitimate_interest="Ameliorer les soins",
                    balancing_test_reference="BAL-2026-02"),
        PurposeBase(kind=PurposeKind.SUB, description="Lettre d'information",
                    legal_basis=LegalBasis.CONSENT, consent_details="Case a cocher"),
    ],
    subjects=[SubjectCategoryEntryBase(category=SubjectCategory.OTHER, label="Patients",
                                       details="Patients hospitalises")],
    data_categories=[
        DataCategoryEntryBase(category=DataCategory.IDENTITY, description="Nom, prenom",
                              retention_value=20, retention_unit=RetentionUnit.YEARS,
                              retention_criterion="Duree legale",
                              retention_start="Derniere visite",
                              retention_outcome=RetentionOutcome.ARCHIVING),
        DataCategoryEntryBase(category=DataCategory.HEALTH, description="Dossier medical",
                              retention_value=20, retention_unit=RetentionUnit.YEARS,
                              retention_outcome=RetentionOutcome.DELETION,
                              art9_condition=Art9Condition.HEALTH_CARE),
    ],
    recipients=[RecipientDoc(recipient_type=RecipientType.PROCESSOR, name="Hebergeur",
                             third_party="Hebergeur Sante SAS", details="HDS")],
    transfers=[TransferDoc(recipient="CloudMail", third_party="CloudMail Inc.", country="US",
                        mechanism=TransferMechanism.SCC_COMMISSION, documentation="CCT 2021",
                        tia_reference="TIA-2026-01", details="Envoi des convocations")],
    security_measures=[SecurityMeasureBase(measure_type=SecurityMeasureType.ENCRYPTION,
                                           details="AES-256 au repos")],
    data_source=DataSource.BOTH, data_source_details="Patient et medecin traitant",
    automated_decision=True, profiling=True, automated_decision_details="Score de risque",
    dpia_criteria=[DpiaCriterion.SENSITIVE_DATA, DpiaCriterion.VULNERABLE_SUBJECTS],
    dpia_cnil_list=["health_establishments"], dpia_decision=DpiaDecision.REQUIRED,
    dpia_reason="Donnees de sante de personnes vulnerables", dpia_reference="AIPD-2026-01",
    notes="Revu avec le DPO",
)


@pytest.fixture
def clinic_session(tmp_path: Path) -> Iterator[RegisterSession]:
    """An empty register holding one organisation and its third parties, no records."""
    session = RegisterSession.over(open_register(str(tmp_path / "clinic.sqlite")), "test-user")
    org_id = session.organisations.create(OrganisationBase(
        name=CLINIC, city="Lyon", country="FR", dpo_name="Jeanne Dupont"))
    for name, kind in THIRD_PARTIES.items():
        session.organisations.save_third_party(org_id, ThirdPartyBase(name=name, kind=kind))
    yield session
    session.close()


@pytest.fixture
def patient_record(clinic_session: RegisterSession) -> int:
    """The id of :data:`PATIENT_RECORD`, stored in the clinic's register."""
    org = organisation_id(clinic_session)
    clinic_session.organisations.save_third_party(org, ThirdPartyBase(
        name="Clinique Partenaire", kind=ThirdPartyKind.JOINT_CONTROLLER))
    return clinic_session.records.create(org, PATIENT_RECORD).id


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    """Recovery drafts in a temporary folder."""
    return DraftStore("test-register", tmp_path / "drafts")


MakeEditor = Callable[[RegisterSession], RecordEditor]


@pytest.fixture
def make_editor(qtbot: QtBot, prompts: FakePrompts, drafts: DraftStore) -> MakeEditor:
    """Build an editor over a session, shown in a scroll area as the window shows it, with
    Undo / Redo actions as the window makes them."""
    shown: list[QScrollArea] = []  # qtbot holds widgets weakly: keep them alive

    def make(session: RegisterSession) -> RecordEditor:
        editor = RecordEditor(session, prompts, drafts)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(editor)
        area.resize(1366, 768)
        qtbot.addWidget(area)
        shown.append(area)
        for action, key in (
            (editor.undo_stack.createUndoAction(area, "&Undo"), QKeySequence.StandardKey.Undo),
            (editor.undo_stack.createRedoAction(area, "&Redo"), QKeySequence.StandardKey.Redo),
        ):
            action.setShortcut(key)
            area.addAction(action)
        area.addAction(editor.save_action)
        with qtbot.waitExposed(area):
            area.show()
        area.activateWindow()
        return editor

    return make


def organisation_id(session: RegisterSession) -> int:
    """The id of the register's only (or first) organisation."""
    return session.organisations.list()[0].id


def type_text(qtbot: QtBot, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Replace what a field holds by typing ``text`` (ASCII) into it."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def choose(qtbot: QtBot, combo: QComboBox, code: str) -> None:
    """Pick the item holding ``code`` with the keyboard (arrow keys), as a user would."""
    target = combo.findData(code)
    assert target >= 0, f"{code!r} is not offered"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def cell_editor(editor: ListEditor) -> QWidget:
    """The widget editing a cell of ``editor``'s table."""
    assert editor.view.state() == QAbstractItemView.State.EditingState, "no cell is edited"
    editors = [w for w in editor.view.viewport().children()
               if isinstance(w, QWidget) and w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def open_cell(qtbot: QtBot, editor: ListEditor, row: int, column: int) -> QWidget:
    """Click a cell (unless it is the current one) and press F2 to edit it; returns the
    cell's editor."""
    view = editor.view
    index = view.model().index(row, column)
    view.scrollTo(index)
    if view.currentIndex() != index:
        # Clicking the current cell would start Qt's delayed "selected clicked" editing.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(index).center())
    assert view.currentIndex() == index
    qtbot.keyClick(view, Qt.Key.Key_F2)
    return cell_editor(editor)


def press_enter(qtbot: QtBot, editor: ListEditor, widget: QWidget) -> None:
    """Press Enter in a cell editor and wait for the table to take the value (Qt commits
    it from the event loop)."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.view.state() != QAbstractItemView.State.EditingState)


def type_cell(qtbot: QtBot, editor: ListEditor, row: int, column: int, text: str) -> None:
    """Type ``text`` (ASCII) in a cell and press Enter."""
    widget = open_cell(qtbot, editor, row, column)
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    press_enter(qtbot, editor, widget)


def pick_country(qtbot: QtBot, editor: ListEditor, row: int, column: int, name: str) -> None:
    """Type a country's name in the country picker, take the completion, press Enter."""
    widget = open_cell(qtbot, editor, row, column)
    assert isinstance(widget, CountryCombo)
    line = widget.lineEdit()
    qtbot.keyClicks(line, name)
    popup = widget.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # the completion offered
    press_enter(qtbot, editor, line)
    if QApplication.activeWindow() is not editor.window():
        # The offscreen platform leaves the closed completion popup as the active window
        # (a real window system gives the activation back); window shortcuts need it back.
        editor.window().activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is editor.window())


def choose_cell(qtbot: QtBot, editor: ListEditor, row: int, column: int, code: str) -> None:
    """Pick ``code`` in a cell's drop-down list with the arrow keys and press Enter."""
    widget = open_cell(qtbot, editor, row, column)
    assert isinstance(widget, QComboBox)
    target = widget.findData(code)
    assert target >= 0, f"{code!r} is not offered"
    key = Qt.Key.Key_Down if target > widget.currentIndex() else Qt.Key.Key_Up
    while widget.currentIndex() != target:
        qtbot.keyClick(widget, key)
    press_enter(qtbot, editor, widget)


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its box (its middle may be empty space past the text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def add_row(qtbot: QtBot, editor: ListEditor) -> int:
    """Click the table's Add button; returns the table row added."""
    before = editor.view.model().rowCount()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.view.model().rowCount() == before + 1
    return editor.view.currentIndex().row()


def cell(editor: ListEditor, row: int, column: int,
         role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
    """What a cell of the table shows."""
    return editor.view.model().index(row, column).data(role)

