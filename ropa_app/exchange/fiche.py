"""The register as the CNIL model lays it out, in words: one source for every renderer.

:func:`build_fiche` turns a record into the blocks of the CNIL "fiche de registre", in its
order, with every value already written out in French or English (codes become labels,
dates are formatted, retention reads "5 ans"). :func:`summary_row` is a line of the
"Liste des traitements". The Excel and PDF writers only lay these out.

Mandatory Art. 30 items that are empty are flagged ``missing`` so a renderer can show them
as missing rather than leave them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import (
    PartyRole,
    RegisterKind,
    RetentionUnit,
)
from ropa_app.domain.models import DataCategoryEntryBase, ThirdPartyBase
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.labels import text


@dataclass(frozen=True)
class Field:
    """A labelled value; ``missing`` when it is a mandatory Art. 30 item left empty."""

    label: str
    value: str
    missing: bool = False


@dataclass(frozen=True)
class Table:
    """Rows under column headings; ``missing`` when the list is mandatory and empty."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    missing: bool = False


@dataclass(frozen=True)
class Block:
    """One block of the fiche: a title, labelled fields and/or a table."""

    key: str
    title: str
    fields: tuple[Field, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Fiche:
    """A whole record sheet."""

    reference: str
    name: str
    register_kind: RegisterKind
    blocks: tuple[Block, ...]


# --- formatting ----------------------------------------------------------------------------


def format_date(value: date | datetime | None, lang: str) -> str:
    """A date as a reader of ``lang`` expects it (15/05/2026, or 2026-05-15 in English)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone()
        day = local.strftime("%d/%m/%Y") if lang == "fr" else local.strftime("%Y-%m-%d")
        return f"{day} {local:%H:%M}"
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


_UNITS = {
    RetentionUnit.DAYS: (("jour", "jours"), ("day", "days")),
    RetentionUnit.MONTHS: (("mois", "mois"), ("month", "months")),
    RetentionUnit.YEARS: (("an", "ans"), ("year", "years")),
}


def format_retention(cat: DataCategoryEntryBase, lang: str) -> str:
    """The retention period in words: a duration, a criterion, or both."""
    parts = []
    if cat.retention_value is not None and cat.retention_unit is not None:
        fr, en = _UNITS[cat.retention_unit]
        singular, plural = fr if lang == "fr" else en
        parts.append(f"{cat.retention_value} {singular if cat.retention_value == 1 else plural}")
    if cat.retention_criterion:
        parts.append(cat.retention_criterion)
    return " — ".join(parts)


def _yes_no(value: bool, lang: str) -> str:
    return text("yes" if value else "no", lang)


def _country(code: str, lang: str) -> str:
    return load_reference().country_name(code, lang) if code else ""


def _lines(*values: str) -> str:
    return "\n".join(v for v in values if v)


def _labelled(key: str, value: str, lang: str) -> str:
    """"Label : value" (French puts a space before the colon), or "" for no value."""
    if not value:
        return ""
    return f"{text(key, lang)}{' :' if lang == 'fr' else ':'} {value}"


# --- blocks --------------------------------------------------------------------------------


def _description(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    validated = ""
    if rec.validated_by or rec.validated_at:
        validated = f"{rec.validated_by} — {format_date(rec.validated_at, lang)}".strip(" —")
    return Block("description", text("block_description", lang), fields=(
        Field(text("name", lang), rec.name),
        Field(text("reference", lang), rec.reference),
        Field(text("created_at", lang), format_date(rec.created_at, lang)),
        Field(text("updated_at", lang), format_date(rec.updated_at, lang)),
        Field(text("description", lang), rec.description),
        Field(text("business_function", lang), rec.business_function),
        Field(text("owner", lang), rec.owner),
        Field(text("software", lang), rec.software),
        Field(text("status", lang), ref.label(rec.status, lang)),
        Field(text("validated", lang), validated),
        Field(text("last_review", lang), _lines(format_date(rec.last_review, lang),
                                                 rec.last_reviewed_by)),
        Field(text("next_review", lang), format_date(rec.next_review, lang)),
    ))


def _actor_row(role: str, name: str, address: str, postcode: str, city: str, country: str,
               phone: str, email: str, lang: str) -> tuple[str, ...]:
    return (role, name, address, postcode, city, _country(country, lang), phone, email)


def _actors(rec: RecordDoc, org: OrganisationDoc, lang: str) -> Block:
    tps = {tp.name: tp for tp in org.third_parties}
    self_role = "controller" if rec.register_kind is RegisterKind.CONTROLLER else "processor_self"
    rows = [
        _actor_row(text(self_role, lang), org.name, org.address, org.postcode, org.city,
                   org.country, org.phone, org.email, lang),
        _actor_row(text("dpo", lang), org.dpo_name, org.dpo_address, org.dpo_postcode,
                   org.dpo_city, org.dpo_country, org.dpo_phone, org.dpo_email, lang),
    ]
    if org.dpo_external or org.dpo_company:
        rows.append(_actor_row(text("dpo_company", lang), org.dpo_company, "", "", "", "", "",
                               "", lang))
    if org.representative_name:
        rows.append(_actor_row(
            text("representative", lang), org.representative_name, org.representative_address,
            org.representative_postcode, org.representative_city, org.representative_country,
            org.representative_phone, org.representative_email, lang))
    for party in rec.parties:
        tp = tps.get(party.third_party) or ThirdPartyBase(name=party.third_party)
        role = text("joint_controller" if party.role is PartyRole.JOINT_CONTROLLER
                    else "client_controller", lang)
        rows.append(_actor_row(role, tp.name, tp.address, tp.postcode, tp.city, tp.country,
                               tp.phone, tp.email, lang))
    columns = tuple(text(k, lang) for k in ("actor", "name", "address", "postcode", "city",
                                             "country", "phone", "email"))
    columns = (columns[0], text("organisation", lang), *columns[2:])
    fields: tuple[Field, ...] = ()
    if rec.register_kind is RegisterKind.PROCESSOR:
        # Art. 30(2)(a)-(b): each controller on whose behalf, and the categories of processing.
        fields = tuple(Field(f"{text('processing_categories', lang)} — {p.third_party}",
                             p.details, missing=not p.details) for p in rec.parties)
        if not rec.parties:
            fields = (Field(text("client_controller", lang), "", missing=True),)
    missing = not org.name
    return Block("actors", text("block_actors", lang), fields=fields,
                 table=Table(columns, tuple(rows), missing=missing))


def _purposes(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    rows = []
    for p in rec.purposes:
        details = _lines(p.justification, p.legitimate_interest, p.balancing_test_reference,
                         p.consent_details)
        rows.append((ref.label(p.kind, lang), p.description,
                     ref.label(p.legal_basis, lang) if p.legal_basis else text("missing", lang),
                     details))
    columns = (text("purpose_kind", lang), text("description", lang), text("legal_basis", lang),
               text("justification", lang))
    return Block("purposes", text("block_purposes", lang),
                 table=Table(columns, tuple(rows), missing=not rec.purposes))


def _data_rows(cats: Sequence[DataCategoryEntryBase], lang: str, sensitive: bool
               ) -> tuple[tuple[str, ...], ...]:
    ref = load_reference()
    rows = []
    for c in cats:
        retention = format_retention(c, lang) or text("missing", lang)
        outcome = ref.label(c.retention_outcome, lang) if c.retention_outcome else ""
        row = [ref.label(c.category, lang), c.description, retention, c.retention_start, outcome]
        if sensitive:
            condition = ref.label(c.art9_condition, lang) if c.art9_condition else c.art10_ground
            row.append(condition or text("missing", lang))
        rows.append(tuple(row))
    return tuple(rows)


def _data(rec: RecordDoc, lang: str) -> tuple[Block, Block]:
    ordinary = [c for c in rec.data_categories if not c.category.is_sensitive]
    sensitive = [c for c in rec.data_categories if c.category.is_sensitive]
    columns = (text("category", lang), text("description", lang), text("retention", lang),
               text("retention_start", lang), text("retention_outcome", lang))
    return (
        Block("data", text("block_data", lang),
              table=Table(columns, _data_rows(ordinary, lang, False),
                          missing=not rec.data_categories)),
        Block("sensitive", text("block_sensitive", lang),
              table=Table((*columns, text("condition", lang)),
                          _data_rows(sensitive, lang, True))),
    )


def _subjects(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    rows = tuple((ref.label(s.category, lang), s.label, s.details) for s in rec.subjects)
    columns = (text("category", lang), text("description", lang), text("precisions", lang))
    return Block("subjects", text("block_subjects", lang),
                 table=Table(columns, rows, missing=not rec.subjects))


def _recipients(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    rows = tuple((ref.label(r.recipient_type, lang), r.name or (r.third_party or ""),
                  _lines(r.third_party if r.third_party and r.name else "", r.details))
                 for r in rec.recipients)
    columns = (text("recipient_type", lang), text("recipient", lang), text("precisions", lang))
    mandatory = rec.register_kind is RegisterKind.CONTROLLER  # Art. 30(1)(d)
    return Block("recipients", text("block_recipients", lang),
                 table=Table(columns, rows, missing=mandatory and not rec.recipients))


def _security(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    rows = tuple((ref.label(m.measure_type, lang), m.details) for m in rec.security_measures)
    columns = (text("measure_type", lang), text("precisions", lang))
    return Block("security", text("block_security", lang),
                 table=Table(columns, rows, missing=not rec.security_measures))


def _transfers(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    rows = tuple((
        t.recipient or (t.third_party or ""),
        _country(t.country, lang) or t.international_organisation,
        ref.label(t.mechanism, lang) if t.mechanism else text("missing", lang),
        _lines(t.documentation, _labelled("tia", t.tia_reference, lang), t.details),
    ) for t in rec.transfers)
    columns = (text("recipient", lang), text("country", lang), text("mechanism", lang),
               text("documentation", lang))
    return Block("transfers", text("block_transfers", lang), table=Table(columns, rows))


def _more(rec: RecordDoc, lang: str) -> Block:
    ref = load_reference()
    source = _lines(ref.label(rec.data_source, lang) if rec.data_source else "",
                    rec.data_source_details)
    automated = _lines(
        _yes_no(rec.automated_decision or rec.profiling, lang),
        rec.automated_decision_details,
    )
    criteria = ", ".join(ref.label(c, lang) for c in rec.dpia_criteria)
    cnil = ", ".join(ref.cnil_dpia_list.label(c, lang) for c in rec.dpia_cnil_list)
    decision = ref.label(rec.dpia_decision, lang) if rec.dpia_decision else ""
    return Block("more", text("block_more", lang), fields=(
        Field(text("data_source", lang), source),
        Field(text("automated_decision", lang), automated),
        Field(text("dpia_criteria", lang), criteria),
        Field(text("dpia_cnil_list", lang), cnil),
        Field(text("dpia", lang), _lines(decision, rec.dpia_reason)),
        Field(text("dpia_reference", lang), rec.dpia_reference),
        Field(text("notes", lang), rec.notes),
    ))


def build_fiche(rec: RecordDoc, org: OrganisationDoc, lang: str) -> Fiche:
    """The record's sheet in the CNIL fiche order, written out in ``lang``."""
    data, sensitive = _data(rec, lang)
    blocks = (
        _description(rec, lang),
        _actors(rec, org, lang),
        _purposes(rec, lang),
        data,
        sensitive,
        _subjects(rec, lang),
        _recipients(rec, lang),
        _security(rec, lang),
        _transfers(rec, lang),
        _more(rec, lang),
    )
    return Fiche(rec.reference, rec.name, rec.register_kind, blocks)


def summary_columns(lang: str) -> tuple[str, ...]:
    """Headings of the "Liste des traitements" table."""
    keys = ("name", "reference", "created_at", "updated_at", "main_purpose", "sensitive_data",
            "transfers_outside", "status")
    return tuple(text(k, lang) for k in keys)


def summary_row(rec: RecordDoc, lang: str) -> tuple[str, ...]:
    """One line of the "Liste des traitements" for ``rec``."""
    main = next((p.description for p in rec.purposes if p.kind.value == "main"), "")
    sensitive = any(c.category.is_sensitive for c in rec.data_categories)
    return (rec.name, rec.reference, format_date(rec.created_at.date(), lang),
            format_date(rec.updated_at.date(), lang), main, _yes_no(sensitive, lang),
            _yes_no(bool(rec.transfers), lang), load_reference().label(rec.status, lang))


def header_fields(org: OrganisationDoc, register: RegisterKind, lang: str,
                  exported_at: datetime, app_version: str) -> tuple[Field, ...]:
    """The header block of a register export: who keeps it, which register, when."""
    ref = load_reference()
    org_line = ", ".join(v for v in (org.name, org.address, f"{org.postcode} {org.city}".strip(),
                                     _country(org.country, lang)) if v)
    dpo = ", ".join(v for v in (org.dpo_name, org.dpo_company, org.dpo_email, org.dpo_phone) if v)
    rep = ", ".join(v for v in (org.representative_name, org.representative_email) if v)
    return (
        Field(text("organisation", lang), org_line, missing=not org.name),
        Field(text("dpo", lang), dpo),
        Field(text("representative", lang), rep or text("none", lang)),
        Field(text("register_kind", lang), ref.label(register, lang)),
        Field(text("exported_at", lang), format_date(exported_at, lang)),
        Field(text("app_version", lang), app_version),
    )
