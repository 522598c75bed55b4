"""Tests of the reference data files and their loader (ropa_app.domain.reference)."""

from __future__ import annotations

import inspect
import json
import shutil
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import pycountry
import pytest

from ropa_app import resources
from ropa_app.domain import enums
from ropa_app.domain.enums import DataCategory, LegalBasis, TransferMechanism
from ropa_app.domain.reference import (
    ENUM_FILES,
    REFERENCE_FILES,
    CountryStatus,
    ReferenceData,
    collation_key,
    label,
    load_reference,
    load_reference_from,
)
from ropa_app.resources import resource_path

ENUMS_OF_ENUMS_PY = [
    obj
    for _, obj in inspect.getmembers(enums, inspect.isclass)
    if issubclass(obj, StrEnum) and obj is not StrEnum and obj.__module__ == enums.__name__
]
EU_27 = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip
ADEQUATE_2026 = {
    "AD", "AR", "BR", "CA", "FO", "GG", "IM", "IL", "JP", "JE", "NZ", "KR", "CH", "GB",
    "US", "UY",
}  # fmt: skip


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    """The shipped reference data."""
    return load_reference()


@pytest.fixture()
def reference_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped reference folder."""
    target = tmp_path / "reference"
    shutil.copytree(resource_path("reference"), target)
    return target


def _edit(directory: Path, filename: str) -> tuple[dict[str, Any], Path]:
    path = directory / filename
    return json.loads(path.read_text(encoding="utf-8")), path


def _save(doc: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


# -- files and vocabularies ------------------------------------------------------------------


def test_every_enum_of_enums_py_has_a_file() -> None:
    """Each StrEnum defined in enums.py is mapped to a reference file."""
    assert ENUMS_OF_ENUMS_PY, "no enum found in enums.py"
    missing = [e.__name__ for e in ENUMS_OF_ENUMS_PY if e not in ENUM_FILES]
    assert missing == []


def test_every_reference_file_is_shipped() -> None:
    """Every file the loader expects exists in resources/reference and no stray file does."""
    shipped = {p.name for p in resource_path("reference").glob("*.json")}
    assert shipped == set(REFERENCE_FILES)


@pytest.mark.parametrize("enum_cls", list(ENUM_FILES), ids=lambda e: e.__name__)
def test_every_code_has_french_and_english_labels(
    ref: ReferenceData, enum_cls: type[StrEnum]
) -> None:
    """Every enum value has a non-empty label, different from its code, in fr and en."""
    vocabulary = ref.vocabulary(enum_cls)
    assert set(vocabulary.codes()) == {m.value for m in enum_cls}
    for member in enum_cls:
        for lang in ("fr", "en"):
            text = vocabulary.label(member.value, lang)
            assert text.strip() and text != member.value, (member, lang)


def test_file_headers_carry_date_and_source(ref: ReferenceData) -> None:
    """Each file records when it was verified and the official text it comes from."""
    for attribute in REFERENCE_FILES.values():
        vocabulary = getattr(ref, attribute)
        assert vocabulary.verified_on <= date(2026, 12, 31)
        assert vocabulary.source.strip()


def test_label_helper_finds_the_vocabulary_of_an_enum_member() -> None:
    """label() picks the right file from the member's enum and honours the language."""
    assert label(LegalBasis.CONSENT, "en") == "Consent of the data subject"
    assert label(DataCategory.HEALTH, "fr") == "Données concernant la santé"
    assert label(CountryStatus.THIRD_COUNTRY, "en").startswith("Third country")


def test_unknown_code_is_returned_as_is_and_bad_language_raises(ref: ReferenceData) -> None:
    """An unknown code labels as itself; an unsupported language is a ValueError."""
    assert ref.legal_bases.label("no_such_code", "en") == "no_such_code"
    assert "no_such_code" not in ref.legal_bases
    assert "consent" in ref.legal_bases
    with pytest.raises(ValueError, match="unsupported language"):
        ref.legal_bases.label("consent", "de")


def test_cnil_model_wording_is_used(ref: ReferenceData) -> None:
    """French labels of the CNIL lists follow the CNIL model spreadsheet."""
    assert ref.data_categories.label("identity") == (
        "État civil, identité, données d'identification, images"
    )
    assert ref.subject_categories.label("service_providers") == "Prestataires"
    assert ref.recipient_types.label("third_country") == (
        "Destinataire dans un pays tiers ou organisation internationale"
    )
    assert ref.security_measure_types.label("access_control") == (
        "Contrôle d'accès des utilisateurs"
    )
    assert ref.register_kinds.label("controller", "en") == (
        "Controller's record of processing activities (Art. 30(1))"
    )


