"""Excel workbooks of the register: export for CNIL audits, import of our own workbooks and
of the CNIL's spreadsheet model as DPOs fill it.

Export: :func:`write_register_xlsx`, :func:`write_record_xlsx` (see :mod:`.writer`).
Import: :func:`read_workbook` builds an :class:`ImportPlan` (a preview: each activity new,
updated or invalid, with reasons and the values kept in notes) without writing anything;
:func:`apply_plan` writes the plan in one transaction, all or nothing (see :mod:`.apply`).
"""

from __future__ import annotations

from ropa_app.exchange.xlsx.apply import ApplySummary, apply_plan, existing_references
from ropa_app.exchange.xlsx.errors import ExportCancelled, ImportCancelled
from ropa_app.exchange.xlsx.grid import Limits
from ropa_app.exchange.xlsx.preview import (
    ImportPlan,
    ItemStatus,
    Note,
    PlanItem,
    preview_lines,
)
from ropa_app.exchange.xlsx.reader import read_workbook
from ropa_app.exchange.xlsx.writer import write_record_xlsx, write_register_xlsx

__all__ = [
    "ApplySummary",
    "ExportCancelled",
    "ImportCancelled",
    "ImportPlan",
    "ItemStatus",
    "Limits",
    "Note",
    "PlanItem",
    "apply_plan",
    "existing_references",
    "preview_lines",
    "read_workbook",
    "write_record_xlsx",
    "write_register_xlsx",
]
