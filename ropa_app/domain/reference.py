"""Reference data: the register's vocabularies with French and English labels, and countries.

The vocabularies ship as versioned JSON files in ``resources/reference`` (one per list, each
with the date it was last verified and its official source). This module reads them, checks
them against the codes of :mod:`ropa_app.domain.enums`, and answers the questions the rest of
the application asks: the label of a code, whether a country is in the EEA, which adequacy
decision covers it and whether that decision is still in force on a given day. Country names
and codes come from ISO 3166-1 via pycountry.

Each file is a JSON object::

    {"name": "<file stem>", "verified_on": "YYYY-MM-DD", "source": "<official text>",
     "items": [{"code": ..., "label": {"fr": ..., "en": ...}, "article": ..., "help": {...},
                ...other keys kept in Term.extra...}]}

No Qt here, and no I/O other than reading those files (and pycountry's own database).
"""

from __future__ import annotations

import gettext
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

import pycountry

from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaDecision,
    HistoryAction,
    LegalBasis,
    PartyRole,
    PurposeKind,
    RecipientType,
    RecordStatus,
    RegisterKind,
    RetentionOutcome,
    RetentionUnit,
    SecurityMeasureType,
    SubjectCategory,
    ThirdPartyKind,
    TransferMechanism,
)
from ropa_app.resources import resource_path

__all__ = [
    "ENUM_FILES",
    "LANGUAGES",
    "REFERENCE_FILES",
    "AdequacyDecision",
    "CountryStatus",
    "Lang",
    "ReferenceData",
    "Term",
    "Vocabulary",
    "collation_key",
    "label",
    "load_reference",
    "load_reference_from",
]

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")
"""Languages every label must exist in."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class CountryStatus(StrEnum):
    """Where a destination country stands for GDPR Chapter V on a given day."""

    EEA = "eea"  # not a transfer
    ADEQUATE = "adequate"  # adequacy decision covering the whole country or territory
    ADEQUATE_PARTIAL = "adequate_partial"  # adequacy limited to sectors or organisations
    THIRD_COUNTRY = "third_country"  # no adequacy decision in force

    @property
    def has_adequacy_decision(self) -> bool:
        """True when an adequacy decision in force covers the country, whatever its scope."""
        return self in (CountryStatus.ADEQUATE, CountryStatus.ADEQUATE_PARTIAL)


ENUM_FILES: dict[type[StrEnum], str] = {
    RegisterKind: "register_kinds.json",
    RecordStatus: "record_statuses.json",
    PurposeKind: "purpose_kinds.json",
    LegalBasis: "legal_bases.json",
    Art9Condition: "art9_conditions.json",
    DataCategory: "data_categories.json",
    SubjectCategory: "subject_categories.json",
    RecipientType: "recipient_types.json",
    SecurityMeasureType: "security_measure_types.json",
    TransferMechanism: "transfer_mechanisms.json",
    RetentionUnit: "retention_units.json",
    RetentionOutcome: "retention_outcomes.json",
    DataSource: "data_sources.json",
    DpiaCriterion: "dpia_criteria.json",
    DpiaDecision: "dpia_decisions.json",
    ThirdPartyKind: "third_party_kinds.json",
    PartyRole: "party_roles.json",
    HistoryAction: "history_actions.json",
    CountryStatus: "country_statuses.json",
}
"""The vocabulary file of each enum; its codes are exactly the enum's values."""

REFERENCE_FILES: dict[str, str] = {
    **{filename: filename.removesuffix(".json") for filename in ENUM_FILES.values()},
    "cnil_dpia_list.json": "cnil_dpia_list",
    "eea.json": "eea",
    "adequacy.json": "adequacy_decisions",  # ``adequacy`` is the look-up method
}
"""Every reference file, mapped to the :class:`ReferenceData` attribute that holds it."""

_COUNTRY_FILES = frozenset({"eea.json", "adequacy.json"})
"""Files whose codes are ISO 3166-1 alpha-2 codes and whose labels are optional."""

