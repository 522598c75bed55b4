"""The record editor's Qt models (every list, the country picker, the DPIA check list, the
conflict table) and the words they show."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ropa_app.domain.enums import DataCategory, RegisterKind
from ropa_app.ui.editor.conflict_dialog import ConflictDialog, ConflictModel, ValueDescriber
from ropa_app.ui.editor.country import CodeRole, CountryDescriber, CountryListModel, short_scope
from ropa_app.ui.editor.form import CheckListModel
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies
from ropa_app.ui.editor.list_models import (
    LIST_MODELS,
    DataCategoriesModel,
    DataCategoryFilter,
    PartiesModel,
    RecordListModel,
    TransfersModel,
)
from ropa_app.ui.prompts import PromptService, UnsavedChoice

from .editor_fixtures import PATIENT_RECORD


def make_model(cls: type[RecordListModel], lang: str = "en") -> RecordListModel:
    """A list model filled with the patient record's rows."""
    vocab, labels = Vocabularies(lang), FieldLabels()
    if cls is TransfersModel:
        model: RecordListModel = TransfersModel(vocab, labels, CountryDescriber(lang))
    else:
        model = cls(vocab, labels)
    model.set_items(getattr(PATIENT_RECORD, cls.list_name))
    return model


@pytest.mark.parametrize("cls", LIST_MODELS, ids=lambda c: c.list_name)
def test_every_list_model_passes_the_model_tester(qtmodeltester: ModelTester,
                                                  cls: type[RecordListModel]) -> None:
    """Each list model keeps every QAbstractItemModel invariant, with rows and through
    insertions, moves, removals and a reset."""
    model = make_model(cls)
    assert model.rowCount() > 0
    assert [c.value for c in cls.Column] == list(range(model.columnCount()))  # type: ignore[attr-defined]
    qtmodeltester.check(model)
    model.insert_row(0, model.new_row())
    model.move_row(0, model.rowCount() - 1)
    model.remove_row(model.rowCount() - 1)
    model.set_problems({(0, cls.SPECS[0].field): "a problem"})
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_data_category_views_split_ordinary_and_sensitive(
        qtmodeltester: ModelTester) -> None:
    """The two views over the data categories each pass the model tester and follow a
    category changed from one block to the other."""
    model = make_model(DataCategoriesModel)
    assert isinstance(model, DataCategoriesModel)
    ordinary = DataCategoryFilter(model, sensitive=False)
    sensitive = DataCategoryFilter(model, sensitive=True)
    qtmodeltester.check(ordinary)
    qtmodeltester.check(sensitive)
    assert (ordinary.rowCount(), sensitive.rowCount()) == (1, 1)
    model.set_value(0, "category", DataCategory.CRIMINAL)
    assert (ordinary.rowCount(), sensitive.rowCount()) == (0, 2)
    ordinary.set_sensitive(True)
    assert ordinary.rowCount() == 2 and ordinary.sensitive()


def test_cells_show_labels_in_the_ui_language() -> None:
    """Codes are shown as their French or English labels, legal grounds with their article."""
    english = make_model(LIST_MODELS[1])  # purposes
    french = make_model(LIST_MODELS[1], "fr")
    assert english.index(0, 2).data().startswith("Art. 6(1)(e) – Task carried out in the ")
    assert french.index(0, 0).data() == "Finalité principale"
    assert english.index(0, 0).data(Qt.ItemDataRole.EditRole) == "main"


def test_not_applicable_cells_are_read_only() -> None:
    """An Art. 9(2) condition is editable only on special categories, an Art. 10 ground only
    on criminal-offence data."""
    model = make_model(DataCategoriesModel)
    art9 = DataCategoriesModel.Column.ART9_CONDITION
    art10 = DataCategoriesModel.Column.ART10_GROUND
    identity, health = 0, 1
    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(identity, art9)) & editable
    assert model.flags(model.index(health, art9)) & editable
    assert not model.flags(model.index(health, art10)) & editable


def test_editing_a_cell_without_a_stack_and_refusing_bad_values() -> None:
    """setData stores a cleaned value, refuses a negative retention and an empty choice
    that is required, and ignores a value unchanged."""
    model = make_model(DataCategoriesModel)
    value = model.index(0, DataCategoriesModel.Column.RETENTION_VALUE)
    assert model.setData(value, " 7 ")
    assert model.value(0, "retention_value") == 7
    assert not model.setData(value, "-1")
    assert not model.setData(value, "soon")
    category = model.index(0, DataCategoriesModel.Column.CATEGORY)
    assert not model.setData(category, "")
    assert model.setData(model.index(0, DataCategoriesModel.Column.RETENTION_UNIT), "")
    assert model.value(0, "retention_unit") is None


def test_the_parties_table_is_worded_for_its_register() -> None:
    """The details column says what it holds in each register; new rows get its role."""
    model = make_model(PartiesModel)
    assert isinstance(model, PartiesModel)
    details = PartiesModel.Column.DETAILS
    assert model.headerData(details, Qt.Orientation.Horizontal) == "Arrangement (Art. 26)"
    model.set_register(RegisterKind.PROCESSOR)
    assert model.headerData(details, Qt.Orientation.Horizontal) == "Categories of processing"
    assert model.new_row()["role"].value == "client_controller"


