"""Reading the CNIL's spreadsheet model (.ods or .xlsx) as DPOs fill it.

Sheets are recognised by name and content, never by position: "Tutoriel" and
"5 - Listes" are left aside, "4 - Exemple de fiche" (the CNIL's payroll example) too, as is
the CNIL's example line of the summary; "2 - Liste des traitements" gives the organisation's
header block and the list of activities; every other sheet with a "Description du
traitement" block is a fiche, whatever it was renamed to. A fiche and its summary line are
matched by reference (or by name when the reference is missing) and merged; an activity
with a summary line and no fiche is still imported from its line, with a warning.

Mapping decisions (see also :mod:`.vocab` and :mod:`.cnil_fiche`):

* Placeholders ("-", "—", "N/A", "Non concerné"...) are empty cells.
* Dates may be date cells or text (15/05/2026, 2026-05-15); the fiche's creation date
  becomes ``created_at`` (at noon UTC, so it reads as that day everywhere).
* The CNIL model has no legal basis, status or DPIA screening: purposes come without a
  legal basis, records as drafts, and updating an existing record keeps what it had there.
* "Autre(s)" values of the CNIL lists become the OTHER code with the typed text kept
  (subject label, recipient name, measure précisions, data category description).
* A value that fits no field — unknown rows or columns, a country or a date that cannot be
  read — is kept in the record's notes with its sheet, row and column, and listed in the
  preview.
* Joint controllers become third parties (kind joint controller) linked to the record.
* The model predates Schrems II: "Privacy Shield" maps to no safeguard, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RecordPartyDoc
from ropa_app.domain.enums import PartyRole, PurposeKind, RecordStatus, RegisterKind, ThirdPartyKind
from ropa_app.domain.models import PurposeBase, ThirdPartyBase, utcnow
from ropa_app.exchange.xlsx.cells import column_letter, where
from ropa_app.exchange.xlsx.cnil_fiche import FicheData, is_fiche, read_fiche
from ropa_app.exchange.xlsx.errors import ImportCancelled
from ropa_app.exchange.xlsx.grid import Workbook
from ropa_app.exchange.xlsx.odf import Grid
from ropa_app.exchange.xlsx.preview import (
    ImportPlan,
    ItemStatus,
    Note,
    PlanItem,
    classify,
    notes_text,
)
from ropa_app.exchange.xlsx.vocab import (
    at_noon,
    country_code,
    is_placeholder,
    match,
    norm,
    parse_date,
)
from ropa_app.store.errors import InvalidDocumentError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Fields of a record the CNIL model provides (an update replaces only these).
CNIL_FIELDS = frozenset({"name", "reference", "description", "parties", "purposes",
                         "subjects", "data_categories", "recipients", "transfers",
                         "security_measures", "notes"})

SUMMARY_COLUMNS = {
    "nom du traitement": "name", "nom": "name", "intitule": "name",
    "n / ref": "reference", "n/ref": "reference", "n ref": "reference", "ref": "reference",
    "reference": "reference", "numero": "reference",
    "date de creation de la fiche": "created", "date de creation": "created",
    "derniere mise a jour de la fiche": "updated", "derniere mise a jour": "updated",
    "date de mise a jour": "updated", "mise a jour": "updated",
    "finalite du traitement": "purpose", "finalite principale": "purpose",
    "finalite": "purpose", "donnees sensibles oui/non": "sensitive",
    "donnees sensibles": "sensitive", "donnees sensibles oui / non": "sensitive",
}
ACTOR_HEADINGS = {
    "responsable du traitement": "controller", "responsable de traitement": "controller",
    "coordonnees du responsable de l organisme": "controller", "organisme": "controller",
    "coordonnees du responsable du traitement": "controller",
    "representant": "representative", "coordonnees du representant": "representative",
    "delegue a la protection des donnees": "dpo", "dpo": "dpo",
    "nom et coordonnees du delegue a la protection des donnees": "dpo",
    "delegue a la protection des donnees dpo": "dpo",
}
ACTOR_FIELDS = {
    "nom": "name", "raison sociale": "name", "prenom": "first_name", "adresse": "address",
    "cp": "postcode", "code postal": "postcode", "ville": "city", "pays": "country",
    "telephone": "phone", "tel": "phone", "adresse mel": "email", "mel": "email",
    "courriel": "email", "adresse de messagerie": "email", "e mail": "email",
    "email": "email", "societe": "company", "societe si dpo externe": "company",
    "siret": "registration_number", "siren": "registration_number",
    "n siret": "registration_number",
}
_ORG_PREFIX = {"controller": "", "dpo": "dpo_", "representative": "representative_"}


@dataclass
class SummaryLine:
    """One line of the "Liste des traitements"."""

    sheet: str
    row: int
    values: dict[str, Any]
    extra: list[Note] = field(default_factory=list)
    used: bool = False


def _sheet_role(name: str) -> str:
    key = norm(name)
    if "tutoriel" in key or "tutorial" in key:
        return "tutorial"
    if "exemple" in key:
        return "example"
    if re.search(r"\blistes?$", key) and "traitement" not in key:
        return "lists"
    if "liste des traitements" in key or "liste des activites" in key:
        return "summary"
    return "other"


def read_cnil(book: Workbook, existing_references: Collection[str], register: RegisterKind,
              lang: str = "fr", progress: Progress | None = None,
              cancelled: Cancelled | None = None, now: datetime | None = None) -> ImportPlan:
    """The import plan of a workbook in the CNIL model's layout."""
    plan = ImportPlan(book.path, "cnil", book.kind, register)
    fiches: list[FicheData] = []
    example: FicheData | None = None
    summary_grid: Grid | None = None
    total = len(book.sheet_names)
    for done, name in enumerate(book.sheet_names, start=1):
        if cancelled is not None and cancelled():
            raise ImportCancelled("import cancelled; nothing was written")
        role = _sheet_role(name)
        if role == "tutorial":
            plan.ignored.append(Note(name, None, None, "the CNIL's tutorial"))
        elif role == "lists":
            plan.ignored.append(Note(name, None, None, "the drop-down lists of the model"))
        elif role == "example":
            example = read_fiche(book.grid(name))
            plan.ignored.append(Note(name, None, None, "the CNIL's example fiche, not data"))
        elif role == "summary" and summary_grid is None:
            summary_grid = book.grid(name)
        else:
            grid = book.grid(name)
            if not is_fiche(grid):
                plan.ignored.append(Note(name, None, None, "not a sheet of the CNIL model (no "
                                         "« Description du traitement » block)"))
                continue
            fiche = read_fiche(grid)
            if fiche.is_blank:
                plan.ignored.append(Note(name, None, None, "an empty fiche (the model's "
                                         "template, not filled in)"))
                continue
            fiches.append(fiche)
        if progress is not None:
            progress(done, total)
    lines: list[SummaryLine] = []
    org: dict[str, str] = {}
    if summary_grid is not None:
        org, lines = _read_summary(summary_grid, plan, example, require=not fiches)
    if summary_grid is None and not fiches:
        raise InvalidDocumentError([(f"workbook {book.path.name}",
                                     "no sheet of the CNIL model: expected « 2 - Liste des "
                                     "traitements » or fiches with a « Description du "
                                     f"traitement » block; sheets found: {book.sheet_names}")])
    plan.organisation = _organisation(org, fiches, plan)
    summary_name = summary_grid.name if summary_grid is not None else ""
    items = [_fiche_item(f, lines, plan, register, lang, now) for f in fiches]
    for line in lines:
        if not line.used:
            items.append(_line_item(line, summary_name, plan, register, lang, now))
    _give_references(items, existing_references)
    plan.items = items
    classify(plan, existing_references)
    return plan


