"""Text search over records: accent- and case-insensitive, across every word of a record.

Each record carries a precomputed search text (kept in the register next to the record and
rewritten at every save), so the list can filter thousands of records as the user types
without loading them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from pydantic import BaseModel

from ropa_app.domain.documents import RecordDoc

#: Every combining mark of the Basic Multilingual Plane.
_COMBINING_MARKS = re.compile("[{}]".format("".join(
    re.escape(chr(cp)) for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))
)))


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` ("Données Santé" -> "donnees sante").

    Written for speed (it runs on every field of every record): ASCII text is only
    lower-cased, and marks are deleted by one regular expression.
    """
    if text.isascii():
        return text.lower()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


@cache
def _code_words(enum_cls: type[StrEnum], code: str) -> str:
    # Keyed by class and code: members of different vocabularies share codes ("other").
    from ropa_app.domain.reference import load_reference

    ref = load_reference()
    value = enum_cls(code)
    return f"{code}\n{ref.label(value, 'fr')}\n{ref.label(value, 'en')}"


#: Fields that say nothing to tell records apart (every record of a list shares them).
_SKIPPED = frozenset({"register_kind", "version", "created_at", "updated_at"})


def _words(value: object, out: list[str]) -> None:
    if isinstance(value, StrEnum):
        out.append(_code_words(type(value), value.value))
    elif isinstance(value, str):
        if value:
            out.append(value)
    elif isinstance(value, list | tuple):
        for item in value:
            _words(item, out)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _SKIPPED:
                _words(getattr(value, name), out)


def record_search_text(doc: RecordDoc) -> str:
    """Every text of the record, with the French and English labels of its codes, folded.

    Matching every word a user types against this text finds a record "by typing part of
    any of its words".
    """
    out: list[str] = []
    _words(doc, out)
    # Each distinct word once: every word of a query is matched on its own, so repeats add
    # nothing but length to scan (the text is about four times shorter this way).
    return "\n".join(dict.fromkeys(fold("\n".join(out)).split()))


def matches(search_text: str, query: str) -> bool:
    """True if every word of ``query`` occurs in the (folded) ``search_text``."""
    return all(word in search_text for word in fold(query).split())
