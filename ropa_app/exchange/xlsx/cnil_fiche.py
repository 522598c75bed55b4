"""One "fiche de registre" of the CNIL model, read from its sheet by its headings.

Blocks are found by the heading in their first cell ("Description du traitement",
"Acteurs", "Finalité(s) du traitement effectué"...), columns by their headings
("Description", "Durée de conservation", "Pays"...) wherever the DPO moved them, rows by
their labels ("N° / RÉF", "Sous-finalité 3", "Données de localisation"...). Hand-inserted
rows and columns are read like the others; a value whose row or column means nothing here
is kept with its place (:attr:`FicheData.kept`), to go into the record's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ropa_app.domain.documents import RecipientDoc, TransferDoc
from ropa_app.domain.enums import (
    DataCategory,
    LegalBasis,
    PurposeKind,
    RecipientType,
    SecurityMeasureType,
    SubjectCategory,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
)
from ropa_app.exchange.xlsx.odf import Grid
from ropa_app.exchange.xlsx.preview import Note
from ropa_app.exchange.xlsx.vocab import (
    country_code,
    data_categories,
    is_placeholder,
    match,
    mechanisms,
    norm,
    parse_date,
    parse_retention,
    recipient_types,
    security_types,
    split_values,
    subject_categories,
)

BLOCKS = {
    "description du traitement": "description", "acteurs": "actors",
    "finalites du traitement effectue": "purposes", "finalites du traitement": "purposes",
    "finalites": "purposes",
    "categories de donnees personnelles concernees": "data",
    "categories de donnees personnelles": "data", "donnees personnelles concernees": "data",
    "donnees sensibles": "sensitive",
    "categories de personnes concernees": "subjects", "personnes concernees": "subjects",
    "destinataires": "recipients", "mesures de securite": "security",
    "transferts hors ue": "transfers", "transferts de donnees hors ue": "transfers",
    "transferts hors union europeenne": "transfers",
}
COLUMNS: dict[str, dict[str, str]] = {
    "actors": {"nom": "name", "raison sociale": "name", "organisme": "name",
               "adresse": "address", "adresse postale": "address", "cp": "postcode",
               "code postal": "postcode", "ville": "city", "commune": "city",
               "pays": "country", "telephone": "phone", "tel": "phone",
               "adresse mel": "email", "mel": "email", "courriel": "email",
               "e mail": "email", "email": "email", "adresse electronique": "email",
               "adresse de messagerie": "email"},
    "purposes": {"base legale": "basis", "base juridique": "basis", "fondement": "basis",
                 "description": "value", "finalite": "value"},
    "data": {"description": "description", "duree de conservation": "retention",
             "duree": "retention", "conservation": "retention"},
    "subjects": {"description": "category", "categorie": "category", "type": "category",
                 "precisions": "details", "commentaires": "details"},
    "recipients": {"type de destinataire": "type", "type": "type", "precisions": "details",
                   "destinataire": "name", "nom": "name", "commentaires": "details"},
    "security": {"type": "type", "type de mesure": "type",
                 "precisions": "details", "commentaires": "details"},
    "transfers": {"destinataire": "recipient", "organisme destinataire": "recipient",
                  "pays": "country", "garanties": "mechanism", "garantie": "mechanism",
                  "type de garanties": "mechanism", "documentation": "documentation",
                  "lien vers la documentation": "documentation", "documents": "documentation"},
}
COLUMNS["sensitive"] = COLUMNS["data"]
#: Column order assumed when a table block has no heading row.
DEFAULT_ORDER = {
    "actors": ("name", "address", "postcode", "city", "country", "phone", "email"),
    "purposes": ("value", "basis"), "data": ("description", "retention"),
    "sensitive": ("description", "retention"), "subjects": ("category", "details"),
    "recipients": ("type", "details"), "security": ("type", "details"),
    "transfers": ("recipient", "country", "mechanism", "documentation"),
}
DESCRIPTION_ROWS = {
    "nom du traitement": "name", "nom": "name", "intitule du traitement": "name",
    "n / ref": "reference", "n ref": "reference", "n/ref": "reference", "ref": "reference",
    "reference": "reference", "numero": "reference", "numero / ref": "reference",
    "date de creation du traitement": "created", "date de creation de la fiche": "created",
    "date de creation": "created", "mise a jour du traitement": "updated",
    "derniere mise a jour de la fiche": "updated", "derniere mise a jour": "updated",
    "date de mise a jour": "updated", "mise a jour": "updated", "description": "description",
}
ACTOR_ROWS = {
    "responsable du traitement": "controller", "responsable de traitement": "controller",
    "delegue a la protection des donnees": "dpo", "dpo": "dpo",
    "delegue a la protection des donnees dpo": "dpo", "societe du dpo": "dpo_company",
    "representant": "representative", "responsables conjoints": "joint",
    "responsable conjoint": "joint", "co responsable": "joint", "coresponsable": "joint",
}
LEGAL_BASES = {
    "consentement": LegalBasis.CONSENT, "contrat": LegalBasis.CONTRACT,
    "execution d un contrat": LegalBasis.CONTRACT,
    "mesures precontractuelles": LegalBasis.CONTRACT,
    "obligation legale": LegalBasis.LEGAL_OBLIGATION,
    "interets vitaux": LegalBasis.VITAL_INTERESTS, "mission d interet public":
        LegalBasis.PUBLIC_TASK, "interet public": LegalBasis.PUBLIC_TASK,
    "interet legitime": LegalBasis.LEGITIMATE_INTERESTS,
    "interets legitimes": LegalBasis.LEGITIMATE_INTERESTS,
}
_NUMBERED = re.compile(r"^(categorie|destinataire|mesure|organisme|sous finalite|finalite)"
                       r"( de securite)? ?\d*$")


@dataclass
class FicheData:
    """What a fiche sheet holds, before it becomes a record."""

    sheet: str
    fields: dict[str, Any] = field(default_factory=dict)
    created: date | None = None
    updated: date | None = None
    purposes: list[PurposeBase] = field(default_factory=list)
    data: list[DataCategoryEntryBase] = field(default_factory=list)
    subjects: list[SubjectCategoryEntryBase] = field(default_factory=list)
    recipients: list[RecipientDoc] = field(default_factory=list)
    security: list[SecurityMeasureBase] = field(default_factory=list)
    transfers: list[TransferDoc] = field(default_factory=list)
    actors: dict[str, dict[str, str]] = field(default_factory=dict)
    joint: list[dict[str, str]] = field(default_factory=list)
    kept: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    blocks: set[str] = field(default_factory=set)

    @property
    def is_blank(self) -> bool:
        """True for a template nobody filled in."""
        return not (self.fields.get("name") or self.fields.get("reference") or self.purposes
                    or self.data or self.subjects)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def block_of(label: Any) -> str | None:
    """The block a heading cell opens, or None ("Destinataire 2" opens none)."""
    if not isinstance(label, str) or re.search(r"\d", label):
        return None
    key = norm(label)
    if key in BLOCKS:
        return BLOCKS[key]
    for heading, block in BLOCKS.items():
        if len(heading) > 8 and key.startswith(heading + " "):
            return block
    return match(label, {k: v for k, v in BLOCKS.items() if len(k) > 8}, cutoff=0.9)


class FicheReader:
    """Reads one sheet; see :func:`read_fiche`."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.out = FicheData(grid.name)
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in grid.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self.origin[(r, c)] = (r1, c1)
        self.columns: dict[int, str] = {}
        self.unknown_heads: dict[int, str] = {}
        self.value_columns: dict[str, int] = {}
        self.block: str | None = None

    def value(self, r: int, c: int) -> Any:
        row = self.grid.rows[r - 1] if r - 1 < len(self.grid.rows) else []
        return row[c - 1] if c - 1 < len(row) else None

    def cells(self, r: int) -> list[tuple[int, Any]]:
        """(column, value) of the row's non-empty cells; a label hidden under a vertical
        merge (one label for two rows) is taken from the merge's first row."""
        row = self.grid.rows[r - 1]
        out = [(c, v) for c, v in enumerate(row, start=1)
               if v is not None and not (isinstance(v, str) and not v.strip())]
        if out and out[0][0] > 1 and (r, 1) in self.origin:
            r0, c0 = self.origin[(r, 1)]
            if r0 != r and self.value(r0, c0) is not None:
                out.insert(0, (1, self.value(r0, c0)))
        return out

    def keep(self, r: int, c: int | None, label: str, value: Any, why: str = "") -> None:
        if is_placeholder(value):
            return
        self.out.kept.append(Note(self.grid.name, r, c, why or "no field for this value",
                                  label, _text(value)))

    def warn(self, r: int | None, c: int | None, message: str, label: str = "",
             value: Any = "") -> None:
        self.out.warnings.append(Note(self.grid.name, r, c, message, label, _text(value)))

    def read(self) -> FicheData:
        seen_title = False
        for r in range(1, len(self.grid.rows) + 1):
            cells = self.cells(r)
            if not cells:
                continue
            c0, first = cells[0]
            block = block_of(first) if c0 == 1 else None
            if block is not None and (block != self.block or len(cells) == 1):
                self.block, self.columns, self.unknown_heads = block, {}, {}
                self.out.blocks.add(block)
                if len(cells) > 1:
                    self._columns(cells[1:])
                continue
            if self.block is None:
                title = not seen_title and isinstance(first, str) and "fiche" in norm(first)
                seen_title = True
                if not title:  # the title row says what the fiche says; anything else is kept
                    for c, v in cells:
                        self.keep(r, c, "", v, "outside the fiche's blocks")
                continue
            if self.block not in ("description",) and self._columns(cells, strict=True):
                continue
            getattr(self, f"_{self.block}")(r, cells)
        return self.out

    def _columns(self, cells: list[tuple[int, Any]], strict: bool = False) -> bool:
        """Take ``cells`` as the block's column headings when they are headings.

        With ``strict`` (a row inside a block), every cell must be a heading of the block,
        except a short label in the first cell ("Catégorie", "Acteur").
        """
        names = COLUMNS.get(self.block or "", {})
        found: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for c, v in cells:
            key = match(v, names, cutoff=0.9) if isinstance(v, str) else None
            if key is None or key in found.values():
                unknown[c] = _text(v)
            else:
                found[c] = key
        if not found:
            return False
        if strict:
            first = cells[0][0]
            others = [c for c in unknown if c != first]
            short_label = first in unknown and len(unknown[first].split()) <= 3
            if others or (first in unknown and not short_label):
                return False
            if len(found) < 2 and len(cells) > 1:
                return False
            unknown.pop(first, None)
        self.columns, self.unknown_heads = found, unknown
        return True

    def _split(self, r: int, cells: list[tuple[int, Any]]) -> tuple[str, int, dict[str, Any]]:
        """The row's label, its column, and its values by column heading.

        Columns without a heading take the block's usual order; values under a heading
        the block does not know, or beyond the usual columns, are kept in notes.
        """
        c0, label = cells[0]
        label_text = _text(label)
        rest = cells[1:]
        if not rest and isinstance(label, str) and ":" in label:
            head, _, tail = label.partition(":")
            label_text, rest = head.strip(), [(c0, tail.strip())]
        elif self.columns and c0 in self.columns:  # no label column: the row starts with data
            label_text, rest = "", cells
        order = [k for k in DEFAULT_ORDER.get(self.block or "", ())
                 if k not in self.columns.values()]
        values: dict[str, Any] = {}
        self.value_columns = {}
        for c, v in rest:
            if c in self.unknown_heads:
                self.keep(r, c, f"{label_text} — {self.unknown_heads[c]}".strip(" —"), v)
                continue
            key = self.columns.get(c)
            if key is None and order:
                key = order.pop(0)
            if key is None or key in values:
                self.keep(r, c, label_text, v)
            elif not is_placeholder(v):
                values[key] = v
                self.value_columns[key] = c
        return label_text, c0, values

    # --- blocks ----------------------------------------------------------------------------

    def _description(self, r: int, cells: list[tuple[int, Any]]) -> None:
        c0, first = cells[0]
        label = _text(first)
        values = [(c, v) for c, v in cells[1:] if not is_placeholder(v)]
        if len(cells) == 1 and isinstance(first, str) and ":" in first:
            head, _, tail = first.partition(":")
            label = head.strip()
            values = [] if is_placeholder(tail) else [(c0, tail.strip())]
        key = match(label, DESCRIPTION_ROWS, cutoff=0.9)
        if key is None:
            for c, v in values:
                self.keep(r, c, label, v)
            return
        if not values:
            return
        (c, value), extra = values[0], values[1:]
        for c2, v2 in extra:
            self.keep(r, c2, label, v2)
        if key in ("created", "updated"):
            day = parse_date(value)
            if day is None:
                self.warn(r, c, "not a date; kept in the notes", label, value)
                self.keep(r, c, label, value, "not a date")
            else:
                setattr(self.out, key, day)
        else:
            self.out.fields[key] = _text(value)

    def _actors(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, _, values = self._split(r, cells)
        role = match(label, ACTOR_ROWS, cutoff=0.88)
        details = {k: _text(v) for k, v in values.items()}
        if role is None:
            for k, v in details.items():
                self.keep(r, self.value_columns.get(k), f"{label} — {k}", v)
            return
        if role == "dpo_company":
            role, details = "dpo", {"company": details.get("name", "")}
        if role == "joint":
            names = re.split(r"\s*[;\n]\s*", details.get("name", ""))
            for i, name in enumerate(n for n in names if n):
                self.out.joint.append({**(details if i == 0 else {}), "name": name})
            return
        self.out.actors.setdefault(role, {}).update({k: v for k, v in details.items() if v})

    def _purposes(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, c0, values = self._split(r, cells)
        key = norm(label)
        if label and not _NUMBERED.match(key) and "finalite" not in key:
            if values:  # a row added by hand under another label: kept, not a purpose
                for name, value in values.items():
                    self.keep(r, self.value_columns.get(name), label, value)
                return
            values, label, key = {"value": cells[0][1]}, "", ""  # typed in the label column
        text = _text(values.get("value", ""))
        if not text:
            if values.get("basis"):
                self.keep(r, None, label, values["basis"])
            return
        kind = PurposeKind.SUB
        if "principal" in key or (key in ("finalite", "finalite 1") and not self.out.purposes):
            kind = PurposeKind.MAIN
        if kind is PurposeKind.MAIN and any(p.kind is PurposeKind.MAIN
                                            for p in self.out.purposes):
            self.warn(r, c0, "a second main purpose: read as a sub-purpose", label, text)
            kind = PurposeKind.SUB
        basis = None
        if values.get("basis"):
            basis = match(_text(values["basis"]), LEGAL_BASES, cutoff=0.8)
            if basis is None:
                self.keep(r, self.value_columns.get("basis"), f"{label} — base légale",
                          values["basis"])
        self.out.purposes.append(PurposeBase(kind=kind, description=text, legal_basis=basis))

    def _data(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, c0, values = self._split(r, cells)
        description = _text(values.get("description", ""))
        retention = _text(values.get("retention", ""))
        if (not description and not retention) or norm(description) in ("non", "no"):
            return
        category = match(label, data_categories())
        if category is None and norm(label).startswith("autre"):
            category = DataCategory.OTHER
        if self.block == "sensitive" and (category is None or not category.is_sensitive):
            self.keep(r, c0, label, f"{description} — {retention}".strip(" —"),
                      "not a sensitive category of the CNIL list")
            self.warn(r, c0, "not a sensitive category of the CNIL list: kept in the notes",
                      label)
            return
        if category is None:
            category = DataCategory.OTHER
            self.warn(r, c0, "not a category of the CNIL list: read as « Autres »", label)
        if category is DataCategory.OTHER:
            extra = _strip_other(label)
            if extra and norm(extra) not in ("precisez", "a preciser", "autres", "autre"):
                description = f"{extra} : {description}" if description else extra
        entry: dict[str, Any] = {"category": category, "description": description}
        if retention:
            entry.update(parse_retention(retention))
            if "retention_value" not in entry:
                self.warn(r, None, "no duration understood: kept as the retention criterion",
                          label, retention)
        self.out.data.append(DataCategoryEntryBase(**entry))

    _sensitive = _data

    def _subjects(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, _, values = self._split(r, cells)
        text = _text(values.get("category", ""))
        details = _text(values.get("details", ""))
        if not text and label and not _NUMBERED.match(norm(label)):
            text = label
        if not text:
            if details:
                self.out.subjects.append(SubjectCategoryEntryBase(
                    category=SubjectCategory.OTHER, details=details))
            return
        for i, part in enumerate(split_values(text)):
            category = match(part, subject_categories())
            if category is None or category is SubjectCategory.OTHER:
                entry = SubjectCategoryEntryBase(category=SubjectCategory.OTHER,
                                                 label=_strip_other(part))
            else:
                entry = SubjectCategoryEntryBase(category=category)
            if i == 0:
                entry.details = details
            self.out.subjects.append(entry)

    def _recipients(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, c0, values = self._split(r, cells)
        kind_text = _text(values.get("type", ""))
        details = _text(values.get("details", ""))
        name = _text(values.get("name", ""))
        if not name and label and not _NUMBERED.match(norm(label)):
            name = label
        if not (kind_text or details or name):
            return
        kind = match(kind_text, recipient_types()) if kind_text else None
        if kind is None:
            kind = RecipientType.OTHER
            if kind_text:
                name = f"{_strip_other(kind_text)}{' — ' + name if name else ''}"
            else:
                self.warn(r, c0, "no type of recipient: read as « Autre »", label)
        self.out.recipients.append(RecipientDoc(recipient_type=kind, name=name,
                                                 details=details))

    def _security(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, _, values = self._split(r, cells)
        kind_text = _text(values.get("type", ""))
        details = _text(values.get("details", ""))
        if not kind_text and label and not _NUMBERED.match(norm(label)):
            kind_text = label
        if not (kind_text or details):
            return
        kind = match(kind_text, security_types()) if kind_text else None
        if kind is None or kind is SecurityMeasureType.OTHER:
            other = _strip_other(kind_text)
            details = f"{other} : {details}" if other and details else other or details
            kind = SecurityMeasureType.OTHER
        self.out.security.append(SecurityMeasureBase(measure_type=kind, details=details))

    def _transfers(self, r: int, cells: list[tuple[int, Any]]) -> None:
        label, _, values = self._split(r, cells)
        recipient = _text(values.get("recipient", ""))
        country_text = _text(values.get("country", ""))
        mech_text = _text(values.get("mechanism", ""))
        documentation = _text(values.get("documentation", ""))
        if not recipient and label and not _NUMBERED.match(norm(label)):
            recipient = label
        if not (recipient or country_text or mech_text or documentation):
            return
        transfer: dict[str, Any] = {"recipient": recipient, "documentation": documentation}
        if country_text:
            code = country_code(country_text)
            if code is None:
                col = self.value_columns.get("country")
                self.keep(r, col, f"{label} — pays", country_text, "country not recognised")
                self.warn(r, col, "country not recognised: kept in the notes", label,
                          country_text)
            elif load_is_eea(code):
                self.warn(r, None, "this country is in the EEA: not a transfer outside the EU",
                          label, country_text)
                transfer["country"] = code
            else:
                transfer["country"] = code
        if mech_text:
            mechanism = match(mech_text, mechanisms())
            if mechanism is None:
                why = ("the Privacy Shield was invalidated on 16/07/2020 (Schrems II): choose "
                       "a current safeguard" if "privacy shield" in norm(mech_text)
                       else "safeguard not recognised")
                self.warn(r, self.value_columns.get("mechanism"), why, label, mech_text)
                transfer["details"] = f"Garanties indiquées : {mech_text}"
            else:
                transfer["mechanism"] = mechanism
        self.out.transfers.append(TransferDoc(**transfer))


def load_is_eea(code: str) -> bool:
    """True for a member of the EEA."""
    from ropa_app.domain.reference import load_reference

    return load_reference().is_eea(code)


def _strip_other(text: str) -> str:
    """"Autre : stagiaires" -> "stagiaires"; "Autre" -> ""."""
    return re.sub(r"^autres?\s*(\(.*?\))?\s*[:\-–—]?\s*", "", text.strip(),
                  flags=re.IGNORECASE).strip()


def read_fiche(grid: Grid) -> FicheData:
    """Read one fiche sheet."""
    return FicheReader(grid).read()


def is_fiche(grid: Grid) -> bool:
    """True when the sheet has the fiche's first block heading."""
    for row in grid.rows[:60]:
        for v in row[:3]:
            if block_of(v) == "description":
                return True
    return False
