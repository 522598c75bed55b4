"""The read-only lines of the editor: where the record stands (register, version, unsaved
changes), who changed its status and validated it, and the organisation's own block."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QObject, QTimeZone

from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.models import OrganisationBase
from ropa_app.domain.reference import load_reference
from ropa_app.ui.editor.document import EditorDocument
from ropa_app.ui.editor.labels import Vocabularies


class StampTexts(QObject):
    """Words for the stamps the store maintains and for the organisation block."""

    def __init__(self, vocab: Vocabularies, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vocab = vocab

    @staticmethod
    def moment(value: datetime | None) -> str:
        """A timestamp in local time, in the locale's short format."""
        if value is None:
            return ""
        local = QDateTime(value).toTimeZone(QTimeZone.systemTimeZone())
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)

    def state_line(self, register: RegisterKind, is_new: bool, version: int,
                   dirty: bool) -> str:
        """"Controller's register · version 3 · unsaved changes"."""
        parts = [self._vocab.label(register)]
        parts.append(self.tr("new record, not saved yet") if is_new
                     else self.tr("version %1").replace("%1", str(version)))
        if dirty and not is_new:
            parts.append(self.tr("unsaved changes"))
        return " · ".join(parts)

    def status_line(self, document: EditorDocument) -> str:
        """Who changed the status and when, who validated and when, created and updated."""
        lines = []
        who, when = document.stamp("status_changed_by"), document.stamp("status_changed_at")
        if who or when:
            lines.append(self.tr("Status set by %1 on %2").replace("%1", who or "?")
                         .replace("%2", self.moment(when) or "?"))
        who, when = document.stamp("validated_by"), document.stamp("validated_at")
        if who or when:
            lines.append(self.tr("Validated by %1 on %2").replace("%1", who or "?")
                         .replace("%2", self.moment(when) or "?"))
        created, updated = document.stamp("created_at"), document.stamp("updated_at")
        if created is not None:
            lines.append(self.tr("Created %1, last saved %2").replace(
                "%1", self.moment(created)).replace("%2", self.moment(updated)))
        return "\n".join(lines)

    def organisation(self, org: OrganisationBase, register: RegisterKind) -> str:
        """The organisation's block of the fiche (edited with the organisation)."""
        ref = load_reference()
        place = ", ".join(p for p in (org.address, f"{org.postcode} {org.city}".strip(),
                                      ref.country_name(org.country, self._vocab.lang)
                                      if org.country else "") if p)
        who = (self.tr("Processor: %1") if register is RegisterKind.PROCESSOR
               else self.tr("Controller: %1")).replace("%1", org.name)
        lines = [f"{who} — {place}" if place else who]
        if org.dpo_name:
            dpo = org.dpo_name + (f" ({org.dpo_company})" if org.dpo_company else "")
            lines.append(self.tr("Data protection officer: %1").replace("%1", dpo))
        if org.representative_name:
            lines.append(self.tr("Representative: %1").replace("%1", org.representative_name))
        lines.append(self.tr("(These details are edited with the organisation.)"))
        return "\n".join(lines)
