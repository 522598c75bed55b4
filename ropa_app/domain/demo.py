"""A realistic demo register: Logicielle Atlantique SAS, a SaaS editor in Nantes.

``build_demo(now)`` returns the organisation with its third parties and both Art. 30
registers, written as a French DPO writes them (in French, CNIL vocabulary). It is pure and
deterministic: every date is a fixed offset from ``now`` (default: the current time), so some
records were reviewed recently, one review is overdue and one is due within the month.

The helpers and the human resources and commercial activities are in
:mod:`ropa_app.domain.demo_records`; the trade show, website, support, premises, IT security
and purchasing activities, and the processor's register, are below.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ropa_app.domain.demo_records import (
    ACCOUNTANT,
    ANONYMISE,
    ASSOCIATION,
    ATS,
    AUDIENCE,
    CCTV,
    CLIENT_BREWERY,
    CLIENT_COOP,
    CLIENT_TRANSPORT,
    DAYS,
    DPO,
    DRAFT,
    HEALTH_SERVICE,
    HOSTING,
    IN_REVIEW,
    MAILING,
    MONTHS,
    PAYROLL,
    SOC,
    SSO,
    SUPPORT,
    VALIDATED,
    YEARS,
    B,
    C,
    Clock,
    D,
    S,
    customers,
    dpia,
    internal,
    keep,
    main,
    measures,
    newsletter,
    no_dpia,
    other,
    payroll,
    personnel,
    processor,
    prospecting,
    recruitment,
    sub,
    who,
    workplace_survey,
)
from ropa_app.domain.documents import OrganisationDoc, RecordDoc, RecordPartyDoc, TransferDoc
from ropa_app.domain.enums import (
    DataSource,
    PartyRole,
    RegisterKind,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.domain.models import ThirdPartyBase

K = ThirdPartyKind


def third_parties(c: Clock) -> list[ThirdPartyBase]:
    """Processors, partners and client controllers, kept once and linked from the records."""
    def party(name: str, kind: ThirdPartyKind, address: str, postcode: str, city: str,
              country: str, **fields: Any) -> ThirdPartyBase:
        return ThirdPartyBase(name=name, kind=kind, address=address, postcode=postcode,
                              city=city, country=country, **fields)

    return [
        party(HOSTING, K.PROCESSOR, "4 rue du Bignon", "35000", "Rennes", "FR",
              registration_number="518 734 025", phone="02 61 91 30 12",
              email="dpo@neocloud-armor.fr", contact_name="Yann Kerjean",
              contract_reference=f"DPA signé le {c.day(1010)} (annexe 3 du contrat "
                                 "d'hébergement HB-017)",
              notes="Hébergeur IaaS, centres de données à Rennes et Strasbourg ; ISO 27001."),
        party(PAYROLL, K.PROCESSOR, "18 boulevard Foch", "49100", "Angers", "FR",
              registration_number="830 165 593", phone="02 61 91 52 40",
              email="contact@paieconseil-loire.fr", contact_name="Martine Rousseau",
              contract_reference=f"Lettre de mission et DPA signés le {c.day(990)}"),
        party(ATS, K.PROCESSOR, "27 quai Saint-Vincent", "69001", "Lyon", "FR",
              registration_number="792 453 185", phone="04 65 71 18 03",
              email="privacy@recrutflow.fr",
              contract_reference=f"DPA accepté en ligne le {c.day(905)} (version 3.2)"),
        party(MAILING, K.PROCESSOR, "200 Atlantic Avenue, Suite 1400", "02110", "Boston (MA)",
              "US", phone="+1 617 555 0142", email="privacy@mailharbor.com",
              contract_reference=f"DPA intégré aux conditions d'utilisation, accepté le "
                                 f"{c.day(705)}",
              dpf_certified=True,
              notes="Certifiée EU-US Data Privacy Framework (vérifié à chaque revue)."),
        party(SUPPORT, K.PROCESSOR, "Technopark, route de Nouaceur", "20150", "Casablanca",
              "MA", registration_number="RC Casablanca 412857", phone="+212 522 00 41 87",
              email="dpo@atlas-support.ma", contact_name="Karim Alaoui",
              contract_reference=f"Contrat ST-{c.year(860)}-004 et CCT (module 2) signés le "
                                 f"{c.day(860)} ; avenant module 3 du {c.day(500)}",
              notes="Centre de support de niveau 1 en français."),
        party(AUDIENCE, K.PROCESSOR, "9 rue de la Pépinière", "75008", "Paris", "FR",
              registration_number="884 120 676", phone="01 99 00 27 65",
              email="dpo@mesure-hexagone.fr",
              contract_reference=f"DPA signé le {c.day(810)}"),
        party(CCTV, K.PROCESSOR, "3 rue Jacques Daguerre", "44800", "Saint-Herblain", "FR",
              registration_number="901 573 428", phone="02 61 91 64 90",
              email="contact@securivision-pdl.fr", contact_name="Bruno Chevalier",
              contract_reference=f"Contrat d'installation et de maintenance avec clauses "
                                 f"art. 28 du {c.day(615)}"),
        party(SOC, K.PROCESSOR, "10 rue Grande Biesse", "44200", "Nantes", "FR",
              registration_number="493 278 154", phone="02 61 91 75 31",
              email="soc@vigiecyber.fr",
              contract_reference=f"Contrat de SOC managé et DPA en cours de signature "
                                 f"(envoyés le {c.day(10)})"),
        party(ACCOUNTANT, K.PROCESSOR, "41 rue de Strasbourg", "44000", "Nantes", "FR",
              registration_number="819 602 541", phone="02 61 91 20 08",
              email="cabinet@durand-associes.fr", contact_name="Philippe Durand",
              contract_reference=f"Lettre de mission avec clauses art. 28 du {c.day(1000)}"),
        party(HEALTH_SERVICE, K.OTHER, "6 avenue de la République", "44600",
              "Saint-Nazaire", "FR", phone="02 61 91 88 14", email="contact@ste44.fr",
              notes="Service de prévention et de santé au travail interentreprises : "
                    "responsable de traitement distinct."),
        party(ASSOCIATION, K.JOINT_CONTROLLER, "2 rue de la Tour d'Auvergne", "44200",
              "Nantes", "FR", phone="02 61 91 09 56", email="contact@numerique-atlantique.fr",
              contact_name="Gaëlle Moreau",
              contract_reference=f"Accord de responsabilité conjointe du {c.day(35)}"),
        party(CLIENT_TRANSPORT, K.CLIENT_CONTROLLER, "ZA de Villejames", "44350", "Guérande",
              "FR", registration_number="775 314 099", phone="02 61 91 41 77",
              email="dpo@tgl-transports.fr",
              contract_reference=f"Contrat SaaS et DPA signés le {c.day(880)}"),
        party(CLIENT_COOP, K.CLIENT_CONTROLLER, "La Gare", "44190", "Clisson", "FR",
              phone="02 61 91 93 25", email="rgpd@coop-valdesevre.fr",
              contract_reference=f"Contrat SaaS et DPA signés le {c.day(640)}"),
        party(CLIENT_BREWERY, K.CLIENT_CONTROLLER, "Rue de Bruxelles 12", "5000", "Namur",
              "BE", registration_number="BCE 0712.458.331", phone="+32 81 00 27 40",
              email="privacy@brasserie-mosane.be",
              contract_reference=f"Contrat SaaS et DPA signés le {c.day(420)}"),
    ]


# --- Salon, site web, support, services généraux, SI, achats --------------------------------


def trade_show(c: Clock) -> RecordDoc:
    """COM-04: co-organised with a partner, hence joint controllers (Art. 26)."""
    year = c.now.year
    return RecordDoc(
        reference="COM-04", name=f"Salon « Rencontres SaaS Atlantique » {year}",
        description="Salon professionnel annuel co-organisé avec l'Association Numérique "
                    "Atlantique : inscriptions, badges, conférences, scan de badges sur le "
                    "stand, photos de l'événement.",
        business_function="Marketing", owner="Élodie Garnier, responsable marketing",
        software="Plateforme d'inscription de l'association ; application de scan de badges",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Formulaire d'inscription ; badge présenté par le visiteur.",
        parties=[RecordPartyDoc(
            role=PartyRole.JOINT_CONTROLLER, third_party=ASSOCIATION,
            details=f"Accord de responsabilité conjointe (art. 26) du {c.day(35)} : "
                    "l'association gère les inscriptions et reçoit les demandes d'exercice "
                    "des droits ; Logicielle Atlantique gère le stand, les scans et les "
                    "photos. L'essentiel de l'accord figure dans la mention d'information.",
        )],
        purposes=[
            main("Inscription, badges et accueil des participants", B.CONTRACT,
                 "Conditions d'inscription au salon."),
            sub("Scan du badge sur le stand et recontact", B.CONSENT,
                "RGPD, art. 6.1.a ; suites données dans le cadre de COM-02.",
                consent="Le visiteur présente lui-même son badge après information orale et "
                        "affichée ; retrait par courriel ou par le lien de chaque message."),
            sub("Photos et vidéos publiées sur les sites des co-organisateurs", B.CONSENT,
                "C. civ., art. 9 (droit à l'image).",
                consent="Autorisation signée à l'accueil ; cordon rouge pour qui refuse ; "
                        "retrait sur demande, photo retirée sous 72 h."),
        ],
        subjects=[
            who(S.PROSPECTS, "Visiteurs professionnels."),
            who(S.CLIENTS, "Clients invités."),
            who(S.OTHER, "Conférenciers et animateurs.", "Intervenants"),
        ],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, entreprise, fonction, courriel", 1, YEARS,
                 "fin du salon"),
            keep(D.IDENTITY, "Photos et vidéos de l'événement", 3, YEARS, "fin du salon"),
            keep(D.PROFESSIONAL_LIFE, "Centres d'intérêt déclarés, conférences choisies",
                 1, YEARS, "fin du salon", ANONYMISE),
        ],
        recipients=[
            internal("Marketing et équipe commerciale", "Listes d'inscrits, scans du stand."),
            other(ASSOCIATION, "Co-responsable du traitement.", partner=True,
                  third_party=ASSOCIATION),
        ],
        security_measures=measures(
            access_control="Listes d'inscrits partagées dans un espace à accès nominatif, "
                           "jamais par pièce jointe.",
            other="Terminaux de scan remis à zéro après le salon.",
        ),
        **no_dpia("Aucun critère du CEPD réuni."),
        **c.life(IN_REVIEW, created=40, updated=6),
    )


def web_audience(c: Clock) -> RecordDoc:
    """WEB-01."""
    return RecordDoc(
        reference="WEB-01", name="Mesure d'audience et cookies du site web",
        description="Gestion des traceurs du site vitrine et du blog : traceurs nécessaires, "
                    "et mesure d'audience soumise au consentement.",
        business_function="Marketing", owner="Élodie Garnier, responsable marketing",
        software="Plateforme de gestion du consentement auto-hébergée ; Mesure Hexagone",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Terminal du visiteur (traceurs).",
        purposes=[
            main("Mesure d'audience et statistiques de fréquentation", B.CONSENT,
                 "Loi Informatique et Libertés, art. 82 ; délibérations CNIL n° 2020-091 et "
                 "2020-092 du 17/09/2020 (cookies et autres traceurs).",
                 consent="Bandeau avec « Tout accepter » et « Tout refuser » au même niveau, "
                         "choix par finalité ; retrait à tout moment par le lien « Gestion des "
                         "cookies » en pied de page ; choix redemandé après 6 mois."),
            sub("Traceurs strictement nécessaires (session, mémorisation du choix)",
                B.LEGITIMATE_INTERESTS, "Loi Informatique et Libertés, art. 82 (exemption).",
                interest="Faire fonctionner le site et respecter le choix du visiteur.",
                test=f"MIL-{c.year(800)}-05"),
        ],
        subjects=[who(S.OTHER, "Internautes consultant le site et le blog.",
                      "Visiteurs du site web")],
        data_categories=[
            keep(D.INTERNET, "Traceurs de mesure d'audience (identifiant aléatoire)", 13,
                 MONTHS, "dépôt du traceur"),
            keep(D.CONNECTION, "Pages vues, parcours, navigateur, adresse IP tronquée", 25,
                 MONTHS, "collecte", ANONYMISE),
            keep(D.INTERNET, "Choix exprimé dans le bandeau et preuve du consentement", 6,
                 MONTHS, "expression du choix"),
        ],
        recipients=[
            internal("Marketing", "Tableaux de bord agrégés."),
            processor(AUDIENCE, "Outil de mesure d'audience, hébergé en France."),
        ],
        security_measures=measures(
            other="Aucun traceur avant le choix ; IP tronquée ; pas de recoupement avec le "
                  "CRM ; contrôle du bandeau à chaque mise en production.",
            processor_control=f"DPA avec {AUDIENCE} ; données non réutilisées par l'outil.",
        ),
        **no_dpia("Aucun critère du CEPD réuni."),
        **c.life(VALIDATED, created=800, reviewed=90),
    )


def support_desk(c: Clock) -> RecordDoc:
    """SUP-01: level-1 support outsourced to Morocco under the SCCs."""
    return RecordDoc(
        reference="SUP-01", name="Support client et gestion des tickets",
        description="Réception et traitement des demandes d'assistance des utilisateurs "
                    "clients (portail, courriel, téléphone) ; niveau 1 confié à un "
                    "prestataire au Maroc.",
        business_function="Support client", owner="Nadia Benali, responsable support",
        software="GLPI (gestion des tickets), téléphonie IP ; hébergés chez NéoCloud Armor",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Les utilisateurs qui ouvrent un ticket ou appellent.",
        purposes=[
            main("Assistance aux utilisateurs des clients", B.CONTRACT,
                 "Contrat de services Planéo, annexe « niveaux de service »."),
            sub("Enregistrement des appels pour la formation des agents",
                B.LEGITIMATE_INTERESTS, "Opposition possible avant l'enregistrement "
                "(touche du clavier).",
                interest="Former les agents et contrôler la qualité des réponses.",
                test=f"MIL-{c.year(850)}-06 (analyse du {c.day(850)})"),
        ],
        subjects=[who(S.CLIENTS, "Utilisateurs et administrateurs de Planéo chez les clients.")],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, courriel et téléphone professionnels", 3, YEARS,
                 "clôture du ticket", ANONYMISE),
            keep(D.OTHER, "Contenu des tickets, pièces jointes, captures d'écran", 3, YEARS,
                 "clôture du ticket", ANONYMISE),
            keep(D.OTHER, "Enregistrements des appels", 6, MONTHS, "date de l'appel"),
            keep(D.CONNECTION, "Adresse IP et journaux du portail support", 1, YEARS,
                 "connexion"),
        ],
        recipients=[
            internal("Support client (niveaux 2 et 3)", "Tickets escaladés."),
            internal("Équipe produit", "Anomalies reproduites, sans pièce jointe."),
            processor(SUPPORT, "Support de niveau 1 depuis Casablanca.", abroad=True),
            processor(HOSTING, "Hébergement de l'outil de tickets et de la téléphonie."),
        ],
        transfers=[TransferDoc(
            recipient=SUPPORT, third_party=SUPPORT, country="MA",
            mechanism=TransferMechanism.SCC_COMMISSION,
            documentation="Clauses contractuelles types de la Commission (décision "
                          "d'exécution (UE) 2021/914), module 2, annexées au contrat "
                          f"ST-{c.year(860)}-004. Mesures supplémentaires : accès par bureau "
                          "virtuel hébergé en France, sans copie locale ; chiffrement.",
            tia_reference=f"TIA-{c.year(860)}-01 (mise à jour le {c.day(150)})",
            details="Accès à distance aux tickets ; aucune donnée stockée au Maroc.",
        )],
        security_measures=measures(
            access_control=SSO + " Comptes du prestataire limités à la file de niveau 1.",
            traceability="Toute consultation de ticket journalisée (1 an).",
            encryption="Bureau virtuel accessible en TLS ; enregistrements chiffrés.",
            processor_control=f"Audit annuel de {SUPPORT} ; engagement de confidentialité "
                              "des agents ; clause d'audit des CCT.",
        ),
        **no_dpia("Aucun critère du CEPD réuni (transfert encadré, analysé dans la TIA)."),
        **c.life(VALIDATED, created=850, reviewed=150),
    )


def cctv(c: Clock) -> RecordDoc:
    """SG-01."""
    return RecordDoc(
        reference="SG-01", name="Vidéoprotection des locaux",
        description="Six caméras filmant les accès du bâtiment, le parking et la salle "
                    "serveurs ; aucune caméra sur les postes de travail ni en salle de pause.",
        business_function="Services généraux", owner="Karine Pichon, office manager",
        software="Enregistreur vidéo local (NVR) installé par SécuriVision",
        data_source=DataSource.DATA_SUBJECT, data_source_details="Captation par les caméras.",
        purposes=[
            main("Sécurité des biens et des personnes (vols, intrusions, dégradations)",
                 B.LEGITIMATE_INTERESTS,
                 "C. trav., art. L.1121-1, L.1222-4 et L.2312-38 (CSE informé et consulté le "
                 f"{c.day(640)}) ; fiche CNIL « La vidéosurveillance – vidéoprotection au "
                 "travail ». Locaux non ouverts au public : pas d'autorisation préfectorale.",
                 interest="Protéger les locaux, le matériel et la salle serveurs.",
                 test=f"MIL-{c.year(630)}-07 (mise en balance du {c.day(630)})"),
            sub("Constitution de preuves en cas d'incident", B.LEGITIMATE_INTERESTS,
                "C. proc. pén., art. 60-1 (réquisitions).",
                interest="Transmettre les images utiles aux forces de l'ordre."),
        ],
        subjects=[
            who(S.EMPLOYEES, "Salariés entrant et sortant du bâtiment."),
            who(S.OTHER, "Visiteurs, prestataires, livreurs.", "Visiteurs"),
        ],
        data_categories=[
            keep(D.IDENTITY, "Images des personnes filmées, date et heure", 30, DAYS,
                 "enregistrement",
                 criterion="Effacement automatique ; une extraction liée à un incident est "
                           "conservée le temps de la procédure."),
        ],
        recipients=[
            internal("Services généraux", "Deux personnes habilitées à visionner."),
            internal("Direction", "Visionnage en cas d'incident."),
            processor(CCTV, "Installation et maintenance ; visionnage seulement à la demande."),
            other("Forces de l'ordre", "Sur réquisition."),
        ],
        security_measures=measures(
            access_control="Enregistreur dans la salle serveurs fermée à clé ; deux comptes "
                           "nominatifs ; pas d'accès à distance.",
            traceability="Journal des visionnages et extractions tenu par les services "
                         "généraux.",
            encryption="Disque de l'enregistreur chiffré.",
            other="Panneaux d'information à chaque entrée ; note d'information aux salariés.",
        ),
        **dpia(f"AIPD-{c.year(620)}-01",
               "Deux critères du CEPD (surveillance systématique, salariés vulnérables du fait "
               "du lien de subordination) : AIPD menée avant la mise en service, risque "
               "résiduel faible.", C.SYSTEMATIC_MONITORING, C.VULNERABLE_SUBJECTS),
        **c.life(VALIDATED, created=620, reviewed=75),
    )


def security_logs(c: Clock) -> RecordDoc:
    """IT-01: a new activity (managed SOC), still a draft."""
    return RecordDoc(
        reference="IT-01", name="Journalisation et supervision de la sécurité du SI",
        description="Collecte des journaux d'authentification, de pare-feu et des postes "
                    "dans un SIEM supervisé par un SOC externe ; détection et traitement "
                    "des incidents.",
        business_function="Sécurité des systèmes d'information",
        owner="Thomas Guillou, RSSI", software="SIEM Wazuh auto-hébergé ; pare-feu ; EDR",
        data_source=DataSource.OTHER,
        data_source_details="Équipements et applications du SI (journaux automatiques).",
        purposes=[
            main("Détection des intrusions et des usages frauduleux du SI",
                 B.LEGITIMATE_INTERESTS,
                 "RGPD, art. 32 ; délibération CNIL n° 2021-122 du 14/10/2021 "
                 "(journalisation).",
                 interest="Protéger le SI et les données des clients hébergées dans Planéo."),
            sub("Documentation des violations de données", B.LEGAL_OBLIGATION,
                "RGPD, art. 33.5."),
        ],
        subjects=[
            who(S.EMPLOYEES, "Utilisateurs du SI."),
            who(S.SERVICE_PROVIDERS, "Prestataires disposant d'un accès au SI."),
        ],
        data_categories=[
            keep(D.CONNECTION, "Identifiant, adresse IP, poste, horodatage, action", 1, YEARS,
                 "génération de l'événement"),
            keep(D.OTHER, "Alertes et rapports d'incident", 3, YEARS,
                 "clôture de l'incident"),
        ],
        recipients=[
            internal("RSSI et administrateurs systèmes", "Analyse des alertes."),
            processor(SOC, "Supervision 24 h/24 et qualification des alertes."),
        ],
        security_measures=measures(
            access_control="Accès au SIEM réservé au RSSI, à deux administrateurs et au SOC.",
            traceability="Journaux signés à la création ; accès aux journaux eux-mêmes "
                         "journalisés.",
            software_protection="EDR sur tous les postes et serveurs ; correctifs critiques "
                                "sous 72 h.",
            backup="Journaux répliqués sur un stockage séparé, en écriture seule.",
            processor_control=f"DPA avec {SOC} à signer avant la mise en production.",
        ),
        **dpia("", "Deux critères (surveillance systématique, salariés) : AIPD à mener avant "
                   "la validation de la fiche.", C.SYSTEMATIC_MONITORING,
               C.VULNERABLE_SUBJECTS),
        **c.life(DRAFT, created=20, updated=2),
        notes="À finaliser avant validation : analyse d'intérêt légitime, AIPD, signature "
              "du DPA du SOC.",
    )


def suppliers(c: Clock) -> RecordDoc:
    """FIN-01: its annual review is overdue."""
    return RecordDoc(
        reference="FIN-01", name="Gestion des fournisseurs et prestataires",
        description="Référencement, commandes, contrats, factures et paiements des "
                    "fournisseurs, dont des prestataires indépendants.",
        business_function="Finance", owner="Marc Tessier, directeur administratif et financier",
        software="Odoo Community (achats et comptabilité fournisseurs)",
        data_source=DataSource.DATA_SUBJECT,
        data_source_details="Les fournisseurs (devis, factures, attestations).",
        purposes=[
            main("Gestion des relations fournisseurs (commandes, contrats, suivi)", B.CONTRACT,
                 "Contrats et bons de commande."),
            sub("Comptabilité fournisseurs et paiement des factures", B.LEGAL_OBLIGATION,
                "C. com., art. L.123-22 ; CGI, art. 289."),
            sub("Obligation de vigilance envers les sous-traitants", B.LEGAL_OBLIGATION,
                "C. trav., art. L.8222-1 et D.8222-5 (contrats d'au moins 5 000 € HT)."),
        ],
        subjects=[
            who(S.SUPPLIERS, "Interlocuteurs des fournisseurs."),
            who(S.SERVICE_PROVIDERS, "Prestataires indépendants (personnes physiques)."),
        ],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, fonction, coordonnées professionnelles", 5, YEARS,
                 "fin de la relation", criterion="Prescription commerciale (C. com., art. "
                 "L.110-4)."),
            keep(D.ECONOMIC_FINANCIAL, "RIB, factures, règlements", 10, YEARS,
                 "clôture de l'exercice", criterion="Pièces comptables, en archivage "
                 "intermédiaire après 3 ans."),
            keep(D.OTHER, "Attestations de vigilance URSSAF, extraits Kbis", 5, YEARS,
                 "fin du contrat"),
        ],
        recipients=[
            internal("Comptabilité et achats", "Saisie et paiement."),
            processor(ACCOUNTANT, "Tenue de la comptabilité."),
            other("Commissaire aux comptes et administration fiscale", "Contrôles."),
        ],
        security_measures=measures(
            access_control=SSO + " Modification des RIB soumise à double validation.",
            other="Procédure anti-fraude au virement : tout changement de RIB est confirmé "
                  "par téléphone au numéro connu.",
        ),
        **no_dpia("Aucun critère du CEPD réuni."),
        **c.life(VALIDATED, created=1000, reviewed=410),  # next review 45 days overdue
    )


# --- Registre des activités de traitement du sous-traitant (art. 30.2) ----------------------

CLIENTS_PROCESSING = {
    CLIENT_TRANSPORT: "Hébergement, plannings des chauffeurs, gestion des temps et des "
                      "absences, export des variables de paie ; ≈ 420 salariés.",
    CLIENT_COOP: "Hébergement, plannings saisonniers, badgeuse virtuelle, gestion des "
                 "congés ; ≈ 150 salariés et saisonniers.",
    CLIENT_BREWERY: "Hébergement, gestion des temps et des congés ; ≈ 35 salariés.",
}


def _clients(extra: str = "") -> list[RecordPartyDoc]:
    return [RecordPartyDoc(role=PartyRole.CLIENT_CONTROLLER, third_party=name,
                           details=details + extra)
            for name, details in CLIENTS_PROCESSING.items()]


CLIENT_DATA = ("Durée du contrat du client ; restitution puis suppression dans les 30 jours "
               "suivant sa fin (réversibilité) ; sauvegardes purgées sous 35 jours.")


def saas_hosting(c: Clock) -> RecordDoc:
    """ST-01: Planéo run for client controllers."""
    return RecordDoc(
        register_kind=RegisterKind.PROCESSOR, reference="ST-01",
        name="Hébergement et exploitation de Planéo pour les clients",
        description="Fourniture de la solution SaaS Planéo (plannings, temps de travail, "
                    "congés) : hébergement, exploitation, sauvegardes, maintenance.",
        business_function="Direction technique", owner="Pierre-Yves Cadiou, directeur technique",
        software="Planéo ; infrastructure NéoCloud Armor (Rennes, Strasbourg)",
        data_source=DataSource.OTHER,
        data_source_details="Les clients et leurs utilisateurs saisissent les données.",
        parties=_clients(),
        purposes=[
            main("Exécution des contrats de services SaaS sur instruction des clients",
                 B.CONTRACT, "Contrat de services et accord de sous-traitance (art. 28) de "
                 "chaque client ; la base légale du traitement relève du client."),
        ],
        subjects=[
            who(S.EMPLOYEES, "Salariés, intérimaires et saisonniers des clients.",
                "Salariés des clients"),
            who(S.OTHER, "Gestionnaires RH et managers des clients.", "Utilisateurs"),
        ],
        data_categories=[
            keep(D.IDENTITY, "Nom, prénom, matricule, courriel professionnel, service", None,
                 None, "fin du contrat du client", criterion=CLIENT_DATA),
            keep(D.PROFESSIONAL_LIFE, "Plannings, horaires, temps de travail, congés, "
                 "absences (motif codé, sans information médicale)", None, None,
                 "fin du contrat du client", criterion=CLIENT_DATA),
            keep(D.CONNECTION, "Journaux de connexion et d'activité des utilisateurs", 1,
                 YEARS, "génération de l'événement"),
        ],
        recipients=[
            internal("Équipe d'exploitation", "Administration de la plateforme (astreinte)."),
            processor(HOSTING, "Sous-traitant ultérieur autorisé par les clients : "
                      "hébergement IaaS en France, sauvegardes à Strasbourg."),
        ],
        security_measures=measures(
            access_control="Cloisonnement logique par client ; accès administrateur par "
                           "bastion avec double authentification.",
            traceability="Actions des administrateurs journalisées 1 an ; journal d'activité "
                         "consultable par chaque client.",
            software_protection="Tests d'intrusion annuels ; analyse des dépendances à "
                                "chaque livraison ; correctifs critiques sous 72 h.",
            backup="Sauvegarde quotidienne chiffrée répliquée à Strasbourg, conservée 35 "
                   "jours ; restauration testée chaque trimestre.",
            encryption="TLS 1.2 minimum ; chiffrement des disques et des sauvegardes.",
            processor_control=f"Contrat art. 28 avec {HOSTING} ; certificat ISO 27001 "
                              "vérifié chaque année ; clients informés de tout changement "
                              "de sous-traitant ultérieur.",
            other="Assistance aux clients pour leurs AIPD et les demandes d'exercice des "
                  "droits ; notification des violations sous 24 h.",
        ),
        dpia_reason="AIPD à la charge de chaque client ; Logicielle Atlantique fournit la "
                    "documentation nécessaire (art. 28.3.f).",
        **c.life(VALIDATED, created=900, reviewed=100),
    )


def client_support(c: Clock) -> RecordDoc:
    """ST-02: support on client data, with a sub-processor in Morocco."""
    return RecordDoc(
        register_kind=RegisterKind.PROCESSOR, reference="ST-02",
        name="Support technique sur les données des clients",
        description="Interventions sur les données des clients dans Planéo pour résoudre "
                    "les incidents signalés (niveau 1 au Maroc, niveaux 2 et 3 à Nantes).",
        business_function="Support client", owner="Nadia Benali, responsable support",
        software="Planéo (console d'administration) ; GLPI",
        data_source=DataSource.OTHER, data_source_details="Données des clients dans Planéo.",
        parties=_clients(" Support : correction de données sur demande."),
        purposes=[
            main("Résolution des incidents sur instruction des clients", B.CONTRACT,
                 "Contrat de services, annexe « niveaux de service » ; DPA de chaque client."),
        ],
        subjects=[who(S.EMPLOYEES, "Salariés des clients concernés par l'incident.",
                      "Salariés des clients")],
        data_categories=[
            keep(D.PROFESSIONAL_LIFE, "Plannings, temps et absences consultés pendant "
                 "l'intervention", None, None, "ouverture du ticket",
                 criterion="Aucune copie ; les extraits joints au ticket sont supprimés à sa "
                           "clôture."),
            keep(D.CONNECTION, "Traces des accès des agents aux données des clients", 1,
                 YEARS, "accès"),
        ],
        recipients=[
            internal("Support niveaux 2 et 3", "Interventions escaladées."),
            processor(SUPPORT, "Sous-traitant ultérieur autorisé : support de niveau 1.",
                      abroad=True),
        ],
        transfers=[TransferDoc(
            recipient=SUPPORT, third_party=SUPPORT, country="MA",
            mechanism=TransferMechanism.SCC_COMMISSION,
            documentation="Clauses contractuelles types (décision d'exécution (UE) "
                          "2021/914), module 3 (sous-traitant à sous-traitant) ; "
                          "autorisation générale des clients, liste des sous-traitants "
                          "ultérieurs en annexe 3 du DPA.",
            tia_reference=f"TIA-{c.year(500)}-02",
            details="Accès à distance par bureau virtuel hébergé en France.",
        )],
        security_measures=measures(
            access_control="Accès aux données d'un client ouvert par ticket, pour 4 heures.",
            traceability="Chaque accès est journalisé et visible du client.",
            processor_control=f"Audit annuel de {SUPPORT}.",
        ),
        dpia_reason="AIPD à la charge des clients.",
        **c.life(VALIDATED, created=500, reviewed=180),
    )


# --- The organisation -----------------------------------------------------------------------


def build_demo(now: datetime | None = None) -> OrganisationDoc:
    """The demo organisation with both registers, dated relative to ``now`` (aware)."""
    if now is None:
        now = datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("build_demo needs a timezone-aware datetime")
    c = Clock(now.astimezone(UTC))
    records = [
        recruitment(c), personnel(c), payroll(c), workplace_survey(c),
        customers(c), prospecting(c), newsletter(c), trade_show(c),
        web_audience(c), support_desk(c), cctv(c), security_logs(c), suppliers(c),
        saas_hosting(c), client_support(c),
    ]
    return OrganisationDoc(
        name="Logicielle Atlantique SAS", legal_form="SAS",
        registration_number="852 417 963", address="27 rue La Noue Bras de Fer",
        postcode="44200", city="Nantes", country="FR", phone="02 61 91 00 85",
        email="contact@logicielle-atlantique.fr", contact_name="Claire Le Gall, présidente",
        headcount=85, review_interval_months=12,
        dpo_name=DPO, dpo_external=True, dpo_company="Cabinet Conformité Ouest",
        dpo_address="12 rue de Châteaudun", dpo_postcode="35000", dpo_city="Rennes",
        dpo_country="FR", dpo_phone="02 61 91 47 20", dpo_email="dpo@logicielle-atlantique.fr",
        dpo_designation_number="DPO-178452",
        notes="Éditeur de la solution SaaS Planéo (plannings et temps de travail). "
              "Établie dans l'Union européenne : pas de représentant (art. 27).",
        created_at=c.ago(1020), updated_at=max(r.updated_at for r in records),
        third_parties=third_parties(c), records=records,
    )
