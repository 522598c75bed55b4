"""The whole register as a PDF for audits: cover, contents, summary table, one fiche per activity.

The rows come from :mod:`ropa_app.exchange.fiche` (the same source as the Excel export);
this module only lays them out: a cover page with the register's header block, a table of
contents with page numbers and links, the "Liste des traitements" on landscape pages, then
each activity on its own pages in the CNIL fiche order, with an outline entry per activity.
On request (``audit=True``) the "Conformité du registre" section follows the summary table,
on landscape pages too (:mod:`.audit`, from :mod:`ropa_app.exchange.audit`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

import ropa_app
from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.audit import audit_section
from ropa_app.exchange.fiche import (
    Field,
    build_fiche,
    header_fields,
    summary_columns,
    summary_row,
)
from ropa_app.exchange.labels import text
from ropa_app.exchange.pdf.audit import AUDIT_KEY, audit_flowables
from ropa_app.exchange.pdf.blocks import RowsBuilder, column_widths, fiche_flowables, field_table
from ropa_app.exchange.pdf.escape import markup
from ropa_app.exchange.pdf.output import (
    check_lang,
    check_target,
    document_info,
    footer_line,
    generated_at,
    write,
)
from ropa_app.exchange.pdf.styles import Styles, styles
from ropa_app.exchange.pdf.template import (
    COVER,
    LANDSCAPE,
    PORTRAIT,
    Anchor,
    Progress,
    RopaDocument,
    TocLine,
    page_size,
)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


def register_records(org: OrganisationDoc, register: RegisterKind) -> list[RecordDoc]:
    """The records of one register of ``org``, in the organisation's order."""
    return [r for r in org.records if r.register_kind is RegisterKind(register)]


def activity_title(rec: RecordDoc) -> str:
    """How an activity is named in headings, the contents and the outline."""
    return f"{rec.reference} — {rec.name}"


def _cover(doc: RopaDocument, org: OrganisationDoc, register: RegisterKind, count: int,
           lang: str, now: datetime, app_version: str, st: Styles) -> list[Flowable]:
    fields = (*header_fields(org, register, lang, now, app_version),
              Field(text("pdf_activity_count", lang), str(count)))
    width = doc.frame_width()
    out: list[Flowable] = [
        Anchor(doc, "cover"),
        Spacer(1, 28 * mm),
        Paragraph(markup(text("register_title", lang)), st.title),
        Paragraph(markup(org.name), st.h1),
        Paragraph(markup(load_reference().label(register, lang)), st.subtitle),
    ]
    table = field_table(text("pdf_register_details", lang), fields, width, lang, st,
                        pairs=False)
    if table is not None:
        out.append(table)
    return out


def _contents(doc: RopaDocument, records: Sequence[RecordDoc], lang: str, st: Styles,
              audit: bool = False) -> list[Flowable]:
    out: list[Flowable] = [
        Anchor(doc, "contents", text("pdf_contents", lang), header=text("pdf_contents", lang)),
        Paragraph(markup(text("pdf_contents", lang)), st.h1),
        Spacer(1, 2 * mm),
        TocLine(doc, "summary", f"<b>{markup(text('summary_sheet', lang))}</b>", st.toc),
    ]
    if audit:
        out.append(TocLine(doc, AUDIT_KEY, f"<b>{markup(text('audit_title', lang))}</b>",
                           st.toc))
    out += [
        Spacer(1, 3 * mm),
        Paragraph(markup(text("pdf_records", lang)), st.h2),
    ]
    if not records:
        out.append(Paragraph(markup(text("pdf_no_activity", lang)), st.body))
    for i, rec in enumerate(records):
        out.append(TocLine(doc, f"rec-{i}", f"<b>{markup(rec.reference)}</b>  {markup(rec.name)}",
                           st.toc))
    return out


def _summary(doc: RopaDocument, records: Sequence[RecordDoc], lang: str, st: Styles
             ) -> list[Flowable]:
    title = text("summary_sheet", lang)
    columns = summary_columns(lang)
    rows = [summary_row(r, lang) for r in records]
    width = doc.frame_width(LANDSCAPE)
    builder = RowsBuilder(column_widths(columns, rows, width), 1, st, titled=False)
    builder.headings(columns)
    for row in rows:
        builder.add(row)
    if not rows:
        builder.note(text("pdf_no_activity", lang), missing=False)
    return [
        Anchor(doc, "summary", title, header=title),
        Paragraph(markup(title), st.h1),
        Spacer(1, 1.5 * mm),
        builder.table(),
    ]


