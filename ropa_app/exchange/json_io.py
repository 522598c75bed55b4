"""The JSON interchange format: a whole register in one file, losslessly.

The file is UTF-8 JSON, indented, keys in the documents' field order, ending with a newline;
the same register always gives the same bytes. Its JSON Schema is generated from the
document classes and shipped as ``resources/schema/register.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ropa_app.domain.documents import FORMAT_NAME, FORMAT_VERSION, RegisterDoc
from ropa_app.exchange.files import atomic_write, read_input
from ropa_app.store.errors import InvalidDocumentError, RopaError

SCHEMA_ID = "urn:ropa:schema:register:1"


def register_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the interchange document."""
    schema = RegisterDoc.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ROPA register (GDPR Art. 30 record of processing activities)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as it is shipped (stable formatting, trailing newline)."""
    return json.dumps(register_schema(), ensure_ascii=False, indent=2) + "\n"


def dumps(doc: RegisterDoc) -> bytes:
    """The document as interchange-format bytes."""
    text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_register(path: Path, doc: RegisterDoc) -> None:
    """Write the document to ``path`` atomically (a failed write leaves no half file)."""
    atomic_write(path, dumps(doc))


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def loads(data: bytes, source: str = "the document") -> RegisterDoc:
    """Parse and validate interchange bytes.

    Raises:
        RopaError: not JSON, or not a ROPA register document.
        InvalidDocumentError: a value breaks the schema; each problem names its path.
    """
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RopaError(f"{source} is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise RopaError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise RopaError(
            f"{source} is not a ROPA register export (no \"format\": \"{FORMAT_NAME}\")"
        )
    if raw.get("format_version") != FORMAT_VERSION:
        raise RopaError(
            f"{source} uses format version {raw.get('format_version')!r}; "
            f"this version of ROPA reads version {FORMAT_VERSION}"
        )
    try:
        return RegisterDoc.model_validate_json(data, strict=True)
    except ValidationError as exc:
        problems = [(_loc(tuple(e["loc"])), e["msg"]) for e in exc.errors(include_url=False)]
        raise InvalidDocumentError(problems) from exc


def read_register(path: Path) -> RegisterDoc:
    """Read and validate an interchange file."""
    return loads(read_input(path), str(path))