_DATA_CATEGORY_GROUPS = ("ordinary", "special", "criminal")
_TOP_LEVEL_KEYS = frozenset({"name", "verified_on", "source", "items"})


def _check_lang(lang: str) -> Lang:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    return cast(Lang, lang)


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary.

    Attributes:
        code: The stable code stored in registers (an enum value where an enum exists).
        labels: Label per language (``"fr"``, ``"en"``); empty for country lists.
        article: The GDPR provision, e.g. ``"6(1)(a)"``, or None.
        help: Short explanation per language; empty when there is none.
        extra: Any other keys of the item (``group``, ``decision``, ``scope``...).
    """

    code: str
    labels: Mapping[str, str] = field(default_factory=lambda: _EMPTY, hash=False)
    article: str | None = None
    help: Mapping[str, str] = field(default_factory=lambda: _EMPTY, hash=False)
    extra: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, hash=False)

    def label(self, lang: str = "fr") -> str:
        """The label in ``lang``, or the code when the term has no label."""
        return self.labels.get(_check_lang(lang)) or self.code

    def help_text(self, lang: str = "fr") -> str | None:
        """The explanation in ``lang``, or None."""
        return self.help.get(_check_lang(lang)) or None


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of codes with their labels, as read from one reference file."""

    name: str
    verified_on: date
    source: str
    items: tuple[Term, ...]
    _index: Mapping[str, Term] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType({t.code: t for t in self.items}))

    def label(self, code: str, lang: str = "fr") -> str:
        """The label of ``code`` in ``lang`` (``"fr"`` or ``"en"``).

        An unknown code is returned unchanged, so a register holding a code this version
        does not know still displays something. An unsupported language is a programming
        error and raises ``ValueError``.
        """
        term = self._index.get(code)
        if term is None:
            _check_lang(lang)
            return str(code)
        return term.label(lang)

    def help(self, code: str, lang: str = "fr") -> str | None:
        """The short explanation of ``code`` in ``lang``, or None."""
        term = self._index.get(code)
        return term.help_text(lang) if term is not None else None

    def get(self, code: str) -> Term | None:
        """The term with this code, or None."""
        return self._index.get(code)

    def codes(self) -> tuple[str, ...]:
        """The codes, in file order."""
        return tuple(t.code for t in self.items)

    def choices(self, lang: str = "fr") -> list[tuple[str, str]]:
        """``(code, label)`` pairs in file order, for drop-down lists."""
        return [(t.code, t.label(lang)) for t in self.items]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._index

    def __iter__(self) -> Iterator[Term]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class AdequacyDecision:
    """A Commission adequacy decision (GDPR Art. 45) for one country or territory.

    Attributes:
        country: ISO 3166-1 alpha-2 code.
        decision: The official reference of the decision.
        scope: Label per language of the sectors or organisations covered, or None when the
            decision covers the whole country.
        requires_certification: True when the recipient must itself be certified (EU-US Data
            Privacy Framework).
        expires_on: Last day the decision applies, or None when it has no end date.
        note: Further remarks per language, or None.
    """

    country: str
    decision: str
    scope: Mapping[str, str] | None
    requires_certification: bool
    expires_on: date | None
    note: Mapping[str, str] | None = field(default=None, hash=False)

    @property
    def is_partial(self) -> bool:
        """True when the decision covers only some sectors or organisations."""
        return self.scope is not None

    def in_force_on(self, day: date) -> bool:
        """True when the decision has not expired on ``day``."""
        return self.expires_on is None or day <= self.expires_on

    def scope_label(self, lang: str = "fr") -> str | None:
        """The scope in ``lang``, or None for a whole-country decision."""
        return None if self.scope is None else self.scope[_check_lang(lang)]


