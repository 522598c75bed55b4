"""The demo register, part one: the helpers that write its activities, and the human
resources and commercial activities of Logicielle Atlantique's controller register.

Everything here is data, written as a French DPO fills the CNIL's "fiche de registre".
The organisation, its third parties, the other activities and ``build_demo`` are in
:mod:`ropa_app.domain.demo`. Every date is a fixed number of days before the ``now`` the
demo is built for, so review dates stay realistic whenever the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ropa_app.domain.documents import RecipientDoc, RecordDoc, TransferDoc
from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
    LegalBasis,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    TransferMechanism,
)
from ropa_app.domain.models import (
    DataCategoryEntryBase,
    PurposeBase,
    SecurityMeasureBase,
    SubjectCategoryEntryBase,
)

# Short names, so that the activities read like the register itself.
D = DataCategory
S = SubjectCategory
B = LegalBasis
C = DpiaCriterion
DAYS, MONTHS, YEARS = RetentionUnit.DAYS, RetentionUnit.MONTHS, RetentionUnit.YEARS
DELETE, ANONYMISE = RetentionOutcome.DELETION, RetentionOutcome.ANONYMISATION
ARCHIVE = RetentionOutcome.ARCHIVING
DRAFT, IN_REVIEW = RecordStatus.DRAFT, RecordStatus.IN_REVIEW
VALIDATED, ARCHIVED = RecordStatus.VALIDATED, RecordStatus.ARCHIVED

DPO = "Hélène Quéré"  # external DPO, Cabinet Conformité Ouest
VALIDATOR = "Claire Le Gall"  # présidente: validates the register's entries
REVIEW_DAYS = 365  # annual review

# Third parties named in the records (defined in demo.py, linked here by name).
HOSTING = "NéoCloud Armor SAS"
PAYROLL = "PaieConseil Loire SARL"
ATS = "RecrutFlow SAS"
MAILING = "MailHarbor Inc."
SUPPORT = "Atlas Support Services SARL"
AUDIENCE = "Mesure Hexagone SAS"
CCTV = "SécuriVision Pays de la Loire SARL"
SOC = "VigieCyber SAS"
ACCOUNTANT = "Cabinet Durand & Associés"
HEALTH_SERVICE = "Santé Travail Estuaire"
ASSOCIATION = "Association Numérique Atlantique"
CLIENT_TRANSPORT = "Transports Guérande Logistique SAS"
CLIENT_COOP = "Coopérative Agricole du Val de Sèvre"
CLIENT_BREWERY = "Brasserie Artisanale Mosane SRL"

# The payroll, personnel and recruitment records cite the CNIL's DPIA exemption list.
HR_DPIA_EXEMPTION = (
    "Liste CNIL des traitements ne nécessitant pas d'AIPD : gestion du personnel d'un "
    "organisme de moins de 250 salariés, sans profilage. AIPD non requise."
)


@dataclass(frozen=True)
class Clock:
    """The demo's calendar: every date is a fixed number of days before ``now``."""

    now: datetime

    def ago(self, days: int) -> datetime:
        """The moment ``days`` days before now."""
        return self.now - timedelta(days=days)

    def day(self, days: int) -> str:
        """The date ``days`` days ago as a French register writes it (dd/mm/yyyy)."""
        return f"{self.ago(days):%d/%m/%Y}"

    def year(self, days: int) -> int:
        """The year ``days`` days ago (for references such as "AIPD-2025-01")."""
        return self.ago(days).year

    def life(
        self, status: RecordStatus, created: int, reviewed: int | None = None,
        updated: int | None = None,
    ) -> dict[str, Any]:
        """Lifecycle fields of a record created ``created`` days ago, last reviewed (and,
        if validated, validated) ``reviewed`` days ago, last changed ``updated`` days ago.
        The next review falls a year after the last one."""
        created_at = self.ago(created)
        last = self.ago(reviewed) if reviewed is not None else None
        changed = self.ago(updated) if updated is not None else last or created_at
        fields: dict[str, Any] = {
            "status": status, "created_at": created_at, "updated_at": changed,
            "status_changed_by": DPO, "status_changed_at": changed,
        }
        if status is DRAFT:
            fields["status_changed_at"] = created_at
        if last is not None:
            fields["last_review"] = last.date()
            if status is not ARCHIVED:
                fields["next_review"] = last.date() + timedelta(days=REVIEW_DAYS)
            if status in (VALIDATED, ARCHIVED):
                fields.update(validated_by=VALIDATOR, validated_at=last,
                              status_changed_by=VALIDATOR)
        return fields


