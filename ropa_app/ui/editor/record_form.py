"""Every field of a record, laid out as the CNIL's "fiche de registre": 1 Description,
2 Actors, 3 Purposes, 4 Data categories, 5 Sensitive data, 6 Data subjects, 7 Recipients,
8 Security measures, 9 Transfers, then the source of the data and automated decisions,
DPIA screening and notes; each section folds.

The form only shows and binds: edits go to the undo stack through the
:class:`~ropa_app.ui.editor.form.FormBinder` and the list models.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_app.domain.enums import (
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
    RecordStatus,
    RegisterKind,
)
from ropa_app.ui.editor.country import CountryDescriber, CountryListModel
from ropa_app.ui.editor.delegates import CellDelegate
from ropa_app.ui.editor.document import EditorDocument
from ropa_app.ui.editor.form import (
    CheckListModel,
    DateField,
    FormBinder,
    ProblemLabel,
    Section,
    check_box_group,
    field_with_problem,
)
from ropa_app.ui.editor.labels import FieldLabels, Vocabularies
from ropa_app.ui.editor.list_editor import ListEditor
from ropa_app.ui.editor.list_models import (
    DataCategoriesModel,
    DataCategoryFilter,
    PartiesModel,
    RecordListModel,
    TransfersModel,
)

_ORDINARY = frozenset(c for c in DataCategory if not c.is_sensitive)
_SENSITIVE = frozenset(c for c in DataCategory if c.is_sensitive)

#: The section of each form field and list (keys of :attr:`RecordForm.sections`).
SECTION_OF: dict[str, str] = {
    **dict.fromkeys(("reference", "name", "description", "business_function", "owner",
                     "software", "status", "last_review", "last_reviewed_by", "next_review"),
                    "description"),
    "parties": "actors", "purposes": "purposes", "subjects": "subjects",
    "recipients": "recipients", "security_measures": "security", "transfers": "transfers",
    **dict.fromkeys(("data_source", "data_source_details", "automated_decision", "profiling",
                     "automated_decision_details"), "source"),
    **dict.fromkeys(("dpia_criteria", "dpia_cnil_list", "dpia_decision", "dpia_reason",
                     "dpia_reference"), "dpia"),
    "notes": "notes",
}


class FittingListView(QListView):
    """A list as tall as its items (wrapped to the width), so the form scrolls, not it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit_height(self) -> None:
        """Take the height of every item as laid out at the current width."""
        model = self.model()
        if model is None or not model.rowCount():
            return
        self.doItemsLayout()
        last = self.visualRect(model.index(model.rowCount() - 1, 0))
        height = last.bottom() + self.verticalOffset() + self.spacing() + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Items wrap differently at another width: refit."""
        super().resizeEvent(event)
        self.fit_height()


class RecordForm(QWidget):
    """The sections of the fiche and their fields.

    Args:
        document: the edited record.
        undo_stack: where every edit goes.
        vocab: labels of the codes.
        labels: names of the fields.
        countries: the words of the country picker.
        third_parties: the names of the organisation's third parties, when asked.
    """

    def __init__(self, document: EditorDocument, undo_stack: QUndoStack, vocab: Vocabularies,
                 labels: FieldLabels, countries: CountryDescriber,
                 third_parties: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._stack = undo_stack
        self._vocab = vocab
        self._labels = labels
        self._third_parties = third_parties
        self.binder = FormBinder(document, undo_stack, labels, self)
        self.country_list = CountryListModel(countries, self)
        self._countries = countries
        self.sections: dict[str, Section] = {}
        self.lists: dict[str, ListEditor] = {}
        self.tab_chain: list[QWidget] = []
        self._grids: list[QGridLayout] = []
        self._grid_labels: dict[int, list[QLabel]] = {0: [], 2: []}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._layout = layout
        self._build_description()
        self._build_actors()
        self._build_lists()
        self._build_source()
        self._build_dpia()
        self._build_notes()
        layout.addStretch(1)
        self._align_grids()
        for before, after in zip(self.tab_chain, self.tab_chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    # --- helpers ------------------------------------------------------------------------------

    def _section(self, key: str, title: str) -> Section:
        section = Section(title)
        self.sections[key] = section
        self._layout.addWidget(section)
        self.tab_chain.append(section.toggle)
        return section

    def _grid(self, section: Section) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        section.body_layout.addLayout(grid)
        self._grids.append(grid)
        return grid

    def _align_grids(self) -> None:
        """Line up the labels of every section's grid, as in one form."""
        for column, labels in self._grid_labels.items():
            width = max((label.sizeHint().width() for label in labels), default=0)
            for grid in self._grids:
                grid.setColumnMinimumWidth(column, width)

    def _put(self, grid: QGridLayout, row: int, column: int, field: str, widget: QWidget,
             span: int = 1, label: str | None = None) -> None:
        """A label and its field (with the field's problem label under it) in the grid."""
        text = QLabel(self.tr("%1:").replace("%1", label or self._labels.field(field)))
        text.setBuddy(widget)
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        text.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(text, row, column * 2)
        self._grid_labels[column * 2].append(text)
        grid.addWidget(field_with_problem(widget, self.binder.problem_label(field)), row,
                       column * 2 + 1, 1, span * 2 - 1)
        self.tab_chain.append(widget)

    def _line(self, field: str, max_length: int = 300) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        self.binder.bind_line(field, edit)
        return edit

    def _text(self, field: str, lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.binder.bind_text(field, edit)
        return edit

    def _combo(self, field: str, enum_cls: type[StrEnum], nullable: bool = True) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        if nullable:
            combo.addItem("—", "")
        for member, text in self._vocab.choices(enum_cls):
            combo.addItem(text, member.value)
            help_text = self._vocab.help(member)
            if help_text:
                combo.setItemData(combo.count() - 1, help_text, Qt.ItemDataRole.ToolTipRole)
        self.binder.bind_combo(field, combo, enum_cls)
        return combo

    def _date(self, field: str) -> DateField:
        edit = DateField()
        edit.setMaximumWidth(edit.fontMetrics().averageCharWidth() * 16 + 40)
        self.binder.bind_date(field, edit)
        return edit

    def _list(self, key: str, model: RecordListModel, view_model: RecordListModel
              | DataCategoryFilter, new_row: Callable[[], dict[str, object]], what: str,
              only: dict[str, frozenset[DataCategory]] | None = None) -> ListEditor:
        delegate = CellDelegate(model, self._vocab, self.country_list, self._third_parties,
                                only, self)
        editor = ListEditor(model, view_model, self._stack, delegate, new_row, what)
        self.lists[key] = editor
        self.tab_chain.append(editor.view)
        return editor

    def _simple_list(self, key: str, name: str, title: str) -> ListEditor:
        section = self._section(key, title)
        model = self.document.models[name]
        editor = self._list(name, model, model, model.new_row, self._labels.field(name))
        section.body_layout.addWidget(editor)
        return editor

    # --- sections -----------------------------------------------------------------------------

    def _build_description(self) -> None:
        section = self._section("description", self.tr("1. Description"))
        grid = self._grid(section)
        self.reference_edit = self._line("reference", 60)
        self.status_combo = self._combo("status", RecordStatus, nullable=False)
        self.name_edit = self._line("name")
        self.description_edit = self._text("description")
        self.business_function_edit = self._line("business_function")
        self.owner_edit = self._line("owner")
        self.software_edit = self._line("software")
        self.last_review_edit = self._date("last_review")
        self.last_reviewed_by_edit = self._line("last_reviewed_by")
        self.next_review_edit = self._date("next_review")
        self.status_info = QLabel()
        self.status_info.setWordWrap(True)
        self.status_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_info.setEnabled(False)  # greyed: the store writes these, not the user
        self._put(grid, 0, 0, "reference", self.reference_edit)
        self._put(grid, 0, 1, "status", self.status_combo)
        self._put(grid, 1, 0, "name", self.name_edit, span=2)
        self._put(grid, 2, 0, "description", self.description_edit, span=2)
        self._put(grid, 3, 0, "business_function", self.business_function_edit)
        self._put(grid, 3, 1, "owner", self.owner_edit)
        self._put(grid, 4, 0, "software", self.software_edit, span=2)
        self._put(grid, 5, 0, "last_review", self.last_review_edit)
        self._put(grid, 5, 1, "last_reviewed_by", self.last_reviewed_by_edit)
        self._put(grid, 6, 0, "next_review", self.next_review_edit)
        grid.addWidget(self.status_info, 7, 1, 1, 3)

    def _build_actors(self) -> None:
        section = self._section("actors", self.tr("2. Actors"))
        self.organisation_info = QLabel()
        self.organisation_info.setWordWrap(True)
        self.organisation_info.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parties_title = QLabel()
        model = self.document.models["parties"]
        assert isinstance(model, PartiesModel)
        self.parties = self._list("parties", model, model, model.new_row,
                                  self._labels.field("parties"))
        self.new_third_party_button = QPushButton(self.tr("New third party…"))
        self.new_third_party_button.setToolTip(self.tr(
            "Add a joint controller, client, processor or partner to the organisation"))
        self.parties.buttons_layout.addWidget(self.new_third_party_button)
        self.tab_chain.append(self.new_third_party_button)
        body = section.body_layout
        body.addWidget(self.organisation_info)
        body.addWidget(self.parties_title)
        body.addWidget(self.parties)

    def _build_lists(self) -> None:
        models = self.document.models
        purposes = models["purposes"]
        section = self._section("purposes", self.tr("3. Purposes"))
        self.purposes = self._list("purposes", purposes, purposes, purposes.new_row,
                                   self._labels.field("purposes"))
        section.body_layout.addWidget(self.purposes)

        categories = models["data_categories"]
        assert isinstance(categories, DataCategoriesModel)
        self.ordinary_filter = DataCategoryFilter(categories, sensitive=False, parent=self)
        self.sensitive_filter = DataCategoryFilter(categories, sensitive=True, parent=self)
        section = self._section("data", self.tr("4. Data categories"))
        self.data_categories = self._list(
            "data_categories", categories, self.ordinary_filter, categories.new_row,
            self._labels.field("data_categories"), {"category": _ORDINARY})
        for column in (DataCategoriesModel.Column.ART9_CONDITION,
                       DataCategoriesModel.Column.ART10_GROUND):
            self.data_categories.view.setColumnHidden(column, True)
        section.body_layout.addWidget(self.data_categories)
        section = self._section("sensitive", self.tr("5. Sensitive data (Art. 9 and 10)"))
        self.sensitive_data = self._list(
            "sensitive_data", categories, self.sensitive_filter, categories.new_sensitive_row,
            self.tr("Sensitive data"), {"category": _SENSITIVE})
        # The legal ground is what matters most here: show it next to the category.
        header = self.sensitive_data.view.horizontalHeader()
        header.moveSection(DataCategoriesModel.Column.ART9_CONDITION, 1)
        header.moveSection(DataCategoriesModel.Column.ART10_GROUND, 2)
        section.body_layout.addWidget(self.sensitive_data)

        self.subjects = self._simple_list("subjects", "subjects", self.tr("6. Data subjects"))
        self.recipients = self._simple_list("recipients", "recipients", self.tr("7. Recipients"))
        self.security_measures = self._simple_list("security", "security_measures",
                                                   self.tr("8. Security measures"))

        transfers = models["transfers"]
        assert isinstance(transfers, TransfersModel)
        section = self._section("transfers", self.tr("9. Transfers outside the EEA"))
        self.transfers = self._list("transfers", transfers, transfers, transfers.new_row,
                                    self._labels.field("transfers"))
        self.transfer_country_info = QLabel()
        self.transfer_country_info.setWordWrap(True)
        self.transfer_country_info.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        section.body_layout.addWidget(self.transfers)
        section.body_layout.addWidget(self.transfer_country_info)
        for signal in (transfers.dataChanged, transfers.modelReset, transfers.rowsInserted,
                       transfers.rowsRemoved, transfers.rowsMoved):
            signal.connect(self._show_transfer_country)

    def _build_source(self) -> None:
        section = self._section("source", self.tr("Source of the data and automated decisions"))
        grid = self._grid(section)
        self.data_source_combo = self._combo("data_source", DataSource)
        self.data_source_details_edit = self._line("data_source_details", 2000)
        self.automated_decision_box = QCheckBox(self.tr("Decisions based solely on automated "
                                                        "processing (Art. 22)"))
        self.binder.bind_check("automated_decision", self.automated_decision_box)
        self.profiling_box = QCheckBox(self.tr("Profiling"))
        self.binder.bind_check("profiling", self.profiling_box)
        self.automated_decision_details_edit = self._text("automated_decision_details", 2)
        self._put(grid, 0, 0, "data_source", self.data_source_combo)
        self._put(grid, 1, 0, "data_source_details", self.data_source_details_edit, span=2)
        grid.addWidget(self.automated_decision_box, 2, 1, 1, 3)
        grid.addWidget(self.profiling_box, 3, 1, 1, 3)
        self.tab_chain += [self.automated_decision_box, self.profiling_box]
        self._put(grid, 4, 0, "automated_decision_details", self.automated_decision_details_edit,
                  span=2, label=self.tr("Details"))

    def _build_dpia(self) -> None:
        section = self._section("dpia", self.tr("DPIA screening (Art. 35)"))
        body = section.body_layout
        criteria_title = QLabel(self.tr(
            "EDPB criteria met (a processing meeting two or more generally needs a DPIA):"))
        criteria_title.setWordWrap(True)
        body.addWidget(criteria_title)
        items = [(c, self._vocab.label(c), self._vocab.help(c))
                 for c, _text in self._vocab.choices(DpiaCriterion)]
        self.criteria_boxes, criteria_rows = check_box_group(items)
        criteria = QWidget()
        criteria_layout = QGridLayout(criteria)
        criteria_layout.setContentsMargins(12, 0, 0, 0)
        criteria_layout.setVerticalSpacing(2)
        for row, (box, line) in enumerate(zip(self.criteria_boxes.values(), criteria_rows,
                                              strict=True)):
            criteria_layout.addWidget(line, row, 0)
            self.tab_chain.append(box)
        first_box = next(iter(self.criteria_boxes.values()))
        self.binder.bind_code_boxes("dpia_criteria", self.criteria_boxes, first_box)
        body.addWidget(criteria)
        body.addWidget(self.binder.problem_label("dpia_criteria"))

        cnil_title = QLabel(self.tr("%1:").replace("%1", self._labels.field("dpia_cnil_list")))
        body.addWidget(cnil_title)
        self.cnil_model = CheckListModel(self._vocab.cnil_dpia_choices(),
                                         self.tr("%1 (not on the CNIL's list)"), self)
        self.cnil_view = FittingListView()
        self.cnil_view.setModel(self.cnil_model)
        self.cnil_view.setWordWrap(True)
        self.cnil_view.setUniformItemSizes(False)
        self.cnil_view.setAlternatingRowColors(True)
        self.cnil_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cnil_view.setSpacing(1)
        cnil_title.setBuddy(self.cnil_view)
        self.binder.bind_check_list("dpia_cnil_list", self.cnil_model, self.cnil_view)
        self.cnil_model.modelReset.connect(self.cnil_view.fit_height)
        body.addWidget(self.cnil_view)
        body.addWidget(self.binder.problem_label("dpia_cnil_list"))
        self.tab_chain.append(self.cnil_view)

        grid = self._grid(section)
        self.dpia_decision_combo = self._combo("dpia_decision", DpiaDecision)
        self.dpia_reference_edit = self._line("dpia_reference", 200)
        self.dpia_reason_edit = self._text("dpia_reason", 2)
        self._put(grid, 0, 0, "dpia_decision", self.dpia_decision_combo)
        self._put(grid, 0, 1, "dpia_reference", self.dpia_reference_edit)
        self._put(grid, 1, 0, "dpia_reason", self.dpia_reason_edit, span=2)

    def _build_notes(self) -> None:
        section = self._section("notes", self.tr("Notes"))
        self.notes_edit = self._text("notes", 4)
        section.body_layout.addWidget(
            field_with_problem(self.notes_edit, self.binder.problem_label("notes")))
        self.tab_chain.append(self.notes_edit)

    # --- showing --------------------------------------------------------------------------------

    def set_register(self, register: RegisterKind) -> None:
        """Word the actors block for the controller's or the processor's register."""
        model = self.document.models["parties"]
        assert isinstance(model, PartiesModel)
        model.set_register(register)
        self.parties_title.setText(self.tr("%1:").replace(
            "%1", self._labels.parties_title(register)))

    def _show_transfer_country(self, *_args: object) -> None:
        """Under the table, where each transfer's country stands, in full (the table's
        cells are too narrow for an adequacy decision's scope)."""
        model = self.document.models["transfers"]
        lines = []
        for row in range(model.rowCount()):
            code = model.value(row, "country")
            if code:
                details = self._countries.details(code).split("\n")
                lines.append(f"{row + 1}. " + " · ".join(details))
        self.transfer_country_info.setText("\n".join(lines))
        self.transfer_country_info.setVisible(bool(lines))

    def list_editor_of(self, name: str, row: int) -> ListEditor:
        """The table showing row ``row`` of the list ``name`` (sensitive data categories are
        in their own table)."""
        if name == "data_categories":
            model = self.document.models[name]
            assert isinstance(model, DataCategoriesModel)
            if 0 <= row < model.rowCount() and model.is_sensitive(row):
                return self.sensitive_data
        return self.lists[name]

    def view_row(self, editor: ListEditor, row: int) -> int:
        """The table row showing list row ``row`` (-1 if not shown there)."""
        view_model = editor.view.model()
        if isinstance(view_model, DataCategoryFilter):
            source = view_model.sourceModel()
            return view_model.mapFromSource(source.index(row, 0)).row()
        return row

    def section_of(self, name: str, row: int = -1) -> Section | None:
        """The section holding a field or a list row."""
        if name == "data_categories":
            return self.sections["sensitive" if self.list_editor_of(name, row)
                                 is self.sensitive_data else "data"]
        key = SECTION_OF.get(name)
        return self.sections.get(key) if key else None

    def show_problems(self, fields: dict[str, list[str]],
                      cells: dict[str, dict[tuple[int, str], str]]) -> None:
        """Show the problems of form fields under them, and those of list rows on their
        cells and under their tables; count them on each section's title."""
        self.binder.show_problems(fields)
        counts = dict.fromkeys(self.sections, 0)
        for field, messages in fields.items():
            section = self.section_of(field)
            if section is not None:
                counts[next(k for k, s in self.sections.items() if s is section)] += len(messages)
        by_editor: dict[int, list[str]] = {}
        for name, model in self.document.models.items():
            problems = cells.get(name, {})
            model.set_problems(problems)
            for (row, field), message in sorted(problems.items()):
                editor = self.list_editor_of(name, row)
                where = self._labels.path(f"{name}[{row}].{field}")
                if editor is self.sensitive_data or editor is self.data_categories:
                    shown = self.view_row(editor, row) + 1
                    where = self.tr("Row %1, %2").replace("%1", str(shown)).replace(
                        "%2", self._labels.item_field(field))
                by_editor.setdefault(id(editor), []).append(f"{where}: {message}")
                section = self.section_of(name, row)
                if section is not None:
                    counts[next(k for k, s in self.sections.items() if s is section)] += 1
        for editor in self.lists.values():
            editor.show_problems(by_editor.get(id(editor), []))
        for key, section in self.sections.items():
            section.set_problem_count(counts[key])

    def expand_all(self, expanded: bool = True) -> None:
        """Unfold (or fold) every section."""
        for section in self.sections.values():
            section.set_expanded(expanded)

    def problem_labels(self) -> list[ProblemLabel]:
        """The problem labels shown (for tests and screenshots)."""
        labels = [self.binder.problem_label(f) for f in self.binder.fields()]
        labels += [e.problem_label for e in self.lists.values()]
        return [label for label in labels if label.isVisible()]

    def commit_cell_edits(self) -> None:
        """Finish a cell being edited (Ctrl+S while typing in a table saves what was typed)."""
        for editor in self.lists.values():
            editor.commit_edit()
