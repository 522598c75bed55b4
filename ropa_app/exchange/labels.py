"""Labels of the register's fields and blocks in French and English, for the exports.

French wording follows the CNIL's model register ("registre simplifié") where it has one;
the exports receive these maps, the core never formats text for a screen.
"""

from __future__ import annotations

from typing import Final

Labels = dict[str, tuple[str, str]]  # key -> (French, English)

TEXT: Final[Labels] = {
    # titles
    "register_title": ("Registre des activités de traitement (article 30 du RGPD)",
                       "Record of processing activities (GDPR Article 30)"),
    "summary_sheet": ("Liste des traitements", "List of processing activities"),
    "flat_sheet": ("Tableau", "Table"),
    "fiche": ("Fiche de registre", "Record sheet"),
    "exported_at": ("Date et heure de l'export", "Exported on"),
    "app_version": ("Version de l'application", "Application version"),
    "register_kind": ("Registre", "Register"),
    "organisation": ("Organisme", "Organisation"),
    "missing": ("À compléter", "Missing"),
    "none": ("Aucun", "None"),
    "yes": ("Oui", "Yes"),
    "no": ("Non", "No"),
    # blocks, in the CNIL fiche order
    "block_description": ("Description du traitement", "Description of the processing"),
    "block_actors": ("Acteurs", "Actors"),
    "block_purposes": ("Finalité(s) du traitement effectué", "Purpose(s) of the processing"),
    "block_data": ("Catégories de données personnelles concernées",
                   "Categories of personal data"),
    "block_sensitive": ("Données sensibles", "Sensitive data"),
    "block_subjects": ("Catégories de personnes concernées", "Categories of data subjects"),
    "block_recipients": ("Destinataires", "Recipients"),
    "block_security": ("Mesures de sécurité", "Security measures"),
    "block_transfers": ("Transferts hors UE", "Transfers outside the EU"),
    "block_more": ("Informations complémentaires", "Further information"),
    # description
    "name": ("Nom du traitement", "Name of the processing"),
    "reference": ("N° / RÉF", "No. / Ref."),
    "created_at": ("Date de création de la fiche", "Record created on"),
    "updated_at": ("Dernière mise à jour de la fiche", "Record last updated on"),
    "description": ("Description", "Description"),
    "business_function": ("Service / fonction", "Department / business function"),
    "owner": ("Responsable opérationnel", "Business owner"),
    "software": ("Logiciel / application", "Software / application"),
    "status": ("Statut", "Status"),
    "validated": ("Validé par / le", "Validated by / on"),
    "last_review": ("Dernière revue", "Last review"),
    "next_review": ("Prochaine revue", "Next review"),
    # actors
    "actor": ("Acteur", "Actor"),
    "address": ("Adresse", "Address"),
    "postcode": ("CP", "Postcode"),
    "city": ("Ville", "City"),
    "country": ("Pays", "Country"),
    "phone": ("Téléphone", "Phone"),
    "email": ("Adresse mél", "E-mail"),
    "controller": ("Responsable du traitement", "Controller"),
    "processor_self": ("Sous-traitant", "Processor"),
    "dpo": ("Délégué à la protection des données", "Data protection officer"),
    "dpo_company": ("Société du DPO", "DPO's company"),
    "representative": ("Représentant", "Representative"),
    "joint_controller": ("Responsable conjoint", "Joint controller"),
    "client_controller": ("Responsable de traitement (client)", "Controller (client)"),
    "processing_categories": ("Catégories de traitements effectués pour son compte",
                              "Categories of processing carried out on its behalf"),
    # purposes
    "purpose_kind": ("Type", "Type"),
    "legal_basis": ("Base légale (art. 6.1)", "Legal basis (Art. 6(1))"),
    "justification": ("Justification", "Justification"),
    "legitimate_interest": ("Intérêt légitime poursuivi", "Legitimate interest pursued"),
    "consent_details": ("Recueil et retrait du consentement", "How consent is given and withdrawn"),
    # data
    "category": ("Catégorie", "Category"),
    "retention": ("Durée de conservation", "Retention period"),
    "retention_start": ("Point de départ", "Runs from"),
    "retention_outcome": ("Sort à l'issue", "At the end"),
    "condition": ("Condition (art. 9.2 / art. 10)", "Condition (Art. 9(2) / Art. 10)"),
    "precisions": ("Précisions", "Details"),
    "recipient_type": ("Type de destinataire", "Type of recipient"),
    "recipient": ("Destinataire", "Recipient"),
    "measure_type": ("Type de mesure", "Type of measure"),
    "mechanism": ("Garanties", "Safeguards"),
    "documentation": ("Documentation", "Documentation"),
    "tia": ("Analyse d'impact du transfert", "Transfer impact assessment"),
    # more
    "data_source": ("Source des données", "Source of the data"),
    "automated_decision": ("Décision automatisée / profilage", "Automated decision / profiling"),
    "dpia": ("Analyse d'impact (AIPD)", "Data protection impact assessment"),
    "dpia_criteria": ("Critères du CEPD remplis", "EDPB criteria met"),
    "dpia_cnil_list": ("Liste CNIL des traitements soumis à AIPD",
                       "CNIL list of processing requiring a DPIA"),
    "dpia_reference": ("Référence de l'AIPD", "DPIA reference"),
    "notes": ("Notes", "Notes"),
    "main_purpose": ("Finalité principale", "Main purpose"),
    "sensitive_data": ("Données sensibles ?", "Sensitive data?"),
    "transfers_outside": ("Transferts hors UE ?", "Transfers outside the EU?"),
    # PDF exports (ropa_app.exchange.pdf)
    "pdf_page_of": ("page {page} sur {pages}", "page {page} of {pages}"),
    "pdf_generated": ("Généré le {date} — ROPA {version}", "Generated on {date} — ROPA {version}"),
    "pdf_contents": ("Table des matières", "Contents"),
    "pdf_records": ("Fiches de registre", "Record sheets"),
    "pdf_activity_count": ("Nombre d'activités", "Number of activities"),
    "pdf_nothing": ("Néant", "None"),
    "pdf_register_details": ("Informations sur le registre", "About this register"),
    "pdf_no_activity": ("Aucune activité dans ce registre.", "No activity in this register."),
    "pdf_record_subject": ("Fiche de registre {reference}", "Record sheet {reference}"),
    # Excel export (ropa_app.exchange.xlsx)
    "xlsx_fiches_sheet": ("Fiches", "Record sheets"),
    "continued": ("suite", "continued"),
    "group_identification": ("Identification du traitement", "Identification of the processing"),
    "group_purpose": ("Finalité du traitement", "Purpose of the processing"),
    "group_flags": ("Points d'attention", "Points of attention"),
    "parties": ("Responsables conjoints / pour le compte de",
                "Joint controllers / on behalf of"),
    "sub_purposes": ("Sous-finalités", "Sub-purposes"),
    "version": ("Version", "Version"),
    "last_reviewed_by": ("Revue effectuée par", "Reviewed by"),
    "xlsx_exported_on": ("Exporté le", "Exported on"),
    # audit readiness section (ropa_app.exchange.audit)
    "audit_sheet": ("Conformité", "Audit readiness"),
    "audit_title": ("Conformité du registre", "Audit readiness"),
    "audit_checked_on": ("Date du contrôle", "Checked on"),
    "audit_score": ("Fiches complètes", "Complete records"),
    "audit_score_value": ("{percent}\u00a0% ({clean} fiches actives sur {records} sans élément "
                          "obligatoire manquant)",
                          "{percent}% ({clean} of {records} active records with no missing "
                          "mandatory item)"),
    "audit_score_line": ("{percent}\u00a0% des fiches actives sans élément obligatoire manquant "
                         "({clean} sur {records}) — erreurs : {errors}, avertissements : "
                         "{warnings}, à examiner : {notices}",
                         "{percent}% of active records with no missing mandatory item "
                         "({clean} of {records}) — errors: {errors}, warnings: {warnings}, "
                         "notices: {notices}"),
    "audit_percent": ("{percent}\u00a0%", "{percent}%"),
    "audit_card_score": ("des fiches actives sans élément obligatoire manquant "
                         "({clean} sur {records})",
                         "of active records with no missing mandatory item "
                         "({clean} of {records})"),
    "audit_errors": ("Erreurs (élément obligatoire manquant)",
                     "Errors (mandatory item missing)"),
    "audit_warnings": ("Avertissements", "Warnings"),
    "audit_notices": ("Points à examiner", "Notices"),
    "severity_error": ("Erreur", "Error"),
    "severity_warning": ("Avertissement", "Warning"),
    "severity_notice": ("À examiner", "Notice"),
    "audit_findings": ("Points relevés", "Findings"),
    "audit_no_finding": ("Aucun point relevé.", "No finding."),
    "audit_col_severity": ("Gravité", "Severity"),
    "audit_col_message": ("Constat", "What is wrong"),
    "audit_col_article": ("Article", "Article"),
    "audit_col_field": ("Champ à corriger", "Field to fix"),
    "audit_col_rule": ("Règle", "Rule"),
    "audit_reviews": ("Revues périodiques des fiches", "Periodic reviews of the records"),
    "audit_col_due": ("Échéance", "Due"),
    "audit_col_records": ("Fiches", "Records"),
    "audit_reviews_overdue": ("En retard", "Overdue"),
    "audit_reviews_unplanned": ("Sans date de prochaine revue", "No next review date"),
    "audit_chart_title": ("Revues à faire par mois", "Reviews due per month"),
    "month_1": ("janvier", "January"),
    "month_2": ("février", "February"),
    "month_3": ("mars", "March"),
    "month_4": ("avril", "April"),
    "month_5": ("mai", "May"),
    "month_6": ("juin", "June"),
    "month_7": ("juillet", "July"),
    "month_8": ("août", "August"),
    "month_9": ("septembre", "September"),
    "month_10": ("octobre", "October"),
    "month_11": ("novembre", "November"),
    "month_12": ("décembre", "December"),
    # fields to fix, as the audit section names them ("Finalité 1 › Base légale")
    "item_purposes": ("Finalité {n}", "Purpose {n}"),
    "item_subjects": ("Catégorie de personnes {n}", "Data subject category {n}"),
    "item_data_categories": ("Catégorie de données {n}", "Data category {n}"),
    "item_recipients": ("Destinataire {n}", "Recipient {n}"),
    "item_security_measures": ("Mesure de sécurité {n}", "Security measure {n}"),
    "item_transfers": ("Transfert {n}", "Transfer {n}"),
    "item_parties": ("Responsable de traitement {n}", "Controller {n}"),
    "person_name": ("Nom", "Name"),
    "processor_contract": ("Sous-traitant : référence du contrat (art. 28)",
                           "Processor: contract reference (Art. 28)"),
    "dpf_certification": ("Destinataire : certification Data Privacy Framework",
                          "Recipient: Data Privacy Framework certification"),
}


def text(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("fr" or "en")."""
    fr, en = TEXT[key]
    return fr if lang == "fr" else en