# --- Helpers for the repeated shapes of a fiche ---------------------------------------------


def _purpose(
    kind: PurposeKind, description: str, basis: LegalBasis, justification: str,
    interest: str, test: str, consent: str,
) -> PurposeBase:
    return PurposeBase(kind=kind, description=description, legal_basis=basis,
                       justification=justification, legitimate_interest=interest,
                       balancing_test_reference=test, consent_details=consent)


def main(description: str, basis: LegalBasis, justification: str, *, interest: str = "",
         test: str = "", consent: str = "") -> PurposeBase:
    """The main purpose ("finalité principale") with its Art. 6(1) basis."""
    return _purpose(PurposeKind.MAIN, description, basis, justification, interest, test, consent)


def sub(description: str, basis: LegalBasis, justification: str, *, interest: str = "",
        test: str = "", consent: str = "") -> PurposeBase:
    """A sub-purpose ("sous-finalité") with its own Art. 6(1) basis."""
    return _purpose(PurposeKind.SUB, description, basis, justification, interest, test, consent)


def who(category: SubjectCategory, details: str, label: str = "") -> SubjectCategoryEntryBase:
    """A category of data subjects with its précisions."""
    return SubjectCategoryEntryBase(category=category, label=label, details=details)


def keep(
    category: DataCategory, description: str, value: int | None, unit: RetentionUnit | None,
    start: str, outcome: RetentionOutcome = DELETE, *, criterion: str = "",
    art9: Art9Condition | None = None,
) -> DataCategoryEntryBase:
    """A data category kept ``value`` ``unit`` from ``start`` (or, with ``value`` None,
    for as long as ``criterion`` says), then deleted, anonymised or archived."""
    return DataCategoryEntryBase(
        category=category, description=description, retention_value=value,
        retention_unit=unit, retention_criterion=criterion, retention_start=start,
        retention_outcome=outcome, art9_condition=art9,
    )


def internal(name: str, details: str) -> RecipientDoc:
    """An internal department receiving the data."""
    return RecipientDoc(recipient_type=RecipientType.INTERNAL_SERVICE, name=name, details=details)


def processor(name: str, details: str, *, abroad: bool = False) -> RecipientDoc:
    """A processor (Art. 28), linked to its third party; ``abroad`` outside the EEA."""
    kind = RecipientType.THIRD_COUNTRY if abroad else RecipientType.PROCESSOR
    return RecipientDoc(recipient_type=kind, name=name, details=details, third_party=name)


def other(name: str, details: str, *, partner: bool = False,
          third_party: str | None = None) -> RecipientDoc:
    """An institutional or commercial partner, or another recipient."""
    kind = RecipientType.PARTNER if partner else RecipientType.OTHER
    return RecipientDoc(recipient_type=kind, name=name, details=details, third_party=third_party)


def measures(**by_type: str) -> list[SecurityMeasureBase]:
    """Security measures keyed by their CNIL type code (``access_control=...``)."""
    return [SecurityMeasureBase(measure_type=SecurityMeasureType(code), details=details)
            for code, details in by_type.items()]


def no_dpia(reason: str, *criteria: DpiaCriterion) -> dict[str, Any]:
    """DPIA screening concluding that no DPIA is required."""
    return {"dpia_criteria": list(criteria), "dpia_decision": DpiaDecision.NOT_REQUIRED,
            "dpia_reason": reason}


def dpia(reference: str, reason: str, *criteria: DpiaCriterion) -> dict[str, Any]:
    """DPIA screening concluding that a DPIA is required, with its reference."""
    return {"dpia_criteria": list(criteria), "dpia_decision": DpiaDecision.REQUIRED,
            "dpia_reason": reason, "dpia_reference": reference}


