"""User text made safe for reportlab's paragraph markup, and cut into printable pieces.

reportlab's :class:`~reportlab.platypus.Paragraph` parses its text as XML-like markup, so a
DPO's ``<b>`` or ``&amp;`` would be interpreted (or raise). Every piece of user text goes
through :func:`markup` first and prints exactly as typed.

A table cell taller than a page makes reportlab raise ``LayoutError``; :func:`chunks` cuts
long text into pieces of a bounded height, which the renderers lay out as continuation rows.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\t": " "})


def clean(value: str) -> str:
    """``value`` with line ends made ``\\n``, tabs spaces and control characters dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", value)


def markup(value: str) -> str:
    """Paragraph markup that prints ``value`` as typed, line breaks included."""
    return clean(value).translate(_ESCAPES).replace("\n", "<br/>")


def _estimate_lines(line: str, chars_per_line: int) -> int:
    return max(1, -(-len(line) // chars_per_line))


def _cut_line(line: str, size: int) -> list[str]:
    """A too-long line cut into pieces of at most ``size`` characters, at spaces if possible."""
    pieces = []
    while len(line) > size:
        cut = line.rfind(" ", size // 2, size)
        if cut <= 0:
            cut = size  # one very long word: cut it, the paragraph would split it anyway
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def chunks(value: str, chars_per_line: int, max_lines: int) -> list[str]:
    """``value`` cut into pieces of about ``max_lines`` lines of ``chars_per_line`` characters.

    Cuts fall between lines, or at a space inside a very long line, so reading the pieces
    one after the other gives the text back. Short text comes back as one piece.
    """
    value = clean(value)
    chars_per_line = max(chars_per_line, 8)
    if len(value) <= chars_per_line * max_lines // 2 and value.count("\n") < max_lines // 2:
        return [value]  # the common case, decided without splitting anything
    budget = chars_per_line * max_lines
    result: list[str] = []
    current: list[str] = []
    used = 0
    for line in value.split("\n"):
        for piece in _cut_line(line, budget) if len(line) > budget else [line]:
            need = _estimate_lines(piece, chars_per_line)
            if current and used + need > max_lines:
                result.append("\n".join(current))
                current, used = [], 0
            current.append(piece)
            used += need
    result.append("\n".join(current))
    return result