# --- summary sheet ---------------------------------------------------------------------------


def _read_summary(grid: Grid, plan: ImportPlan, example: FicheData | None, require: bool
                  ) -> tuple[dict[str, str], list[SummaryLine]]:
    head = None
    for r, row in enumerate(grid.rows, start=1):
        keys = {match(v, SUMMARY_COLUMNS, cutoff=0.9) for v in row if isinstance(v, str)}
        if {"name", "reference"} <= keys:
            head = r
            break
    if head is None:
        if require:
            raise InvalidDocumentError([_no_table(grid)])
        plan.warnings.append(Note(grid.name, None, None, "no table of activities found "
                                  "(headings « Nom du traitement », « N° / RÉF »)"))
        return _header_block(grid, len(grid.rows), plan), []
    columns: dict[int, str] = {}
    unknown: dict[int, str] = {}
    width = max(len(row) for row in grid.rows[head - 2: head]) if head > 1 else len(
        grid.rows[head - 1])
    for c in range(1, width + 1):
        for r in (head, head - 1):
            if r < 1 or c > len(grid.rows[r - 1]) or not isinstance(grid.rows[r - 1][c - 1], str):
                continue
            text = grid.rows[r - 1][c - 1]
            key = match(text, SUMMARY_COLUMNS, cutoff=0.9)
            if key is not None and key not in columns.values():
                columns[c] = key
                break
            if r == head:
                unknown[c] = text
                break
    org = _header_block(grid, head - 1, plan)
    ignore = set()
    if example is not None:
        ignore = {norm(example.fields.get("name", "")), norm(example.fields.get("reference", ""))}
        ignore.discard("")
    lines = []
    for r in range(head + 1, len(grid.rows) + 1):
        row = grid.rows[r - 1]
        values = {key: row[c - 1] for c, key in columns.items()
                  if c <= len(row) and not is_placeholder(row[c - 1])}
        extra = [Note(grid.name, r, c, "no field for this value", unknown[c], str(row[c - 1]))
                 for c in unknown if c <= len(row) and not is_placeholder(row[c - 1])]
        stray = [c for c, v in enumerate(row, start=1)
                 if c not in columns and c not in unknown and not is_placeholder(v)]
        extra += [Note(grid.name, r, c, "no field for this value", "", str(row[c - 1]))
                  for c in stray]
        if not values.get("name") and not values.get("reference"):
            if extra:
                plan.warnings += [Note(n.sheet, n.row, n.column, "a value outside the list of "
                                       "activities, not imported", n.label, n.value)
                                  for n in extra]
            continue
        name_key = norm(values.get("name", ""))
        if name_key.startswith("exemple") or (ignore and (
                name_key in ignore or norm(values.get("reference", "")) in ignore)):
            plan.ignored.append(Note(grid.name, r, None, "the CNIL's example line"))
            continue
        lines.append(SummaryLine(grid.name, r, values, extra))
    return org, lines