SSO = ("Comptes nominatifs via l'annuaire d'entreprise (SSO) avec double authentification ; "
       "habilitations par profil revues chaque semestre ; désactivation le jour du départ.")


# --- Ressources humaines --------------------------------------------------------------------


def recruitment(c: Clock) -> RecordDoc:
    """RH-01."""
    return RecordDoc(
        reference="RH-01", name="Recrutement",
        description="Réception et tri des candidatures (offres publiées et candidatures "
                    "spontanées), entretiens, tests techniques, décision et, avec l'accord "
                    "du candidat, conservation dans un vivier.",
        business_function="Ressources humaines", owner="Sophie Morvan, DRH",
        software="RecrutFlow (logiciel de suivi des candidatures, SaaS hébergé en France)",
        data_source=DataSource.BOTH,
        data_source_details="Le candidat (CV, lettre, formulaire du site carrières) ; sites "
                            "d'emploi et cabinets mandatés ; références prises avec son accord.",
        purposes=[
            main("Gestion des candidatures et sélection des candidats", B.CONTRACT,
                 "Mesures précontractuelles (RGPD, art. 6.1.b) ; C. trav., art. L.1221-6 à "
                 "L.1221-9 (informations en lien direct avec le poste, information préalable)."),
            sub("Constitution d'un vivier de candidats non retenus", B.CONSENT,
                "Guide CNIL du recrutement (2023) : vivier sur accord du candidat.",
                consent="Proposé par courriel à la fin du processus : le candidat accepte par "
                        "un lien (rien n'est coché par défaut). Retrait par le lien présent "
                        "dans chaque message ou à recrutement@logicielle-atlantique.fr."),
            sub("Défense en cas de contestation d'une décision de recrutement",
                B.LEGITIMATE_INTERESTS, "C. trav., art. L.1132-1 et L.1134-5.",
                interest="Pouvoir démontrer le caractère non discriminatoire du recrutement.",
                test=f"MIL-{c.year(880)}-01 (analyse d'intérêt légitime du {c.day(880)})"),
        ],
        subjects=[
            who(S.CANDIDATES, "Candidats à un emploi, un stage ou une alternance."),
            who(S.OTHER, "Anciens employeurs contactés avec l'accord du candidat.",
                "Personnes données en référence"),
        ],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, courriel, téléphone, ville", 2, YEARS,
                 "dernier contact avec le candidat",
                 criterion="Sans accord pour le vivier : 3 mois après la décision. "
                           "Candidat recruté : versement au dossier du personnel (RH-02)."),
            keep(D.PROFESSIONAL_LIFE, "CV, lettre de motivation, diplômes, expériences, "
                 "prétentions salariales", 2, YEARS, "dernier contact avec le candidat"),
            keep(D.OTHER, "Notes d'entretien, résultats des tests techniques, motif du refus",
                 2, YEARS, "dernier contact avec le candidat"),
        ],
        recipients=[
            internal("Service RH", "Tri, organisation des entretiens, réponse aux candidats."),
            internal("Managers recruteurs", "Candidatures des seuls postes de leur équipe."),
            processor(ATS, "Édition et hébergement du logiciel de suivi des candidatures."),
        ],
        security_measures=measures(
            access_control=SSO + " Les managers ne voient que les postes qui les concernent.",
            traceability="Consultations et exports de candidatures journalisés (1 an).",
            processor_control=f"Accord de sous-traitance avec {ATS} ; hébergement en France ; "
                              "certificat ISO 27001 vérifié à chaque revue.",
            other="Purge automatique paramétrée dans l'outil ; rappel aux managers des "
                  "questions interdites (C. trav., art. L.1221-6).",
        ),
        **no_dpia("Un seul critère (évaluation des candidats, sans notation automatisée) : "
                  "AIPD non requise ; à revoir si un outil de tri par IA est adopté.",
                  C.EVALUATION_SCORING),
        **c.life(VALIDATED, created=900, reviewed=60),
    )