def _sections(doc: RopaDocument, org: OrganisationDoc, records: Sequence[RecordDoc],
              lang: str, st: Styles) -> list[Flowable]:
    width = doc.frame_width()
    out: list[Flowable] = []
    for i, rec in enumerate(records):
        title = activity_title(rec)
        out.append(PageBreak())
        if i == 0:
            out.append(Anchor(doc, "records", text("pdf_records", lang)))
        out.append(Anchor(doc, f"rec-{i}", title, level=1, header=title, step=True))
        out.append(Paragraph(markup(title), st.h1))
        out.append(Spacer(1, 2 * mm))
        out.extend(fiche_flowables(build_fiche(rec, org, lang), width, lang, st))
        doc.progress.step()  # this activity is ready to be laid out
    return out


def _build(org: OrganisationDoc, register: RegisterKind, lang: str, size_name: str,
           app_version: str, now: datetime | None, progress: ProgressFn | None,
           cancelled: CancelledFn | None, audit: bool = False) -> tuple[bytes, int]:
    lang = check_lang(lang)
    register = RegisterKind(register)
    size = page_size(size_name)
    when = generated_at(now)
    records = register_records(org, register)
    steps = Progress(max(2 * len(records), 1), progress, cancelled)
    steps.start()
    st = styles()
    title = text("register_title", lang)
    info = document_info(f"{title} — {org.name}", org, load_reference().label(register, lang),
                         lang, app_version)
    buffer = io.BytesIO()
    doc = RopaDocument(buffer, size=size, lang=lang, organisation=org.name,
                       generated=footer_line(when, lang, app_version), progress=steps,
                       info=info)
    story: list[Flowable] = [NextPageTemplate(COVER)]
    story += _cover(doc, org, register, len(records), lang, when, app_version, st)
    story += [NextPageTemplate(PORTRAIT), PageBreak()]
    story += _contents(doc, records, lang, st, audit)
    story += [NextPageTemplate(LANDSCAPE), PageBreak()]
    story += _summary(doc, records, lang, st)
    if audit:  # checked on the export's day, as the footer dates it
        section = audit_section(org, register, lang, when.astimezone().date())
        story += [PageBreak(), *audit_flowables(doc, section, doc.frame_width(LANDSCAPE),
                                                lang, st)]
    story += [NextPageTemplate(PORTRAIT)]
    story += _sections(doc, org, records, lang, st)
    doc.build(story)
    if not records:
        steps.step()
    steps.check()
    return buffer.getvalue(), doc.page_count


def render_register_pdf(org: OrganisationDoc, register: RegisterKind, lang: str = "fr",
                        page_size: str = "A4", app_version: str = ropa_app.__version__,
                        now: datetime | None = None, progress: ProgressFn | None = None,
                        cancelled: CancelledFn | None = None, audit: bool = False) -> bytes:
    """The PDF of one register of ``org``, as bytes (see :func:`write_register_pdf`)."""
    data, _pages = _build(org, register, lang, page_size, app_version, now, progress, cancelled,
                          audit)
    return data


def write_register_pdf(path: Path, org: OrganisationDoc, register: RegisterKind,
                       lang: str = "fr", page_size: str = "A4",
                       app_version: str = ropa_app.__version__, now: datetime | None = None,
                       progress: ProgressFn | None = None,
                       cancelled: CancelledFn | None = None, audit: bool = False) -> int:
    """Write one register of ``org`` as a PDF for audits; the number of pages.

    Args:
        path: the PDF file; written through a temporary file in the same folder.
        org: the organisation, with its records and third parties.
        register: which register (controller or processor).
        lang: ``"fr"`` or ``"en"``.
        page_size: ``"A4"`` or ``"Letter"``.
        app_version: printed on the cover and in the footer.
        now: the export date (timezone-aware); the current time by default.
        progress: called with (steps done, steps in all) as the work goes on.
        cancelled: polled between steps; once it returns True the export stops.
        audit: add the "Conformité du registre" section after the summary table: the
            score, the compliance checks' findings and the reviews due, checked on the
            export's day.

    Raises:
        ExportCancelled: ``cancelled()`` became true; no file was written.
        RopaError: the file cannot be written (folder missing or read-only, disk full).
    """
    path = Path(path)
    check_target(path)
    data, pages = _build(org, register, lang, page_size, app_version, now, progress, cancelled,
                         audit)
    write(path, data)
    return pages