def _no_table(grid: Grid) -> tuple[str, str]:
    """The problem of a summary sheet whose table headings are not the CNIL model's."""
    expected = "expected the headings « Nom du traitement » and « N° / RÉF »"
    best = max(range(len(grid.rows)), default=None,
               key=lambda i: sum(isinstance(v, str) for v in grid.rows[i]))
    if best is None or sum(isinstance(v, str) for v in grid.rows[best]) < 2:
        return where(grid.name), f"no table of activities found: {expected}, and no fiche"
    found = ", ".join(f"{column_letter(c)} {v!r}" for c, v in enumerate(grid.rows[best], 1)
                      if isinstance(v, str))
    return where(grid.name, best + 1), (f"unknown table headings ({found}): {expected}; "
                                        "no fiche either")


def _header_block(grid: Grid, last: int, plan: ImportPlan) -> dict[str, str]:
    """Organisation, DPO and representative from the rows above the table."""
    org: dict[str, str] = {}
    by_column: dict[int, str] = {}
    current: str | None = None
    for r in range(1, last + 1):
        row = grid.rows[r - 1]
        cells = [(c, v) for c, v in enumerate(row, start=1) if not is_placeholder(v)]
        if not cells or any(_table_heading(v) for _, v in cells):
            continue
        found = {c: match(v, ACTOR_HEADINGS, cutoff=0.88) for c, v in cells
                 if isinstance(v, str)}
        headings: dict[int, str] = {c: h for c, h in found.items() if h}
        if headings:
            if len(headings) > 1 or min(headings) > cells[0][0]:
                by_column, current = dict(headings), None
            else:
                by_column, current = {}, next(iter(headings.values()))
            continue
        c0, label = cells[0]
        key = match(label, ACTOR_FIELDS, cutoff=0.88) if isinstance(label, str) else None
        if key is None and isinstance(label, str) and ":" in label and len(cells) == 1:
            head, _, tail = label.partition(":")
            key, cells = match(head, ACTOR_FIELDS, cutoff=0.88), [(c0, head), (c0, tail.strip())]
        if key is None:
            if r > 1 or len(cells) > 1:
                plan.warnings += [Note(grid.name, r, c, "not a field of the header block; not "
                                       "imported", "", str(v)) for c, v in cells]
            continue
        for c, value in cells[1:]:
            actor = by_column.get(c) or current
            if actor is None:
                continue
            _put_actor(org, actor, key, str(value).strip(), grid.name, r, c, plan)
    return org


def _table_heading(value: Any) -> bool:
    """True for a heading of the list of activities (or the CNIL's group headings)."""
    if not isinstance(value, str):
        return False
    key = norm(value)
    return "identification du traitement" in key or match(
        value, SUMMARY_COLUMNS, cutoff=0.9) not in (None, "name")