def personnel(c: Clock) -> RecordDoc:
    """RH-02."""
    return RecordDoc(
        reference="RH-02", name="Gestion administrative du personnel",
        description="Dossier individuel et registre unique du personnel, déclarations "
                    "d'embauche, suivi de l'état de santé au travail, obligation d'emploi des "
                    "travailleurs handicapés, entretiens professionnels et formation.",
        business_function="Ressources humaines", owner="Sophie Morvan, DRH",
        software="Planéo RH (instance interne) ; armoire forte pour les pièces papier",
        data_source=DataSource.BOTH,
        data_source_details="Le salarié ; le service de prévention et de santé au travail "
                            "(avis et attestations) ; la MDPH via le salarié (RQTH).",
        purposes=[
            main("Gestion administrative des salariés (contrat, dossier individuel, registre "
                 "unique du personnel)", B.LEGAL_OBLIGATION,
                 "C. trav., art. L.1221-13 et R.1221-26 (registre unique du personnel)."),
            sub("Déclarations d'embauche et déclarations sociales (usage du NIR)",
                B.LEGAL_OBLIGATION, "C. trav., art. L.1221-10 (DPAE) ; CSS, art. L.133-5-3 "
                "(DSN) ; décret n° 2019-341 du 19/04/2019 (cadre NIR)."),
            sub("Suivi individuel de l'état de santé (visites, aménagements de poste)",
                B.LEGAL_OBLIGATION, "C. trav., art. L.4624-1 et suivants."),
            sub("Obligation d'emploi des travailleurs handicapés (DOETH)", B.LEGAL_OBLIGATION,
                "C. trav., art. L.5212-1 et suivants."),
            sub("Entretiens professionnels et plan de développement des compétences",
                B.LEGAL_OBLIGATION, "C. trav., art. L.6315-1."),
        ],
        subjects=[
            who(S.EMPLOYEES, "Salariés en CDI, CDD et alternance (≈ 85), et anciens salariés."),
            who(S.OTHER, "Conventions de stage.", "Stagiaires"),
            who(S.OTHER, "Personne à prévenir en cas d'urgence, ayants droit à la mutuelle.",
                "Proches des salariés"),
        ],
        data_categories=[
            keep(D.IDENTITY, "État civil, coordonnées, photo du badge, pièce d'identité ou "
                 "titre de séjour", 5, YEARS, "départ du salarié"),
            keep(D.PERSONAL_LIFE, "Situation familiale, personne à prévenir", None, None,
                 "embauche", criterion="Durée du contrat de travail."),
            keep(D.PROFESSIONAL_LIFE, "Contrat et avenants, poste, carrière, formations, "
                 "comptes rendus d'entretiens professionnels", None, None, "embauche", ARCHIVE,
                 criterion="Durée du contrat en base active, puis archivage intermédiaire "
                           "5 ans après le départ (C. civ., art. 2224) avant suppression."),
            keep(D.NIR, "NIR, utilisé seulement pour la DPAE, la DSN, la mutuelle et la "
                 "prévoyance", 5, YEARS, "départ du salarié"),
            keep(D.HEALTH, "Attestations de suivi et avis d'aptitude ou d'inaptitude (sans "
                 "diagnostic), aménagements de poste préconisés", 5, YEARS,
                 "départ du salarié", art9=Art9Condition.EMPLOYMENT_SOCIAL_SECURITY),
            keep(D.HEALTH, "Reconnaissance de la qualité de travailleur handicapé, communiquée "
                 "volontairement par le salarié", 5, YEARS, "fin de validité de la RQTH ou "
                 "départ du salarié", art9=Art9Condition.EMPLOYMENT_SOCIAL_SECURITY),
        ],
        recipients=[
            internal("Service RH", "Ensemble du dossier (2 personnes)."),
            internal("Managers", "Coordonnées, poste, entretiens de leur équipe ; jamais les "
                                 "données de santé."),
            processor(PAYROLL, "Données nécessaires à la paie (voir RH-03)."),
            other(HEALTH_SERVICE, "Service de prévention et de santé au travail : liste "
                  "des salariés et postes pour le suivi individuel.", partner=True,
                  third_party=HEALTH_SERVICE),
            other("Organismes sociaux (URSSAF, retraite complémentaire, mutuelle et "
                  "prévoyance)", "Déclarations et affiliations.", partner=True),
            other("Inspection du travail", "Registre unique du personnel, sur demande."),
        ],
        security_measures=measures(
            access_control=SSO + " Dossiers de santé visibles du seul service RH.",
            encryption="NIR et pièces justificatives chiffrés en base (AES-256).",
            backup="Sauvegarde quotidienne chiffrée, copie hors site, test de restauration "
                   "trimestriel.",
            other="Pièces papier dans une armoire forte fermée à clé (bureau RH).",
        ),
        **no_dpia(HR_DPIA_EXEMPTION, C.SENSITIVE_DATA, C.VULNERABLE_SUBJECTS),
        **c.life(VALIDATED, created=980, reviewed=120),
    )


