"""The embedded font of the PDF exports: DejaVu Sans, shipped in ``resources/fonts``.

reportlab's built-in Helvetica has no Polish, Czech, Greek or Cyrillic glyphs and is not
embedded; DejaVu Sans covers them and is embedded (as subsets) in every PDF. The four faces
are registered as one family so that ``<b>`` and ``<i>`` in paragraph markup pick the bold
and oblique files.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ropa_app.resources import resource_path

FAMILY = "DejaVuSans"
REGULAR = FAMILY
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"

_FACES = {  # face name -> (file, bold, italic)
    REGULAR: ("DejaVuSans.ttf", 0, 0),
    BOLD: ("DejaVuSans-Bold.ttf", 1, 0),
    OBLIQUE: ("DejaVuSans-Oblique.ttf", 0, 1),
    BOLD_OBLIQUE: ("DejaVuSans-BoldOblique.ttf", 1, 1),
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the DejaVu Sans family with reportlab (once per process); its name.

    reportlab keeps registered fonts in a process-wide table, so this is idempotent and
    safe to call from the export worker thread.
    """
    global _registered
    with _lock:
        if not _registered:
            for face, (filename, bold, italic) in _FACES.items():
                path = resource_path("fonts", filename)
                pdfmetrics.registerFont(TTFont(face, str(path)))
                addMapping(FAMILY, bold, italic, face)
            _registered = True
    return FAMILY
