"""A record's summary for the printer: the CNIL fiche as HTML in a ``QTextDocument``.

The rows come from :func:`ropa_app.exchange.fiche.build_fiche`, the same source as the PDF
and Excel exports, so the printout holds the same blocks in the same (CNIL) order. Only the
layout is done here: one table per block, mandatory Art. 30 items left empty shown as
missing. Every value typed by the user is escaped, so ``<``, ``&`` or quotes print as typed.

PySide6-Essentials has no QtPdf, so the exported PDF file cannot be printed itself; the
system print dialog prints this document instead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from ropa_app import __version__
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.reference import label
from ropa_app.exchange.fiche import Block, Field, Table, build_fiche, format_date
from ropa_app.exchange.labels import text

#: The look of the printout (the subset of CSS that QTextDocument understands).
_STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }
h1 { font-size: 15pt; margin-bottom: 2pt; }
h2 { font-size: 11pt; margin-top: 12pt; margin-bottom: 4pt; color: #1f3864; }
p.organisation { font-size: 10pt; color: #444444; margin: 0; }
p.register { font-size: 9pt; color: #444444; margin-top: 0; }
p.footer { font-size: 7pt; color: #666666; margin-top: 14pt; }
table { border-collapse: collapse; }
th { background-color: #dde4ee; text-align: left; font-weight: bold; }
td, th { white-space: pre-wrap; vertical-align: top; }
td.label { background-color: #f2f4f8; font-weight: bold; }
.missing { color: #b00020; font-weight: bold; }
td.missing { background-color: #fde7ea; }
"""

#: The frame of every table: QTextDocument reads these attributes, not CSS borders.
_TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="3">'


def _cell(value: str, tag: str = "td", css: str = "", extra: str = "") -> str:
    """One table cell with ``value`` escaped (newlines are kept by ``pre-wrap``)."""
    cls = f' class="{css}"' if css else ""
    return f"<{tag}{cls}{extra}>{html.escape(value)}</{tag}>"


def _fields(fields: Iterable[Field], missing: str) -> list[str]:
    rows = []
    for field in fields:
        value_cell = (_cell(missing, css="missing") if field.missing and not field.value
                      else _cell(field.value))
        label_cell = _cell(field.label, css="label", extra=' width="30%"')
        rows.append(f"<tr>{label_cell}{value_cell}</tr>")
    return [_TABLE, *rows, "</table>"] if rows else []


def _table(table: Table, missing: str, none: str) -> list[str]:
    # <thead>: the headings are repeated at the top of each page the table runs onto.
    out = [_TABLE, "<thead><tr>" + "".join(_cell(c, "th") for c in table.columns)
           + "</tr></thead>"]
    for row in table.rows:
        # The fiche writes "Missing" into a cell whose mandatory value is empty (a purpose
        # with no legal basis, a category with no retention): show it as missing too.
        out.append("<tr>" + "".join(_cell(v, css="missing" if v == missing else "")
                                    for v in row) + "</tr>")
    if not table.rows:
        span = f' colspan="{len(table.columns)}"'
        out.append("<tr>" + (_cell(missing, css="missing", extra=span) if table.missing
                             else _cell(none, extra=span)) + "</tr>")
    out.append("</table>")
    return out


def _block(block: Block, lang: str) -> list[str]:
    missing, none = text("missing", lang), text("none", lang)
    out = [f"<h2>{html.escape(block.title)}</h2>"]
    out += _fields(block.fields, missing)
    if block.fields and block.table is not None:
        out.append("<p></p>")
    if block.table is not None:
        out += _table(block.table, missing, none)
    return out


def record_html(record: RecordDoc, org: OrganisationDoc, lang: str,
                now: datetime | None = None) -> str:
    """The record's summary as an HTML page for ``QTextDocument``.

    Args:
        record: the record (saved or as on screen).
        org: its organisation, with the third parties the record names.
        lang: ``"fr"`` or ``"en"``.
        now: the date printed at the bottom (the current time by default).
    """
    fiche = build_fiche(record, org, lang)
    when = format_date(now or datetime.now(UTC), lang)
    parts = [
        "<html><head><meta charset=\"utf-8\"/>",
        f"<title>{html.escape(f'{fiche.reference} — {fiche.name}')}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<p class="organisation">{html.escape(org.name)}</p>',
        f"<h1>{html.escape(f'{fiche.reference} — {fiche.name}')}</h1>",
        f'<p class="register">{html.escape(label(fiche.register_kind, lang))}</p>',
    ]
    for block in fiche.blocks:
        parts += _block(block, lang)
    parts.append(f'<p class="footer">{html.escape(text("fiche", lang))} — '
                 f"{html.escape(when)} — ROPA {html.escape(__version__)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def record_document(record: RecordDoc, org: OrganisationDoc, lang: str,
                    now: datetime | None = None) -> QTextDocument:
    """The record's summary laid out in a ``QTextDocument`` (see :func:`record_html`)."""
    document = QTextDocument()
    document.setHtml(record_html(record, org, lang, now))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle,
                                f"{record.reference} — {record.name}")
    return document


def print_record(printer: QPrinter, record: RecordDoc, org: OrganisationDoc,
                 lang: str) -> bool:
    """Print the record's summary on ``printer``; False when the printer failed."""
    document = record_document(record, org, lang)
    document.print_(printer)
    return printer.printerState() != QPrinter.PrinterState.Error