def payroll(c: Clock) -> RecordDoc:
    """RH-03."""
    return RecordDoc(
        reference="RH-03", name="Paie",
        description="Calcul des salaires et établissement des bulletins par un cabinet "
                    "externe, déclarations sociales (DSN), prélèvement à la source, virement "
                    "des salaires, bulletins dématérialisés.",
        business_function="Ressources humaines", owner="Sophie Morvan, DRH",
        software="Logiciel de paie de PaieConseil Loire ; coffre-fort numérique des salariés",
        data_source=DataSource.BOTH,
        data_source_details="Le salarié ; Planéo RH (variables : temps, absences) ; DGFiP "
                            "(taux de prélèvement à la source).",
        purposes=[
            main("Établissement de la paie et des bulletins de salaire", B.LEGAL_OBLIGATION,
                 "C. trav., art. L.3243-1 et R.3243-1 (mentions du bulletin)."),
            sub("Déclarations sociales nominatives et prélèvement à la source",
                B.LEGAL_OBLIGATION, "CSS, art. L.133-5-3 ; CGI, art. 204 A et 87-0 A."),
            sub("Versement des salaires par virement", B.CONTRACT, "Contrat de travail."),
            sub("Mise à disposition des bulletins dématérialisés", B.LEGAL_OBLIGATION,
                "C. trav., art. L.3243-2 et D.3243-7 à D.3243-9 (le salarié peut s'y opposer)."),
        ],
        subjects=[who(S.EMPLOYEES, "Salariés, alternants et stagiaires gratifiés.")],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, adresse, matricule, emploi, coefficient", 5, YEARS,
                 "versement du salaire"),
            keep(D.NIR, "NIR (DSN, prélèvement à la source)", 5, YEARS,
                 "versement du salaire"),
            keep(D.ECONOMIC_FINANCIAL, "Double des bulletins de paie", 5, YEARS,
                 "versement du salaire", criterion="C. trav., art. L.3243-4."),
            keep(D.ECONOMIC_FINANCIAL, "Éléments de rémunération, cotisations, taux de "
                 "prélèvement à la source, IBAN", 6, YEARS, "versement du salaire",
                 criterion="Délai de reprise de l'administration (LPF, art. L.102 B) ; "
                           "l'IBAN est effacé à la dernière paie."),
            keep(D.PROFESSIONAL_LIFE, "Temps de travail, heures supplémentaires, congés",
                 5, YEARS, "versement du salaire"),
            keep(D.HEALTH, "Périodes d'arrêt de travail (sans motif médical) pour le maintien "
                 "de salaire et les indemnités journalières", 5, YEARS, "versement du salaire",
                 art9=Art9Condition.EMPLOYMENT_SOCIAL_SECURITY),
            keep(D.OTHER, "Bulletins dématérialisés dans le coffre-fort du salarié", 50, YEARS,
                 "émission du bulletin", criterion="50 ans ou jusqu'aux 75 ans du salarié "
                 "(C. trav., art. D.3243-8)."),
        ],
        recipients=[
            internal("Service RH", "Saisie des variables, contrôle des bulletins."),
            internal("Direction financière", "Journal de paie agrégé, masse salariale."),
            processor(PAYROLL, "Calcul de la paie, DSN, bulletins et coffre-fort."),
            processor(ACCOUNTANT, "Écritures comptables de paie (journal de paie)."),
            other("URSSAF, caisses de retraite, France Travail, mutuelle", "Via la DSN.",
                  partner=True),
            other("DGFiP", "Prélèvement à la source, via la DSN."),
            other("Banque de la société", "Ordres de virement des salaires."),
        ],
        security_measures=measures(
            access_control="Accès au logiciel de paie limité au prestataire et à 2 personnes "
                           "du service RH, avec double authentification.",
            encryption="Variables de paie échangées par dépôt SFTP chiffré ; jamais par "
                       "courriel.",
            processor_control=f"Accord de sous-traitance avec {PAYROLL} ; questionnaire de "
                              "sécurité annuel ; hébergement en France.",
            traceability="Journal des modifications des éléments de paie chez le prestataire.",
        ),
        **no_dpia(HR_DPIA_EXEMPTION, C.SENSITIVE_DATA),
        **c.life(VALIDATED, created=980, reviewed=345),  # next review due in 20 days
    )


