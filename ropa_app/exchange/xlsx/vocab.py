"""Reading what DPOs type into the CNIL model: labels, placeholders, dates, durations,
countries and the CNIL's drop-down values, matched leniently.

Labels are compared after :func:`norm` (accents, case, punctuation and spacing removed),
then word by word with plurals folded, then by similarity, so "Donnees de connexion (adress
IP, logs, etc.)", "Données de connexion" and "DONNÉES  DE CONNEXION" are one label.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from ropa_app.domain.enums import (
    DataCategory,
    RecipientType,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    TransferMechanism,
)
from ropa_app.domain.reference import load_reference

E = TypeVar("E", bound=StrEnum)

_PLACEHOLDERS = frozenset({
    "", "-", "--", "—", "–", "/", ".", "?", "na", "n a", "n/a", "nc", "non concerne",
    "non concernee", "non concernes", "non applicable", "sans objet", "neant", "aucun",
    "aucune", "rien", "non renseigne", "a completer", "xxx", "x x", "none", "not applicable",
})


def norm(value: Any) -> str:
    """Lower-case ASCII words of ``value``: accents, punctuation and extra spaces gone."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("œ", "oe").replace("æ", "ae").replace("(s)", "s")
    text = re.sub(r"[^a-z0-9/]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def is_placeholder(value: Any) -> bool:
    """True for an empty cell or what DPOs write for "nothing": -, —, N/A, Non concerné..."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    stripped = value.strip()
    return not stripped or stripped in "-—–/" or norm(stripped) in _PLACEHOLDERS


def _singular(words: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith(("s", "x")) else w
                    for w in words.split())


def match(value: str, choices: Mapping[str, Any], cutoff: float = 0.84) -> Any | None:
    """The choice whose normalised key matches ``value``: exactly, then with plurals
    folded, then as a prefix of at least 12 characters, then by similarity."""
    key = norm(value)
    if not key:
        return None
    if key in choices:
        return choices[key]
    singular = _singular(key)
    folded = {_singular(k): v for k, v in choices.items()}
    if singular in folded:
        return folded[singular]
    for k, v in folded.items():
        shorter, longer = sorted((singular, k), key=len)
        if len(shorter) >= 12 and longer.startswith(shorter):
            return v
    close = difflib.get_close_matches(singular, list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def _labels(enum_cls: type[E], extra: Mapping[str, E] | None = None) -> dict[str, E]:
    vocabulary = load_reference().vocabulary(enum_cls)
    out: dict[str, E] = {}
    for term in vocabulary:
        for lang in ("fr", "en"):
            out[norm(term.label(lang))] = enum_cls(term.code)
            # CNIL lists put précisions in brackets: "Vie personnelle (habitudes...)".
            out[norm(term.label(lang).split("(")[0])] = enum_cls(term.code)
    for text, member in (extra or {}).items():
        out[norm(text)] = member
    return out


@cache
def data_categories() -> dict[str, DataCategory]:
    """Labels of the CNIL model's data category rows, with their usual variants."""
    D = DataCategory
    return _labels(D, {
        "etat civil identite donnees d identification images": D.IDENTITY,
        "etat civil": D.IDENTITY, "identite": D.IDENTITY,
        "donnees de connexion adress ip logs etc": D.CONNECTION,
        "informations d ordre economique et financier": D.ECONOMIC_FINANCIAL,
        "numero de securite sociale": D.NIR, "nir": D.NIR,
        "donnees de sante": D.HEALTH, "sante": D.HEALTH,
        "donnees revelant l origine raciale ou ethnique": D.RACIAL_ETHNIC_ORIGIN,
        "donnees biometriques": D.BIOMETRIC,
        "donnees relatives aux condamnations penales ou infractions": D.CRIMINAL,
        "condamnations penales et infractions": D.CRIMINAL,
        "autre": D.OTHER, "autres": D.OTHER, "autres donnees": D.OTHER,
    })


@cache
def subject_categories() -> dict[str, SubjectCategory]:
    """The CNIL's list of data subject categories (and their singulars)."""
    S = SubjectCategory
    return _labels(S, {"salarie": S.EMPLOYEES, "personnel": S.EMPLOYEES,
                       "employes": S.EMPLOYEES, "agents": S.EMPLOYEES,
                       "usagers": S.CLIENTS, "adherents": S.CLIENTS,
                       "visiteurs": S.OTHER, "autre": S.OTHER, "autres": S.OTHER})


@cache
def recipient_types() -> dict[str, RecipientType]:
    """The CNIL's list of recipient types."""
    R = RecipientType
    return _labels(R, {"service interne qui traite les donnees": R.INTERNAL_SERVICE,
                       "service interne": R.INTERNAL_SERVICE,
                       "destinataires dans des pays tiers ou organisations internationales":
                           R.THIRD_COUNTRY,
                       "partenaires institutionnels ou commerciaux": R.PARTNER,
                       "autre": R.OTHER, "autres": R.OTHER})


@cache
def security_types() -> dict[str, SecurityMeasureType]:
    """The CNIL's list of security measure types."""
    M = SecurityMeasureType
    return _labels(M, {"controle d acces": M.ACCESS_CONTROL, "habilitations": M.ACCESS_CONTROL,
                       "tracabilite": M.TRACEABILITY, "journalisation": M.TRACEABILITY,
                       "protection des logiciels": M.SOFTWARE_PROTECTION,
                       "antivirus": M.SOFTWARE_PROTECTION, "sauvegarde": M.BACKUP,
                       "sauvegardes": M.BACKUP, "chiffrement": M.ENCRYPTION,
                       "controle des sous traitants": M.PROCESSOR_CONTROL,
                       "autre": M.OTHER, "autres": M.OTHER})


@cache
def mechanisms() -> dict[str, TransferMechanism]:
    """Safeguards as the CNIL list (2019) and DPOs name them. Its "Privacy Shield" is not
    here on purpose: invalidated in 2020 (Schrems II), it maps to nothing."""
    T = TransferMechanism
    return _labels(T, {
        "pays adequat": T.ADEQUACY, "pays adequats": T.ADEQUACY, "adequation": T.ADEQUACY,
        "decision d adequation": T.ADEQUACY, "clauses contractuelles types": T.SCC_COMMISSION,
        "cct": T.SCC_COMMISSION, "scc": T.SCC_COMMISSION, "clauses types": T.SCC_COMMISSION,
        "standard contractual clauses": T.SCC_COMMISSION,
        "regles internes d entreprise": T.BCR, "bcr": T.BCR,
        "regles d entreprise contraignantes": T.BCR, "code de conduite": T.CODE_OF_CONDUCT,
        "codes de conduite": T.CODE_OF_CONDUCT, "certification": T.CERTIFICATION,
        "data privacy framework": T.ADEQUACY, "dpf": T.ADEQUACY,
    })


@cache
def _countries() -> dict[str, str]:
    ref = load_reference()
    out: dict[str, str] = {}
    for lang in ("fr", "en"):
        for code, name in ref.countries(lang):
            out[norm(name)] = code
    out.update({norm(k): v for k, v in {
        "USA": "US", "US": "US", "Etats-Unis": "US", "Etats-Unis d'Amérique": "US",
        "Amérique": "US", "UK": "GB", "Royaume-Uni": "GB", "Angleterre": "GB",
        "Grande-Bretagne": "GB", "Corée du Sud": "KR", "Russie": "RU", "Chine": "CN",
        "Inde": "IN", "Maroc": "MA", "Tunisie": "TN", "Suisse": "CH", "Japon": "JP",
        "Israël": "IL", "Canada": "CA", "Brésil": "BR", "Madagascar": "MG",
    }.items()})
    return out


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country named in French or English (or a code)."""
    stripped = value.strip()
    if len(stripped) == 2 and stripped.isalpha() and load_reference().is_country(stripped):
        return stripped.upper()
    return match(stripped, _countries(), cutoff=0.9)


_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_ISO_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any) -> date | None:
    """A date from a date cell or from text such as 15/05/2026, 15.05.26 or 2026-05-15."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE_TEXT.match(value)
    try:
        if m:
            day, month, year = (int(g) for g in m.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        m = _ISO_TEXT.match(value)
        if m:
            return date(*(int(g) for g in m.groups()))
    except ValueError:
        return None
    return None


def at_noon(day: date) -> datetime:
    """A day as a timestamp that reads as that day in every time zone from UTC-11 to +11."""
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


_DURATION = re.compile(
    r"^\s*(\d+)\s*(ans?|annees?|years?|mois|months?|jours?|days?|semaines?|weeks?)\b\.?\s*(.*)$",
    re.IGNORECASE | re.DOTALL)
_START_WORDS = re.compile(r"^(?:a compter d|a partir d|apres|depuis|from|after)", re.IGNORECASE)
_OUTCOMES: tuple[tuple[str, RetentionOutcome], ...] = (
    ("archiv", RetentionOutcome.ARCHIVING), ("anonymis", RetentionOutcome.ANONYMISATION),
    ("suppr", RetentionOutcome.DELETION), ("effac", RetentionOutcome.DELETION),
    ("destruct", RetentionOutcome.DELETION), ("detrui", RetentionOutcome.DELETION),
)


def parse_retention(value: str) -> dict[str, Any]:
    """Retention fields from text such as "5 ans à compter de la fin du contrat".

    A leading duration becomes ``retention_value``/``retention_unit``; what follows an
    "à compter de" is the start event; anything else is kept as the criterion, so no word
    of the cell is lost. An outcome word (archivage, suppression...) also sets the outcome.
    """
    out: dict[str, Any] = {}
    text = value.strip()
    m = _DURATION.match(text)
    rest = text
    if m:
        number, unit, rest = int(m.group(1)), norm(m.group(2)), m.group(3).strip()
        if unit.startswith(("an", "year")):
            out["retention_value"], out["retention_unit"] = number, RetentionUnit.YEARS
        elif unit.startswith(("mois", "month")):
            out["retention_value"], out["retention_unit"] = number, RetentionUnit.MONTHS
        elif unit.startswith(("semaine", "week")):
            out["retention_value"], out["retention_unit"] = number * 7, RetentionUnit.DAYS
            rest = f"({m.group(1)} {m.group(2)}) {rest}".strip()
        else:
            out["retention_value"], out["retention_unit"] = number, RetentionUnit.DAYS
        rest = rest.lstrip(",;:-– ").strip()
        if rest and _START_WORDS.match(norm(rest)):
            first = re.split(r"[,;.]\s|\n| puis ", rest, maxsplit=1)
            out["retention_start"] = first[0].strip()
            rest = first[1].strip() if len(first) > 1 else ""
    if rest:
        out["retention_criterion"] = rest
    lowered = norm(text)
    for stem, outcome in _OUTCOMES:
        if stem in lowered:
            out["retention_outcome"] = outcome
            break
    return out


def split_values(value: str) -> list[str]:
    """Several facts in one cell ("Salariés, stagiaires ; intérimaires") as a list."""
    parts = re.split(r"\s*(?:[;\n,]|\bet\b|/)\s*", value)
    return [p.strip() for p in parts if p and p.strip()]


def first_text(values: Iterable[Any]) -> str:
    """The first value that is not a placeholder, as text ("" if none)."""
    for v in values:
        if not is_placeholder(v):
            return str(v).strip() if not isinstance(v, str) else v.strip()
    return ""
