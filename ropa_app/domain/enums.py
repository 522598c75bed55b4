"""Codes of the register's closed vocabularies.

The core speaks in these codes; labels in French and English live in the reference data
files (``resources/reference``), and the UI translates its own text. Codes are stable: they
are stored in registers and in the JSON interchange format, so a code is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class RegisterKind(StrEnum):
    """Which Art. 30 register a record belongs to."""

    CONTROLLER = "controller"  # Art. 30(1)
    PROCESSOR = "processor"  # Art. 30(2)


class RecordStatus(StrEnum):
    """Lifecycle of a processing record."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    VALIDATED = "validated"
    ARCHIVED = "archived"


class PurposeKind(StrEnum):
    """CNIL fiche: one main purpose ("finalité principale") and sub-purposes."""

    MAIN = "main"
    SUB = "sub"


class LegalBasis(StrEnum):
    """Lawfulness of processing, GDPR Art. 6(1)(a)-(f)."""

    CONSENT = "consent"  # (a)
    CONTRACT = "contract"  # (b)
    LEGAL_OBLIGATION = "legal_obligation"  # (c)
    VITAL_INTERESTS = "vital_interests"  # (d)
    PUBLIC_TASK = "public_task"  # (e)
    LEGITIMATE_INTERESTS = "legitimate_interests"  # (f)


class Art9Condition(StrEnum):
    """Conditions lifting the ban on special categories of data, GDPR Art. 9(2)(a)-(j)."""

    EXPLICIT_CONSENT = "art9_2_a"
    EMPLOYMENT_SOCIAL_SECURITY = "art9_2_b"
    VITAL_INTERESTS = "art9_2_c"
    NOT_FOR_PROFIT_BODY = "art9_2_d"
    MADE_PUBLIC = "art9_2_e"
    LEGAL_CLAIMS = "art9_2_f"
    SUBSTANTIAL_PUBLIC_INTEREST = "art9_2_g"
    HEALTH_CARE = "art9_2_h"
    PUBLIC_HEALTH = "art9_2_i"
    ARCHIVING_RESEARCH = "art9_2_j"


class DataCategory(StrEnum):
    """Categories of personal data, in the CNIL model's vocabulary.

    The first nine are the CNIL's ordinary categories; the next eight are the special
    categories of Art. 9(1); ``CRIMINAL`` is Art. 10 data (convictions and offences).
    """

    IDENTITY = "identity"
    PERSONAL_LIFE = "personal_life"
    PROFESSIONAL_LIFE = "professional_life"
    ECONOMIC_FINANCIAL = "economic_financial"
    CONNECTION = "connection"
    LOCATION = "location"
    INTERNET = "internet"
    NIR = "nir"
    OTHER = "other"
    RACIAL_ETHNIC_ORIGIN = "racial_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_BELIEFS = "religious_beliefs"
    TRADE_UNION = "trade_union"
    GENETIC = "genetic"
    BIOMETRIC = "biometric"
    HEALTH = "health"
    SEX_LIFE = "sex_life"
    CRIMINAL = "criminal"

    @property
    def is_special(self) -> bool:
        """True for the special categories of Art. 9(1)."""
        return self in SPECIAL_CATEGORIES

    @property
    def is_criminal(self) -> bool:
        """True for data relating to criminal convictions and offences (Art. 10)."""
        return self is DataCategory.CRIMINAL

    @property
    def is_sensitive(self) -> bool:
        """The CNIL's "données sensibles" block: Art. 9(1) plus Art. 10 data."""
        return self.is_special or self.is_criminal


SPECIAL_CATEGORIES: frozenset[DataCategory] = frozenset(
    {
        DataCategory.RACIAL_ETHNIC_ORIGIN,
        DataCategory.POLITICAL_OPINIONS,
        DataCategory.RELIGIOUS_BELIEFS,
        DataCategory.TRADE_UNION,
        DataCategory.GENETIC,
        DataCategory.BIOMETRIC,
        DataCategory.HEALTH,
        DataCategory.SEX_LIFE,
    }
)


class SubjectCategory(StrEnum):
    """Categories of data subjects, CNIL model list."""

    EMPLOYEES = "employees"
    INTERNAL_SERVICES = "internal_services"
    CLIENTS = "clients"
    SUPPLIERS = "suppliers"
    SERVICE_PROVIDERS = "service_providers"
    PROSPECTS = "prospects"
    CANDIDATES = "candidates"
    OTHER = "other"