def workplace_survey(c: Clock) -> RecordDoc:
    """RH-04: a finished activity, archived."""
    year = c.year(520)
    return RecordDoc(
        reference="RH-04", name=f"Enquête qualité de vie au travail {year}",
        description=f"Questionnaire ponctuel proposé aux salariés en {year}, résultats "
                    "présentés au CSE. Enquête close : fiche archivée.",
        business_function="Ressources humaines", owner="Sophie Morvan, DRH",
        software="LimeSurvey auto-hébergé", data_source=DataSource.DATA_SUBJECT,
        purposes=[
            main("Mesurer la qualité de vie au travail et définir un plan d'action",
                 B.LEGITIMATE_INTERESTS, "C. trav., art. L.4121-1 (obligation de prévention).",
                 interest="Améliorer les conditions de travail à partir de l'avis des salariés.",
                 test=f"MIL-{year}-04 ; participation facultative, restitution anonyme."),
        ],
        subjects=[who(S.EMPLOYEES, "Salariés présents lors de l'enquête (participation libre).")],
        data_categories=[
            keep(D.PROFESSIONAL_LIFE, "Service, tranche d'ancienneté, réponses au questionnaire",
                 3, MONTHS, "clôture de l'enquête", ANONYMISE),
            keep(D.CONNECTION, "Jeton d'accès individuel, séparé des réponses", 1, MONTHS,
                 "clôture de l'enquête"),
        ],
        recipients=[
            internal("Service RH", "Résultats agrégés uniquement."),
            other("CSE", "Présentation des résultats agrégés."),
        ],
        security_measures=measures(
            access_control="Accès aux réponses brutes limité à la DRH.",
            other="Aucun résultat publié pour un groupe de moins de 10 répondants.",
        ),
        **no_dpia("Aucun critère réuni : réponses non nominatives, participation libre."),
        **c.life(ARCHIVED, created=600, reviewed=520, updated=380),
        notes=f"Réponses anonymisées le {c.day(430)} ; fiche archivée le {c.day(380)}.",
    )


# --- Commercial et marketing ----------------------------------------------------------------