@dataclass(frozen=True)
class ReferenceData:
    """All reference vocabularies, one attribute per file, plus the country helpers."""

    register_kinds: Vocabulary
    record_statuses: Vocabulary
    purpose_kinds: Vocabulary
    legal_bases: Vocabulary
    art9_conditions: Vocabulary
    data_categories: Vocabulary
    subject_categories: Vocabulary
    recipient_types: Vocabulary
    security_measure_types: Vocabulary
    transfer_mechanisms: Vocabulary
    retention_units: Vocabulary
    retention_outcomes: Vocabulary
    data_sources: Vocabulary
    dpia_criteria: Vocabulary
    dpia_decisions: Vocabulary
    third_party_kinds: Vocabulary
    party_roles: Vocabulary
    history_actions: Vocabulary
    country_statuses: Vocabulary
    cnil_dpia_list: Vocabulary
    eea: Vocabulary
    adequacy_decisions: Vocabulary
    decisions: Mapping[str, AdequacyDecision] = field(hash=False)

    # -- vocabularies -------------------------------------------------------------------

    def vocabulary(self, enum_cls: type[StrEnum]) -> Vocabulary:
        """The vocabulary holding the labels of ``enum_cls``.

        Raises:
            TypeError: ``enum_cls`` has no reference file (not in :data:`ENUM_FILES`).
        """
        try:
            filename = ENUM_FILES[enum_cls]
        except KeyError:
            raise TypeError(f"{enum_cls.__name__} has no reference vocabulary") from None
        vocabulary: Vocabulary = getattr(self, REFERENCE_FILES[filename])
        return vocabulary

    def label(self, value: StrEnum, lang: str = "fr") -> str:
        """The label of an enum member, e.g. ``label(LegalBasis.CONSENT, "en")``."""
        return self.vocabulary(type(value)).label(value.value, lang)

    # -- countries ----------------------------------------------------------------------

    def is_eea(self, code: str) -> bool:
        """True for a member of the European Economic Area (EU-27, Iceland, Liechtenstein,
        Norway)."""
        return _normalise_code(code) in self.eea

    def adequacy(self, code: str) -> AdequacyDecision | None:
        """The adequacy decision for the country, in force or not, or None."""
        return self.decisions.get(_normalise_code(code))

    def country_status(self, code: str, on: date | None = None) -> CountryStatus:
        """Where the country stands on day ``on`` (today by default).

        A decision that expired before ``on`` counts as no decision; an unknown code is a
        third country.
        """
        if self.is_eea(code):
            return CountryStatus.EEA
        decision = self.adequacy(code)
        if decision is None or not decision.in_force_on(on or date.today()):
            return CountryStatus.THIRD_COUNTRY
        return CountryStatus.ADEQUATE_PARTIAL if decision.is_partial else CountryStatus.ADEQUATE

    @staticmethod
    def is_country(code: str) -> bool:
        """True for an ISO 3166-1 alpha-2 country code (case-insensitive)."""
        return _country(code) is not None

    @staticmethod
    def country_name(code: str, lang: str = "fr") -> str:
        """The country's usual name in ``lang``; the code itself when it is unknown."""
        country = _country(code)
        return code if country is None else _country_name(country, _check_lang(lang))

    @staticmethod
    def countries(lang: str = "fr") -> list[tuple[str, str]]:
        """``(code, name)`` for every ISO 3166-1 country, sorted by name ignoring accents
        and case (so "Égypte" sorts among the E)."""
        return list(_sorted_countries(_check_lang(lang)))


# -- loading ------------------------------------------------------------------------------


def load_reference_from(directory: Path | str) -> ReferenceData:
    """Read and check every reference file in ``directory`` (not cached).

    Args:
        directory: The folder holding the files of :data:`REFERENCE_FILES`.

    Returns:
        The reference data.

    Raises:
        FileNotFoundError: A file is missing.
        ValueError: A file is malformed, repeats a code, lacks a French or English label,
            or does not hold exactly the codes of its enum; the message names the file.
    """
    directory = Path(directory)
    vocabularies = {
        attribute: _read_vocabulary(directory / filename)
        for filename, attribute in REFERENCE_FILES.items()
    }
    for enum_cls, filename in ENUM_FILES.items():
        _check_enum_codes(filename, vocabularies[REFERENCE_FILES[filename]], enum_cls)
    _check_data_category_groups(vocabularies["data_categories"])
    eea = vocabularies["eea"]
    decisions = _adequacy_decisions(vocabularies["adequacy_decisions"])
    in_both = sorted(code for code in decisions if code in eea)
    if in_both:
        raise ValueError(f"adequacy.json: EEA members need no adequacy decision: {in_both}")
    return ReferenceData(**vocabularies, decisions=MappingProxyType(decisions))


