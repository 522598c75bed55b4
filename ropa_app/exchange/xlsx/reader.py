"""Reading a workbook into an import plan, whatever wrote it.

Our own workbooks are recognised by their hidden "ROPA data" sheet and read losslessly
(:mod:`.own_reader`); anything else is read as the CNIL model (:mod:`.cnil_reader`).
Both .xlsx and .ods are read (.ods by :mod:`.odf`, no conversion, no extra dependency).
Nothing is written: the plan is a preview, and :func:`.apply.apply_plan` writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path

from ropa_app.domain.enums import RegisterKind
from ropa_app.exchange.xlsx.cnil_reader import read_cnil
from ropa_app.exchange.xlsx.grid import Limits, Workbook
from ropa_app.exchange.xlsx.own_reader import is_own_workbook, read_own
from ropa_app.exchange.xlsx.preview import ImportPlan


def read_workbook(path: Path | str, existing_references: Collection[str] = frozenset(), *,
                  register: RegisterKind = RegisterKind.CONTROLLER, lang: str = "fr",
                  limits: Limits | None = None, now: datetime | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read ``path`` (.xlsx or .ods) and plan its import into ``register``.

    Args:
        path: the workbook.
        existing_references: references already in the target register (an activity with
            one of them is an update, the others are new); see
            :func:`ropa_app.exchange.xlsx.apply.existing_references`.
        register: the register the activities are meant for.
        lang: language of the lines the import writes into records' notes.
        limits: size limits beyond which the file is refused (default: :class:`Limits`).
        now: the time new records from the CNIL model are created at when they carry no
            date (default: now).
        progress: called with (done, total) while reading.
        cancelled: polled while reading; True stops with ImportCancelled.

    Raises:
        RopaError: the file is not a workbook, is encrypted, damaged or too large.
        InvalidDocumentError: the workbook's structure cannot be read; each problem names
            the sheet, row and column.
        ImportCancelled: ``cancelled`` said so.
    """
    with Workbook(Path(path), limits or Limits()) as book:
        if is_own_workbook(book):
            return read_own(book, existing_references, register, progress, cancelled)
        return read_cnil(book, existing_references, register, lang, progress, cancelled, now)