def customers(c: Clock) -> RecordDoc:
    """COM-01."""
    return RecordDoc(
        reference="COM-01", name="Gestion de la relation client",
        description="Suivi des clients professionnels de Planéo : contrats, commandes, "
                    "facturation, recouvrement et enquêtes de satisfaction.",
        business_function="Commercial", owner="Julien Le Bihan, directeur commercial",
        software="Odoo Community (CRM et facturation), hébergé chez NéoCloud Armor",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Les interlocuteurs des clients, lors de la souscription et "
                            "pendant le contrat.",
        purposes=[
            main("Gestion des contrats, commandes et comptes clients", B.CONTRACT,
                 "Conditions générales de services Planéo et bons de commande."),
            sub("Facturation et recouvrement", B.LEGAL_OBLIGATION,
                "C. com., art. L.123-22 et L.441-9 ; CGI, art. 289."),
            sub("Enquêtes de satisfaction", B.LEGITIMATE_INTERESTS,
                "Opposition possible dans chaque enquête.",
                interest="Améliorer le produit et la qualité de service.",
                test=f"MIL-{c.year(700)}-02 (analyse du {c.day(700)})"),
        ],
        subjects=[who(S.CLIENTS, "Interlocuteurs des entreprises clientes : dirigeants, "
                                 "DRH, comptabilité, administrateurs de l'application.")],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, fonction, coordonnées professionnelles", 3, YEARS,
                 "fin du contrat", criterion="Durée du contrat, puis 3 ans (prospection)."),
            keep(D.ECONOMIC_FINANCIAL, "Commandes, conditions tarifaires, factures, "
                 "règlements", 10, YEARS, "clôture de l'exercice",
                 criterion="Pièces comptables (C. com., art. L.123-22), en archivage "
                           "intermédiaire après 3 ans."),
            keep(D.OTHER, "Réponses aux enquêtes de satisfaction", 2, YEARS,
                 "réponse à l'enquête", ANONYMISE),
        ],
        recipients=[
            internal("Équipe commerciale", "Comptes de son portefeuille."),
            internal("Administration des ventes et comptabilité", "Facturation, relances."),
            processor(HOSTING, "Hébergement du CRM (Rennes)."),
            processor(ACCOUNTANT, "Tenue de la comptabilité, pièces de vente."),
            other("Commissaire aux comptes", "Contrôle des comptes annuels."),
        ],
        security_measures=measures(
            access_control=SSO,
            backup="Sauvegarde quotidienne du CRM, conservée 35 jours, sur un second site.",
            traceability="Historique des modifications de fiches dans le CRM.",
        ),
        **no_dpia("Aucun critère du CEPD réuni."),
        **c.life(VALIDATED, created=950, reviewed=200),
    )


def prospecting(c: Clock) -> RecordDoc:
    """COM-02."""
    return RecordDoc(
        reference="COM-02", name="Prospection commerciale B2B",
        description="Prospection de professionnels (DRH, DAF, dirigeants de PME) par "
                    "courriel, téléphone et rendez-vous ; suivi des opportunités.",
        business_function="Commercial", owner="Julien Le Bihan, directeur commercial",
        software="Odoo Community (module CRM)", data_source=DataSource.BOTH,
        data_source_details="Formulaires du site (démonstration, livre blanc), salons "
                            "(COM-04), cartes de visite, annuaires professionnels publics.",
        profiling=True,
        automated_decision_details="Score d'intérêt calculé sur les échanges et demandes de "
                                   "démonstration, pour prioriser les relances ; aucune "
                                   "décision au sens de l'art. 22.",
        purposes=[
            main("Prospection commerciale de professionnels", B.LEGITIMATE_INTERESTS,
                 "CPCE, art. L.34-5 : courriel B2B sans consentement préalable si le message "
                 "concerne la profession du destinataire ; opposition dans chaque message.",
                 interest="Développer la clientèle auprès de professionnels dont la fonction "
                          "est en rapport avec la solution (RH, finance, direction).",
                 test=f"MIL-{c.year(700)}-03 (mise en balance du {c.day(700)})"),
            sub("Gestion de la liste d'opposition", B.LEGAL_OBLIGATION,
                "RGPD, art. 21 ; CPCE, art. L.34-5."),
        ],
        subjects=[who(S.PROSPECTS, "Professionnels d'entreprises non clientes.")],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, entreprise, coordonnées professionnelles", 3, YEARS,
                 "dernier contact émanant du prospect"),
            keep(D.PROFESSIONAL_LIFE, "Fonction, service, taille de l'entreprise", 3, YEARS,
                 "dernier contact émanant du prospect"),
            keep(D.OTHER, "Historique des échanges, rendez-vous, score d'intérêt", 3, YEARS,
                 "dernier contact émanant du prospect"),
            keep(D.OTHER, "Liste d'opposition (courriel ou téléphone)", 3, YEARS,
                 "exercice du droit d'opposition"),
        ],
        recipients=[
            internal("Équipe commerciale", "Prospects de son secteur."),
            internal("Marketing", "Segmentation des campagnes."),
            processor(HOSTING, "Hébergement du CRM (Rennes)."),
        ],
        security_measures=measures(
            access_control=SSO + " Exports réservés au directeur commercial.",
            traceability="Exports du CRM journalisés et revus chaque mois.",
            software_protection="Mises à jour de sécurité d'Odoo appliquées sous 15 jours.",
        ),
        **no_dpia("Un critère (évaluation par score d'intérêt, sans effet juridique) : AIPD "
                  "non requise.", C.EVALUATION_SCORING),
        **c.life(IN_REVIEW, created=950, reviewed=300, updated=12),
        notes="Revue en cours : vérifier l'information (art. 14) des contacts issus des "
              "salons et des annuaires.",
    )


