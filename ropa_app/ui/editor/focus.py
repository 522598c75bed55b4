"""Where a document path lands in the form: problems placed by field and cell, and
:func:`focus_path` to bring a field or a cell into view with the keyboard focus."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

from ropa_app.domain.documents import RECORD_LISTS
from ropa_app.ui.editor.document import FORM_FIELDS, Problem
from ropa_app.ui.editor.labels import FieldLabels
from ropa_app.ui.editor.record_form import RecordForm

_PATH = re.compile(r"^(?P<name>\w+)(?:\[(?P<row>\d+)\])?(?:\.(?P<leaf>\w+))?$")


def parse_path(path: str) -> tuple[str, int | None, str]:
    """``purposes[2].legal_basis`` -> ``("purposes", 2, "legal_basis")``; ``name`` ->
    ``("name", None, "")``. Anything else -> ``(path, None, "")``."""
    match = _PATH.match(path.strip())
    if match is None:
        return path, None, ""
    row = match.group("row")
    return match.group("name"), int(row) if row is not None else None, match.group("leaf") or ""


def split_problems(problems: list[Problem], labels: FieldLabels) -> tuple[
        dict[str, list[str]], dict[str, dict[tuple[int, str], str]], list[str]]:
    """Problems by form field, by list cell (``{list: {(row, field): message}}``), and the
    rest as sentences naming their place."""
    fields: dict[str, list[str]] = {}
    cells: dict[str, dict[tuple[int, str], str]] = {}
    other: list[str] = []
    for path, message in problems:
        name, row, leaf = parse_path(path)
        if name in RECORD_LISTS and row is not None:
            list_cells = cells.setdefault(name, {})
            key = (row, leaf)
            list_cells[key] = f"{list_cells[key]}\n{message}" if key in list_cells else message
        elif name in FORM_FIELDS:
            fields.setdefault(name, []).append(message)
        else:
            other.append(f"{labels.path(path)}: {message}" if path else message)
    return fields, cells, other


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def _bring_into_view(target: QWidget, x: int, y: int) -> None:
    """Scroll the scroll area holding the editor (if any) so that the point (x, y) of
    ``target`` shows."""
    area = _scroll_area(target)
    inner = area.widget() if area is not None else None
    if area is None or inner is None:
        return
    point = target.mapTo(inner, target.rect().topLeft())
    area.ensureVisible(point.x() + x, point.y() + y, 40, 60)


def focus_path(form: RecordForm, path: str) -> bool:
    """Show the field or the cell ``path`` names (unfolding its section) and give it the
    keyboard focus. False when the path names nothing of the form."""
    name, row, leaf = parse_path(path)
    models = form.document.models
    if name in models:
        row = row if row is not None else -1
        editor = form.list_editor_of(name, row)
        section = form.section_of(name, row)
        if section is not None:
            section.set_expanded(True)
        model = models[name]
        column = model.column_of(leaf) if leaf else None
        view_row = form.view_row(editor, row) if row >= 0 else -1
        editor.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if view_row >= 0:
            editor.select(view_row, column or 0)

        def show_cell() -> None:
            index = editor.view.currentIndex()
            rect = editor.view.visualRect(index) if index.isValid() else editor.view.rect()
            viewport = editor.view.viewport()
            _bring_into_view(viewport, rect.center().x(), rect.center().y())
        show_cell()
        QTimer.singleShot(0, editor, show_cell)  # again once the unfolded section is laid out
        return True
    widget = form.binder.widget(name)
    if widget is None:
        return False
    section = form.section_of(name)
    if section is not None:
        section.set_expanded(True)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_widget() -> None:
        _bring_into_view(widget, widget.width() // 2, widget.height() // 2)
    show_widget()
    QTimer.singleShot(0, widget, show_widget)
    return True
