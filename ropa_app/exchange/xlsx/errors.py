"""Errors of the Excel export and import that the user is told about."""

from __future__ import annotations

from ropa_app.store.errors import Cancelled


class ExportCancelled(Cancelled):
    """The user cancelled an export; no file was left behind."""


class ImportCancelled(Cancelled):
    """The user cancelled reading or applying an import; nothing was written."""
