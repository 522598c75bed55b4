"""The record editor: one processing record laid out as the CNIL's "fiche de registre".

:class:`~ropa_app.ui.editor.editor.RecordEditor` is what the main window embeds; the other
modules are its parts (list models and delegates, undo commands, the form, the country
picker, the conflict and third-party dialogs).
"""

from __future__ import annotations

from ropa_app.ui.editor.editor import RecordEditor

__all__ = ["RecordEditor"]