def test_data_category_groups_match_the_enum(ref: ReferenceData) -> None:
    """Special categories are grouped 'special', Art. 10 data 'criminal', the rest 'ordinary'."""
    groups = {t.code: t.extra["group"] for t in ref.data_categories}
    assert {c for c, g in groups.items() if g == "special"} == {
        c.value for c in DataCategory if c.is_special
    }
    assert [c for c, g in groups.items() if g == "criminal"] == ["criminal"]
    assert ref.data_categories.get("criminal").article == "10"  # type: ignore[union-attr]


def test_articles_of_legal_bases_and_transfer_mechanisms(ref: ReferenceData) -> None:
    """Legal bases, Art. 9 conditions and Chapter V mechanisms each cite their provision."""
    assert [t.article for t in ref.legal_bases] == [f"6(1)({x})" for x in "abcdef"]
    assert [t.article for t in ref.art9_conditions] == [f"9(2)({x})" for x in "abcdefghij"]
    assert ref.transfer_mechanisms.get(TransferMechanism.SCC_COMMISSION).article == "46(2)(c)"  # type: ignore[union-attr]
    assert all(t.article for t in ref.transfer_mechanisms)
    second = ref.transfer_mechanisms.get("art49_1_second")
    assert second is not None and second.article == "49(1) second subparagraph"


def test_dpia_lists(ref: ReferenceData) -> None:
    """Nine EDPB criteria; fourteen CNIL processing types numbered 1 to 14."""
    assert len(ref.dpia_criteria) == 9
    assert len(ref.cnil_dpia_list) == 14
    assert [t.extra["number"] for t in ref.cnil_dpia_list] == list(range(1, 15))
    assert ref.cnil_dpia_list.label("social_housing") == (
        "Instruction des demandes et gestion des logements sociaux"
    )


# -- countries -------------------------------------------------------------------------------


def test_eea_has_the_30_members(ref: ReferenceData) -> None:
    """The EEA is the EU-27 plus Iceland, Liechtenstein and Norway, all valid ISO codes."""
    codes = set(ref.eea.codes())
    assert len(ref.eea) == 30
    assert codes == EU_27 | {"IS", "LI", "NO"}
    assert all(pycountry.countries.get(alpha_2=code) for code in codes)


def test_adequacy_list_is_the_16_of_the_design(ref: ReferenceData) -> None:
    """Exactly the 16 countries and territories with an adequacy decision as of 2026."""
    assert set(ref.adequacy_decisions.codes()) == ADEQUATE_2026
    assert set(ref.decisions) == ADEQUATE_2026
    assert all(ref.is_country(code) for code in ADEQUATE_2026)
    assert "2026/179" in ref.adequacy("BR").decision  # type: ignore[union-attr]
    assert "2019/419" in ref.adequacy("JP").decision  # type: ignore[union-attr]


def test_only_the_us_requires_certification(ref: ReferenceData) -> None:
    """The US decision covers Data Privacy Framework participants only."""
    certified = [code for code, d in ref.decisions.items() if d.requires_certification]
    assert certified == ["US"]
    us = ref.adequacy("us")
    assert us is not None and "2023/1795" in us.decision
    assert "Data Privacy Framework" in (us.scope_label("en") or "")


def test_uk_decision_expires_end_of_2031(ref: ReferenceData) -> None:
    """The UK decision applies until 27 Dec 2031 inclusive, then the UK is a third country."""
    uk = ref.adequacy("GB")
    assert uk is not None and uk.expires_on == date(2031, 12, 27)
    assert ref.country_status("GB", date(2031, 12, 27)) is CountryStatus.ADEQUATE
    assert ref.country_status("GB", date(2032, 1, 1)) is CountryStatus.THIRD_COUNTRY


def test_country_statuses(ref: ReferenceData) -> None:
    """FR is EEA, CH adequate, JP/CA/US adequate with a limited scope, CN a third country."""
    day = date(2026, 11, 22)
    assert ref.country_status("FR", day) is CountryStatus.EEA
    assert ref.country_status("NO", day) is CountryStatus.EEA
    assert ref.country_status("CH", day) is CountryStatus.ADEQUATE
    assert ref.country_status("JP", day) is CountryStatus.ADEQUATE_PARTIAL
    assert ref.country_status("JP", day).has_adequacy_decision
    assert ref.country_status("CA", day) is CountryStatus.ADEQUATE_PARTIAL
    assert ref.country_status("US", day) is CountryStatus.ADEQUATE_PARTIAL
    assert ref.country_status("CN", day) is CountryStatus.THIRD_COUNTRY
    assert not ref.country_status("CN", day).has_adequacy_decision
    assert ref.country_status("fr") is CountryStatus.EEA
    assert ref.is_eea("FR") and not ref.is_eea("CH")
    assert ref.adequacy("CN") is None


def test_country_names_in_french_and_english(ref: ReferenceData) -> None:
    """Country names come from ISO 3166 via pycountry, translated to French."""
    assert ref.country_name("DE", "fr") == "Allemagne"
    assert ref.country_name("DE", "en") == "Germany"
    assert ref.country_name("us", "fr") == "États-Unis"
    assert ref.country_name("XX", "fr") == "XX"
    assert ref.is_country("de") and not ref.is_country("XX") and not ref.is_country("EUR")