def test_the_country_picker_lists_each_countrys_standing(qtmodeltester: ModelTester) -> None:
    """Every country is listed with its standing: EEA, adequacy (with its scope when it is
    partial) or third country; the tooltip gives the decision."""
    describer = CountryDescriber("en")
    model = CountryListModel(describer)
    qtmodeltester.check(model)
    texts = {model.index(r, 0).data(CodeRole): model.index(r, 0).data()
             for r in range(model.rowCount())}
    assert texts["FR"] == "France — European Economic Area"
    assert texts["CH"] == "Switzerland — Adequate country"
    assert texts["US"] == ("United States — Partial adequacy: Organisations certified under "
                           "the EU-U.S. Data Privacy Framework")
    assert texts["CN"] == "China — Third country without an adequacy decision"
    assert texts[""] == ""
    tip = model.index(model.row_of("US"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Decision:" in tip and "Department of Commerce" in tip
    assert CountryDescriber("fr").item_text("DE") == "Allemagne — Espace économique européen"


def test_short_scope_keeps_the_scope_up_to_its_first_aside() -> None:
    """A scope is cut before its first parenthesis or comma."""
    assert short_scope("Entities subject to PIPA (Personal Information Act), except x") == \
        "Entities subject to PIPA"
    assert short_scope("Whole text") == "Whole text"


def test_the_dpia_check_list_model(qtmodeltester: ModelTester) -> None:
    """The CNIL list ticks codes in the list's order; a code it does not know is shown
    ticked, so that it can be unticked, and goes away once unticked."""
    model = CheckListModel(Vocabularies("en").cnil_dpia_choices(), "%1 (unknown)")
    qtmodeltester.check(model)
    model.set_checked(["large_scale_location", "made_up"])
    assert model.rowCount() == 15
    assert model.index(14, 0).data() == "made_up (unknown)"
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert model.codes() == ["health_establishments", "large_scale_location", "made_up"]
    model.on_toggle = model.set_checked  # as the binder does, through an undo command
    model.setData(model.index(14, 0), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)
    assert model.codes() == ["health_establishments", "large_scale_location"]
    assert model.rowCount() == 14


def test_the_conflict_table_and_dialog(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    """The conflict table shows both versions of each section; ticks are exclusive per
    row, and the dialog's buttons choose one side for all."""
    theirs = PATIENT_RECORD.model_copy(update={"name": "Leur nom", "version": 4})
    mine = PATIENT_RECORD.model_copy(update={"name": "Mon nom", "purposes": []})
    sections = ["name", "purposes"]
    dialog = ConflictDialog(sections, theirs, mine)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.index(0, ConflictModel.Column.SECTION).data() == "Name"
    assert model.index(0, ConflictModel.Column.STORED).data() == "Leur nom"
    assert model.index(1, ConflictModel.Column.MINE).data() == "(empty)"
    assert "public interest" in model.index(1, ConflictModel.Column.STORED).data()
    assert dialog.choice() == set()
    model.setData(model.index(1, ConflictModel.Column.STORED), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)
    assert dialog.choice() == {"purposes"}
    assert model.index(1, ConflictModel.Column.MINE).data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Unchecked
    qtbot.mouseClick(dialog.stored_button, Qt.MouseButton.LeftButton)
    assert dialog.choice() == set(sections)
    qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)
    assert dialog.choice() == set()


def test_values_are_described_for_comparison() -> None:
    """Each kind of value reads as a person would compare it."""
    describe = ValueDescriber(Vocabularies("en"))
    assert describe.section(PATIENT_RECORD, "automated_decision") == "Yes"
    assert describe.section(PATIENT_RECORD, "dpia_criteria").splitlines()[0] == \
        "Sensitive data or data of a highly personal nature"
    assert describe.section(PATIENT_RECORD, "last_review") == "01/03/2026"
    transfers = describe.section(PATIENT_RECORD, "transfers")
    assert "United States" in transfers and "CloudMail Inc." in transfers


def answer_modal(qtbot: QtBot, click: Callable[[QWidget], None]) -> None:
    """Once a modal dialog is up, act on it (as the user would)."""

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, act)
            return
        click(modal)

    QTimer.singleShot(0, act)


def click_text(text: str) -> Callable[[QWidget], None]:
    """Click the dialog's button showing ``text``."""

    def click(modal: QWidget) -> None:
        button = next(b for b in modal.findChildren(QAbstractButton) if b.text() == text)
        button.click()

    return click


def test_the_real_prompts_of_the_editor(qtbot: QtBot) -> None:
    """The prompt service's editor questions show their dialogs and return the button
    clicked (none of them blocks a test here: a timer answers)."""
    prompts = PromptService()
    answer_modal(qtbot, click_text("Discard"))
    assert prompts.ask_unsaved_changes("PAT-01 — Dossier") is UnsavedChoice.DISCARD
    answer_modal(qtbot, click_text("Cancel"))
    assert prompts.ask_unsaved_changes("PAT-01 — Dossier") is UnsavedChoice.CANCEL
    answer_modal(qtbot, click_text("Save as a new record"))
    assert prompts.ask_save_as_new("PAT-01")
    theirs = PATIENT_RECORD.model_copy(update={"notes": "theirs"})
    mine = PATIENT_RECORD.model_copy(update={"notes": "mine"})

    def take_stored(modal: QWidget) -> None:
        assert isinstance(modal, ConflictDialog)
        modal.stored_button.click()
        modal.save_button.click()

    answer_modal(qtbot, take_stored)
    assert prompts.resolve_conflict(["notes"], theirs, mine) == {"notes"}
    answer_modal(qtbot, click_text("Cancel"))
    assert prompts.resolve_conflict(["notes"], theirs, mine) is None
