"""Column types shared by the tables: enums stored by value, UTC timestamps, JSON lists."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import String, Text, TypeDecorator


class EnumCode(TypeDecorator[StrEnum]):
    """A ``StrEnum`` stored as its code (VARCHAR), read back as the enum member.

    No CHECK constraint in the database, so adding a code to a vocabulary needs no
    migration; Python refuses unknown codes on the way in and on the way out.
    """

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> StrEnum | None:
        if value is None:
            return None
        return self.enum_cls(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored as UTC ISO text, identical on SQLite and PostgreSQL.

    Naive datetimes are refused: every timestamp in a register must say its time zone.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"timestamp must be timezone-aware: {value!r}")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value).astimezone(UTC)


class JSONList(TypeDecorator[list[Any]]):
    """A short list of codes stored as compact JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return json.dumps(list(value or []), ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: Any, dialect: Dialect) -> list[Any]:
        return list(json.loads(value)) if value else []