class RecipientType(StrEnum):
    """Types of recipient, CNIL model list (Art. 30(1)(d))."""

    INTERNAL_SERVICE = "internal_service"
    PROCESSOR = "processor"
    THIRD_COUNTRY = "third_country"
    PARTNER = "partner"
    OTHER = "other"


class SecurityMeasureType(StrEnum):
    """Types of security measure, CNIL model list (Art. 30(1)(g), Art. 32(1))."""

    ACCESS_CONTROL = "access_control"
    TRACEABILITY = "traceability"
    SOFTWARE_PROTECTION = "software_protection"
    BACKUP = "backup"
    ENCRYPTION = "encryption"
    PROCESSOR_CONTROL = "processor_control"
    OTHER = "other"


class TransferMechanism(StrEnum):
    """Legal ground of a transfer outside the EEA, GDPR Chapter V."""

    ADEQUACY = "art45"
    LEGALLY_BINDING_INSTRUMENT = "art46_2_a"
    BCR = "art47"  # binding corporate rules, Art. 46(2)(b) and Art. 47
    SCC_COMMISSION = "art46_2_c"
    SCC_AUTHORITY = "art46_2_d"
    CODE_OF_CONDUCT = "art46_2_e"
    CERTIFICATION = "art46_2_f"
    AD_HOC_CLAUSES = "art46_3_a"
    ADMINISTRATIVE_ARRANGEMENT = "art46_3_b"
    DEROGATION_CONSENT = "art49_1_a"
    DEROGATION_CONTRACT = "art49_1_b"
    DEROGATION_CONTRACT_THIRD_PARTY = "art49_1_c"
    DEROGATION_PUBLIC_INTEREST = "art49_1_d"
    DEROGATION_LEGAL_CLAIMS = "art49_1_e"
    DEROGATION_VITAL_INTERESTS = "art49_1_f"
    DEROGATION_PUBLIC_REGISTER = "art49_1_g"
    COMPELLING_LEGITIMATE_INTERESTS = "art49_1_second"  # Art. 49(1) second subparagraph

    @property
    def is_derogation(self) -> bool:
        """True for the Art. 49 derogations."""
        return self.value.startswith("art49")


class RetentionUnit(StrEnum):
    """Unit of a retention duration."""

    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class RetentionOutcome(StrEnum):
    """What happens to data when its retention period ends."""

    DELETION = "deletion"
    ANONYMISATION = "anonymisation"
    ARCHIVING = "archiving"


class DataSource(StrEnum):
    """Where the data come from (Art. 13 / Art. 14)."""

    DATA_SUBJECT = "data_subject"
    OTHER = "other"
    BOTH = "both"


class DpiaCriterion(StrEnum):
    """The nine criteria of the EDPB guidelines on DPIA (WP248 rev.01)."""

    EVALUATION_SCORING = "evaluation_scoring"
    AUTOMATED_DECISION = "automated_decision"
    SYSTEMATIC_MONITORING = "systematic_monitoring"
    SENSITIVE_DATA = "sensitive_data"
    LARGE_SCALE = "large_scale"
    MATCHING_DATASETS = "matching_datasets"
    VULNERABLE_SUBJECTS = "vulnerable_subjects"
    INNOVATIVE_TECHNOLOGY = "innovative_technology"
    BLOCKS_RIGHTS = "blocks_rights"


class DpiaDecision(StrEnum):
    """Outcome of DPIA screening (Art. 35)."""

    REQUIRED = "required"
    NOT_REQUIRED = "not_required"


class ThirdPartyKind(StrEnum):
    """What a third party is to the organisation."""

    PROCESSOR = "processor"  # Art. 28
    JOINT_CONTROLLER = "joint_controller"  # Art. 26
    CLIENT_CONTROLLER = "client_controller"  # controller we act for, Art. 30(2)(a)
    PARTNER = "partner"
    AUTHORITY = "authority"
    OTHER = "other"


class PartyRole(StrEnum):
    """Role of a third party named in a record's actors block."""

    JOINT_CONTROLLER = "joint_controller"  # Art. 30(1)(a)
    CLIENT_CONTROLLER = "client_controller"  # Art. 30(2)(a)-(b)


class HistoryAction(StrEnum):
    """Kind of change recorded in a record's history."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
