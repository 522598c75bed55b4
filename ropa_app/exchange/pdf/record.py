"""One activity as a printed summary: its fiche on one or two pages, with the same template."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, Paragraph, Spacer

import ropa_app
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.fiche import build_fiche
from ropa_app.exchange.labels import text
from ropa_app.exchange.pdf.blocks import fiche_flowables
from ropa_app.exchange.pdf.escape import markup
from ropa_app.exchange.pdf.output import (
    check_lang,
    check_target,
    document_info,
    footer_line,
    generated_at,
    write,
)
from ropa_app.exchange.pdf.register import CancelledFn, ProgressFn, activity_title
from ropa_app.exchange.pdf.styles import styles
from ropa_app.exchange.pdf.template import PORTRAIT, Anchor, Progress, RopaDocument, page_size


def _build(org: OrganisationDoc, record: RecordDoc, lang: str, size_name: str,
           app_version: str, now: datetime | None, progress: ProgressFn | None,
           cancelled: CancelledFn | None) -> tuple[bytes, int]:
    lang = check_lang(lang)
    size = page_size(size_name)
    when = generated_at(now)
    steps = Progress(2, progress, cancelled)
    steps.start()
    st = styles()
    title = activity_title(record)
    kind = load_reference().label(record.register_kind, lang)
    info = document_info(f"{title} — {org.name}", org,
                         text("pdf_record_subject", lang).format(reference=record.reference),
                         lang, app_version)
    buffer = io.BytesIO()
    doc = RopaDocument(buffer, size=size, lang=lang, organisation=org.name,
                       generated=footer_line(when, lang, app_version), progress=steps,
                       info=info)
    story: list[Flowable] = [
        NextPageTemplate(PORTRAIT),
        Anchor(doc, "record", title, header=record.reference),
        Paragraph(markup(title), st.h1),
        Paragraph(markup(kind), st.body),
        Spacer(1, 3 * mm),
    ]
    story += fiche_flowables(build_fiche(record, org, lang), doc.frame_width(), lang, st)
    steps.step()
    doc.build(story)
    steps.step()
    return buffer.getvalue(), doc.page_count


def render_record_pdf(org: OrganisationDoc, record: RecordDoc, lang: str = "fr",
                      page_size: str = "A4", app_version: str = ropa_app.__version__,
                      now: datetime | None = None, progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None) -> bytes:
    """The one-record summary as bytes (see :func:`write_record_pdf`)."""
    data, _pages = _build(org, record, lang, page_size, app_version, now, progress, cancelled)
    return data


def write_record_pdf(path: Path, org: OrganisationDoc, record: RecordDoc, lang: str = "fr",
                     page_size: str = "A4", app_version: str = ropa_app.__version__,
                     now: datetime | None = None, progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> int:
    """Write one activity's fiche as a PDF (one or two pages for a typical record).

    Same arguments, errors and atomic writing as
    :func:`ropa_app.exchange.pdf.write_register_pdf`; ``record`` need not be saved yet
    (the editor can print what is on screen). Returns the number of pages.
    """
    path = Path(path)
    check_target(path)
    data, pages = _build(org, record, lang, page_size, app_version, now, progress, cancelled)
    write(path, data)
    return pages