def test_countries_sort_ignoring_accents(ref: ReferenceData) -> None:
    """countries() lists all ISO countries by name, "Égypte" among the E, not after Z."""
    french = ref.countries("fr")
    assert len(french) == len(pycountry.countries)
    names = [name for _, name in french]
    keys = [collation_key(name) for name in names]
    assert keys == sorted(keys)
    egypt = names.index("Égypte")
    assert collation_key(names[egypt - 1]) < "egypte" < collation_key(names[egypt + 1])
    assert names[egypt + 1][0] in "EÉ" and names[-1][0] not in "ÉÎ"
    assert ("DE", "Germany") in ref.countries("en")


# -- loader --------------------------------------------------------------------------------


def test_load_reference_is_cached() -> None:
    """load_reference() reads the files once and returns the same object afterwards."""
    assert load_reference() is load_reference()


def test_loader_accepts_a_copy_of_the_shipped_files(reference_copy: Path) -> None:
    """load_reference_from() reads any folder holding a valid set of files."""
    assert load_reference_from(reference_copy).legal_bases.codes() == tuple(LegalBasis)


def test_loader_rejects_a_missing_label(reference_copy: Path) -> None:
    """A label without its English text makes the loader fail, naming the file and code."""
    doc, path = _edit(reference_copy, "legal_bases.json")
    del doc["items"][0]["label"]["en"]
    _save(doc, path)
    with pytest.raises(ValueError, match=r"legal_bases\.json: code 'consent' label.*'en'"):
        load_reference_from(reference_copy)


def test_loader_rejects_a_code_not_in_the_enum(reference_copy: Path) -> None:
    """A code absent from the enum makes the loader fail, naming the file and the code."""
    doc, path = _edit(reference_copy, "subject_categories.json")
    doc["items"].append({"code": "aliens", "label": {"fr": "Extraterrestres", "en": "Aliens"}})
    _save(doc, path)
    with pytest.raises(ValueError, match=r"subject_categories\.json.*not in the enum \['aliens'\]"):
        load_reference_from(reference_copy)


def test_loader_rejects_a_missing_enum_code(reference_copy: Path) -> None:
    """A file that lacks one of its enum's codes makes the loader fail."""
    doc, path = _edit(reference_copy, "legal_bases.json")
    doc["items"] = [item for item in doc["items"] if item["code"] != "consent"]
    _save(doc, path)
    with pytest.raises(ValueError, match=r"legal_bases\.json.*missing \['consent'\]"):
        load_reference_from(reference_copy)


def test_loader_rejects_duplicate_codes(reference_copy: Path) -> None:
    """A code listed twice in a file makes the loader fail."""
    doc, path = _edit(reference_copy, "cnil_dpia_list.json")
    doc["items"].append(doc["items"][0])
    _save(doc, path)
    with pytest.raises(ValueError, match=r"cnil_dpia_list\.json: duplicate codes"):
        load_reference_from(reference_copy)


def test_loader_rejects_an_invalid_country_code(reference_copy: Path) -> None:
    """A country file holding a code that is not ISO 3166-1 alpha-2 makes the loader fail."""
    doc, path = _edit(reference_copy, "eea.json")
    doc["items"][0]["code"] = "EL"  # the EU's code for Greece, not ISO's
    _save(doc, path)
    with pytest.raises(ValueError, match=r"eea\.json: code 'EL' is not an ISO"):
        load_reference_from(reference_copy)


def test_loader_reports_a_missing_file(reference_copy: Path) -> None:
    """A missing reference file is a FileNotFoundError naming it."""
    (reference_copy / "dpia_criteria.json").unlink()
    with pytest.raises(FileNotFoundError, match=r"dpia_criteria\.json"):
        load_reference_from(reference_copy)


# -- resource resolver -----------------------------------------------------------------------


def test_resource_path_finds_the_source_tree() -> None:
    """From a checkout, resources come from <repo>/resources."""
    repo = Path(resources.__file__).resolve().parent.parent
    assert resource_path("reference", "eea.json") == repo / "resources" / "reference" / "eea.json"


def test_resource_path_uses_the_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When frozen, sys._MEIPASS/resources is searched too."""
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "only-in-bundle.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("only-in-bundle.txt") == tmp_path / "resources" / "only-in-bundle.txt"


def test_resource_path_names_the_places_it_looked() -> None:
    """A missing resource raises FileNotFoundError listing every root tried."""
    with pytest.raises(FileNotFoundError) as excinfo:
        resource_path("no", "such.file")
    message = str(excinfo.value)
    assert "no/such.file" in message
    for root in resources.resource_roots():
        assert str(root) in message
