"""The compliance rules: what an auditor would raise about a register.

Each rule has a stable id (findings are stored and compared by it), a severity, the GDPR
provision it rests on and a message in French and English. Severities:

- ``error``: a mandatory Art. 30 item is missing;
- ``warning``: likely non-compliance with another provision (lawfulness, transfers, DPIA…);
- ``notice``: something to look at (a draft, a partial adequacy decision to verify).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Rule:
    """A compliance rule."""

    id: str
    severity: Severity
    article: str
    fr: str
    en: str

    def message(self, lang: str) -> str:
        """The rule's message in ``lang`` ("fr" or "en")."""
        return self.fr if lang == "fr" else self.en


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

_RULES = [
    # --- the organisation's own block, Art. 30(1)(a) / 30(2)(a) ---------------------------
    Rule("org.identity", E, "Art. 30(1)(a)",
         "Les coordonnées de l'organisme (adresse et moyen de contact) sont incomplètes.",
         "The organisation's contact details (address and a means of contact) are incomplete."),
    Rule("org.dpo", W, "Art. 30(1)(a), Art. 37(7)",
         "Le délégué à la protection des données n'est pas identifié avec un moyen de contact.",
         "The data protection officer is not identified with a means of contact."),
    # --- controller's register, Art. 30(1) -------------------------------------------------
    Rule("c.purpose.missing", E, "Art. 30(1)(b)",
         "Aucune finalité n'est décrite.", "No purpose is described."),
    Rule("c.purpose.empty", E, "Art. 30(1)(b)",
         "Une finalité n'a pas de description.", "A purpose has no description."),
    Rule("c.subjects.missing", E, "Art. 30(1)(c)",
         "Aucune catégorie de personnes concernées.", "No category of data subjects."),
    Rule("c.data.missing", E, "Art. 30(1)(c)",
         "Aucune catégorie de données personnelles.", "No category of personal data."),
    Rule("c.recipients.missing", E, "Art. 30(1)(d)",
         "Aucune catégorie de destinataires (indiquer au moins les services internes).",
         "No category of recipients (name at least the internal departments)."),
    Rule("transfer.country.missing", E, "Art. 30(1)(e), Art. 30(2)(c)",
         "Un transfert ne nomme ni le pays tiers ni l'organisation internationale.",
         "A transfer names neither the third country nor the international organisation."),
    Rule("transfer.art49.documentation", E, "Art. 30(1)(e), Art. 49(1) second subparagraph",
         "Transfert fondé sur l'art. 49(1) second alinéa sans la documentation des garanties.",
         "Transfer under Art. 49(1) second subparagraph without the documentation of the "
         "suitable safeguards."),
    Rule("retention.missing", E, "Art. 30(1)(f), Art. 5(1)(e)",
         "Une catégorie de données n'a pas de durée de conservation ni de critère.",
         "A data category has no retention period or criterion."),
    Rule("security.missing", E, "Art. 30(1)(g), Art. 32(1)",
         "Aucune mesure de sécurité n'est décrite.", "No security measure is described."),
    # --- processor's register, Art. 30(2) ---------------------------------------------------
    Rule("p.controllers.missing", E, "Art. 30(2)(a)",
         "Aucun responsable de traitement pour le compte duquel le sous-traitant agit.",
         "No controller on whose behalf the processor acts."),
    Rule("p.categories.missing", E, "Art. 30(2)(b)",
         "Les catégories de traitements effectués pour ce responsable ne sont pas décrites.",
         "The categories of processing carried out for this controller are not described."),
    # --- lawfulness ---------------------------------------------------------------------------
    Rule("purpose.basis.missing", W, "Art. 6(1)",
         "Finalité sans base légale.", "Purpose without a legal basis."),
    Rule("purpose.li.interest", W, "Art. 6(1)(f), Art. 13(1)(d)",
         "Intérêt légitime invoqué sans préciser l'intérêt poursuivi.",
         "Legitimate interests relied on without stating the interest pursued."),
    Rule("purpose.consent.details", W, "Art. 7(1), Art. 7(3)",
         "Consentement invoqué sans dire comment il est recueilli et retiré.",
         "Consent relied on without saying how it is collected and withdrawn."),
    Rule("data.art9.condition", W, "Art. 9(2)",
         "Donnée sensible sans condition de l'art. 9(2).",
         "Special-category data without an Art. 9(2) condition."),
    Rule("data.art10.ground", W, "Art. 10",
         "Données d'infractions ou de condamnations sans fondement de l'art. 10.",
         "Criminal-offence data without its Art. 10 legal ground."),
    # --- transfers -----------------------------------------------------------------------------
    Rule("transfer.mechanism.missing", W, "Art. 44, Art. 46",
         "Transfert vers un pays sans décision d'adéquation, sans garantie appropriée.",
         "Transfer to a country without an adequacy decision and without a safeguard."),
    Rule("transfer.adequacy.none", W, "Art. 45",
         "Décision d'adéquation invoquée pour un pays qui n'en bénéficie pas (ou plus).",
         "Adequacy relied on for a country that has no (or no longer an) adequacy decision."),
    Rule("transfer.adequacy.certification", W, "Art. 45; Decision (EU) 2023/1795",
         "Adéquation invoquée vers les États-Unis pour un destinataire non certifié au Data "
         "Privacy Framework.",
         "Adequacy relied on for a US recipient not certified under the Data Privacy "
         "Framework."),
    Rule("transfer.adequacy.scope", N, "Art. 45",
         "Décision d'adéquation partielle : vérifier que le destinataire entre dans son champ.",
         "Partial adequacy decision: check the recipient is within its scope."),
    Rule("transfer.adequacy.unrecorded", N, "Art. 45",
         "Pays adéquat : indiquer l'art. 45 comme fondement du transfert.",
         "Adequate country: record Art. 45 as the ground of the transfer."),
    Rule("transfer.within_eea", N, "Chapter V",
         "Destinataire dans l'EEE : ce n'est pas un transfert hors UE.",
         "Recipient in the EEA: this is not a transfer outside the EU."),
    # --- retention -------------------------------------------------------------------------------
    Rule("retention.open_ended", W, "Art. 5(1)(e)",
         "Durée de conservation illimitée ou indéterminée.",
         "Open-ended or unlimited retention."),
    Rule("retention.outcome.missing", W, "Art. 5(1)(e)",
         "Le sort des données à l'issue de la conservation n'est pas indiqué.",
         "What happens to the data at the end of retention is not stated."),
    # --- processors --------------------------------------------------------------------------
    Rule("recipient.processor.contract", W, "Art. 28(3)",
         "Sous-traitant sans référence de contrat (art. 28).",
         "Processor without a contract reference (Art. 28)."),
    # --- DPIA ----------------------------------------------------------------------------------
    Rule("dpia.undecided", W, "Art. 35(1), Art. 35(4)",
         "Deux critères du CEPD ou plus, ou un type de la liste CNIL, sans décision sur l'AIPD.",
         "Two or more EDPB criteria, or a type on the CNIL list, and no DPIA decision."),
    Rule("dpia.reference.missing", W, "Art. 35",
         "AIPD requise mais aucune référence d'AIPD.", "DPIA required but no DPIA reference."),
    # --- lifecycle --------------------------------------------------------------------------
    Rule("review.overdue", W, "Art. 24(1), Art. 5(2)",
         "La revue périodique de la fiche est en retard.", "The record's periodic review is "
         "overdue."),
    Rule("review.unplanned", N, "Art. 24(1)",
         "Aucune date de prochaine revue.", "No next review date."),
    Rule("status.draft", N, "Art. 30",
         "La fiche est encore à l'état de brouillon.", "The record is still a draft."),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