@cache
def load_reference() -> ReferenceData:
    """The reference data shipped with the application, read once and cached."""
    return load_reference_from(resource_path("reference"))


def label(value: StrEnum, lang: str = "fr") -> str:
    """The French or English label of an enum member, from the shipped reference data."""
    return load_reference().label(value, lang)


def _fail(filename: str, message: str) -> ValueError:
    return ValueError(f"{filename}: {message}")


def _read_vocabulary(path: Path) -> Vocabulary:
    filename = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"reference file missing: {path}") from None
    except json.JSONDecodeError as exc:
        raise _fail(filename, f"invalid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise _fail(filename, "expected a JSON object")
    keys = set(raw)
    if keys != _TOP_LEVEL_KEYS:
        raise _fail(
            filename,
            f"expected keys {sorted(_TOP_LEVEL_KEYS)}, missing {sorted(_TOP_LEVEL_KEYS - keys)}, "
            f"unexpected {sorted(keys - _TOP_LEVEL_KEYS)}",
        )
    if raw["name"] != path.stem:
        raise _fail(filename, f"name {raw['name']!r} does not match the file name")
    try:
        verified_on = date.fromisoformat(raw["verified_on"])
    except (TypeError, ValueError):
        raise _fail(filename, f"verified_on {raw['verified_on']!r} is not an ISO date") from None
    if not isinstance(raw["source"], str) or not raw["source"].strip():
        raise _fail(filename, "source must be a non-empty string")
    if not isinstance(raw["items"], list) or not raw["items"]:
        raise _fail(filename, "items must be a non-empty list")
    items = tuple(_read_term(filename, index, item) for index, item in enumerate(raw["items"]))
    counts = Counter(t.code for t in items)
    duplicates = sorted(code for code, count in counts.items() if count > 1)
    if duplicates:
        raise _fail(filename, f"duplicate codes {duplicates}")
    return Vocabulary(raw["name"], verified_on, raw["source"], items)


def _read_term(filename: str, index: int, item: Any) -> Term:
    where = f"item {index}"
    if not isinstance(item, dict):
        raise _fail(filename, f"{where} is not an object")
    item = dict(item)
    code = item.pop("code", None)
    if not isinstance(code, str) or not code:
        raise _fail(filename, f"{where} has no code")
    where = f"code {code!r}"
    if filename in _COUNTRY_FILES and _country(code) is None:
        raise _fail(filename, f"{where} is not an ISO 3166-1 alpha-2 country code")
    if filename in _COUNTRY_FILES and code != code.upper():
        raise _fail(filename, f"{where} must be upper case")
    raw_labels = item.pop("label", None)
    if raw_labels is None and filename in _COUNTRY_FILES:
        labels: Mapping[str, str] = _EMPTY
    else:
        labels = _bilingual(filename, f"{where} label", raw_labels)
    article = item.pop("article", None)
    if article is not None and (not isinstance(article, str) or not article.strip()):
        raise _fail(filename, f"{where} article must be a non-empty string or null")
    raw_help = item.pop("help", None)
    help_ = _EMPTY if raw_help is None else _bilingual(filename, f"{where} help", raw_help)
    return Term(code, labels, article, help_, MappingProxyType(item))


def _bilingual(filename: str, where: str, value: Any) -> Mapping[str, str]:
    """A ``{"fr": ..., "en": ...}`` object with both texts non-empty, read-only."""
    if not isinstance(value, dict):
        raise _fail(filename, f"{where} must be an object with 'fr' and 'en'")
    missing = [
        lang
        for lang in LANGUAGES
        if not isinstance(value.get(lang), str) or not value[lang].strip()
    ]
    if missing:
        raise _fail(filename, f"{where} lacks a non-empty text in {missing}")
    unexpected = sorted(set(value) - set(LANGUAGES))
    if unexpected:
        raise _fail(filename, f"{where} has unsupported languages {unexpected}")
    return MappingProxyType({lang: value[lang] for lang in LANGUAGES})


def _check_enum_codes(filename: str, vocabulary: Vocabulary, enum_cls: type[StrEnum]) -> None:
    expected = {member.value for member in enum_cls}
    actual = set(vocabulary.codes())
    if actual != expected:
        raise _fail(
            filename,
            f"codes differ from {enum_cls.__name__}: missing {sorted(expected - actual)}, "
            f"not in the enum {sorted(actual - expected)}",
        )


def _check_data_category_groups(vocabulary: Vocabulary) -> None:
    for term in vocabulary:
        category = DataCategory(term.code)
        expected = (
            "criminal" if category.is_criminal else "special" if category.is_special else "ordinary"
        )
        group = term.extra.get("group")
        if group not in _DATA_CATEGORY_GROUPS or group != expected:
            raise _fail(
                "data_categories.json",
                f"code {term.code!r} has group {group!r}, expected {expected!r}",
            )


def _adequacy_decisions(vocabulary: Vocabulary) -> dict[str, AdequacyDecision]:
    filename = "adequacy.json"
    decisions: dict[str, AdequacyDecision] = {}
    for term in vocabulary:
        where = f"code {term.code!r}"
        extra = term.extra
        decision = extra.get("decision")
        if not isinstance(decision, str) or not decision.strip():
            raise _fail(filename, f"{where} has no decision reference")
        raw_scope = extra.get("scope")
        scope = None if raw_scope is None else _bilingual(filename, f"{where} scope", raw_scope)
        raw_note = extra.get("note")
        note = None if raw_note is None else _bilingual(filename, f"{where} note", raw_note)
        certification = extra.get("requires_certification")
        if not isinstance(certification, bool):
            raise _fail(filename, f"{where} requires_certification must be true or false")
        raw_expiry = extra.get("expires_on")
        try:
            expires_on = None if raw_expiry is None else date.fromisoformat(raw_expiry)
        except (TypeError, ValueError):
            raise _fail(filename, f"{where} expires_on {raw_expiry!r} is not an ISO date") from None
        decisions[term.code] = AdequacyDecision(
            term.code, decision, scope, certification, expires_on, note
        )
    return decisions


# -- countries (pycountry) ----------------------------------------------------------------


def _normalise_code(code: str) -> str:
    return code.strip().upper()


def _country(code: str) -> Any | None:
    """The pycountry record for an alpha-2 code, or None."""
    if not isinstance(code, str):
        return None
    code = _normalise_code(code)
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        return None
    return pycountry.countries.get(alpha_2=code)


@cache
def _french() -> gettext.NullTranslations:
    """pycountry's French translations of ISO 3166-1 names (English if missing)."""
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return gettext.NullTranslations()


def _country_name(country: Any, lang: Lang) -> str:
    """Common name where ISO has one ("South Korea", "Corée du Sud"), else the short name."""
    name: str = country.name
    common: str | None = getattr(country, "common_name", None)
    if lang == "en":
        return common or name
    translations = _french()
    if common:
        translated = translations.gettext(common)
        if translated != common:
            return translated
    return translations.gettext(name)


def collation_key(text: str) -> str:
    """A locale-independent sort key: accents removed, case folded ("Égypte" -> "egypte")."""
    from ropa_app.domain.search import fold  # search imports this module lazily, too

    return fold(text)


@cache
def _sorted_countries(lang: Lang) -> tuple[tuple[str, str], ...]:
    pairs = [(c.alpha_2, _country_name(c, lang)) for c in pycountry.countries]
    return tuple(sorted(pairs, key=lambda pair: (collation_key(pair[1]), pair[1], pair[0])))