def _put_actor(org: dict[str, str], actor: str, key: str, value: str, sheet: str, r: int,
               c: int, plan: ImportPlan) -> None:
    if key == "first_name":
        org[f"{actor}_first_name"] = value
        return
    if key == "company":
        if actor == "dpo":
            org["dpo_company"] = value
        return
    if key == "registration_number" and actor != "controller":
        return
    if key == "country":
        code = country_code(value)
        if code is None:
            plan.warnings.append(Note(sheet, r, c, "country not recognised; not imported",
                                      "Pays", value))
            return
        value = code
    org[f"{_ORG_PREFIX[actor]}{key}"] = value


def _organisation(org: dict[str, str], fiches: list[FicheData], plan: ImportPlan
                  ) -> OrganisationDoc | None:
    for actor in ("controller", "dpo", "representative"):
        first = org.pop(f"{actor}_first_name", "")
        key = f"{_ORG_PREFIX[actor]}name"
        if first and org.get(key):
            org[key] = f"{first} {org[key]}"
    for fiche in fiches:  # a fiche's actors fill what the header block left empty
        for actor, details in fiche.actors.items():
            for k, v in details.items():
                if k == "company" and actor == "dpo":
                    org.setdefault("dpo_company", v)
                elif k == "country":
                    code = country_code(v)
                    if code:
                        org.setdefault(f"{_ORG_PREFIX[actor]}{k}", code)
                elif k != "company":
                    org.setdefault(f"{_ORG_PREFIX[actor]}{k}", v)
    if not org.get("name"):
        plan.warnings.append(Note("", None, None, "the organisation's name was not found; "
                                  "import into an existing organisation"))
        return None
    if org.get("dpo_company"):
        org["dpo_external"] = True  # type: ignore[assignment]
    try:
        return OrganisationDoc.model_validate(org)
    except ValueError as exc:
        plan.warnings.append(Note("", None, None, f"the organisation block cannot be used "
                                  f"({exc.__class__.__name__})"))
        return None


# --- items -----------------------------------------------------------------------------------


def _match_line(fiche: FicheData, lines: list[SummaryLine]) -> SummaryLine | None:
    ref = norm(fiche.fields.get("reference", ""))
    name = norm(fiche.fields.get("name", ""))
    for line in lines:
        if not line.used and ref and norm(line.values.get("reference", "")) == ref:
            return line
    for line in lines:
        if not line.used and name and norm(line.values.get("name", "")) == name:
            return line
    return None


def _fiche_item(fiche: FicheData, lines: list[SummaryLine], plan: ImportPlan,
                register: RegisterKind, lang: str, now: datetime | None) -> PlanItem:
    line = _match_line(fiche, lines)
    kept, warnings = list(fiche.kept), list(fiche.warnings)
    fields = dict(fiche.fields)
    created, updated = fiche.created, fiche.updated
    purposes = list(fiche.purposes)
    if line is not None:
        line.used = True
        kept += line.extra
        v = line.values
        for key in ("name", "reference"):
            if not fields.get(key) and v.get(key):
                fields[key] = str(v[key]).strip()
        created = created or _line_date(v.get("created"), line, "created", kept)
        updated = updated or _line_date(v.get("updated"), line, "updated", kept)
        if v.get("purpose") and not any(p.kind is PurposeKind.MAIN for p in purposes):
            purposes.insert(0, PurposeBase(kind=PurposeKind.MAIN,
                                           description=str(v["purpose"]).strip()))
        elif v.get("purpose") and norm(v["purpose"]) not in {norm(p.description)
                                                             for p in purposes}:
            kept.append(Note(line.sheet, line.row, None,
                             "the summary's purpose differs from the fiche's",
                             "Finalité du traitement", str(v["purpose"])))
        said = norm(v.get("sensitive", ""))
        has = any(d.category.is_sensitive for d in fiche.data)
        if said.startswith("oui") and not has:
            warnings.append(Note(fiche.sheet, None, None, "the summary says « données "
                                 "sensibles : oui » but the fiche lists none"))
    parties, third = _joint(fiche, register, warnings, kept)
    for tp in third:
        if tp.name not in {t.name for t in plan.third_parties}:
            plan.third_parties.append(tp)
    if plan.organisation is not None:
        named = fiche.actors.get("controller", {}).get("name", "")
        if named and norm(named) != norm(plan.organisation.name):
            warnings.append(Note(fiche.sheet, None, None, "the fiche names another controller "
                                 "than the register's; kept in the notes"))
            kept.append(Note(fiche.sheet, None, None, "another controller",
                             "Responsable du traitement", named))
    return _item(fiche.sheet, fields, created, updated, purposes, fiche, parties, kept,
                 warnings, plan, register, lang, now)


