"""Realistic large registers for benchmarks: seeded, reproducible.

``generate_register(n)`` builds one organisation with ``n`` processing activities that look
like a large group's: on average 3 purposes, 6 data categories, 3 subject categories,
4 recipients, 1 transfer and 5 security measures each, French text of realistic lengths,
and a pool of third parties shared between activities. Run as a script to write a register
file: ``python benchmarks/generate.py 10000 big.sqlite``.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ropa_app.domain.documents import OrganisationDoc, RecipientDoc, RecordDoc, TransferDoc
from ropa_app.domain.enums import (
    DataCategory,
    DataSource,
    LegalBasis,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
    ThirdPartyBase,
)

_DOMAINS = [
    "Ressources humaines",
    "Finance",
    "Commercial",
    "Marketing",
    "Informatique",
    "Juridique",
    "Achats",
    "Logistique",
    "Service client",
    "Sûreté",
    "Qualité",
    "R&D",
]
_ACTIVITIES = [
    "Gestion des candidatures",
    "Suivi des formations",
    "Gestion des notes de frais",
    "Prospection commerciale",
    "Programme de fidélité",
    "Gestion des litiges",
    "Supervision du réseau",
    "Contrôle d'accès aux locaux",
    "Gestion des contrats",
    "Enquête de satisfaction",
    "Gestion des habilitations",
    "Archivage comptable",
    "Gestion des astreintes",
    "Plateforme d'alerte",
    "Télétravail",
    "Paie",
]
_WORDS = [
    "traitement",
    "données",
    "personnes",
    "salariés",
    "clients",
    "gestion",
    "suivi",
    "contrat",
    "dossier",
    "demande",
    "service",
    "accès",
    "contrôle",
    "information",
    "dossier",
    "période",
    "durée",
    "conservation",
    "responsable",
    "sécurité",
    "collecte",
    "transmission",
    "fournisseur",
    "prestataire",
    "logiciel",
    "habilitation",
    "journalisation",
    "sauvegarde",
    "chiffrement",
    "consultation",
    "réclamation",
    "facturation",
    "paiement",
    "relance",
    "statistiques",
    "analyse",
    "pilotage",
    "reporting",
]
_COUNTRIES = [
    ("US", TransferMechanism.ADEQUACY),
    ("IN", TransferMechanism.SCC_COMMISSION),
    ("MA", TransferMechanism.SCC_COMMISSION),
    ("GB", TransferMechanism.ADEQUACY),
    ("CH", TransferMechanism.ADEQUACY),
    ("TN", TransferMechanism.BCR),
]
_NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(low, high))
    return (" ".join(words)).capitalize() + "."


def _count(rng: random.Random, mean: int) -> int:
    """A count around ``mean`` (mean - 1 .. mean + 1, never below 1)."""
    return max(1, mean + rng.choice((-1, 0, 1)))


def _third_parties(rng: random.Random, n: int) -> list[ThirdPartyBase]:
    pool = []
    for i in range(n):
        kind = rng.choice([ThirdPartyKind.PROCESSOR] * 4 + [ThirdPartyKind.PARTNER])
        pool.append(
            ThirdPartyBase(
                name=f"Prestataire {i + 1:03d} SAS",
                kind=kind,
                address=f"{i + 1} rue du Commerce",
                postcode=f"{75000 + i % 20:05d}",
                city="Paris",
                country="FR",
                email=f"contact{i + 1}@prestataire.example",
                contract_reference=f"DPA-{2020 + i % 6}-{i:03d}"
                if kind is ThirdPartyKind.PROCESSOR
                else "",
                dpf_certified=i % 7 == 0,
            )
        )
    return pool


def _record(rng: random.Random, i: int, tps: list[ThirdPartyBase]) -> RecordDoc:
    domain = rng.choice(_DOMAINS)
    created = _NOW - timedelta(days=rng.randint(30, 2000))
    purposes = [
        PurposeBase(
            kind=PurposeKind.MAIN if k == 0 else PurposeKind.SUB,
            description=_sentence(rng, 6, 14),
            legal_basis=rng.choice(list(LegalBasis)),
            justification=_sentence(rng, 4, 12),
            legitimate_interest=_sentence(rng, 5, 10),
            consent_details=_sentence(rng, 5, 10),
        )
        for k in range(_count(rng, 3))
    ]
    cats = [
        DataCategoryEntryBase(
            category=rng.choice(list(DataCategory)[:9]),
            description=_sentence(rng, 4, 10),
            retention_value=rng.randint(1, 10),
            retention_unit=rng.choice(list(RetentionUnit)),
            retention_start=_sentence(rng, 2, 5),
            retention_outcome=rng.choice(list(RetentionOutcome)),
        )
        for _ in range(_count(rng, 6))
    ]
    recipients = []
    for _ in range(_count(rng, 4)):
        tp = rng.choice(tps)
        linked = rng.random() < 0.5
        recipients.append(
            RecipientDoc(
                recipient_type=RecipientType.PROCESSOR
                if linked
                else RecipientType.INTERNAL_SERVICE,
                name="" if linked else f"Service {rng.choice(_DOMAINS)}",
                third_party=tp.name if linked else None,
                details=_sentence(rng, 3, 9),
            )
        )
    country, mechanism = rng.choice(_COUNTRIES)
    transfers = [
        TransferDoc(
            recipient=f"Filiale {country}",
            country=country,
            mechanism=mechanism,
            documentation=_sentence(rng, 3, 8),
        )
        for _ in range(rng.choice((0, 1, 1, 2)))
    ]
    return RecordDoc(
        reference=f"{domain[:3].upper()}-{i:05d}",
        name=f"{rng.choice(_ACTIVITIES)} — {domain} {i}",
        description=_sentence(rng, 20, 45),
        business_function=domain,
        owner=f"Responsable {domain}",
        software=f"Logiciel {rng.randint(1, 80)}",
        data_source=rng.choice(list(DataSource)),
        data_source_details=_sentence(rng, 4, 10),
        status=rng.choice(list(RecordStatus)[:3]),
        last_review=(created + timedelta(days=20)).date(),
        next_review=date(2026, 1, 1) + timedelta(days=rng.randint(0, 700)),
        created_at=created,
        updated_at=created + timedelta(days=rng.randint(0, 25)),
        purposes=purposes,
        subjects=[
            SubjectCategoryEntryBase(
                category=rng.choice(list(SubjectCategory)), details=_sentence(rng, 3, 8)
            )
            for _ in range(_count(rng, 3))
        ],
        data_categories=cats,
        recipients=recipients,
        transfers=transfers,
        security_measures=[
            SecurityMeasureBase(
                measure_type=rng.choice(list(SecurityMeasureType)), details=_sentence(rng, 6, 16)
            )
            for _ in range(_count(rng, 5))
        ],
    )


def generate_register(n: int, seed: int = 2026) -> OrganisationDoc:
    """An organisation with ``n`` controller records and shared third parties."""
    rng = random.Random(seed)
    tps = _third_parties(rng, max(10, n // 50))
    return OrganisationDoc(
        name="Groupe Exemple SA",
        address="1 place de la Défense",
        postcode="92400",
        city="Courbevoie",
        country="FR",
        email="contact@groupe.example",
        dpo_name="DPO Groupe",
        dpo_email="dpo@groupe.example",
        third_parties=tps,
        records=[_record(rng, i, tps) for i in range(n)],
    )


def main() -> int:
    """``generate.py N FILE``: write a register file with N generated activities."""
    from ropa_app.domain.documents import RegisterDoc
    from ropa_app.store.bulk import import_register
    from ropa_app.store.database import open_register

    n, target = int(sys.argv[1]), Path(sys.argv[2])
    reg = open_register(str(target))
    try:
        import_register(reg.engine, RegisterDoc(organisations=[generate_register(n)]))
    finally:
        reg.dispose()
    print(f"{target}: {n} activities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
