"""What the editor calls things: field names in the UI language and vocabulary labels.

The core speaks in field names and codes (STYLE §11); this module turns them into the
words shown in the form, the table headers, the problem messages and the conflict dialog.
Reference labels come from the shipped vocabularies (French or English, following the UI
locale); the editor's own words go through ``self.tr``.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from PySide6.QtCore import QObject

from ropa_app.domain.enums import Art9Condition, LegalBasis, RegisterKind, TransferMechanism
from ropa_app.domain.reference import load_reference
from ropa_app.ui.register_model import ui_language

#: Vocabularies whose labels are shown after their GDPR article ("Art. 6(1)(a) – Consent…"):
#: for these the article is how a DPO recognises the choice.
_CITED: frozenset[type[StrEnum]] = frozenset({LegalBasis, Art9Condition, TransferMechanism})


class Vocabularies(QObject):
    """Labels of codes in the UI language (``"fr"`` when the locale is French, else ``"en"``).

    Args:
        lang: ``"fr"`` or ``"en"``; the UI locale's by default.
    """

    def __init__(self, lang: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang if lang is not None else ui_language()
        self._ref = load_reference()

    def label(self, value: StrEnum | None) -> str:
        """The label of a code, with its article for legal bases, Art. 9(2) conditions and
        transfer mechanisms; ``""`` for None."""
        if value is None:
            return ""
        vocabulary = self._ref.vocabulary(type(value))
        text = vocabulary.label(value.value, self.lang)
        term = vocabulary.get(value.value)
        if type(value) in _CITED and term is not None and term.article:
            return self.tr("Art. %1 – %2").replace("%1", term.article).replace("%2", text)
        return text

    def help(self, value: StrEnum | None) -> str:
        """The short explanation of a code, or ``""``."""
        if value is None:
            return ""
        return self._ref.vocabulary(type(value)).help(value.value, self.lang) or ""

    def choices(self, enum_cls: type[StrEnum],
                only: Collection[StrEnum] | None = None) -> list[tuple[StrEnum, str]]:
        """``(member, label)`` pairs in the reference file's order, optionally restricted."""
        members = [enum_cls(code) for code in self._ref.vocabulary(enum_cls).codes()]
        return [(m, self.label(m)) for m in members if only is None or m in only]

    def cnil_dpia_choices(self) -> list[tuple[str, str, str]]:
        """``(code, label, help)`` of the CNIL's list of processing requiring a DPIA."""
        return [(t.code, t.label(self.lang), t.help_text(self.lang) or "")
                for t in self._ref.cnil_dpia_list]

    def cnil_dpia_label(self, code: str) -> str:
        """The label of an entry of the CNIL's DPIA list (the code if unknown)."""
        return self._ref.cnil_dpia_list.label(code, self.lang)


class FieldLabels(QObject):
    """The name of every field of a record and of its list items, as the form shows it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        tr = self.tr
        self._fields: dict[str, str] = {
            "register_kind": tr("Register"),
            "reference": tr("Reference"),
            "name": tr("Name"),
            "description": tr("Description"),
            "business_function": tr("Business function"),
            "owner": tr("Owner"),
            "software": tr("Software"),
            "status": tr("Status"),
            "last_review": tr("Last review"),
            "last_reviewed_by": tr("Reviewed by"),
            "next_review": tr("Next review"),
            "data_source": tr("Source of the data"),
            "data_source_details": tr("Source details"),
            "automated_decision": tr("Automated decision (Art. 22)"),
            "profiling": tr("Profiling"),
            "automated_decision_details": tr("Decision and profiling details"),
            "dpia_criteria": tr("EDPB criteria met"),
            "dpia_cnil_list": tr("CNIL list of processing requiring a DPIA"),
            "dpia_decision": tr("DPIA decision"),
            "dpia_reason": tr("Reason"),
            "dpia_reference": tr("DPIA reference"),
            "notes": tr("Notes"),
            "parties": tr("Actors"),
            "purposes": tr("Purposes"),
            "subjects": tr("Data subjects"),
            "data_categories": tr("Data categories"),
            "recipients": tr("Recipients"),
            "transfers": tr("Transfers outside the EEA"),
            "security_measures": tr("Security measures"),
        }
        self._items: dict[str, str] = {
            "third_party": tr("Third party"),
            "role": tr("Role"),
            "kind": tr("Kind"),
            "legal_basis": tr("Legal basis (Art. 6(1))"),
            "justification": tr("Justification"),
            "legitimate_interest": tr("Legitimate interest"),
            "balancing_test_reference": tr("Balancing test"),
            "consent_details": tr("Consent details"),
            "category": tr("Category"),
            "label": tr("Label"),
            "details": tr("Details"),
            "description": tr("Description"),
            "retention_value": tr("Retention"),
            "retention_unit": tr("Unit"),
            "retention_criterion": tr("Retention criterion"),
            "retention_start": tr("Runs from"),
            "retention_outcome": tr("At the end"),
            "art9_condition": tr("Art. 9(2) condition"),
            "art10_ground": tr("Art. 10 ground"),
            "recipient_type": tr("Type"),
            "name": tr("Name"),
            "recipient": tr("Recipient"),
            "country": tr("Country"),
            "country_status": tr("Country status"),
            "international_organisation": tr("International organisation"),
            "mechanism": tr("Mechanism (Chapter V)"),
            "documentation": tr("Documentation"),
            "tia_reference": tr("TIA reference"),
            "measure_type": tr("Type"),
        }

    def field(self, name: str) -> str:
        """The label of a record field or list; the name itself if unknown."""
        return self._fields.get(name, name)

    def item_field(self, name: str) -> str:
        """The label of a list item's field (a table column)."""
        return self._items.get(name, name)

    def party_details(self, register: RegisterKind) -> str:
        """What a party's details hold in each register."""
        if register is RegisterKind.PROCESSOR:
            return self.tr("Categories of processing")
        return self.tr("Arrangement (Art. 26)")

    def parties_title(self, register: RegisterKind) -> str:
        """The heading of the parties table in each register."""
        if register is RegisterKind.PROCESSOR:
            return self.tr("Controllers on whose behalf we act (Art. 30(2))")
        return self.tr("Joint controllers (Art. 26)")

    def path(self, path: str) -> str:
        """A problem path in words: ``purposes[1].legal_basis`` -> "Purposes, row 2: Legal
        basis (Art. 6(1))"."""
        head, _, leaf = path.partition(".")
        name, _, index = head.partition("[")
        where = self.field(name)
        if index:
            row = int(index.rstrip("]")) + 1
            where = self.tr("%1, row %2").replace("%1", where).replace("%2", str(row))
        if leaf:
            where = f"{where}: {self.item_field(leaf)}"
        return where