def newsletter(c: Clock) -> RecordDoc:
    """COM-03."""
    return RecordDoc(
        reference="COM-03", name="Lettre d'information",
        description="Envoi mensuel de la lettre d'information Planéo (actualité RH, "
                    "nouveautés produit) aux personnes inscrites sur le site.",
        business_function="Marketing", owner="Élodie Garnier, responsable marketing",
        software="MailHarbor (plateforme d'envoi de courriels)",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Formulaire d'inscription du site.",
        purposes=[
            main("Envoi de la lettre d'information", B.CONSENT,
                 "RGPD, art. 6.1.a et 7 ; CPCE, art. L.34-5.",
                 consent="Case non pré-cochée sur le formulaire, confirmée par courriel "
                         "(double opt-in) ; preuve horodatée. Retrait par le lien de "
                         "désinscription de chaque lettre ou la page « Mes préférences »."),
            sub("Statistiques d'ouverture et de clic", B.CONSENT,
                "Loi Informatique et Libertés, art. 82 (pixels de suivi).",
                consent="Consentement distinct recueilli à l'inscription (case dédiée) ; "
                        "retrait depuis la page « Mes préférences »."),
        ],
        subjects=[who(S.PROSPECTS, "Abonnés : prospects, clients et partenaires inscrits.")],
        data_categories=[
            keep(D.IDENTITY, "Adresse électronique, prénom et entreprise (facultatifs)", 3,
                 YEARS, "dernière ouverture ou dernier clic",
                 criterion="Jusqu'au désabonnement ; abonnés inactifs depuis 3 ans "
                           "supprimés après une relance."),
            keep(D.INTERNET, "Ouvertures et clics par abonné", 3, YEARS, "envoi de la lettre",
                 ANONYMISE),
            keep(D.CONNECTION, "Preuve du consentement : date, heure, adresse IP, version du "
                 "formulaire", 5, YEARS, "désabonnement",
                 criterion="Prescription civile (C. civ., art. 2224)."),
        ],
        recipients=[
            internal("Marketing", "Rédaction et envoi des campagnes."),
            processor(MAILING, "Routage des campagnes, hébergement aux États-Unis.",
                      abroad=True),
        ],
        transfers=[TransferDoc(
            recipient=MAILING, third_party=MAILING, country="US",
            mechanism=TransferMechanism.ADEQUACY,
            documentation="Décision d'adéquation (UE) 2023/1795 du 10/07/2023 (EU-US Data "
                          "Privacy Framework) ; certification DPF de MailHarbor vérifiée sur "
                          f"dataprivacyframework.gov le {c.day(30)}.",
            details="Adresses et statistiques des abonnés, hébergées en Virginie.",
        )],
        security_measures=measures(
            access_control="Deux comptes nominatifs sur la plateforme, double authentification.",
            encryption="TLS pour la collecte et l'import ; chiffrement au repos chez le "
                       "prestataire.",
            processor_control=f"DPA de {MAILING} ; certification DPF vérifiée à chaque revue "
                              "annuelle ; liste de ses sous-traitants ultérieurs suivie.",
        ),
        **no_dpia("Aucun critère du CEPD réuni."),
        **c.life(VALIDATED, created=700, reviewed=30),
    )
