"""PDF exports: the whole register for audits, and one activity's printed summary.

Public entry points (no Qt; the window and ``ropa export`` call them, preferably off the UI
thread, passing ``progress`` and ``cancelled`` callbacks)::

    write_register_pdf(path, org, RegisterKind.CONTROLLER, lang="fr", page_size="A4") -> pages
    write_record_pdf(path, org, record, lang="en") -> pages
    render_register_pdf(...) / render_record_pdf(...) -> bytes

Environment problems raise :class:`ropa_app.store.errors.RopaError` subclasses with a
one-line message; a cancelled export raises :class:`ExportCancelled` and writes nothing.
"""

from __future__ import annotations

from ropa_app.exchange.pdf.record import render_record_pdf, write_record_pdf
from ropa_app.exchange.pdf.register import render_register_pdf, write_register_pdf
from ropa_app.exchange.pdf.template import PAGE_SIZES, ExportCancelled

__all__ = [
    "PAGE_SIZES",
    "ExportCancelled",
    "render_record_pdf",
    "render_register_pdf",
    "write_record_pdf",
    "write_register_pdf",
]
