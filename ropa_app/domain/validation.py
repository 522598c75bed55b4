"""Integrity rules a record or a whole register must meet before it is stored.

These are the rules whose breach would make the register wrong or ambiguous (a link to a
third party that does not exist, two records with one reference, a country code that is
not a country). Completeness against Art. 30 is a separate matter, judged by the checks
layer: a draft may be incomplete, never inconsistent.

Each function returns ``(path, message)`` pairs; an empty list means valid. Paths use the
JSON document's spelling (``organisations[0].records[2].transfers[0].country``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RegisterDoc
from ropa_app.domain.enums import PartyRole, RegisterKind
from ropa_app.domain.reference import load_reference

Problem = tuple[str, str]

_PARTY_ROLE_FOR: dict[RegisterKind, PartyRole] = {
    RegisterKind.CONTROLLER: PartyRole.JOINT_CONTROLLER,  # Art. 30(1)(a)
    RegisterKind.PROCESSOR: PartyRole.CLIENT_CONTROLLER,  # Art. 30(2)(a)
}


def _join(base: str, leaf: str) -> str:
    return f"{base}.{leaf}" if base else leaf


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, _join(path, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def text_problems(data: object, path: str = "") -> list[Problem]:
    """NUL characters are refused: no database server stores them and no user types them."""
    return [(p, "text contains a NUL character") for p, s in _strings(data, path) if "\x00" in s]


def _country(code: str, path: str) -> list[Problem]:
    if code and not load_reference().is_country(code):
        return [(path, f"{code!r} is not an ISO 3166-1 alpha-2 country code")]
    return []


def record_problems(doc: RecordDoc, third_parties: Iterable[str], path: str = "") -> list[Problem]:
    """Integrity problems of one record, given the names of its organisation's third parties."""
    names = set(third_parties)
    ref = load_reference()
    problems: list[Problem] = []
    expected_role = _PARTY_ROLE_FOR[doc.register_kind]
    for i, party in enumerate(doc.parties):
        where = _join(path, f"parties[{i}]")
        if party.third_party not in names:
            problems.append((f"{where}.third_party", f"no third party named {party.third_party!r}"))
        if party.role is not expected_role:
            problems.append(
                (f"{where}.role", f"a {party.role.value} has no place in the "
                 f"{doc.register_kind.value} register")
            )
    mains = [i for i, p in enumerate(doc.purposes) if p.kind.value == "main"]
    if len(mains) > 1:
        problems.append((_join(path, f"purposes[{mains[1]}].kind"), "only one main purpose"))
    for i, cat in enumerate(doc.data_categories):
        where = _join(path, f"data_categories[{i}]")
        if (cat.retention_value is None) != (cat.retention_unit is None):
            problems.append((f"{where}.retention_value",
                             "a retention duration needs both a number and a unit"))
        if cat.art9_condition is not None and not cat.category.is_special:
            problems.append((f"{where}.art9_condition",
                             "an Art. 9(2) condition applies only to special categories"))
        if cat.art10_ground and not cat.category.is_criminal:
            problems.append((f"{where}.art10_ground",
                             "an Art. 10 ground applies only to criminal-offence data"))
    for key, items in (("recipients", doc.recipients), ("transfers", doc.transfers)):
        for i, item in enumerate(items):
            if item.third_party is not None and item.third_party not in names:
                problems.append((_join(path, f"{key}[{i}].third_party"),
                                 f"no third party named {item.third_party!r}"))
    for i, transfer in enumerate(doc.transfers):
        problems += _country(transfer.country, _join(path, f"transfers[{i}].country"))
    known = set(ref.cnil_dpia_list.codes())
    for i, code in enumerate(doc.dpia_cnil_list):
        if code not in known:
            problems.append((_join(path, f"dpia_cnil_list[{i}]"),
                             f"{code!r} is not on the CNIL's list of processing requiring a DPIA"))
    if len(set(doc.dpia_criteria)) != len(doc.dpia_criteria):
        problems.append((_join(path, "dpia_criteria"), "a criterion is listed twice"))
    problems += text_problems(doc.model_dump(mode="json"), path)
    return problems


def organisation_problems(doc: OrganisationDoc, path: str = "") -> list[Problem]:
    """Integrity problems of an organisation with its third parties, records and history."""
    problems: list[Problem] = []
    for key in ("country", "dpo_country", "representative_country"):
        problems += _country(getattr(doc, key), _join(path, key))
    seen: set[str] = set()
    for i, tp in enumerate(doc.third_parties):
        if tp.name in seen:
            problems.append((_join(path, f"third_parties[{i}].name"),
                             f"third party {tp.name!r} is listed twice"))
        seen.add(tp.name)
        problems += _country(tp.country, _join(path, f"third_parties[{i}].country"))
    refs: set[tuple[RegisterKind, str]] = set()
    for i, rec in enumerate(doc.records):
        where = _join(path, f"records[{i}]")
        key = (rec.register_kind, rec.reference)
        if key in refs:
            problems.append((f"{where}.reference",
                             f"reference {rec.reference!r} is used twice in the "
                             f"{rec.register_kind.value} register"))
        refs.add(key)
        problems += record_problems(rec, seen, where)
    scalar = doc.model_dump(mode="json", exclude={"records"})
    problems += text_problems(scalar, path)
    return problems


def register_problems(doc: RegisterDoc) -> list[Problem]:
    """Integrity problems of a whole interchange document."""
    problems: list[Problem] = []
    names: set[str] = set()
    for i, org in enumerate(doc.organisations):
        if org.name in names:
            problems.append((f"organisations[{i}].name",
                             f"organisation {org.name!r} is listed twice"))
        names.add(org.name)
        problems += organisation_problems(org, f"organisations[{i}]")
    return problems