def _line_item(line: SummaryLine, sheet: str, plan: ImportPlan, register: RegisterKind,
               lang: str, now: datetime | None) -> PlanItem:
    kept = list(line.extra)
    v = line.values
    fields = {k: str(v[k]).strip() for k in ("name", "reference") if v.get(k)}
    purposes = ([PurposeBase(kind=PurposeKind.MAIN, description=str(v["purpose"]).strip())]
                if v.get("purpose") else [])
    warnings = [Note(sheet, line.row, None, "no fiche found for this activity: only its line "
                     "of the summary is imported")]
    return _item(sheet, fields, _line_date(v.get("created"), line, "created", kept),
                 _line_date(v.get("updated"), line, "updated", kept), purposes,
                 FicheData(sheet), [], kept, warnings, plan, register, lang, now)


def _line_date(value: Any, line: SummaryLine, what: str, kept: list[Note]) -> Any:
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        kept.append(Note(line.sheet, line.row, None, "not a date", what, str(value)))
    return day


def _joint(fiche: FicheData, register: RegisterKind, warnings: list[Note], kept: list[Note]
           ) -> tuple[list[RecordPartyDoc], list[ThirdPartyBase]]:
    parties, third = [], []
    for j in fiche.joint:
        name = j.get("name", "").strip()[:300]
        if not name:
            continue
        if register is not RegisterKind.CONTROLLER:
            kept.append(Note(fiche.sheet, None, None, "a joint controller has no place in the "
                             "processor's register", "Responsable conjoint", name))
            continue
        code = country_code(j["country"]) if j.get("country") else None
        third.append(ThirdPartyBase(
            name=name, kind=ThirdPartyKind.JOINT_CONTROLLER, address=j.get("address", ""),
            postcode=j.get("postcode", ""), city=j.get("city", ""), country=code or "",
            phone=j.get("phone", ""), email=j.get("email", "")))
        parties.append(RecordPartyDoc(role=PartyRole.JOINT_CONTROLLER, third_party=name))
    return parties, third


def _item(sheet: str, fields: dict[str, str], created: Any, updated: Any,
          purposes: list[PurposeBase], fiche: FicheData, parties: list[RecordPartyDoc],
          kept: list[Note], warnings: list[Note], plan: ImportPlan, register: RegisterKind,
          lang: str, now: datetime | None) -> PlanItem:
    name, reference = fields.get("name", ""), fields.get("reference", "")
    kept = [Note(n.sheet or sheet, n.row, n.column, n.message, n.label, n.value) for n in kept]
    item = PlanItem(ItemStatus.NEW, reference, name, sheet, kept=kept, warnings=warnings,
                    fields=CNIL_FIELDS)
    if not name:
        item.reasons.append("no name (« Nom du traitement ») was found")
    if len(name) > 300:
        item.reasons.append(f"the name is {len(name)} characters long (300 at most)")
    if len(reference) > 60:
        item.reasons.append(f"the reference is {len(reference)} characters long (60 at most)")
    if item.reasons:
        return item
    stamp = now or utcnow()
    created_at = at_noon(created) if created else stamp
    updated_at = at_noon(updated) if updated else created_at
    record = RecordDoc(
        register_kind=register, reference=reference or "?", name=name,
        description=fields.get("description", ""), parties=parties, purposes=purposes,
        subjects=fiche.subjects, data_categories=fiche.data, recipients=fiche.recipients,
        transfers=fiche.transfers, security_measures=fiche.security,
        status=RecordStatus.DRAFT, created_at=created_at,
        updated_at=max(updated_at, created_at),
        notes=notes_text("", kept, plan.source.name, lang))
    item.record = record
    return item


def _give_references(items: list[PlanItem], existing: Collection[str]) -> None:
    """A reference for each activity that has none ("IMPORT-001"...), never one in use."""
    taken = set(existing) | {i.reference for i in items if i.reference}
    n = 0
    for item in items:
        if item.record is None or item.reference:
            continue
        while True:
            n += 1
            candidate = f"IMPORT-{n:03d}"
            if candidate not in taken:
                break
        taken.add(candidate)
        item.reference = candidate
        item.record.reference = candidate
        item.warnings.append(Note(item.sheet, None, None, f"no N° / RÉF: the import gives it "
                                  f"the reference {candidate}"))
